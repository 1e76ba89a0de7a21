//! Which file a session is written to, and the lock that makes it this process's own:
//! a new session takes a free name under its lock; an existing one is locked before it
//! is read, so no one else is writing it meanwhile.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::core::{Lang, Problem, Session};
use crate::store::FileError;
use crate::store::lock::{LockError, SessionLock};
use crate::store::paths::new_session_path;

/// A free name for `session` in `dir`, locked. Another samenspel may pick the same name
/// at the same moment: whoever holds the lock of a name that is still free takes it.
pub fn lock_new_in(dir: &Path, session: &Session) -> Result<(PathBuf, SessionLock), FileError> {
    for _ in 0..10 {
        let path = new_session_path(dir, session.created, &session.scenario.id, &session.title);
        match SessionLock::acquire(&path) {
            Ok(lock) if !path.exists() => return Ok((path, lock)),
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
pub fn lock_new(path: &Path) -> Result<SessionLock, FileError> {
    let lock = SessionLock::acquire(path).map_err(|e| lock_error(path, &e))?;
    if path.exists() {
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

/// Takes the lock of a session file before it is opened for writing. None when there is
/// no such file (opening it reports that better than the lock could).
pub fn lock_for_open(path: &Path) -> Result<Option<SessionLock>, LockError> {
    if !path.is_file() {
        return Ok(None);
    }
    SessionLock::acquire(path).map(Some)
}

/// A lock refusal as a file error, for the error screen.
pub fn lock_error(path: &Path, e: &LockError) -> FileError {
    FileError::one(
        path,
        Problem::new("", e.message(Lang::Nl), e.message(Lang::En)),
    )
}
