//! What the writer thread does to the disk. A save appends the new events to the journal
//! and syncs it once: bytes in proportion to the change, whatever the session's size. Now
//! and then (when the journal has grown to a quarter of the file, at least 1 MiB) and when
//! the session is closed, the file is written whole from the mirror (atomically: a
//! temporary file, synced, renamed) and the journal begun anew or removed. After a crash
//! the file and the journal hold every change that was called saved, and the file is a
//! whole session at every moment.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::atomic::{folder, sync_dir, write_atomic, write_atomic_with};
use super::conflict::{Conflict, Stamp, changed_elsewhere, copy_path, stamp, stamp_of_open};
use super::journal::{Base, checked, header_line, journal_path, memchr, push_line};
use super::lock::SessionLock;
use super::mirror::{Mirror, log_end};
use super::on_disk::{JournalState, OnDisk};
use super::session_bytes::{SessionBytes, head_bytes};
use super::writer::{SaveError, SaveStatus, WriteFn};
use crate::core::Session;

/// The smallest journal that is folded into the file while the session is open.
pub const FOLD_FLOOR: u64 = 1024 * 1024;

/// The session file as this writer last wrote or read it.
struct Known {
    stamp: Option<Stamp>,
    len: u64,
    crc32: u32,
}

/// The journal, open for appending.
struct Open {
    file: File,
    /// Its length: the next line goes here.
    len: u64,
    /// The events in it.
    lines: usize,
    /// How much of it is in the mirror too (the rest is copied over before the file is
    /// written whole, so that a save writes the journal only).
    mirrored_to: u64,
}

/// The files of one session, as the writer keeps them.
pub struct Files {
    path: PathBuf,
    journal_path: PathBuf,
    /// The whole session as the writer has it (saved, or being saved).
    mirror: Mirror,
    /// Events in the mirror.
    mirrored: usize,
    /// Events on disk.
    saved: usize,
    /// The session file on disk; none when there is none yet.
    base: Option<Known>,
    /// The file must be written whole before a journal can extend it (it is new, in an
    /// older version or another layout, or was removed).
    whole_first: bool,
    journal: Option<Open>,
    conflict: Option<(Conflict, Option<SessionLock>)>,
    fault: WriteFn,
    fold_floor: u64,
    /// The journal failed and what it held could not be read back: no whole writes.
    lost_track: bool,
}

fn invalid_layout() -> SaveError {
    SaveError {
        kind: ErrorKind::InvalidData,
        detail: "the session's bytes are not laid out as samenspel writes them".into(),
    }
}

/// Where the log ends in bytes that [`SessionBytes`] made.
fn log_end_of_own(bytes: &[u8]) -> Result<(u64, bool), SaveError> {
    // The head ends with `"events": `; the log follows as `[]` or `[\n`.
    let text = bytes;
    let empty = text.ends_with(b"[]\n}\n");
    let end = if empty {
        text.len().checked_sub(b"[]\n}\n".len())
    } else if text.ends_with(b"\n  ]\n}\n") {
        text.len().checked_sub(b"\n  ]\n}\n".len())
    } else {
        None
    };
    end.map(|e| (e as u64, empty)).ok_or_else(invalid_layout)
}

fn invalid(e: &serde_json::Error) -> SaveError {
    SaveError {
        kind: ErrorKind::InvalidData,
        detail: e.to_string(),
    }
}

impl Files {
    /// For a session whose file (if there is one) was written from `session` as it is now.
    pub fn for_session(
        path: PathBuf,
        session: &Session,
        fault: WriteFn,
    ) -> Result<Files, SaveError> {
        let bytes = SessionBytes::new(session).map_err(|e| invalid(&e))?.file();
        let head = head_bytes(session).map_err(|e| invalid(&e))?;
        let end = log_end(&bytes, &head).ok_or_else(invalid_layout)?;
        let mirror =
            Mirror::of_bytes(folder(&path), &bytes, end).map_err(|e| SaveError::from_io(&e))?;
        let crc32 = crc32fast::hash(&bytes);
        let len = bytes.len() as u64;
        // The file as it is now holds the session as it is now: what later saves expect.
        let on_disk = std::fs::read(&path).ok();
        let same = on_disk.as_deref() == Some(bytes.as_slice());
        let base = on_disk.map(|b| Known {
            stamp: stamp(&path).ok().flatten(),
            len: b.len() as u64,
            crc32: crc32fast::hash(&b),
        });
        let mut files = Files::new(path, mirror, session.events.len(), base, fault);
        files.whole_first = !same;
        if same {
            if let Some(b) = &mut files.base {
                (b.len, b.crc32) = (len, crc32);
            }
            files.begin_journal();
        }
        Ok(files)
    }

