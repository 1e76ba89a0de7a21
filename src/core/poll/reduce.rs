//! The reducer's rules for poll steps: every change returns the changes that revert it;
//! phones' answers are their own (outside the facilitator's undo history).

use super::{AddedStatement, PollSpec, PollState};
use crate::core::endorser::Endorser;
use crate::core::error::ReduceError;
use crate::core::event::Change;
use crate::core::state::{SessionState, StepState};

type Result<T> = std::result::Result<T, ReduceError>;

impl SessionState {
    fn poll_mut(&mut self, step: &str) -> Result<(PollSpec, &mut PollState)> {
        let index = self.step_index(step)?;
        let spec = self.scenario.steps[index]
            .kind
            .poll()
            .cloned()
            .ok_or_else(|| ReduceError::WrongKind(step.to_string(), "poll"))?;
        match &mut self.steps[index] {
            StepState::Poll(p) => Ok((spec, p)),
            _ => Err(ReduceError::WrongKind(step.to_string(), "poll")),
        }
    }

    /// The spec and state of poll `step`, with `statement` checked to be one of it.
    fn poll_statement(
        &mut self,
        step: &str,
        statement: &str,
    ) -> Result<(PollSpec, &mut PollState)> {
        let (spec, poll) = self.poll_mut(step)?;
        let known = spec.statements.iter().any(|s| s.id == statement)
            || poll.added.iter().any(|s| s.id == statement);
        if !known {
            return Err(ReduceError::NoStatement(
                statement.to_string(),
                step.to_string(),
            ));
        }
        Ok((spec, poll))
    }

    fn check_answer(spec: &PollSpec, step: &str, answer: i32) -> Result<()> {
        if spec.answers.contains(answer) {
            Ok(())
        } else {
            Err(ReduceError::NotAnAnswer(answer, step.to_string()))
        }
    }

    /// Whether `who` can answer a poll: a participant on the list, a phone of the room.
    fn check_respondent(&self, who: &Endorser) -> Result<()> {
        let ok = match who {
            Endorser::Participant(id) => self.participants.iter().any(|p| p.id == *id),
            Endorser::Device(id) => self.room.devices.contains_key(id),
            Endorser::Party(_) => false,
        };
        if ok {
            Ok(())
        } else {
            Err(ReduceError::NotMember(who.key().into_owned()))
        }
    }

    /// Applies a change to a poll step and returns its inverse; none when `change` is not
    /// a poll change.
    pub(crate) fn apply_poll(&mut self, change: &Change) -> Option<Result<Vec<Change>>> {
        Some(match change {
            Change::PollAnswered {
                step,
                statement,
                respondent,
                answer,
            } => self.poll_answered(step, statement, respondent, *answer),
            Change::PollCounted {
                step,
                statement,
                answer,
                added,
            } => self.poll_counted(step, statement, *answer, *added, false),
            Change::PollRevealed {
                step,
                statement,
                revealed,
            } => self.poll_revealed(step, statement, *revealed),
            Change::PollStatementAdded {
                step,
                id,
                text,
                position,
            } => self.poll_added(step, id, text, *position),
            Change::PollStatementRemoved { step, id } => self.poll_removed(step, id),
            _ => return None,
        })
    }

    fn poll_answered(
        &mut self,
        step: &str,
        statement: &str,
        who: &Endorser,
        answer: Option<i32>,
    ) -> Result<Vec<Change>> {
        let (spec, _) = self.poll_statement(step, statement)?;
        if spec.counts_only {
            return Err(ReduceError::CountsOnly(step.to_string()));
        }
        if let Some(a) = answer {
            Self::check_answer(&spec, step, a)?;
        }
        self.check_respondent(who)?;
        let (_, poll) = self.poll_statement(step, statement)?;
        let answers = poll.answers.entry(statement.to_string()).or_default();
        let old = match answer {
            Some(a) => answers.insert(who.clone(), a),
            None => answers.remove(who),
        };
        if answers.is_empty() {
            poll.answers.remove(statement);
        }
        Ok(vec![Change::PollAnswered {
            step: step.to_string(),
            statement: statement.to_string(),
            respondent: who.clone(),
            answer: old,
        }])
    }

