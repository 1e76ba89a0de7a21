//! The reducer's rules for consent steps: every change returns the changes that revert it.

use super::{Amendment, ConsentPhase, ConsentState, Position};
use crate::core::endorser::Endorser;
use crate::core::error::ReduceError;
use crate::core::event::Change;
use crate::core::scenario::{ConsentSpec, Endorsers};
use crate::core::state::{SessionState, StepState};

type Result<T> = std::result::Result<T, ReduceError>;

impl SessionState {
    fn consent_mut(&mut self, step: &str) -> Result<(ConsentSpec, &mut ConsentState)> {
        let index = self.step_index(step)?;
        let spec = self.scenario.steps[index]
            .kind
            .consent()
            .cloned()
            .ok_or_else(|| ReduceError::WrongKind(step.to_string(), "consent"))?;
        match &mut self.steps[index] {
            StepState::Consent(c) => Ok((spec, c)),
            _ => Err(ReduceError::WrongKind(step.to_string(), "consent")),
        }
    }

    /// The round of step `step`, refused once its decision is taken.
    fn open_round(&mut self, step: &str) -> Result<(ConsentSpec, &mut ConsentState)> {
        let (spec, round) = self.consent_mut(step)?;
        if round.decided {
            return Err(ReduceError::Decided(step.to_string()));
        }
        Ok((spec, round))
    }

    /// Whether `who` can take part in a round held by `by`.
    pub(crate) fn check_member(&self, by: Endorsers, who: &Endorser) -> Result<()> {
        let parties = self.scenario.parties();
        let ok = match by {
            Endorsers::Parties => who.party(parties).is_some(),
            Endorsers::Participants => {
                if let Some(d) = who.device(parties) {
                    self.room.devices.contains_key(&d)
                } else if let Some(p) = who.participant(parties) {
                    self.participants.iter().any(|q| q.id == p)
                } else {
                    false
                }
            }
        };
        if ok {
            Ok(())
        } else {
            Err(ReduceError::NotMember(who.key().into_owned()))
        }
    }

    /// Applies a change to a consent step and returns its inverse; none when `change` is
    /// not a consent change.
    pub(crate) fn apply_consent(&mut self, change: &Change) -> Option<Result<Vec<Change>>> {
        Some(match change {
            Change::ConsentPhaseSet { step, phase } => self.consent_phase(step, *phase),
            Change::ConsentSaid {
                step,
                phase,
                member,
                text,
            } => self.consent_said(step, *phase, member, text),
            Change::ConsentPositionSet {
                step,
                member,
                position,
            } => self.consent_position(step, member, position.as_ref()),
            Change::ConsentAmended {
                step,
                amendment,
                text,
                resolves,
            } => self.consent_amended(step, *amendment, text, resolves),
            Change::ConsentAmendmentWithdrawn { step, amendment } => {
                self.consent_withdrawn(step, *amendment)
            }
            Change::ConsentDecided { step, decided } => self.consent_decided(step, *decided),
            _ => return None,
        })
    }

    fn consent_phase(&mut self, step: &str, phase: ConsentPhase) -> Result<Vec<Change>> {
        let (_, round) = self.open_round(step)?;
        let old = std::mem::replace(&mut round.phase, phase);
        Ok(vec![Change::ConsentPhaseSet {
            step: step.to_string(),
            phase: old,
        }])
    }

    fn consent_said(
        &mut self,
        step: &str,
        phase: ConsentPhase,
        member: &Endorser,
        text: &str,
    ) -> Result<Vec<Change>> {
        let (spec, _) = self.open_round(step)?;
        if phase.takes_positions() {
            return Err(ReduceError::NotSayingRound);
        }
        self.check_member(spec.by, member)?;
        let (_, round) = self.open_round(step)?;
        let key = (phase, member.clone());
        let old = if text.is_empty() {
            round.said.remove(&key)
        } else {
            round.said.insert(key, text.to_string())
        };
        Ok(vec![Change::ConsentSaid {
            step: step.to_string(),
            phase,
            member: member.clone(),
            text: old.unwrap_or_default(),
        }])
    }

