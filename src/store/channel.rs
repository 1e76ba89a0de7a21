//! The local channel between a session's console and its beamers: a Unix domain socket
//! beside the session file (`<session>.json.beamer`, mode 0600), that only processes of the
//! same user may use (the console checks every connection's user id with `SO_PEERCRED`, and
//! the beamer checks the console's). Lines of text, each at most [`MAX_LINE`] bytes: first
//! a greeting, then what the console publishes, at most one line every [`GAP`] (only the
//! newest is sent when several came meanwhile), and an empty line every second so that
//! both ends notice a vanished other end. What the lines mean is the screens' business.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The longest line either end accepts.
pub const MAX_LINE: usize = 64 * 1024;
/// The shortest time between two published lines.
pub const GAP: Duration = Duration::from_millis(16);
/// At most this many beamers at once.
pub const MAX_BEAMERS: usize = 16;
/// The first line a console sends.
const HELLO: &str = "samenspel-beamer 1";
const HEARTBEAT: Duration = Duration::from_secs(1);

/// Where the channel of `session` is: beside it, or (when that path is too long for a
/// socket) in a folder of this user's own under the temporary folder.
pub fn socket_path(session: &Path) -> PathBuf {
    let name = session
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let beside = session.with_file_name(format!("{name}.beamer"));
    if beside.as_os_str().len() < 100 {
        return beside;
    }
    use sha2::{Digest, Sha256};
    let full = std::fs::canonicalize(session).unwrap_or_else(|_| session.to_path_buf());
    let hash = Sha256::digest(full.as_os_str().as_encoded_bytes());
    let short: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
    std::env::temp_dir()
        .join(format!("samenspel-{}", own_uid()))
        .join(format!("{short}.beamer"))
}

fn own_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The user id of the process at the other end of `stream`.
fn peer_uid(stream: &UnixStream) -> Option<u32> {
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: the pointers are to a live ucred and its length, as SO_PEERCRED expects.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    (rc == 0).then_some(cred.uid)
}

/// Why the channel could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    /// Something that is not a socket is where the channel goes: it is left alone.
    #[error("{0}: exists and is not a beamer socket; left alone")]
    InTheWay(PathBuf),
    /// The socket could not be made.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

struct Shared {
    /// Called when a beamer comes or goes (the console redraws its sign).
    changed: Box<dyn Fn() + Send + Sync>,
    latest: Mutex<Latest>,
    wake: Condvar,
    clients: Mutex<Vec<UnixStream>>,
    stop: AtomicBool,
}

#[derive(Default)]
struct Latest {
    line: Option<String>,
    unsent: bool,
}

/// The console's end: accepts beamers and sends them what it publishes.
pub struct Publisher {
    path: PathBuf,
    shared: Arc<Shared>,
}

impl Publisher {
    /// Opens the channel of `session` (a stale socket of an earlier console is replaced);
    /// `changed` is called whenever a beamer comes or goes.
    pub fn open(
        session: &Path,
        changed: Box<dyn Fn() + Send + Sync>,
    ) -> Result<Publisher, ChannelError> {
        Publisher::open_for(session, own_uid(), changed)
    }

    /// Opens the channel for processes of user `uid` only.
    fn open_for(
        session: &Path,
        uid: u32,
        changed: Box<dyn Fn() + Send + Sync>,
    ) -> Result<Publisher, ChannelError> {
        let path = socket_path(session);
        let io = |e| ChannelError::Io(path.clone(), e);
        if let Some(dir) = path.parent()
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(io)?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_socket() => std::fs::remove_file(&path).map_err(io)?,
            Ok(_) => return Err(ChannelError::InTheWay(path)),
            Err(_) => {}
        }
        let listener = UnixListener::bind(&path).map_err(io)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        let shared = Arc::new(Shared {
            changed,
            latest: Mutex::new(Latest::default()),
            wake: Condvar::new(),
            clients: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let accepting = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("samenspel-beamer-accept".into())
            .spawn(move || accept(listener, uid, &accepting))
            .map_err(io)?;
        let sending = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("samenspel-beamer-send".into())
            .spawn(move || send(&sending))
            .map_err(io)?;
        Ok(Publisher { path, shared })
    }

    /// Where the channel is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Publishes `line` (one line, no line feed); the same line again sends nothing. A
    /// line over [`MAX_LINE`] is not sent.
    pub fn publish(&self, line: String) {
        if line.len() > MAX_LINE || line.contains('\n') {
            return;
        }
        let Ok(mut latest) = self.shared.latest.lock() else {
            return;
        };
        if latest.line.as_deref() == Some(line.as_str()) {
            return;
        }
        latest.line = Some(line);
        latest.unsent = true;
        self.shared.wake.notify_all();
    }

    /// How many beamers are connected (one that went away counts until the next send).
    pub fn beamers(&self) -> usize {
        self.shared.clients.lock().map_or(0, |c| c.len())
    }
}

impl Drop for Publisher {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.wake.notify_all();
        // Wakes the accepting thread, which then sees the stop.
        let _ = UnixStream::connect(&self.path);
        let _ = std::fs::remove_file(&self.path);
    }
}

