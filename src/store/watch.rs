//! Watching a session file that another samenspel process is editing (the second screen
//! of `samenspel follow`). The kernel says when the file or its journal changed (inotify,
//! on Linux), so nothing runs while nothing changes; where it cannot, the files are looked
//! at (not read) every [`POLL`]. A journal that grew is read from where it was read last:
//! only the new changes, however long the session. A file written whole is read again
//! whole. A version that does not parse (edited by hand, half copied) is reported, the
//! last good state stays with the caller, and it is read again a little later.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use super::error::FileError;
use super::journal::journal_path;
use super::load::{MAX_SESSION_BYTES, load_session};
use crate::core::{Event, Live};

/// How often the files are looked at where the kernel cannot tell (no inotify): a stat of
/// two files, cheap, and soon enough for a second screen.
pub const POLL: Duration = Duration::from_millis(100);
/// How soon a file that did not parse is read again, even if it looks unchanged.
const RETRY: Duration = Duration::from_secs(1);

/// What identifies one version of a file without reading it.
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

/// What a look at the files found.
#[derive(Debug)]
pub enum Seen {
    /// Nothing new (or not yet time to look).
    Unchanged,
    /// The session was brought up to date.
    Changed,
    /// The newest version cannot be read now; the last good one stays.
    Unreadable(FileError),
}

/// Called (on another thread) when the kernel says a watched file changed.
pub type OnChange = Box<dyn Fn() + Send>;

/// A session file watched for new versions.
pub struct SessionWatcher {
    path: PathBuf,
    journal: PathBuf,
    /// The file and the journal as last read.
    seen: (Option<Signature>, Option<Signature>),
    /// How much of the journal was taken in (its whole lines).
    read_to: u64,
    /// Set by the kernel's news; none without it (then the files are looked at).
    changed: Option<Arc<AtomicBool>>,
    kernel: Option<Kernel>,
    next_look: Instant,
    retry_at: Option<Instant>,
}

impl SessionWatcher {
    /// Starts watching a session file; it must be readable now. Returns its state.
    pub fn start(path: &Path) -> Result<(SessionWatcher, Live), FileError> {
        let journal = journal_path(path);
        let changed = Arc::new(AtomicBool::new(false));
        let kernel = Kernel::start(path, changed.clone());
        let seen = (signature(path), signature(&journal));
        let live = load_session(path)?;
        let mut watcher = SessionWatcher {
            path: path.to_path_buf(),
            read_to: 0,
            seen,
            changed: kernel.is_some().then_some(changed),
            kernel,
            next_look: Instant::now() + POLL,
            retry_at: None,
            journal,
        };
        watcher.read_to = watcher.journal_whole();
        Ok((watcher, live))
    }

    /// The file watched.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// When the files are looked at next; none when only the kernel's news (or an input)
    /// makes it worth looking.
    pub fn next_look(&self) -> Option<Instant> {
        match (&self.changed, self.retry_at) {
            (Some(_), retry) => retry,
            (None, Some(retry)) => Some(retry.min(self.next_look)),
            (None, None) => Some(self.next_look),
        }
    }

    /// Whether the kernel tells this watcher when the files change.
    pub fn is_notified(&self) -> bool {
        self.kernel.is_some()
    }

    /// Calls `on_change` (on another thread) whenever the kernel says the file or its
    /// journal changed, so the caller can look then without asking again and again.
    pub fn on_change(&self, on_change: OnChange) {
        if let Some(k) = &self.kernel {
            *k.on_change.lock().unwrap_or_else(|p| p.into_inner()) = Some(on_change);
        }
    }

