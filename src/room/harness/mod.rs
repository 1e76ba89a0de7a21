//! A session loop for tests and measurements, and a phone that speaks the room's API.
//! Not part of the app: the screens' session loop does the same with keys as well.
//!
//! The loop is a thread that owns a [`Live`] and (with a file) a real [`Writer`]; phones'
//! requests and the facilitator's changes reach it over one channel, exactly as the
//! screens' loop is meant to use [`Room`]: `handle`, hand the event to the writer, `saved`
//! with the writer's count, `publish` after the facilitator's changes.

pub mod phone;

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use jiff::Timestamp;

use super::{OpenError, Room, RoomConfig, RoomRequest};
use crate::core::{Change, Live, ReduceError};
use crate::store::Writer;

type Job = Box<dyn FnOnce(&mut Live, &mut Room) + Send>;

enum Input {
    Phone(RoomRequest),
    Facilitator(Job),
    Stop,
}

/// A running session loop with its room.
pub struct Harness {
    tx: Sender<Input>,
    thread: Option<JoinHandle<Live>>,
    /// The room's short address.
    pub url: String,
    /// The join link (what the QR code holds).
    pub join_url: String,
    /// The join code.
    pub code: String,
    /// The QR code's lines of half blocks (quiet zone 4).
    pub qr_lines: Vec<String>,
    /// Where the server listens.
    pub address: std::net::SocketAddr,
}

impl Harness {
    /// Opens a room for `live` and runs its loop. With `file`, every change is saved there
    /// by a real writer (the file is written first) and phones are answered only once it
    /// is on disk; without, a change counts as saved at once.
    pub fn start(
        live: Live,
        file: Option<PathBuf>,
        config: RoomConfig,
    ) -> Result<Harness, OpenError> {
        let (tx, rx) = mpsc::channel::<Input>();
        let to_loop = tx.clone();
        let room = Room::open(
            config,
            &live,
            Box::new(move |r| {
                let _ = to_loop.send(Input::Phone(r));
            }),
        )?;
        let (url, join_url, code) = (
            room.url().to_string(),
            room.join_url().to_string(),
            room.code().to_string(),
        );
        let qr_lines = room.qr().lines(super::qr::QUIET);
        let address = room.address();
        let writer = match file {
            Some(path) => {
                let bytes = crate::store::try_session_json(&live.session)
                    .map_err(|e| OpenError::Start(e.to_string()))?;
                crate::store::atomic::write_atomic(&path, &bytes)
                    .map_err(|e| OpenError::Start(e.to_string()))?;
                Some(Writer::start_for(path, &live.session))
            }
            None => None,
        };
        let thread = std::thread::Builder::new()
            .name("room-harness".into())
            .spawn(move || run(live, room, writer, rx))
            .map_err(|e| OpenError::Start(e.to_string()))?;
        Ok(Harness {
            tx,
            thread: Some(thread),
            url,
            join_url,
            code,
            qr_lines,
            address,
        })
    }

    /// Makes a change as the facilitator would (from the state at that moment; none makes
    /// nothing) and returns the log's length, or the refusal.
    pub fn facilitator(
        &self,
        change: impl FnOnce(&Live) -> Option<Change> + Send + 'static,
    ) -> Result<usize, ReduceError> {
        let (tx, rx) = mpsc::channel();
        let job: Job = Box::new(move |live, room| {
            let result = match change(live) {
                Some(c) => live.record(c, Timestamp::now()),
                None => Ok(live.session.events.len()),
            };
            if result.is_ok() {
                room.publish(live);
            }
            let _ = tx.send(result);
        });
        let _ = self.tx.send(Input::Facilitator(job));
        rx.recv().unwrap_or(Err(ReduceError::NotContent))
    }

    /// Reads the live session on the loop's thread.
    pub fn inspect<R: Send + 'static>(
        &self,
        f: impl FnOnce(&Live) -> R + Send + 'static,
    ) -> Option<R> {
        let (tx, rx) = mpsc::channel();
        let job: Job = Box::new(move |live, _| {
            let _ = tx.send(f(live));
        });
        let _ = self.tx.send(Input::Facilitator(job));
        rx.recv().ok()
    }

    /// Accepts everything in the inbox, as one change.
    pub fn accept_all(&self) -> Result<usize, ReduceError> {
        self.facilitator(|live| {
            let proposals: Vec<u32> = live.state.room.inbox().map(|p| p.id).collect();
            (!proposals.is_empty()).then_some(Change::ProposalsAccepted { proposals })
        })
    }

    /// Closes the room, saves what is left and returns the session as the loop had it.
    pub fn stop(mut self) -> Option<Live> {
        let _ = self.tx.send(Input::Stop);
        self.thread.take().and_then(|t| t.join().ok())
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = self.tx.send(Input::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(mut live: Live, mut room: Room, writer: Option<Writer>, rx: mpsc::Receiver<Input>) -> Live {
    let mut handed = live.session.events.len();
    loop {
        // Waiting phones: look at the disk often; otherwise sleep on the channel.
        let wait = if room.waiting() > 0 {
            Duration::from_millis(1)
        } else {
            Duration::from_millis(50)
        };
        let first = match rx.recv_timeout(wait) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => None,
        };
        // What waits is handled in one turn (and told to the phones once), a bounded batch
        // so that saving and answering are never starved.
        let mut stop = false;
        let waiting = std::iter::from_fn(|| rx.try_recv().ok());
        for input in first.into_iter().chain(waiting).take(512) {
            match input {
                Input::Phone(request) => {
                    room.handle(&mut live, request, Timestamp::now());
                }
                Input::Facilitator(job) => job(&mut live, &mut room),
                Input::Stop => {
                    stop = true;
                    break;
                }
            }
        }
        // Every new event goes to the writer (the phones' and the facilitator's alike).
        let events = &live.session.events;
        if events.len() > handed {
            if let Some(w) = &writer {
                w.append(events[handed..].to_vec());
            }
            handed = events.len();
        }
        let saved = writer
            .as_ref()
            .map_or(live.session.events.len(), |w| w.status().saved);
        room.saved(&live, saved);
        if stop {
            break;
        }
    }
    room.close();
    if let Some(w) = writer {
        w.finish();
    }
    live
}
