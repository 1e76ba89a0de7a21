//! The outcome of a session: its final state without the event log, resolved into what a
//! reader needs (labels, ranks, who endorsed what). The JSON outcome is this, serialized;
//! the Markdown, HTML and CSV exports are renderings of it.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use super::analysis::AnalysisOutcome;
pub use super::outcome_build::{party_name, value_label};
pub use super::outcome_kinds::*;
use crate::core::party::Party;
use crate::core::scenario::{AnalysisKind, Endorsers, Scale, VoteTargets};
use crate::core::state::{CardId, Owner, ReviewStatus, RowRef, Source, VoteTarget};
use crate::core::{Lang, Text};

/// The `format` value of a JSON outcome.
pub const OUTCOME_FORMAT: &str = "samenspel/outcome";
/// The version of the JSON outcome this build writes.
pub const OUTCOME_VERSION: u32 = 1;

/// A session's outcome, for people (through the reports) and for other tools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Outcome {
    /// Always [`OUTCOME_FORMAT`].
    pub format: String,
    /// Always [`OUTCOME_VERSION`] for files this build writes.
    pub version: u32,
    /// The language labels (such as "Deelnemer 1") were made in.
    pub lang: Lang,
    /// Whether participants' names were replaced by numbered labels.
    pub anonymized: bool,
    /// The exercise that was run.
    pub scenario: ScenarioInfo,
    /// The meeting.
    pub session: SessionInfo,
    /// The parties that cards are tagged with and that endorse.
    pub parties: Vec<Party>,
    /// Everyone on the participants list at the end.
    pub participants: Vec<ParticipantOutcome>,
    /// Every step, in the order of the scenario.
    pub steps: Vec<StepOutcome>,
    /// The parking lot: cards put aside for later.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parked: Vec<ParkedOutcome>,
}

/// Which exercise a session ran.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScenarioInfo {
    /// Scenario id, e.g. `zwolse-komedie`.
    pub id: String,
    /// Title.
    pub title: Text,
    /// What the exercise is for.
    pub description: Text,
    /// What a step is called ("Akte"/"Act"), if the scenario names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_name: Option<Text>,
}

/// The meeting itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SessionInfo {
    /// The meeting's title.
    pub title: String,
    /// When it started.
    pub created: Timestamp,
    /// The time zone the meeting was held in (IANA name); the reports show times in it.
    /// `Europe/Amsterdam` for sessions that recorded none.
    pub time_zone: String,
    /// When the last change was made (the start when nothing changed).
    pub last_change: Timestamp,
    /// The language the session's starting texts were taken in.
    pub lang: Lang,
    /// Number of changes in its log.
    pub changes: usize,
    /// Where it was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// A participant as shared: a label always, the name only when given and not anonymized.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ParticipantOutcome {
    /// Id within the session (endorsements name participants as `p<id>`).
    pub id: u32,
    /// The name when known and shared, else "Deelnemer N" / "Participant N".
    pub label: String,
    /// The name, when given and not anonymized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Organisation.
    pub organisation: String,
    /// Party id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Present at the meeting.
    pub present: bool,
}

/// One step with its outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StepOutcome {
    /// Step id.
    pub id: String,
    /// The number the step is shown with ("Akte 2"); none for a review of the previous
    /// meeting, which is not counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    /// Title.
    pub title: Text,
    /// The question put to the room.
    pub prompt: Text,
    /// What the room could influence (the participation ladder), when the step says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub influence: Option<crate::core::influence::Influence>,
    /// What came out of it, by kind.
    #[serde(flatten)]
    pub result: StepResult,
}

/// The outcome of a step, by its kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepResult {
    /// A board: lanes with cards.
    Board(BoardOutcome),
    /// A matrix: rows, columns, values and the analysis.
    Matrix(MatrixOutcome),
    /// A dot vote: ranked results.
    Vote(VoteOutcome),
    /// An agreement: what was endorsed by whom, and the commitments.
    Agreement(AgreementOutcome),
    /// A look back at an earlier meeting: its actions, each marked.
    Review(ReviewOutcome),
    /// A grid: where every item stands.
    Grid(Box<GridOutcome>),
    /// A consent round: the final text, the positions, the amendments.
    Consent(ConsentOutcome),
    /// A poll: per statement, the count of each answer.
    Poll(PollOutcome),
}

/// The cards of a board step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BoardOutcome {
    /// Lanes, left to right.
    pub lanes: Vec<LaneOutcome>,
}

/// A lane and its cards, top to bottom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LaneOutcome {
    /// Lane id.
    pub id: String,
    /// Heading.
    pub title: Text,
    /// The party the lane belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Cards in order.
    pub cards: Vec<CardOutcome>,
}

/// A card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CardOutcome {
    /// Card id within the session.
    pub id: CardId,
    /// What was said.
    pub text: String,
    /// The party that said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Its theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

/// A matrix step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MatrixOutcome {
    /// The scale every cell is rated on.
    pub scale: Scale,
    /// Which analysis suits the matrix.
    pub analysis_kind: AnalysisKind,
    /// Rows, top to bottom.
    pub rows: Vec<RowOutcome>,
    /// Columns, left to right.
    pub columns: Vec<ColumnOutcome>,
    /// Rated or noted cells (unrated cells without a note are left out).
    pub cells: Vec<CellOutcome>,
    /// Shared ground, tension and blind spots (or phases reached), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<AnalysisOutcome>,
}

