//! The outcome of grid, consent and poll steps (part of [`super::outcome`]).

use serde::{Deserialize, Serialize};

use crate::core::Text;
use crate::core::consent::{ConsentPhase, Stance};
use crate::core::grid::{GridAxis, GridItem, GridPoint, Quadrant, Quadrants};
use crate::core::scenario::Endorsers;

/// A grid step: where every item stands, per quadrant, and what moved since last time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GridOutcome {
    /// The horizontal axis.
    pub x: GridAxis,
    /// The vertical axis.
    pub y: GridAxis,
    /// The names of the quadrants.
    pub quadrants: Quadrants,
    /// Every item, in list order (parties or cards first, then typed items).
    pub items: Vec<GridItemOutcome>,
    /// Per quadrant (top right first), the items in it.
    pub per_quadrant: Vec<QuadrantOutcome>,
    /// Items not placed.
    pub unplaced: Vec<String>,
    /// Items that stand elsewhere than at the previous meeting (`new --from`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<MoveOutcome>,
}

/// An item of a grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GridItemOutcome {
    /// How the session names it.
    pub key: GridItem,
    /// Its name.
    pub label: String,
    /// The party it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Where it stands (1 is left or bottom).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<GridPoint>,
    /// The quadrant it stands in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quadrant: Option<Quadrant>,
    /// Its note (a merge lists each group's place here).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The items in one quadrant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct QuadrantOutcome {
    /// Which quadrant.
    pub quadrant: Quadrant,
    /// Its name.
    pub name: Text,
    /// The labels of the items in it.
    pub items: Vec<String>,
}

/// An item that moved since the previous meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MoveOutcome {
    /// The item's name.
    pub label: String,
    /// Where it stood then.
    pub from: GridPoint,
    /// Where it stands now; none when not placed now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<GridPoint>,
    /// Whether it is in another quadrant now.
    pub changed_quadrant: bool,
}

/// A consent round: the final text, the positions, the history of amendments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConsentOutcome {
    /// Who took part: the participants or the parties.
    pub by: Endorsers,
    /// The proposal as the round started.
    pub original: String,
    /// The proposal at the end (after every amendment).
    pub proposal: String,
    /// The round it ended in.
    pub phase: ConsentPhase,
    /// Whether the decision was taken ("besluit genomen").
    pub decided: bool,
    /// Objections no amendment resolved.
    pub open_objections: usize,
    /// Every member's position, in turn order.
    pub positions: Vec<PositionOutcome>,
    /// Questions and reactions of the first two rounds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub said: Vec<SaidOutcome>,
    /// Every amendment, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<AmendmentOutcome>,
}

/// A member's position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PositionOutcome {
    /// The member as the session names it: a party id, `p<id>` or `d<device>`.
    pub member: String,
    /// The member's name (a participant's label; never a name when anonymized).
    pub label: String,
    /// The position.
    pub stance: Stance,
    /// The concern or the objection's reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// For an objection: the number (from 1) of the amendment that resolved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<usize>,
}

/// A question or reaction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SaidOutcome {
    /// The round.
    pub phase: ConsentPhase,
    /// Who said it (the member's name).
    pub label: String,
    /// What was said.
    pub text: String,
}

/// An amendment of the proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AmendmentOutcome {
    /// Its number, from 1.
    pub number: usize,
    /// The proposal before it.
    pub before: String,
    /// The proposal after it.
    pub text: String,
    /// The names of the members whose objections it resolved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resolves: Vec<String>,
}

/// A poll: per statement, how it was answered. Who answered what is never part of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PollOutcome {
    /// Whether the poll kept only counts.
    pub counts_only: bool,
    /// The answers, in scale order.
    pub options: Vec<AnswerOption>,
    /// Every statement (the scenario's, then those added in the room).
    pub statements: Vec<StatementOutcome>,
}

/// One answer of a poll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnswerOption {
    /// Its value (yes 1, no 2, don't know 3; or the number on the scale).
    pub value: i32,
    /// Its name.
    pub label: Text,
}

/// A statement and its answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StatementOutcome {
    /// Statement id.
    pub id: String,
    /// The statement.
    pub text: String,
    /// Whether it was added in the room.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
    /// Whether its answers were shown to the room.
    pub revealed: bool,
    /// The number of answers.
    pub answered: u32,
    /// The count of each answer, in scale order.
    pub counts: Vec<u32>,
    /// The average of the answers that count (numeric scale); for yes/no the share of yes
    /// among yes and no (0 to 1); none without answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average: Option<f64>,
}
