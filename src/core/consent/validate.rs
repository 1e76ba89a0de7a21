//! The checks of a consent step in a scenario file.

use super::ConsentSpec;
use crate::core::validate::Checker;

impl Checker {
    /// Checks a consent step.
    pub(crate) fn consent(&mut self, path: &str, c: &ConsentSpec) {
        if let Some(proposal) = &c.proposal {
            self.text(&format!("{path}.proposal"), proposal);
        }
    }
}
