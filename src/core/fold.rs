//! Folding a long log without building what no undo reaches: [`reached`] for a log at
//! hand, and [`Folder`] for a log that comes in pieces (a file being read), which folds
//! each event as soon as it knows whether an undo can reach its inverse.

use super::error::ReduceError;
use super::event::{Change, Event};
use super::history::DEPTH;
use super::state::SessionState;

/// What is known of the inverse an event pushes on the undo stack.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Still on the stack: an undo to come may take it off, or the log may end with it there.
    Open,
    /// Used (an undo takes it off) or on the stack at the end, or the event pushes none.
    Reached,
    /// Let go of unused when the stack halved.
    Gone,
}

/// Follows the undo and redo stacks by the kinds of change alone, by the rules of
/// [`super::history::History::push`] and the reducer, event by event.
struct Reach {
    /// The undo stack by who pushed each group: a content change by its index, anything
    /// else (a redo, or what was there before) as none; of the redo stack only its length.
    stack: Vec<Option<usize>>,
    redo: usize,
    /// Past an undo or redo with nothing to take: the fold stops there with an error.
    stopped: bool,
    marks: Vec<Mark>,
}

impl Reach {
    fn new(undo: usize, redo: usize) -> Reach {
        Reach {
            stack: vec![None; undo],
            redo,
            stopped: false,
            marks: Vec::new(),
        }
    }

    fn push(&mut self, group: Option<usize>) {
        if self.stack.len() >= 2 * DEPTH {
            let gone = self.stack.len() - (DEPTH - 1);
            for i in self.stack.drain(..gone).flatten() {
                self.marks[i] = Mark::Gone;
            }
        }
        self.stack.push(group);
    }

    /// Takes the next event of the log into account.
    fn see(&mut self, event: &Event) {
        let i = self.marks.len();
        self.marks.push(Mark::Reached);
        if self.stopped || event.origin.is_some() {
            // A phone's change: outside the history.
            return;
        }
        match &event.change {
            Change::Undo => {
                let Some(group) = self.stack.pop() else {
                    self.stopped = true;
                    return;
                };
                if let Some(j) = group {
                    self.marks[j] = Mark::Reached;
                }
                self.redo = if self.redo >= 2 * DEPTH {
                    DEPTH - 1
                } else {
                    self.redo
                };
                self.redo += 1;
            }
            Change::Redo => {
                if self.redo == 0 {
                    self.stopped = true;
                    return;
                }
                self.redo -= 1;
                self.push(None);
            }
            change if change.is_content() => {
                self.marks[i] = Mark::Open;
                self.push(Some(i));
                self.redo = 0;
            }
            _ => {}
        }
    }

    /// Whether event `i` must build its inverse; none when that is not known yet.
    fn known(&self, i: usize) -> Option<bool> {
        match self.marks.get(i) {
            Some(Mark::Open) | None => None,
            Some(mark) => Some(*mark == Mark::Reached),
        }
    }

    /// Whether event `i` must build its inverse, at the end of the log: one still on the
    /// stack is reached.
    fn at_end(&self, i: usize) -> bool {
        self.marks.get(i) != Some(&Mark::Gone)
    }
}

/// Which events of a log, folded onto a state whose stacks hold `undo` and `redo` groups,
/// push an inverse that is ever used: one an undo in the log applies, or one still on the
/// undo stack at the end. Every other inverse is let go of unused (when the stack halves)
/// and need not be built. One `true` per event (an event that pushes nothing is `true`,
/// too).
pub(crate) fn reached(undo: usize, redo: usize, events: &[Event]) -> Vec<bool> {
    let mut reach = Reach::new(undo, redo);
    for event in events {
        reach.see(event);
    }
    (0..events.len()).map(|i| reach.at_end(i)).collect()
}

/// How far the fold of a log that comes in pieces may lag behind what has come, at most:
/// an event whose inverse may still be reached is folded with it built once this many
/// events came after it (an inverse is let go of at the latest about `2 * DEPTH` content
/// changes after it was pushed, unless undos keep it on the stack).
const WINDOW: usize = 4 * DEPTH;

/// The fold of a log that comes in pieces: the same state as [`super::reducer::fold`] of
/// the whole log (undo history included). An event is folded once it is known whether
/// an undo can reach its inverse, or [`WINDOW`] events later (then built, which is always
/// right: an inverse no undo reaches is let go of unused either way).
pub struct Folder {
    state: SessionState,
    reach: Reach,
    log: Vec<Event>,
    folded: usize,
    error: Option<(usize, ReduceError)>,
}

impl Folder {
    /// A fold starting from `state`.
    pub fn new(state: SessionState) -> Folder {
        let reach = Reach::new(state.undo.len(), state.redo.len());
        Folder {
            state,
            reach,
            log: Vec::new(),
            folded: 0,
            error: None,
        }
    }

    /// The next events of the log; folds what can be folded.
    pub fn feed(&mut self, events: Vec<Event>) {
        for event in &events {
            self.reach.see(event);
        }
        if self.log.is_empty() {
            self.log = events;
        } else {
            self.log.extend(events);
        }
        while self.error.is_none() && self.folded < self.log.len() {
            let i = self.folded;
            let keep = match self.reach.known(i) {
                Some(keep) => keep,
                None if self.log.len() - i > WINDOW => true,
                None => break,
            };
            self.apply(i, keep);
        }
    }

    fn apply(&mut self, i: usize, keep: bool) {
        if let Some(event) = self.log.get(i) {
            match self.state.apply_kept(event, keep) {
                Ok(()) => self.folded += 1,
                Err(e) => self.error = Some((i, e)),
            }
        }
    }

    /// The end of the log: the state after it (or the index of the first event that does
    /// not fit, with why), and the log.
    pub fn finish(mut self) -> (Result<SessionState, (usize, ReduceError)>, Vec<Event>) {
        while self.error.is_none() && self.folded < self.log.len() {
            let i = self.folded;
            self.apply(i, self.reach.at_end(i));
        }
        match self.error {
            Some(error) => (Err(error), self.log),
            None => (Ok(self.state), self.log),
        }
    }
}

#[cfg(test)]
#[path = "fold_tests.rs"]
mod tests;