    /// For a session read from its file (see [`super::load::read_session`]). `whole` is the
    /// session's bytes as samenspel writes them, made only when the file is laid out
    /// otherwise (an older version, or written by another program): then the first save
    /// writes the file whole. Runs on the writer's thread: copying the file into the
    /// mirror is no work for the first frame.
    pub fn for_disk(
        path: PathBuf,
        disk: OnDisk,
        whole: Option<Vec<u8>>,
        events: usize,
        fault: WriteFn,
    ) -> Result<Files, SaveError> {
        let known = Known {
            // Of the file that was read: one put in its place since is a conflict.
            stamp: stamp_of_open(&disk.file),
            len: disk.len,
            crc32: disk.crc32,
        };
        let dir = folder(&path).to_path_buf();
        let io = |e: std::io::Error| SaveError::from_io(&e);
        let (Some(end), None) = (disk.log_end, &whole) else {
            let bytes = whole.unwrap_or_default();
            let end = log_end_of_own(&bytes)?;
            let mirror = Mirror::of_bytes(&dir, &bytes, end).map_err(io)?;
            let mut files = Files::new(path, mirror, events, Some(known), fault);
            files.whole_first = true;
            return Ok(files);
        };
        let (mut mirror, crc) = Mirror::of_file(&dir, &disk.file, disk.len, end).map_err(io)?;
        if crc != disk.crc32 {
            // Changed by another program in the moment since it was read: what it held is
            // gone, so nothing is written (and nothing overwritten); the status says so.
            return Err(SaveError {
                kind: ErrorKind::Other,
                detail: "the session file was changed by another program while it was being opened; close it and open it again".into(),
            });
        }
        let mut files;
        match disk.journal {
            JournalState::Extends { whole, lines } => {
                let staged = mirror.stage(&lines);
                let ok = staged.map(|n| mirror.take(n)).is_ok();
                files = Files::new(path, mirror, events, Some(known), fault);
                files.journal = ok
                    .then(|| files.reopen_journal(whole, lines.len()))
                    .flatten();
            }
            JournalState::Absent | JournalState::Stale => {
                files = Files::new(path, mirror, events, Some(known), fault);
                files.begin_journal();
            }
        }
        Ok(files)
    }

    fn new(
        path: PathBuf,
        mirror: Mirror,
        events: usize,
        base: Option<Known>,
        fault: WriteFn,
    ) -> Files {
        Files {
            journal_path: journal_path(&path),
            path,
            mirror,
            mirrored: events,
            saved: events,
            base,
            whole_first: false,
            journal: None,
            conflict: None,
            fault,
            fold_floor: FOLD_FLOOR,
            lost_track: false,
        }
    }

    /// Folds the journal in as soon as it holds `floor` bytes (tests make it small).
    #[cfg(test)]
    pub fn fold_above(&mut self, floor: u64) {
        self.fold_floor = floor;
    }

    /// Events on disk.
    pub fn saved(&self) -> usize {
        self.saved
    }

    /// Whether a save is needed although no new event came (an earlier one failed).
    pub fn behind(&self) -> bool {
        self.saved < self.mirrored
    }

    /// Saves `pending` (the compact JSON of new events); on success they are on disk and
    /// `pending` is empty. On failure nothing that was called saved is lost, and the next
    /// call tries again.
    pub fn save(
        &mut self,
        pending: &mut Vec<Vec<u8>>,
        status: &Mutex<SaveStatus>,
    ) -> Result<(), SaveError> {
        self.look_for_conflict(status);
        if self.conflict.is_some() || self.whole_first || self.journal.is_none() {
            // What the journal saved comes before the new events.
            self.catch_up()?;
            self.take_in(pending)?;
            return if self.conflict.is_some() {
                self.write_copy()
            } else {
                self.write_whole(true)
            };
        }
        if pending.is_empty() {
            return Ok(());
        }
        self.append(pending)?;
        self.mirrored += pending.len();
        self.saved = self.mirrored;
        pending.clear();
        let (journal, file) = (
            self.journal.as_ref().map_or(0, |j| j.len),
            self.base.as_ref().map_or(0, |b| b.len),
        );
        if journal > self.fold_floor.max(file / 4) {
            // Everything is saved already; a fold that fails is tried again later.
            let _ = self.write_whole(true);
        }
        Ok(())
    }

