//! Watching a session file that another samenspel process is editing (the second screen
//! of `samenspel follow`). The file is looked at, not read, until it changed: its size,
//! time and inode say so. Saves are atomic renames, so every read sees a complete file; a
//! file that does not parse (edited by hand, half copied) is reported, the last good state
//! stays with the caller, and it is read again a little later even if it looks unchanged.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::error::FileError;
use super::load::load_session;
use crate::core::Live;

/// How often the file is looked at.
pub const POLL: Duration = Duration::from_millis(50);
/// How soon a file that did not parse is read again, even if it looks unchanged.
const RETRY: Duration = Duration::from_secs(1);

/// What identifies one version of the file without reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Signature {
    modified: Option<SystemTime>,
    len: u64,
    /// Each atomic save is a new file (a new inode), even within one clock tick.
    inode: u64,
}

fn signature(path: &Path) -> Option<Signature> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Signature {
        modified: meta.modified().ok(),
        len: meta.len(),
        inode,
    })
}

/// What a look at the file found.
#[derive(Debug)]
pub enum Seen {
    /// Nothing new (or not yet time to look).
    Unchanged,
    /// A new good state of the session.
    Changed(Box<Live>),
    /// The newest version cannot be read now; keep showing the last good one.
    Unreadable(FileError),
}

/// A session file watched for new versions.
pub struct SessionWatcher {
    path: PathBuf,
    seen: Option<Signature>,
    next_look: Instant,
    retry_at: Option<Instant>,
}

impl SessionWatcher {
    /// Starts watching a session file; it must be readable now. Returns its state.
    pub fn start(path: &Path) -> Result<(SessionWatcher, Live), FileError> {
        let seen = signature(path);
        let live = load_session(path)?;
        let watcher = SessionWatcher {
            path: path.to_path_buf(),
            seen,
            next_look: Instant::now() + POLL,
            retry_at: None,
        };
        Ok((watcher, live))
    }

    /// The file watched.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// When the file is looked at next.
    pub fn next_look(&self) -> Instant {
        self.next_look
    }

    /// Looks at the file when it is time (at `now`), and reads it when it changed.
    pub fn look(&mut self, now: Instant) -> Seen {
        if now < self.next_look {
            return Seen::Unchanged;
        }
        self.next_look = now + POLL;
        let current = signature(&self.path);
        let retry = self.retry_at.is_some_and(|at| now >= at);
        if current == self.seen && !retry {
            return Seen::Unchanged;
        }
        self.seen = current;
        match load_session(&self.path) {
            Ok(live) => {
                self.retry_at = None;
                Seen::Changed(Box::new(live))
            }
            Err(e) => {
                self.retry_at = Some(now + RETRY);
                Seen::Unreadable(e)
            }
        }
    }
}
