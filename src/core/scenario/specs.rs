//! What each of the first kinds of step holds in a scenario file: boards, matrices, votes,
//! agreements and reviews (grids, consent rounds and polls have their own modules).

use serde::{Deserialize, Serialize};

use crate::core::text::Text;

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
    /// [`MAX_SCALE_LEVELS`](crate::core::validate::MAX_SCALE_LEVELS), whatever the file says.
    pub fn values(&self) -> impl Iterator<Item = i32> {
        let (min, max) = self.range();
        (min..=max).take(crate::core::validate::MAX_SCALE_LEVELS)
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
