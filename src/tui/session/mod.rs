//! A session on screen: the live log and its state (core), the file it is saved in (the
//! store's [`SessionFile`]), and the view on it ([`View`]: plain data). Every change, from
//! whatever source, goes through [`SessionScreen::apply`]: recorded by core, handed to the
//! file, the selection kept valid, what it made selected. Nothing else changes a session.

pub mod end;
pub mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;

use self::view::{Cursor, Mode, Scene, Seat, StatusKind, View};
use super::action::Action;
use super::input::Origin;
use super::room::{RoomAsk, RoomHost};
use super::steps::{self, Reaction};
use super::theme::Theme;
use super::timer::Bell;
use crate::core::touch::touched;
use crate::core::{Change, Lang, Live, Scenario, Session};
use crate::room::RoomRequest;
use crate::store::writer::{FINISH_WAIT, Notify};
use crate::store::{FileError, SaveStatus, SessionFile};

/// A session open on screen.
pub struct SessionScreen {
    /// The log and its state.
    pub live: Live,
    /// What is selected and open.
    pub view: View,
    /// The file, saved and locked; none when the session is shown read-only.
    pub file: Option<SessionFile>,
    path: PathBuf,
    /// Whether a quit was already held back because saving fails.
    pub quit_warned: bool,
    /// Whether the countdown on screen has rung its bell.
    pub bell: Bell,
    /// The room: its server while it is open, and how it opens.
    pub room: RoomHost,
    /// The channel to beamers of this session (`samenspel beamer`), while it is open for
    /// editing; none without one.
    pub beamers: Option<crate::store::channel::Publisher>,
    /// Whether the beamers show the room's content as it is typed (the side panel's `b`).
    pub typing: super::beamer::TypingSetting,
}

/// Where a change comes from, on the one path.
enum Source {
    /// A change: the facilitator's, or another sender's.
    Change(Change, Origin),
    /// A phone's request from the room's server.
    Room(RoomRequest),
}

impl SessionScreen {
    fn with(live: Live, path: PathBuf, file: Option<SessionFile>) -> SessionScreen {
        let mut view = View::of(&live);
        view.keep_valid(&live.state);
        SessionScreen {
            live,
            view,
            file,
            path,
            quit_warned: false,
            bell: Bell::default(),
            room: RoomHost::default(),
            beamers: None,
            typing: super::beamer::TypingSetting::default(),
        }
    }

