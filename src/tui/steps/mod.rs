//! The step kinds on screen, one module each: its key table, a pure `update` (what an
//! action does: move the selection in the view, or ask for a change or an overlay; no file,
//! no recording), and a `render` that reads a snapshot. The session screen asks the
//! registry ([`ui`]) once which module a step is, and never looks at the kind again.
//!
//! A new kind of step: a module here with a `static UI: StepUi`, its `mod` line below and
//! its entry in [`STEPS`]. (Core needs its spec, state, reducer and validation first.)

pub mod agreement;
pub mod board;
pub mod consent;
pub mod grid;
pub mod matrix;
pub mod memory;
pub mod poll;
pub mod review;
pub mod vote;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::keys::{Binding, KeyTable, also, bind, ch, code, ctrl, table};
use super::session::view::{Mode, Scene, Status, View};
use super::theme::Theme;
use crate::core::touch::Touched;
use crate::core::{Change, Lang, SessionState, StepKind};

/// What an action on a step asks for, beyond moving the selection in the view. The
/// session screen carries it out: changes go through its one path (record, save, keep the
/// selection valid, focus).
#[derive(Clone, Debug)]
pub enum Reaction {
    /// Record these changes in order; the first one refused stops the rest.
    Record(Vec<Change>),
    /// Record these changes, then say this when all were recorded.
    RecordThenSay(Vec<Change>, Status),
    /// Open an overlay: a text field or form, a question, a list.
    Open(Mode),
    /// Say something in the status line.
    Say(Status),
    /// Open, show, hide or close the room (the session screen does it: a server starts).
    Room(super::room::RoomAsk),
}

impl Reaction {
    /// Record one change.
    pub fn record(change: Change) -> Reaction {
        Reaction::Record(vec![change])
    }
}

/// What a click does: selects what is drawn at a cell (column, row) of the step's area.
pub type Click = fn(&mut View, &SessionState, Rect, u16, u16, &Theme, Lang);

/// A kind of step on screen: what its module gives the session screen.
pub struct StepUi {
    /// Whether this module shows steps of a kind.
    pub accepts: fn(&StepKind) -> bool,
    /// The keys of this kind of step (before the keys of every step).
    pub keys: &'static KeyTable,
    /// What an action does on the step on screen: the selection in the view may move; a
    /// change or an overlay comes back as a [`Reaction`]. No IO, no recording.
    pub update: fn(&mut View, &SessionState, &Action, Lang) -> Option<Reaction>,
    /// Draws the step on screen in an area; reads, never changes.
    pub render: fn(&mut Frame, Rect, &Scene, &Theme, Lang),
    /// Selects what a change touched, when it is on the step on screen; true when it did.
    pub focus: fn(&mut View, &SessionState, &Touched, Lang) -> bool,
    /// A mouse click, when this kind does something with one.
    pub click: Option<Click>,
}

/// For a kind that has nothing to select when a change touches it.
pub fn no_focus(_: &mut View, _: &SessionState, _: &Touched, _: Lang) -> bool {
    false
}

/// Every kind of step on screen.
static STEPS: [&StepUi; 8] = [
    &board::UI,
    &matrix::UI,
    &vote::UI,
    &agreement::UI,
    &review::UI,
    &grid::UI,
    &consent::UI,
    &poll::UI,
];

/// The module that shows steps of `kind`.
pub fn ui(kind: &StepKind) -> Option<&'static StepUi> {
    STEPS.iter().copied().find(|s| (s.accepts)(kind))
}

/// The module of the step on screen.
pub fn on_screen(state: &SessionState) -> Option<&'static StepUi> {
    ui(&state.current_step()?.kind)
}

/// Every registered module (for the README's key map).
pub fn registered() -> Vec<&'static StepUi> {
    STEPS.to_vec()
}

