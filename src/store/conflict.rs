//! A session file changed by another program while samenspel has it open (a card added
//! by hand in an editor, a sync tool putting back an older copy). The writer notices
//! before each save that the file is not the one it last wrote, and from then on neither
//! overwrites it nor loses the room's changes: it saves to a copy beside it,
//! `<name>.conflict-<time>.json`, and says so. `samenspel check` and the home screen show
//! both files.
//!
//! "Not the one it last wrote": its size, modification time, device and inode are
//! compared with those right after the last save (or when the session was opened); when
//! they differ, the content is compared with what was written, so a `touch` or a copy of
//! the same bytes is no conflict.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::load::{MAX_SESSION_BYTES, read_at_most};
use crate::core::Lang;

/// What identifies a file's state without reading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    device: u64,
    inode: u64,
}

/// The stamp of the file at `path` now; none when there is no file there.
pub fn stamp(path: &Path) -> std::io::Result<Option<Stamp>> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(Some(Stamp::of(&meta))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The stamp of a file held open (the one that was read, even if another has taken its
/// place at its path since).
pub fn stamp_of_open(file: &std::fs::File) -> Option<Stamp> {
    file.metadata().ok().map(|meta| Stamp::of(&meta))
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (device, inode) = (0, 0);
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            device,
            inode,
        }
    }
}

/// Whether the file at `path` is no longer the one whose stamp was `seen` and whose bytes
/// were `len` long with CRC-32 `crc32` (what was written, or read). A file that is gone is
/// no conflict (saving puts it back); one that cannot be looked at is left to the save to
/// report. Anything that is not an ordinary file any more is a conflict.
pub fn changed_elsewhere(path: &Path, seen: Option<&Stamp>, (len, crc32): (u64, u32)) -> bool {
    let now = match stamp(path) {
        Ok(Some(now)) => now,
        Ok(None) | Err(_) => return false,
    };
    if seen == Some(&now) {
        return false;
    }
    if now.len != len {
        return true;
    }
    // Same size, other time or inode: the same bytes are no conflict.
    match read_at_most(path, MAX_SESSION_BYTES) {
        Ok(bytes) => crc32fast::hash(&bytes) != crc32,
        Err(_) => true,
    }
}

/// The session file was changed elsewhere; the room's changes go to `copy`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The session file, left as the other program made it.
    pub original: PathBuf,
    /// The copy beside it that holds the whole session as the room made it.
    pub copy: PathBuf,
}

impl Conflict {
    /// For the status line: short, in plain words (the copy is named on the way out).
    pub fn status(&self, lang: Lang) -> &'static str {
        lang.pick(
            "BESTAND ELDERS GEWIJZIGD: opslaan in een kopie",
            "FILE CHANGED ELSEWHERE: saving to a copy",
        )
    }

    /// The whole story, for the terminal after the app ends and for the home screen.
    pub fn explain(&self, lang: Lang) -> String {
        let original = self.original.display();
        let copy = self.copy.display();
        match lang {
            Lang::Nl => format!(
                "{original} is door een ander programma veranderd terwijl de sessie open was; dat bestand is zo gelaten, en alles van deze sessie staat in {copy}. Vergelijk ze (samenspel compare) en kies wat blijft."
            ),
            Lang::En => format!(
                "{original} was changed by another program while the session was open; that file was left as it is, and everything of this session is in {copy}. Compare them (samenspel compare) and choose what stays."
            ),
        }
    }
}

const MARKER: &str = ".conflict-";

/// A free name for the copy of `original` at local time `now`:
/// `<name>.conflict-<yyyymmdd-hhmmss>.json` beside it (`-2`, `-3`, ... when taken).
pub fn copy_path(original: &Path, now: &jiff::Zoned) -> PathBuf {
    let stem = original
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let time = now.strftime("%Y%m%d-%H%M%S");
    let mut copy = original.with_file_name(format!("{stem}{MARKER}{time}.json"));
    let mut n = 2;
    while std::fs::symlink_metadata(&copy).is_ok() {
        copy = original.with_file_name(format!("{stem}{MARKER}{time}-{n}.json"));
        n += 1;
    }
    copy
}

/// The session file a conflict copy belongs to, when `path` is named like one.
pub fn original_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let (stem, rest) = name.rsplit_once(MARKER)?;
    let time = rest.strip_suffix(".json")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = time.split('-');
    let well_formed = parts.next().is_some_and(digits)
        && parts.next().is_some_and(digits)
        && parts.next().is_none_or(digits)
        && parts.next().is_none();
    well_formed.then(|| path.with_file_name(format!("{stem}.json")))
}

/// The conflict copies beside a session file, oldest first.
pub fn copies_of(original: &Path) -> Vec<PathBuf> {
    let dir = match original.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut copies: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| original_of(p).is_some_and(|o| o.file_name() == original.file_name()))
                .collect()
        })
        .unwrap_or_default();
    copies.sort();
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_beside_their_file_and_found_again() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("2026-11-21-zwolse-komedie-cop.json");
        std::fs::write(&original, b"{}").unwrap();
        let now: jiff::Zoned = "2026-11-21T10:15:00+01:00[Europe/Amsterdam]"
            .parse()
            .unwrap();
        let copy = copy_path(&original, &now);
        assert_eq!(
            copy.file_name().unwrap(),
            "2026-11-21-zwolse-komedie-cop.conflict-20261121-101500.json"
        );
        std::fs::write(&copy, b"{}").unwrap();
        let second = copy_path(&original, &now);
        assert!(second.ends_with("2026-11-21-zwolse-komedie-cop.conflict-20261121-101500-2.json"));
        assert_eq!(original_of(&copy), Some(original.clone()));
        assert_eq!(original_of(&second), Some(original.clone()));
        assert_eq!(original_of(&original), None);
        assert_eq!(original_of(&dir.path().join("x.conflict-abc.json")), None);
        assert_eq!(copies_of(&original), vec![copy]);
    }

    #[test]
    fn a_touch_or_the_same_bytes_are_no_conflict_but_an_edit_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, b"written").unwrap();
        let seen = stamp(&path).unwrap();
        let written = (7, crc32fast::hash(b"written"));
        assert!(!changed_elsewhere(&path, seen.as_ref(), written));
        // The same bytes again (a new inode and time): no conflict.
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, b"written").unwrap();
        assert!(!changed_elsewhere(&path, seen.as_ref(), written));
        std::fs::write(&path, b"edited!").unwrap();
        assert!(changed_elsewhere(&path, seen.as_ref(), written));
        std::fs::write(&path, b"longer by hand").unwrap();
        assert!(changed_elsewhere(&path, seen.as_ref(), written));
        std::fs::remove_file(&path).unwrap();
        assert!(!changed_elsewhere(&path, seen.as_ref(), written));
    }
}
