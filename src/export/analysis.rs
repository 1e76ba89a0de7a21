//! The matrix analysis as the exports show it: sections of findings (shared ground,
//! tension, blind spots; or phase reached and gaps), each a list of readable lines.
//!
//! The analysis itself is computed in the core (issue 5, `core::analysis`); this file only
//! turns it into what a report shows. [`of`] is the one place that calls it.

use serde::{Deserialize, Serialize};

use super::outcome::MatrixOutcome;
use crate::core::Lang;
use crate::core::Text;
use crate::core::scenario::MatrixSpec;
use crate::core::state::MatrixState;

/// The analysis of one matrix, ready to read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalysisOutcome {
    /// The sections, in reading order.
    pub sections: Vec<AnalysisSection>,
}

/// One part of the analysis, e.g. "Gedeelde grond".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalysisSection {
    /// `shared_ground`, `tension`, `blind_spots`, `phase_reached` or `gaps`.
    pub id: String,
    /// Heading.
    pub title: Text,
    /// The findings, most important first.
    pub items: Vec<AnalysisItem>,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalysisItem {
    /// The row it is about (index into the matrix's rows), if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// What was found, readable.
    pub text: String,
}

/// ANALYSIS HOOK: the analysis of a matrix for the exports.
///
/// Returns none until `core::analysis` (issue 5) lands on main; then this maps its result
/// into sections. Everything else in the exports already renders what this returns.
pub fn of(
    _spec: &MatrixSpec,
    _matrix: &MatrixState,
    _outcome: &MatrixOutcome,
    _lang: Lang,
) -> Option<AnalysisOutcome> {
    None
}
