//! A session on disk, owned by one process: its file, the writer that saves it off the
//! key-press path, and the lock that makes it this process's own. The one answer to
//! "where is a session opened, created or closed": the screens only hand it events.
//!
//! A new session takes a free name under its lock and is written at once; an existing
//! one is locked before it is read, so no one else is writing it meanwhile. A file that
//! cannot be read is never written.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::atomic::{remove_leftovers, write_atomic};
use super::error::FileError;
use super::load::{load_session, read_session};
use super::lock::{LockError, SessionLock};
use super::paths::{new_session_path, sessions_dir};
use super::writer::{Notify, SaveStatus, Writer, try_session_json};
use crate::core::{Event, Lang, Live, Problem, Session};

/// An open session file: saved in the background, locked for this process.
pub struct SessionFile {
    path: PathBuf,
    /// None once closed.
    writer: Option<Writer>,
    /// Declared after the writer, so that the last save happens before the lock goes.
    lock: Option<SessionLock>,
    /// The save status when the file was closed.
    closed: Option<SaveStatus>,
}

impl SessionFile {
    /// Writes a new session under a free name in the sessions folder (made when missing)
    /// and keeps it open: for `samenspel new`, with or without `--from`, and the home screen.
    pub fn create(session: &Session) -> Result<SessionFile, FileError> {
        let dir = sessions_dir();
        std::fs::create_dir_all(&dir).map_err(|e| {
            FileError::io(
                &dir,
                "kan de map niet maken",
                "cannot create the folder",
                &e,
            )
        })?;
        let (_, lock) = lock_new_in(&dir, session)?;
        SessionFile::start(lock, session)
    }

    /// Writes a new session to `path`, which must not exist yet, and keeps it open.
    pub fn create_at(path: PathBuf, session: &Session) -> Result<SessionFile, FileError> {
        let lock = lock_new(&path)?;
        SessionFile::start(lock, session)
    }

    /// Writes a new session to the file of `lock` and keeps it open.
    fn start(lock: SessionLock, session: &Session) -> Result<SessionFile, FileError> {
        // The file the lock resolved: a link in the path is followed, never replaced.
        let path = lock.session().to_path_buf();
        let cannot = |e: &std::io::Error| {
            FileError::io(
                &path,
                "kan de sessie niet opslaan",
                "cannot save the session",
                e,
            )
        };
        let bytes = try_session_json(session).map_err(|e| cannot(&e.into()))?;
        write_atomic(&path, &bytes).map_err(|e| cannot(&e))?;
        let writer = Writer::start_for(path.clone(), session);
        Ok(SessionFile {
            path,
            writer: Some(writer),
            lock: Some(lock),
            closed: None,
        })
    }

    /// Reopens a saved session for writing: locked, read, and folded.
    pub fn open(path: &Path) -> Result<(SessionFile, Live), FileError> {
        let lock = lock_for_open(path).map_err(|e| lock_error(path, &e))?;
        SessionFile::open_locked(path, lock)
    }

    /// As [`SessionFile::open`], with a lock taken before (see [`lock_for_open`]), so a
    /// session open elsewhere can be refused before anything else happens. A file that
    /// cannot be read is never written: the error comes back and the lock is released.
    pub fn open_locked(
        path: &Path,
        lock: Option<SessionLock>,
    ) -> Result<(SessionFile, Live), FileError> {
        // The file the lock resolved (through any link) is read and written as one.
        let ((live, disk), lock) = match lock {
            Some(lock) => (read_session(lock.session())?, lock),
            None => {
                let read = read_session(path)?;
                // The file appeared after the lock was looked for: take it now.
                (
                    read,
                    SessionLock::acquire(path).map_err(|e| lock_error(path, &e))?,
                )
            }
        };
        let path = lock.session().to_path_buf();
        let path = path.as_path();
        // What a killed samenspel left half-written; only the lock holder may do this.
        remove_leftovers(path);
        // The writer goes on from the file and its journal as they are: nothing of the log
        // is serialized again.
        let writer = Writer::start_on(path.to_path_buf(), disk, &live.session);
        let file = SessionFile {
            path: path.to_path_buf(),
            writer: Some(writer),
            lock: Some(lock),
            closed: None,
        };
        Ok((file, live))
    }

