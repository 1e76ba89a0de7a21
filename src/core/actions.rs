//! Actions and the parking lot, as the reducer sees them: the checks of a commitment's
//! owners and link, the moves of a card into and out of the parking lot, and the change
//! that turns a card into an action.

use super::commitment::{Commitment, Owner, Source};
use super::error::ReduceError;
use super::event::Change;
use super::scenario::StepKind;
use super::state::{Card, CardId, Parked, SessionState, StepState};

type Result<T> = std::result::Result<T, ReduceError>;

impl SessionState {
    /// Checks that a commitment of agreement step `step` names only parties and
    /// participants that exist, and links to something that exists.
    pub(super) fn check_commitment(&self, step: &str, commitment: &Commitment) -> Result<()> {
        let index = self.step_index(step)?;
        for owner in &commitment.owners {
            match owner {
                Owner::Party(p) => self.check_party(Some(p))?,
                Owner::Participant(id) => {
                    if !self.participants.iter().any(|p| p.id == *id) {
                        return Err(ReduceError::NoParticipant(*id));
                    }
                }
            }
        }
        let Some(source) = &commitment.from else {
            return Ok(());
        };
        let exists = match source {
            Source::Card(card) => self.any_card(*card).is_some(),
            Source::Track(track) => match &self.scenario.steps[index].kind {
                StepKind::Agreement(spec) => spec.tracks.iter().any(|t| &t.id == track),
                _ => false,
            },
            Source::Principle(principle) => self.scenario.steps.iter().any(|s| match &s.kind {
                StepKind::Agreement(spec) => spec.principles.iter().any(|p| &p.id == principle),
                _ => false,
            }),
            Source::Step(id) => self.scenario.step_index(id).is_some(),
        };
        if exists {
            Ok(())
        } else {
            Err(ReduceError::NoLinkTarget(source.clone()))
        }
    }

    /// Puts a card of board `step` in the parking lot at `position` (the end when none).
    pub(super) fn park(
        &mut self,
        step: &str,
        card: CardId,
        position: Option<usize>,
    ) -> Result<Vec<Change>> {
        let (index, board) = self.board_mut(step)?;
        let (lane, at) = board
            .find(card)
            .ok_or_else(|| ReduceError::NoCard(card, step.to_string()))?;
        let removed: Card = board.lanes[lane].cards.remove(at);
        board.lane_of.remove(&removed.id);
        let lane_id = self.lane_id(index, lane);
        let slot = position.unwrap_or(self.parked.len()).min(self.parked.len());
        self.parked.insert(
            slot,
            Parked {
                card: removed,
                step: step.to_string(),
                lane: lane_id,
            },
        );
        Ok(vec![Change::CardUnparked {
            card,
            position: Some(at),
        }])
    }

    /// Takes a card out of the parking lot, back onto its lane at `position`.
    pub(super) fn unpark(&mut self, card: CardId, position: Option<usize>) -> Result<Vec<Change>> {
        let slot = self
            .parked
            .iter()
            .position(|p| p.card.id == card)
            .ok_or(ReduceError::NotParked(card))?;
        let (step, lane) = {
            let parked = &self.parked[slot];
            (parked.step.clone(), parked.lane.clone())
        };
        let lane_index = self.board_lane(&step, &lane)?.2;
        let parked = self.parked.remove(slot);
        let (_, board) = self.board_mut(&step)?;
        board.lane_of.insert(card, lane_index);
        let cards = &mut board.lanes[lane_index].cards;
        let at = position.unwrap_or(cards.len()).min(cards.len());
        cards.insert(at, parked.card);
        Ok(vec![Change::CardParked {
            step,
            card,
            position: Some(slot),
        }])
    }

    /// The agreement step a card of step `from` becomes an action in: the first agreement
    /// step after it, else the last one before it.
    pub fn action_step_for(&self, from: usize) -> Option<usize> {
        let is_agreement = |i: &usize| {
            matches!(
                self.scenario.steps.get(*i).map(|s| &s.kind),
                Some(StepKind::Agreement(_))
            )
        };
        (from + 1..self.scenario.steps.len())
            .find(is_agreement)
            .or_else(|| (0..from).rev().find(is_agreement))
    }

    /// The change that turns a card into an action (commitment `id`): its text as what,
    /// its party as the first owner, linked to the card, which stays where it is and
    /// reads as an action from then on ([`SessionState::action_of_card`]).
    pub fn action_from_card(&self, card: CardId, id: u32) -> Result<Change> {
        let (step_index, found) = self
            .steps
            .iter()
            .enumerate()
            .find_map(|(i, s)| match s {
                StepState::Board(b) => b.card(card).map(|c| (i, c)),
                _ => None,
            })
            .or_else(|| {
                let parked = self.parked.iter().find(|p| p.card.id == card)?;
                Some((self.scenario.step_index(&parked.step)?, &parked.card))
            })
            .ok_or_else(|| ReduceError::NoCard(card, String::new()))?;
        if self.action_of_card(card).is_some() {
            return Err(ReduceError::AlreadyAction(card));
        }
        let target = self
            .action_step_for(step_index)
            .ok_or(ReduceError::NoAgreementStep)?;
        Ok(Change::CommitmentAdded {
            step: self.scenario.steps[target].id.clone(),
            commitment: Commitment {
                id,
                what: found.text.clone(),
                owners: found.party.iter().cloned().map(Owner::Party).collect(),
                from: Some(Source::Card(card)),
                ..Commitment::default()
            },
            position: None,
        })
    }

    /// The cards an agreement step offers as actions to start from (its `offers` board),
    /// leaving out those that are actions already.
    pub fn offered_cards(&self, step: usize) -> Vec<&Card> {
        let Some(StepKind::Agreement(spec)) = self.scenario.steps.get(step).map(|s| &s.kind) else {
            return Vec::new();
        };
        let Some(board) = spec
            .offers
            .as_deref()
            .and_then(|id| self.scenario.step_index(id))
            .and_then(|i| self.board(i))
        else {
            return Vec::new();
        };
        board
            .cards()
            .filter(|c| self.action_of_card(c.id).is_none())
            .collect()
    }
}

#[cfg(test)]
#[path = "actions_tests.rs"]
mod tests;
