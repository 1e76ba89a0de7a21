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
use crate::tui::keys::{ARROWS_UP_DOWN, EDIT, HOME_END, KeyTable, bind, ch, code, table};
use crate::tui::question::Question;
use crate::tui::session::view::{Mode, Status, View};

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
        bind!("Home End", "eerste / laatste", "first / last", HOME_END,),
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
            "l",
            "waar de afspraak vandaan komt (spoor, kaart, uitgangspunt)",
            "where the commitment comes from (track, card, principle)",
            [ch('l', Action::Link)],
        ),
        bind!(
            "o",
            "een aangeboden kaart wordt een afspraak (de taken van akte 3)",
            "an offered card becomes a commitment (act 3's tasks)",
            [ch('o', Action::Offered)],
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
        (Action::First, _) => view.cursor_mut(index).card = 0,
        (Action::Last, _) => view.cursor_mut(index).card = list.len().saturating_sub(1),
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
        (Action::Link, Some(Item::Commitment(id))) => {
            let commitment = match state.steps.get(index) {
                Some(StepState::Agreement(a)) => a.commitments.iter().find(|c| c.id == id),
                _ => None,
            };
            let field = commitment.and_then(|c| source_field(state, Some(c), lang));
            return match field {
                Some(field) => open(Mode::Form(Box::new(Form::new(
                    Purpose::CommitmentSource(id),
                    ("Afspraak komt van", "Commitment comes from"),
                    vec![field],
                )))),
                None => Some(Reaction::Say(Status::info(lang.pick(
                    "deze stap heeft geen sporen, uitgangspunten of aangeboden kaarten",
                    "this step has no tracks, principles or offered cards",
                )))),
            };
        }
        (Action::Offered, _) => {
            let cards = state.offered_cards(index);
            if cards.is_empty() {
                return Some(Reaction::Say(Status::info(lang.pick(
                    "geen kaarten aangeboden (of ze zijn al afspraken)",
                    "no cards offered (or they are commitments already)",
                ))));
            }
            let options = cards
                .iter()
                .map(|c| (Some(c.id.to_string()), c.text.clone()))
                .collect();
            return open(Mode::Form(Box::new(Form::new(
                Purpose::FromOffered,
                ("Aangeboden kaart", "Offered card"),
                vec![Field::Choice {
                    label: ("welke wordt een afspraak?", "which becomes a commitment?"),
                    options,
                    selected: 0,
                }],
            ))));
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

/// What an action can come from on this step, as a last question of its form: the step's
/// tracks (the Lemniscaat's three), its principles, and the cards it offers to start from
/// (act 4 offers act 3's tasks); "nothing in particular" last. None when the step offers
/// nothing and the action comes from nothing.
fn source_field(state: &SessionState, existing: Option<&Commitment>, lang: Lang) -> Option<Field> {
    use crate::core::state::Source;
    let spec = state.current_step().and_then(|s| s.kind.agreement())?;
    let mut options: Vec<(Option<String>, String)> = Vec::new();
    for t in &spec.tracks {
        let label = format!("{} {}", lang.pick("spoor:", "track:"), t.label.get(lang));
        options.push((Some(source_key(&Source::Track(t.id.clone()))), label));
    }
    for p in &spec.principles {
        let label = format!(
            "{} {}",
            lang.pick("uitgangspunt:", "principle:"),
            p.text.get(lang)
        );
        options.push((Some(source_key(&Source::Principle(p.id.clone()))), label));
    }
    for card in state.offered_cards(state.current) {
        let label = format!("{} {}", lang.pick("kaart:", "card:"), card.text);
        options.push((Some(source_key(&Source::Card(card.id))), label));
    }
    // An action keeps where it came from, also when that is not offered here (a card
    // turned into an action with A).
    let current = existing.and_then(|c| c.from.as_ref()).map(source_key);
    if let Some(key) = &current
        && !options.iter().any(|(v, _)| v.as_ref() == Some(key))
    {
        let label = existing
            .and_then(|c| c.from.as_ref())
            .map(|s| match s {
                Source::Card(id) => state.any_card(*id).map_or_else(
                    || s.describe(lang),
                    |c| format!("{} {}", lang.pick("kaart:", "card:"), c.text),
                ),
                other => other.describe(lang),
            })
            .unwrap_or_default();
        options.push((Some(key.clone()), label));
    }
    if options.is_empty() {
        return None;
    }
    options.push((
        None,
        lang.pick("nergens in het bijzonder", "nothing in particular")
            .to_string(),
    ));
    let selected = options
        .iter()
        .position(|(v, _)| *v == current)
        .unwrap_or(options.len() - 1);
    Some(Field::Choice {
        label: ("waar komt het vandaan?", "where does it come from?"),
        options,
        selected,
    })
}

/// How a link is kept as a choice's value: `track:<id>`, `principle:<id>`, `card:<id>`,
/// `step:<id>` ([`parse_source`] reads it back).
pub fn source_key(source: &crate::core::state::Source) -> String {
    use crate::core::state::Source;
    match source {
        Source::Card(id) => format!("card:{id}"),
        Source::Track(id) => format!("track:{id}"),
        Source::Principle(id) => format!("principle:{id}"),
        Source::Step(id) => format!("step:{id}"),
    }
}

/// The link a choice's value names.
pub fn parse_source(key: &str) -> Option<crate::core::state::Source> {
    use crate::core::state::Source;
    let (kind, id) = key.split_once(':')?;
    match kind {
        "card" => id.parse().ok().map(Source::Card),
        "track" => Some(Source::Track(id.to_string())),
        "principle" => Some(Source::Principle(id.to_string())),
        "step" => Some(Source::Step(id.to_string())),
        _ => None,
    }
}