/// A matrix row: a fixed row or a card of an earlier board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RowOutcome {
    /// The row as the session names it.
    pub key: RowRef,
    /// Its label (the card's text for card rows, in the session's language for fixed rows).
    pub label: String,
    /// The party it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// A matrix column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ColumnOutcome {
    /// Column id.
    pub id: String,
    /// Heading.
    pub label: Text,
    /// The party it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// One cell with a value or a note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CellOutcome {
    /// Index into `rows`.
    pub row: usize,
    /// Index into `columns`.
    pub column: usize,
    /// The value on the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i32>,
    /// The value's name (a level, or a named point of a numeric scale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_label: Option<Text>,
    /// A short note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A dot vote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VoteOutcome {
    /// The board step voted on.
    pub on: String,
    /// Cards or themes.
    pub targets: VoteTargets,
    /// Dots per voter.
    pub dots_per_voter: u32,
    /// Number of voters.
    pub voters: u32,
    /// Dots placed.
    pub dots_used: u32,
    /// Whether the results were shown to the room.
    pub revealed: bool,
    /// Every target, most dots first (ties share a rank and keep board order).
    pub results: Vec<VoteResult>,
}

/// One ranked vote target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VoteResult {
    /// 1 for the most dots; equal dots share a rank.
    pub rank: usize,
    /// What was voted on.
    pub target: VoteTarget,
    /// The card's text or the theme's name.
    pub label: String,
    /// The party of the card, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Whether the card or theme is no longer on the board.
    #[serde(default, skip_serializing_if = "is_false")]
    pub removed: bool,
    /// Dots.
    pub dots: u32,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An agreement step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AgreementOutcome {
    /// Parties or participants endorse.
    pub endorse_by: Endorsers,
    /// How many could endorse (parties, or participants on the list).
    pub endorsers: usize,
    /// The statement and each principle, with who endorsed it.
    pub items: Vec<EndorsedItem>,
    /// Commitments: who does what by when.
    pub commitments: Vec<CommitmentOutcome>,
}

/// The statement or a principle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EndorsedItem {
    /// `statement` or the principle's id.
    pub id: String,
    /// Its text.
    pub text: Text,
    /// Who endorsed it, in the order of the party or participant list.
    pub endorsed_by: Vec<Endorser>,
}

/// An endorser: a party or a participant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Endorser {
    /// Party id, or `p<participant id>`.
    pub id: String,
    /// Party name or participant label.
    pub label: String,
}

/// A commitment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CommitmentOutcome {
    /// Id within the session.
    pub id: u32,
    /// What will be done.
    pub what: String,
    /// Who does it, as typed (a party id or a name).
    pub who: String,
    /// Who, readable: the owners' labels and what was typed free, a party id as the
    /// party's name.
    pub who_label: String,
    /// By when, as typed free (not a date).
    pub when: String,
    /// Who endorsed it (as a principle is endorsed), in the order of the list; absent when
    /// nobody did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endorsed_by: Vec<Endorser>,
    /// Who does it, chosen from the session.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<OwnerOutcome>,
    /// By when, as a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// What it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<SourceOutcome>,
}

/// An owner of an action, with its label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnerOutcome {
    /// The party or participant.
    pub owner: Owner,
    /// Party name or participant label.
    pub label: String,
}

/// What an action came from, with a label ("Akte 3: Ambtenaren tijd geven").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceOutcome {
    /// The card, track, principle or step.
    pub source: Source,
    /// How it reads.
    pub label: String,
}

/// A card in the parking lot at the end of the meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ParkedOutcome {
    /// The step it was parked from.
    pub step: String,
    /// That step's title.
    pub step_title: Text,
    /// The lane it was in.
    pub lane: String,
    /// The card.
    pub card: CardOutcome,
}

/// A review step: what an earlier meeting agreed, and what became of its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReviewOutcome {
    /// The meeting looked back on (its title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Statements and principles endorsed then.
    pub agreements: Vec<ReviewedAgreement>,
    /// The actions carried over, each with its mark.
    pub items: Vec<ReviewedItem>,
}

/// An endorsed statement or principle of an earlier meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReviewedAgreement {
    /// The statement or principle.
    pub text: String,
    /// Who endorsed it then.
    pub endorsed_by: Vec<String>,
}

/// An action carried over, and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReviewedItem {
    /// Item id within the step.
    pub id: String,
    /// What would be done.
    pub what: String,
    /// Who would do it, as written (a party id or a name).
    pub who: String,
    /// Who, readable: the party's name for a party id, else as written.
    pub who_label: String,
    /// By when.
    pub when: String,
    /// The meeting where it was first agreed, when before the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Done, still open or dropped; none when not discussed yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReviewStatus>,
    /// By when, as a date, when it had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// Days past that date on the day of this meeting (absent when not late).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_late: Option<i64>,
    /// Who would do it, one name each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
    /// For a card from the earlier meeting's parking lot: the step it was parked from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parked_from: Option<String>,
}
