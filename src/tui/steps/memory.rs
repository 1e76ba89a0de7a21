//! What the grid and poll screens remember between two keys: a first digit, a minus.
//! Either counts only when the next key follows with no change in between (the log's
//! length is kept to tell).

/// Keys remembered for the next one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepMemory {
    /// A first digit typed on a grid: (events in the log then, step index, the digit).
    pub(crate) digit: Option<(usize, usize, u8)>,
    /// `-` typed on a poll that keeps counts: events in the log then.
    pub(crate) minus: Option<usize>,
}

impl StepMemory {
    /// The first digit typed on step `step` just before, if nothing changed since.
    pub(crate) fn take_digit(&mut self, applied: usize, step: usize) -> Option<u8> {
        match self.digit.take() {
            Some((at, s, d)) if at == applied && s == step => Some(d),
            _ => None,
        }
    }

    /// Whether `-` was typed just before, with nothing changed since.
    pub(crate) fn take_minus(&mut self, applied: usize) -> bool {
        self.minus.take() == Some(applied)
    }
}
