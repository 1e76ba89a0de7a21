//! Reading a session file on both cores: while the log is parsed, a second thread folds
//! the changes already read ([`Folder`]), so opening a long session takes about as long
//! as parsing it. Only a current, well-formed file whose scenario, language and starting
//! participants come before its log (as samenspel writes it) and whose scenario is valid
//! is folded so; any other is read here without folding (and anything this reader refuses
//! is read again the careful way, which names what is wrong).

use std::fmt;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use jiff::Timestamp;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::core::fold::Folder;
use crate::core::reducer::fold;
use crate::core::scenario::Scenario;
use crate::core::session::{Origin, SESSION_FORMAT, SESSION_VERSION, event_problem_in};
use crate::core::state::Participant;
use crate::core::validate::validate_scenario;
use crate::core::{Event, Lang, Live, Problem, ReduceError, Session, SessionState};

/// How many changes go to the fold at a time.
const PIECE: usize = 1024;

/// How many pieces may wait for the fold. Enough that the reader need not wait for a fold
/// whose thread gets no core for a few milliseconds (a busy machine); few, because a
/// piece that waits is copied into the log later, and the memory it held is not given
/// back: a fold far behind would hold the log twice (68-73 MB instead of 63 at first frame
/// when opening 100,000 events with no bound).
const WAITING: usize = 8;

/// The fold of the first `events` changes of a session's log, made while it was read.
pub struct Folded {
    state: Result<SessionState, (usize, ReduceError)>,
    events: usize,
}

impl Folded {
    /// The fold of the first `events` changes of a log, as [`Folder::finish`] gave it.
    pub(super) fn new(state: Result<SessionState, (usize, ReduceError)>, events: usize) -> Folded {
        Folded { state, events }
    }

    /// The session folded: the rest of its log (its journal's changes) on top of what was
    /// folded while it was read. The same state, and the same problem, as [`Live::open`].
    pub fn open(self, session: Session) -> Result<Live, Problem> {
        let events = &session.events;
        let state = self
            .state
            .map_err(|(i, e)| event_problem_in(events, i, &e))?;
        let rest = events.get(self.events..).unwrap_or_default();
        let state =
            fold(state, rest).map_err(|(i, e)| event_problem_in(events, self.events + i, &e))?;
        Ok(Live { session, state })
    }
}

/// Reads a session from its text, folding its log on a second thread where it can; `None`
/// when the text is not a session this reader takes (then the careful path reads it).
pub fn read(text: &str) -> Option<(Session, Option<Folded>)> {
    let mut beside = Beside::default();
    let read = read_with(text, &mut beside);
    // Joined whatever came of the reading: no thread outlives it.
    let folded = beside.join();
    let (mut session, _) = read?;
    match folded {
        None => Some((session, None)),
        Some((state, events)) => {
            session.events = events;
            let events = session.events.len();
            Some((session, Some(Folded::new(state, events))))
        }
    }
}

/// Reads a session from its text, its log handed to `on_the_way` change by change where
/// it can be (then the session comes with no log, and `true`); `None` when the text is not
/// a session this reader takes.
pub(super) fn read_with<W: OnTheWay>(text: &str, on_the_way: &mut W) -> Option<(Session, bool)> {
    let mut taken = false;
    let mut de = serde_json::Deserializer::from_str(text);
    let session = SessionSeed {
        on_the_way,
        taken: &mut taken,
    }
    .deserialize(&mut de)
    .and_then(|session| de.end().map(|()| session))
    .ok()?;
    Some((session, taken))
}

/// What becomes of a log while it is read: each change handed over as it is parsed.
pub(super) trait OnTheWay {
    /// The state before the log; false when the log cannot be taken from it (then it is
    /// read whole, as the session's).
    fn begin(&mut self, start: SessionState) -> bool;
    /// The next change; an error stops the reading.
    fn take(&mut self, event: Event) -> Result<(), &'static str>;
    /// The end of the log.
    fn end(&mut self) -> Result<(), &'static str>;
}

/// The log sent in pieces to a fold on a second thread.
#[derive(Default)]
struct Beside {
    thread: Option<JoinHandle<FoldResult>>,
    send: Option<SyncSender<Vec<Event>>>,
    piece: Vec<Event>,
}

impl Beside {
    /// The fold's end, once the reading is over (however it ended).
    fn join(mut self) -> Option<FoldResult> {
        // Let go of the sending end first: the fold then ends with what it was given.
        self.send = None;
        self.thread.map(|thread| match thread.join() {
            Ok(folded) => folded,
            Err(panic) => std::panic::resume_unwind(panic),
        })
    }

    fn pass(&mut self) -> Result<(), &'static str> {
        let piece = std::mem::replace(&mut self.piece, Vec::with_capacity(PIECE));
        match &self.send {
            Some(send) => send.send(piece).map_err(|_| "the fold stopped"),
            None => Err("the fold stopped"),
        }
    }
}

impl OnTheWay for Beside {
    fn begin(&mut self, start: SessionState) -> bool {
        let (send, pieces) = sync_channel::<Vec<Event>>(WAITING);
        let Ok(thread) = std::thread::Builder::new()
            .name("fold".into())
            .spawn(move || folding(start, pieces))
        else {
            return false;
        };
        self.thread = Some(thread);
        self.send = Some(send);
        self.piece = Vec::with_capacity(PIECE);
        true
    }

