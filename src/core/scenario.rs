//! Scenarios: an exercise as an ordered list of steps, as written in a scenario file.
//!
//! The types serialize to exactly the file format (docs/scenario-format.md). Loading goes
//! through serde for the shape and [`super::validate`] for everything serde cannot see.

use serde::{Deserialize, Serialize};

pub use super::consent::ConsentSpec;
pub use super::grid::GridSpec;
pub use super::influence::Influence;
use super::party::{Party, default_parties};
pub use super::poll::PollSpec;
use super::text::Text;

mod numbering;
mod specs;
pub use numbering::step_heading;
pub use specs::*;

/// The `format` value of a scenario file.
pub const SCENARIO_FORMAT: &str = "samenspel/scenario";
/// The newest scenario format version this build understands.
pub const SCENARIO_VERSION: u32 = 1;

/// An exercise: metadata and its steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Always [`SCENARIO_FORMAT`].
    pub format: String,
    /// The format version, at most [`SCENARIO_VERSION`].
    pub version: u32,
    /// Stable identifier, lowercase with dashes, e.g. `zwolse-komedie`.
    pub id: String,
    /// Title in both languages.
    pub title: Text,
    /// One or two sentences on what the exercise is for.
    pub description: Text,
    /// What a step is called in this exercise (e.g. "Akte"/"Act"); "Stap"/"Step" if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_name: Option<Text>,
    /// The parties cards are tagged with; empty means the default list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// The steps, in the order they are run.
    pub steps: Vec<Step>,
}

impl Scenario {
    /// The parties of this scenario (its own list, or the default one). Borrowed: the
    /// reducer asks for them on every tagged card, so they are never copied.
    pub fn parties(&self) -> &[Party] {
        static DEFAULT: std::sync::LazyLock<Vec<Party>> = std::sync::LazyLock::new(default_parties);
        if self.parties.is_empty() {
            &DEFAULT
        } else {
            &self.parties
        }
    }

    /// The index of the step with this id.
    pub fn step_index(&self, id: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.id == id)
    }
}

/// One step of an exercise: what the room is asked, and the kind of work it does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "RawStep", into = "RawStep")]
pub struct Step {
    /// Stable identifier within the scenario, e.g. `akte-1`.
    pub id: String,
    /// Title, shown large.
    pub title: Text,
    /// The question or task for the room, read out by the facilitator.
    pub prompt: Text,
    /// Facilitator-only notes, hidden unless asked for.
    pub notes: Option<Text>,
    /// Suggested time box in minutes.
    pub minutes: Option<u32>,
    /// What the room can influence in this step (the participation ladder).
    pub influence: Option<Influence>,
    /// What the step does.
    pub kind: StepKind,
}

impl Step {
    /// Whether this is the look back at the previous meeting that `new --from` adds.
    pub fn is_review(&self) -> bool {
        matches!(self.kind, StepKind::Review(_))
    }
}

/// The names of the kinds of step, as a step names its one kind field.
pub const KIND_NAMES: [&str; 8] = [
    "board",
    "matrix",
    "vote",
    "agreement",
    "grid",
    "consent",
    "poll",
    "review",
];

/// The kind of a step with its fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Cards in named lanes.
    Board(BoardSpec),
    /// Rows x columns rated on a scale.
    Matrix(MatrixSpec),
    /// Dot voting on the cards of an earlier board step.
    Vote(VoteSpec),
    /// A statement, principles and commitments that parties endorse.
    Agreement(AgreementSpec),
    /// A look back at what an earlier meeting agreed (written by `samenspel new --from`).
    Review(ReviewSpec),
    /// Items placed on two axes, such as influence × interest.
    Grid(Box<GridSpec>),
    /// A consent round on one proposal.
    Consent(ConsentSpec),
    /// Statements everyone answers on a short scale or with yes / no.
    Poll(PollSpec),
}

