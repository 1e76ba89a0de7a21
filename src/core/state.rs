//! The state of a session: what is on the board, in the matrix, in the vote and in the
//! agreements. Built only by folding events ([`super::reducer`]); never edited directly.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::endorser::Endorser;
use super::scenario::{Scenario, StepKind};
use super::text::Lang;

pub use super::commitment::{Commitment, Owner, Source};

/// Identifies a card within a session (unique across all steps, never reused).
pub type CardId = u32;

/// A card: one short text the room said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Its id.
    pub id: CardId,
    /// What was said.
    pub text: String,
    /// The party that said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// The theme it is grouped in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

/// A participant of a session. Names are optional: anonymity by default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Its id (unique in the session).
    pub id: u32,
    /// Name, if the facilitator typed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Organisation.
    #[serde(default)]
    pub organisation: String,
    /// Party id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Present at this meeting.
    #[serde(default)]
    pub present: bool,
}

/// What a dot is put on.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VoteTarget {
    /// A card of the voted step.
    Card(CardId),
    /// A theme of the voted step, by name.
    Theme(String),
}

/// A matrix row: a fixed row of the scenario, or a card of an earlier board step.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RowRef {
    /// A fixed row, by id.
    Row(String),
    /// A card, by id.
    Card(CardId),
}

/// A lane of a board with its cards in order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LaneState {
    /// The cards, top to bottom.
    pub cards: Vec<Card>,
}

/// The cards of a board step.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BoardState {
    /// Lanes in the order of the scenario.
    pub lanes: Vec<LaneState>,
    /// The lane of every card, kept by the reducer: finding a card searches one lane, not
    /// the whole board (folding long logs of large boards stays fast).
    pub(crate) lane_of: std::collections::HashMap<CardId, usize>,
}

impl BoardState {
    /// A board with these lanes.
    pub fn new(lanes: Vec<LaneState>) -> BoardState {
        let lane_of = lanes
            .iter()
            .enumerate()
            .flat_map(|(l, lane)| lane.cards.iter().map(move |c| (c.id, l)))
            .collect();
        BoardState { lanes, lane_of }
    }

    /// Where a card is: (lane index, position).
    pub fn find(&self, card: CardId) -> Option<(usize, usize)> {
        let lane = *self.lane_of.get(&card)?;
        let position = self
            .lanes
            .get(lane)?
            .cards
            .iter()
            .position(|c| c.id == card)?;
        Some((lane, position))
    }

    /// The card with this id.
    pub fn card(&self, card: CardId) -> Option<&Card> {
        self.find(card).map(|(l, p)| &self.lanes[l].cards[p])
    }

    /// All cards, lane by lane.
    pub fn cards(&self) -> impl Iterator<Item = &Card> {
        self.lanes.iter().flat_map(|l| l.cards.iter())
    }
}

/// One rated cell of a matrix.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Cell {
    /// The value on the step's scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i32>,
    /// A short note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The cells of a matrix step; absent cells are unrated.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MatrixState {
    /// Cells by (row, column id).
    pub cells: BTreeMap<(RowRef, String), Cell>,
}

/// The dots of a vote step.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct VoteState {
    /// Number of voters set by the facilitator; none means the participants present.
    pub voters: Option<u32>,
    /// Dots per target.
    pub dots: BTreeMap<VoteTarget, u32>,
    /// Whether results are shown.
    pub revealed: bool,
    /// The dots each device of the room placed itself (part of `dots`): a device takes
    /// back only its own, the facilitator only the others.
    pub by_device: BTreeMap<u32, BTreeMap<VoteTarget, u32>>,
}

impl VoteState {
    /// The dots on `target` that devices placed themselves.
    pub fn device_held(&self, target: &VoteTarget) -> u32 {
        self.by_device.values().filter_map(|d| d.get(target)).sum()
    }
}

/// The commitments and endorsements of an agreement step.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AgreementState {
    /// Commitments in order.
    pub commitments: Vec<Commitment>,
    /// Endorsers per item (`statement` or a principle id).
    pub endorsements: BTreeMap<String, BTreeSet<Endorser>>,
}

/// A card put aside in the parking lot (parkeerplaats): off its board for now, kept with
/// the step and lane it came from so it can go back, and carried to the next meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parked {
    /// The card as it was on the board.
    pub card: Card,
    /// The board step it came from.
    pub step: String,
    /// The lane it came from.
    pub lane: String,
}

/// What became of an action carried over from an earlier meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// It was done.
    Done,
    /// It still has to be done (carried on to the next meeting).
    Open,
    /// It will not be done.
    Dropped,
}

impl ReviewStatus {
    /// How the status is shown, in the given language.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ReviewStatus::Done => lang.pick("gedaan", "done"),
            ReviewStatus::Open => lang.pick("loopt nog", "still open"),
            ReviewStatus::Dropped => lang.pick("vervallen", "dropped"),
        }
    }
}

/// The marks of a review step; items without a mark were not discussed yet.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ReviewState {
    /// Status per item id.
    pub marks: BTreeMap<String, ReviewStatus>,
}

/// The content of one step.
#[derive(Clone, Debug, PartialEq)]
pub enum StepState {
    /// A board.
    Board(BoardState),
    /// A matrix.
    Matrix(MatrixState),
    /// A vote.
    Vote(VoteState),
    /// An agreement.
    Agreement(AgreementState),
    /// A review of an earlier meeting.
    Review(ReviewState),
    /// Items placed on a grid.
    Grid(super::grid::GridState),
    /// A consent round.
    Consent(super::consent::ConsentState),
    /// The answers of a poll.
    Poll(super::poll::PollState),
}

