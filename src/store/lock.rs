//! One samenspel at a time per session: an exclusive lock on a lock file beside the
//! session (`<session>.lock`). The lock is on a separate file because the session file
//! itself is replaced by a rename on every save, and a lock on the old file would go
//! with it. The lock file holds the process id and host of its holder, so that a
//! refusal can name the other process. The operating system releases the lock when its
//! process dies, so a lock file left behind by a crash does not block anyone.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::paths::real_path;
use crate::core::Lang;

/// The process that holds a lock, as written in its lock file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Process id.
    pub pid: u32,
    /// Host name (for a session on a shared folder).
    pub host: String,
}

/// Why a session could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds the lock.
    #[error("the session is already open in another samenspel")]
    Busy {
        /// The other process, when its lock file says so.
        holder: Option<Holder>,
    },
    /// The lock file could not be created or locked.
    #[error("cannot create the lock file {file}: {source}")]
    Io {
        /// The lock file.
        file: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

impl LockError {
    /// The message for a person, naming the other process where it is known.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LockError::Busy { holder } => {
                let who = match holder {
                    Some(h) => format!(
                        "{} {} {} {}",
                        lang.pick("proces", "process"),
                        h.pid,
                        lang.pick("op", "on"),
                        h.host
                    ),
                    None => lang.pick("een ander proces", "another process").to_string(),
                };
                match lang {
                    Lang::Nl => format!(
                        "deze sessie is al open in een andere samenspel ({who}); sluit die eerst, of open hem met --read-only om alleen te kijken"
                    ),
                    Lang::En => format!(
                        "this session is already open in another samenspel ({who}); close that one first, or open it with --read-only to look only"
                    ),
                }
            }
            LockError::Io { file, source } => match lang {
                Lang::Nl => format!(
                    "kan het slotbestand {} niet maken: {source}; open de sessie met --read-only om alleen te kijken",
                    file.display()
                ),
                Lang::En => format!(
                    "cannot create the lock file {}: {source}; open the session with --read-only to look only",
                    file.display()
                ),
            },
        }
    }
}

/// A held lock on a session. Dropping it releases the lock and removes the lock file.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    path: PathBuf,
    session: PathBuf,
}

/// The lock file of a session: `<session>.lock` beside it.
pub fn lock_path(session: &Path) -> PathBuf {
    let mut name = session
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    session.with_file_name(name)
}

impl SessionLock {
    /// Takes the lock of `session`, or says who holds it. Never waits. The path is
    /// resolved first ([`real_path`]): the lock is beside the real file, whatever link
    /// led to it, and [`SessionLock::session`] names the file to write.
    pub fn acquire(session: &Path) -> Result<SessionLock, LockError> {
        let session = real_path(session);
        let path = lock_path(&session);
        let io = |source| LockError::Io {
            file: path.clone(),
            source,
        };
        // A holder removes its lock file on the way out. Whoever opened that file just
        // before may get the lock on a file that no longer has a name; it then tries
        // again with the file that is there now.
        for _ in 0..10 {
            let mut file = open_lock_file(&path).map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Busy {
                        holder: read_holder(&mut file),
                    });
                }
                // A file system without locks: no protection, but no reason to refuse.
                Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {}
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            write_holder(&mut file).map_err(io)?;
            return Ok(SessionLock {
                file,
                path,
                session,
            });
        }
        Err(LockError::Busy { holder: None })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The session file this lock is for, resolved: the file every save goes to.
    pub fn session(&self) -> &Path {
        &self.session
    }
}

/// Opens (or makes) a lock file. A link in its place is not followed (the holder is
/// written into the file: through a link, into someone else's file), and anything but an
/// ordinary file (a FIFO would block the read of its holder) is refused.
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not an ordinary file",
        ));
    }
    Ok(file)
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Remove the name while the lock is still held; see `acquire` for why this is safe.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// The holder named in a lock file, if it can be read.
pub fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    // The file is someone else's: read a little, never trust it.
    file.take(256).read_to_string(&mut text).ok()?;
    parse_holder(&text)
}

fn parse_holder(text: &str) -> Option<Holder> {
    let mut pid = None;
    let mut host = String::from("?");
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("pid=") {
            pid = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("host=") {
            host = printable(v.trim());
        }
    }
    Some(Holder { pid: pid?, host })
}

fn write_holder(file: &mut File) -> std::io::Result<()> {
    let text = format!("pid={}\nhost={}\n", std::process::id(), host_name());
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(text.as_bytes())?;
    file.flush()
}

/// This machine's name, for the lock file.
pub fn host_name() -> String {
    for source in ["/proc/sys/kernel/hostname", "/etc/hostname"] {
        if let Ok(name) = std::fs::read_to_string(source) {
            let name = name.trim();
            if !name.is_empty() {
                return printable(name);
            }
        }
    }
    std::env::var("HOSTNAME")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .map(|h| printable(&h))
        .unwrap_or_else(|_| "?".to_string())
}

/// A host name as it may be shown: visible ASCII only, at most 64 characters.
fn printable(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_graphic())
        .take(64)
        .collect()
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_names_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        let first = SessionLock::acquire(&session).unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(first.path(), real.join("s.json.lock"));
        assert_eq!(first.session(), real.join("s.json"));
        let err = SessionLock::acquire(&session).unwrap_err();
        let LockError::Busy { holder: Some(h) } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(h.pid, std::process::id());
        assert!(
            err.message(Lang::En)
                .contains(&format!("process {}", h.pid))
        );
        assert!(err.message(Lang::Nl).contains(&format!("proces {}", h.pid)));
        drop(first);
        assert!(!dir.path().join("s.json.lock").exists());
        let again = SessionLock::acquire(&session).unwrap();
        drop(again);
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.json");
        std::fs::write(lock_path(&session), "pid=999999\nhost=elders\n").unwrap();
        let lock = SessionLock::acquire(&session).unwrap();
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert!(
            text.contains(&format!("pid={}", std::process::id())),
            "{text}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_or_a_fifo_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("belangrijk.txt");
        std::fs::write(&victim, b"niet overschrijven").unwrap();
        let session = dir.path().join("s.json");
        std::os::unix::fs::symlink(&victim, dir.path().join("s.json.lock")).unwrap();
        assert!(matches!(
            SessionLock::acquire(&session),
            Err(LockError::Io { .. })
        ));
        assert_eq!(std::fs::read(&victim).unwrap(), b"niet overschrijven");
        let other = dir.path().join("t.json");
        let fifo = std::ffi::CString::new(lock_path(&other).to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            SessionLock::acquire(&other),
            Err(LockError::Io { .. })
        ));
    }

    #[test]
    fn a_hostile_lock_file_is_named_safely() {
        let holder = parse_holder("pid=12\nhost=\u{1b}]0;pwned\u{7}x\n").unwrap();
        assert_eq!(holder.pid, 12);
        assert!(!holder.host.contains('\u{1b}'), "{:?}", holder.host);
        assert_eq!(parse_holder("host=x\n"), None);
    }
}
