//! The beamer: `samenspel beamer <session>` is a second process that shows the room what
//! the console shows it, live, at its own size. The session itself comes from the file
//! (the store's watcher, as `follow`); what is on the console's screen for the room (the
//! step, the selection and scroll, spotlight, the analysis, the room's QR code) comes over
//! the local channel ([`crate::store::channel`]) as a [`Mirror`]. Only what the room may
//! see is ever put in a mirror: no notes, inbox, participants panel, status message,
//! hidden vote counts; the text being typed only when the facilitator lets it
//! ([`typing`]); the beamer draws as a viewer (no editing hint).

pub mod typing;

use crossterm::event::KeyCode;
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::keys::{KeyTable, bind, ch, code, table};
use super::room::RoomShown;
use super::session::view::{Cursor, Mode, Shown, View};
use crate::core::state::CardId;
use crate::core::{Lang, SessionState};
use crate::room::Qr;
use crate::store::channel::{Heard, Refusal};

pub use typing::{Typing, TypingSetting};

/// At most this many marked cards are mirrored.
const MAX_MARKED: usize = 1000;

/// What the console publishes of its screen for the room: small, plain data.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default)]
pub struct Mirror {
    /// The step on screen.
    pub step: usize,
    /// The selection per step (lane or column, card or row).
    pub cursors: Vec<[usize; 2]>,
    /// The selected card alone, very large.
    pub spotlight: bool,
    /// The analysis of the matrix on screen is open.
    pub analysis: bool,
    /// How far the analysis is scrolled.
    pub scroll: usize,
    /// Cards marked for grouping.
    pub marked: Vec<CardId>,
    /// The room, while it is open.
    pub room: Option<RoomMirror>,
    /// The room's content being typed on the console, when the facilitator lets the
    /// beamer show it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typing: Option<Typing>,
}

/// The room as the beamer shows it.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomMirror {
    /// The short address.
    pub url: String,
    /// The join code.
    pub code: String,
    /// The join link (the beamer draws its own QR code of it).
    pub link: String,
    /// Whether the QR code is shown.
    pub shown: bool,
}

impl Mirror {
    /// What the room may see of the console's `view` on `state`; with `typing`, also the
    /// room's content being typed (never a phone's proposal, a note, a name).
    pub fn of(view: &View, state: &SessionState, typing: bool) -> Mirror {
        let step = state.current;
        let typed = match &view.mode {
            Mode::Form(form) if typing => Typing::of(form),
            _ => None,
        };
        Mirror {
            step,
            cursors: view.cursors.iter().map(|c| [c.lane, c.card]).collect(),
            spotlight: matches!(view.mode, Mode::Spotlight),
            analysis: view.matrix.analysis == Some(step),
            scroll: view.matrix.scroll,
            marked: view.marked.iter().copied().take(MAX_MARKED).collect(),
            room: view.room.as_ref().map(|r| RoomMirror {
                url: r.url.clone(),
                code: r.code.clone(),
                link: r.link.clone(),
                shown: r.shown,
            }),
            typing: typed,
        }
    }

    /// What the console's sign says the beamer shows: "Akte 2/4 · analyse".
    pub fn sign(&self, state: &SessionState, lang: Lang) -> String {
        let mut at = state.clone();
        at.current = self.step.min(state.steps.len().saturating_sub(1));
        let mut text = super::view::step_label(&at, lang);
        let shown = if self.room.as_ref().is_some_and(|r| r.shown) {
            Some(lang.pick("QR-code", "QR code"))
        } else if self.spotlight {
            Some(lang.pick("grote kaart", "spotlight"))
        } else if self.analysis {
            Some(lang.pick("analyse", "analysis"))
        } else {
            None
        };
        if let Some(word) = shown {
            text.push_str(" · ");
            text.push_str(word);
        }
        if self.typing.is_some() {
            text.push_str(" · ");
            text.push_str(lang.pick("ziet wat je typt", "sees what you type"));
        }
        format!("beamer: {text}")
    }
}

/// How the beamer is connected to the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// No console yet, or it went away (it is tried again).
    Waiting,
    /// Connected.
    Connected,
    /// Something answered that is not this user's console.
    Refused(Refusal),
}

/// The beamer's side of a followed session.
pub struct BeamerLink {
    /// How it is connected.
    pub link: Link,
    mirror: Option<Mirror>,
    qr: Option<(String, Qr)>,
}

impl BeamerLink {
    /// Not connected yet.
    pub fn new() -> BeamerLink {
        BeamerLink {
            link: Link::Waiting,
            mirror: None,
            qr: None,
        }
    }

