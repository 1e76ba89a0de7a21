//! Opening a long session file as samenspel of this version writes it, on both cores: the
//! file is read in two parts at once, cut at a line break, and each part's changes (one
//! per line: a JSON string holds no line break) are parsed on its own thread; the first
//! part is the smaller, and its thread folds its changes while the other still parses
//! (with its own bytes already let go of, so the state does not come on top of them).
//! Only a file
//! whose head is byte for byte the head samenspel writes for the session it holds, and
//! each of whose log lines is one change, is read so; for any other this gives none and
//! the file is read the careful way (which names what is wrong).

use std::fs::File;

use crate::core::fold::Folder;
use crate::core::session::{SESSION_FORMAT, SESSION_VERSION};
use crate::core::validate::validate_scenario;
use crate::core::{Event, Session};

use super::mirror::TAIL;
use super::session_bytes::head_bytes;
use super::stream::Folded;

/// Files smaller than this are read on one thread: a second would not pay for itself.
const SMALL: u64 = 1024 * 1024;

/// The first part's share of the file, in hundredths: its thread also folds its part, so
/// its part is the smaller (measured: parsing and folding take about 1.8 ms a hundredth
/// of a 100,000-change file, reading and parsing about 1.6 ms).
const FIRST_SHARE: u64 = 47;

/// How far past its share the first part looks for the line break that ends it: a line
/// longer than this sends the file the careful way.
const REACH: u64 = 64 * 1024;

/// What comes before the log, up to and with its key.
const KEY: &str = "\n  \"events\": ";

/// A session file read in two parts.
pub struct Halves {
    /// The session, its whole log in it.
    pub session: Session,
    /// Its log folded; none when its scenario is not valid (then nothing was folded).
    pub folded: Option<Folded>,
    /// The CRC-32 of the file's bytes.
    pub crc32: u32,
    /// Where its log ends (see [`super::mirror::log_end`]).
    pub log_end: (u64, bool),
}

/// Reads the session in `file`, `len` bytes long, on two threads; `None` when it is short,
/// not laid out as samenspel writes it, does not parse, or changed while it was read.
pub fn read(file: &File, len: u64) -> Option<Halves> {
    if len < SMALL || !cfg!(unix) {
        return None;
    }
    let middle = len / 100 * FIRST_SHARE;
    let (first, second) = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("read".into())
            .spawn_scoped(scope, || second_half(file, middle, len))
            .ok()?;
        let first = first_half(file, middle, len);
        // A panic in serde is carried on, as it would be on this thread.
        let second = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Some((first, second))
    })?;
    let (mut first, second) = (first?, second?);
    if first.cut != second.cut {
        // The file changed between the two reads.
        return None;
    }
    first.crc.combine(&second.crc);
    let folded = match first.folder {
        Some(mut folder) => {
            folder.feed(second.events);
            let (state, log) = folder.finish();
            first.session.events = log;
            Some(Folded::new(state, first.session.events.len()))
        }
        None => {
            first.session.events.extend(second.events);
            None
        }
    };
    Some(Halves {
        session: first.session,
        folded,
        crc32: first.crc.finalize(),
        log_end: (len - TAIL.len() as u64, false),
    })
}

/// What the first part holds: the session, and its part of the log in a fold (when the
/// scenario is valid; else in the session).
struct First {
    session: Session,
    folder: Option<Folder>,
    crc: crc32fast::Hasher,
    cut: u64,
}

/// What the second half holds: the rest of the log.
struct Second {
    events: Vec<Event>,
    crc: crc32fast::Hasher,
    cut: u64,
}

fn first_half(file: &File, middle: u64, len: u64) -> Option<First> {
    let bytes = read_at(file, 0, (middle + REACH).min(len))?;
    let cut = line_after(&bytes, middle)?;
    let part = bytes.get(..cut)?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(part);
    let text = std::str::from_utf8(part).ok()?;
    let at = text.find(KEY)? + KEY.len();
    let (head, log) = text.split_at(at);
    let mut session: Session = serde_json::from_str(&format!("{head}[]\n}}")).ok()?;
    let current = session.format == SESSION_FORMAT && session.version == SESSION_VERSION;
    if !current || head_bytes(&session).ok()? != head.as_bytes() {
        return None;
    }
    // The log's opening, then whole lines, each ending with a comma and a line break.
    let lines = log.strip_prefix("[\n")?;
    let events = changes(lines.strip_suffix('\n').unwrap_or(lines), false)?;
    drop(bytes);
    // The rest of the file is being parsed meanwhile: fold what is here.
    let folder = if validate_scenario(&session.scenario).is_empty() {
        let mut folder = Folder::new(session.initial_state());
        folder.feed(events);
        Some(folder)
    } else {
        session.events = events;
        None
    };
    Some(First {
        session,
        folder,
        crc,
        cut: cut as u64,
    })
}

fn second_half(file: &File, middle: u64, len: u64) -> Option<Second> {
    let bytes = read_at(file, middle, len)?;
    // Read to its end: nothing was added after its length was taken.
    if read_at(file, len, len + 1).is_some() {
        return None;
    }
    let start = line_after(&bytes, 0)?;
    let part = bytes.get(start..)?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(part);
    let text = std::str::from_utf8(part).ok()?;
    let lines = text.strip_suffix(std::str::from_utf8(TAIL).ok()?)?;
    let events = changes(lines, true)?;
    Some(Second {
        events,
        crc,
        cut: middle + start as u64,
    })
}

/// Where the line after `from` begins: just past the first line break at or after it.
fn line_after(bytes: &[u8], from: u64) -> Option<usize> {
    let from = usize::try_from(from).ok()?;
    let n = bytes.get(from..)?.iter().position(|&b| b == b'\n')?;
    Some(from + n + 1)
}

/// The bytes of `file` from `start` to `end`; none when it holds fewer.
#[cfg(unix)]
fn read_at(file: &File, start: u64, end: u64) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    // `end` is within the file's length, which the caller bounded.
    let mut bytes = vec![0; usize::try_from(end.checked_sub(start)?).ok()?];
    file.read_exact_at(&mut bytes, start).ok()?;
    Some(bytes)
}

#[cfg(not(unix))]
fn read_at(_: &File, _: u64, _: u64) -> Option<Vec<u8>> {
    None
}

/// The changes of lines of the log, each `    {...}` and all but the log's last ending
/// with a comma; `last` when these lines end the log.
fn changes(lines: &str, last: bool) -> Option<Vec<Event>> {
    let mut events = Vec::new();
    if lines.is_empty() {
        return Some(events);
    }
    let mut lines = lines.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = match (lines.peek().is_none() && last, line.strip_suffix(',')) {
            (false, Some(line)) => line,
            (true, None) => line,
            _ => return None,
        };
        events.push(serde_json::from_str::<Event>(line).ok()?);
    }
    Some(events)
}

#[cfg(test)]
#[path = "lines_tests.rs"]
mod tests;
