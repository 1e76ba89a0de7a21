//! Lookups and checks the reducer uses before it changes anything.

use super::endorser::Endorser;
use super::error::ReduceError;
use super::scenario::{Endorsers, MatrixSpec, Scenario, StepKind, VoteTargets};
use super::state::{
    AgreementState, BoardState, Card, CardId, MatrixState, Participant, RowRef, SessionState,
    StepState, VoteState, VoteTarget,
};

type Result<T> = std::result::Result<T, ReduceError>;

/// The index and the spec of matrix step `step` of a scenario.
pub(super) fn matrix_spec<'s>(
    scenario: &'s Scenario,
    step: &str,
) -> Result<(usize, &'s MatrixSpec)> {
    let index = scenario
        .step_index(step)
        .ok_or_else(|| ReduceError::NoStep(step.to_string()))?;
    match &scenario.steps[index].kind {
        StepKind::Matrix(spec) => Ok((index, spec)),
        _ => Err(ReduceError::WrongKind(step.to_string(), "matrix")),
    }
}

impl SessionState {
    /// The index of a step by id.
    pub fn step_index(&self, step: &str) -> Result<usize> {
        self.scenario
            .step_index(step)
            .ok_or_else(|| ReduceError::NoStep(step.to_string()))
    }

    pub(super) fn board_mut(&mut self, step: &str) -> Result<(usize, &mut BoardState)> {
        let index = self.step_index(step)?;
        match &mut self.steps[index] {
            StepState::Board(b) => Ok((index, b)),
            _ => Err(ReduceError::WrongKind(step.to_string(), "board")),
        }
    }

    pub(super) fn board_lane(
        &mut self,
        step: &str,
        lane: &str,
    ) -> Result<(usize, &mut BoardState, usize)> {
        let index = self.step_index(step)?;
        let lane_index = match &self.scenario.steps[index].kind {
            StepKind::Board(spec) => spec.lanes.iter().position(|l| l.id == lane),
            _ => return Err(ReduceError::WrongKind(step.to_string(), "board")),
        }
        .ok_or_else(|| ReduceError::NoLane(lane.to_string(), step.to_string()))?;
        let (_, board) = self.board_mut(step)?;
        Ok((index, board, lane_index))
    }

    pub(super) fn lane_id(&self, step: usize, lane: usize) -> String {
        match &self.scenario.steps[step].kind {
            StepKind::Board(spec) => spec.lanes[lane].id.clone(),
            _ => String::new(),
        }
    }

    pub(super) fn card_mut(&mut self, step: &str, card: CardId) -> Result<&mut Card> {
        let (_, board) = self.board_mut(step)?;
        let (l, p) = board
            .find(card)
            .ok_or_else(|| ReduceError::NoCard(card, step.to_string()))?;
        Ok(&mut board.lanes[l].cards[p])
    }

    pub(super) fn card_exists(&self, card: CardId) -> bool {
        // Every card's id is below `next_id`: a new id (the usual case) needs no search,
        // so a log of 100,000 cards folds in linear time.
        if card >= self.next_id {
            return false;
        }
        self.steps.iter().any(|s| match s {
            StepState::Board(b) => b.find(card).is_some(),
            _ => false,
        }) || self.parked.iter().any(|p| p.card.id == card)
    }

    pub(super) fn commitment_exists(&self, id: u32) -> bool {
        // As with cards: a new id needs no search.
        if id >= self.next_id {
            return false;
        }
        self.steps.iter().any(|s| match s {
            StepState::Agreement(a) => a.commitments.iter().any(|c| c.id == id),
            _ => false,
        })
    }

    pub(super) fn participant_mut(&mut self, id: u32) -> Result<&mut Participant> {
        self.participants
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(ReduceError::NoParticipant(id))
    }

    pub(super) fn check_party(&self, party: Option<&str>) -> Result<()> {
        match party {
            Some(p) if !self.scenario.parties().iter().any(|q| q.id == p) => {
                Err(ReduceError::NoParty(p.to_string()))
            }
            _ => Ok(()),
        }
    }

    pub(super) fn vote_mut(&mut self, step: &str) -> Result<(usize, &mut VoteState, ())> {
        let index = self.step_index(step)?;
        match &mut self.steps[index] {
            StepState::Vote(v) => Ok((index, v, ())),
            _ => Err(ReduceError::WrongKind(step.to_string(), "vote")),
        }
    }

