//! What the keys do on a board: move the selection, and ask for the changes and overlays
//! that add, edit, move, group, tag and spotlight cards. Pure: the session screen records.

use super::order;
use super::picker::Picker;
use crate::core::state::{BoardState, CardId};
use crate::core::{Change, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Form, Purpose};
use crate::tui::question::Question;
use crate::tui::session::view::{Mode, View};
use crate::tui::steps::Reaction;

/// The cards grouping acts on: the marked cards of this board, else the selected card.
fn targets(view: &View, state: &SessionState, board: &BoardState) -> Vec<CardId> {
    let marked: Vec<CardId> = board
        .cards()
        .map(|c| c.id)
        .filter(|id| view.marked.contains(id))
        .collect();
    if marked.is_empty() {
        view.selected_card(state).into_iter().collect()
    } else {
        marked
    }
}

/// What an action does on a board step.
pub(super) fn update(
    view: &mut View,
    state: &SessionState,
    action: &Action,
    _lang: Lang,
) -> Option<Reaction> {
    let step_index = state.current;
    let step = state.scenario.steps.get(step_index)?;
    let spec = step.kind.board()?;
    let board = state.board(step_index)?;
    let lanes = board.lanes.len();
    let cursor = view.cursor(step_index);
    let cards = board.lanes.get(cursor.lane).map_or(0, |l| l.cards.len());
    let selected = view.selected_card(state);
    let step_id = step.id.clone();
    let open = |mode: Mode| Some(Reaction::Open(mode));
    let edit = |purpose: Purpose, title, text: &str| {
        open(Mode::Form(Box::new(Form::text(
            purpose,
            title,
            text,
            Check::EmptyCancels,
        ))))
    };
    let reaction = match action {
        Action::Left => {
            view.cursor_mut(step_index).lane = (cursor.lane + lanes - 1) % lanes.max(1);
            None
        }
        Action::Right => {
            view.cursor_mut(step_index).lane = (cursor.lane + 1) % lanes.max(1);
            None
        }
        Action::Up => {
            view.cursor_mut(step_index).card = cursor.card.saturating_sub(1);
            None
        }
        Action::Down => {
            view.cursor_mut(step_index).card = (cursor.card + 1).min(cards.saturating_sub(1));
            None
        }
        Action::Add => edit(
            Purpose::NewCard { lane: cursor.lane },
            (
                " Nieuwe kaart · Enter bewaart · Esc annuleert ",
                " New card · Enter saves · Esc cancels ",
            ),
            "",
        ),
        Action::Edit => selected.and_then(|id| board.card(id)).and_then(|card| {
            edit(
                Purpose::Card(card.id),
                (
                    " Kaart bewerken · Enter bewaart · Esc annuleert ",
                    " Edit card · Enter saves · Esc cancels ",
                ),
                &card.text,
            )
        }),
        Action::Delete => selected.and_then(|card| {
            open(Mode::Confirm(Box::new(Question {
                question: ("Kaart verwijderen? j/n", "Delete this card? y/n"),
                change: Change::CardDeleted {
                    step: step_id.clone(),
                    card,
                },
            })))
        }),
        Action::MoveLeft | Action::MoveRight => {
            let to = if *action == Action::MoveLeft {
                cursor.lane.checked_sub(1)
            } else {
                Some(cursor.lane + 1).filter(|l| *l < lanes)
            };
            match (selected, to.and_then(|to| Some((to, spec.lanes.get(to)?)))) {
                (Some(card), Some((to, lane))) => Some(Reaction::record(Change::CardMoved {
                    step: step_id,
                    card,
                    lane: lane.id.clone(),
                    position: board.lanes.get(to).map_or(0, |l| l.cards.len()),
                })),
                _ => None,
            }
        }
        Action::MoveUp | Action::MoveDown => {
            let up = *action == Action::MoveUp;
            let lane = board.lanes.get(cursor.lane)?;
            selected?;
            let (index, position) = order::reorder(lane, cursor.card, up)?;
            Some(Reaction::record(Change::CardMoved {
                step: step_id,
                card: lane.cards.get(index)?.id,
                lane: spec.lanes.get(cursor.lane)?.id.clone(),
                position,
            }))
        }
        Action::ToggleMark => {
            if let Some(card) = selected
                && !view.marked.remove(&card)
            {
                view.marked.insert(card);
            }
            None
        }
        Action::Group => {
            let mut cards = targets(view, state, board);
            // Without marks, `g` on a card in a theme renames that theme.
            if view.marked.is_empty()
                && let Some(theme) = selected.and_then(|id| board.card(id)?.theme.clone())
            {
                cards = board
                    .cards()
                    .filter(|c| c.theme.as_ref() == Some(&theme))
                    .map(|c| c.id)
                    .collect();
            }
            let themes: Vec<Option<&String>> = cards
                .iter()
                .filter_map(|id| board.card(*id))
                .map(|c| c.theme.as_ref())
                .collect();
            let common = match themes.first() {
                Some(Some(first)) if themes.iter().all(|t| *t == Some(*first)) => first.as_str(),
                _ => "",
            };
            if cards.is_empty() {
                None
            } else {
                edit(
                    Purpose::Theme(cards),
                    (
                        " Naam van het thema · Enter bewaart · Esc annuleert ",
                        " Name of the theme · Enter saves · Esc cancels ",
                    ),
                    common,
                )
            }
        }
        Action::Ungroup => {
            let cards: Vec<CardId> = targets(view, state, board)
                .into_iter()
                .filter(|id| board.card(*id).is_some_and(|c| c.theme.is_some()))
                .collect();
            (!cards.is_empty()).then(|| {
                Reaction::record(Change::ThemeSet {
                    step: step_id,
                    cards,
                    theme: None,
                })
            })
        }
        Action::Tag => selected.and_then(|id| board.card(id)).and_then(|card| {
            let parties = state.scenario.parties();
            let current = card
                .party
                .as_ref()
                .and_then(|p| parties.iter().position(|q| &q.id == p))
                .unwrap_or(parties.len());
            open(Mode::Picker(Picker {
                card: card.id,
                selected: current,
            }))
        }),
        Action::Spotlight if selected.is_some() => open(Mode::Spotlight),
        _ => None,
    };
    view.keep_valid(state);
    reaction
}
