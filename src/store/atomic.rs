//! Atomic file replacement: a temporary file in the same folder, written and fsynced,
//! renamed over the target, then the folder fsynced. A reader (or a crash) sees the old
//! complete file or the new complete file, never a mix.
//!
//! The temporary file of `x.json` is `.x.json.<random>.tmp`: hidden, and named after its
//! session, so that whoever holds the session's lock can remove what a killed process
//! left behind ([`remove_leftovers`]).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder a file is in (`.` for a bare name).
pub fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

/// Replaces `path` with `bytes` atomically and durably.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Replaces `path` atomically and durably with what `fill` writes into the new file (so
/// a large file need not be in memory first); returns what `fill` returned.
pub fn write_atomic_with<T>(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let dir = folder(path);
    // A fresh temporary file each time: after a failed write or fsync the old one is
    // not trusted (its pages may be lost while the kernel reports them clean).
    let prefix = temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(permissions(path));
    let mut tmp = builder.tempfile_in(dir)?;
    // On any error below, dropping `tmp` removes the temporary file.
    let out = fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    // On error `persist` hands the file back; dropping it removes the temporary file.
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)?;
    Ok(out)
}

/// The permissions of the file being replaced, so a save does not change who may read
/// it; for a new file, what the user's umask allows (as for any file they create).
#[cfg(unix)]
fn permissions(path: &Path) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o666),
    }
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

/// The temporary files of `path` that a killed process left behind.
pub fn leftovers(path: &Path) -> Vec<PathBuf> {
    let prefix = temp_prefix(path);
    std::fs::read_dir(folder(path))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| {
                    let name = e.file_name();
                    let name = name.to_string_lossy();
                    name.starts_with(&prefix) && name.ends_with(".tmp")
                })
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

/// Removes the temporary files of `path` left behind by a killed process. Only call this
/// while holding the session's lock: then no one else is writing one.
pub fn remove_leftovers(path: &Path) {
    for file in leftovers(path) {
        let _ = std::fs::remove_file(file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        write_atomic(&path, b"old").unwrap();
        // The target is a folder that is not empty: the rename fails after the write.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("x"), b"x").unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert!(leftovers(&blocked).is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn leftovers_of_one_session_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(dir.path().join(".s.json.abc123.tmp"), b"half").unwrap();
        std::fs::write(dir.path().join(".t.json.abc123.tmp"), b"other").unwrap();
        assert_eq!(leftovers(&path).len(), 1);
        remove_leftovers(&path);
        assert!(leftovers(&path).is_empty());
        assert!(dir.path().join(".t.json.abc123.tmp").exists());
    }
}
