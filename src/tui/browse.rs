//! A session opened read-only (`samenspel open --read-only`): everything can be looked at
//! (every step, the analysis, the notes, the participants, a card large), nothing can be
//! changed, and no key or hint suggests an edit. Moving to another step turns the screen's
//! own copy of the state, never the file (as the replay's summary does).

use crossterm::event::KeyCode;

use super::action::Action;
use super::keys::{KeyTable, UP_DOWN, also, bind, ch, code, digits, table};
use super::session::view::Mode;
use super::steps::Reaction;
use crate::core::Change;

/// The keys of a step shown read-only.
pub static KEYS: KeyTable = table!(
    "Alleen lezen",
    "Read-only",
    [
        bind!(
            "↑ ↓ ← → Tab",
            "kies (kaart, kolom, cel, onderdeel)",
            "select (card, lane, cell, item)",
            [
                code(KeyCode::Up, Action::Up),
                code(KeyCode::Down, Action::Down),
                code(KeyCode::Left, Action::Left),
                code(KeyCode::BackTab, Action::Left),
                code(KeyCode::Right, Action::Right),
                code(KeyCode::Tab, Action::Right),
            ],
        ),
        bind!(
            "Home End",
            "eerste / laatste",
            "first / last",
            [
                code(KeyCode::Home, Action::First),
                code(KeyCode::End, Action::Last),
            ],
        ),
        bind!(
            "1-9",
            "naar kolom 1-9 (bord)",
            "to lane 1-9 (board)",
            [digits('1', '9')],
        ),
        bind!(
            "n PgDn",
            "volgende stap",
            "next step",
            [
                ch('n', Action::NextStep),
                code(KeyCode::PageDown, Action::NextStep),
            ],
        ),
        bind!(
            "p PgUp",
            "vorige stap",
            "previous step",
            [
                ch('p', Action::PrevStep),
                code(KeyCode::PageUp, Action::PrevStep),
            ],
        ),
        bind!(
            "s",
            "kaart groot in beeld",
            "card large on screen",
            [ch('s', Action::Spotlight)],
        ),
        bind!(
            "A",
            "analyse van een matrix",
            "analysis of a matrix",
            [ch('A', Action::ToggleAnalysis)],
        ),
        bind!(
            "f",
            "notities begeleider",
            "facilitator notes",
            [ch('f', Action::ToggleNotes)],
        ),
        bind!(
            "P",
            "deelnemers bekijken",
            "see the participants",
            [ch('P', Action::Participants)],
        ),
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
        bind!("q", "stoppen", "quit", [ch('q', Action::Quit)]),
        also!([code(KeyCode::Esc, Action::Back)]),
    ],
);

/// The keys of the participants panel shown read-only.
pub static PEOPLE_KEYS: KeyTable = table!(
    "Deelnemers (alleen lezen)",
    "Participants (read-only)",
    [
        bind!("↑ ↓", "kies een deelnemer", "select a participant", UP_DOWN,),
        bind!(
            "Esc P",
            "paneel sluiten",
            "close the panel",
            [code(KeyCode::Esc, Action::Back), ch('P', Action::Back)],
        ),
        also!([ch('?', Action::Help), ch('q', Action::Quit)]),
    ],
);

/// Whether a step's reaction may be carried out on a session shown read-only: moving to
/// another step, a message, or the large card; never a change, a form, a question or the
/// room.
pub fn allowed(reaction: &Reaction) -> bool {
    match reaction {
        Reaction::Record(changes) | Reaction::RecordThenSay(changes, _) => changes
            .iter()
            .all(|c| matches!(c, Change::StepOpened { .. })),
        Reaction::Open(mode) => matches!(mode, Mode::Spotlight),
        Reaction::Say(_) => true,
        // A session only looked at has no room: phones would change nothing.
        Reaction::Room(_) => false,
    }
}