    /// Starts a new session of `scenario` in the sessions folder and writes it at once;
    /// without a title, the scenario's.
    pub fn create(
        scenario: Scenario,
        title: Option<String>,
        now: Timestamp,
        lang: Lang,
    ) -> Result<SessionScreen, FileError> {
        let title = title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| scenario.title.get(lang).to_string());
        let mut session = Session::new(Arc::new(scenario), title, now, lang);
        crate::store::zone::stamp(&mut session);
        SessionScreen::create_prepared(session)
    }

    /// Starts a new session in a given file, which must not exist yet.
    pub fn create_at(
        path: PathBuf,
        scenario: Scenario,
        title: String,
        now: Timestamp,
        lang: Lang,
    ) -> Result<SessionScreen, FileError> {
        let mut session = Session::new(Arc::new(scenario), title, now, lang);
        crate::store::zone::stamp(&mut session);
        let file = SessionFile::create_at(path, &session)?;
        SessionScreen::started(file, session)
    }

    /// Starts a prepared session (e.g. one that continues a series) in a new file in the
    /// sessions folder, and writes it at once.
    pub fn create_prepared(session: Session) -> Result<SessionScreen, FileError> {
        let file = SessionFile::create(&session)?;
        SessionScreen::started(file, session)
    }

    fn started(file: SessionFile, session: Session) -> Result<SessionScreen, FileError> {
        let path = file.path().to_path_buf();
        let live = Live::open(session).map_err(|p| FileError::one(&path, p))?;
        Ok(SessionScreen::with(live, path, Some(file)))
    }

    /// Reopens a saved session where it was left: locked for this process, or
    /// read-only (no lock, nothing is ever written).
    pub fn open(path: &Path, read_only: bool) -> Result<SessionScreen, FileError> {
        if read_only {
            let live = SessionFile::open_read_only(path)?;
            return Ok(SessionScreen::viewing(live, path));
        }
        let (file, live) = SessionFile::open(path)?;
        Ok(SessionScreen::on_file(file, live))
    }

    /// A session the store opened ([`SessionFile::open_locked`]), on screen.
    pub fn on_file(file: SessionFile, live: Live) -> SessionScreen {
        let path = file.path().to_path_buf();
        SessionScreen::with(live, path, Some(file))
    }

    /// A session read from `path` shown read-only: nothing is ever written.
    pub fn viewing(live: Live, path: &Path) -> SessionScreen {
        SessionScreen::with(live, path.to_path_buf(), None)
    }

    /// The session file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the screen draws: the state and the view on it.
    pub fn scene(&self) -> Scene<'_> {
        Scene {
            live: &self.live,
            view: &self.view,
            seat: if self.read_only() {
                Seat::Viewer
            } else {
                Seat::Facilitator
            },
        }
    }

    /// Whether the session is only looked at (`open --read-only`): nothing is saved, and
    /// no key suggests an edit.
    pub fn read_only(&self) -> bool {
        self.file.is_none()
    }

    /// Index of the step on screen.
    pub fn current(&self) -> usize {
        self.live.state.current
    }

    /// The selection of the step on screen.
    pub fn cursor(&self) -> Cursor {
        self.view.cursor(self.current())
    }

    /// The save status, or none when read-only.
    pub fn save_status(&self) -> Option<SaveStatus> {
        self.file.as_ref().map(SessionFile::status)
    }

    /// Calls `notify` whenever the save status may have changed (the session loop wakes).
    pub fn on_status(&self, notify: Notify) {
        if let Some(file) = &self.file {
            file.on_status(notify);
        }
    }

    /// The one path of a change, from any source: recorded in core, handed to the file,
    /// the selection kept valid (the selected card stays selected where it moved); what
    /// the facilitator added, or what an undo or redo touched, is selected. A change the
    /// state refuses is said in the status line and not recorded; false then.
    pub fn apply(&mut self, change: Change, origin: Origin, now: Timestamp, lang: Lang) -> bool {
        if self.read_only()
            && let Change::StepOpened { .. } = change
        {
            // Browsing: the screen's own copy of the state turns to the step; the log and
            // the file stay as they are.
            let event = crate::core::Event {
                at: now,
                origin: None,
                change,
            };
            if self.live.state.apply(&event).is_err() {
                return false;
            }
            self.view.keep_valid(&self.live.state);
            self.view.matrix.analysis = None;
            return true;
        }
        self.through(Source::Change(change, origin), now, lang)
    }

    /// A phone's request from the room, on the same path: the room records it through
    /// the one reducer (with the phone as its origin), the event goes to the file, the
    /// selection is kept and nothing jumps. The phone is answered once it is saved
    /// ([`SessionScreen::settle`]), and told of a refusal at once (the facilitator's status
    /// line stays calm). False when nothing new was recorded.
    pub fn apply_room(&mut self, request: RoomRequest, now: Timestamp, lang: Lang) -> bool {
        self.through(Source::Room(request), now, lang)
    }

    fn through(&mut self, source: Source, now: Timestamp, lang: Lang) -> bool {
        let Some(file) = self.file.as_ref().filter(|f| !f.is_closed()) else {
            if matches!(source, Source::Change(..)) {
                self.view.problem(lang.pick(
                    "alleen lezen: wijzigingen worden niet bewaard",
                    "read-only: changes are not kept",
                ));
            }
            return false;
        };
        let state = &self.live.state;
        let by_facilitator = matches!(source, Source::Change(_, Origin::Facilitator));
        let (focus, grouped, opens_step, moves_away) = match &source {
            Source::Change(change, Origin::Facilitator) => {
                // What an undo or redo does is the first change of its group.
                let focus = match change {
                    Change::Undo => state.next_undo().and_then(|c| c.first()).cloned(),
                    Change::Redo => state.next_redo().and_then(|c| c.first()).cloned(),
                    Change::CardAdded { .. }
                    | Change::CommitmentAdded { .. }
                    | Change::ParticipantAdded { .. }
                    | Change::GridItemAdded { .. }
                    | Change::PollStatementAdded { .. } => Some(change.clone()),
                    _ => None,
                };
                (
                    focus,
                    matches!(change, Change::ThemeSet { .. }),
                    matches!(change, Change::StepOpened { .. }),
                    steps::board::moves_away(change, &self.view, state),
                )
            }
            _ => (None, false, false, false),
        };
        // Phones hear of a phone's change from the room itself, of every other this turn.
        let tell_phones = matches!(source, Source::Change(..));
        // The selected card stays selected where it moves, except when the facilitator
        // sends it to another lane: then the selection stays in the lane.
        let kept = self.view.selected_card(state).filter(|_| !moves_away);
        let recorded = match source {
            Source::Change(change, _) => match self.live.record(change, now) {
                Ok(_) => self.live.session.events.last(),
                Err(e) => {
                    self.view.problem(e.message(lang));
                    return false;
                }
            },
            Source::Room(request) => {
                let Some(room) = self.room.server_mut() else {
                    // The room closed meanwhile: the phone sends again when it is back.
                    return false;
                };
                if room.handle(&mut self.live, request, now).is_none() {
                    return false;
                }
                self.live.session.events.last()
            }
        };
        if let Some(event) = recorded {
            file.append(event);
        }
        if tell_phones {
            self.untold();
        }
        // A problem of the facilitator's is solved by the next change that succeeds.
        if by_facilitator
            && self
                .view
                .status
                .as_ref()
                .is_some_and(|s| s.kind == StatusKind::Problem)
        {
            self.view.status = None;
        }
        if grouped {
            // The marks were for this grouping.
            self.view.marked.clear();
        }
        if by_facilitator && opens_step {
            // A check of a hidden vote ends with its step.
            self.view.private = view::FacilitatorOnly::default();
        }
        let state = &self.live.state;
        self.view.keep_valid(state);
        if let (Some(card), Some(board)) = (kept, state.board(state.current))
            && let Some(cursor) = steps::board::cursor_of(board, card)
        {
            *self.view.cursor_mut(state.current) = cursor;
        }
        if let Some(change) = focus {
            let t = touched(&change);
            if let Some(ui) = steps::on_screen(state) {
                (ui.focus)(&mut self.view, state, &t, lang);
            }
            if let (Some(id), Some(panel), Change::ParticipantAdded { .. }) =
                (t.participant, &mut self.view.people, &change)
                && let Some(i) = state.participants.iter().position(|p| p.id == id)
            {
                panel.selected = i;
            }
        }
        true
    }

    /// Carries out what an action asked for.
    pub fn react(&mut self, reaction: Reaction, now: Timestamp, lang: Lang) {
        match reaction {
            Reaction::Record(changes) => {
                for change in changes {
                    if !self.apply(change, Origin::Facilitator, now, lang) {
                        break;
                    }
                }
            }
            Reaction::RecordThenSay(changes, status) => {
                for change in changes {
                    if !self.apply(change, Origin::Facilitator, now, lang) {
                        return;
                    }
                }
                self.view.status = Some(status);
            }
            Reaction::Open(mode) => self.view.mode = mode,
            Reaction::Say(status) => self.view.status = Some(status),
            Reaction::Room(ask) => self.room_ask(ask, lang),
        }
    }

    /// Carries out a key's action on the session: the overlay that is open takes it,
    /// else the participants panel, else the keys of every step, else the step's kind.
    pub fn act(&mut self, action: Action, now: Timestamp, lang: Lang) {
        self.view.clear_info();
        self.view.meeting = Some((crate::store::zone::day_of(&self.live.session, now), lang));
        let state = &self.live.state;
        let view = &mut self.view;
        let reaction = match std::mem::take(&mut view.mode) {
            Mode::Form(form) => super::form::update(form, view, state, &action, lang),
            Mode::Confirm(question) => super::question::answer(question, view, &action),
            Mode::Picker(picker) => steps::board::picker::update(picker, view, state, &action),
            Mode::Spotlight => {
                steps::board::spotlight::update(view, state, &action);
                None
            }
            Mode::Endorse(picker) => {
                steps::agreement::endorse::update(picker, view, state, &action, lang)
            }
            Mode::Normal => return self.act_normal(action, now, lang),
        };
        if let Some(r) = reaction {
            self.react(r, now, lang);
        }
    }

    fn act_normal(&mut self, action: Action, now: Timestamp, lang: Lang) {
        let state = &self.live.state;
        let people = self.view.people.is_some();
        let inbox = self.view.inbox.is_some();
        let agenda = self.view.agenda.is_some();
        let reaction = match action {
            Action::Undo | Action::Redo => {
                return self.undo(action == Action::Redo, now, lang);
            }
            Action::TimerToggle | Action::TimerSet => super::timer::update(state, &action),
            Action::BeamerTyping => {
                return self.toggle_typing(lang);
            }
            _ if agenda => super::side::update(&mut self.view, state, &action),
            _ if people => super::participants::update(&mut self.view, state, &action, lang),
            _ if inbox => super::room::inbox::update(&mut self.view, state, &action, lang),
            Action::Room => Some(Reaction::Room(RoomAsk::Toggle)),
            Action::CloseRoom => Some(super::room::ask_close(self.room.is_open(), lang)),
            Action::Inbox => {
                self.view.inbox = Some(super::room::inbox::InboxPanel::default());
                None
            }
            Action::NextStep | Action::PrevStep => {
                let target = if action == Action::NextStep {
                    state.current + 1
                } else {
                    state.current.wrapping_sub(1)
                };
                state.scenario.steps.get(target).map(|next| {
                    Reaction::record(Change::StepOpened {
                        step: next.id.clone(),
                    })
                })
            }
            Action::ToggleNotes => {
                self.view.show_notes = !self.view.show_notes;
                None
            }
            Action::SidePanel => {
                super::side::toggle(&mut self.view, state);
                None
            }
            Action::Participants => {
                self.view.people = Some(super::participants::Panel::default());
                None
            }
            Action::ParkingLot => Some(Reaction::Say(parking_lot(state, lang))),
            Action::Export => Some(Reaction::Say(super::share::export_beside(
                &self.live, &self.path, lang,
            ))),
            Action::Back => {
                self.view.status = None;
                self.view.marked.clear();
                self.view.matrix.analysis = None;
                None
            }
            other => steps::on_screen(state)
                .and_then(|ui| (ui.update)(&mut self.view, state, &other, lang)),
        };
        // Read-only: only what looks (another step, the large card, a message).
        let reaction = reaction.filter(|r| !self.read_only() || super::browse::allowed(r));
        if let Some(r) = reaction {
            self.react(r, now, lang);
        }
    }

    /// `b` in the side panel: the beamer shows the room's content as it is typed, or no
    /// longer; remembered in the settings file (said when that fails: it holds for now).
    fn toggle_typing(&mut self, lang: Lang) {
        self.typing.on = !self.typing.on;
        let said = if self.typing.on {
            lang.pick(
                "De beamer toont nu wat je typt (geen inbox, geen notities)",
                "The beamer now shows what you type (no inbox, no notes)",
            )
        } else {
            lang.pick(
                "De beamer toont alleen wat bewaard is",
                "The beamer shows only what is saved",
            )
        };
        let kept = self.typing.config.as_ref().map(|path| {
            crate::store::config::remember(
                path,
                "beamer_typing",
                serde_json::Value::Bool(self.typing.on),
            )
        });
        match kept {
            Some(Err(e)) => self.view.problem(format!(
                "{} {}",
                lang.pick("Niet onthouden:", "Not remembered:"),
                e.describe(lang)
            )),
            _ => self.view.info(said),
        }
    }

    /// Undoes (or redoes) the last change and says so, when it was made on the step on
    /// screen (or on no step: a participant). When it was made on another step, that step
    /// is shown first, with what the undo touches selected, and the facilitator is asked;
    /// "no" goes back to the step they were on. Every step shown is an event, so a replay
    /// shows the same.
    fn undo(&mut self, redo: bool, now: Timestamp, lang: Lang) {
        let prepared = match super::undo::prepare(&self.live.state, redo, lang) {
            Err(nothing) => return self.view.info(nothing),
            Ok(p) => p,
        };
        let state = &self.live.state;
        let (Some(there), Some(here)) = (
            prepared
                .elsewhere
                .and_then(|i| state.scenario.steps.get(i))
                .map(|s| s.id.clone()),
            state.current_step().map(|s| s.id.clone()),
        ) else {
            if self.apply(prepared.change, Origin::Facilitator, now, lang) {
                self.view.info(prepared.said);
            }
            return;
        };
        let change = Change::StepOpened { step: there };
        if !self.apply(change, Origin::Facilitator, now, lang) {
            return;
        }
        let state = &self.live.state;
        let next = if redo {
            state.next_redo()
        } else {
            state.next_undo()
        };
        if let (Some(first), Some(ui)) = (next.and_then(|c| c.first()), steps::on_screen(state)) {
            (ui.focus)(&mut self.view, state, &touched(first), lang);
        }
        let text = super::undo::question(&prepared, state, redo, lang);
        let said = prepared
            .said
            .split(" (")
            .next()
            .unwrap_or_default()
            .to_string();
        self.view.mode = Mode::Confirm(Box::new(super::question::Question {
            text,
            yes: Some(Reaction::RecordThenSay(
                vec![prepared.change],
                view::Status::info(said),
            )),
            no: super::question::No::Record(vec![Change::StepOpened { step: here }]),
        }));
    }

    /// A mouse click at a screen cell of the step's `area`.
    pub fn click(
        &mut self,
        area: ratatui::layout::Rect,
        column: u16,
        row: u16,
        theme: &Theme,
        lang: Lang,
    ) {
        if let Some(click) = steps::on_screen(&self.live.state).and_then(|ui| ui.click) {
            click(
                &mut self.view,
                &self.live.state,
                area,
                column,
                row,
                theme,
                lang,
            );
        }
    }

    /// Writes what is pending, stops saving and releases the lock, waiting at most
    /// [`FINISH_WAIT`]; returns the final status (none when read-only). For tests and
    /// tools; the app closes through [`end::close`], on its way out.
    pub fn close(&mut self) -> Option<SaveStatus> {
        self.close_within(FINISH_WAIT)
    }

    /// As [`SessionScreen::close`], waiting at most `wait` for the last save. Closing
    /// again returns the status of the first close.
    pub fn close_within(&mut self, wait: Duration) -> Option<SaveStatus> {
        self.close_room_now();
        self.file.as_mut().map(|f| f.close(wait))
    }
}

/// The parking lot in one line: how many, and their texts.
fn parking_lot(state: &crate::core::SessionState, lang: Lang) -> super::session::view::Status {
    use super::session::view::Status;
    if state.parked.is_empty() {
        return Status::info(lang.pick(
            "De parkeerplaats is leeg (v op een bord zet een kaart apart).",
            "The parking lot is empty (v on a board puts a card aside).",
        ));
    }
    let texts: Vec<String> = state
        .parked
        .iter()
        .map(|p| crate::core::clean::one_line(&p.card.text))
        .collect();
    Status::info(format!(
        "{} ({}): {}",
        lang.pick("Parkeerplaats", "Parking lot"),
        texts.len(),
        texts.join(" · ")
    ))
}
