//! A session for the screens of the room (votes, agreements, participants, the timer),
//! with a clock the test moves on.

use std::cell::Cell;
use std::rc::Rc;

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::buffer::Buffer;

use super::{draw, text};
use crate::core::Lang;
use crate::core::session::Session;
use crate::store::builtin::builtin;
use crate::tui::app::{App, Screen};
use crate::tui::session::SessionScreen;

/// The two sizes every screen is checked at: a small laptop and a beamer.
pub const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

/// An app on a new session of a built-in scenario, with a clock the test moves.
pub struct Room {
    pub app: App,
    pub clock: Rc<Cell<Timestamp>>,
    pub dir: tempfile::TempDir,
}

/// 2025-03-12 19:30 UTC, an evening meeting.
pub fn start_time() -> Timestamp {
    Timestamp::from_second(1_741_807_800).unwrap_or(Timestamp::UNIX_EPOCH)
}

impl Room {
    /// A new session of the built-in scenario `id`.
    pub fn new(id: &str, lang: Lang) -> Room {
        Room::of(builtin(id).expect("built-in").expect("valid"), lang)
    }

    /// A new session of `scenario`.
    pub fn of(scenario: crate::core::Scenario, lang: Lang) -> Room {
        let dir = tempfile::tempdir().expect("temporary folder");
        let ws = SessionScreen::create_at(
            dir.path().join("sessie.json"),
            scenario,
            "Test".into(),
            start_time(),
            lang,
        )
        .expect("session");
        let clock = Rc::new(Cell::new(start_time()));
        let c = clock.clone();
        let app = App::new(
            Screen::Session(Box::new(ws)),
            lang,
            Box::new(move || c.get()),
        );
        Room { app, clock, dir }
    }

    /// Presses one key.
    pub fn key(&mut self, code: KeyCode) {
        let modifiers = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() || "+<>?".contains(c) => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        self.app
            .handle_event(TermEvent::Key(KeyEvent::new(code, modifiers)));
    }

    /// Types each character as a key press (`\n` is Enter).
    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.key(KeyCode::Enter),
                c => self.key(KeyCode::Char(c)),
            }
        }
    }

    /// Moves the clock on.
    pub fn wait(&mut self, seconds: i64) {
        let next = self.clock.get().as_second() + seconds;
        self.clock
            .set(Timestamp::from_second(next).unwrap_or(Timestamp::UNIX_EPOCH));
    }

    /// Goes to the step with this number (1-based) with `n`.
    pub fn go_to_step(&mut self, number: usize) {
        for _ in 1..number {
            self.key(KeyCode::Char('n'));
        }
    }

    /// Draws a frame at `width` x `height`.
    pub fn buffer(&mut self, width: u16, height: u16) -> Buffer {
        draw(&mut self.app, width, height)
    }

    /// The screen at `width` x `height` as text, one line per row.
    pub fn screen(&mut self, width: u16, height: u16) -> String {
        text(&self.buffer(width, height))
    }

    /// The changes recorded so far, as the open session holds them.
    pub fn changes(&self) -> Vec<crate::core::Change> {
        let Screen::Session(ws) = &self.app.screen else {
            panic!("a session");
        };
        ws.live
            .session
            .events
            .iter()
            .map(|e| e.change.clone())
            .collect()
    }

    /// The session as saved, once every change is written.
    pub fn saved(&mut self) -> Session {
        if let Screen::Session(ws) = &mut self.app.screen {
            ws.close();
        }
        let bytes = crate::store::load::read_session_bytes(&self.dir.path().join("sessie.json"))
            .expect("read session");
        serde_json::from_slice(&bytes).expect("session JSON")
    }
}

/// Every line of `screen` that contains `needle`.
pub fn lines_with<'a>(screen: &'a str, needle: &str) -> Vec<&'a str> {
    screen.lines().filter(|l| l.contains(needle)).collect()
}

/// Asserts that `screen` shows `needle`, printing the screen when it does not.
#[track_caller]
pub fn shows(screen: &str, needle: &str) {
    assert!(
        screen.contains(needle),
        "expected {needle:?} on the screen:\n{screen}"
    );
}

/// Asserts that `screen` does not show `needle`.
#[track_caller]
pub fn hides(screen: &str, needle: &str) {
    assert!(
        !screen.contains(needle),
        "did not expect {needle:?} on the screen:\n{screen}"
    );
}
