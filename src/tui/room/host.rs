//! Opening and closing the room for the session on screen, and telling the phones on every
//! turn of the session loop. The only place the room's server starts or stops.

use std::net::{IpAddr, Ipv4Addr};

use super::{RoomAsk, RoomShown};
use crate::core::Lang;
use crate::room::{Bind, BindError, OpenError, Room, RoomConfig, lan_addresses};
use crate::tui::form::{Field, Form, Purpose};
use crate::tui::input::Input;
use crate::tui::session::SessionScreen;
use crate::tui::session::view::Mode;

/// Where the room listens when nobody chose: fixed by `--bind`, or by `bind` in
/// config.json (which may no longer be this laptop's), or not fixed at all.
enum Fixed {
    Flag(Bind),
    Remembered(Bind),
    None,
}

impl SessionScreen {
    /// Carries out what the facilitator asked of the room.
    pub fn room_ask(&mut self, ask: RoomAsk, lang: Lang) {
        match ask {
            RoomAsk::Toggle => match &mut self.view.room {
                Some(shown) => shown.shown = !shown.shown,
                None => self.open_room(None, lang),
            },
            RoomAsk::OpenAt(ip) => self.open_room(Some(ip), lang),
            RoomAsk::Close => self.close_room(lang),
        }
    }

    fn fixed(&mut self, lang: Lang) -> Fixed {
        let settings = &self.room.settings;
        if let Some(bind) = settings.flag {
            return Fixed::Flag(bind);
        }
        match settings.remembered.as_deref().map(Bind::parse) {
            Some(Ok(bind)) => Fixed::Remembered(bind),
            Some(Err(e)) => {
                self.view
                    .problem(format!("config.json: bind: {}", e.message(lang)));
                Fixed::None
            }
            None => Fixed::None,
        }
    }

    fn open_room(&mut self, chosen: Option<IpAddr>, lang: Lang) {
        if self.file.as_ref().is_none_or(|f| f.is_closed()) {
            self.view.problem(lang.pick(
                "alleen lezen: de zaal gaat hier niet open",
                "read-only: the room does not open here",
            ));
            return;
        }
        let Some(inputs) = self.room.inputs.clone() else {
            self.view.problem(lang.pick(
                "de zaal kan in dit venster niet open",
                "the room cannot open in this window",
            ));
            return;
        };
        let (bind, from_flag) = match chosen {
            Some(ip) => (Bind { ip, port: None }, false),
            None => match self.fixed(lang) {
                Fixed::Flag(bind) => (bind, true),
                Fixed::Remembered(bind) => (bind, false),
                Fixed::None => {
                    let addresses = lan_addresses();
                    match addresses.as_slice() {
                        [] => {
                            self.view.problem(lang.pick(
                                "geen netwerk: verbind de laptop met de wifi of zet zijn hotspot aan, dan Z",
                                "no network: connect the laptop to the Wi-Fi or turn on its hotspot, then Z",
                            ));
                            return;
                        }
                        [one] => (
                            Bind {
                                ip: one.ip,
                                port: None,
                            },
                            false,
                        ),
                        _ => return self.choose_address(lang),
                    }
                }
            },
        };
        let config = RoomConfig {
            bind,
            lang: self.live.session.lang,
            limits: self.room.settings.limits.clone(),
        };
        let to_loop = Box::new(move |request| {
            let _ = inputs.send(Input::Room(request));
        });
        match Room::open(config, &self.live, to_loop) {
            Ok(room) => {
                // The screen shows it (the QR code, the address, the code): nothing to say,
                // unless the choice could not be remembered.
                self.view.room = Some(RoomShown::of(&room));
                self.room.server = Some(room);
                // A problem said on the way here (a remembered address gone) is solved.
                self.view.status = None;
                if let Some(ip) = chosen
                    && let Some(problem) = self.remember(ip, lang)
                {
                    self.view.info(problem);
                }
            }
            Err(OpenError::Bind(BindError::NotHere(ip))) if !from_flag => {
                // The address of last time is not this laptop's here: choose again.
                self.choose_address(lang);
                self.view.problem(BindError::NotHere(ip).message(lang));
            }
            Err(e) => self.view.problem(e.message(lang)),
        }
    }

    /// Asks which of the laptop's addresses the phones use (the last choice first).
    fn choose_address(&mut self, lang: Lang) {
        let remembered = self
            .room
            .settings
            .remembered
            .as_deref()
            .and_then(|b| Bind::parse(b).ok())
            .map(|b| b.ip);
        let mut options: Vec<(Option<String>, String)> = lan_addresses()
            .into_iter()
            .map(|a| {
                (
                    Some(a.ip.to_string()),
                    format!("{}  ({})", a.ip, a.interface),
                )
            })
            .collect();
        options.push((
            Some(Ipv4Addr::LOCALHOST.to_string()),
            format!(
                "127.0.0.1  ({})",
                lang.pick("alleen deze laptop", "this laptop only")
            ),
        ));
        let selected = options
            .iter()
            .position(|(ip, _)| remembered.is_some_and(|r| ip.as_deref() == Some(&r.to_string())))
            .unwrap_or(0);
        self.view.mode = Mode::Form(Box::new(Form::new(
            Purpose::RoomAddress,
            ("De zaal", "The room"),
            vec![Field::Choice {
                label: (
                    "op welk netwerk zijn de telefoons?",
                    "which network are the phones on?",
                ),
                options,
                selected,
            }],
        )));
    }

    /// Remembers a chosen address in config.json; why not, when that did not work.
    fn remember(&mut self, ip: IpAddr, lang: Lang) -> Option<String> {
        let text = ip.to_string();
        self.room.settings.remembered = Some(text.clone());
        let path = self.room.settings.config.clone()?;
        crate::store::config::remember_bind(&path, &text)
            .err()
            .map(|e| e.describe(lang))
    }

    /// Closes the room: the phones are told (the server stops on a thread of its own, so
    /// the keyboard never waits for it); everything they sent is in the log already.
    fn close_room(&mut self, lang: Lang) {
        self.view.room = None;
        let Some(room) = self.room.server.take() else {
            return;
        };
        // Should the thread not start, dropping the room closes it right here.
        let _ = std::thread::Builder::new()
            .name("samenspel-room-close".into())
            .spawn(move || room.close());
        self.view.info(lang.pick(
            "De zaal is dicht: de telefoons horen het, er gaat niets verloren. Z opent hem weer.",
            "The room is closed: the phones are told, nothing is lost. Z opens it again.",
        ));
    }

    /// Closes the room on the way out, waiting until the phones are told.
    pub(crate) fn close_room_now(&mut self) {
        self.view.room = None;
        if let Some(room) = self.room.server.take() {
            room.close();
        }
    }

    /// Once per turn of the session loop: tells the phones what the facilitator changed,
    /// and answers every phone whose change is now on disk.
    pub fn settle(&mut self) {
        let saved = self.file.as_ref().map_or(0, |f| f.status().saved);
        let untold = std::mem::take(&mut self.room.untold);
        let Some(room) = self.room.server.as_mut() else {
            return;
        };
        if untold {
            room.publish(&self.live);
        }
        room.saved(&self.live, saved);
    }

    /// Notes that the facilitator changed the session (the phones hear of it this turn).
    pub(crate) fn untold(&mut self) {
        self.room.untold = true;
    }
}
