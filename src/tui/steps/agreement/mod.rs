//! An agreement step (Act 4 of De Zwolse Komedie, Het Zwolse Akkoord): the statement and
//! principles from the scenario, each with who endorses it ("onderschreven door 5 van 7"),
//! and the commitments the room makes: what, who, by when.

pub mod endorse;
mod render;

pub use render::endorsed_text;

use crossterm::event::KeyCode;

use self::endorse::EndorsePicker;
use super::{Reaction, StepUi};
use crate::core::state::Commitment;
use crate::core::tally::{commitment_item, endorsable_items};
use crate::core::touch::Touched;
use crate::core::{Change, Lang, SessionState, StepState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Field, Form, Purpose};
use crate::tui::keys::{ARROWS_UP_DOWN, EDIT, KeyTable, bind, ch, code, table};
use crate::tui::question::Question;
use crate::tui::session::view::{Mode, View};

/// The keys of an agreement step.
pub static KEYS: KeyTable = table!(
    "Akkoord",
    "Agreement",
    [
        bind!(
            "↑ ↓",
            "kies een onderdeel",
            "select an item",
            ARROWS_UP_DOWN,
        ),
        bind!(
            "Space",
            "wie onderschrijft dit (ook een afspraak)",
            "who endorses it (a commitment too)",
            [ch(' ', Action::Toggle)],
        ),
        bind!(
            "A",
            "alle aanwezigen onderschrijven dit (één keer ongedaan te maken)",
            "all present endorse it (undone in one go)",
            [ch('A', Action::EndorseAll)],
        ),
        bind!(
            "a",
            "afspraak toevoegen: wat, wie, wanneer",
            "add a commitment: what, who, by when",
            [ch('a', Action::Add)],
        ),
        bind!("e Enter", "afspraak bewerken", "edit the commitment", EDIT,),
        bind!(
            "d",
            "afspraak verwijderen (vraagt j/n)",
            "delete the commitment (asks y/n)",
            [ch('d', Action::Delete)],
        ),
        bind!(
            "→ ←",
            "naar de afspraken / terug",
            "to the commitments / back",
            [
                code(KeyCode::Right, Action::Right),
                code(KeyCode::Left, Action::Left),
            ],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.agreement().is_some(),
    keys: &KEYS,
    update,
    render: render::render,
    focus,
    click: None,
};

/// Selects what a change touched, when it is on the step on screen.
fn focus(view: &mut View, state: &SessionState, touched: &Touched, _lang: Lang) -> bool {
    let Some(id) = touched.commitment else {
        return false;
    };
    match items(state).iter().position(|x| *x == Item::Commitment(id)) {
        Some(i) => {
            view.cursor_mut(state.current).card = i;
            true
        }
        None => false,
    }
}

/// Something that can be selected on an agreement step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// The statement (`statement`) or a principle (its id), to endorse.
    Endorsable(String),
    /// A commitment, by id.
    Commitment(u32),
}

/// The selectable items of the agreement on screen, top to bottom.
pub(super) fn items(state: &SessionState) -> Vec<Item> {
    let index = state.current;
    let (Some(spec), Some(StepState::Agreement(a))) = (
        state
            .scenario
            .steps
            .get(index)
            .and_then(|s| s.kind.agreement()),
        state.steps.get(index),
    ) else {
        return Vec::new();
    };
    endorsable_items(spec)
        .into_iter()
        .map(Item::Endorsable)
        .chain(a.commitments.iter().map(|c| Item::Commitment(c.id)))
        .collect()
}

impl Item {
    /// How it is named as an item to endorse: `statement`, a principle's id, or
    /// `commitment:<id>`.
    pub fn key(&self) -> String {
        match self {
            Item::Endorsable(id) => id.clone(),
            Item::Commitment(id) => commitment_item(*id),
        }
    }
}

/// What an action does on an agreement step.
fn update(view: &mut View, state: &SessionState, action: &Action, lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let list = items(state);
    let selected = view.cursor(index).card.min(list.len().saturating_sub(1));
    let current = list.get(selected).cloned();
    let step = state
        .scenario
        .steps
        .get(index)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let open = |mode: Mode| Some(Reaction::Open(mode));
    match (action, current) {
        (Action::Up, _) => view.cursor_mut(index).card = selected.saturating_sub(1),
        (Action::Down, _) => {
            view.cursor_mut(index).card = (selected + 1).min(list.len().saturating_sub(1))
        }
        (Action::Right, _) => {
            if let Some(i) = list.iter().position(|x| matches!(x, Item::Commitment(_))) {
                view.cursor_mut(index).card = i;
            }
        }
        (Action::Left, _) => view.cursor_mut(index).card = 0,
        (Action::Add, _) => return open(Mode::Form(Box::new(commitment_form(state, None, lang)))),
        (Action::Toggle | Action::Edit, Some(Item::Endorsable(item))) => {
            return open(Mode::Endorse(EndorsePicker { item, selected: 0 }));
        }
        (Action::Toggle, Some(item @ Item::Commitment(_))) => {
            return open(Mode::Endorse(EndorsePicker {
                item: item.key(),
                selected: 0,
            }));
        }
        (Action::EndorseAll, Some(item)) => return endorse::all_present(state, &item.key(), lang),
        (Action::Edit, Some(Item::Commitment(id))) => {
            let commitment = match state.steps.get(index) {
                Some(StepState::Agreement(a)) => a.commitments.iter().find(|c| c.id == id).cloned(),
                _ => None,
            };
            return commitment
                .and_then(|c| open(Mode::Form(Box::new(commitment_form(state, Some(c), lang)))));
        }
        (Action::Delete, Some(Item::Commitment(id))) => {
            return open(Mode::Confirm(Box::new(Question::remove(
                ("Deze afspraak verwijderen?", "Delete this commitment?"),
                Change::CommitmentRemoved { step, id },
                lang,
            ))));
        }
        _ => {}
    }
    None
}

fn commitment_form(state: &SessionState, existing: Option<Commitment>, lang: Lang) -> Form {
    let get = |f: fn(&Commitment) -> &String| existing.as_ref().map(f).cloned().unwrap_or_default();
    let who = existing
        .as_ref()
        .map(|c| crate::core::commitment::who_text(state, c, lang))
        .unwrap_or_default();
    let when = existing
        .as_ref()
        .map(crate::core::commitment::when_text)
        .unwrap_or_default();
    let fields = vec![
        Field::Text {
            label: Some(("wat gaan we doen?", "what will be done?")),
            value: get(|c| &c.what),
            check: Check::Required,
        },
        Field::Text {
            label: Some((
                "wie doet het? (partijen of namen, met komma's)",
                "who does it? (parties or names, with commas)",
            )),
            value: who,
            check: Check::Any,
        },
        Field::Text {
            label: Some((
                "wanneer? (bijv. 1-2, volgende week, over 2 weken)",
                "by when? (e.g. 1-2, next week, in 2 weeks)",
            )),
            value: when,
            check: Check::Any,
        },
    ];
    match existing {
        Some(c) => Form::new(
            Purpose::EditCommitment(c.id),
            ("Afspraak bewerken", "Edit commitment"),
            fields,
        ),
        None => Form::new(
            Purpose::NewCommitment,
            ("Nieuwe afspraak", "New commitment"),
            fields,
        ),
    }
}
