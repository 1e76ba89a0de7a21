//! The journal beside a session file, `<session>.json.journal`: the changes saved since the
//! session file was last written whole, one per line, so that a save costs the change and
//! not the session. docs/session-format.md describes it for other tools.
//!
//! Every line is `<crc32> <json>\n`: the CRC-32 (IEEE, 8 lowercase hex digits) of the JSON
//! text that follows. The first line names the session file it extends (its size and
//! CRC-32, and how many events it holds); every other line is one event, exactly as it
//! stands on its own line in the session file's log. A line is saved once the journal is
//! synced after it; a crash while writing leaves at most a torn last line, which a reader
//! recognises by its missing newline or checksum and ignores (it was never called saved).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::Event;

/// The version of the journal format.
pub const JOURNAL_VERSION: u32 = 1;

/// The journal of a session file: `<session>.journal` beside it.
pub fn journal_path(session: &Path) -> PathBuf {
    let mut name = session
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".journal");
    session.with_file_name(name)
}

/// The session file a journal extends, as it was when the journal was begun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Base {
    /// Its size in bytes.
    pub bytes: u64,
    /// The CRC-32 of all its bytes.
    pub crc32: u32,
    /// The number of events in its log.
    pub events: usize,
}

/// The first line's JSON.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    samenspel_journal: u32,
    base_bytes: u64,
    base_crc32: String,
    base_events: usize,
}

/// Appends one line holding `json` to `out`.
pub fn push_line(out: &mut Vec<u8>, json: &[u8]) {
    let crc = crc32fast::hash(json);
    out.extend_from_slice(format!("{crc:08x} ").as_bytes());
    out.extend_from_slice(json);
    out.push(b'\n');
}

/// The first line of a journal that extends `base`.
pub fn header_line(base: Base) -> Vec<u8> {
    let header = Header {
        samenspel_journal: JOURNAL_VERSION,
        base_bytes: base.bytes,
        base_crc32: format!("{:08x}", base.crc32),
        base_events: base.events,
    };
    let mut out = Vec::new();
    // A struct of numbers and a string: serializing it cannot fail.
    if let Ok(json) = serde_json::to_vec(&header) {
        push_line(&mut out, &json);
    }
    out
}

/// An event as it is written in the log and in the journal: compact JSON.
pub fn event_json(event: &Event) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(event)
}

/// What is wrong with a journal that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Line `line` (counted from 1) is damaged, and complete lines follow it: not a torn end.
    Line(usize),
    /// Line `line` has a good checksum but is not an event this samenspel knows.
    Unknown(usize, String),
    /// Made by a newer samenspel.
    Newer(u32),
}

/// A journal as read: what it extends, its events, and how much of it is whole.
#[derive(Debug, Default)]
pub struct Journal {
    /// The session file it extends; none when it has no whole first line (then it holds
    /// nothing that was saved).
    pub base: Option<Base>,
    /// Its events, oldest first.
    pub events: Vec<Event>,
    /// The byte ranges of the events' JSON in the journal's bytes.
    pub lines: Vec<(usize, usize)>,
    /// The length of the whole part: every byte after it is a torn end and ignored.
    pub whole: usize,
}

impl Journal {
    /// Reads a journal's bytes. A torn end (a last line without its newline, or whose
    /// checksum does not fit, with no whole line after it) is left out.
    pub fn parse(bytes: &[u8]) -> Result<Journal, Damage> {
        let mut journal = Journal::default();
        let mut at = 0;
        let mut bad: Option<usize> = None;
        let mut number = 0;
        while let Some(len) = bytes.get(at..).and_then(|rest| memchr(b'\n', rest)) {
            number += 1;
            let line = bytes.get(at..at + len).unwrap_or_default();
            let start = at;
            at += len + 1;
            let Some(json) = checked(line) else {
                bad.get_or_insert(number);
                continue;
            };
            if let Some(first_bad) = bad {
                // A whole line after a damaged one: the damage is not a torn end.
                return Err(Damage::Line(first_bad));
            }
            let json_start = start + 9;
            if journal.base.is_none() {
                if number != 1 {
                    return Err(Damage::Line(1));
                }
                journal.base = Some(header(json)?);
            } else {
                let event: Event = serde_json::from_slice(json)
                    .map_err(|e| Damage::Unknown(number, e.to_string()))?;
                journal.events.push(event);
                journal.lines.push((json_start, json_start + json.len()));
            }
            journal.whole = at;
        }
        Ok(journal)
    }
}

