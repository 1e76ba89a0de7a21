//! A session: one run of a scenario, as kept in a session file: what it ran, who took
//! part at the start, and the log of every change.

use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::{Problem, ReduceError};
use super::event::{Change, Event};
use super::scenario::Scenario;
use super::state::{Participant, SessionState};
use super::text::Lang;
use super::transform::names::names_someone;

/// The `format` value of a session file.
pub const SESSION_FORMAT: &str = "samenspel/session";
/// The newest session format version this build understands.
pub const SESSION_VERSION: u32 = 1;

/// The contents of a session file. Self-contained: it carries a copy of its scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Always [`SESSION_FORMAT`].
    pub format: String,
    /// The format version, at most [`SESSION_VERSION`].
    pub version: u32,
    /// The meeting's title.
    pub title: String,
    /// When the session was started.
    #[serde(deserialize_with = "super::when::deserialize")]
    pub created: Timestamp,
    /// The time zone the meeting was held in (an IANA name such as `Europe/Amsterdam`),
    /// recorded when the session was created; reports show times in it. Files from before
    /// it was recorded have none (reports then use `Europe/Amsterdam`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Where the meeting was held ("Stadskantoor Zwolle"), shown on the handout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The language starting cards were taken in.
    pub lang: Lang,
    /// A copy of the scenario as it was when the session started.
    pub scenario: Arc<Scenario>,
    /// The participants at the start (carried over from an earlier meeting, or none).
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// The meeting this one continues (`samenspel new --from`), so a series is traceable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Origin>,
    /// Every change, in time order.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// Where a session continues from: the previous meeting's file, as it was when read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The previous session's file name (without its folder).
    pub file: String,
    /// SHA-256 of that file's bytes, lowercase hex.
    pub sha256: String,
    /// The previous meeting's title.
    pub title: String,
    /// When the previous meeting started.
    #[serde(deserialize_with = "super::when::deserialize")]
    pub created: Timestamp,
}

impl Session {
    /// A new, empty session of a scenario.
    pub fn new(scenario: Arc<Scenario>, title: String, created: Timestamp, lang: Lang) -> Session {
        Session {
            format: SESSION_FORMAT.to_string(),
            version: SESSION_VERSION,
            title,
            created,
            time_zone: None,
            place: None,
            lang,
            scenario,
            participants: Vec::new(),
            previous: None,
            events: Vec::new(),
        }
    }

    /// The state before any event.
    pub fn initial_state(&self) -> SessionState {
        SessionState::new(self.scenario.clone(), self.lang, self.participants.clone())
    }

    /// The state after the first `n` events.
    pub fn state_at(&self, n: usize) -> Result<SessionState, Problem> {
        let events = &self.events[..n.min(self.events.len())];
        super::reducer::fold(self.initial_state(), events)
            .map_err(|(i, e)| event_problem_in(events, i, &e))
    }

    /// The state after all events.
    pub fn state(&self) -> Result<SessionState, Problem> {
        self.state_at(self.events.len())
    }
}

/// The problem of an event that does not fit, as found when folding a file's log.
pub fn event_problem(index: usize, error: &ReduceError) -> Problem {
    Problem::new(
        format!("events[{index}]"),
        format!(
            "{}; herstel of verwijder deze wijziging",
            error.message(Lang::Nl)
        ),
        format!("{}; repair or remove this change", error.message(Lang::En)),
    )
}

/// The problem of event `index` of `events`, with the path down to the field that does not
/// fit where the error names one (`events[4].change.commitment.from`).
pub fn event_problem_in(events: &[Event], index: usize, error: &ReduceError) -> Problem {
    let mut problem = event_problem(index, error);
    if let Some(event) = events.get(index) {
        problem.path.push_str(field_of(&event.change, error));
    }
    problem
}

fn field_of(change: &Change, error: &ReduceError) -> &'static str {
    let commitment = matches!(
        change,
        Change::CommitmentAdded { .. } | Change::CommitmentEdited { .. }
    );
    match error {
        ReduceError::NoLinkTarget(_) if commitment => ".change.commitment.from",
        ReduceError::NoParty(_) | ReduceError::NoParticipant(_) if commitment => {
            ".change.commitment.owners"
        }
        _ => "",
    }
}

/// What a report reads of a session's log beside the state folded from it: how many
/// changes it holds, when the last was made, and the changes that name someone
/// ([`names_someone`]), which the labels of an anonymized report come from.
#[derive(Clone, Copy, Debug)]
pub struct Log<'a> {
    /// How many changes the log holds.
    pub changes: usize,
    /// When the last change was made; none for an empty log.
    pub last: Option<Timestamp>,
    /// Every change of the log that names someone, in the log's order; other changes may
    /// be among them (the whole log will do).
    pub naming: &'a [Event],
}

impl Log<'_> {
    /// What is read of a whole log.
    pub fn of(events: &[Event]) -> Log<'_> {
        Log {
            changes: events.len(),
            last: events.last().map(|e| e.at),
            naming: events,
        }
    }
}

/// A [`Log`] kept while the log itself is let go of, change by change: for a reader that
/// folds a log as it reads it and needs no more of it (the aggregate).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogDigest {
    changes: usize,
    last: Option<Timestamp>,
    naming: Vec<Event>,
}

impl LogDigest {
    /// The digest of a whole log (its changes that name no one let go of).
    pub fn of(events: Vec<Event>) -> LogDigest {
        let mut digest = LogDigest::default();
        for event in events {
            digest.add(event);
        }
        digest
    }

    /// The next change of the log: counted, and kept only when it names someone.
    pub fn add(&mut self, event: Event) {
        self.changes += 1;
        self.last = Some(event.at);
        if names_someone(&event) {
            self.naming.push(event);
        }
    }

    /// What a report reads of the log.
    pub fn log(&self) -> Log<'_> {
        Log {
            changes: self.changes,
            last: self.last,
            naming: &self.naming,
        }
    }
}

/// A session being worked on: its log and the state folded from it, kept in step.
#[derive(Clone, Debug)]
pub struct Live {
    /// The log, as it will be saved.
    pub session: Session,
    /// The fold of the log.
    pub state: SessionState,
}

impl Live {
    /// Folds a session's log into a live session.
    pub fn open(session: Session) -> Result<Live, Problem> {
        let state = session.state()?;
        Ok(Live { session, state })
    }

    /// Applies a change made at `at` and appends it to the log; returns the number of
    /// events in the log. On error nothing changes.
    pub fn record(&mut self, change: Change, at: Timestamp) -> Result<usize, ReduceError> {
        self.record_event(Event::new(at, change))
    }

    /// Applies an event (a phone's change carries its origin) and appends it to the log;
    /// returns the number of events in the log. On error nothing changes.
    pub fn record_event(&mut self, event: Event) -> Result<usize, ReduceError> {
        self.state.apply(&event)?;
        self.session.events.push(event);
        Ok(self.session.events.len())
    }
}
