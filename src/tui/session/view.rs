//! What the screen remembers about a session besides the session itself: the selection on
//! every step, the overlay that is open, the marks, the status message. Plain data, no
//! file and no terminal, so a copy can be handed to another screen and every step
//! module's `update` can change it without doing anything else.

use std::collections::BTreeSet;

use crate::core::state::CardId;
use crate::core::{Live, SessionState, StepState};

use super::super::form::Form;
use super::super::participants::Panel;
use super::super::question::Question;
use super::super::room::RoomShown;
use super::super::room::inbox::InboxPanel;
use super::super::steps::agreement::endorse::EndorsePicker;
use super::super::steps::board::picker::Picker;
use super::super::steps::matrix::MatrixUi;

/// The selection within one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Selected lane (boards) or column.
    pub lane: usize,
    /// Selected card (its place in the lane as shown) or row.
    pub card: usize,
}

/// What kind of message the status line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    /// Something did not happen (a refused change, a failed export); stays until a
    /// change succeeds or Esc.
    Problem,
    /// A calm word (what was undone, where the export went); gone with the next key.
    Info,
}

/// The one message of the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Problem or information.
    pub kind: StatusKind,
    /// What it says.
    pub text: String,
}

impl Status {
    /// A problem.
    pub fn problem(text: impl Into<String>) -> Status {
        Status {
            kind: StatusKind::Problem,
            text: text.into(),
        }
    }

    /// An information.
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            kind: StatusKind::Info,
            text: text.into(),
        }
    }
}

/// What keys do right now: move around, or answer the overlay that is open.
#[derive(Clone, Debug, Default)]
pub enum Mode {
    /// Moving around and acting on the selection.
    #[default]
    Normal,
    /// Typing: a card, a note, a theme's name, or the fields of a small form.
    Form(Box<Form>),
    /// A yes/no question before a change that removes something.
    Confirm(Box<Question>),
    /// Choosing the party of a card.
    Picker(Picker),
    /// One card alone on the screen, very large.
    Spotlight,
    /// Choosing who endorses an item of an agreement.
    Endorse(EndorsePicker),
}

/// What only the facilitator may see, never the room: a screen that mirrors the room
/// (`follow`, a beamer) is handed [`View::for_room`], which clears it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FacilitatorOnly {
    /// The dots per card of a vote whose results are hidden, to check what was entered
    /// (`c` on a vote step; gone with the next step).
    pub vote_counts: bool,
}

/// The view of one session: what is selected and open.
#[derive(Clone, Debug, Default)]
pub struct View {
    /// Selection per step.
    pub cursors: Vec<Cursor>,
    /// Key mode: the overlay that is open.
    pub mode: Mode,
    /// Whether the facilitator notes are shown (facilitator-only too: [`View::for_room`]
    /// hides them).
    pub show_notes: bool,
    /// What only the facilitator may see.
    pub private: FacilitatorOnly,
    /// The status line's message.
    pub status: Option<Status>,
    /// Cards marked (space) for grouping; ids are unique across steps.
    pub marked: BTreeSet<CardId>,
    /// The participants panel, when open.
    pub people: Option<Panel>,
    /// The day of the key being handled, in the meeting's zone, and the interface
    /// language: what a typed date ("volgende week") is read against. Set by the session
    /// screen before each key.
    pub meeting: Option<(jiff::civil::Date, crate::core::Lang)>,
    /// What the matrix screens remember between keys (the open analysis, a typed sign);
    /// a grid's analysis opens here too.
    pub matrix: MatrixUi,
    /// What the grid, consent and poll screens remember between keys (a first digit).
    pub memory: super::super::steps::memory::StepMemory,
    /// The room, while it is open: its address, join code and QR code, and whether the QR
    /// code is shown. Part of what the room sees (a beamer mirrors it).
    pub room: Option<RoomShown>,
    /// Facilitator-only: the inbox of phones' proposals, when open. Never part of what the
    /// room sees ([`View::for_the_room`]).
    pub inbox: Option<InboxPanel>,
    /// Facilitator-only: the console's side panel (`C`) is open.
    pub side: bool,
    /// Facilitator-only: the step chosen in the side panel's agenda while the panel has
    /// the keys; none while the step on screen has them.
    pub agenda: Option<usize>,
    /// Facilitator-only: how many lines ↓ has scrolled the side panel past the agenda's
    /// last step (to the notes, the next step, the inbox on a short screen), and how many
    /// more there are to scroll (as last drawn).
    pub side_below: usize,
    pub side_more: std::cell::Cell<usize>,
    /// On a beamer: what the console types for the room, as it is typed (only when the
    /// facilitator lets the beamer show it; see [`crate::tui::beamer::Typing`]).
    pub typing: Option<super::super::beamer::Typing>,
}

impl View {
    /// A view of a session with nothing selected yet.
    pub fn of(live: &Live) -> View {
        View {
            cursors: vec![Cursor::default(); live.state.steps.len()],
            ..View::default()
        }
    }

    /// The view as the room may see it: without anything facilitator-only (notes, the
    /// counts of a hidden vote). What a screen that mirrors the room is handed.
    pub fn for_room(&self) -> View {
        View {
            show_notes: false,
            private: FacilitatorOnly::default(),
            ..self.clone()
        }
    }

