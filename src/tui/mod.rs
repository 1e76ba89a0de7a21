//! The terminal: app state, keys to actions, one view per screen, the theme.

pub mod action;
pub mod agreement;
pub mod analysis;
pub mod app;
pub mod board;
pub mod endorse;
pub mod follow;
pub mod form;
pub mod heat;
pub mod help;
pub mod home;
pub mod matrix;
pub mod matrix_grid;
pub mod participants;
pub mod replay;
pub mod review;
pub mod session_end;
pub mod share;
pub mod signals;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod timer;
pub mod undo;
pub mod view;
pub mod vote;
pub mod workspace;
pub mod wrapped;

use std::io::Write;
use std::time::Duration;

use crossterm::event;

pub use app::{App, Clock, Screen};
use signals::{Ending, Lifeline};

/// How long the way out after a signal or a lost terminal waits for the last save, so
/// that the process ends within a second.
const SIGNAL_SAVE_WAIT: Duration = Duration::from_millis(600);

/// Runs the app in the terminal until it ends; returns the exit code. The terminal is
/// restored on every way out: quit, error, signal, panic, a terminal that is gone.
pub fn run(mut app: App) -> anyhow::Result<i32> {
    let mut terminal = terminal::enter(app.lang)?;
    let lifeline = Lifeline::start();
    let ending = event_loop(&mut terminal, &mut app, &lifeline);
    lifeline.closing();
    let wait = match ending {
        Ok(Ending::Quit) => crate::store::writer::FINISH_WAIT,
        _ => SIGNAL_SAVE_WAIT,
    };
    let unsaved = session_end::close(&mut app, wait);
    app.shutdown();
    drop(terminal);
    terminal::restore();
    lifeline.finish();
    if let Some(msg) = unsaved {
        eprintln!("samenspel: {}", text::clean(&msg));
    }
    Ok(ending?.exit_code())
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    lifeline: &Lifeline,
) -> anyhow::Result<Ending> {
    let mut last_status = None;
    let drill = PanicDrill::from_env();
    let Ok(frame) = terminal.draw(|f| view::draw(f, app)) else {
        return Ok(Ending::TerminalGone);
    };
    app.area = frame.area;
    loop {
        if app.quit {
            return Ok(Ending::Quit);
        }
        if let Some(ending) = lifeline.requested() {
            return Ok(ending);
        }
        // Poll often while a save is pending so "saved" shows as soon as it is true;
        // never longer than 100 ms, so a signal is seen at once.
        let pending = match &app.screen {
            Screen::Session(ws) => ws
                .save_status()
                .is_some_and(|s| s.saved < ws.live.session.events.len() || s.error.is_some()),
            _ => false,
        };
        let mut timeout = if pending {
            Duration::from_millis(20)
        } else {
            Duration::from_millis(100)
        };
        if let Some(wake) = app.wake_in() {
            timeout = timeout.min(wake);
        }
        // Input that fails means the terminal is gone: save and leave, never spin.
        let Ok(ready) = event::poll(timeout) else {
            return Ok(Ending::TerminalGone);
        };
        if ready {
            let Ok(ev) = event::read() else {
                return Ok(Ending::TerminalGone);
            };
            drill.check(&ev);
            app.handle_event(ev);
            // Take whatever else is already waiting before drawing (fast typing, paste).
            while !app.quit && matches!(event::poll(Duration::ZERO), Ok(true)) {
                let Ok(ev) = event::read() else {
                    return Ok(Ending::TerminalGone);
                };
                drill.check(&ev);
                app.handle_event(ev);
            }
        } else {
            let moved = app.tick();
            let status = match &app.screen {
                Screen::Session(ws) => ws.save_status(),
                _ => None,
            };
            if status == last_status && !pending && !moved {
                continue;
            }
            last_status = status;
        }
        if !app.quit {
            let Ok(frame) = terminal.draw(|f| view::draw(f, app)) else {
                return Ok(Ending::TerminalGone);
            };
            app.area = frame.area;
            if app.bell() {
                // The bell, once, when the countdown reaches zero; the keyboard stays put.
                let mut out = std::io::stdout();
                let _ = out.write_all(b"\x07");
                let _ = out.flush();
            }
        }
    }
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
