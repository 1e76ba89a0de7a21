//! An open session on screen: the live log, where it is saved, and what is selected.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use ratatui_textarea::TextArea;

use crate::core::state::{CardId, RowRef};
use crate::core::{Change, Lang, Live, Scenario, Session, StepState};
use crate::store::writer::FINISH_WAIT;
use crate::store::{FileError, SaveStatus, SessionFile};

/// The selection within one step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// Selected lane (boards) or column.
    pub lane: usize,
    /// Selected card (index within the lane) or row.
    pub card: usize,
}

/// What a text editor is editing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditTarget {
    /// A new card at the end of a lane.
    NewCard {
        /// Lane index.
        lane: usize,
    },
    /// The text of an existing card.
    Card(CardId),
    /// The name of a theme for these cards.
    Theme(Vec<CardId>),
    /// The note on a matrix cell (saving an empty note removes it).
    CellNote {
        /// The row.
        row: RowRef,
        /// The column id.
        column: String,
    },
}

impl EditTarget {
    /// The editor's title: what Enter will save.
    pub fn title(&self, lang: Lang) -> &'static str {
        match self {
            EditTarget::NewCard { .. } => lang.pick(
                " Nieuwe kaart · Enter bewaart · Esc annuleert ",
                " New card · Enter saves · Esc cancels ",
            ),
            EditTarget::Card(_) => lang.pick(
                " Kaart bewerken · Enter bewaart · Esc annuleert ",
                " Edit card · Enter saves · Esc cancels ",
            ),
            EditTarget::Theme(_) => lang.pick(
                " Naam van het thema · Enter bewaart · Esc annuleert ",
                " Name of the theme · Enter saves · Esc cancels ",
            ),
            EditTarget::CellNote { .. } => lang.pick(
                " Notitie bij de cel · Enter bewaart (leeg wist) · Esc annuleert ",
                " Note on the cell · Enter saves (empty removes) · Esc cancels ",
            ),
        }
    }
}

/// A short list to choose one item from (e.g. the party that said a card).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// The card the choice is for.
    pub card: CardId,
    /// The highlighted choice: an index into the scenario's parties, or one past the
    /// end for "no party".
    pub selected: usize,
}

/// An open text editor.
pub struct Editor {
    /// The editing widget.
    pub textarea: TextArea<'static>,
    /// What Enter saves to.
    pub target: EditTarget,
}

/// What keys do right now.
pub enum Mode {
    /// Moving around and acting on the selection.
    Normal,
    /// Typing text.
    Edit(Box<Editor>),
    /// Asking whether to delete a card.
    ConfirmDelete(CardId),
    /// Choosing from a short list.
    Picker(Picker),
    /// One card alone on the screen, very large.
    Spotlight,
    /// A small form (participant, commitment, voters, minutes).
    Form(Box<super::form::Form>),
    /// Choosing who endorses an item of an agreement.
    Endorse(super::endorse::EndorsePicker),
    /// Asking yes/no before a change that removes something.
    Confirm(Box<super::form::Confirm>),
}

/// A session open on screen.
pub struct Workspace {
    /// The log and its state.
    pub live: Live,
    /// The session file.
    pub path: PathBuf,
    /// The file, saved and locked; none when the session is shown read-only.
    pub file: Option<SessionFile>,
    /// Whether a quit was already held back because saving fails.
    pub quit_warned: bool,
    /// Selection per step.
    pub cursors: Vec<Cursor>,
    /// Key mode.
    pub mode: Mode,
    /// Whether the facilitator notes are shown.
    pub show_notes: bool,
    /// The last problem to show in the status line (e.g. a refused change).
    pub notice: Option<String>,
    /// A calm message for the status line (e.g. what was undone); cleared by the next key.
    pub info: Option<String>,
    /// Cards marked (space) for grouping; ids are unique across steps.
    pub marked: BTreeSet<CardId>,
    /// The participants panel, when open.
    pub people: Option<super::participants::Panel>,
    /// Whether the countdown on screen has rung its bell.
    pub bell: super::timer::Bell,
    /// What the matrix screens remember between keys (the open analysis, a typed sign).
    pub matrix: super::matrix::MatrixUi,
}

impl Workspace {
    fn with(live: Live, path: PathBuf, file: Option<SessionFile>) -> Workspace {
        let steps = live.state.steps.len();
        Workspace {
            live,
            path,
            file,
            quit_warned: false,
            cursors: vec![Cursor::default(); steps],
            mode: Mode::Normal,
            show_notes: false,
            notice: None,
            info: None,
            marked: BTreeSet::new(),
            people: None,
            bell: super::timer::Bell::default(),
            matrix: super::matrix::MatrixUi::default(),
        }
    }

    /// A session shown without a file and without saving (replay, benchmarks, previews).
    pub fn read_only(live: Live) -> Workspace {
        Workspace::with(live, PathBuf::new(), None)
    }

