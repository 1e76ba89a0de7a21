//! Bringing the cards of an earlier board onto a board (`cards_from`): the topics of a
//! lean coffee onto its discussion board, in the order the room voted them.

use super::event::Change;
use super::state::{SessionState, VoteTarget};

/// The changes that bring the cards of board step `index`'s `cards_from` board that are
/// not on it yet (by text) into its first lane: most dots first in the first vote on that
/// board (a card in a theme counts its theme's dots), the rest in board order. Fresh ids
/// from `next_id`. Empty when there is nothing (more) to bring.
pub fn bring_over(state: &SessionState, index: usize) -> Vec<Change> {
    let scenario = &state.scenario;
    let Some(step) = scenario.steps.get(index) else {
        return Vec::new();
    };
    let Some(spec) = step.kind.board() else {
        return Vec::new();
    };
    let (Some(from), Some(lane)) = (spec.cards_from.as_deref(), spec.lanes.first()) else {
        return Vec::new();
    };
    let (Some(source), Some(here)) = (
        scenario.step_index(from).and_then(|i| state.board(i)),
        state.board(index),
    ) else {
        return Vec::new();
    };
    let vote = scenario
        .steps
        .iter()
        .position(|s| s.kind.vote().is_some_and(|v| v.on == from))
        .and_then(|i| match state.steps.get(i) {
            Some(super::StepState::Vote(v)) => Some(v),
            _ => None,
        });
    let dots = |card: &super::state::Card| -> u32 {
        let Some(vote) = vote else { return 0 };
        let on_card = vote
            .dots
            .get(&VoteTarget::Card(card.id))
            .copied()
            .unwrap_or(0);
        let on_theme = card
            .theme
            .as_ref()
            .and_then(|t| vote.dots.get(&VoteTarget::Theme(t.clone())))
            .copied()
            .unwrap_or(0);
        on_card.saturating_add(on_theme)
    };
    let mut cards: Vec<&super::state::Card> = source
        .cards()
        .filter(|c| !here.cards().any(|h| h.text == c.text))
        .collect();
    // Stable: equal dots keep board order.
    cards.sort_by_key(|c| std::cmp::Reverse(dots(c)));
    cards
        .into_iter()
        .enumerate()
        .map(|(i, c)| Change::CardAdded {
            step: step.id.clone(),
            lane: lane.id.clone(),
            card: state.next_id.saturating_add(i as u32),
            text: c.text.clone(),
            party: c.party.clone(),
            theme: c.theme.clone(),
            position: None,
        })
        .collect()
}