/// `u`: undo, on every step and in the participants panel.
pub const UNDO: Binding = bind!("u", "ongedaan maken", "undo", [ch('u', Action::Undo)]);
/// `Ctrl-r`: redo.
pub const REDO: Binding = bind!("Ctrl-r", "opnieuw doen", "redo", [ctrl('r', Action::Redo)]);
/// `t`: start or pause the time box of the step on screen.
pub const TIMER: Binding = bind!(
    "t",
    "timer starten/pauzeren",
    "start/pause the timer",
    [ch('t', Action::TimerToggle)],
);
/// `T`: the minutes of the time box.
pub const MINUTES: Binding = bind!(
    "T",
    "minuten van de timer",
    "minutes of the timer",
    [ch('T', Action::TimerSet)],
);

/// The keys every step has, after those of its kind.
pub static EVERY_STEP: KeyTable = table!(
    "Elke stap",
    "Every step",
    [
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
        UNDO,
        REDO,
        bind!(
            "f",
            "notities voor de begeleider tonen/verbergen",
            "show/hide facilitator notes",
            [ch('f', Action::ToggleNotes)],
        ),
        bind!(
            "C",
            "zijpaneel (alleen jij): agenda, klok, notities, inbox",
            "side panel (yours alone): agenda, clock, notes, inbox",
            [ch('C', Action::SidePanel)],
        ),
        TIMER,
        MINUTES,
        bind!(
            "P",
            "deelnemers: wie, welke partij, aanwezig",
            "participants: who, which party, present",
            [ch('P', Action::Participants)],
        ),
        bind!(
            "Z",
            "zaal: telefoons doen mee, QR-code tonen/verbergen",
            "room: phones join in, show/hide the QR code",
            [ch('Z', Action::Room)],
        ),
        bind!(
            "I",
            "inbox: wat telefoons sturen (alleen voor jou)",
            "inbox: what phones send (yours alone)",
            [ch('I', Action::Inbox)],
        ),
        bind!(
            "D",
            "zaal dicht (vraagt j/n; niets gaat verloren)",
            "close the room (asks y/n; nothing is lost)",
            [ch('D', Action::CloseRoom)],
        ),
        bind!(
            "L",
            "wat er op de parkeerplaats staat",
            "what is in the parking lot",
            [ch('L', Action::ParkingLot)],
        ),
        bind!(
            "X",
            "exporteren: verslag, hand-out (pdf), werkmap (xlsx), agenda (ics)",
            "export: report, handout (pdf), workbook (xlsx), calendar (ics)",
            [ch('X', Action::Export)],
        ),
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
        bind!(
            "q",
            "stoppen (alles is bewaard)",
            "quit (everything is saved)",
            [ch('q', Action::Quit)],
        ),
        // What every kind may use; each kind lists those it does in its own table.
        also!([
            code(KeyCode::Left, Action::Left),
            code(KeyCode::BackTab, Action::Left),
            code(KeyCode::Right, Action::Right),
            code(KeyCode::Tab, Action::Right),
            code(KeyCode::Up, Action::Up),
            code(KeyCode::Down, Action::Down),
            ch('a', Action::Add),
            ch('e', Action::Edit),
            code(KeyCode::Enter, Action::Edit),
            ch('d', Action::Delete),
            code(KeyCode::Delete, Action::Delete),
            code(KeyCode::Esc, Action::Back),
        ]),
    ],
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_step_in_the_built_in_scenarios_and_a_review_has_a_module() {
        let mut kinds: Vec<StepKind> = crate::store::builtin::BUILTIN
            .iter()
            .filter_map(|(id, _)| crate::store::builtin::builtin(id)?.ok())
            .flat_map(|s| s.steps.into_iter().map(|step| step.kind))
            .collect();
        kinds.push(StepKind::Review(crate::core::scenario::ReviewSpec {
            from: None,
            agreements: Vec::new(),
            items: Vec::new(),
        }));
        for kind in &kinds {
            assert!(ui(kind).is_some(), "no module for a {} step", kind.name());
        }
        let names: std::collections::BTreeSet<&str> = kinds.iter().map(|k| k.name()).collect();
        assert_eq!(names.len(), STEPS.len(), "a module whose kind no step has");
    }
}