    /// Reads a session to look at only: no lock, and nothing is ever written.
    pub fn open_read_only(path: &Path) -> Result<Live, FileError> {
        load_session(path)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Hands a new event to the writer; returns at once. After [`SessionFile::close`]
    /// nothing is written any more.
    pub fn append(&self, event: &Event) {
        if let Some(w) = &self.writer {
            w.append(vec![event.clone()]);
        }
    }

    /// Calls `notify` (on the writer's thread) whenever the save status may have changed.
    pub fn on_status(&self, notify: Notify) {
        if let Some(w) = &self.writer {
            w.on_status(notify);
        }
    }

    /// What is on disk: the number of events saved and the last error.
    pub fn status(&self) -> SaveStatus {
        match (&self.writer, &self.closed) {
            (Some(w), _) => w.status(),
            (None, Some(closed)) => closed.clone(),
            (None, None) => SaveStatus::default(),
        }
    }

    /// Whether the file was closed.
    pub fn is_closed(&self) -> bool {
        self.writer.is_none()
    }

    /// Writes what is pending (waiting at most `wait` for it), stops the writer and
    /// releases the lock; returns the final status. Closing again returns the status of
    /// the first close.
    pub fn close(&mut self, wait: Duration) -> SaveStatus {
        if let Some(writer) = self.writer.take() {
            self.closed = Some(writer.finish_within(wait));
            self.lock = None;
        }
        self.closed.clone().unwrap_or_default()
    }
}

/// Takes the lock of a session file before it is opened for writing. None when there is
/// no such file (opening it reports that better than the lock could).
pub fn lock_for_open(path: &Path) -> Result<Option<SessionLock>, LockError> {
    if !path.is_file() {
        return Ok(None);
    }
    SessionLock::acquire(path).map(Some)
}

/// A free name for `session` in `dir`, locked. Another samenspel may pick the same name
/// at the same moment: whoever holds the lock of a name that is still free takes it.
fn lock_new_in(dir: &Path, session: &Session) -> Result<(PathBuf, SessionLock), FileError> {
    for _ in 0..10 {
        let path = new_session_path(dir, session.created, &session.scenario.id, &session.title);
        match SessionLock::acquire(&path) {
            Ok(lock) if !taken(lock.session()) => return Ok((path, lock)),
            Ok(_) => {}
            // The other one is writing its first save under this name right now.
            Err(LockError::Busy { .. }) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(lock_error(&path, &e)),
        }
    }
    Err(FileError::one(
        dir,
        Problem::new(
            "",
            "geen vrije bestandsnaam gevonden voor de nieuwe sessie",
            "no free file name found for the new session",
        ),
    ))
}

/// The lock of a new session file at `path`, which must not exist yet.
fn lock_new(path: &Path) -> Result<SessionLock, FileError> {
    let lock = SessionLock::acquire(path).map_err(|e| lock_error(path, &e))?;
    if taken(path) || taken(lock.session()) {
        return Err(FileError::one(
            path,
            Problem::new(
                "",
                "dit bestand bestaat al; open het met `samenspel open`",
                "this file exists already; open it with `samenspel open`",
            ),
        ));
    }
    Ok(lock)
}

/// Whether a name is in use: by a file, a folder, or a link (also one that leads nowhere,
/// which a save would otherwise replace).
fn taken(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// A lock refusal as a file error, for the error screen.
pub fn lock_error(path: &Path, e: &LockError) -> FileError {
    FileError::one(
        path,
        Problem::new("", e.message(Lang::Nl), e.message(Lang::En)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Change;
    use crate::store::builtin::builtin;

    /// A new session of a built-in scenario, with an empty log.
    fn session() -> Session {
        let scenario = builtin("zwolse-komedie").and_then(Result::ok);
        crate::core::generate::session(scenario.expect("built-in scenario"), 0, 1)
    }

    #[test]
    fn a_created_file_is_written_locked_saved_and_released_on_close() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let mut file = SessionFile::create_at(path.clone(), &session()).unwrap();
        assert!(path.exists(), "written at once");
        let (tx, rx) = std::sync::mpsc::channel();
        file.on_status(Box::new(move || {
            let _ = tx.send(());
        }));
        let event = Event::new(
            "2025-03-01T10:01:00Z".parse().unwrap(),
            Change::StepOpened {
                step: "akte-2".into(),
            },
        );
        file.append(&event);
        // The writer says when the status changed: no need to ask in a loop.
        rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(SessionFile::open(&path).is_err(), "locked while open");
        let status = file.close(Duration::from_secs(10));
        assert_eq!((status.saved, status.error), (1, None));
        let (mut again, live) = SessionFile::open(&path).unwrap();
        assert_eq!(live.session.events, vec![event]);
        again.close(Duration::from_secs(10));
        assert!(SessionFile::create_at(path, &session()).is_err(), "exists");
    }
}