impl StepKind {
    /// The name of the kind as written in files (`board`, `matrix`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Board(_) => "board",
            StepKind::Matrix(_) => "matrix",
            StepKind::Vote(_) => "vote",
            StepKind::Agreement(_) => "agreement",
            StepKind::Review(_) => "review",
            StepKind::Grid(_) => "grid",
            StepKind::Consent(_) => "consent",
            StepKind::Poll(_) => "poll",
        }
    }

    /// The board of a board step.
    pub fn board(&self) -> Option<&BoardSpec> {
        match self {
            StepKind::Board(spec) => Some(spec),
            _ => None,
        }
    }

    /// The matrix of a matrix step.
    pub fn matrix(&self) -> Option<&MatrixSpec> {
        match self {
            StepKind::Matrix(spec) => Some(spec),
            _ => None,
        }
    }

    /// The vote of a vote step.
    pub fn vote(&self) -> Option<&VoteSpec> {
        match self {
            StepKind::Vote(spec) => Some(spec),
            _ => None,
        }
    }

    /// The agreement of an agreement step.
    pub fn agreement(&self) -> Option<&AgreementSpec> {
        match self {
            StepKind::Agreement(spec) => Some(spec),
            _ => None,
        }
    }

    /// The review of a review step.
    pub fn review(&self) -> Option<&ReviewSpec> {
        match self {
            StepKind::Review(spec) => Some(spec),
            _ => None,
        }
    }

    /// The grid of a grid step.
    pub fn grid(&self) -> Option<&GridSpec> {
        match self {
            StepKind::Grid(spec) => Some(spec),
            _ => None,
        }
    }

    /// The consent round of a consent step.
    pub fn consent(&self) -> Option<&ConsentSpec> {
        match self {
            StepKind::Consent(spec) => Some(spec),
            _ => None,
        }
    }

    /// The poll of a poll step.
    pub fn poll(&self) -> Option<&PollSpec> {
        match self {
            StepKind::Poll(spec) => Some(spec),
            _ => None,
        }
    }
}

/// The wire shape of a step: the common fields plus exactly one kind object.
#[derive(Clone, Debug, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawStep {
    id: String,
    title: Text,
    prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    influence: Option<Influence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    board: Option<BoardSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    matrix: Option<MatrixSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vote: Option<VoteSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    agreement: Option<AgreementSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    review: Option<ReviewSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grid: Option<GridSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    consent: Option<ConsentSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    poll: Option<PollSpec>,
}

impl TryFrom<RawStep> for Step {
    type Error = String;

    fn try_from(raw: RawStep) -> Result<Step, String> {
        let mut kinds = Vec::new();
        if let Some(b) = raw.board {
            kinds.push(StepKind::Board(b));
        }
        if let Some(m) = raw.matrix {
            kinds.push(StepKind::Matrix(m));
        }
        if let Some(v) = raw.vote {
            kinds.push(StepKind::Vote(v));
        }
        if let Some(a) = raw.agreement {
            kinds.push(StepKind::Agreement(a));
        }
        if let Some(r) = raw.review {
            kinds.push(StepKind::Review(r));
        }
        if let Some(g) = raw.grid {
            kinds.push(StepKind::Grid(Box::new(g)));
        }
        if let Some(c) = raw.consent {
            kinds.push(StepKind::Consent(c));
        }
        if let Some(p) = raw.poll {
            kinds.push(StepKind::Poll(p));
        }
        if kinds.len() != 1 {
            return Err(format!(
                "step '{}' needs exactly one of \"board\", \"matrix\", \"vote\", \"agreement\", \"grid\", \"consent\", \"poll\" or \"review\" (it has {})",
                raw.id,
                kinds.len()
            ));
        }
        let kind = kinds.remove(0);
        Ok(Step {
            id: raw.id,
            title: raw.title,
            prompt: raw.prompt,
            notes: raw.notes,
            minutes: raw.minutes,
            influence: raw.influence,
            kind,
        })
    }
}

impl From<Step> for RawStep {
    fn from(step: Step) -> RawStep {
        let mut raw = RawStep {
            id: step.id,
            title: step.title,
            prompt: step.prompt,
            notes: step.notes,
            minutes: step.minutes,
            influence: step.influence,
            board: None,
            matrix: None,
            vote: None,
            agreement: None,
            review: None,
            grid: None,
            consent: None,
            poll: None,
        };
        match step.kind {
            StepKind::Board(b) => raw.board = Some(b),
            StepKind::Matrix(m) => raw.matrix = Some(m),
            StepKind::Vote(v) => raw.vote = Some(v),
            StepKind::Agreement(a) => raw.agreement = Some(a),
            StepKind::Review(r) => raw.review = Some(r),
            StepKind::Grid(g) => raw.grid = Some(*g),
            StepKind::Consent(c) => raw.consent = Some(c),
            StepKind::Poll(p) => raw.poll = Some(p),
        }
        raw
    }
}