    fn consent_position(
        &mut self,
        step: &str,
        member: &Endorser,
        position: Option<&Position>,
    ) -> Result<Vec<Change>> {
        let (spec, round) = self.open_round(step)?;
        if !round.phase.takes_positions() {
            return Err(ReduceError::NotPositionRound(step.to_string()));
        }
        if let Some(p) = position {
            if p.stance.needs_text() && p.text.trim().is_empty() {
                return Err(ReduceError::ReasonNeeded);
            }
            if let Some(a) = p.resolved_by
                && (p.stance != super::Stance::Objection
                    || !round.amendments.iter().any(|x| x.id == a))
            {
                return Err(ReduceError::NoAmendment(a, step.to_string()));
            }
        }
        self.check_member(spec.by, member)?;
        let (_, round) = self.open_round(step)?;
        let old = match position {
            Some(p) => round.positions.insert(member.clone(), p.clone()),
            None => round.positions.remove(member),
        };
        Ok(vec![Change::ConsentPositionSet {
            step: step.to_string(),
            member: member.clone(),
            position: old,
        }])
    }

    fn consent_amended(
        &mut self,
        step: &str,
        id: u32,
        text: &str,
        resolves: &[Endorser],
    ) -> Result<Vec<Change>> {
        if text.trim().is_empty() {
            return Err(ReduceError::EmptyText);
        }
        let (_, round) = self.open_round(step)?;
        if round.amendments.iter().any(|a| a.id == id) {
            return Err(ReduceError::AmendmentExists(id));
        }
        for who in resolves {
            if !round
                .positions
                .get(who)
                .is_some_and(Position::is_open_objection)
            {
                return Err(ReduceError::NoOpenObjection(who.key().into_owned()));
            }
        }
        for who in resolves {
            if let Some(p) = round.positions.get_mut(who) {
                p.resolved_by = Some(id);
            }
        }
        let before = std::mem::replace(&mut round.proposal, text.to_string());
        round.amendments.push(Amendment {
            id,
            before,
            text: text.to_string(),
            resolves: resolves.to_vec(),
        });
        self.next_id = self.next_id.max(id.saturating_add(1));
        Ok(vec![Change::ConsentAmendmentWithdrawn {
            step: step.to_string(),
            amendment: id,
        }])
    }

    fn consent_withdrawn(&mut self, step: &str, id: u32) -> Result<Vec<Change>> {
        let (_, round) = self.open_round(step)?;
        match round.amendments.last() {
            Some(last) if last.id == id => {}
            _ if round.amendments.iter().any(|a| a.id == id) => {
                return Err(ReduceError::NotLastAmendment(id));
            }
            _ => return Err(ReduceError::NoAmendment(id, step.to_string())),
        }
        let Some(last) = round.amendments.pop() else {
            return Err(ReduceError::NoAmendment(id, step.to_string()));
        };
        round.proposal.clone_from(&last.before);
        for p in round.positions.values_mut() {
            if p.resolved_by == Some(id) {
                p.resolved_by = None;
            }
        }
        Ok(vec![Change::ConsentAmended {
            step: step.to_string(),
            amendment: id,
            text: last.text,
            resolves: last.resolves,
        }])
    }

    fn consent_decided(&mut self, step: &str, decided: bool) -> Result<Vec<Change>> {
        let (_, round) = self.consent_mut(step)?;
        if decided && !round.decided {
            if round.proposal.trim().is_empty() {
                return Err(ReduceError::EmptyProposal(step.to_string()));
            }
            let open = round.open_objections().count();
            if open > 0 {
                return Err(ReduceError::OpenObjections(open));
            }
        }
        let old = std::mem::replace(&mut round.decided, decided);
        Ok(vec![Change::ConsentDecided {
            step: step.to_string(),
            decided: old,
        }])
    }
}
