//! The reducer's rules for the room: a phone's own changes (joining, proposing, its dots
//! and endorsements), and the facilitator's room changes with their inverses.

use super::{
    Device, EventOrigin, KEY_CHARS, MAX_DEVICES, MAX_NAME_CHARS, MAX_TEXT_CHARS, Proposal,
    ProposalStatus, Proposed,
};
use crate::core::clean::one_line;
use crate::core::endorser::Endorser;
use crate::core::error::ReduceError;
use crate::core::event::Change;
use crate::core::scenario::{Endorsers, StepKind};
use crate::core::state::{Card, Commitment, SessionState, StepState};

type Result<T> = std::result::Result<T, ReduceError>;

fn check_key(key: &str) -> Result<()> {
    let ok = KEY_CHARS.contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok { Ok(()) } else { Err(ReduceError::BadKey) }
}

/// Checks a text from a phone: one clean line, not empty (unless `may_be_empty`), at most
/// `max` characters.
fn check_text(text: &str, max: usize, may_be_empty: bool) -> Result<()> {
    if text != one_line(text) {
        return Err(ReduceError::UncleanText);
    }
    if text.is_empty() && !may_be_empty {
        return Err(ReduceError::EmptyText);
    }
    if text.chars().count() > max {
        return Err(ReduceError::TooLong(max));
    }
    Ok(())
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

impl SessionState {
    /// The people counted as present: participants marked present and devices that can
    /// send (a phone in the room is someone in the room).
    pub fn present_count(&self) -> u32 {
        (self.present().count() + self.room.active().count()) as u32
    }

    /// Applies a change a phone made. Phones' changes are never on the undo history.
    pub(crate) fn apply_from_device(
        &mut self,
        change: &Change,
        origin: &EventOrigin,
    ) -> Result<()> {
        check_key(&origin.key)?;
        if let Some(index) = self.room.used_key(&origin.key) {
            return Err(ReduceError::Duplicate(index));
        }
        if let Change::DeviceJoined {
            device,
            name,
            party,
            secret,
        } = change
        {
            self.join(*device, name, party, secret, origin.device)?;
        } else if origin.device == crate::core::poll::ANONYMOUS_DEVICE {
            // An answer to a poll that keeps only counts, recorded without the phone.
            self.apply_anonymous(change)?;
        } else {
            self.active_device(origin.device)?;
            self.apply_device_change(change, origin.device)?;
        }
        self.room.keys.insert(origin.key.clone(), self.applied);
        Ok(())
    }

    fn join(
        &mut self,
        device: u32,
        name: &Option<String>,
        party: &Option<String>,
        secret: &str,
        origin: u32,
    ) -> Result<()> {
        if device != origin {
            return Err(ReduceError::NotYours);
        }
        if self.room.devices.contains_key(&device) {
            return Err(ReduceError::DeviceExists(device));
        }
        if self.room.devices.len() >= MAX_DEVICES {
            return Err(ReduceError::RoomFull(MAX_DEVICES));
        }
        if let Some(n) = name {
            check_text(n, MAX_NAME_CHARS, false)?;
        }
        self.check_party(party.as_deref())?;
        if !is_sha256_hex(secret) {
            return Err(ReduceError::BadSecret);
        }
        self.room.devices.insert(
            device,
            Device {
                id: device,
                name: name.clone(),
                party: party.clone(),
                secret: secret.to_string(),
                removed: false,
            },
        );
        Ok(())
    }

    fn active_device(&self, device: u32) -> Result<&Device> {
        match self.room.devices.get(&device) {
            None => Err(ReduceError::NoDevice(device)),
            Some(d) if d.removed => Err(ReduceError::DeviceRemoved(device)),
            Some(d) => Ok(d),
        }
    }

    fn fresh_proposal(&self, id: u32) -> Result<()> {
        if self.room.proposals.contains_key(&id)
            || self.card_exists(id)
            || self.commitment_exists(id)
        {
            return Err(ReduceError::ProposalExists(id));
        }
        Ok(())
    }

    fn apply_device_change(&mut self, change: &Change, device: u32) -> Result<()> {
        match change {
            Change::CardProposed {
                step,
                lane,
                proposal,
                text,
                party,
            } => {
                check_text(text, MAX_TEXT_CHARS, false)?;
                self.check_party(party.as_deref())?;
                self.fresh_proposal(*proposal)?;
                self.board_lane(step, lane)?;
                self.propose(
                    *proposal,
                    step,
                    device,
                    Proposed::Card {
                        lane: lane.clone(),
                        text: text.clone(),
                        party: party.clone(),
                    },
                )
            }
            Change::CommitmentProposed {
                step,
                proposal,
                what,
                who,
                when,
            } => {
                check_text(what, MAX_TEXT_CHARS, false)?;
                check_text(who, MAX_NAME_CHARS, true)?;
                check_text(when, MAX_NAME_CHARS, true)?;
                self.fresh_proposal(*proposal)?;
                self.agreement_mut(step)?;
                self.propose(
                    *proposal,
                    step,
                    device,
                    Proposed::Commitment {
                        what: what.clone(),
                        who: who.clone(),
                        when: when.clone(),
                    },
                )
            }
            Change::DotAdded { step, target } => {
                let index = self.step_index(step)?;
                let per_device = match &self.scenario.steps[index].kind {
                    StepKind::Vote(spec) => spec.dots,
                    _ => return Err(ReduceError::WrongKind(step.clone(), "vote")),
                };
                let (_, vote, _) = self.vote_mut(step)?;
                if vote.revealed {
                    return Err(ReduceError::VoteClosed(step.clone()));
                }
                let mine: u32 = vote.by_device.get(&device).map_or(0, |d| d.values().sum());
                if mine >= per_device {
                    return Err(ReduceError::NoDotsLeft(step.clone()));
                }
                self.apply_content(change)?;
                let (_, vote, _) = self.vote_mut(step)?;
                let mine = vote.by_device.entry(device).or_default();
                *mine.entry(target.clone()).or_insert(0) += 1;
                Ok(())
            }
            Change::DotRemoved { step, target } => {
                let (_, vote, _) = self.vote_mut(step)?;
                if vote.revealed {
                    return Err(ReduceError::VoteClosed(step.clone()));
                }
                let Some(mine) = vote.by_device.get_mut(&device) else {
                    return Err(ReduceError::NoDot(step.clone()));
                };
                match mine.get_mut(target) {
                    Some(n) if *n > 1 => *n -= 1,
                    Some(_) => {
                        mine.remove(target);
                    }
                    None => return Err(ReduceError::NoDot(step.clone())),
                }
                if mine.is_empty() {
                    vote.by_device.remove(&device);
                }
                match vote.dots.get_mut(target) {
                    Some(n) if *n > 1 => *n -= 1,
                    _ => {
                        vote.dots.remove(target);
                    }
                }
                Ok(())
            }
            Change::EndorsementSet { step, endorser, .. } => {
                self.check_device_endorser(step, endorser, device)?;
                self.apply_content(change).map(|_| ())
            }
            Change::ConsentPositionSet { step, member, .. } => {
                self.check_device_member(step, member, device)?;
                self.apply_content(change).map(|_| ())
            }
            Change::PollAnswered {
                step,
                statement,
                respondent,
                ..
            } => {
                if *respondent != Endorser::Device(device) {
                    return Err(ReduceError::NotYours);
                }
                if self.poll_closed(step, statement) {
                    return Err(ReduceError::StatementClosed);
                }
                self.apply_content(change).map(|_| ())
            }
            _ => Err(ReduceError::NotFromDevice),
        }
    }

    /// A phone's answer to a poll that keeps only counts: one more of that answer, held by
    /// the room (the facilitator takes off only the others).
    fn apply_anonymous(&mut self, change: &Change) -> Result<()> {
        match change {
            Change::PollCounted {
                step,
                statement,
                answer,
                added: true,
            } => {
                if self.poll_closed(step, statement) {
                    return Err(ReduceError::StatementClosed);
                }
                self.poll_counted(step, statement, *answer, true, true)
                    .map(|_| ())
            }
            _ => Err(ReduceError::NotFromDevice),
        }
    }

    /// Whether `device` may give the position of `member` in consent step `step`: its own
    /// when participants take part, its party's when parties do.
    fn check_device_member(&self, step: &str, member: &Endorser, device: u32) -> Result<()> {
        let index = self.step_index(step)?;
        let StepKind::Consent(spec) = &self.scenario.steps[index].kind else {
            return Err(ReduceError::WrongKind(step.to_string(), "consent"));
        };
        let parties = self.scenario.parties();
        let own = match spec.by {
            Endorsers::Participants => member.device(parties) == Some(device),
            Endorsers::Parties => {
                let party = member.party(parties).map(|p| p.id.as_str());
                party.is_some() && self.active_device(device)?.party.as_deref() == party
            }
        };
        if own {
            Ok(())
        } else {
            Err(ReduceError::NotYours)
        }
    }

    /// Whether `device` may set `endorser` in agreement step `step`: itself when
    /// participants endorse, its own party when parties do.
    fn check_device_endorser(&self, step: &str, endorser: &Endorser, device: u32) -> Result<()> {
        let index = self.step_index(step)?;
        let StepKind::Agreement(spec) = &self.scenario.steps[index].kind else {
            return Err(ReduceError::WrongKind(step.to_string(), "agreement"));
        };
        let own = match spec.endorse_by {
            Endorsers::Participants => endorser.device(self.scenario.parties()) == Some(device),
            Endorsers::Parties => {
                let party = endorser
                    .party(self.scenario.parties())
                    .map(|p| p.id.as_str());
                party.is_some() && self.active_device(device)?.party.as_deref() == party
            }
        };
        if own {
            Ok(())
        } else {
            Err(ReduceError::NotYours)
        }
    }

    fn propose(&mut self, id: u32, step: &str, device: u32, content: Proposed) -> Result<()> {
        self.room.proposals.insert(
            id,
            Proposal {
                id,
                step: step.to_string(),
                device,
                content,
                status: ProposalStatus::Pending,
            },
        );
        self.next_id = self.next_id.max(id.saturating_add(1));
        if !self.room.moderated(step)
            && let Err(e) = self.accept(id, None, None)
        {
            self.room.proposals.remove(&id);
            return Err(e);
        }
        Ok(())
    }

    /// Puts a pending proposal on the board or in the agreement.
    fn accept(&mut self, id: u32, text: Option<&str>, position: Option<usize>) -> Result<()> {
        let proposal = self
            .room
            .proposals
            .get(&id)
            .ok_or(ReduceError::NoProposal(id))?
            .clone();
        if proposal.status != ProposalStatus::Pending {
            return Err(ReduceError::NotPending(id));
        }
        if let Some(t) = text
            && t.trim().is_empty()
        {
            return Err(ReduceError::EmptyText);
        }
        match &proposal.content {
            Proposed::Card {
                lane,
                text: t,
                party,
            } => {
                if self.card_exists(id) {
                    return Err(ReduceError::CardExists(id));
                }
                let (_, board, lane_index) = self.board_lane(&proposal.step, lane)?;
                board.lane_of.insert(id, lane_index);
                let cards = &mut board.lanes[lane_index].cards;
                let at = position.unwrap_or(cards.len()).min(cards.len());
                cards.insert(
                    at,
                    Card {
                        id,
                        text: text.unwrap_or(t).to_string(),
                        party: party.clone(),
                        theme: None,
                    },
                );
            }
            Proposed::Commitment { what, who, when } => {
                if self.commitment_exists(id) {
                    return Err(ReduceError::CommitmentExists(id));
                }
                let list = &mut self.agreement_mut(&proposal.step)?.commitments;
                let at = position.unwrap_or(list.len()).min(list.len());
                list.insert(
                    at,
                    Commitment {
                        id,
                        what: text.unwrap_or(what).to_string(),
                        who: who.clone(),
                        when: when.clone(),
                        ..Commitment::default()
                    },
                );
            }
        }
        self.set_status(id, ProposalStatus::Accepted);
        Ok(())
    }

    fn set_status(&mut self, id: u32, status: ProposalStatus) {
        if let Some(p) = self.room.proposals.get_mut(&id) {
            p.status = status;
        }
    }

    /// Applies one of the facilitator's room changes and returns its inverse.
    pub(crate) fn apply_room(&mut self, change: &Change) -> Result<Vec<Change>> {
        match change {
            Change::DeviceRemoved { device } => {
                self.active_device(*device)?;
                self.set_removed(*device, true);
                Ok(vec![Change::DeviceReadmitted { device: *device }])
            }
            Change::DeviceReadmitted { device } => {
                match self.room.devices.get(device) {
                    None => return Err(ReduceError::NoDevice(*device)),
                    Some(d) if !d.removed => return Err(ReduceError::DeviceActive(*device)),
                    Some(_) => self.set_removed(*device, false),
                }
                Ok(vec![Change::DeviceRemoved { device: *device }])
            }
            Change::ProposalAccepted {
                proposal,
                text,
                position,
            } => {
                self.accept(*proposal, text.as_deref(), *position)?;
                Ok(vec![Change::ProposalReopened {
                    proposal: *proposal,
                }])
            }
            Change::ProposalsAccepted { proposals } => {
                if proposals.is_empty() {
                    return Err(ReduceError::NothingToAccept);
                }
                let each: Vec<Change> = proposals
                    .iter()
                    .map(|p| Change::ProposalAccepted {
                        proposal: *p,
                        text: None,
                        position: None,
                    })
                    .collect();
                self.apply_all(&each)
            }
            Change::ProposalRejected { proposal } => {
                let p = self
                    .room
                    .proposals
                    .get(proposal)
                    .ok_or(ReduceError::NoProposal(*proposal))?;
                if p.status != ProposalStatus::Pending {
                    return Err(ReduceError::NotPending(*proposal));
                }
                self.set_status(*proposal, ProposalStatus::Rejected);
                Ok(vec![Change::ProposalReopened {
                    proposal: *proposal,
                }])
            }
            Change::ProposalReopened { proposal } => self.reopen(*proposal),
            Change::InboxSet { step, on } => {
                let old = match step {
                    None => std::mem::replace(&mut self.room.inbox, *on),
                    Some(id) => {
                        self.step_index(id)?;
                        match on {
                            Some(v) => self.room.step_inbox.insert(id.clone(), *v),
                            None => self.room.step_inbox.remove(id),
                        }
                    }
                };
                Ok(vec![Change::InboxSet {
                    step: step.clone(),
                    on: old,
                }])
            }
            _ => Err(ReduceError::NotContent),
        }
    }

    fn set_removed(&mut self, device: u32, removed: bool) {
        if let Some(d) = self.room.devices.get_mut(&device) {
            d.removed = removed;
        }
    }

    /// Takes an accepted proposal off the board (or a rejected one back) into the inbox.
    fn reopen(&mut self, id: u32) -> Result<Vec<Change>> {
        let proposal = self
            .room
            .proposals
            .get(&id)
            .ok_or(ReduceError::NoProposal(id))?
            .clone();
        let inverse = match proposal.status {
            ProposalStatus::Pending => return Err(ReduceError::AlreadyPending(id)),
            ProposalStatus::Rejected => Change::ProposalRejected { proposal: id },
            ProposalStatus::Accepted => {
                let (text, position) = match &proposal.content {
                    Proposed::Card { .. } => {
                        let (_, board) = self.board_mut(&proposal.step)?;
                        let (lane, position) = board
                            .find(id)
                            .ok_or_else(|| ReduceError::NoCard(id, proposal.step.clone()))?;
                        let card = board.lanes[lane].cards.remove(position);
                        board.lane_of.remove(&id);
                        (card.text, position)
                    }
                    Proposed::Commitment { .. } => {
                        let list = &mut self.agreement_mut(&proposal.step)?.commitments;
                        let position = list
                            .iter()
                            .position(|c| c.id == id)
                            .ok_or_else(|| ReduceError::NoCommitment(id, proposal.step.clone()))?;
                        (list.remove(position).what, position)
                    }
                };
                Change::ProposalAccepted {
                    proposal: id,
                    text: (text != proposal.content.text()).then_some(text),
                    position: Some(position),
                }
            }
        };
        self.set_status(id, ProposalStatus::Pending);
        Ok(vec![inverse])
    }

    /// The dots device `device` has placed in vote step `index`.
    pub fn device_dots(&self, index: usize, device: u32) -> u32 {
        match self.steps.get(index) {
            Some(StepState::Vote(v)) => v.by_device.get(&device).map_or(0, |d| d.values().sum()),
            _ => 0,
        }
    }
}
