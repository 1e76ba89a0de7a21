//! What a change touches: the step it is made on and the thing it is about, by id (a
//! card, a matrix cell, a commitment, a participant). The one answer for the undo notice,
//! replay, follow and the board; each screen turns an id into a place on screen itself
//! (a lane with themes shows its cards in another order than it stores them).

use super::endorser::Endorser;
use super::event::Change;
use super::grid::GridItem;
use super::state::{CardId, RowRef};

/// What a change touches. Empty fields: it touches no such thing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched<'a> {
    /// The step it is made on (none for participants, undo and redo).
    pub step: Option<&'a str>,
    /// The card it is about: the card added, edited, moved, tagged or deleted, or the
    /// first card of a theme that was set.
    pub card: Option<CardId>,
    /// The matrix cell it rates or notes: row and column id.
    pub cell: Option<(&'a RowRef, &'a str)>,
    /// The commitment it adds, edits or removes.
    pub commitment: Option<u32>,
    /// The participant it adds, edits or removes.
    pub participant: Option<u32>,
    /// The grid item it places, notes, adds, renames or removes.
    pub grid_item: Option<GridItem>,
    /// The member of a consent round (or the respondent of a poll) it is about.
    pub member: Option<&'a Endorser>,
    /// The poll statement it is about.
    pub statement: Option<&'a str>,
}

/// Which step and which thing `change` touches. An undo or redo touches nothing itself:
/// ask about the change it reverts or does again.
pub fn touched(change: &Change) -> Touched<'_> {
    fn step(step: &str) -> Touched<'_> {
        Touched {
            step: Some(step),
            ..Touched::default()
        }
    }
    match change {
        Change::CardAdded { step: s, card, .. }
        | Change::CardEdited { step: s, card, .. }
        | Change::CardDeleted { step: s, card }
        | Change::CardMoved { step: s, card, .. }
        | Change::CardTagged { step: s, card, .. }
        | Change::CardParked { step: s, card, .. } => Touched {
            card: Some(*card),
            ..step(s)
        },
        Change::ThemeSet { step: s, cards, .. } => Touched {
            card: cards.first().copied(),
            ..step(s)
        },
        Change::CellSet {
            step: s,
            row,
            column,
            ..
        }
        | Change::CellNoted {
            step: s,
            row,
            column,
            ..
        } => Touched {
            cell: Some((row, column.as_str())),
            ..step(s)
        },
        Change::CommitmentAdded {
            step: s,
            commitment,
            ..
        }
        | Change::CommitmentEdited {
            step: s,
            commitment,
        } => Touched {
            commitment: Some(commitment.id),
            ..step(s)
        },
        Change::CommitmentRemoved { step: s, id } => Touched {
            commitment: Some(*id),
            ..step(s)
        },
        Change::ParticipantAdded { participant } | Change::ParticipantEdited { participant } => {
            Touched {
                participant: Some(participant.id),
                ..Touched::default()
            }
        }
        Change::ParticipantRemoved { id } => Touched {
            participant: Some(*id),
            ..Touched::default()
        },
        Change::GridPlaced { step: s, item, .. } | Change::GridNoted { step: s, item, .. } => {
            Touched {
                grid_item: Some(item.clone()),
                ..step(s)
            }
        }
        Change::GridItemAdded { step: s, item, .. }
        | Change::GridItemEdited { step: s, item, .. }
        | Change::GridItemRemoved { step: s, item } => Touched {
            grid_item: Some(GridItem::Item(*item)),
            ..step(s)
        },
        Change::ConsentSaid {
            step: s, member, ..
        }
        | Change::ConsentPositionSet {
            step: s, member, ..
        } => Touched {
            member: Some(member),
            ..step(s)
        },
        Change::PollAnswered {
            step: s,
            statement,
            respondent,
            ..
        } => Touched {
            member: Some(respondent),
            statement: Some(statement),
            ..step(s)
        },
        Change::PollCounted {
            step: s, statement, ..
        }
        | Change::PollRevealed {
            step: s, statement, ..
        }
        | Change::PollStatementAdded {
            step: s,
            id: statement,
            ..
        }
        | Change::PollStatementRemoved {
            step: s,
            id: statement,
        } => Touched {
            statement: Some(statement),
            ..step(s)
        },
        Change::ConsentPhaseSet { step: s, .. }
        | Change::ConsentAmended { step: s, .. }
        | Change::ConsentAmendmentWithdrawn { step: s, .. }
        | Change::ConsentDecided { step: s, .. } => step(s),
        Change::StepOpened { step: s }
        | Change::VotersSet { step: s, .. }
        | Change::DotAdded { step: s, .. }
        | Change::DotRemoved { step: s, .. }
        | Change::VoteRevealed { step: s, .. }
        | Change::EndorsementSet { step: s, .. }
        | Change::ReviewMarked { step: s, .. }
        | Change::TimerStarted { step: s }
        | Change::TimerPaused { step: s }
        | Change::TimerSet { step: s, .. } => step(s),
        // A phone's proposal is made on a step; what becomes of it (accepted, rejected) is
        // found through the proposal, which the change alone does not name the step of.
        Change::CardProposed { step: s, .. } | Change::CommitmentProposed { step: s, .. } => {
            step(s)
        }
        Change::InboxSet { step: Some(s), .. } => step(s),
        Change::InboxSet { step: None, .. }
        | Change::DeviceJoined { .. }
        | Change::DeviceRemoved { .. }
        | Change::DeviceReadmitted { .. }
        | Change::ProposalAccepted { .. }
        | Change::ProposalsAccepted { .. }
        | Change::ProposalRejected { .. }
        | Change::ProposalReopened { .. }
        | Change::CardUnparked { .. }
        | Change::Undo
        | Change::Redo => Touched::default(),
        // A group is about what its first change is about.
        Change::Group { changes } => changes.first().map(touched).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_names_its_step_and_card_by_id() {
        let moved = Change::CardMoved {
            step: "akte-1".into(),
            card: 7,
            lane: "b".into(),
            position: 0,
        };
        let t = touched(&moved);
        assert_eq!((t.step, t.card), (Some("akte-1"), Some(7)));
        let themed = Change::ThemeSet {
            step: "akte-1".into(),
            cards: vec![4, 2],
            theme: None,
        };
        assert_eq!(touched(&themed).card, Some(4), "the theme's first card");
        let cell = Change::CellSet {
            step: "m".into(),
            row: RowRef::Row("r".into()),
            column: "c".into(),
            value: Some(1),
        };
        assert_eq!(touched(&cell).cell, Some((&RowRef::Row("r".into()), "c")));
        assert_eq!(touched(&Change::Undo), Touched::default());
    }
}