    /// On the way out: the file written whole and the journal removed, so that the session
    /// is one file again. Everything was saved before; this only tidies up.
    pub fn close(&mut self) {
        if self.conflict.is_some() || self.behind() {
            return;
        }
        if self.whole_first {
            // Nothing was changed: the file stays as it was.
            return;
        }
        let journal_has_events = self.journal.as_ref().is_none_or(|j| j.lines > 0);
        if journal_has_events {
            let _ = self.write_whole(false);
        } else {
            self.journal = None;
            if std::fs::remove_file(&self.journal_path).is_ok() {
                let _ = sync_dir(folder(&self.path));
            }
        }
    }

    fn journal_base(&self) -> Base {
        Base {
            bytes: self.base.as_ref().map_or(0, |b| b.len),
            crc32: self.base.as_ref().map_or(0, |b| b.crc32),
            events: self.mirrored,
        }
    }

    /// Takes pending events into the mirror at once (for saves that write whole files).
    fn take_in(&mut self, pending: &mut Vec<Vec<u8>>) -> Result<(), SaveError> {
        if pending.is_empty() {
            return Ok(());
        }
        let staged = self
            .mirror
            .stage(pending)
            .map_err(|e| SaveError::from_io(&e))?;
        self.mirror.take(staged);
        self.mirrored += pending.len();
        pending.clear();
        Ok(())
    }

    /// Appends lines to the journal and syncs it: the one data sync of a save.
    fn append(&mut self, pending: &[Vec<u8>]) -> Result<(), SaveError> {
        let mut bytes = Vec::new();
        for json in pending {
            push_line(&mut bytes, json);
        }
        (self.fault)(&self.journal_path, bytes.len()).map_err(|e| SaveError::from_io(&e))?;
        let Some(j) = &mut self.journal else {
            return Err(SaveError::from_io(&ErrorKind::NotFound.into()));
        };
        // A journal removed by someone else would take the changes with it.
        let gone = j.file.metadata().map(|m| nlink(&m) == 0).unwrap_or(true);
        let result = if gone {
            Err(std::io::Error::from(ErrorKind::NotFound))
        } else {
            write_all_at(&j.file, &bytes, j.len).and_then(|()| j.file.sync_data())
        };
        match result {
            Ok(()) => {
                j.len += bytes.len() as u64;
                j.lines += pending.len();
                Ok(())
            }
            Err(e) => {
                // Cut a half-written line off again; a journal that cannot be trusted
                // (a failed sync may have lost pages) is begun anew with the next save.
                let cut = !gone
                    && j.file
                        .set_len(j.len)
                        .and_then(|()| j.file.sync_data())
                        .is_ok();
                if !cut || e.raw_os_error() == Some(libc::EIO) {
                    // What it saved goes into the mirror first; the file is written whole next.
                    if self.catch_up().is_err() {
                        self.lost_track = true;
                    }
                    self.journal = None;
                }
                Err(SaveError::from_io(&e))
            }
        }
    }

    /// Writes the whole session file from the mirror; then begins the journal anew (or,
    /// on the way out, removes it).
    fn write_whole(&mut self, begin_again: bool) -> Result<(), SaveError> {
        self.catch_up()?;
        let len = self.mirror.len();
        (self.fault)(&self.path, len as usize).map_err(|e| SaveError::from_io(&e))?;
        let crc32 = self.write_file(&self.path.clone())?;
        self.base = Some(Known {
            stamp: stamp(&self.path).ok().flatten(),
            len,
            crc32,
        });
        self.whole_first = false;
        self.saved = self.mirrored;
        // The old journal's changes are all in the file now.
        self.journal = None;
        if begin_again {
            self.begin_journal();
        } else if std::fs::remove_file(&self.journal_path).is_ok() {
            let _ = sync_dir(folder(&self.path));
        }
        Ok(())
    }

    /// Copies the journal's lines that are not in the mirror yet into it.
    fn catch_up(&mut self) -> Result<(), SaveError> {
        if self.lost_track {
            // Never write a file whole that would miss saved changes.
            return Err(SaveError {
                kind: ErrorKind::InvalidData,
                detail: "the journal cannot be read back".into(),
            });
        }
        let Some(j) = &mut self.journal else {
            return Ok(());
        };
        if j.mirrored_to >= j.len {
            return Ok(());
        }
        let io = |e: std::io::Error| SaveError::from_io(&e);
        let mut bytes = vec![0u8; (j.len - j.mirrored_to) as usize];
        read_exact_at(&j.file, &mut bytes, j.mirrored_to).map_err(io)?;
        let mut jsons = Vec::new();
        let mut at = 0;
        while let Some(len) = bytes.get(at..).and_then(|rest| memchr(b'\n', rest)) {
            let line = bytes.get(at..at + len).unwrap_or_default();
            at += len + 1;
            match checked(line) {
                Some(json) => jsons.push(json.to_vec()),
                None => return Err(io(ErrorKind::InvalidData.into())),
            }
        }
        let staged = self.mirror.stage(&jsons).map_err(io)?;
        self.mirror.take(staged);
        j.mirrored_to = j.len;
        Ok(())
    }