    /// The selection of step `step`.
    pub fn cursor(&self, step: usize) -> Cursor {
        self.cursors.get(step).copied().unwrap_or_default()
    }

    /// The selection of step `step`, to change.
    pub fn cursor_mut(&mut self, step: usize) -> &mut Cursor {
        if self.cursors.len() <= step {
            self.cursors.resize(step + 1, Cursor::default());
        }
        &mut self.cursors[step]
    }

    /// The selected card on the board on screen.
    pub fn selected_card(&self, state: &SessionState) -> Option<CardId> {
        let cursor = self.cursor(state.current);
        let board = state.board(state.current)?;
        let lane = board.lanes.get(cursor.lane)?;
        super::super::steps::board::order::card_at(lane, cursor.card).map(|c| c.id)
    }

    /// What the room may see of this view (what a beamer mirrors): everything but what is
    /// the facilitator's alone: the inbox, the facilitator notes, the participants panel
    /// (names), the status line's message, and a form that only the facilitator fills in
    /// (editing a phone's proposal, choosing the room's address).
    pub fn for_the_room(&self) -> View {
        let mode = match &self.mode {
            Mode::Form(f) if f.purpose.facilitator_only() => Mode::Normal,
            other => other.clone(),
        };
        View {
            mode,
            show_notes: false,
            status: None,
            people: None,
            inbox: None,
            side: false,
            agenda: None,
            side_below: 0,
            side_more: std::cell::Cell::new(0),
            ..self.clone()
        }
    }

    /// Says a problem in the status line.
    pub fn problem(&mut self, text: impl Into<String>) {
        self.status = Some(Status::problem(text));
    }

    /// Says something calm in the status line.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status::info(text));
    }

    /// Forgets a calm message (the next key does).
    pub fn clear_info(&mut self) {
        if self
            .status
            .as_ref()
            .is_some_and(|s| s.kind == StatusKind::Info)
        {
            self.status = None;
        }
    }

    /// Keeps every selection inside what exists, and forgets marks on cards that are gone.
    pub fn keep_valid(&mut self, state: &SessionState) {
        self.marked.retain(|id| {
            state
                .steps
                .iter()
                .any(|s| matches!(s, StepState::Board(b) if b.find(*id).is_some()))
        });
        for (i, cursor) in self.cursors.iter_mut().enumerate() {
            if let Some(StepState::Board(b)) = state.steps.get(i) {
                cursor.lane = cursor.lane.min(b.lanes.len().saturating_sub(1));
                let n = b.lanes.get(cursor.lane).map_or(0, |l| l.cards.len());
                cursor.card = cursor.card.min(n.saturating_sub(1));
            }
        }
        let count = state.participants.len() + state.room.devices.len();
        if let Some(panel) = &mut self.people {
            panel.selected = panel.selected.min(count.saturating_sub(1));
        }
        if let Some(chosen) = &mut self.agenda {
            *chosen = (*chosen).min(state.scenario.steps.len().saturating_sub(1));
        }
        let waiting = state.room.inbox().count();
        if let Some(inbox) = &mut self.inbox {
            inbox.selected = inbox.selected.min(waiting.saturating_sub(1));
        }
    }
}

/// Who looks at a scene: it decides which hints are drawn (only keys that work there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seat {
    /// The facilitator at a live session: editing hints ("a voegt een kaart toe").
    Facilitator,
    /// Someone browsing: `open --read-only`, a replay and its summary, follow. No hint
    /// that suggests an edit.
    Viewer,
}

/// What a screen draws of a session: the log and its state, and the view on it. Drawing
/// reads a scene and never changes it.
#[derive(Clone, Copy)]
pub struct Scene<'a> {
    /// The log and its state.
    pub live: &'a Live,
    /// What is selected and open.
    pub view: &'a View,
    /// Who looks.
    pub seat: Seat,
}

impl<'a> Scene<'a> {
    /// The state.
    pub fn state(&self) -> &'a SessionState {
        &self.live.state
    }

    /// Index of the step on screen.
    pub fn current(&self) -> usize {
        self.live.state.current
    }

    /// The selection of the step on screen.
    pub fn cursor(&self) -> Cursor {
        self.view.cursor(self.current())
    }

    /// Whether editing hints are drawn.
    pub fn edits(&self) -> bool {
        self.seat == Seat::Facilitator
    }
}

/// A session shown read-only (a replay, its summary, a followed file): the log and its
/// state, and the view on it; nothing is ever saved.
#[derive(Clone, Debug)]
pub struct Shown {
    /// The log and its state.
    pub live: Live,
    /// What is selected and open.
    pub view: View,
}

impl Shown {
    /// A session shown from its start of view.
    pub fn new(live: Live) -> Shown {
        let mut view = View::of(&live);
        view.keep_valid(&live.state);
        Shown { live, view }
    }

    /// What is drawn: a session shown read-only is looked at, never edited.
    pub fn scene(&self) -> Scene<'_> {
        Scene {
            live: &self.live,
            view: &self.view,
            seat: Seat::Viewer,
        }
    }

    /// Index of the step on screen.
    pub fn current(&self) -> usize {
        self.live.state.current
    }
}
