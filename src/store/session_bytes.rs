//! A session file's bytes, kept up to date cheaply: everything before the log never changes
//! after the start, and the log grows at the end, one compact event per line. Appending
//! serializes only the new events, so a save of a long session costs the write, not the
//! serialization of the whole log, and the writer holds bytes, not a second copy of the log.

use jiff::Timestamp;
use serde::Serialize;

use crate::core::scenario::Scenario;
use crate::core::session::Origin;
use crate::core::state::Participant;
use crate::core::{Event, Lang, Session};

/// The fields of a session before its log, in file order (mirrors [`Session`]; a test keeps
/// the two in step).
#[derive(Serialize)]
struct Head<'a> {
    format: &'a str,
    version: u32,
    title: &'a str,
    created: &'a Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_zone: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: &'a Option<String>,
    lang: Lang,
    scenario: &'a Scenario,
    participants: &'a [Participant],
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: &'a Option<Origin>,
    events: [(); 0],
}

/// A session file as bytes: a pretty-printed head, then the log with one event per line.
#[derive(Clone, Debug, Default)]
pub struct SessionBytes {
    head: Vec<u8>,
    log: Vec<u8>,
    events: usize,
}

impl SessionBytes {
    /// The bytes of a session as it is now.
    pub fn new(session: &Session) -> Result<SessionBytes, serde_json::Error> {
        let mut bytes = SessionBytes {
            head: head_bytes(session)?,
            log: Vec::new(),
            events: 0,
        };
        bytes.append(&session.events)?;
        Ok(bytes)
    }

    /// Adds events at the end of the log.
    pub fn append(&mut self, events: &[Event]) -> Result<(), serde_json::Error> {
        let before = self.log.len();
        for event in events {
            if self.events > 0 {
                self.log.extend_from_slice(b",\n");
            }
            self.log.extend_from_slice(b"    ");
            if let Err(e) = serde_json::to_writer(&mut self.log, event) {
                self.log.truncate(before);
                return Err(e);
            }
            self.events += 1;
        }
        Ok(())
    }

    /// Number of events in the log.
    pub fn events(&self) -> usize {
        self.events
    }

    /// The whole file, with a final newline.
    pub fn file(&self) -> Vec<u8> {
        self.file_at(self.mark())
    }

    /// Where the log ends now, to make the file as it is now again later ([`file_at`]).
    ///
    /// [`file_at`]: SessionBytes::file_at
    pub fn mark(&self) -> Mark {
        Mark {
            log: self.log.len(),
            events: self.events,
        }
    }

    /// The file as it was at `mark` (the log only grows, so every earlier file is a cut of
    /// it): what a save at that moment wrote.
    pub fn file_at(&self, mark: Mark) -> Vec<u8> {
        let log = self.log.get(..mark.log).unwrap_or(&self.log);
        let mut out = Vec::with_capacity(self.head.len() + log.len() + 16);
        out.extend_from_slice(&self.head);
        if mark.events == 0 {
            out.extend_from_slice(b"[]");
        } else {
            out.extend_from_slice(b"[\n");
            out.extend_from_slice(log);
            out.extend_from_slice(b"\n  ]");
        }
        out.extend_from_slice(b"\n}\n");
        out
    }
}

/// Everything of a session's file before its log, up to and with `"events": `: it never
/// changes while the session is open.
pub fn head_bytes(session: &Session) -> Result<Vec<u8>, serde_json::Error> {
    let mut head = serde_json::to_vec_pretty(&Head {
        format: &session.format,
        version: session.version,
        title: &session.title,
        created: &session.created,
        time_zone: &session.time_zone,
        place: &session.place,
        lang: session.lang,
        scenario: &session.scenario,
        participants: &session.participants,
        previous: &session.previous,
        events: [],
    })?;
    // The head ends with `"events": []\n}`: keep it up to the opening of the list.
    let cut = head.len().saturating_sub(b"[]\n}".len());
    head.truncate(cut);
    Ok(head)
}

/// A point in a [`SessionBytes`]' log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    log: usize,
    events: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(n: usize) -> Session {
        let scenario = match crate::store::builtin::builtin("stakeholder-doelen") {
            Some(Ok(s)) => s,
            _ => panic!("built-in"),
        };
        crate::core::generate::session(scenario, n, 5)
    }

    #[test]
    fn the_file_is_the_session_and_appending_equals_writing_anew() {
        for n in [0, 1, 300] {
            let mut session = generated(n);
            // Every optional field of the head, set.
            session.time_zone = Some("Europe/Amsterdam".into());
            session.place = Some("Stadskantoor Zwolle".into());
            let bytes = SessionBytes::new(&session).expect("serializes").file();
            let back: Session = serde_json::from_slice(&bytes).expect("parses");
            assert_eq!(back, session, "{n} events");
            // Same value as serde writes it: no field missing or renamed.
            let ours: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
            assert_eq!(ours, serde_json::to_value(&session).expect("value"));
            // One line per event.
            let text = String::from_utf8(bytes.clone()).expect("utf-8");
            assert_eq!(
                text.lines()
                    .filter(|l| l.starts_with("    {\"at\""))
                    .count(),
                n
            );
            // Built up in parts, the bytes are the same.
            let mut start = session.clone();
            let tail = start.events.split_off(n / 2);
            let mut grown = SessionBytes::new(&start).expect("serializes");
            grown.append(&tail[..tail.len() / 2]).expect("append");
            grown.append(&tail[tail.len() / 2..]).expect("append");
            assert_eq!(grown.file(), bytes);
            assert_eq!(grown.events(), n);
            // The file as it was before the last part was added.
            let mut again = SessionBytes::new(&start).expect("serializes");
            let before = again.file();
            let mark = again.mark();
            again.append(&tail).expect("append");
            assert_eq!(again.file_at(mark), before);
            assert_eq!(again.file(), bytes);
        }
    }
}
