//! Atomic file replacement: a temporary file in the same folder, written and fsynced,
//! renamed over the target, then the folder fsynced. A reader (or a crash) sees the old
//! complete file or the new complete file, never a mix.

use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // A fresh temporary file each time: after a failed fsync the old one is not trusted.
    let mut tmp = tempfile::Builder::new()
        .prefix(".samenspel-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On error `persist` hands the file back; dropping it removes the temporary file.
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

/// Fsyncs a folder so that a rename in it is durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