    fn take(&mut self, event: Event) -> Result<(), &'static str> {
        self.piece.push(event);
        if self.piece.len() == PIECE {
            self.pass()?;
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), &'static str> {
        if !self.piece.is_empty() {
            self.pass()?;
        }
        Ok(())
    }
}

/// The fold's thread: takes pieces of the log until the reader lets go of its end.
fn folding(state: SessionState, pieces: Receiver<Vec<Event>>) -> FoldResult {
    let mut folder = Folder::new(state);
    for piece in pieces {
        folder.feed(piece);
    }
    folder.finish()
}

type FoldResult = (Result<SessionState, (usize, ReduceError)>, Vec<Event>);

/// Reads a session as its derived reader does (the same fields, the same defaults, no
/// field twice, no other field), with its log handed over as it is read.
struct SessionSeed<'a, W> {
    on_the_way: &'a mut W,
    /// Whether the log was handed over.
    taken: &'a mut bool,
}

impl<'de, W: OnTheWay> DeserializeSeed<'de> for SessionSeed<'_, W> {
    type Value = Session;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Session, D::Error> {
        d.deserialize_map(self)
    }
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Format,
    Version,
    Title,
    Created,
    TimeZone,
    Place,
    Lang,
    Scenario,
    Participants,
    Previous,
    Events,
}

/// A time as the session's `created` is read.
#[derive(Deserialize)]
struct When(#[serde(deserialize_with = "crate::core::when::deserialize")] Timestamp);

fn once<T, E: de::Error>(slot: &mut Option<T>, value: T, name: &'static str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de, W: OnTheWay> Visitor<'de> for SessionSeed<'_, W> {
    type Value = Session;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a session")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Session, A::Error> {
        let mut format: Option<String> = None;
        let mut version: Option<u32> = None;
        let mut title: Option<String> = None;
        let mut created: Option<Timestamp> = None;
        let mut time_zone: Option<Option<String>> = None;
        let mut place: Option<Option<String>> = None;
        let mut lang: Option<Lang> = None;
        let mut scenario: Option<Arc<Scenario>> = None;
        let mut participants: Option<Vec<Participant>> = None;
        let mut previous: Option<Option<Origin>> = None;
        let mut events: Option<Vec<Event>> = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Format => once(&mut format, map.next_value()?, "format")?,
                Field::Version => once(&mut version, map.next_value()?, "version")?,
                Field::Title => once(&mut title, map.next_value()?, "title")?,
                Field::Created => {
                    once(&mut created, map.next_value::<When>()?.0, "created")?;
                }
                Field::TimeZone => once(&mut time_zone, map.next_value()?, "time_zone")?,
                Field::Place => once(&mut place, map.next_value()?, "place")?,
                Field::Lang => once(&mut lang, map.next_value()?, "lang")?,
                Field::Scenario => once(&mut scenario, map.next_value()?, "scenario")?,
                Field::Participants => {
                    if *self.taken {
                        // Folded from none already: read again, the careful way.
                        return Err(de::Error::custom("participants after the log"));
                    }
                    once(&mut participants, map.next_value()?, "participants")?;
                }
                Field::Previous => once(&mut previous, map.next_value()?, "previous")?,
                Field::Events => {
                    if events.is_some() {
                        return Err(de::Error::duplicate_field("events"));
                    }
                    let current = format.as_deref() == Some(SESSION_FORMAT)
                        && version == Some(SESSION_VERSION);
                    let start = match (&scenario, lang) {
                        (Some(s), Some(l)) if current && validate_scenario(s).is_empty() => {
                            let people = participants.clone().unwrap_or_default();
                            Some(SessionState::new(s.clone(), l, people))
                        }
                        _ => None,
                    };
                    let seed = EventsSeed {
                        start,
                        on_the_way: &mut *self.on_the_way,
                    };
                    let kept = map.next_value_seed(seed)?;
                    *self.taken = kept.is_none();
                    events = Some(kept.unwrap_or_default());
                }
            }
        }
        let missing = de::Error::missing_field;
        Ok(Session {
            format: format.ok_or_else(|| missing("format"))?,
            version: version.ok_or_else(|| missing("version"))?,
            title: title.ok_or_else(|| missing("title"))?,
            created: created.ok_or_else(|| missing("created"))?,
            time_zone: time_zone.flatten(),
            place: place.flatten(),
            lang: lang.ok_or_else(|| missing("lang"))?,
            scenario: scenario.ok_or_else(|| missing("scenario"))?,
            participants: participants.unwrap_or_default(),
            previous: previous.flatten(),
            events: events.unwrap_or_default(),
        })
    }
}

/// The log: handed over change by change when there is a state to take it from (then
/// this gives none), else kept.
struct EventsSeed<'a, W> {
    start: Option<SessionState>,
    on_the_way: &'a mut W,
}

impl<'de, W: OnTheWay> DeserializeSeed<'de> for EventsSeed<'_, W> {
    type Value = Option<Vec<Event>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, W: OnTheWay> Visitor<'de> for EventsSeed<'_, W> {
    type Value = Option<Vec<Event>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of changes")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let taken = self.start.is_some_and(|state| self.on_the_way.begin(state));
        if !taken {
            let mut all = Vec::new();
            while let Some(event) = seq.next_element()? {
                all.push(event);
            }
            return Ok(Some(all));
        }
        while let Some(event) = seq.next_element()? {
            self.on_the_way.take(event).map_err(de::Error::custom)?;
        }
        self.on_the_way.end().map_err(de::Error::custom)?;
        Ok(None)
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
