//! Reading a session only to count what it holds (the aggregate): its log folded change by
//! change as it is parsed, on the reading thread, and let go of, so that no session's whole
//! log is ever built. A file this reader does not take as it is (not a current,
//! well-formed session laid out as samenspel writes it, a change that does not fit, a
//! journal beside it) is read by [`parse_session_here`], which gives the same state and
//! names what is wrong in the same words.

use std::path::Path;

use super::error::FileError;
use super::journal::journal_path;
use super::load::{parse_session_here, without_bom};
use super::stream::{OnTheWay, read_with};
use crate::core::session::LogDigest;
use crate::core::{Event, Session, SessionState};

/// A session read to be counted.
pub struct Counted {
    /// The session without its log (its `events` are empty).
    pub session: Session,
    /// The state its log folds to, its journal's changes included.
    pub state: SessionState,
    /// What reports read of its log ([`crate::core::session::Log`]).
    pub log: LogDigest,
}

/// Reads and validates a session from bytes (the file at `path`), with the changes of its
/// journal, as [`parse_session_here`] does; only its log is let go of as it is folded.
pub fn parse_session_counted(path: &Path, bytes: &[u8]) -> Result<Counted, FileError> {
    if let Some(counted) = counted(path, without_bom(bytes)) {
        return Ok(counted);
    }
    let mut live = parse_session_here(path, bytes)?;
    let events = std::mem::take(&mut live.session.events);
    Ok(Counted {
        session: live.session,
        state: live.state,
        log: LogDigest::of(events),
    })
}

/// The quick way, for a session with no journal beside it whose log fits: none for any
/// other (then the careful path reads it, and names what is wrong).
fn counted(path: &Path, bytes: &[u8]) -> Option<Counted> {
    // A journal's changes are checked against the log's end: the careful path does that.
    if std::fs::symlink_metadata(journal_path(path)).is_ok() {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let mut counting = Counting::default();
    let (session, taken) = read_with(text, &mut counting)?;
    // Taken only from a current file with a valid scenario; what `finish_session` checks
    // besides is the time zone.
    let known_zone = session
        .time_zone
        .as_deref()
        .is_none_or(super::zone::is_known);
    match counting.state {
        Some(state) if taken && known_zone => Some(Counted {
            session,
            state,
            log: counting.log,
        }),
        _ => None,
    }
}

/// The fold of a log change by change, keeping of it only its [`LogDigest`].
#[derive(Default)]
struct Counting {
    state: Option<SessionState>,
    log: LogDigest,
}

impl OnTheWay for Counting {
    fn begin(&mut self, start: SessionState) -> bool {
        self.state = Some(start);
        true
    }

    fn take(&mut self, event: Event) -> Result<(), &'static str> {
        let state = self.state.as_mut().ok_or("no state to fold")?;
        // Every inverse built, as a fold that cannot look ahead must (one no undo
        // reaches is let go of unused either way): the same state as `reducer::fold`.
        state
            .apply(&event)
            .map_err(|_| "a change does not fit (named by the careful path)")?;
        self.log.add(event);
        Ok(())
    }

    fn end(&mut self) -> Result<(), &'static str> {
        Ok(())
    }
}
