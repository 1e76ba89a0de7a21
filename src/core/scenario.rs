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
pub use numbering::step_heading;

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

/// A board: named lanes that collect cards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoardSpec {
    /// The lanes, left to right. At least one.
    pub lanes: Vec<LaneSpec>,
    /// The id of an earlier board step whose cards this board can bring over into its
    /// first lane (in the order of a vote on them), e.g. topics onto a discussion board.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cards_from: Option<String>,
}

/// A lane of a board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LaneSpec {
    /// Stable identifier within the step.
    pub id: String,
    /// Lane heading.
    pub title: Text,
    /// The party this lane belongs to (e.g. a lane per party); new cards get its tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Cards the lane starts with (e.g. the goals an earlier CoP found).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<StartCard>,
}

/// A card a lane starts with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StartCard {
    /// The card's text; the session's language picks one.
    pub text: Text,
    /// The party that said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// A matrix: rows x columns, each cell a value on the scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MatrixSpec {
    /// Fixed rows. Either these or `rows_from`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Axis>,
    /// The id of an earlier board step whose cards become the rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows_from: Option<String>,
    /// The columns (often the parties). At least one.
    pub columns: Vec<Axis>,
    /// The scale every cell is rated on.
    pub scale: Scale,
    /// Which analysis suits this matrix.
    #[serde(default)]
    pub analysis: AnalysisKind,
    /// For a `phases` matrix: the id of a matrix step whose rows are the results of the
    /// phases, in phase order (row 1 is the result of column 1), rated in its first column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<String>,
}

/// A row or column of a matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// Stable identifier within the step.
    pub id: String,
    /// Heading.
    pub label: Text,
    /// The party this row or column stands for, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// The scale of a matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Scale {
    /// Whole numbers from `min` to `max`, e.g. -2..+2.
    Numeric {
        /// Lowest value.
        min: i32,
        /// Highest value.
        max: i32,
        /// Optional names of some values (e.g. the ends).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        labels: Vec<ScaleLabel>,
    },
    /// Named levels in order; a cell holds the index of its level.
    Levels {
        /// The levels, from "least" to "most". At least two.
        levels: Vec<Level>,
    },
}

impl Scale {
    /// Every value a cell may hold, lowest first; never more than
    /// [`MAX_SCALE_LEVELS`](super::validate::MAX_SCALE_LEVELS), whatever the file says.
    pub fn values(&self) -> impl Iterator<Item = i32> {
        let (min, max) = self.range();
        (min..=max).take(super::validate::MAX_SCALE_LEVELS)
    }

    /// `value` brought within the scale. Unlike `i32::clamp`, never panics, also on an
    /// unvalidated scale whose `min` lies above its `max`.
    pub fn clamp(&self, value: i32) -> i32 {
        let (min, max) = self.range();
        value.max(min).min(max)
    }

    /// The lowest and highest value a cell may hold.
    pub fn range(&self) -> (i32, i32) {
        match self {
            Scale::Numeric { min, max, .. } => (*min, *max),
            Scale::Levels { levels } => (0, levels.len().saturating_sub(1) as i32),
        }
    }
}

/// A name for one value of a numeric scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleLabel {
    /// The value named.
    pub value: i32,
    /// Its name.
    pub label: Text,
}

/// One named level of a level scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable identifier, e.g. `bezig`.
    pub id: String,
    /// Its name.
    pub label: Text,
    /// A short name written in narrow cells (e.g. "Niet" for "Niet begonnen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    /// Whether the level counts in analysis (false for "not applicable").
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub counts: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// Which analysis a matrix gets.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AnalysisKind {
    /// Shared ground, tension and blind spots between parties (columns).
    #[default]
    Goals,
    /// Rows are tracks, columns are phases in order: the phase reached and gaps.
    Phases,
    /// No analysis.
    None,
}

/// A dot vote on the cards (or themes) of an earlier board step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteSpec {
    /// The id of an earlier board step.
    pub on: String,
    /// Whether voters vote on themes (and the cards outside them; the default) or on every
    /// single card.
    #[serde(default)]
    pub targets: VoteTargets,
    /// Dots each voter has. At least one.
    pub dots: u32,
}

/// What a vote is on.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VoteTargets {
    /// Every card, also those in a theme.
    Cards,
    /// Every theme, and the cards outside a theme (so every card while the board has no
    /// themes): duplicates grouped in a theme do not split their dots. The default.
    #[default]
    Themes,
}

/// An agreement: a statement and principles to endorse, and commitments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementSpec {
    /// The core statement, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Text>,
    /// Principles, each endorsed on its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<Principle>,
    /// Commitments the step starts with (most start empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<StartCommitment>,
    /// Who endorses: parties or participants.
    #[serde(default)]
    pub endorse_by: Endorsers,
    /// Tracks an action of this step can be linked to (the three tracks of the Zwolse
    /// Lemniscaat): `from: {"track": id}` in a commitment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<Track>,
    /// A board step before this one whose cards the step offers as actions to start from
    /// (act 4 of the Zwolse Komedie offers act 3's tasks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offers: Option<String>,
}

/// A track actions can be linked to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Stable identifier within the step.
    pub id: String,
    /// Its name.
    pub label: Text,
}

/// A principle of an agreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    /// Stable identifier within the step.
    pub id: String,
    /// The principle.
    pub text: Text,
}

/// A commitment an agreement step starts with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StartCommitment {
    /// What will be done.
    pub what: Text,
    /// Who does it (a party id or a name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// By when, free text ("voor de zomer").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

/// Who endorses an agreement.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Endorsers {
    /// The parties of the scenario.
    #[default]
    Parties,
    /// The participants of the session.
    Participants,
}

/// A review step: the agreements and actions of an earlier meeting, to go through at the
/// start of the next one. Its texts are what that room wrote, so they are plain strings
/// in the language of that meeting, not translated [`Text`]s.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewSpec {
    /// The meeting the items come from (its title), shown in the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Statements and principles that were endorsed, shown for context (not marked).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<ReviewAgreement>,
    /// The actions to go through, each marked done, still open or dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ReviewItem>,
}

/// An endorsed statement or principle of an earlier meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewAgreement {
    /// The statement or principle.
    pub text: String,
    /// Who endorsed it (party or participant names, as shown then).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endorsed_by: Vec<String>,
}

/// An action carried over from an earlier meeting: a commitment, or an action that an
/// earlier review left open.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewItem {
    /// Stable identifier within the step.
    pub id: String,
    /// What would be done.
    pub what: String,
    /// Who would do it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub who: String,
    /// By when (free text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub when: String,
    /// The meeting where it was agreed (its title), when that was before the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// By when, as a calendar date, when it had one: the review shows how late it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<jiff::civil::Date>,
    /// Who would do it, one name each (the review groups actions by owner); empty when
    /// only `who` was written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
    /// For a card that was put in the parking lot rather than an action: the title of the
    /// step it was parked from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked_from: Option<String>,
}
