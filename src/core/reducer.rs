//! The one reducer: folds an event into the session state. Live capture, undo, reopening
//! and replay all go through [`SessionState::apply`], so they agree by construction.
//!
//! Every content change returns its inverse, which is kept in the state's undo history;
//! an undo is itself an event that applies that inverse.

use jiff::Timestamp;

use super::error::ReduceError;
use super::event::{Change, Event};
use super::scenario::StepKind;
use super::state::{Card, Participant, SessionState, StepState};

type Result<T> = std::result::Result<T, ReduceError>;

/// Where an item goes in a list of `len`: the given position, or the end. A position past
/// the end is refused: samenspel never writes one, so it can only come from a hand-edited
/// or hostile file, which `check` should then name.
fn within(position: Option<usize>, len: usize) -> Result<usize> {
    match position {
        None => Ok(len),
        Some(p) if p <= len => Ok(p),
        Some(p) => Err(ReduceError::PastTheEnd(p, len)),
    }
}

impl SessionState {
    /// Folds one event into the state. On error nothing changes.
    pub fn apply(&mut self, event: &Event) -> Result<()> {
        self.apply_kept(event, true)
    }

    /// As [`SessionState::apply`]; with `kept` false the inverse of a content change is
    /// not built (an empty group holds its place in the undo history), for a fold that
    /// knows no undo will ever reach it ([`super::fold::reached`]).
    pub(super) fn apply_kept(&mut self, event: &Event, kept: bool) -> Result<()> {
        match &event.origin {
            None => self.apply_change(&event.change, event.at, kept)?,
            // A phone's change: the room's rules (super::room), outside the undo history.
            Some(origin) => self.apply_from_device(&event.change, origin)?,
        }
        self.applied += 1;
        Ok(())
    }

    fn apply_change(&mut self, change: &Change, at: Timestamp, kept: bool) -> Result<()> {
        match change {
            Change::Undo => {
                let inverse = self.undo.last().ok_or(ReduceError::NothingToUndo)?.clone();
                let redo = self.apply_all(&inverse)?;
                self.undo.pop();
                self.redo.push(redo);
            }
            Change::Redo => {
                let again = self.redo.last().ok_or(ReduceError::NothingToRedo)?.clone();
                let inverse = self.apply_all(&again)?;
                self.redo.pop();
                self.undo.push(inverse);
            }
            Change::StepOpened { step } => self.current = self.step_index(step)?,
            Change::TimerStarted { step } => {
                let index = self.step_index(step)?;
                let timer = &mut self.timers[index];
                if timer.running_since.is_some() {
                    return Err(ReduceError::TimerRunning(step.clone()));
                }
                timer.running_since = Some(at);
            }
            Change::TimerPaused { step } => {
                let index = self.step_index(step)?;
                let timer = &mut self.timers[index];
                let since = timer
                    .running_since
                    .take()
                    .ok_or_else(|| ReduceError::TimerStopped(step.clone()))?;
                // Saturating: a hand-edited log must not overflow the sum.
                timer.elapsed_ms = timer
                    .elapsed_ms
                    .saturating_add((at.as_millisecond() - since.as_millisecond()).max(0));
            }
            Change::TimerSet { step, minutes } => {
                let index = self.step_index(step)?;
                let timer = &mut self.timers[index];
                timer.minutes = Some(*minutes);
                timer.elapsed_ms = 0;
                if timer.running_since.is_some() {
                    timer.running_since = Some(at);
                }
            }
            content => {
                let inverse = self.content(content, kept)?;
                if kept {
                    self.undo.push(inverse);
                } else {
                    self.undo.push_blank();
                }
                self.redo.clear();
            }
        }
        Ok(())
    }

    /// Applies a group of changes as one; on error undoes the ones already applied.
    pub(super) fn apply_all(&mut self, changes: &[Change]) -> Result<Vec<Change>> {
        let mut inverses: Vec<Vec<Change>> = Vec::with_capacity(changes.len());
        for change in changes {
            match self.apply_content(change) {
                Ok(inverse) => inverses.push(inverse),
                Err(e) => {
                    for inverse in inverses.iter().rev() {
                        for c in inverse {
                            // Re-applying an inverse that was just produced cannot fail.
                            let _ = self.apply_content(c);
                        }
                    }
                    return Err(e);
                }
            }
        }
        Ok(inverses.into_iter().rev().flatten().collect())
    }

    /// Applies one content change and returns the changes that revert it.
    pub(super) fn apply_content(&mut self, change: &Change) -> Result<Vec<Change>> {
        self.content(change, true)
    }

