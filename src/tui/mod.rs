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
pub mod share;
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

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;

pub use app::{App, Clock, Screen};

/// Runs the app in the terminal until it quits; the terminal is restored on every way out.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app);
    app.shutdown();
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture
    );
    ratatui::restore();
    let _ = std::io::stdout().flush();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let mut last_status = None;
    app.area = terminal.draw(|f| view::draw(f, app))?.area;
    while !app.quit {
        // Poll often while a save is pending so "saved" shows as soon as it is true.
        let pending = match &app.screen {
            Screen::Session(ws) => ws
                .save_status()
                .is_some_and(|s| s.saved < ws.live.session.events.len() || s.error.is_some()),
            _ => false,
        };
        let mut timeout = if pending {
            Duration::from_millis(20)
        } else {
            Duration::from_millis(500)
        };
        if let Some(wake) = app.wake_in() {
            timeout = timeout.min(wake);
        }
        if event::poll(timeout)? {
            let ev = event::read()?;
            app.handle_event(ev);
            // Take whatever else is already waiting before drawing (fast typing, paste).
            while !app.quit && event::poll(Duration::ZERO)? {
                app.handle_event(event::read()?);
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
            app.area = terminal.draw(|f| view::draw(f, app))?.area;
            if app.bell() {
                // The bell, once, when the countdown reaches zero; the keyboard stays put.
                let mut out = std::io::stdout();
                let _ = out.write_all(b"\x07");
                let _ = out.flush();
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