    /// How many dots a vote step has in all: voters times dots per voter.
    pub fn dot_capacity(&self, step: &str) -> Result<u32> {
        let index = self.step_index(step)?;
        let (StepKind::Vote(spec), StepState::Vote(vote)) =
            (&self.scenario.steps[index].kind, &self.steps[index])
        else {
            return Err(ReduceError::WrongKind(step.to_string(), "vote"));
        };
        let voters = vote.voters.unwrap_or_else(|| self.present_count());
        Ok(voters.saturating_mul(spec.dots))
    }

    pub(super) fn check_target(&self, step: &str, target: &VoteTarget) -> Result<()> {
        let index = self.step_index(step)?;
        let StepKind::Vote(spec) = &self.scenario.steps[index].kind else {
            return Err(ReduceError::WrongKind(step.to_string(), "vote"));
        };
        let source = self.step_index(&spec.on)?;
        let board = self
            .board(source)
            .ok_or_else(|| ReduceError::WrongKind(spec.on.clone(), "board"))?;
        let found = match (target, spec.targets) {
            (VoteTarget::Card(id), _) => board.find(*id).is_some(),
            (VoteTarget::Theme(name), VoteTargets::Themes) => {
                board.cards().any(|c| c.theme.as_deref() == Some(name))
            }
            (VoteTarget::Theme(_), VoteTargets::Cards) => false,
        };
        if found {
            Ok(())
        } else {
            Err(ReduceError::NoTarget(step.to_string()))
        }
    }

    pub(super) fn matrix_mut(&mut self, index: usize, step: &str) -> Result<&mut MatrixState> {
        match &mut self.steps[index] {
            StepState::Matrix(m) => Ok(m),
            _ => Err(ReduceError::WrongKind(step.to_string(), "matrix")),
        }
    }

    pub(super) fn check_cell(
        &self,
        spec: &MatrixSpec,
        step: &str,
        row: &RowRef,
        column: &str,
    ) -> Result<()> {
        if !spec.columns.iter().any(|c| c.id == column) {
            return Err(ReduceError::NoColumn(column.to_string(), step.to_string()));
        }
        let row_ok = match row {
            RowRef::Row(id) => spec.rows.iter().any(|r| &r.id == id),
            RowRef::Card(card) => spec
                .rows_from
                .as_deref()
                .and_then(|from| self.scenario.step_index(from))
                .and_then(|i| self.board(i))
                .is_some_and(|b| b.find(*card).is_some()),
        };
        if row_ok {
            Ok(())
        } else {
            Err(ReduceError::NoRow(step.to_string()))
        }
    }

    pub(super) fn agreement_mut(&mut self, step: &str) -> Result<&mut AgreementState> {
        let index = self.step_index(step)?;
        match &mut self.steps[index] {
            StepState::Agreement(a) => Ok(a),
            _ => Err(ReduceError::WrongKind(step.to_string(), "agreement")),
        }
    }

    pub(super) fn check_endorsement(
        &self,
        step: &str,
        item: &str,
        endorser: &Endorser,
    ) -> Result<()> {
        let index = self.step_index(step)?;
        let StepKind::Agreement(spec) = &self.scenario.steps[index].kind else {
            return Err(ReduceError::WrongKind(step.to_string(), "agreement"));
        };
        let commitment = super::tally::commitment_of(item).is_some_and(|id| {
            matches!(&self.steps[index], StepState::Agreement(a)
                if a.commitments.iter().any(|c| c.id == id))
        });
        let item_ok = (item == "statement" && spec.statement.is_some())
            || spec.principles.iter().any(|p| p.id == item)
            || commitment;
        if !item_ok {
            return Err(ReduceError::NoItem(item.to_string(), step.to_string()));
        }
        let endorser_ok = match spec.endorse_by {
            Endorsers::Parties => endorser.party(self.scenario.parties()).is_some(),
            Endorsers::Participants => match endorser {
                Endorser::Participant(id) => self.participants.iter().any(|p| p.id == *id),
                Endorser::Device(id) => self.room.devices.contains_key(id),
                Endorser::Party(_) => false,
            },
        };
        if endorser_ok {
            Ok(())
        } else {
            Err(ReduceError::NoEndorser(endorser.key().into_owned()))
        }
    }
}
