//! The writer thread: saves off the key-press path. The app sends each new event; the
//! thread takes in what arrives while it writes, and saves it in one go: the new events
//! are appended to the session's journal and synced once ([`super::saving`] does the
//! disk side). The status says how many events are on disk.
//!
//! A failed save keeps everything in memory and is tried again every [`RETRY`], until it
//! succeeds. Before each save the writer looks whether the file is still the one it last
//! wrote; when another program changed it, the file is left alone and the session goes to
//! a copy beside it from then on (see [`super::conflict`]; the status says so). Every
//! running writer is also listed in a process-wide register, so that the way out after a
//! signal or a panic can still get the last changes on disk when the main thread cannot
//! ([`flush_all`]).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::conflict::Conflict;
use super::journal::event_json;
use super::on_disk::OnDisk;
use super::saving::Files;
use super::session_bytes::SessionBytes;
use crate::core::{Event, Lang, Session};

/// How long the writer waits before it tries a failed save again.
pub const RETRY: Duration = Duration::from_millis(500);

/// How long [`Writer::finish`] waits for the last save before giving up on it.
pub const FINISH_WAIT: Duration = Duration::from_secs(10);

/// Why the last save failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveError {
    /// The kind of failure.
    pub kind: ErrorKind,
    /// The system's own words.
    pub detail: String,
}

impl SaveError {
    /// A save error from an I/O error.
    pub fn from_io(e: &std::io::Error) -> SaveError {
        SaveError {
            kind: e.kind(),
            detail: e.to_string(),
        }
    }

    /// The reason, for a person.
    pub fn message(&self, lang: Lang) -> String {
        let (nl, en) = match self.kind {
            ErrorKind::StorageFull => ("de schijf is vol", "the disk is full"),
            ErrorKind::QuotaExceeded => ("het schijfquotum is op", "the disk quota is used up"),
            ErrorKind::ReadOnlyFilesystem => ("de schijf is alleen-lezen", "the disk is read-only"),
            ErrorKind::PermissionDenied => (
                "geen toestemming om in de map te schrijven",
                "no permission to write in the folder",
            ),
            ErrorKind::NotFound => ("de map bestaat niet meer", "the folder no longer exists"),
            ErrorKind::NotADirectory => (
                "de map is vervangen door een bestand",
                "the folder was replaced by a file",
            ),
            _ => return self.detail.clone(),
        };
        lang.pick(nl, en).to_string()
    }
}

/// What the screen shows about saving.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveStatus {
    /// Number of events known to be on disk (fsynced and renamed into place).
    pub saved: usize,
    /// The reason of the last failed save, until a save succeeds.
    pub error: Option<SaveError>,
    /// The session file was changed by another program: it is left alone, and `saved`
    /// counts the events in the copy named here.
    pub conflict: Option<Conflict>,
}

enum Msg {
    Append(Vec<Event>),
    Stop,
}

/// Asked before every write of the writer, with the file and the number of bytes; an error
/// is taken as that write's failure. Tests inject failures this way.
pub type WriteFn = Box<dyn Fn(&Path, usize) -> std::io::Result<()> + Send>;

/// Called on the writer thread whenever the save status may have changed (so that a
/// screen can wake and show it without asking again and again).
pub type Notify = Box<dyn Fn() + Send>;

/// What the writer thread and its owners share.
#[derive(Default)]
struct Shared {
    status: Mutex<SaveStatus>,
    finished: Mutex<bool>,
    finished_cv: Condvar,
    notify: Mutex<Option<Notify>>,
}

impl Shared {
    /// Tells whoever asked ([`Writer::on_status`]) that the status may have changed.
    fn notify(&self) {
        if let Some(f) = guard(&self.notify).as_ref() {
            f();
        }
    }

