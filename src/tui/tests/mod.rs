//! Screen tests without a terminal: the app driven by key events and drawn into a
//! ratatui TestBackend, asserting the text a person would read.

mod actions;
mod agreement;
mod board;
mod devices;
mod forms;
mod inbox;
mod inputs;
mod join;
mod lists;
mod looking;
mod matrix;
mod meeting;
mod participants;
mod phones;
mod replay;
mod room;
mod room_sizes;
mod side;
mod sizes;
mod timer;
mod vote;

use crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::app::{App, Screen};
use super::session::SessionScreen;
use crate::core::Lang;
use crate::store::builtin::builtin;

/// An app on a new session of a built-in scenario, saved in a temporary folder.
pub struct Fixture {
    _dir: tempfile::TempDir,
    /// The app.
    pub app: App,
}

/// The fixed time of every test event.
pub fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_700_000_000).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

impl Fixture {
    /// A new session of the built-in scenario `id` in `lang`.
    pub fn new(id: &str, lang: Lang) -> Fixture {
        let dir = tempfile::tempdir().expect("temporary folder");
        let scenario = builtin(id).expect("built in").expect("valid");
        let path = dir.path().join("sessie.json");
        let ws =
            SessionScreen::create_at(path, scenario, "Test".into(), now(), lang).expect("created");
        let app = App::new(Screen::Session(Box::new(ws)), lang, Box::new(now));
        Fixture { _dir: dir, app }
    }

    /// The open workspace.
    pub fn ws(&self) -> &SessionScreen {
        match &self.app.screen {
            Screen::Session(ws) => ws,
            _ => panic!("no session open"),
        }
    }

    /// Presses one key.
    pub fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.app.handle_event(TermEvent::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }));
    }

    /// Types each character as a key (capitals with Shift).
    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.press(KeyCode::Char(c), m);
        }
    }

    /// Presses a key without modifiers.
    pub fn key(&mut self, code: KeyCode) {
        self.press(code, KeyModifiers::NONE);
    }

    /// Adds a card to the selected lane.
    pub fn add(&mut self, text: &str) {
        self.keys("a");
        self.keys(text);
        self.key(KeyCode::Enter);
    }

    /// Draws a frame of `w` x `h`; returns the buffer.
    pub fn draw(&mut self, w: u16, h: u16) -> Buffer {
        draw(&mut self.app, w, h)
    }

    /// The screen as text, one line per row.
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        text(&self.draw(w, h))
    }
}

/// Draws the app in a `w` x `h` TestBackend (and remembers the size for clicks).
pub fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let frame = terminal.draw(|f| super::view::draw(f, app)).expect("drawn");
    app.area = frame.area;
    terminal.backend().buffer().clone()
}

/// A character key as the terminal sends it (capitals with Shift).
pub fn char_key(c: char) -> TermEvent {
    let modifiers = if c.is_uppercase() || c == '?' {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    TermEvent::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
}

/// A buffer as text, one line per row, trailing spaces removed.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
