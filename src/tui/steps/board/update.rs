//! What the keys do on a board: move the selection, and ask for the changes and overlays
//! that add, edit, move, group, tag and spotlight cards. Pure: the session screen records.

use super::order;
use super::picker::Picker;
use crate::core::state::{BoardState, CardId};
use crate::core::{Change, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Form, Purpose};
use crate::tui::question::Question;
use crate::tui::session::view::Status;
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
    lang: Lang,
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
        // No wrap at the ends: → on the last lane stays there.
        Action::Left => {
            view.cursor_mut(step_index).lane = cursor.lane.saturating_sub(1);
            None
        }
        Action::Right => {
            view.cursor_mut(step_index).lane = (cursor.lane + 1).min(lanes.saturating_sub(1));
            None
        }
        // A digit goes to the lane with that number, as the lane names above say.
        Action::Digit(d) => {
            let lane = usize::from(*d).checked_sub(1).filter(|l| *l < lanes)?;
            *view.cursor_mut(step_index) = super::Cursor {
                lane,
                card: if lane == cursor.lane { cursor.card } else { 0 },
            };
            None
        }
        Action::First => {
            view.cursor_mut(step_index).card = 0;
            None
        }
        Action::Last => {
            view.cursor_mut(step_index).card = cards.saturating_sub(1);
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
        // The frame names the lane typed into, so a card never lands in the wrong one.
        Action::Add => edit(
            Purpose::NewCard { lane: cursor.lane },
            (
                " Nieuwe kaart · Enter bewaart · Esc annuleert ",
                " New card · Enter saves · Esc cancels ",
            ),
            "",
        )
        .map(|r| match r {
            Reaction::Open(Mode::Form(form)) => {
                let name = spec.lanes.get(cursor.lane).map_or(String::new(), |l| {
                    format!("{}. {}", cursor.lane + 1, l.title.get(lang))
                });
                Reaction::Open(Mode::Form(Box::new(form.into_place(name))))
            }
            other => other,
        }),
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
            open(Mode::Confirm(Box::new(Question::remove(
                ("Kaart verwijderen?", "Delete this card?"),
                Change::CardDeleted {
                    step: step_id.clone(),
                    card,
                },
                lang,
            ))))
        }),
        Action::MoveLeft | Action::MoveRight => {
            let to = if *action == Action::MoveLeft {
                cursor.lane.checked_sub(1)
            } else {
                Some(cursor.lane + 1).filter(|l| *l < lanes)
            };
            match (selected, to.and_then(|to| Some((to, spec.lanes.get(to)?)))) {
                (Some(card), Some((to, lane))) => {
                    let moved = Change::CardMoved {
                        step: step_id.clone(),
                        card,
                        lane: lane.id.clone(),
                        position: board.lanes.get(to).map_or(0, |l| l.cards.len()),
                    };
                    // A card that goes to a lane that stands for a party takes that party,
                    // when it had the old lane's party or none (the party of the lane
                    // it was said in); one change, one undo.
                    let old = spec.lanes.get(cursor.lane).and_then(|l| l.party.clone());
                    let party = board.card(card).and_then(|c| c.party.clone());
                    let retag = lane.party.is_some() && party != lane.party && party == old;
                    let change = if retag {
                        Change::Group {
                            changes: vec![
                                moved,
                                Change::CardTagged {
                                    step: step_id,
                                    card,
                                    party: lane.party.clone(),
                                },
                            ],
                        }
                    } else {
                        moved
                    };
                    let name = format!("{}. {}", to + 1, lane.title.get(lang));
                    // Say the new party too: the tag changed with the move (issue 14.9).
                    let tagged = lane
                        .party
                        .as_deref()
                        .filter(|_| retag)
                        .and_then(|id| state.scenario.parties().iter().find(|p| p.id == id))
                        .map(|p| p.name.get(lang).to_string());
                    view.info(match (lang, tagged) {
                        (Lang::Nl, None) => format!("kaart naar {name}"),
                        (Lang::En, None) => format!("card moved to {name}"),
                        (Lang::Nl, Some(party)) => {
                            format!("kaart naar {name}, nu van {party} (u maakt ongedaan)")
                        }
                        (Lang::En, Some(party)) => {
                            format!("card moved to {name}, now tagged {party} (u undoes)")
                        }
                    });
                    Some(Reaction::record(change))
                }
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
        Action::ToAction => {
            selected.map(|card| match state.action_from_card(card, state.next_id) {
                Ok(change) => Reaction::record(change),
                Err(e) => Reaction::Say(Status::problem(e.message(lang))),
            })
        }
        Action::Park => selected.map(|card| {
            Reaction::record(Change::CardParked {
                step: step_id.clone(),
                card,
                position: None,
            })
        }),
        Action::Unpark => match state.parked.iter().rev().find(|p| p.step == step_id) {
            Some(p) => Some(Reaction::record(Change::CardUnparked {
                card: p.card.id,
                position: None,
            })),
            None => Some(Reaction::Say(Status::info(lang.pick(
                "er staat geen kaart van deze stap op de parkeerplaats",
                "no card of this step is in the parking lot",
            )))),
        },
        Action::Import => Some(super::import::bring_over(state, step_index, lang)),
        _ => None,
    };
    view.keep_valid(state);
    reaction
}