fn accept(listener: UnixListener, uid: u32, shared: &Shared) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(mut stream) = stream else { continue };
        if peer_uid(&stream) != Some(uid) {
            // Another user's process: closed without a word.
            continue;
        }
        let _ = stream.set_write_timeout(Some(Duration::from_millis(250)));
        let latest = shared
            .latest
            .lock()
            .ok()
            .and_then(|l| l.line.clone())
            .unwrap_or_default();
        let Ok(mut clients) = shared.clients.lock() else {
            return;
        };
        if clients.len() >= MAX_BEAMERS {
            continue;
        }
        if stream
            .write_all(format!("{HELLO}\n{latest}\n").as_bytes())
            .is_ok()
        {
            clients.push(stream);
            drop(clients);
            // The sender may be asleep with nobody to keep alive: its heartbeat starts now
            // (under its lock, so the wake-up cannot fall between its look and its wait).
            if let Ok(_latest) = shared.latest.lock() {
                shared.wake.notify_all();
            }
            (shared.changed)();
        }
    }
}

fn send(shared: &Shared) {
    let mut last: Option<Instant> = None;
    loop {
        let fresh = {
            let Ok(latest) = shared.latest.lock() else {
                return;
            };
            let idle = |l: &mut Latest| !l.unsent && !shared.stop.load(Ordering::SeqCst);
            // With no beamer there is nobody to keep alive: sleep until something is
            // published or a beamer connects (a laptop on battery should not notice).
            let alone = shared.clients.lock().map_or(true, |c| c.is_empty());
            let latest = if alone {
                shared.wake.wait_while(latest, idle).ok()
            } else {
                shared
                    .wake
                    .wait_timeout_while(latest, HEARTBEAT, idle)
                    .ok()
                    .map(|(latest, _)| latest)
            };
            let Some(latest) = latest else {
                return;
            };
            latest.unsent
        };
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let mut text = String::from("\n");
        if fresh {
            // At most one line every GAP: what came meanwhile waits, and only the newest goes.
            if let Some(wait) = last.and_then(|l| GAP.checked_sub(l.elapsed())) {
                std::thread::sleep(wait);
            }
            if let Ok(mut latest) = shared.latest.lock() {
                latest.unsent = false;
                text = format!("{}\n", latest.line.clone().unwrap_or_default());
            }
        }
        let gone = shared.clients.lock().is_ok_and(|mut clients| {
            let before = clients.len();
            clients.retain_mut(|c| c.write_all(text.as_bytes()).is_ok());
            clients.len() < before
        });
        if gone {
            (shared.changed)();
        }
        last = Some(Instant::now());
    }
}

/// What a beamer hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// Connected to the console.
    Connected,
    /// A line the console published.
    Line(String),
    /// Not connected (the console is not running, or went away); tried again shortly.
    Lost,
    /// Something answers that is not this user's samenspel console.
    Refused(Refusal),
}

/// Why a beamer does not listen to what answers at the console's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Another user's process listens there.
    OtherUser(PathBuf),
    /// It does not speak as a samenspel console.
    NotConsole(PathBuf),
    /// The beamer could not start listening.
    NoThread,
}

/// The beamer's end: connects to the console of `session` and keeps connecting while
/// `heard` returns true (it returns false once nobody listens).
pub fn subscribe(session: &Path, heard: Box<dyn Fn(Heard) -> bool + Send>) -> std::io::Result<()> {
    let path = socket_path(session);
    std::thread::Builder::new()
        .name("samenspel-beamer".into())
        .spawn(move || {
            let mut was = None;
            loop {
                let Some((now, connected)) = listen(&path, &*heard) else {
                    return;
                };
                if connected {
                    was = None;
                }
                if was.as_ref() != Some(&now) && !heard(now.clone()) {
                    return;
                }
                was = Some(now);
                std::thread::sleep(Duration::from_millis(100));
            }
        })
        .map(|_| ())
}

/// One connection: what ended it and whether it was connected (none: stop altogether).
fn listen(path: &Path, heard: &dyn Fn(Heard) -> bool) -> Option<(Heard, bool)> {
    let Ok(stream) = UnixStream::connect(path) else {
        return Some((Heard::Lost, false));
    };
    if peer_uid(&stream) != Some(own_uid()) {
        return Some((
            Heard::Refused(Refusal::OtherUser(path.to_path_buf())),
            false,
        ));
    }
    let _ = stream.set_read_timeout(Some(HEARTBEAT * 3));
    let mut reader = BufReader::new(stream);
    match read_line(&mut reader) {
        Ok(Some(hello)) if hello == HELLO => {}
        _ => {
            return Some((
                Heard::Refused(Refusal::NotConsole(path.to_path_buf())),
                false,
            ));
        }
    }
    if !heard(Heard::Connected) {
        return None;
    }
    // A line that joins as it is published may come twice: once is enough.
    let mut last = String::new();
    loop {
        match read_line(&mut reader) {
            Ok(Some(line)) if line.is_empty() || line == last => {}
            Ok(Some(line)) => {
                last.clone_from(&line);
                if !heard(Heard::Line(line)) {
                    return None;
                }
            }
            _ => return Some((Heard::Lost, true)),
        }
    }
}

/// One line of at most MAX_LINE bytes (without its line feed); none at the end.
fn read_line(reader: &mut BufReader<UnixStream>) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = reader
        .by_ref()
        .take(MAX_LINE as u64 + 1)
        .read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') {
        return Err(std::io::Error::new(ErrorKind::InvalidData, "line too long"));
    }
    buf.pop();
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| std::io::Error::new(ErrorKind::InvalidData, "not text"))
}

#[cfg(test)]
mod tests;
