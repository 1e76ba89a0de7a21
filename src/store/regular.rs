//! Opening a file that someone else may have put there: only an ordinary file is read.
//! A named pipe (FIFO) would block the first read forever, `/dev/zero` never ends, a
//! directory or a socket cannot be read at all; each is refused before it is read, with
//! the file's name and what it is. Every reader of the store (sessions, scenarios, the
//! settings, the session list) goes through [`open_regular`].

use std::fs::{File, Metadata};
use std::path::Path;

use super::error::FileError;
use crate::core::Problem;

/// Opens `path` for reading if it is an ordinary file (after following symbolic links);
/// returns the open file and its metadata. Anything else is refused unread.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), FileError> {
    // Look before opening: opening a FIFO for reading blocks until someone writes to it.
    let meta = std::fs::metadata(path).map_err(|e| {
        FileError::io(
            path,
            "kan het bestand niet openen",
            "cannot open the file",
            &e,
        )
    })?;
    refuse_special(path, &meta)?;
    let file = open_nonblocking(path).map_err(|e| {
        FileError::io(
            path,
            "kan het bestand niet openen",
            "cannot open the file",
            &e,
        )
    })?;
    // The name may have been pointed elsewhere between the look and the open: what
    // counts is what was opened.
    let opened = file.metadata().map_err(|e| {
        FileError::io(
            path,
            "kan het bestand niet lezen",
            "cannot read the file",
            &e,
        )
    })?;
    refuse_special(path, &opened)?;
    Ok((file, opened))
}

/// Opens without waiting: a FIFO that was swapped in after the look does not block the
/// open (and is then refused by its metadata). For an ordinary file the flag changes
/// nothing: reads of a regular file never wait for a writer.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// What a file is when it is not an ordinary one: (Dutch, English), or none for an
/// ordinary file.
pub fn special_kind(meta: &Metadata) -> Option<(&'static str, &'static str)> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(("is een map, geen bestand", "is a directory, not a file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some((
                "is een named pipe (FIFO), geen gewoon bestand",
                "is a named pipe (FIFO), not an ordinary file",
            ));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some((
                "is een apparaat, geen gewoon bestand",
                "is a device, not an ordinary file",
            ));
        }
        if kind.is_socket() {
            return Some((
                "is een socket, geen gewoon bestand",
                "is a socket, not an ordinary file",
            ));
        }
    }
    Some(("is geen gewoon bestand", "is not an ordinary file"))
}

/// The refusal of anything but an ordinary file, naming where a symbolic link leads.
fn refuse_special(path: &Path, meta: &Metadata) -> Result<(), FileError> {
    let Some((nl, en)) = special_kind(meta) else {
        return Ok(());
    };
    let via_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let (nl, en) = match std::fs::canonicalize(path) {
        Ok(target) if via_link => {
            let target = crate::core::clean::clean(&target.display().to_string()).into_owned();
            (
                format!(
                    "{nl} (het is een koppeling naar {target}); samenspel leest alleen gewone bestanden"
                ),
                format!("{en} (it is a link to {target}); samenspel reads ordinary files only"),
            )
        }
        _ => (
            format!("{nl}; samenspel leest alleen gewone bestanden"),
            format!("{en}; samenspel reads ordinary files only"),
        ),
    };
    Err(FileError::one(path, Problem::new("", nl, en)))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::core::Lang;

    #[test]
    fn special_files_are_refused_by_what_they_are_and_ordinary_ones_open() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pijp.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = open_regular(&fifo).unwrap_err().describe(Lang::En);
        assert!(err.contains("pijp.json: is a named pipe (FIFO)"), "{err}");
        let err = open_regular(dir.path()).unwrap_err().describe(Lang::Nl);
        assert!(err.contains("is een map, geen bestand"), "{err}");
        let link = dir.path().join("nul.json");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = open_regular(&link).unwrap_err().describe(Lang::En);
        assert!(
            err.contains("nul.json: is a device, not an ordinary file (it is a link to /dev/zero)"),
            "{err}"
        );
        let file = dir.path().join("gewoon.json");
        std::fs::write(&file, b"{}").unwrap();
        let (_, meta) = open_regular(&file).unwrap();
        assert_eq!(meta.len(), 2);
    }
}
