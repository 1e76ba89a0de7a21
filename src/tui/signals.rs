//! The way out when the facilitator did not press `q`: SIGTERM, SIGHUP (the terminal
//! window was closed), SIGINT, SIGQUIT (whose default, a core dump, would leave the
//! terminal raw), or a terminal that is simply gone.
//!
//! The signal handlers only set a flag and write a byte into a pipe; a watchdog thread
//! sleeps in `poll` on that pipe and on the terminal (which reports a hang-up by itself),
//! so it wakes only when something happened, never on a timer. It sends the request into
//! the session loop's channel, which then leaves the way `q` does (last changes saved,
//! terminal restored). That is not enough when the terminal is gone: crossterm may then
//! spin on its input (a read that keeps failing). So if the loop has not started its way
//! out in time, the watchdog saves what every writer has, restores the terminal, and ends
//! the process, always within a second.

use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::low_level::unregister;

/// Why the app ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The facilitator quit.
    Quit,
    /// A signal asked the app to end.
    Signal(i32),
    /// The terminal is gone (closed, or its input fails).
    TerminalGone,
}

impl Ending {
    /// The exit code: 0 after quitting, 128 + the signal after a signal (as a shell
    /// reports a process killed by it), 129 (as for SIGHUP) when the terminal is gone.
    pub fn exit_code(self) -> i32 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(s) => 128 + s,
            Ending::TerminalGone => 128 + SIGHUP,
        }
    }
}

/// Marker in `cause` for a terminal that is gone.
const GONE: usize = usize::MAX;

/// How long the loop has to start its way out before the watchdog takes over.
const GRACE: Duration = Duration::from_millis(300);
/// When the process ends at the latest after a signal.
const DEADLINE: Duration = Duration::from_millis(900);

#[derive(Default)]
struct Shared {
    /// The last signal, set by the handlers.
    signal: Arc<AtomicUsize>,
    /// The terminal was found gone by the watchdog.
    gone: AtomicBool,
    /// The loop started its way out.
    closing: AtomicBool,
    /// The loop is done with the terminal; the watchdog stops.
    done: AtomicBool,
}

/// Told once, on the watchdog's thread, when the app is asked to end.
pub type OnEnd = Box<dyn Fn(Ending) + Send>;

/// Signal handlers and the watchdog, for as long as the screens run.
pub struct Lifeline {
    shared: Arc<Shared>,
    ids: Vec<signal_hook::SigId>,
    watchdog: Option<JoinHandle<()>>,
    /// Wakes the watchdog (the handlers write to a clone of it too).
    wake: Option<UnixStream>,
}

impl Lifeline {
    /// Installs the handlers and starts the watchdog, which calls `on_end` when a signal
    /// or a lost terminal asks the app to end.
    pub fn start(on_end: OnEnd) -> Lifeline {
        let shared = Arc::new(Shared::default());
        // The watchdog sleeps until a byte arrives here (or the terminal hangs up).
        let (woken, wake) = match UnixStream::pair() {
            Ok((r, w)) => (Some(r), Some(w)),
            Err(_) => (None, None),
        };
        let ids = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
            .into_iter()
            .flat_map(|sig| {
                // The handlers only store the signal's number and write one byte.
                let value = usize::try_from(sig).ok();
                let flag = value.and_then(|v| {
                    signal_hook::flag::register_usize(sig, shared.signal.clone(), v).ok()
                });
                let pipe = wake
                    .as_ref()
                    .and_then(|w| w.try_clone().ok())
                    .and_then(|w| signal_hook::low_level::pipe::register(sig, w).ok());
                [flag, pipe]
            })
            .flatten()
            .collect();
        let tty = terminal_input();
        let s = shared.clone();
        let watchdog = std::thread::Builder::new()
            .name("samenspel-watchdog".into())
            .spawn(move || watch(&s, woken.as_ref(), tty.as_ref(), &on_end))
            .ok();
        Lifeline {
            shared,
            ids,
            watchdog,
            wake,
        }
    }

    /// Whether the app has been asked to end, and why.
    pub fn requested(&self) -> Option<Ending> {
        match self.shared.signal.load(Ordering::SeqCst) {
            0 if self.shared.gone.load(Ordering::SeqCst) => Some(Ending::TerminalGone),
            0 => None,
            s => Some(Ending::Signal(i32::try_from(s).unwrap_or(SIGTERM))),
        }
    }