    /// Starts a new session of `scenario` in the sessions folder and writes it at once.
    pub fn create(
        scenario: Scenario,
        title: Option<String>,
        now: Timestamp,
        lang: Lang,
    ) -> Result<Workspace, FileError> {
        let title = title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| scenario.title.get(lang).to_string());
        let mut session = Session::new(Arc::new(scenario), title, now, lang);
        crate::store::zone::stamp(&mut session);
        Workspace::create_prepared(session)
    }

    /// Starts a new session in a given file, which must not exist yet.
    pub fn create_at(
        path: PathBuf,
        scenario: Scenario,
        title: String,
        now: Timestamp,
        lang: Lang,
    ) -> Result<Workspace, FileError> {
        let mut session = Session::new(Arc::new(scenario), title, now, lang);
        crate::store::zone::stamp(&mut session);
        let file = SessionFile::create_at(path, &session)?;
        Workspace::started(file, session)
    }

    /// Starts a prepared session (e.g. one that continues a series) in a new file in the
    /// sessions folder, and writes it at once.
    pub fn create_prepared(session: Session) -> Result<Workspace, FileError> {
        let file = SessionFile::create(&session)?;
        Workspace::started(file, session)
    }

    fn started(file: SessionFile, session: Session) -> Result<Workspace, FileError> {
        let path = file.path().to_path_buf();
        let live = Live::open(session).map_err(|p| FileError::one(&path, p))?;
        Ok(Workspace::with(live, path, Some(file)))
    }

    /// Reopens a saved session where it was left: locked for this process, or
    /// read-only (no lock, nothing is ever written).
    pub fn open(path: &Path, read_only: bool) -> Result<Workspace, FileError> {
        if read_only {
            let live = SessionFile::open_read_only(path)?;
            return Ok(Workspace::viewing(live, path));
        }
        let (file, live) = SessionFile::open(path)?;
        Ok(Workspace::on_file(file, live))
    }

    /// A session opened by the store ([`SessionFile::open_locked`]), on screen.
    pub fn on_file(file: SessionFile, live: Live) -> Workspace {
        let path = file.path().to_path_buf();
        let mut ws = Workspace::with(live, path, Some(file));
        ws.clamp_cursors();
        ws
    }

    /// A session read from `path` shown read-only: nothing is ever written.
    pub fn viewing(live: Live, path: &Path) -> Workspace {
        let mut ws = Workspace::with(live, path.to_path_buf(), None);
        ws.clamp_cursors();
        ws
    }

    /// Applies a change now, hands it to the writer, and keeps the selection valid.
    /// A change the state refuses is shown as a notice and not recorded.
    pub fn record(&mut self, change: Change, now: Timestamp, lang: Lang) -> bool {
        if self.file.as_ref().is_none_or(SessionFile::is_closed) {
            self.notice = Some(
                lang.pick(
                    "alleen lezen: wijzigingen worden niet bewaard",
                    "read-only: changes are not kept",
                )
                .to_string(),
            );
            return false;
        }
        match self.live.record(change, now) {
            Ok(_) => {
                if let (Some(f), Some(e)) = (&self.file, self.live.session.events.last()) {
                    f.append(e);
                }
                self.notice = None;
                self.clamp_cursors();
                true
            }
            Err(e) => {
                self.notice = Some(e.message(lang));
                false
            }
        }
    }

    /// The save status, or none when read-only.
    pub fn save_status(&self) -> Option<SaveStatus> {
        self.file.as_ref().map(SessionFile::status)
    }

    /// Index of the step on screen.
    pub fn current(&self) -> usize {
        self.live.state.current
    }

    /// The selection of the step on screen.
    pub fn cursor(&self) -> Cursor {
        self.cursors
            .get(self.current())
            .copied()
            .unwrap_or_default()
    }

    /// The selection of the step on screen, to change.
    pub fn cursor_mut(&mut self) -> &mut Cursor {
        let i = self.current();
        if self.cursors.len() <= i {
            self.cursors.resize(i + 1, Cursor::default());
        }
        &mut self.cursors[i]
    }

    /// The id of the selected card on a board step.
    pub fn selected_card(&self) -> Option<CardId> {
        let cursor = self.cursor();
        match self.live.state.steps.get(self.current()) {
            Some(StepState::Board(b)) => b
                .lanes
                .get(cursor.lane)
                .and_then(|l| super::board::order::card_at(l, cursor.card))
                .map(|c| c.id),
            _ => None,
        }
    }

    /// Keeps every selection inside what exists (and forgets marks on cards that are gone).
    pub fn clamp_cursors(&mut self) {
        let state = &self.live.state;
        self.marked.retain(|id| {
            state
                .steps
                .iter()
                .any(|s| matches!(s, StepState::Board(b) if b.find(*id).is_some()))
        });
        for (i, cursor) in self.cursors.iter_mut().enumerate() {
            if let Some(StepState::Board(b)) = self.live.state.steps.get(i) {
                cursor.lane = cursor.lane.min(b.lanes.len().saturating_sub(1));
                let n = b.lanes.get(cursor.lane).map_or(0, |l| l.cards.len());
                cursor.card = cursor.card.min(n.saturating_sub(1));
            }
        }
    }

    /// Writes what is pending, stops the writer and releases the lock; returns the
    /// final status (none when read-only).
    pub fn close(&mut self) -> Option<SaveStatus> {
        self.close_within(FINISH_WAIT)
    }

    /// As [`Workspace::close`], waiting at most `wait` for the last save. Closing
    /// again returns the status of the first close.
    pub fn close_within(&mut self, wait: Duration) -> Option<SaveStatus> {
        self.file.as_mut().map(|f| f.close(wait))
    }
}
