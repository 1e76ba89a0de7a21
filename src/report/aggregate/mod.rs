//! A programme's view: many sessions read together. Each session is read on its own into a
//! small [`Contribution`] (from the same [`Outcome`](crate::report::Outcome) the other
//! reports use, built with names replaced), and the contributions are folded into one
//! [`Aggregate`]: how often similar cards come back, how matrix cells spread, what ends on
//! top of votes, what became of the actions, and each series of meetings in order.
//!
//! Anonymous by construction: the outcome it reads has no participant names, and a figure
//! for one party (or one series) is shown only when it covers at least `min_group`
//! sessions, so a single municipality cannot be singled out.

mod contribution;
mod fold;
mod fold_boards;
mod fold_matrices;
mod par;
mod read;
mod render;
mod render_office;
mod series;
mod similar;

pub use contribution::{Contribution, FileKey, contribution};
pub use fold::{Folder, fold};
pub use read::{Skipped, read_into, session_files};
pub use render::{csv, html, json, markdown};
pub use render_office::{pdf, xlsx};
pub use similar::{normalise, similar};

use serde::{Deserialize, Serialize};

use crate::core::Lang;

/// The `format` value of a JSON aggregate.
pub const AGGREGATE_FORMAT: &str = "samenspel/aggregate";
/// The version of the JSON aggregate this build writes.
pub const AGGREGATE_VERSION: u32 = 1;

/// How the report is grouped first.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// Per exercise (the default): boards, matrices, votes and actions of each scenario.
    #[default]
    Scenario,
    /// Per series of meetings first.
    Series,
    /// Per party first (only parties in at least `min_group` sessions).
    Party,
}

impl By {
    /// Parses `scenario`, `series` or `party`.
    pub fn parse(s: &str) -> Option<By> {
        match s.trim().to_ascii_lowercase().as_str() {
            "scenario" => Some(By::Scenario),
            "series" => Some(By::Series),
            "party" => Some(By::Party),
            _ => None,
        }
    }
}

/// What the fold is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The language of labels.
    pub lang: Lang,
    /// The fewest sessions a party's or a series' own figures must cover.
    pub min_group: usize,
    /// How the report is grouped first.
    pub by: By,
}

/// Many sessions together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Aggregate {
    /// Always [`AGGREGATE_FORMAT`].
    pub format: String,
    /// Always [`AGGREGATE_VERSION`].
    pub version: u32,
    /// The language of the labels.
    pub lang: Lang,
    /// The fewest sessions a party's or series' figures cover.
    pub min_group: usize,
    /// How the report is grouped first.
    pub by: By,
    /// Sessions read.
    pub sessions: usize,
    /// Files skipped (not a session, broken, not a regular file).
    pub skipped: usize,
    /// The parties with their own figures (in at least `min_group` sessions).
    pub parties: Vec<PartyLine>,
    /// Parties left out of the breakdowns because they are in fewer sessions.
    pub parties_not_shown: usize,
    /// Per scenario.
    pub scenarios: Vec<ScenarioAggregate>,
    /// Actions over all sessions.
    pub actions: ActionsAggregate,
    /// Series of meetings (linked by `previous`), with at least `min_group` meetings.
    pub series: Vec<SeriesAggregate>,
    /// Series left out because they have fewer meetings.
    pub series_not_shown: usize,
}

/// One party's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PartyLine {
    /// Party id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Sessions it took part in.
    pub sessions: usize,
    /// Participants of this party present, over all sessions.
    pub present: usize,
    /// Cards of this party.
    pub cards: usize,
    /// Commitments it owns.
    pub made: usize,
    /// Of its carried actions: done.
    pub done: usize,
    /// Still open.
    pub open: usize,
    /// Dropped.
    pub dropped: usize,
    /// Not discussed.
    pub undiscussed: usize,
    /// Late and not done or dropped at the review.
    pub overdue: usize,
}

/// One scenario over its sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScenarioAggregate {
    /// Scenario id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Sessions of it.
    pub sessions: usize,
    /// Board steps.
    pub boards: Vec<BoardAggregate>,
    /// Matrix steps.
    pub matrices: Vec<MatrixAggregate>,
    /// Vote steps.
    pub votes: Vec<VoteAggregate>,
    /// Its actions.
    pub actions: ActionsAggregate,
}

/// A board step over sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BoardAggregate {
    /// Step id.
    pub step: String,
    /// Title.
    pub title: String,
    /// Lanes, with the cards that came back most.
    pub lanes: Vec<LaneAggregate>,
}

/// A lane over sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LaneAggregate {
    /// Lane id.
    pub lane: String,
    /// Heading.
    pub title: String,
    /// Sessions with at least one card in it.
    pub sessions: usize,
    /// Similar cards, in most sessions first (at most 10).
    pub cards: Vec<CardGroup>,
    /// Different cards in all (similar ones counted once).
    pub distinct: usize,
}

