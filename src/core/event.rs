//! Events: every change to a session, in time order. The session file holds the log;
//! the state is always the fold of the log through [`super::reducer`].

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::consent::{ConsentPhase, Position};
use super::endorser::Endorser;
use super::grid::{GridItem, GridPoint};
use super::room::EventOrigin;
use super::state::{CardId, Commitment, Participant, ReviewStatus, RowRef, VoteTarget};

/// One entry of the event log: when it happened, who made it, and what changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// When the change was made (from the injected clock).
    #[serde(deserialize_with = "super::when::deserialize")]
    pub at: Timestamp,
    /// The phone that made the change, with the key of its submission; absent for the
    /// facilitator's own changes (every change before the room existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Box<EventOrigin>>,
    /// What changed.
    pub change: Change,
}

impl Event {
    /// Whether undo reverts this event: the facilitator's content changes. A phone's
    /// changes are its own (it takes a dot back itself), so the facilitator's undo never
    /// reaches past them to something a phone did, and they never clear what can be redone.
    pub fn is_undoable(&self) -> bool {
        self.origin.is_none() && self.change.is_content()
    }

    /// A change the facilitator made at `at`.
    pub fn new(at: Timestamp, change: Change) -> Event {
        Event {
            at,
            origin: None,
            change,
        }
    }
}