    /// Waits until the thread has ended, at most until `deadline`; true when it has.
    fn wait_finished(&self, deadline: Instant) -> bool {
        let mut done = guard(&self.finished);
        while !*done {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            done = match self.finished_cv.wait_timeout(done, left) {
                Ok((d, _)) => d,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        true
    }
}

/// Marks the thread as ended however it ends (also when it panics).
struct FinishedOnDrop(Arc<Shared>);

impl Drop for FinishedOnDrop {
    fn drop(&mut self) {
        *guard(&self.0.finished) = true;
        self.0.finished_cv.notify_all();
        self.0.notify();
    }
}

type Entry = (u64, Sender<Msg>, Arc<Shared>);

/// Every running writer, for [`flush_all`].
static RUNNING: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

/// Writes a session file in the background.
pub struct Writer {
    id: u64,
    tx: Sender<Msg>,
    shared: Arc<Shared>,
    handle: Option<JoinHandle<()>>,
}

/// Serializes a session as its file is written: pretty-printed JSON, one event per line
/// in the log, with a final newline. Never empty: a session that cannot be serialized is
/// an error, so no caller can write an empty file by mistake.
pub fn try_session_json(session: &Session) -> Result<Vec<u8>, serde_json::Error> {
    Ok(SessionBytes::new(session)?.file())
}

pub(super) fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Writer {
    /// Starts a writer for `path`, whose file already holds `session` as it is now.
    pub fn start(path: PathBuf, session: Session) -> Writer {
        Writer::start_for(path, &session)
    }

    /// As [`Writer::start`], without taking a copy of the log.
    pub fn start_for(path: PathBuf, session: &Session) -> Writer {
        Writer::start_with(path, session, no_fault())
    }

    /// Starts a writer with a check before every write (tests inject failures this way).
    pub fn start_with(path: PathBuf, session: &Session, fault: WriteFn) -> Writer {
        let events = session.events.len();
        let files = Files::for_session(path, session, fault);
        Writer::spawn(move || files, events)
    }

    /// Starts a writer for a session read from its file by [`super::load::read_session`]:
    /// it goes on from the file and its journal as they are, without writing them anew
    /// (and, on its own thread, without the first frame waiting for it).
    pub fn start_on(path: PathBuf, disk: OnDisk, session: &Session) -> Writer {
        let events = session.events.len();
        // Only a file laid out otherwise is written anew, from the session as read.
        let whole = match disk.log_end {
            Some(_) => None,
            None => Some(SessionBytes::new(session).map(|b| b.file())),
        };
        let files = move || match whole.transpose() {
            Ok(whole) => Files::for_disk(path, disk, whole, events, no_fault()),
            Err(e) => Err(SaveError {
                kind: ErrorKind::InvalidData,
                detail: e.to_string(),
            }),
        };
        Writer::spawn(files, events)
    }

    #[cfg(test)]
    fn start_folding(path: PathBuf, session: &Session, fault: WriteFn, floor: u64) -> Writer {
        let events = session.events.len();
        let files = Files::for_session(path, session, fault).map(|mut f| {
            f.fold_above(floor);
            f
        });
        Writer::spawn(move || files, events)
    }

    fn spawn(
        files: impl FnOnce() -> Result<Files, SaveError> + Send + 'static,
        events: usize,
    ) -> Writer {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        guard(&shared.status).saved = events;
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let thread_shared = shared.clone();
        let handle = std::thread::Builder::new()
            .name("samenspel-writer".into())
            .spawn(move || {
                let _finished = FinishedOnDrop(thread_shared.clone());
                run(files(), rx, &thread_shared)
            });
        let handle = match handle {
            Ok(h) => {
                guard(&RUNNING).push((id, tx.clone(), shared.clone()));
                Some(h)
            }
            Err(e) => {
                // No thread, no saving: say so on the status line rather than pretend.
                guard(&shared.status).error = Some(SaveError::from_io(&e));
                None
            }
        };
        Writer {
            id,
            tx,
            shared,
            handle,
        }
    }

    /// Hands new events to the writer; returns at once.
    pub fn append(&self, events: Vec<Event>) {
        let _ = self.tx.send(Msg::Append(events));
    }

    /// Calls `notify` (on the writer thread) whenever the status may have changed, from
    /// now on; replaces what was set before.
    pub fn on_status(&self, notify: Notify) {
        *guard(&self.shared.notify) = Some(notify);
    }

    /// The current save status.
    pub fn status(&self) -> SaveStatus {
        guard(&self.shared.status).clone()
    }

    /// Writes what is pending, stops the thread and returns the final status; waits at
    /// most [`FINISH_WAIT`].
    pub fn finish(self) -> SaveStatus {
        self.finish_within(FINISH_WAIT)
    }

    /// Writes what is pending and stops the thread, waiting at most `wait` for it (a
    /// hanging disk must not keep the app from ending); returns the status then.
    pub fn finish_within(mut self, wait: Duration) -> SaveStatus {
        self.stop(wait);
        self.status()
    }

    fn stop(&mut self, wait: Duration) {
        let Some(handle) = self.handle.take() else {
            return;
        };
        let _ = self.tx.send(Msg::Stop);
        if self.shared.wait_finished(Instant::now() + wait) {
            let _ = handle.join();
        }
        guard(&RUNNING).retain(|(id, _, _)| *id != self.id);
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Also on the way out of a panic: the last changes still go to disk.
        self.stop(Duration::from_secs(2));
    }
}

/// Asks every running writer to write what it has and waits for all of them until
/// `deadline`. True when every one ended with everything saved. For the way out when
/// the main thread cannot close its session itself (a signal while it is stuck, a panic).
pub fn flush_all(deadline: Instant) -> bool {
    flush_where(|_| true, deadline)
}

fn flush_where(which: impl Fn(u64) -> bool, deadline: Instant) -> bool {
    // A panic may happen while the register is locked: then do not wait for it.
    let entries: Vec<Entry> = match RUNNING.try_lock() {
        Ok(list) => list
            .iter()
            .filter(|(id, _, _)| which(*id))
            .map(|(id, tx, s)| (*id, tx.clone(), s.clone()))
            .collect(),
        Err(_) => return false,
    };
    for (_, tx, _) in &entries {
        let _ = tx.send(Msg::Stop);
    }
    entries.iter().all(|(_, _, shared)| {
        shared.wait_finished(deadline) && guard(&shared.status).error.is_none()
    })
}

fn no_fault() -> WriteFn {
    Box::new(|_: &Path, _: usize| Ok(()))
}

fn run(files: Result<Files, SaveError>, rx: Receiver<Msg>, shared: &Shared) {
    let mut files = match files {
        Ok(f) => f,
        Err(e) => {
            // Never write what cannot be serialized: say so and keep the old file.
            guard(&shared.status).error = Some(e);
            return;
        }
    };
    let mut pending: Vec<Vec<u8>> = Vec::new();
    let mut stopping = false;
    loop {
        let dirty = !pending.is_empty() || files.behind();
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
                Err(_) => {
                    stopping = true;
                    None
                }
            }
        };
        for msg in first.into_iter().chain(rx.try_iter()) {
            match msg {
                Msg::Append(events) => {
                    for event in &events {
                        match event_json(event) {
                            Ok(json) => pending.push(json),
                            Err(e) => {
                                guard(&shared.status).error = Some(SaveError {
                                    kind: ErrorKind::InvalidData,
                                    detail: e.to_string(),
                                });
                            }
                        }
                    }
                }
                Msg::Stop => stopping = true,
            }
        }
        if !pending.is_empty() || files.behind() {
            match files.save(&mut pending, &shared.status) {
                Ok(()) => {
                    let mut s = guard(&shared.status);
                    s.saved = files.saved();
                    s.error = None;
                }
                Err(e) => {
                    guard(&shared.status).error = Some(e);
                    if stopping {
                        // That was the last try on the way out; the caller reports what is lost.
                        shared.notify();
                        return;
                    }
                }
            }
        }
        shared.notify();
        if stopping && pending.is_empty() && !files.behind() {
            // Everything is saved; make the session one file again.
            files.close();
            return;
        }
    }
}

#[cfg(test)]
#[path = "writer_tests.rs"]
mod tests;
