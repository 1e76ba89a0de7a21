//! `i` on a board that takes its cards from an earlier board (`cards_from`): the cards
//! not brought over yet, into the first lane, in the order of the vote on them.

use crate::core::board_import;
use crate::core::{Lang, SessionState};
use crate::tui::session::view::Status;
use crate::tui::steps::Reaction;

/// What `i` does on board step `index`.
pub(super) fn bring_over(state: &SessionState, index: usize, lang: Lang) -> Reaction {
    let has_source = state
        .scenario
        .steps
        .get(index)
        .and_then(|s| s.kind.board())
        .is_some_and(|b| b.cards_from.is_some());
    if !has_source {
        return Reaction::Say(Status::problem(lang.pick(
            "dit bord haalt geen kaarten op uit een eerdere stap",
            "this board brings no cards over from an earlier step",
        )));
    }
    let changes = board_import::bring_over(state, index);
    if changes.is_empty() {
        return Reaction::Say(Status::info(lang.pick(
            "alle kaarten zijn al opgehaald",
            "every card has been brought over already",
        )));
    }
    Reaction::Record(changes)
}
