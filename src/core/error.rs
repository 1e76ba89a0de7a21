//! Errors of the core: an event that does not fit the state, and problems in a scenario.

use thiserror::Error;

use super::state::CardId;
use super::text::Lang;

/// Why an event cannot be applied to the state. Nothing changes when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReduceError {
    /// No step with this id.
    #[error("there is no step '{0}'")]
    NoStep(String),
    /// The step is of another kind.
    #[error("step '{0}' is not a {1} step")]
    WrongKind(String, &'static str),
    /// No lane with this id.
    #[error("there is no lane '{0}' in step '{1}'")]
    NoLane(String, String),
    /// No card with this id in the step.
    #[error("there is no card {0} in step '{1}'")]
    NoCard(CardId, String),
    /// A card id used twice.
    #[error("card {0} exists already")]
    CardExists(CardId),
    /// Unknown party.
    #[error("there is no party '{0}' in this scenario")]
    NoParty(String),
    /// No participant with this id.
    #[error("there is no participant {0}")]
    NoParticipant(u32),
    /// A participant id used twice.
    #[error("participant {0} exists already")]
    ParticipantExists(u32),
    /// All dots are used.
    #[error("all dots of vote '{0}' are used")]
    NoDotsLeft(String),
    /// No dot to take away.
    #[error("there is no dot to remove in vote '{0}'")]
    NoDot(String),
    /// A dot on something that is not in the voted step.
    #[error("vote '{0}' has no such card or theme")]
    NoTarget(String),
    /// Unknown matrix column.
    #[error("there is no column '{0}' in step '{1}'")]
    NoColumn(String, String),
    /// Unknown matrix row.
    #[error("step '{0}' has no such row")]
    NoRow(String),
    /// A value outside the scale.
    #[error("value {0} is outside the scale {1}..{2}")]
    OutOfScale(i32, i32, i32),
    /// No commitment with this id.
    #[error("there is no commitment {0} in step '{1}'")]
    NoCommitment(u32, String),
    /// A commitment id used twice.
    #[error("commitment {0} exists already")]
    CommitmentExists(u32),
    /// Unknown endorsement item.
    #[error("there is no item '{0}' to endorse in step '{1}'")]
    NoItem(String, String),
    /// Unknown action in a review step.
    #[error("there is no action '{0}' in review step '{1}'")]
    NoReviewItem(String, String),
    /// Unknown endorser.
    #[error("'{0}' cannot endorse in this step")]
    NoEndorser(String),
    /// The timer already runs.
    #[error("the timer of step '{0}' runs already")]
    TimerRunning(String),
    /// The timer does not run.
    #[error("the timer of step '{0}' does not run")]
    TimerStopped(String),
    /// Undo with an empty history.
    #[error("there is nothing to undo")]
    NothingToUndo,
    /// Redo with nothing undone.
    #[error("there is nothing to redo")]
    NothingToRedo,
    /// Navigation or timer where a content change was expected.
    #[error("this change cannot be undone")]
    NotContent,
}

impl ReduceError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ReduceError::NoStep(s) => format!("er is geen stap '{s}'"),
            ReduceError::WrongKind(s, k) => format!("stap '{s}' is geen {k}-stap"),
            ReduceError::NoLane(l, s) => format!("er is geen kolom '{l}' in stap '{s}'"),
            ReduceError::NoCard(c, s) => format!("er is geen kaart {c} in stap '{s}'"),
            ReduceError::CardExists(c) => format!("kaart {c} bestaat al"),
            ReduceError::NoParty(p) => format!("er is geen partij '{p}' in dit scenario"),
            ReduceError::NoParticipant(p) => format!("er is geen deelnemer {p}"),
            ReduceError::ParticipantExists(p) => format!("deelnemer {p} bestaat al"),
            ReduceError::NoDotsLeft(s) => format!("alle stippen van stemming '{s}' zijn gebruikt"),
            ReduceError::NoDot(s) => format!("er is geen stip om weg te halen in stemming '{s}'"),
            ReduceError::NoTarget(s) => format!("stemming '{s}' heeft zo'n kaart of thema niet"),
            ReduceError::NoColumn(c, s) => format!("er is geen kolom '{c}' in stap '{s}'"),
            ReduceError::NoRow(s) => format!("stap '{s}' heeft zo'n rij niet"),
            ReduceError::OutOfScale(v, a, b) => {
                format!("waarde {v} valt buiten de schaal {a}..{b}")
            }
            ReduceError::NoCommitment(c, s) => format!("er is geen afspraak {c} in stap '{s}'"),
            ReduceError::CommitmentExists(c) => format!("afspraak {c} bestaat al"),
            ReduceError::NoItem(i, s) => {
                format!("er is geen onderdeel '{i}' om te onderschrijven in stap '{s}'")
            }
            ReduceError::NoReviewItem(i, s) => {
                format!("er is geen actie '{i}' in terugblik '{s}'")
            }
            ReduceError::NoEndorser(e) => format!("'{e}' kan in deze stap niet onderschrijven"),
            ReduceError::TimerRunning(s) => format!("de timer van stap '{s}' loopt al"),
            ReduceError::TimerStopped(s) => format!("de timer van stap '{s}' loopt niet"),
            ReduceError::NothingToUndo => "er is niets om ongedaan te maken".to_string(),
            ReduceError::NothingToRedo => "er is niets om opnieuw te doen".to_string(),
            ReduceError::NotContent => "deze wijziging kan niet ongedaan worden".to_string(),
        }
    }
}

/// One problem found in a file: where (a JSON path such as `steps[2].board.lanes`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the offending value; empty for the whole file.
    pub path: String,
    /// What is wrong and what to do, in Dutch.
    pub nl: String,
    /// What is wrong and what to do, in English.
    pub en: String,
}

impl Problem {
    /// Makes a problem at `path` with its two messages.
    pub fn new(path: impl Into<String>, nl: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }
}
