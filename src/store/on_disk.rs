//! A session on disk is its file and, while it is open or after a crash, its journal
//! ([`super::journal`]). Every reader goes through here, so `check`, `open`, `replay`,
//! `follow`, `export` and `merge` all see the session with the journal's changes in it.

use std::fs::File;
use std::path::Path;

use super::error::FileError;
use super::journal::{Damage, Journal, journal_path};
use super::load::{MAX_SESSION_BYTES, read_at_most};
use super::mirror::log_end;
use super::session_bytes::head_bytes;
use crate::core::session::SESSION_VERSION;
use crate::core::{Problem, Session};

/// What the journal beside a session file holds, read against the file.
#[derive(Debug, Default)]
pub enum JournalState {
    /// There is none.
    #[default]
    Absent,
    /// It holds nothing to apply: its changes are in the file already (a save that wrote
    /// the file whole ended before it could begin the journal anew), or it holds none.
    Stale,
    /// It extends the file: its first `whole` bytes hold these events (as JSON lines).
    Extends {
        /// The length of its whole part.
        whole: u64,
        /// The events' JSON, as the journal and the log write them.
        lines: Vec<Vec<u8>>,
    },
}

/// A session file as read, for the one who writes it next.
pub struct OnDisk {
    /// The file, open: what it held when it was read can still be copied from it.
    pub file: File,
    /// Its size.
    pub len: u64,
    /// The CRC-32 of its bytes.
    pub crc32: u32,
    /// Where its log ends, when it is laid out as samenspel writes it in this version
    /// (else the writer writes it anew first).
    pub log_end: Option<(u64, bool)>,
    /// Its journal.
    pub journal: JournalState,
}

/// Where the log of a session file's bytes ends, when samenspel of this version wrote it
/// so: then the writer can add to it without writing it whole.
pub fn layout(session: &Session, bytes: &[u8]) -> Option<(u64, bool)> {
    if session.version != SESSION_VERSION {
        return None;
    }
    let head = head_bytes(session).ok()?;
    log_end(bytes, &head)
}

/// Adds the changes of the journal beside `path` (if any) to `session`, read from `bytes`
/// (the file's bytes). A journal that belongs to another version of the file, or is
/// damaged before its end, is refused with what to do: its changes are never dropped
/// silently, nor applied to a file they were not made on.
pub fn apply_journal(
    path: &Path,
    bytes: &[u8],
    session: &mut Session,
) -> Result<JournalState, FileError> {
    apply_journal_to(
        path,
        (bytes.len() as u64, || crc32fast::hash(bytes)),
        session,
    )
}

/// [`apply_journal`] to a session read from a file of `len` bytes whose CRC-32 `crc32`
/// gives (asked only when there is a journal to match).
pub fn apply_journal_to(
    path: &Path,
    (len, crc32): (u64, impl FnOnce() -> u32),
    session: &mut Session,
) -> Result<JournalState, FileError> {
    let jpath = journal_path(path);
    if std::fs::symlink_metadata(&jpath).is_err() {
        return Ok(JournalState::Absent);
    }
    let jbytes = read_at_most(&jpath, MAX_SESSION_BYTES)?;
    let journal = Journal::parse(&jbytes).map_err(|d| damaged(&jpath, &d))?;
    let Some(base) = journal.base else {
        return Ok(JournalState::Stale);
    };
    if journal.events.is_empty() {
        return Ok(JournalState::Stale);
    }
    if base.bytes == len && base.crc32 == crc32() && base.events == session.events.len() {
        let lines = journal
            .lines
            .iter()
            .map(|&(a, b)| jbytes.get(a..b).unwrap_or_default().to_vec())
            .collect();
        session.events.extend(journal.events);
        return Ok(JournalState::Extends {
            whole: journal.whole as u64,
            lines,
        });
    }
    // Written whole after the journal's last change, before the journal was begun anew.
    let folded = session
        .events
        .get(base.events..)
        .is_some_and(|after| after == journal.events.as_slice());
    if folded {
        return Ok(JournalState::Stale);
    }
    Err(foreign(path, &jpath, journal.events.len()))
}

/// How many changes the journal beside `path` adds to the file's `bytes` (0 when it has
/// none that fit): for the list of sessions.
pub fn journal_events(path: &Path, bytes: &[u8]) -> usize {
    let Ok(jbytes) = read_at_most(&journal_path(path), MAX_SESSION_BYTES) else {
        return 0;
    };
    match Journal::parse(&jbytes) {
        Ok(Journal {
            base: Some(base),
            events,
            ..
        }) if base.bytes == bytes.len() as u64 && base.crc32 == crc32fast::hash(bytes) => {
            events.len()
        }
        _ => 0,
    }
}

fn damaged(jpath: &Path, damage: &Damage) -> FileError {
    let aside_nl =
        "zet het journaal opzij (hernoem het) om het sessiebestand te openen zoals het is";
    let aside_en = "put the journal aside (rename it) to open the session file as it is";
    let (nl, en) = match damage {
        Damage::Line(n) => (
            format!(
                "regel {n} van het journaal is beschadigd en er volgen nog hele regels; {aside_nl}"
            ),
            format!("line {n} of the journal is damaged and whole lines follow it; {aside_en}"),
        ),
        Damage::Unknown(n, why) => (
            format!(
                "regel {n} van het journaal is geen wijziging die deze samenspel kent ({why}); werk samenspel bij"
            ),
            format!(
                "line {n} of the journal is not a change this samenspel knows ({why}); update samenspel"
            ),
        ),
        Damage::Newer(v) => (
            format!(
                "het journaal (versie {v}) is gemaakt door een nieuwere samenspel; werk samenspel bij"
            ),
            format!("the journal (version {v}) was made by a newer samenspel; update samenspel"),
        ),
    };
    FileError::one(jpath, Problem::new("", nl, en))
}

fn foreign(path: &Path, jpath: &Path, n: usize) -> FileError {
    let file = crate::core::clean::clean(&path.display().to_string()).into_owned();
    FileError::one(
        jpath,
        Problem::new(
            "",
            format!(
                "dit journaal met {n} wijziging(en) hoort bij een eerdere versie van {file}: dat bestand is vervangen nadat samenspel stopte zonder het journaal te verwerken, dus de wijzigingen zijn niet toegepast; zet het journaal opzij (hernoem het) om {file} te openen zoals het is"
            ),
            format!(
                "this journal of {n} change(s) belongs to an earlier version of {file}: that file was replaced after samenspel stopped without taking the journal in, so its changes were not applied; put the journal aside (rename it) to open {file} as it is"
            ),
        ),
    )
}

/// The bytes the session file will hold once its journal is taken in (exactly what
/// samenspel writes then): for `new --from`, which names the previous meeting's file by
/// the SHA-256 of its bytes.
pub fn folded_bytes(bytes: &[u8], session: &Session, journal: &JournalState) -> Vec<u8> {
    let JournalState::Extends { lines, .. } = journal else {
        return bytes.to_vec();
    };
    match layout(session, bytes) {
        Some((end, empty)) => {
            let mut out = bytes.get(..end as usize).unwrap_or(bytes).to_vec();
            for (i, json) in lines.iter().enumerate() {
                out.extend_from_slice(if empty && i == 0 {
                    b"[\n    "
                } else {
                    b",\n    "
                });
                out.extend_from_slice(json);
            }
            out.extend_from_slice(b"\n  ]\n}\n");
            out
        }
        // Journals only ever extend files in samenspel's own layout.
        None => bytes.to_vec(),
    }
}

#[cfg(test)]
#[path = "on_disk_tests.rs"]
mod tests;