/// How many cards of a lane a report lists.
pub const TOP_CARDS: usize = 10;

/// Similar cards across sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CardGroup {
    /// The most common way it was written.
    pub text: String,
    /// Sessions it appears in.
    pub sessions: usize,
    /// Per party (only parties shown), sessions.
    pub by_party: Vec<Count>,
}

/// A name and a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Count {
    /// What is counted.
    pub label: String,
    /// How many.
    pub count: usize,
}

/// A matrix step over sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MatrixAggregate {
    /// Step id.
    pub step: String,
    /// Title.
    pub title: String,
    /// Sessions that rated any cell.
    pub sessions: usize,
    /// Cells rated in at least `min_group` sessions.
    pub cells: Vec<CellStats>,
    /// Shared ground found in more than half of the sessions.
    pub shared_ground: Vec<Recurring>,
    /// Tensions found in two sessions or more.
    pub tensions: Vec<Recurring>,
    /// For a step plan: per track, how many sessions reached which phase.
    pub tracks: Vec<TrackPhases>,
}

/// The spread of one cell's value across sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CellStats {
    /// Row label.
    pub row: String,
    /// Column heading.
    pub column: String,
    /// Lowest.
    pub min: i32,
    /// Median.
    pub median: f64,
    /// Highest.
    pub max: i32,
    /// Sessions that rated it.
    pub count: usize,
}

/// A finding that came back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Recurring {
    /// What it is about.
    pub subject: String,
    /// Sessions it was found in.
    pub sessions: usize,
    /// Sessions of the step.
    pub of: usize,
}

/// A track of a step plan across sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TrackPhases {
    /// The track.
    pub track: String,
    /// Each phase reached ("bereikt: Uitwerken: bezig") with its number of sessions.
    pub phases: Vec<Count>,
}

/// A vote step across sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VoteAggregate {
    /// Step id.
    pub step: String,
    /// Title.
    pub title: String,
    /// Sessions in which dots were placed.
    pub sessions: usize,
    /// What ended on top most often (at most 10).
    pub top: Vec<VoteTop>,
}

/// How many vote results a report lists.
pub const TOP_VOTES: usize = 10;

/// A goal or factor and how often it ended on top.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VoteTop {
    /// The card's text or theme's name.
    pub label: String,
    /// Sessions where it came first (ties included).
    pub first: usize,
    /// Sessions where it was in the top three.
    pub top3: usize,
}

/// Actions: made, and what became of them at the next meeting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ActionsAggregate {
    /// Commitments made.
    pub made: usize,
    /// Of those, with a date.
    pub dated: usize,
    /// Made in a meeting that has a next one in the files (so could be reviewed).
    pub with_next_meeting: usize,
    /// Made in the last meeting of its series (not reviewed yet).
    pub awaiting_review: usize,
    /// Carried actions looked back on in a review.
    pub reviewed: usize,
    /// Marked done.
    pub done: usize,
    /// Still open.
    pub open: usize,
    /// Dropped.
    pub dropped: usize,
    /// Not discussed.
    pub undiscussed: usize,
    /// Past their date at the review and not done or dropped.
    pub overdue: usize,
    /// By how many meetings they had been carried.
    pub by_age: Vec<AgeLine>,
}

/// Reviewed actions of one age.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AgeLine {
    /// "made last time" or "made earlier".
    pub age: String,
    /// Done.
    pub done: usize,
    /// Still open.
    pub open: usize,
    /// Dropped.
    pub dropped: usize,
    /// Not discussed.
    pub undiscussed: usize,
}

/// A series of meetings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SeriesAggregate {
    /// "Reeks 1" / "Series 1", in the order of their first meeting.
    pub label: String,
    /// The scenario of its first meeting.
    pub scenario: String,
    /// Its meetings in order.
    pub meetings: Vec<MeetingLine>,
    /// Its actions.
    pub actions: ActionsAggregate,
}

/// One meeting of a series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MeetingLine {
    /// Its title (names replaced).
    pub title: String,
    /// Its day (`YYYY-MM-DD`, UTC).
    pub date: String,
    /// Participants present.
    pub present: usize,
    /// Present per party (parties shown only; the rest as "overige").
    pub present_by_party: Vec<Count>,
    /// How the matrix moved since the meeting before (none for the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved: Option<Movement>,
}

/// How the matrix cells rated in two consecutive meetings changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Movement {
    /// Cells rated in both.
    pub cells: usize,
    /// Higher now.
    pub up: usize,
    /// Lower now.
    pub down: usize,
    /// The same.
    pub same: usize,
    /// Average change (later minus earlier).
    pub mean_change: f64,
}