    /// Takes what the channel said; true when the screen changes.
    pub fn heard(&mut self, heard: Heard, shown: &mut Shown) -> bool {
        match heard {
            Heard::Connected => self.link = Link::Connected,
            Heard::Lost => {
                self.link = Link::Waiting;
                self.forget_typing();
            }
            Heard::Refused(why) => {
                self.link = Link::Refused(why);
                self.forget_typing();
            }
            Heard::Line(line) => {
                // A line that is not a mirror (another version, say) changes nothing.
                let Ok(mirror) = serde_json::from_str::<Mirror>(&line) else {
                    return false;
                };
                self.link = Link::Connected;
                self.mirror = Some(mirror);
            }
        }
        self.apply(shown);
        true
    }

    /// What was being typed is not the file's: with the console gone, it goes too.
    fn forget_typing(&mut self) {
        if let Some(mirror) = &mut self.mirror {
            mirror.typing = None;
        }
    }

    /// Puts the console's view on the beamer's copy of the session (again after the file
    /// changed: the file brings the state, the mirror what is on screen).
    pub fn apply(&mut self, shown: &mut Shown) {
        let Some(mirror) = &self.mirror else {
            return;
        };
        let Shown { live, view } = shown;
        let steps = live.state.steps.len();
        if mirror.step < steps {
            // The console may be on another step than the file says yet: the beamer's own
            // copy turns there at once (what a StepOpened does); the file follows.
            live.state.current = mirror.step;
        }
        view.cursors = (0..steps)
            .map(|i| {
                mirror.cursors.get(i).map_or(Cursor::default(), |c| Cursor {
                    lane: c[0],
                    card: c[1],
                })
            })
            .collect();
        view.mode = if mirror.spotlight {
            Mode::Spotlight
        } else {
            Mode::Normal
        };
        view.matrix.analysis = mirror.analysis.then_some(live.state.current);
        view.matrix.scroll = mirror.scroll;
        view.marked = mirror.marked.iter().copied().take(MAX_MARKED).collect();
        view.room = mirror.room.as_ref().and_then(|r| {
            if self.qr.as_ref().is_none_or(|(link, _)| *link != r.link) {
                self.qr = Qr::new(&r.link).ok().map(|qr| (r.link.clone(), qr));
            }
            let (_, qr) = self.qr.as_ref()?;
            Some(RoomShown {
                url: r.url.clone(),
                code: r.code.clone(),
                link: r.link.clone(),
                qr: qr.clone(),
                shown: r.shown,
            })
        });
        view.typing = mirror.typing.as_ref().map(Typing::bounded);
        view.show_notes = false;
        view.people = None;
        view.inbox = None;
        view.status = None;
        view.keep_valid(&live.state);
    }

    /// The line at the foot of the beamer while it is not connected; none when it is.
    pub fn foot(&self, lang: Lang) -> Option<String> {
        match &self.link {
            Link::Connected => None,
            Link::Waiting => Some(
                lang.pick(
                    "beamer: wacht op de console (samenspel open met deze sessie); toont wat is opgeslagen",
                    "beamer: waiting for the console (samenspel open with this session); showing what is saved",
                )
                .to_string(),
            ),
            Link::Refused(why) => {
                let (nl, en, path) = match why {
                    Refusal::OtherUser(p) => ("van een andere gebruiker", "another user's", Some(p)),
                    Refusal::NotConsole(p) => ("geen samenspel-console", "not a samenspel console", Some(p)),
                    Refusal::NoThread => ("kan niet luisteren", "cannot listen", None),
                };
                let name = path
                    .and_then(|p| p.file_name())
                    .map(|n| format!(" ({})", super::text::clean(&n.to_string_lossy())))
                    .unwrap_or_default();
                Some(format!(
                    "{} {}{name}",
                    lang.pick("beamer: geweigerd:", "beamer: refused:"),
                    lang.pick(nl, en)
                ))
            }
        }
    }
}

impl Default for BeamerLink {
    fn default() -> BeamerLink {
        BeamerLink::new()
    }
}

/// The keys of the beamer: it only shows (every other key is the console's).
pub static KEYS: KeyTable = table!(
    "Beamer",
    "Beamer",
    [
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
        bind!(
            "q Esc",
            "beamer stoppen",
            "stop the beamer",
            [ch('q', Action::Quit), code(KeyCode::Esc, Action::Quit)],
        ),
    ],
);

#[cfg(test)]
mod tests;
