//! The terminal: the session loop and its inputs, the app and its screens, one module
//! per kind of step, the key tables, the theme. ARCHITECTURE.md draws the whole.

pub mod action;
pub mod app;
pub mod beamer;
pub mod browse;
pub mod follow;
pub mod form;
pub mod heat;
pub mod help;
pub mod home;
pub mod input;
pub mod keys;
pub mod participants;
pub mod question;
pub mod replay;
pub mod room;
pub mod session;
pub mod share;
pub mod side;
pub mod signals;
pub mod status;
pub mod steps;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod timer;
pub mod undo;
pub mod view;
pub mod wrapped;

use std::io::Write;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crossterm::event;

pub use app::{App, Clock, Screen};
use input::Input;
use signals::{Ending, Lifeline};

/// How long the way out after a signal or a lost terminal waits for the last save, so
/// that the process ends within a second.
const SIGNAL_SAVE_WAIT: Duration = Duration::from_millis(600);

/// At most this many inputs are taken before the next frame is drawn.
const BATCH: usize = 256;

/// What arrives in the background (phones, saves) is drawn at most this often.
const FRAME_GAP: Duration = Duration::from_millis(16);

/// Runs the app in the terminal until it ends; returns the exit code. The terminal is
/// restored on every way out: quit, error, signal, panic, a terminal that is gone.
pub fn run(mut app: App) -> anyhow::Result<i32> {
    let mut terminal = terminal::enter(app.lang)?;
    let (inputs, received) = channel();
    let signalled = inputs.clone();
    let lifeline = Lifeline::start(Box::new(move |ending| {
        let _ = signalled.send(Input::End(ending));
    }));
    app.connect(inputs.clone());
    input::read_terminal(inputs);
    let ending = session_loop(&mut terminal, &mut app, &received);
    lifeline.closing();
    let wait = match ending {
        Ending::Quit => crate::store::writer::FINISH_WAIT,
        _ => SIGNAL_SAVE_WAIT,
    };
    // The one place a session is closed: on the way out, after the last key.
    let closed = session::end::close(&mut app, wait);
    drop(terminal);
    terminal::restore();
    lifeline.finish();
    for msg in &closed.messages {
        eprintln!("samenspel: {}", text::clean(msg));
    }
    let code = ending.exit_code();
    // A quit that lost changes is no success (a signal keeps its own code).
    Ok(if code == 0 && closed.lost > 0 {
        session::end::EXIT_NOT_SAVED
    } else {
        code
    })
}

/// Keys and pastes that come in a burst are drawn once per this long, not once per key; a
/// key after a pause is drawn at once.
const FRAME: Duration = Duration::from_millis(8);

/// The session loop: draw, wait for the next input (or until the screen moves by itself),
/// take everything that is waiting (a key's burst: also what comes within a frame's time
/// of the last frame), and draw again. It never polls: it sleeps until an input arrives or
/// a deadline (a countdown's digits, replay, follow without the kernel's news) is reached.
fn session_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    received: &Receiver<Input>,
) -> Ending {
    let drill = PanicDrill::from_env();
    loop {
        let Ok(area) = terminal::draw(terminal, |f| view::draw(f, app)) else {
            return Ending::TerminalGone;
        };
        let drawn = Instant::now();
        app.area = area;
        // What the room sees goes to the beamers once it is drawn here.
        app.publish();
        if app.bell() {
            // The bell, once, when the countdown reaches zero; the keyboard stays put.
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
        // Wait for something that changes the screen. What arrives in the background
        // (phones' changes, saves) owes a frame that is drawn at most every FRAME_GAP, so that
        // a busy room never keeps a key waiting behind frames; a key is drawn at once.
        let mut owed = false;
        loop {
            let due = owed.then(|| drawn + FRAME_GAP);
            let wake = match (app.deadline(), due) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let first = match wake {
                Some(at) => {
                    match received.recv_timeout(at.saturating_duration_since(Instant::now())) {
                        Ok(input) => Some(input),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ending::TerminalGone,
                    }
                }
                None => match received.recv() {
                    Ok(input) => Some(input),
                    Err(_) => return Ending::TerminalGone,
                },
            };
            let Some(first) = first else {
                if app.tick() || (owed && drawn.elapsed() >= FRAME_GAP) {
                    break;
                }
                continue;
            };
            // Take whatever else is already waiting before drawing (fast typing, paste, a
            // room full of phones), a bounded batch so that a frame is never long in coming.
            let mut foreground = false;
            if let Some(ending) = take(terminal, app, &drill, first, received, &mut foreground) {
                return ending;
            }
            // Keys that come within a frame's time of the last frame join this one (with
            // use-dev-tty, crossterm hands a burst over key by key: crossterm issue #839).
            while foreground {
                let left = (drawn + FRAME).saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match received.recv_timeout(left) {
                    Ok(input) => {
                        if let Some(ending) =
                            take(terminal, app, &drill, input, received, &mut foreground)
                        {
                            return ending;
                        }
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Ending::TerminalGone,
                }
            }
            app.settle();
            let moved = app.tick();
            if foreground || moved || drawn.elapsed() >= FRAME_GAP {
                break;
            }
            owed = true;
        }
    }
}

/// Hands `first` and the inputs already waiting (at most [`BATCH`]) to the app; the ending
/// when one asks the app to end. `foreground` becomes true when one is not from the
/// background (phones, saves).
fn take(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    drill: &PanicDrill,
    first: Input,
    received: &Receiver<Input>,
    foreground: &mut bool,
) -> Option<Ending> {
    for input in std::iter::once(first).chain(received.try_iter().take(BATCH)) {
        // A key, and what a beamer hears of its console, are drawn at once.
        *foreground |= !matches!(input, Input::Room(_) | Input::Saved);
        if let Input::Terminal(event) = &input {
            drill.check(event);
            if let event::Event::Resize(cols, rows) = event {
                let _ = terminal::resize(terminal, *cols, *rows);
            }
        }
        if let Some(ending) = app.handle(input) {
            return Some(ending);
        }
        if app.quit {
            return Some(Ending::Quit);
        }
    }
    None
}

/// A fire drill for the way out of a panic: with `SAMENSPEL_PANIC_KEY=<c>` in the
/// environment, the key `c` makes the app panic, so a test can check that the terminal
/// is restored and the last changes are saved. Unset, it does nothing.
struct PanicDrill(Option<char>);

impl PanicDrill {
    fn from_env() -> PanicDrill {
        PanicDrill(
            std::env::var("SAMENSPEL_PANIC_KEY")
                .ok()
                .and_then(|k| k.chars().next()),
        )
    }

    #[allow(clippy::panic, reason = "the drill's purpose is a real panic")]
    fn check(&self, ev: &event::Event) {
        if let (Some(c), event::Event::Key(key)) = (self.0, ev)
            && key.code == event::KeyCode::Char(c)
        {
            panic!("panic drill (SAMENSPEL_PANIC_KEY)");
        }
    }
}

#[cfg(test)]
mod tests;