    /// Tells the watchdog that the loop is on its way out (saving, then restoring).
    pub fn closing(&self) {
        self.shared.closing.store(true, Ordering::SeqCst);
    }

    /// The loop is done: stop the watchdog and give the signals back to the system.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.done.store(true, Ordering::SeqCst);
        if let Some(w) = &self.wake {
            use std::io::Write;
            let _ = (&*w).write(&[1]);
        }
        if let Some(w) = self.watchdog.take() {
            let _ = w.join();
        }
        for id in self.ids.drain(..) {
            unregister(id);
        }
    }
}

impl Drop for Lifeline {
    fn drop(&mut self) {
        self.stop();
    }
}

fn watch(shared: &Shared, woken: Option<&UnixStream>, tty: Option<&OwnedFd>, on_end: &OnEnd) {
    loop {
        wait(woken, tty);
        if shared.done.load(Ordering::SeqCst) {
            return;
        }
        let signal = shared.signal.load(Ordering::SeqCst);
        if signal == 0 && !tty.is_some_and(hung_up) {
            continue;
        }
        if signal == 0 {
            shared.gone.store(true, Ordering::SeqCst);
        }
        let start = Instant::now();
        let cause = if signal == 0 { GONE } else { signal };
        on_end(ending_of(cause));
        let waited = |until: Duration, flag: &AtomicBool| {
            while start.elapsed() < until {
                if flag.load(Ordering::SeqCst) || shared.done.load(Ordering::SeqCst) {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            false
        };
        // A healthy loop takes the request at once and starts closing; then give it until
        // the deadline to save and restore. A stuck loop gets neither.
        if waited(GRACE, &shared.closing) && waited(DEADLINE, &shared.done) {
            return;
        }
        emergency_exit(cause, start + DEADLINE);
    }
}

/// Sleeps until a byte arrives on `woken` (a signal, or the loop is done) or the terminal
/// hangs up; takes the bytes. Without the pipe (it could not be made) it looks every 50 ms.
#[cfg(unix)]
fn wait(woken: Option<&UnixStream>, tty: Option<&OwnedFd>) {
    use std::io::Read;
    use std::os::fd::AsRawFd;
    let Some(woken) = woken else {
        std::thread::sleep(Duration::from_millis(50));
        return;
    };
    let mut fds = [
        libc::pollfd {
            fd: woken.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        },
        // Asking for nothing still reports a hang-up.
        libc::pollfd {
            fd: tty.map_or(-1, |t| t.as_raw_fd()),
            events: 0,
            revents: 0,
        },
    ];
    // SAFETY: two valid pollfds (a negative fd is ignored by poll); no timeout.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
    if n < 0 {
        // Interrupted by a signal: look at once.
        return;
    }
    if fds[0].revents & libc::POLLIN != 0 {
        let _ = woken.set_nonblocking(true);
        let mut buf = [0u8; 64];
        while matches!((&*woken).read(&mut buf), Ok(n) if n > 0) {}
    }
}

/// Saves what every writer has, restores the terminal and ends the process.
fn emergency_exit(cause: usize, deadline: Instant) -> ! {
    crate::store::writer::flush_all(deadline);
    super::terminal::restore();
    std::process::exit(ending_of(cause).exit_code())
}

fn ending_of(cause: usize) -> Ending {
    if cause == GONE {
        Ending::TerminalGone
    } else {
        Ending::Signal(i32::try_from(cause).unwrap_or(SIGTERM))
    }
}

/// The terminal: standard input when it is one (crossterm reads it), else standard
/// output (the screens run only when it is a terminal); both hang up with the window.
fn terminal_input() -> Option<OwnedFd> {
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return stdin.as_fd().try_clone_to_owned().ok();
    }
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        return stdout.as_fd().try_clone_to_owned().ok();
    }
    None
}

/// Whether the terminal behind `tty` has hung up (its window was closed).
#[cfg(unix)]
fn hung_up(tty: &OwnedFd) -> bool {
    use std::os::fd::AsRawFd;
    let mut fds = [libc::pollfd {
        fd: tty.as_raw_fd(),
        events: 0,
        revents: 0,
    }];
    // SAFETY: one valid pollfd for a file descriptor that `tty` keeps open; no waiting.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
    n > 0 && fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
fn hung_up(_tty: &OwnedFd) -> bool {
    false
}