/// A step's timer, computed from event times only.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TimerState {
    /// The time box in minutes (from the scenario, or set).
    pub minutes: Option<u32>,
    /// Seconds run before the current run.
    pub elapsed_ms: i64,
    /// When the current run started, if running.
    pub running_since: Option<Timestamp>,
}

impl TimerState {
    /// Milliseconds left at `now` (negative when over time); none without a time box.
    pub fn remaining_ms(&self, now: Timestamp) -> Option<i64> {
        let total = i64::from(self.minutes?) * 60_000;
        let running = self
            .running_since
            .map(|since| now.as_millisecond() - since.as_millisecond())
            .unwrap_or(0)
            .max(0);
        Some(total - self.elapsed_ms - running)
    }

    /// Whether the timer runs.
    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }
}

/// Everything a session holds at one moment: the fold of its event log.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionState {
    /// The scenario the session runs.
    pub scenario: Arc<Scenario>,
    /// The language starting cards were taken in.
    pub lang: Lang,
    /// The step on screen.
    pub current: usize,
    /// Content per step, parallel to the scenario's steps.
    pub steps: Vec<StepState>,
    /// Timers per step.
    pub timers: Vec<TimerState>,
    /// The participants.
    pub participants: Vec<Participant>,
    /// The room: devices that joined, their proposals, the inbox setting.
    pub room: super::room::RoomState,
    /// The parking lot: cards put aside for later, in the order they were put there.
    pub parked: Vec<Parked>,
    /// Number of events folded in.
    pub applied: usize,
    /// The next free id for cards, participants and commitments.
    pub next_id: u32,
    /// Inverse changes of what can be undone, newest last.
    pub(crate) undo: super::history::History,
    /// Changes that redo re-applies, newest last.
    pub(crate) redo: super::history::History,
}

impl SessionState {
    /// The state of a new session: starting cards and commitments in place, nothing else.
    pub fn new(scenario: Arc<Scenario>, lang: Lang, participants: Vec<Participant>) -> Self {
        let mut next_id = participants
            .iter()
            .map(|p| p.id.saturating_add(1))
            .max()
            .unwrap_or(1);
        let mut steps = Vec::with_capacity(scenario.steps.len());
        let mut timers = Vec::with_capacity(scenario.steps.len());
        for step in &scenario.steps {
            let state = match &step.kind {
                StepKind::Board(board) => StepState::Board(BoardState::new(
                    board
                        .lanes
                        .iter()
                        .map(|lane| LaneState {
                            cards: lane
                                .cards
                                .iter()
                                .map(|c| {
                                    let id = next_id;
                                    next_id = next_id.saturating_add(1);
                                    Card {
                                        id,
                                        text: c.text.get(lang).to_string(),
                                        party: c.party.clone().or_else(|| lane.party.clone()),
                                        theme: None,
                                    }
                                })
                                .collect(),
                        })
                        .collect(),
                )),
                StepKind::Matrix(_) => StepState::Matrix(MatrixState::default()),
                StepKind::Vote(_) => StepState::Vote(VoteState::default()),
                StepKind::Agreement(a) => StepState::Agreement(AgreementState {
                    commitments: a
                        .commitments
                        .iter()
                        .map(|c| {
                            let id = next_id;
                            next_id = next_id.saturating_add(1);
                            Commitment {
                                id,
                                what: c.what.get(lang).to_string(),
                                who: c.who.clone().unwrap_or_default(),
                                when: c.when.clone().unwrap_or_default(),
                                ..Commitment::default()
                            }
                        })
                        .collect(),
                    endorsements: BTreeMap::new(),
                }),
                StepKind::Review(_) => StepState::Review(ReviewState::default()),
                StepKind::Grid(g) => {
                    StepState::Grid(super::grid::GridState::new(g, lang, &mut next_id))
                }
                StepKind::Consent(c) => {
                    StepState::Consent(super::consent::ConsentState::new(c, lang))
                }
                StepKind::Poll(_) => StepState::Poll(super::poll::PollState::default()),
            };
            steps.push(state);
            timers.push(TimerState {
                minutes: step.minutes,
                ..TimerState::default()
            });
        }
        SessionState {
            scenario,
            lang,
            current: 0,
            steps,
            timers,
            participants,
            room: Default::default(),
            parked: Vec::new(),
            applied: 0,
            next_id,
            undo: Default::default(),
            redo: Default::default(),
        }
    }

    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The changes the next undo applies (the inverse of the last content change).
    pub fn next_undo(&self) -> Option<&[super::event::Change]> {
        self.undo.last().map(Vec::as_slice)
    }

    /// The changes the next redo applies again.
    pub fn next_redo(&self) -> Option<&[super::event::Change]> {
        self.redo.last().map(Vec::as_slice)
    }

    /// The step on screen, from the scenario.
    pub fn current_step(&self) -> Option<&super::scenario::Step> {
        self.scenario.steps.get(self.current)
    }

    /// The board of step `index`, if it is a board.
    pub fn board(&self, index: usize) -> Option<&BoardState> {
        match self.steps.get(index) {
            Some(StepState::Board(b)) => Some(b),
            _ => None,
        }
    }

    /// The commitment made from a card, if the card became an action.
    pub fn action_of_card(&self, card: CardId) -> Option<&Commitment> {
        self.steps.iter().find_map(|s| match s {
            StepState::Agreement(a) => a.commitments.iter().find(|c| c.card() == Some(card)),
            _ => None,
        })
    }

    /// The card with this id, on a board or in the parking lot.
    pub fn any_card(&self, card: CardId) -> Option<&Card> {
        self.steps
            .iter()
            .find_map(|s| match s {
                StepState::Board(b) => b.card(card),
                _ => None,
            })
            .or_else(|| self.parked.iter().map(|p| &p.card).find(|c| c.id == card))
    }

    /// The participants marked present.
    pub fn present(&self) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(|p| p.present)
    }
}