    /// Writes the mirror into `target` atomically; returns the CRC-32 of what it wrote.
    fn write_file(&self, target: &Path) -> Result<u32, SaveError> {
        let write = || write_atomic_with(target, |f| self.mirror.copy_to(f));
        match write() {
            Err(e) if e.kind() == ErrorKind::NotFound => {
                // The sessions folder was removed while the session was open: make it again
                // (only the last part, so a missing drive is not recreated on another disk).
                let dir = folder(target);
                if !dir.as_os_str().is_empty() && std::fs::create_dir(dir).is_ok() {
                    return write().map_err(|e| SaveError::from_io(&e));
                }
                Err(SaveError::from_io(&e))
            }
            other => other.map_err(|e| SaveError::from_io(&e)),
        }
    }

    /// Begins a journal that extends the file as it is now. When that fails, the next save
    /// writes the file whole (and tries again).
    fn begin_journal(&mut self) {
        let header = header_line(self.journal_base());
        let made = (self.fault)(&self.journal_path, header.len())
            .and_then(|()| write_atomic(&self.journal_path, &header));
        self.journal = match made {
            Ok(()) => self.reopen_journal(header.len() as u64, 0),
            Err(_) => None,
        };
    }

    /// Opens the journal to append after its first `whole` bytes (a torn end is cut off).
    fn reopen_journal(&self, whole: u64, lines: usize) -> Option<Open> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.journal_path)
            .ok()?;
        if file.metadata().ok()?.len() != whole {
            file.set_len(whole).ok()?;
            file.sync_data().ok()?;
        }
        Some(Open {
            file,
            len: whole,
            lines,
            mirrored_to: whole,
        })
    }

    /// Notices (before a save) that the session file was changed by another program: from
    /// then on the session goes to a copy beside it, and the file is left alone.
    fn look_for_conflict(&mut self, status: &Mutex<SaveStatus>) {
        if self.conflict.is_some() {
            return;
        }
        let Some(base) = &mut self.base else {
            return;
        };
        match stamp(&self.path) {
            Ok(None) => {
                // Gone: the next save puts it back whole.
                self.whole_first = true;
                return;
            }
            Ok(Some(now)) if base.stamp.as_ref() == Some(&now) => return,
            _ => {}
        }
        if !changed_elsewhere(&self.path, base.stamp.as_ref(), (base.len, base.crc32)) {
            base.stamp = stamp(&self.path).ok().flatten();
            return;
        }
        let copy = copy_path(&self.path, &jiff::Zoned::now());
        // The copy is this writer's own: nobody else opens it for writing meanwhile.
        let lock = SessionLock::acquire(&copy).ok();
        let conflict = Conflict {
            original: self.path.clone(),
            copy,
        };
        super::writer::guard(status).conflict = Some(conflict.clone());
        self.conflict = Some((conflict, lock));
    }

    /// Writes the whole session to the conflict copy; the first time, the journal of the
    /// original goes (its changes are in the copy, and it does not fit the file any more).
    fn write_copy(&mut self) -> Result<(), SaveError> {
        let Some((conflict, _)) = &self.conflict else {
            return Ok(());
        };
        let copy = conflict.copy.clone();
        self.catch_up()?;
        (self.fault)(&copy, self.mirror.len() as usize).map_err(|e| SaveError::from_io(&e))?;
        self.write_file(&copy)?;
        self.saved = self.mirrored;
        if self.journal.take().is_some() && std::fs::remove_file(&self.journal_path).is_ok() {
            let _ = sync_dir(folder(&self.path));
        }
        Ok(())
    }
}

#[cfg(unix)]
fn nlink(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn nlink(_meta: &std::fs::Metadata) -> u64 {
    1
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(at))?;
    f.read_exact(buf)
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(not(unix))]
fn write_all_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = file;
    f.seek(SeekFrom::Start(at))?;
    f.write_all(bytes)
}
