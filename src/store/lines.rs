//! Opening a session file laid out as samenspel of this version writes it, on both cores:
//! its head (everything before the log) is read on its own, and the log, one change per
//! line, in two halves at once. Only a file whose head is byte for byte the head samenspel
//! writes for the session it holds, and each of whose log lines is one change, is read
//! so; for any other this gives none and the careful path reads it (and names what is
//! wrong). A JSON string holds no line break, so the lines are the changes.

use crate::core::session::{SESSION_FORMAT, SESSION_VERSION};
use crate::core::{Event, Session};

use super::mirror::{EMPTY_TAIL, TAIL};
use super::session_bytes::head_bytes;

/// What opens the log, after its key.
const OPEN: &str = "[\n";

/// A session read from its text: the session with the first half of its log, and the
/// second half, to be added once the text is let go of (the two halves together would
/// otherwise be copied while the text is still held).
pub struct Halves {
    /// The session, with the first part of its log.
    pub session: Session,
    /// The rest of the log.
    pub rest: Vec<Event>,
}

impl Halves {
    /// The session with its whole log.
    pub fn join(self) -> Session {
        let Halves { mut session, rest } = self;
        session.events.extend(rest);
        session
    }
}

/// Reads a session from its text, its log on two threads; `None` when the text is not laid
/// out as samenspel writes it (or does not parse).
pub fn read(text: &str) -> Option<Halves> {
    let (head, log) = split(text)?;
    let mut session: Session = serde_json::from_str(&format!("{head}[]\n}}")).ok()?;
    let current = session.format == SESSION_FORMAT && session.version == SESSION_VERSION;
    if !current || head_bytes(&session).ok()? != head.as_bytes() {
        return None;
    }
    let Some(body) = log else {
        return Some(Halves {
            session,
            rest: Vec::new(),
        });
    };
    let (first, second) = halves(body);
    // A log of one line has no second half: its first ends the log.
    let first_ends = second.is_empty();
    let (events, rest) = std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("read".into())
            .spawn_scoped(scope, || changes(second, true));
        match other {
            Ok(thread) => {
                let events = changes(first, first_ends);
                // A panic in serde is carried on, as it would be on this thread.
                let rest = thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (events, rest)
            }
            // No second thread to be had: both halves here.
            Err(_) => (changes(first, first_ends), changes(second, true)),
        }
    });
    session.events = events?;
    Some(Halves {
        session,
        rest: rest?,
    })
}

/// The head (up to and with the log's key) and the lines of the log between its brackets
/// (none for an empty log).
fn split(text: &str) -> Option<(&str, Option<&str>)> {
    let key = "\n  \"events\": ";
    let at = text.find(key)? + key.len();
    let (head, rest) = text.split_at(at);
    if rest.as_bytes() == EMPTY_TAIL {
        return Some((head, None));
    }
    let tail = std::str::from_utf8(TAIL).ok()?;
    let body = rest.strip_prefix(OPEN)?.strip_suffix(tail)?;
    Some((head, Some(body)))
}

/// The log's lines cut in two at the line break nearest its middle.
fn halves(body: &str) -> (&str, &str) {
    let middle = body.len() / 2;
    match body.get(middle..).and_then(|after| after.find('\n')) {
        Some(n) => {
            let (first, second) = body.split_at(middle + n);
            (first, second.strip_prefix('\n').unwrap_or(second))
        }
        None => (body, ""),
    }
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