/// A change to a session. Steps are named by id so logs stay readable and mergeable.
// Deserialize: by hand, in event_de.rs (the kind first, no buffer).
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    /// The facilitator moved to another step.
    StepOpened {
        /// Step id.
        step: String,
    },
    /// A card was added to a lane (at the end unless `position` is given).
    CardAdded {
        /// Step id.
        step: String,
        /// Lane id.
        lane: String,
        /// The new card's id (never used before in this session).
        card: CardId,
        /// What was said.
        text: String,
        /// The party that said it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
        /// The theme it belongs to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        theme: Option<String>,
        /// Index within the lane; the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// A card's text was changed.
    CardEdited {
        /// Step id.
        step: String,
        /// Card id.
        card: CardId,
        /// The new text.
        text: String,
    },
    /// A card was removed.
    CardDeleted {
        /// Step id.
        step: String,
        /// Card id.
        card: CardId,
    },
    /// A card was moved to a lane and position (also used to reorder within a lane).
    CardMoved {
        /// Step id.
        step: String,
        /// Card id.
        card: CardId,
        /// Target lane id.
        lane: String,
        /// Index within the target lane after the move.
        position: usize,
    },
    /// A card was tagged with a party, or its tag removed.
    CardTagged {
        /// Step id.
        step: String,
        /// Card id.
        card: CardId,
        /// Party id, or none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
    },
    /// Cards were put into a named theme, or taken out of their theme.
    ThemeSet {
        /// Step id.
        step: String,
        /// The cards.
        cards: Vec<CardId>,
        /// Theme name, or none to ungroup.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        theme: Option<String>,
    },
    /// A participant joined the list.
    ParticipantAdded {
        /// The participant (its id never used before in this session).
        participant: Participant,
    },
    /// A participant's details or presence changed.
    ParticipantEdited {
        /// The participant as it is now.
        participant: Participant,
    },
    /// A participant was removed from the list.
    ParticipantRemoved {
        /// Participant id.
        id: u32,
    },
    /// The number of voters of a vote step was set.
    VotersSet {
        /// Step id.
        step: String,
        /// Number of voters; none goes back to the participants present.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        voters: Option<u32>,
    },
    /// A dot was put on a card or theme.
    DotAdded {
        /// Step id.
        step: String,
        /// What was voted on.
        target: VoteTarget,
    },
    /// A dot was taken off a card or theme.
    DotRemoved {
        /// Step id.
        step: String,
        /// What was voted on.
        target: VoteTarget,
    },
    /// Vote results were revealed or hidden again.
    VoteRevealed {
        /// Step id.
        step: String,
        /// Shown or hidden.
        revealed: bool,
    },
    /// A matrix cell was rated or cleared.
    CellSet {
        /// Step id.
        step: String,
        /// Row.
        row: RowRef,
        /// Column id.
        column: String,
        /// The value, or none to clear.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<i32>,
    },
    /// A note was written on a matrix cell (empty removes it).
    CellNoted {
        /// Step id.
        step: String,
        /// Row.
        row: RowRef,
        /// Column id.
        column: String,
        /// The note.
        note: String,
    },
    /// A commitment was added to an agreement step.
    CommitmentAdded {
        /// Step id.
        step: String,
        /// The commitment (its id never used before in this session).
        commitment: Commitment,
        /// Index in the list; the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// A commitment was changed.
    CommitmentEdited {
        /// Step id.
        step: String,
        /// The commitment as it is now.
        commitment: Commitment,
    },
    /// A commitment was removed.
    CommitmentRemoved {
        /// Step id.
        step: String,
        /// Commitment id.
        id: u32,
    },
    /// An endorser (party id or `p<participant id>`) endorsed an item or withdrew.
    EndorsementSet {
        /// Step id.
        step: String,
        /// `statement` or a principle id.
        item: String,
        /// Party id, or `p` + participant id.
        endorser: Endorser,
        /// Endorsed or not.
        endorsed: bool,
    },
    /// A step's timer started running.
    TimerStarted {
        /// Step id.
        step: String,
    },
    /// A step's timer was paused.
    TimerPaused {
        /// Step id.
        step: String,
    },
    /// A step's time box was set (and its timer reset).
    TimerSet {
        /// Step id.
        step: String,
        /// Minutes.
        minutes: u32,
    },
    /// An action of a review step was marked (done, still open, dropped), or unmarked.
    ReviewMarked {
        /// Step id.
        step: String,
        /// Item id.
        item: String,
        /// The mark, or none for "not discussed yet".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<ReviewStatus>,
    },
    /// A phone joined the room (made by that phone: the event's origin is this device).
    DeviceJoined {
        /// The device's number in this session (pseudonymous, never reused).
        device: u32,
        /// The name typed on the phone, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// The party chosen on the phone, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
        /// SHA-256 (lowercase hex) of the secret the phone holds; the secret itself is
        /// never stored, so a shared file lets nobody act as the phone.
        #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
        secret: String,
    },
    /// The facilitator removed a device from the room: it can no longer send.
    DeviceRemoved {
        /// The device's number.
        device: u32,
    },
    /// The facilitator let a removed device back in.
    DeviceReadmitted {
        /// The device's number.
        device: u32,
    },
    /// A phone proposed a card (to the inbox, or straight onto the board when the inbox
    /// is off for the step).
    CardProposed {
        /// Step id.
        step: String,
        /// Lane id.
        lane: String,
        /// The proposal's id; the card gets the same id when accepted.
        proposal: u32,
        /// The card's text.
        text: String,
        /// The party it is tagged with (the device's, else the lane's).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
    },
    /// A phone proposed a commitment of an agreement step.
    CommitmentProposed {
        /// Step id.
        step: String,
        /// The proposal's id; the commitment gets the same id when accepted.
        proposal: u32,
        /// What will be done.
        what: String,
        /// Who does it.
        #[serde(default)]
        who: String,
        /// By when.
        #[serde(default)]
        when: String,
    },
    /// The facilitator accepted a proposal from the inbox, perhaps with its text edited.
    ProposalAccepted {
        /// The proposal's id.
        proposal: u32,
        /// The text as the facilitator edited it (a card's text, a commitment's "what");
        /// the proposed text when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        /// Index in the lane or list; the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// The facilitator accepted several proposals at once ("accept all").
    ProposalsAccepted {
        /// The proposals' ids, in the order they are added.
        proposals: Vec<u32>,
    },
    /// The facilitator rejected a proposal: it never reaches the board.
    ProposalRejected {
        /// The proposal's id.
        proposal: u32,
    },
    /// A proposal went back to the inbox (what undoing an accept or reject does).
    ProposalReopened {
        /// The proposal's id.
        proposal: u32,
    },
    /// Whether phones' proposals wait in the inbox, for the session or for one step.
    InboxSet {
        /// Step id; the session's setting when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        step: Option<String>,
        /// On (proposals wait for the facilitator) or off (they appear at once); absent:
        /// the step follows the session, the session goes back to on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<bool>,
    },
    /// Several content changes made as one (everyone present endorses a principle; a card
    /// moves to a party's lane and takes that party): one event, undone and redone as one,
    /// refused whole (nothing changes) when one of them does not fit.
    Group {
        /// The changes in the order they apply: at least one, each a content change that
        /// is not itself a group.
        #[schemars(length(min = 1))]
        changes: Vec<Change>,
    },
    /// A card was put aside in the parking lot (off its board, kept with its step and
    /// lane), at `position` in the lot (the end when absent).
    CardParked {
        /// The board step it is on.
        step: String,
        /// Card id.
        card: CardId,
        /// Index in the parking lot; the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// A card was taken out of the parking lot, back onto the lane it came from.
    CardUnparked {
        /// Card id.
        card: CardId,
        /// Index within its lane; the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// An item was placed on a grid, moved, or taken off the field.
    GridPlaced {
        /// Step id.
        step: String,
        /// The item.
        item: GridItem,
        /// Where it stands now; none takes it off the field.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<GridPoint>,
    },
    /// A note was written on a grid's item (empty removes it).
    GridNoted {
        /// Step id.
        step: String,
        /// The item.
        item: GridItem,
        /// The note.
        note: String,
    },
    /// An item was typed on the spot into a grid.
    GridItemAdded {
        /// Step id.
        step: String,
        /// The new item's id (never used before in this session).
        item: u32,
        /// Its name.
        label: String,
        /// The party it belongs to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
        /// Index among the typed items; the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// A typed item of a grid was renamed.
    GridItemEdited {
        /// Step id.
        step: String,
        /// The item's id.
        item: u32,
        /// Its new name.
        label: String,
    },
    /// A typed item was removed from a grid (with its place and note).
    GridItemRemoved {
        /// Step id.
        step: String,
        /// The item's id.
        item: u32,
    },
    /// A consent round moved to another round (questions, reactions, objections, consent).
    ConsentPhaseSet {
        /// Step id.
        step: String,
        /// The round now.
        phase: ConsentPhase,
    },
    /// What a member said in the questions or reactions round (empty removes it).
    ConsentSaid {
        /// Step id.
        step: String,
        /// `questions` or `reactions`.
        phase: ConsentPhase,
        /// Who said it: a party id, `p` + participant id, or `d` + device number.
        member: Endorser,
        /// The question or reaction.
        text: String,
    },
    /// A member's position on the proposal was recorded or cleared.
    ConsentPositionSet {
        /// Step id.
        step: String,
        /// Whose position: a party id, `p` + participant id, or `d` + device number.
        member: Endorser,
        /// The position; none clears it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<Position>,
    },
    /// The proposal was amended (perhaps resolving objections).
    ConsentAmended {
        /// Step id.
        step: String,
        /// The amendment's id (never used before in this session).
        amendment: u32,
        /// The proposal as amended.
        text: String,
        /// The members whose objection it resolves.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        resolves: Vec<Endorser>,
    },
    /// The last amendment was taken back (what undoing an amendment does).
    ConsentAmendmentWithdrawn {
        /// Step id.
        step: String,
        /// The amendment's id.
        amendment: u32,
    },
    /// The decision was taken ("besluit genomen"), or taken back.
    ConsentDecided {
        /// Step id.
        step: String,
        /// Taken or not.
        decided: bool,
    },
    /// A respondent's answer to a poll's statement (a poll that keeps each answer).
    PollAnswered {
        /// Step id.
        step: String,
        /// Statement id.
        statement: String,
        /// Who answered: `p` + participant id or `d` + device number.
        respondent: Endorser,
        /// The answer; none clears it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        answer: Option<i32>,
    },
    /// One answer more (or fewer) in a poll that keeps only counts.
    PollCounted {
        /// Step id.
        step: String,
        /// Statement id.
        statement: String,
        /// The answer.
        answer: i32,
        /// One more (true) or one fewer.
        added: bool,
    },
    /// A poll's statement was revealed (its answers shown) or hidden again.
    PollRevealed {
        /// Step id.
        step: String,
        /// Statement id.
        statement: String,
        /// Shown or hidden.
        revealed: bool,
    },
    /// A statement was added to a poll in the room.
    PollStatementAdded {
        /// Step id.
        step: String,
        /// Its id (unique in the step).
        id: String,
        /// The statement.
        text: String,
        /// Index among the added statements; the end when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    /// A statement added in the room was removed (before anyone answered it).
    PollStatementRemoved {
        /// Step id.
        step: String,
        /// Its id.
        id: String,
    },
    /// The last change that can be undone was undone.
    Undo,
    /// The last undone change was done again.
    Redo,
}

impl Change {
    /// The change itself, or each change of a group.
    pub fn each(&self) -> impl Iterator<Item = &Change> {
        let (one, group) = match self {
            Change::Group { changes } => (None, changes.as_slice()),
            other => (Some(other), &[][..]),
        };
        one.into_iter().chain(group)
    }

    /// Whether undo reverts this change. Navigation and the timer are not content:
    /// undo skips them and they do not clear the redo history.
    pub fn is_content(&self) -> bool {
        // A group holds content changes only (the reducer refuses any other).
        !matches!(
            self,
            Change::StepOpened { .. }
                | Change::TimerStarted { .. }
                | Change::TimerPaused { .. }
                | Change::TimerSet { .. }
                | Change::Undo
                | Change::Redo
        )
    }
}
