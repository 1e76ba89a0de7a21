//! The writer thread: saves off the key-press path. The app sends each new event; the
//! thread keeps its own copy of the log, coalesces what arrives while it writes, and
//! always writes the newest log. The status says how many events are on disk.
//!
//! A failed save keeps everything in memory and is tried again every [`RETRY`] with a
//! fresh temporary file, until it succeeds. Before each save the writer looks whether
//! the file is still the one it last wrote; when another program changed it, the file is
//! left alone and the session goes to a copy beside it from then on (see
//! [`super::conflict`]; the status says so). Every running writer is also listed in a
//! process-wide register, so that the way out after a signal or a panic can still get
//! the last changes on disk when the main thread cannot ([`flush_all`]).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::atomic::write_atomic;
use super::conflict::{Conflict, Stamp, changed_elsewhere, copy_path, stamp};
use super::lock::SessionLock;
use super::session_bytes::{Mark, SessionBytes};
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

/// How a writer puts bytes into a file; tests inject failures this way.
pub type WriteFn = Box<dyn Fn(&Path, &[u8]) -> std::io::Result<()> + Send>;

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

fn guard<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Writer {
    /// Starts a writer for `path`, whose file already holds `session` as it is now.
    pub fn start(path: PathBuf, session: Session) -> Writer {
        Writer::start_for(path, &session)
    }

    /// As [`Writer::start`], without taking a copy of the log: the writer keeps the file's
    /// bytes only.
    pub fn start_for(path: PathBuf, session: &Session) -> Writer {
        Writer::start_with(
            path,
            session,
            Box::new(|p: &Path, b: &[u8]| write_atomic(p, b)),
        )
    }

    /// Starts a writer with a given write function (tests inject failures this way).
    pub fn start_with(path: PathBuf, session: &Session, write: WriteFn) -> Writer {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        guard(&shared.status).saved = session.events.len();
        let session = SessionBytes::new(session).map_err(|e| SaveError {
            kind: ErrorKind::InvalidData,
            detail: e.to_string(),
        });
        // The file as it is now holds the session as it is now: what later saves expect.
        let seen = stamp(&path).ok().flatten();
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let thread_shared = shared.clone();
        let handle = std::thread::Builder::new()
            .name("samenspel-writer".into())
            .spawn(move || {
                let _finished = FinishedOnDrop(thread_shared.clone());
                let file = Watched {
                    seen,
                    written: Mark::default(),
                    conflict: None,
                    path,
                };
                run(file, session, rx, &thread_shared, write)
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

/// The session file as the writer knows it, and where saves go.
struct Watched {
    /// The session file.
    path: PathBuf,
    /// Its stamp after the last save (or at the start); none when there was no file.
    seen: Option<Stamp>,
    /// What the last save wrote (or what the file held at the start).
    written: Mark,
    /// Once the file was changed elsewhere: the copy saves go to, and its lock.
    conflict: Option<(Conflict, Option<SessionLock>)>,
}

impl Watched {
    /// Where the next save goes: the session file, or its copy after a conflict, which is
    /// noticed here (and then reported in `status`).
    fn target(&mut self, session: &SessionBytes, status: &Mutex<SaveStatus>) -> PathBuf {
        if self.conflict.is_none()
            && changed_elsewhere(&self.path, self.seen.as_ref(), || {
                session.file_at(self.written)
            })
        {
            let copy = copy_path(&self.path, &jiff::Zoned::now());
            // The copy is this writer's own: nobody else opens it for writing meanwhile.
            let lock = SessionLock::acquire(&copy).ok();
            let conflict = Conflict {
                original: self.path.clone(),
                copy,
            };
            guard(status).conflict = Some(conflict.clone());
            self.conflict = Some((conflict, lock));
        }
        match &self.conflict {
            Some((c, _)) => c.copy.clone(),
            None => self.path.clone(),
        }
    }

    /// Remembers what a save to the session file wrote.
    fn saved(&mut self, session: &SessionBytes) {
        if self.conflict.is_none() {
            self.seen = stamp(&self.path).ok().flatten();
            self.written = session.mark();
        }
    }
}

fn run(
    mut file: Watched,
    session: Result<SessionBytes, SaveError>,
    rx: Receiver<Msg>,
    shared: &Shared,
    write: WriteFn,
) {
    let mut session = match session {
        Ok(s) => s,
        Err(e) => {
            // Never write what cannot be serialized: say so and keep the old file.
            guard(&shared.status).error = Some(e);
            return;
        }
    };
    file.written = session.mark();
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
                    if let Err(e) = session.append(&events) {
                        guard(&shared.status).error = Some(SaveError {
                            kind: ErrorKind::InvalidData,
                            detail: e.to_string(),
                        });
                        continue;
                    }
                    dirty = true;
                }
                Msg::Stop => stopping = true,
            }
        }
        if dirty {
            let count = session.events();
            let target = file.target(&session, &shared.status);
            match save(&target, &session, &write) {
                Ok(()) => {
                    file.saved(&session);
                    dirty = false;
                    let mut s = guard(&shared.status);
                    s.saved = count;
                    s.error = None;
                }
                Err(e) => {
                    guard(&shared.status).error = Some(e);
                    if stopping {
                        // That was the last try on the way out; the caller reports what is lost.
                        return;
                    }
                }
            }
        }
        shared.notify();
        if stopping && !dirty {
            return;
        }
    }
}

fn save(path: &Path, session: &SessionBytes, write: &WriteFn) -> Result<(), SaveError> {
    let bytes = session.file();
    match write(path, &bytes) {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            // The sessions folder was removed while the session was open: make it again
            // (only the last part, so a missing drive is not recreated on another disk).
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && std::fs::create_dir(dir).is_ok()
            {
                return write(path, &bytes).map_err(|e| SaveError::from_io(&e));
            }
            Err(SaveError::from_io(&e))
        }
        other => other.map_err(|e| SaveError::from_io(&e)),
    }
}

#[cfg(test)]
#[path = "writer_tests.rs"]
mod tests;
