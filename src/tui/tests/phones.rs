//! The room from the facilitator's side, in process: the app on a session with its room
//! open on 127.0.0.1 (a free port), phones that speak the room's API, and the session
//! loop's inputs pumped into the app as the loop does. Loopback only.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use serde_json::Value;

use super::{draw, now, text};
use crate::core::{Lang, Session};
use crate::room::harness::phone::{Phone, token_of};
use crate::room::{Bind, Limits};
use crate::store::load::read_session_bytes;
use crate::tui::app::{App, Screen};
use crate::tui::input::Input;
use crate::tui::room::RoomSettings;
use crate::tui::session::SessionScreen;

/// Three steps from the built-in exercises: the board and vote of `succesfactoren`, then
/// the accord of `zwolse-akkoord` (each participant endorses).
pub fn scenario() -> crate::core::Scenario {
    let get = |id: &str| crate::store::builtin::builtin(id).unwrap().unwrap();
    let mut s = get("succesfactoren");
    s.steps.truncate(2);
    s.steps.push(get("zwolse-akkoord").steps.remove(0));
    s
}

/// The app on a new session whose room opens on loopback, and the loop's channel.
pub struct Hall {
    pub app: App,
    received: Receiver<Input>,
    pub dir: tempfile::TempDir,
}

impl Hall {
    /// A new session in `lang`; the room (once `Z` opens it) listens on 127.0.0.1, port
    /// free.
    pub fn new(lang: Lang) -> Hall {
        Hall::with(lang, |s| s.flag = Some(Bind::loopback(Some(0))))
    }

    /// As [`Hall::new`] with other room settings (config.json in the test's folder).
    pub fn with(lang: Lang, settings: impl FnOnce(&mut RoomSettings)) -> Hall {
        let dir = tempfile::tempdir().unwrap();
        let session = Session::new(Arc::new(scenario()), "Test".into(), now(), lang);
        let file =
            crate::store::SessionFile::create_at(dir.path().join("sessie.json"), &session).unwrap();
        let live = crate::core::Live::open(session).unwrap();
        let ws = SessionScreen::on_file(file, live);
        let mut app = App::new(Screen::Session(Box::new(ws)), lang, Box::new(now));
        let mut room = RoomSettings {
            config: Some(dir.path().join("config.json")),
            limits: Limits {
                joins_per_minute: 1000,
                ..Limits::default()
            },
            ..RoomSettings::default()
        };
        settings(&mut room);
        app.room = room;
        let (inputs, received) = channel();
        app.connect(inputs);
        Hall { app, received, dir }
    }

    /// The session on screen.
    pub fn ws(&self) -> &SessionScreen {
        match &self.app.screen {
            Screen::Session(ws) => ws,
            _ => panic!("no session"),
        }
    }

    /// Presses a key (capitals and signs with Shift), then lets the loop settle.
    pub fn key(&mut self, code: KeyCode) {
        let modifiers = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        self.app
            .handle_event(TermEvent::Key(KeyEvent::new(code, modifiers)));
        self.app.settle();
    }

    /// Types each character as a key.
    pub fn keys(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\n' => self.key(KeyCode::Enter),
                c => self.key(KeyCode::Char(c)),
            }
        }
    }

    /// Hands the app what waits on the loop's channel, as the loop does, for `wait`.
    pub fn pump(&mut self, wait: Duration) {
        let until = Instant::now() + wait;
        while let Ok(input) = self
            .received
            .recv_timeout(until.saturating_duration_since(Instant::now()))
        {
            self.app.handle(input);
            self.app.settle();
        }
        self.app.settle();
    }

    /// Runs `phone` (which waits for answers) on its own thread while the loop runs here.
    pub fn with_phone<T: Send>(&mut self, phone: impl FnOnce() -> T + Send) -> T {
        std::thread::scope(|scope| {
            let running = scope.spawn(phone);
            let deadline = Instant::now() + Duration::from_secs(20);
            while !running.is_finished() {
                assert!(Instant::now() < deadline, "a phone waited too long");
                self.pump(Duration::from_millis(5));
            }
            running.join().unwrap()
        })
    }

    /// Where the room listens and its token.
    pub fn address(&self) -> (SocketAddr, String) {
        let room = self.ws().room.server().expect("the room is open");
        (room.address(), token_of(room.join_url()))
    }

    /// A phone joins (with a name and a party, or anonymous).
    pub fn join(&mut self, name: Option<&str>, party: Option<&str>) -> Phone {
        let (addr, token) = self.address();
        self.with_phone(move || Phone::join(addr, &token, name, party).unwrap())
    }

    /// A phone's card for lane `lane` of the board; the answer's status.
    pub fn card(&mut self, phone: &mut Phone, lane: &str, text: &str) -> u16 {
        let text = text.to_string();
        let lane = lane.to_string();
        self.with_phone(|| phone.card("helpt-hindert", &lane, &text).status)
    }

    /// Draws a frame.
    pub fn buffer(&mut self, w: u16, h: u16) -> Buffer {
        draw(&mut self.app, w, h)
    }

    /// The screen as text.
    pub fn screen(&mut self, w: u16, h: u16) -> String {
        text(&self.buffer(w, h))
    }

    /// The saved file's events of one type.
    pub fn saved(&mut self, kind: &str) -> Vec<Value> {
        if let Screen::Session(ws) = &mut self.app.screen {
            ws.close();
        }
        let v: Value = serde_json::from_slice(
            &read_session_bytes(&self.dir.path().join("sessie.json")).unwrap(),
        )
        .unwrap();
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["change"]["type"] == kind)
            .cloned()
            .collect()
    }
}

/// Reads the QR code on a screen back to its link, as a phone's camera would: every `█`,
/// `▀` and `▄` is dark, everything else light. None when no whole code is on screen.
pub fn scan(buffer: &Buffer) -> Option<String> {
    let area = buffer.area;
    let (w, h, scale) = (area.width as usize, area.height as usize * 2, 3);
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w * scale, h * scale, |x, y| {
        let (cx, py) = (x / scale, y / scale);
        let cell = &buffer[(cx as u16, (py / 2) as u16)];
        match cell.symbol() {
            "█" => true,
            "▀" => py % 2 == 0,
            "▄" => py % 2 == 1,
            _ => false,
        }
    });
    let grids = img.detect_grids();
    grids.iter().find_map(|g| g.decode().ok()).map(|(_, s)| s)
}
