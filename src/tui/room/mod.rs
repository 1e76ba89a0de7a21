//! The room on the facilitator's side: `Z` opens it (only then the server starts) and then
//! shows or hides its QR code, beside the step or alone as the room's "join" view; `D`
//! closes it (phones are told, nothing is lost); quitting closes it too. The inbox of phones'
//! proposals (`I`) is the facilitator's alone, and phones that joined are in the participants
//! panel.
//!
//! The server is [`crate::room`]; the session screen owns it ([`RoomHost`]) and hands it
//! every phone's request on its one path of a change ([`super::session::SessionScreen`]).
//! What the room sees of itself (open, address, code, QR code, shown) is plain data in the
//! view ([`RoomShown`]), so a beamer can mirror it.

pub mod devices;
mod host;
pub mod inbox;
pub mod join;

use std::net::IpAddr;
use std::path::PathBuf;

use super::input::Inputs;
use super::question::Question;
use super::session::view::{Mode, Status};
use super::steps::Reaction;
use crate::core::{Lang, SessionState};
use crate::room::{Bind, Limits, Qr, Room};

/// Where and how the room opens: from the command line and the settings file.
#[derive(Clone, Debug, Default)]
pub struct RoomSettings {
    /// `--bind ADDR[:PORT]`: fixed, never asked, never remembered.
    pub flag: Option<Bind>,
    /// `bind` in config.json: written there by hand, or the address chosen last time.
    pub remembered: Option<String>,
    /// The settings file a chosen address is remembered in; none: not remembered.
    pub config: Option<PathBuf>,
    /// The room's limits.
    pub limits: Limits,
}

/// What the room sees of the room: its address, its join code and QR code, and whether
/// the QR code is on screen. Part of the view (a beamer mirrors it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomShown {
    /// The short address: `http://192.168.1.20:8421`.
    pub url: String,
    /// The join code to type there.
    pub code: String,
    /// The join link the QR code holds (a beamer makes its own QR code of it).
    pub link: String,
    /// The QR code of the join link.
    pub qr: Qr,
    /// Whether the QR code is shown (`Z` hides and shows it).
    pub shown: bool,
}

impl RoomShown {
    /// What the room sees of `room`, its QR code shown.
    pub fn of(room: &Room) -> RoomShown {
        RoomShown {
            url: room.url().to_string(),
            code: room.code().to_string(),
            link: room.join_url().to_string(),
            qr: room.qr().clone(),
            shown: true,
        }
    }
}

/// What the facilitator asks of the room: data, carried out by the session screen (which
/// starts and stops the server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoomAsk {
    /// `Z`: open the room (asking for the address when the laptop has several), or show
    /// or hide its QR code when it is open.
    Toggle,
    /// Open the room on this address, the facilitator's choice (remembered).
    OpenAt(IpAddr),
    /// Close the room.
    Close,
}

/// The room of a session screen: the server while it runs, and how to open it.
#[derive(Default)]
pub struct RoomHost {
    server: Option<Room>,
    /// Where and how it opens.
    pub settings: RoomSettings,
    inputs: Option<Inputs>,
    /// The facilitator changed the session since the phones were told.
    untold: bool,
}

impl RoomHost {
    /// Whether the room is open.
    pub fn is_open(&self) -> bool {
        self.server.is_some()
    }

    /// The server, while the room is open.
    pub fn server(&self) -> Option<&Room> {
        self.server.as_ref()
    }

    /// The server, to hand it a phone's request.
    pub(crate) fn server_mut(&mut self) -> Option<&mut Room> {
        self.server.as_mut()
    }

    /// Where phones' requests go: the session loop's channel.
    pub fn connect(&mut self, inputs: Inputs, settings: RoomSettings) {
        self.inputs = Some(inputs);
        self.settings = settings;
    }
}

/// What `D` does: asks before closing an open room.
pub fn ask_close(open: bool, lang: Lang) -> Reaction {
    if !open {
        return Reaction::Say(Status::info(lang.pick(
            "De zaal is niet open (Z opent hem).",
            "The room is not open (Z opens it).",
        )));
    }
    Reaction::Open(Mode::Confirm(Box::new(Question::ask(
        (
            "De zaal sluiten? Telefoons sturen dan niets meer; niets gaat verloren.",
            "Close the room? Phones can no longer send; nothing is lost.",
        ),
        Reaction::Room(RoomAsk::Close),
        lang,
    ))))
}

/// What the status line always tells the facilitator of the room: how many phones are in
/// it while it is open, and how many proposals wait in the inbox (also once it closed).
pub fn status_text(state: &SessionState, open: bool, lang: Lang) -> Option<String> {
    let waiting = state.room.inbox().count();
    let room = open.then(|| {
        format!(
            "{}: {}",
            lang.pick("zaal", "room"),
            phones(state.room.active().count(), lang)
        )
    });
    let inbox = (waiting > 0 || open).then(|| format!("inbox {waiting}"));
    let parts: Vec<String> = room.into_iter().chain(inbox).collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// "3 telefoons", "1 phone".
pub fn phones(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Nl, 1) => "1 telefoon".into(),
        (Lang::Nl, n) => format!("{n} telefoons"),
        (Lang::En, 1) => "1 phone".into(),
        (Lang::En, n) => format!("{n} phones"),
    }
}