    /// Looks at the files when there is news or it is time (at `now`), and brings `live`
    /// up to date when they changed: with the journal's new lines only, when that is all
    /// that changed.
    pub fn look(&mut self, now: Instant, live: &mut Live) -> Seen {
        let retry = self.retry_at.is_some_and(|at| now >= at);
        let news = match &self.changed {
            Some(flag) => flag.swap(false, Ordering::SeqCst),
            None => now >= self.next_look,
        };
        if !news && !retry {
            return Seen::Unchanged;
        }
        self.next_look = now + POLL;
        let current = (signature(&self.path), signature(&self.journal));
        if current == self.seen && !retry {
            return Seen::Unchanged;
        }
        let only_grew = self.retry_at.is_none()
            && current.0 == self.seen.0
            && current.0.is_some()
            && match (self.seen.1, current.1) {
                (Some(before), Some(now)) => before.inode == now.inode && now.len >= before.len,
                _ => false,
            };
        self.seen = current;
        if only_grew && let Some(added) = self.new_lines() {
            let before = live.session.events.len();
            let fits = added.into_iter().all(|e| live.record_event(e).is_ok());
            if fits {
                return if live.session.events.len() > before {
                    Seen::Changed
                } else {
                    Seen::Unchanged
                };
            }
        }
        match load_session(&self.path) {
            Ok(new) => {
                *live = new;
                self.retry_at = None;
                self.read_to = self.journal_whole();
                Seen::Changed
            }
            Err(e) => {
                self.retry_at = Some(now + RETRY);
                Seen::Unreadable(e)
            }
        }
    }

    /// The events of the journal's whole lines after what was read; none when they cannot
    /// be read that way (then the whole session is read again).
    fn new_lines(&mut self) -> Option<Vec<Event>> {
        let mut file = std::fs::File::open(&self.journal).ok()?;
        file.seek(SeekFrom::Start(self.read_to)).ok()?;
        let mut bytes = Vec::new();
        file.take(MAX_SESSION_BYTES).read_to_end(&mut bytes).ok()?;
        let (events, whole) = super::journal::parse_lines(&bytes)?;
        self.read_to += whole as u64;
        Some(events)
    }

    /// The length of the journal's whole part now (0 when there is none).
    fn journal_whole(&self) -> u64 {
        std::fs::read(&self.journal)
            .ok()
            .and_then(|b| super::journal::Journal::parse(&b).ok())
            .map_or(0, |j| j.whole as u64)
    }
}

/// The kernel's news of a session file and its journal: a thread that waits for inotify
/// events of their folder and passes on those that name them.
struct Kernel {
    #[cfg(target_os = "linux")]
    watches: inotify::Watches,
    #[cfg(target_os = "linux")]
    watch: inotify::WatchDescriptor,
    stop: Arc<AtomicBool>,
    on_change: Arc<Mutex<Option<OnChange>>>,
}

impl Kernel {
    #[cfg(target_os = "linux")]
    fn start(path: &Path, changed: Arc<AtomicBool>) -> Option<Kernel> {
        use inotify::{Inotify, WatchMask};
        let dir = super::atomic::folder(path).to_path_buf();
        let names = [
            path.file_name()?.to_os_string(),
            journal_path(path).file_name()?.to_os_string(),
        ];
        let mut inotify = Inotify::init().ok()?;
        let mut watches = inotify.watches();
        // Saves rename a new file into place, the journal grows in place.
        let mask = WatchMask::MODIFY
            | WatchMask::CLOSE_WRITE
            | WatchMask::MOVED_TO
            | WatchMask::CREATE
            | WatchMask::DELETE
            | WatchMask::ATTRIB;
        let watch = watches.add(&dir, mask).ok()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let on_change: Arc<Mutex<Option<OnChange>>> = Arc::default();
        let notify = on_change.clone();
        std::thread::Builder::new()
            .name("samenspel-follow".into())
            .spawn(move || {
                let mut buffer = [0u8; 4096];
                while !stopped.load(Ordering::SeqCst) {
                    let Ok(events) = inotify.read_events_blocking(&mut buffer) else {
                        return;
                    };
                    let ours = events
                        .filter(|e| e.name.is_some_and(|n| names.iter().any(|m| m == n)))
                        .count();
                    if ours > 0 && !stopped.load(Ordering::SeqCst) {
                        changed.store(true, Ordering::SeqCst);
                        if let Some(f) = notify.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
                            f();
                        }
                    }
                }
            })
            .ok()?;
        Some(Kernel {
            watches,
            watch,
            stop,
            on_change,
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn start(_: &Path, _: Arc<AtomicBool>) -> Option<Kernel> {
        None
    }
}

impl Drop for Kernel {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Removing the watch sends one last event, which ends the thread's wait.
        #[cfg(target_os = "linux")]
        let _ = self.watches.remove(self.watch.clone());
    }
}
