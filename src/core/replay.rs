//! Replay: moving through a session's log to any position, fast, with the one reducer.
//!
//! Going forward folds event by event from the state on screen. Going back starts from a
//! checkpoint (a copy of the state every `every` events, made the first time playback
//! passes that point) and folds forward from there, so any jump in a log of 100,000
//! events costs at most `every` reducer steps.

use super::error::Problem;
use super::event::{Change, Event};
use super::session::{Session, event_problem_in};
use super::state::SessionState;

/// At most this many checkpoints are kept, however long the log.
const MAX_CHECKPOINTS: usize = 24;
/// Checkpoints are never closer than this many events.
const MIN_EVERY: usize = 256;

/// A point where the step on screen changes: after `at` events, step `step` is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepMark {
    /// Number of events applied when the step shows.
    pub at: usize,
    /// Index of the step in the scenario.
    pub step: usize,
}

/// What an undo or redo event acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Not an undo or redo.
    None,
    /// The index of the event whose change it reverts or does again.
    Event(usize),
}

/// The index of a session's log for replay: step marks, undo targets and checkpoints.
#[derive(Clone, Debug)]
pub struct Timeline {
    every: usize,
    checkpoints: Vec<SessionState>,
    marks: Vec<StepMark>,
    targets: Vec<Option<u32>>,
}

impl Timeline {
    /// Indexes a session's log. Cheap: the log is scanned, not folded.
    pub fn new(session: &Session) -> Timeline {
        let n = session.events.len();
        let every = n.div_ceil(MAX_CHECKPOINTS).max(MIN_EVERY);
        Timeline {
            every,
            checkpoints: vec![session.initial_state()],
            marks: step_marks(session),
            targets: undo_targets(&session.events),
        }
    }

    /// Indexes a session's log with checkpoints every `every` events (at least 1); for
    /// tests and measurements of the checkpoint spacing.
    pub fn with_every(session: &Session, every: usize) -> Timeline {
        Timeline {
            every: every.max(1),
            ..Timeline::new(session)
        }
    }

    /// The points where the step on screen changes, in order; the first is at 0.
    pub fn marks(&self) -> &[StepMark] {
        &self.marks
    }

    /// The event an undo or redo event at `index` reverts or does again.
    pub fn target(&self, index: usize) -> Target {
        match self.targets.get(index).copied().flatten() {
            Some(j) => Target::Event(j as usize),
            None => Target::None,
        }
    }

    /// Folds `state` (a state of `session`) to the state after `target` events (at most
    /// the whole log). On error `state` holds the last state that could be reached.
    pub fn seek(
        &mut self,
        session: &Session,
        state: &mut SessionState,
        target: usize,
    ) -> Result<(), Problem> {
        self.seek_with(session, state, target, |_, _| {})
    }

    /// As [`Timeline::seek`]; `before_last` sees the state just before the last event is
    /// applied (with that event's index), e.g. to describe a deleted card by its text.
    pub fn seek_with(
        &mut self,
        session: &Session,
        state: &mut SessionState,
        target: usize,
        mut before_last: impl FnMut(&SessionState, usize),
    ) -> Result<(), Problem> {
        let target = target.min(session.events.len());
        if target == state.applied {
            return Ok(());
        }
        if target == 0 {
            *state = self.checkpoints[0].clone();
            return Ok(());
        }
        // Start from the nearest checkpoint strictly before the target (so the last event
        // is always applied here and `before_last` sees its state), or from the state
        // itself when it lies between that checkpoint and the target.
        let k = ((target - 1) / self.every).min(self.checkpoints.len() - 1);
        let from = k * self.every;
        if state.applied < from || state.applied >= target {
            *state = self.checkpoints[k].clone();
        }
        while state.applied < target {
            let i = state.applied;
            if i + 1 == target {
                before_last(state, i);
            }
            let event: &Event = &session.events[i];
            state
                .apply(event)
                .map_err(|e| event_problem_in(&session.events, i, &e))?;
            if state.applied.is_multiple_of(self.every)
                && state.applied / self.every == self.checkpoints.len()
            {
                self.checkpoints.push(state.clone());
            }
        }
        Ok(())
    }

    /// The mark at or before `position`: the step shown then and since when.
    pub fn mark_at(&self, position: usize) -> StepMark {
        let i = self.marks.partition_point(|m| m.at <= position);
        self.marks
            .get(i.saturating_sub(1))
            .copied()
            .unwrap_or(StepMark { at: 0, step: 0 })
    }

    /// The position where the next step change happens after `position`, if any.
    pub fn next_mark(&self, position: usize) -> Option<usize> {
        self.marks.iter().map(|m| m.at).find(|&at| at > position)
    }

    /// The start of the step shown at `position`, or of the step before when `position`
    /// is already at its start.
    pub fn prev_mark(&self, position: usize) -> usize {
        self.marks
            .iter()
            .rev()
            .map(|m| m.at)
            .find(|&at| at < position)
            .unwrap_or(0)
    }

    /// How many events apart the checkpoints are.
    pub fn every(&self) -> usize {
        self.every
    }
}

/// Where the step on screen changes in a log, found without folding it.
pub fn step_marks(session: &Session) -> Vec<StepMark> {
    let mut marks = vec![StepMark { at: 0, step: 0 }];
    let mut current = 0;
    for (i, event) in session.events.iter().enumerate() {
        if let Change::StepOpened { step } = &event.change
            && let Some(index) = session.scenario.step_index(step)
            && index != current
        {
            current = index;
            marks.push(StepMark {
                at: i + 1,
                step: index,
            });
        }
    }
    marks
}

/// For each event: the event an undo or redo acts on. Mirrors the reducer's history:
/// content changes push and clear redo, undo moves one to redo, redo moves it back.
fn undo_targets(events: &[Event]) -> Vec<Option<u32>> {
    let mut undo: Vec<u32> = Vec::new();
    let mut redo: Vec<u32> = Vec::new();
    events
        .iter()
        .enumerate()
        .map(|(i, event)| match event.change {
            Change::Undo => {
                let j = undo.pop();
                redo.extend(j);
                j
            }
            Change::Redo => {
                let j = redo.pop();
                undo.extend(j);
                j
            }
            _ if event.is_undoable() => {
                undo.push(i as u32);
                redo.clear();
                None
            }
            _ => None,
        })
        .collect()
}

/// Finds the number of events applied when step `step` was last left (the state right
/// before the change that moved away from it), or the whole log if it was still open at
/// the end. None when the step was never on screen.
pub fn left_at(session: &Session, step: usize) -> Option<usize> {
    let marks = step_marks(session);
    let visited = marks.iter().rposition(|m| m.step == step)?;
    Some(match marks.get(visited + 1) {
        // The mark is after the StepOpened event; the state before it is one earlier.
        Some(next) => next.at - 1,
        None => session.events.len(),
    })
}

#[cfg(test)]
#[path = "replay_tests.rs"]
mod tests;