/// The events of the whole event lines at the start of `bytes` (a journal read from after
/// its first line), and the length of those lines. None when a damaged line is followed by
/// a whole one, or a line is no event.
pub fn parse_lines(bytes: &[u8]) -> Option<(Vec<Event>, usize)> {
    let (mut events, mut whole, mut at, mut bad) = (Vec::new(), 0, 0, false);
    while let Some(len) = bytes.get(at..).and_then(|rest| memchr(b'\n', rest)) {
        let line = bytes.get(at..at + len).unwrap_or_default();
        at += len + 1;
        match checked(line) {
            None => bad = true,
            Some(_) if bad => return None,
            Some(json) => {
                events.push(serde_json::from_slice(json).ok()?);
                whole = at;
            }
        }
    }
    Some((events, whole))
}

fn header(json: &[u8]) -> Result<Base, Damage> {
    let h: Header = serde_json::from_slice(json).map_err(|_| {
        // A whole first line that is no header: read a newer one as such.
        match serde_json::from_slice::<serde_json::Value>(json)
            .ok()
            .and_then(|v| v.get("samenspel_journal").and_then(|n| n.as_u64()))
        {
            Some(v) if v > u64::from(JOURNAL_VERSION) => {
                Damage::Newer(u32::try_from(v).unwrap_or(u32::MAX))
            }
            _ => Damage::Line(1),
        }
    })?;
    if h.samenspel_journal > JOURNAL_VERSION {
        return Err(Damage::Newer(h.samenspel_journal));
    }
    let crc32 = u32::from_str_radix(&h.base_crc32, 16).map_err(|_| Damage::Line(1))?;
    Ok(Base {
        bytes: h.base_bytes,
        crc32,
        events: h.base_events,
    })
}

/// The JSON of a line (without its newline) whose checksum fits.
pub fn checked(line: &[u8]) -> Option<&[u8]> {
    let (crc, rest) = (line.get(..8)?, line.get(8..)?);
    let json = rest.strip_prefix(b" ")?;
    // Exactly as written: 8 lowercase hex digits (so no changed byte goes unnoticed).
    if !crc.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let crc = u32::from_str_radix(std::str::from_utf8(crc).ok()?, 16).ok()?;
    (crc32fast::hash(json) == crc).then_some(json)
}

/// Where `needle` first is in `haystack`.
pub fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Change;

    fn event(n: usize) -> Event {
        Event::new(
            "2025-03-01T10:00:00Z".parse().unwrap(),
            Change::StepOpened {
                step: format!("akte-{n}"),
            },
        )
    }

    fn journal(events: &[Event]) -> Vec<u8> {
        let mut bytes = header_line(Base {
            bytes: 10,
            crc32: 0xdead_beef,
            events: 3,
        });
        for e in events {
            push_line(&mut bytes, &event_json(e).unwrap());
        }
        bytes
    }

    #[test]
    fn a_journal_reads_back_and_a_torn_end_is_left_out() {
        let events = [event(1), event(2)];
        let bytes = journal(&events);
        let read = Journal::parse(&bytes).unwrap();
        assert_eq!(
            read.base,
            Some(Base {
                bytes: 10,
                crc32: 0xdead_beef,
                events: 3
            })
        );
        assert_eq!(read.events, events);
        assert_eq!(read.whole, bytes.len());
        // Cut anywhere in the last line: the first event only.
        let last = bytes.len()
            - 1
            - bytes[..bytes.len() - 1]
                .iter()
                .rev()
                .position(|b| *b == b'\n')
                .unwrap();
        for cut in last..bytes.len() {
            let read = Journal::parse(&bytes[..cut]).unwrap();
            assert_eq!(read.events, events[..1], "cut at {cut}");
            assert_eq!(read.whole, last);
        }
        // A changed byte in the last line: the same.
        let mut flipped = bytes.clone();
        let at = bytes.len() - 5;
        flipped[at] ^= 1;
        assert_eq!(Journal::parse(&flipped).unwrap().events, events[..1]);
    }

    #[test]
    fn damage_before_a_whole_line_is_no_torn_end() {
        let bytes = journal(&[event(1), event(2)]);
        let mut damaged = bytes.clone();
        let second_line = bytes.iter().position(|b| *b == b'\n').unwrap() + 12;
        damaged[second_line] ^= 1;
        assert_eq!(Journal::parse(&damaged).unwrap_err(), Damage::Line(2));
        let empty = Journal::parse(b"").unwrap();
        assert_eq!((empty.base, empty.events.len()), (None, 0));
        let mut newer = Vec::new();
        push_line(
            &mut newer,
            br#"{"samenspel_journal":2,"base_bytes":1,"base_crc32":"0","base_events":0}"#,
        );
        assert_eq!(Journal::parse(&newer).unwrap_err(), Damage::Newer(2));
    }
}
