//! The writer thread: saves off the key-press path. The app sends each new event; the
//! thread keeps its own copy of the log, coalesces what arrives while it writes, and
//! always writes the newest log. The status says how many events are on disk.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use super::atomic::write_atomic;
use crate::core::{Event, Session};

/// How long the writer waits before it tries a failed save again.
const RETRY: Duration = Duration::from_millis(500);

/// What the screen shows about saving.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// Number of events known to be on disk (fsynced and renamed into place).
    pub saved: usize,
    /// The reason of the last failed save, until a save succeeds.
    pub error: Option<String>,
}

enum Msg {
    Append(Vec<Event>),
    Stop,
}

/// Writes a session file in the background.
pub struct Writer {
    tx: Sender<Msg>,
    status: Arc<Mutex<SaveStatus>>,
    handle: Option<JoinHandle<()>>,
}

/// Serializes a session as its file is written: pretty-printed JSON with a final newline.
pub fn session_json(session: &Session) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(session).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn lock(status: &Mutex<SaveStatus>) -> MutexGuard<'_, SaveStatus> {
    status
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Writer {
    /// Starts a writer for `path`, whose file already holds `session` as it is now.
    pub fn start(path: PathBuf, session: Session) -> Writer {
        Writer::start_with(path, session, write_atomic)
    }

    /// Starts a writer with a given write function (tests inject failures this way).
    pub fn start_with(
        path: PathBuf,
        session: Session,
        write: fn(&std::path::Path, &[u8]) -> std::io::Result<()>,
    ) -> Writer {
        let (tx, rx) = mpsc::channel();
        let status = Arc::new(Mutex::new(SaveStatus {
            saved: session.events.len(),
            error: None,
        }));
        let shared = status.clone();
        let handle = std::thread::Builder::new()
            .name("samenspel-writer".into())
            .spawn(move || run(path, session, rx, shared, write))
            .ok();
        Writer { tx, status, handle }
    }

    /// Hands new events to the writer; returns at once.
    pub fn append(&self, events: Vec<Event>) {
        let _ = self.tx.send(Msg::Append(events));
    }

    /// The current save status.
    pub fn status(&self) -> SaveStatus {
        lock(&self.status).clone()
    }

    /// Writes what is pending, stops the thread and returns the final status.
    pub fn finish(mut self) -> SaveStatus {
        let _ = self.tx.send(Msg::Stop);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.status()
    }
}

fn run(
    path: PathBuf,
    mut session: Session,
    rx: Receiver<Msg>,
    status: Arc<Mutex<SaveStatus>>,
    write: fn(&std::path::Path, &[u8]) -> std::io::Result<()>,
) {
    let mut stopping = false;
    let mut dirty = false;
    loop {
        // Wait for work; while a save is failing, wake up to try again.
        let first = if stopping {
            None
        } else if dirty {
            match rx.recv_timeout(RETRY) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    stopping = true;
                    None
                }
            }
        } else {
            match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return,
            }
        };
        let mut pending: Vec<Msg> = first.into_iter().collect();
        pending.extend(rx.try_iter());
        for msg in pending {
            match msg {
                Msg::Append(events) => {
                    session.events.extend(events);
                    dirty = true;
                }
                Msg::Stop => stopping = true,
            }
        }
        if dirty {
            let count = session.events.len();
            match write(&path, &session_json(&session)) {
                Ok(()) => {
                    dirty = false;
                    let mut s = lock(&status);
                    s.saved = count;
                    s.error = None;
                }
                Err(e) => {
                    lock(&status).error = Some(e.to_string());
                    if stopping {
                        // One last try on the way out; the caller reports what is lost.
                        return;
                    }
                }
            }
        }
        if stopping && !dirty {
            return;
        }
    }
}