    /// One answer more or less in a `counts_only` poll; `from_room` for a phone's answer.
    pub(crate) fn poll_counted(
        &mut self,
        step: &str,
        statement: &str,
        answer: i32,
        added: bool,
        from_room: bool,
    ) -> Result<Vec<Change>> {
        let (spec, poll) = self.poll_statement(step, statement)?;
        if !spec.counts_only {
            return Err(ReduceError::NotCountsOnly(step.to_string()));
        }
        Self::check_answer(&spec, step, answer)?;
        let count =
            |m: &std::collections::BTreeMap<String, std::collections::BTreeMap<i32, u32>>| {
                m.get(statement)
                    .and_then(|c| c.get(&answer))
                    .copied()
                    .unwrap_or(0)
            };
        let (now, held) = (count(&poll.counts), count(&poll.from_room));
        if !added && now <= held {
            return Err(ReduceError::NoCount(step.to_string()));
        }
        let counts = poll.counts.entry(statement.to_string()).or_default();
        if added {
            counts.insert(answer, now.saturating_add(1));
        } else if now > 1 {
            counts.insert(answer, now - 1);
        } else {
            counts.remove(&answer);
        }
        if counts.is_empty() {
            poll.counts.remove(statement);
        }
        if from_room {
            let mine = poll.from_room.entry(statement.to_string()).or_default();
            *mine.entry(answer).or_insert(0) += 1;
        }
        Ok(vec![Change::PollCounted {
            step: step.to_string(),
            statement: statement.to_string(),
            answer,
            added: !added,
        }])
    }

    fn poll_revealed(
        &mut self,
        step: &str,
        statement: &str,
        revealed: bool,
    ) -> Result<Vec<Change>> {
        let (_, poll) = self.poll_statement(step, statement)?;
        let old = if revealed {
            !poll.revealed.insert(statement.to_string())
        } else {
            poll.revealed.remove(statement)
        };
        Ok(vec![Change::PollRevealed {
            step: step.to_string(),
            statement: statement.to_string(),
            revealed: old,
        }])
    }

    fn poll_added(
        &mut self,
        step: &str,
        id: &str,
        text: &str,
        position: Option<usize>,
    ) -> Result<Vec<Change>> {
        if text.trim().is_empty() {
            return Err(ReduceError::EmptyText);
        }
        if !crate::core::validate::is_id(id) {
            return Err(ReduceError::BadStatementId(id.to_string()));
        }
        let (spec, poll) = self.poll_mut(step)?;
        if spec.statements.iter().any(|s| s.id == id) || poll.added.iter().any(|s| s.id == id) {
            return Err(ReduceError::StatementExists(id.to_string()));
        }
        let at = match position {
            None => poll.added.len(),
            Some(p) if p <= poll.added.len() => p,
            Some(p) => return Err(ReduceError::PastTheEnd(p, poll.added.len())),
        };
        poll.added.insert(
            at,
            AddedStatement {
                id: id.to_string(),
                text: text.to_string(),
            },
        );
        Ok(vec![Change::PollStatementRemoved {
            step: step.to_string(),
            id: id.to_string(),
        }])
    }

    fn poll_removed(&mut self, step: &str, id: &str) -> Result<Vec<Change>> {
        let (spec, poll) = self.poll_statement(step, id)?;
        if spec.statements.iter().any(|s| s.id == id) {
            return Err(ReduceError::FixedStatement(id.to_string()));
        }
        if poll.answers.contains_key(id) || poll.counts.contains_key(id) {
            return Err(ReduceError::StatementAnswered(id.to_string()));
        }
        let Some(at) = poll.added.iter().position(|s| s.id == id) else {
            return Err(ReduceError::NoStatement(id.to_string(), step.to_string()));
        };
        let removed = poll.added.remove(at);
        let was_revealed = poll.revealed.remove(id);
        let mut inverse = vec![Change::PollStatementAdded {
            step: step.to_string(),
            id: removed.id,
            text: removed.text,
            position: Some(at),
        }];
        if was_revealed {
            inverse.push(Change::PollRevealed {
                step: step.to_string(),
                statement: id.to_string(),
                revealed: true,
            });
        }
        Ok(inverse)
    }

    /// Whether poll `step`'s statement is revealed (phones can no longer answer it).
    pub(crate) fn poll_closed(&self, step: &str, statement: &str) -> bool {
        self.scenario
            .step_index(step)
            .and_then(|i| self.steps.get(i))
            .is_some_and(|s| matches!(s, StepState::Poll(p) if p.revealed.contains(statement)))
    }
}
