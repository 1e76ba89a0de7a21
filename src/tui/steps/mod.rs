//! The step kinds on screen, one module each: its key table, a pure `update` (what an
//! action does: move the selection in the view, or ask for a change or an overlay; no file,
//! no recording), and a `render` that reads a snapshot. The session screen asks the
//! registry ([`ui`]) once which module a step is, and never looks at the kind again.
//!
//! A new kind of step: a module here that implements [`StepUi`], its `mod` line below and
//! its entry in [`STEPS`]. (Core needs its spec, state, reducer and validation first.)

pub mod agreement;
pub mod board;
pub mod matrix;
pub mod review;
pub mod vote;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::keys::{KeyTable, also, bind, ch, code, ctrl, table};
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
    /// Open an overlay: a text field or form, a question, a list.
    Open(Mode),
    /// Say something in the status line.
    Say(Status),
}

impl Reaction {
    /// Record one change.
    pub fn record(change: Change) -> Reaction {
        Reaction::Record(vec![change])
    }
}

/// A kind of step on screen.
pub trait StepUi: Sync {
    /// Whether this module shows steps of `kind`.
    fn accepts(&self, kind: &StepKind) -> bool;

    /// The keys of this kind of step (before the keys of every step).
    fn keys(&self) -> &'static KeyTable;

    /// What `action` does on the step on screen: the selection in `view` may move; a
    /// change or an overlay comes back as a [`Reaction`]. No IO, no recording.
    fn update(
        &self,
        view: &mut View,
        state: &SessionState,
        action: &Action,
        lang: Lang,
    ) -> Option<Reaction>;

    /// Draws the step on screen in `area`; reads, never changes.
    fn render(&self, frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang);

    /// Selects what a change touched, when it is on the step on screen; true when it did.
    fn focus(&self, view: &mut View, state: &SessionState, touched: &Touched, lang: Lang) -> bool {
        let _ = (view, state, touched, lang);
        false
    }

    /// Selects what is drawn at a screen cell of the step's `area` (a mouse click).
    #[allow(
        clippy::too_many_arguments,
        reason = "a click needs the frame's layout"
    )]
    fn click(
        &self,
        view: &mut View,
        state: &SessionState,
        area: Rect,
        column: u16,
        row: u16,
        theme: &Theme,
        lang: Lang,
    ) {
        let _ = (view, state, area, column, row, theme, lang);
    }
}

/// Every kind of step on screen.
static STEPS: [&dyn StepUi; 5] = [
    &board::Board,
    &matrix::Matrix,
    &vote::Vote,
    &agreement::Agreement,
    &review::Review,
];

/// The module that shows steps of `kind`.
pub fn ui(kind: &StepKind) -> Option<&'static dyn StepUi> {
    STEPS.iter().copied().find(|s| s.accepts(kind))
}

/// The module of the step on screen.
pub fn on_screen(state: &SessionState) -> Option<&'static dyn StepUi> {
    ui(&state.scenario.steps.get(state.current)?.kind)
}

/// Every registered module (for the README's key map).
pub fn registered() -> Vec<&'static dyn StepUi> {
    STEPS.to_vec()
}

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
        bind!("u", "ongedaan maken", "undo", [ch('u', Action::Undo)]),
        bind!("Ctrl-r", "opnieuw doen", "redo", [ctrl('r', Action::Redo)]),
        bind!(
            "f",
            "notities voor de begeleider tonen/verbergen",
            "show/hide facilitator notes",
            [ch('f', Action::ToggleNotes)],
        ),
        bind!(
            "t",
            "timer starten/pauzeren",
            "start/pause the timer",
            [ch('t', Action::TimerToggle)],
        ),
        bind!(
            "T",
            "minuten van de timer",
            "minutes of the timer",
            [ch('T', Action::TimerSet)],
        ),
        bind!(
            "P",
            "deelnemers: wie, welke partij, aanwezig",
            "participants: who, which party, present",
            [ch('P', Action::Participants)],
        ),
        bind!(
            "X",
            "verslag exporteren (.md .html .csv naast de sessie)",
            "export the report (.md .html .csv beside the session)",
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