    /// Applies one content change; returns the changes that revert it when `kept`, else
    /// (for the kinds a long log is made of) nothing.
    fn content(&mut self, change: &Change, kept: bool) -> Result<Vec<Change>> {
        // The newer kinds of step keep their rules in their own modules.
        if let Some(done) = self
            .apply_grid(change)
            .or_else(|| self.apply_consent(change))
            .or_else(|| self.apply_poll(change))
        {
            return done;
        }
        match change {
            Change::CardAdded {
                step,
                lane,
                card,
                text,
                party,
                theme,
                position,
            } => {
                self.check_party(party.as_deref())?;
                if self.card_exists(*card) {
                    return Err(ReduceError::CardExists(*card));
                }
                let (_, board, lane_index) = self.board_lane(step, lane)?;
                let cards = &board.lanes[lane_index].cards;
                let at = within(*position, cards.len())?;
                board.lane_of.insert(*card, lane_index);
                let cards = &mut board.lanes[lane_index].cards;
                cards.insert(
                    at,
                    Card {
                        id: *card,
                        text: text.clone(),
                        party: party.clone(),
                        theme: theme.clone(),
                    },
                );
                self.next_id = self.next_id.max(card.saturating_add(1));
                if !kept {
                    return Ok(Vec::new());
                }
                Ok(vec![Change::CardDeleted {
                    step: step.clone(),
                    card: *card,
                }])
            }
            Change::CardDeleted { step, card } => {
                let (index, board) = self.board_mut(step)?;
                let (lane, position) = board
                    .find(*card)
                    .ok_or_else(|| ReduceError::NoCard(*card, step.clone()))?;
                let removed = board.lanes[lane].cards.remove(position);
                board.lane_of.remove(&removed.id);
                if !kept {
                    return Ok(Vec::new());
                }
                let lane_id = self.lane_id(index, lane);
                Ok(vec![Change::CardAdded {
                    step: step.clone(),
                    lane: lane_id,
                    card: removed.id,
                    text: removed.text,
                    party: removed.party,
                    theme: removed.theme,
                    position: Some(position),
                }])
            }
            Change::CardEdited { step, card, text } => {
                let old = std::mem::replace(&mut self.card_mut(step, *card)?.text, text.clone());
                if !kept {
                    return Ok(Vec::new());
                }
                Ok(vec![Change::CardEdited {
                    step: step.clone(),
                    card: *card,
                    text: old,
                }])
            }
            Change::CardTagged { step, card, party } => {
                self.check_party(party.as_deref())?;
                let old = std::mem::replace(&mut self.card_mut(step, *card)?.party, party.clone());
                if !kept {
                    return Ok(Vec::new());
                }
                Ok(vec![Change::CardTagged {
                    step: step.clone(),
                    card: *card,
                    party: old,
                }])
            }
            Change::CardMoved {
                step,
                card,
                lane,
                position,
            } => {
                let (index, board, to_lane) = self.board_lane(step, lane)?;
                let (from_lane, from_pos) = board
                    .find(*card)
                    .ok_or_else(|| ReduceError::NoCard(*card, step.clone()))?;
                // The places in the lane once the card has left it.
                let room = board.lanes[to_lane].cards.len() - usize::from(from_lane == to_lane);
                let at = within(Some(*position), room)?;
                let moved = board.lanes[from_lane].cards.remove(from_pos);
                board.lane_of.insert(moved.id, to_lane);
                board.lanes[to_lane].cards.insert(at, moved);
                if !kept {
                    return Ok(Vec::new());
                }
                let from_id = self.lane_id(index, from_lane);
                Ok(vec![Change::CardMoved {
                    step: step.clone(),
                    card: *card,
                    lane: from_id,
                    position: from_pos,
                }])
            }
            Change::ThemeSet { step, cards, theme } => {
                let (_, board) = self.board_mut(step)?;
                if let Some(missing) = cards.iter().find(|c| board.find(**c).is_none()) {
                    return Err(ReduceError::NoCard(*missing, step.clone()));
                }
                let mut inverse: Vec<Change> = Vec::new();
                for id in cards {
                    if let Some((l, p)) = board.find(*id) {
                        let card = &mut board.lanes[l].cards[p];
                        let old = std::mem::replace(&mut card.theme, theme.clone());
                        if !kept {
                            continue;
                        }
                        match inverse.iter_mut().find_map(|c| match c {
                            Change::ThemeSet { cards, theme, .. } if *theme == old => Some(cards),
                            _ => None,
                        }) {
                            Some(group) => group.push(*id),
                            None => inverse.push(Change::ThemeSet {
                                step: step.clone(),
                                cards: vec![*id],
                                theme: old,
                            }),
                        }
                    }
                }
                Ok(inverse)
            }
            Change::ParticipantAdded { participant } => {
                self.check_party(participant.party.as_deref())?;
                if self.participants.iter().any(|p| p.id == participant.id) {
                    return Err(ReduceError::ParticipantExists(participant.id));
                }
                let at = self.participants.partition_point(|p| p.id < participant.id);
                self.participants.insert(at, participant.clone());
                self.next_id = self.next_id.max(participant.id.saturating_add(1));
                Ok(vec![Change::ParticipantRemoved { id: participant.id }])
            }
            Change::ParticipantEdited { participant } => {
                self.check_party(participant.party.as_deref())?;
                let slot = self.participant_mut(participant.id)?;
                let old = std::mem::replace(slot, participant.clone());
                Ok(vec![Change::ParticipantEdited { participant: old }])
            }
            Change::ParticipantRemoved { id } => {
                let at = self
                    .participants
                    .iter()
                    .position(|p| p.id == *id)
                    .ok_or(ReduceError::NoParticipant(*id))?;
                let removed: Participant = self.participants.remove(at);
                Ok(vec![Change::ParticipantAdded {
                    participant: removed,
                }])
            }
            Change::VotersSet { step, voters } => {
                let (_, vote, _) = self.vote_mut(step)?;
                let old = std::mem::replace(&mut vote.voters, *voters);
                Ok(vec![Change::VotersSet {
                    step: step.clone(),
                    voters: old,
                }])
            }
            Change::DotAdded { step, target } => {
                self.check_target(step, target)?;
                let capacity = self.dot_capacity(step)?;
                let (_, vote, _) = self.vote_mut(step)?;
                let used: u32 = vote.dots.values().sum();
                if used >= capacity {
                    return Err(ReduceError::NoDotsLeft(step.clone()));
                }
                *vote.dots.entry(target.clone()).or_insert(0) += 1;
                Ok(vec![Change::DotRemoved {
                    step: step.clone(),
                    target: target.clone(),
                }])
            }
            Change::DotRemoved { step, target } => {
                let (_, vote, _) = self.vote_mut(step)?;
                // The dots phones placed are theirs to take back.
                let held = vote.device_held(target);
                match vote.dots.get_mut(target) {
                    Some(n) if *n <= held => return Err(ReduceError::NoDot(step.clone())),
                    Some(n) if *n > 1 => *n -= 1,
                    Some(_) => {
                        vote.dots.remove(target);
                    }
                    None => return Err(ReduceError::NoDot(step.clone())),
                }
                Ok(vec![Change::DotAdded {
                    step: step.clone(),
                    target: target.clone(),
                }])
            }
            Change::VoteRevealed { step, revealed } => {
                let (_, vote, _) = self.vote_mut(step)?;
                let old = std::mem::replace(&mut vote.revealed, *revealed);
                Ok(vec![Change::VoteRevealed {
                    step: step.clone(),
                    revealed: old,
                }])
            }
            Change::CellSet { .. } | Change::CellNoted { .. } => self.apply_cell(change, kept),
            Change::CommitmentAdded {
                step,
                commitment,
                position,
            } => {
                if self.commitment_exists(commitment.id) {
                    return Err(ReduceError::CommitmentExists(commitment.id));
                }
                self.check_commitment(step, commitment)?;
                let agreement = self.agreement_mut(step)?;
                let list = &mut agreement.commitments;
                let at = within(*position, list.len())?;
                list.insert(at, commitment.clone());
                self.next_id = self.next_id.max(commitment.id.saturating_add(1));
                Ok(vec![Change::CommitmentRemoved {
                    step: step.clone(),
                    id: commitment.id,
                }])
            }
            Change::CommitmentEdited { step, commitment } => {
                self.check_commitment(step, commitment)?;
                let agreement = self.agreement_mut(step)?;
                let slot = agreement
                    .commitments
                    .iter_mut()
                    .find(|c| c.id == commitment.id)
                    .ok_or_else(|| ReduceError::NoCommitment(commitment.id, step.clone()))?;
                let old = std::mem::replace(slot, commitment.clone());
                if !kept {
                    return Ok(Vec::new());
                }
                Ok(vec![Change::CommitmentEdited {
                    step: step.clone(),
                    commitment: old,
                }])
            }
            Change::CommitmentRemoved { step, id } => {
                let agreement = self.agreement_mut(step)?;
                let at = agreement
                    .commitments
                    .iter()
                    .position(|c| c.id == *id)
                    .ok_or_else(|| ReduceError::NoCommitment(*id, step.clone()))?;
                let removed = agreement.commitments.remove(at);
                Ok(vec![Change::CommitmentAdded {
                    step: step.clone(),
                    commitment: removed,
                    position: Some(at),
                }])
            }
            Change::EndorsementSet {
                step,
                item,
                endorser,
                endorsed,
            } => {
                self.check_endorsement(step, item, endorser)?;
                let agreement = self.agreement_mut(step)?;
                let set = agreement.endorsements.entry(item.clone()).or_default();
                let old = if *endorsed {
                    !set.insert(endorser.clone())
                } else {
                    set.remove(endorser)
                };
                if set.is_empty() {
                    agreement.endorsements.remove(item);
                }
                Ok(vec![Change::EndorsementSet {
                    step: step.clone(),
                    item: item.clone(),
                    endorser: endorser.clone(),
                    endorsed: old,
                }])
            }
            Change::ReviewMarked { step, item, status } => {
                let index = self.step_index(step)?;
                let known = match &self.scenario.steps[index].kind {
                    StepKind::Review(spec) => spec.items.iter().any(|i| &i.id == item),
                    _ => return Err(ReduceError::WrongKind(step.clone(), "review")),
                };
                if !known {
                    return Err(ReduceError::NoReviewItem(item.clone(), step.clone()));
                }
                let StepState::Review(review) = &mut self.steps[index] else {
                    return Err(ReduceError::WrongKind(step.clone(), "review"));
                };
                let old = match status {
                    Some(s) => review.marks.insert(item.clone(), *s),
                    None => review.marks.remove(item),
                };
                Ok(vec![Change::ReviewMarked {
                    step: step.clone(),
                    item: item.clone(),
                    status: old,
                }])
            }
            Change::DeviceRemoved { .. }
            | Change::DeviceReadmitted { .. }
            | Change::ProposalAccepted { .. }
            | Change::ProposalsAccepted { .. }
            | Change::ProposalRejected { .. }
            | Change::ProposalReopened { .. }
            | Change::InboxSet { .. } => self.apply_room(change),
            Change::DeviceJoined { .. }
            | Change::CardProposed { .. }
            | Change::CommitmentProposed { .. } => Err(ReduceError::DeviceOnly),
            Change::Group { changes } => {
                let fits = !changes.is_empty()
                    && changes
                        .iter()
                        .all(|c| c.is_content() && !matches!(c, Change::Group { .. }));
                if !fits {
                    return Err(ReduceError::BadGroup);
                }
                // Refused whole: the state as it was, ids included.
                let before = self.clone();
                self.apply_all(changes).inspect_err(|_| *self = before)
            }
            Change::CardParked {
                step,
                card,
                position,
            } => self.park(step, *card, *position),
            Change::CardUnparked { card, position } => self.unpark(*card, *position),
            Change::StepOpened { .. }
            | Change::TimerStarted { .. }
            | Change::TimerPaused { .. }
            | Change::TimerSet { .. }
            | Change::Undo
            | Change::Redo => Err(ReduceError::NotContent),
            // Applied above.
            Change::GridPlaced { .. }
            | Change::GridNoted { .. }
            | Change::GridItemAdded { .. }
            | Change::GridItemEdited { .. }
            | Change::GridItemRemoved { .. }
            | Change::ConsentPhaseSet { .. }
            | Change::ConsentSaid { .. }
            | Change::ConsentPositionSet { .. }
            | Change::ConsentAmended { .. }
            | Change::ConsentAmendmentWithdrawn { .. }
            | Change::ConsentDecided { .. }
            | Change::PollAnswered { .. }
            | Change::PollCounted { .. }
            | Change::PollRevealed { .. }
            | Change::PollStatementAdded { .. }
            | Change::PollStatementRemoved { .. } => Err(ReduceError::NotContent),
        }
    }
}

/// Folds a whole log from a state. Returns the index of the first bad event on error.
///
/// The same state as applying the events one by one, undo history included, but the
/// inverses that no undo will ever reach are not built: of a long log only those still
/// on the undo stack at the end are (and those an undo in the log applies).
pub fn fold(
    mut state: SessionState,
    events: &[Event],
) -> std::result::Result<SessionState, (usize, ReduceError)> {
    let kept = super::fold::reached(state.undo.len(), state.redo.len(), events);
    for (i, event) in events.iter().enumerate() {
        let keep = kept.get(i).copied().unwrap_or(true);
        state.apply_kept(event, keep).map_err(|e| (i, e))?;
    }
    Ok(state)
}
