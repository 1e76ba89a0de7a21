//! The session loop's side of the room: a phone's request arrives as a [`RoomRequest`];
//! [`super::Room::handle`] records its change through the one reducer and keeps the reply
//! until the writer says the change is on disk ([`super::Room::saved`]).

use jiff::Timestamp;
use tokio::sync::oneshot;

use crate::core::room::{EventOrigin, Submission};
use crate::core::{Event, Live, ReduceError};

/// How the session loop answered a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The change is on disk (or was already: a retry); the device that made it.
    Saved {
        /// The device's number (for a join: the number it got).
        device: u32,
    },
    /// The session refused it; nothing changed.
    Refused(ReduceError),
}

/// A phone's request, handed to the session loop by the room server. Its reply goes back
/// only through [`super::Room::handle`], once the change is saved.
#[derive(Debug)]
pub struct RoomRequest {
    pub(crate) device: Option<u32>,
    pub(crate) key: String,
    pub(crate) submission: Submission,
    pub(crate) reply: oneshot::Sender<Answer>,
}

impl RoomRequest {
    /// The sending device (none for a join).
    pub fn device(&self) -> Option<u32> {
        self.device
    }

    /// What the phone asks for.
    pub fn submission(&self) -> &Submission {
        &self.submission
    }

    /// The submission's idempotency key.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// A reply waiting until the log holds `events` events on disk.
#[derive(Debug)]
pub(crate) struct Parked {
    pub events: usize,
    pub device: u32,
    pub reply: oneshot::Sender<Answer>,
}

/// What handling a request did.
pub(crate) enum Handled {
    /// A new event, recorded; its reply waits for the disk. (Boxed: an event carrying a
    /// commitment is much larger than the other answers.)
    Recorded(Box<Event>, Parked),
    /// Already in the log (a retry); the reply waits for the disk all the same.
    Retry(Parked),
    /// Refused at once.
    Refused,
}

/// Records `request` on `live` at `at`: the change its submission makes, with the device
/// as origin and the submission's key.
pub(crate) fn record(live: &mut Live, request: RoomRequest, at: Timestamp) -> Handled {
    let RoomRequest {
        device,
        key,
        submission,
        reply,
    } = request;
    let (id, change) = match submission.change(&live.state, device) {
        Ok(c) => c,
        Err(e) => {
            let _ = reply.send(Answer::Refused(e));
            return Handled::Refused;
        }
    };
    // An answer to a poll that keeps only counts is kept under its ballot, not the phone.
    let key = submission
        .anonymous_key(&live.state)
        .map_or(key, str::to_string);
    let event = Event {
        at,
        origin: Some(Box::new(EventOrigin { device: id, key })),
        change,
    };
    match live.record_event(event.clone()) {
        Ok(events) => Handled::Recorded(
            Box::new(event),
            Parked {
                events,
                device: id,
                reply,
            },
        ),
        Err(ReduceError::Duplicate(index)) => {
            // The first try made it: answer with that event's device (a retried join
            // learns the number it got then).
            let device = live
                .session
                .events
                .get(index)
                .and_then(|e| e.origin.as_ref())
                .map_or(id, |o| o.device);
            Handled::Retry(Parked {
                events: index + 1,
                device,
                reply,
            })
        }
        Err(e) => {
            let _ = reply.send(Answer::Refused(e));
            Handled::Refused
        }
    }
}
