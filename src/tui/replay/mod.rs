//! Replay of a saved session: read-only, from its start, change by change, with the step
//! screens of the live app. Moves by itself only after play is pressed.

mod view;

pub use view::{elapsed, render, speed_name};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use jiff::Timestamp;

use super::action::Action;
use super::keys::{KeyTable, also, bind, ch, code, digits, table};
use super::session::view::Shown;
use crate::core::describe::describe;
use crate::core::replay::{Target, Timeline};
use crate::core::touch::touched;
use crate::core::{Change, Event, Lang, Live, Session, SessionState};
use crate::store::{FileError, SessionFile};

/// The playback speeds behind keys `1`-`4`: times faster than the meeting went.
pub const SPEEDS: [u32; 4] = [1, 5, 15, 60];
/// Key `5`: step by step, played at this speed up to the end of each step.
const STEP_SPEED: u32 = 60;
/// A pause in the meeting never holds playback longer than this.
const MAX_WAIT: Duration = Duration::from_millis(2500);
/// At most this many changes are applied between two frames.
const MAX_PER_TICK: usize = 2000;

/// Keys of the replay screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplayKey {
    /// Space: play or pause.
    PlayPause,
    /// `←`: one change back (a page back in the summary).
    Back,
    /// `→`: one change forward (a page on in the summary).
    Forward,
    /// `[`: to the start of the step (or of the one before).
    PrevStep,
    /// `]`: to the start of the next step.
    NextStep,
    /// `Home`: the start.
    First,
    /// `End`: the end.
    Last,
    /// `1`-`5`: a speed (index into 1x, 5x, 15x, 60x, step by step).
    Speed(usize),
    /// `+`: faster.
    Faster,
    /// `-`: slower.
    Slower,
    /// `S`: the summary of every step, or back to the replay.
    Summary,
    /// `f`: facilitator notes.
    Notes,
    /// `A`: the analysis of a matrix step, growing as the log plays.
    Analysis,
    /// `Esc`: close the summary.
    Close,
    /// `↑ ↓`, `Tab`: move the selection on the step shown (the list scrolls with it), or
    /// scroll an open analysis.
    Look(Look),
}

/// Where `↑ ↓ Tab` move the selection of a shown step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// `↑`.
    Up,
    /// `↓`.
    Down,
    /// `Tab`: the next lane (or to the commitments).
    Next,
    /// `Shift-Tab`: the lane before.
    Previous,
}

impl Look {
    fn action(self) -> Action {
        match self {
            Look::Up => Action::Up,
            Look::Down => Action::Down,
            Look::Next => Action::Right,
            Look::Previous => Action::Left,
        }
    }
}

const fn key(k: KeyCode, r: ReplayKey) -> (super::keys::Key, super::keys::Does) {
    code(k, Action::Replay(r))
}

const fn char_key(c: char, r: ReplayKey) -> (super::keys::Key, super::keys::Does) {
    ch(c, Action::Replay(r))
}

/// The keys of the replay screen.
pub static KEYS: KeyTable = table!(
    "Terugkijken",
    "Replay",
    [
        bind!(
            "Space",
            "afspelen / pauzeren",
            "play / pause",
            [char_key(' ', ReplayKey::PlayPause)],
        ),
        bind!(
            "← →",
            "één wijziging terug / verder",
            "one change back / on",
            [
                key(KeyCode::Left, ReplayKey::Back),
                key(KeyCode::Right, ReplayKey::Forward),
            ],
        ),
        bind!(
            "[ ]",
            "vorige / volgende stap",
            "previous / next step",
            [
                char_key('[', ReplayKey::PrevStep),
                key(KeyCode::PageUp, ReplayKey::PrevStep),
                char_key(']', ReplayKey::NextStep),
                key(KeyCode::PageDown, ReplayKey::NextStep),
            ],
        ),
        bind!(
            "Home End",
            "begin / einde",
            "start / end",
            [
                key(KeyCode::Home, ReplayKey::First),
                key(KeyCode::End, ReplayKey::Last),
            ],
        ),
        bind!(
            "1-5 + -",
            "snelheid: 1x 5x 15x 60x, stap voor stap",
            "speed: 1x 5x 15x 60x, step by step",
            [
                digits('1', '5'),
                char_key('+', ReplayKey::Faster),
                char_key('=', ReplayKey::Faster),
                char_key('-', ReplayKey::Slower),
            ],
        ),
        bind!(
            "S",
            "samenvatting per stap (← → bladeren)",
            "summary per step (← → page)",
            [char_key('S', ReplayKey::Summary)],
        ),
        bind!(
            "f",
            "notities begeleider",
            "facilitator notes",
            [char_key('f', ReplayKey::Notes)],
        ),
        bind!(
            "A",
            "analyse van een matrix (groeit mee)",
            "analysis of a matrix (grows as it plays)",
            [char_key('A', ReplayKey::Analysis)],
        ),
        bind!(
            "↑ ↓ Tab",
            "kies op de stap (de lijst schuift mee)",
            "select on the step (the list scrolls along)",
            [
                key(KeyCode::Up, ReplayKey::Look(Look::Up)),
                key(KeyCode::Down, ReplayKey::Look(Look::Down)),
                key(KeyCode::Tab, ReplayKey::Look(Look::Next)),
                key(KeyCode::BackTab, ReplayKey::Look(Look::Previous)),
            ],
        ),
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
        bind!("q", "stoppen", "quit", [ch('q', Action::Quit)]),
        also!([key(KeyCode::Esc, ReplayKey::Close)]),
    ],
);

/// A session being replayed.
pub struct Replay {
    /// The session with the state at the current position (read-only: nothing is saved).
    pub shown: Shown,
    path: PathBuf,
    timeline: Timeline,
    /// The state after the whole log, for the summary.
    final_state: SessionState,
    /// When playing: when the next change is due.
    playing: Option<Instant>,
    /// When playing step by step: the position to pause at.
    stop_at: Option<usize>,
    /// Index into 1x, 5x, 15x, 60x, step by step.
    pub speed: usize,
    /// What the last applied change did, in words.
    pub last_change: Option<String>,
    /// The summary, when open: the final state, opened at one step.
    pub summary: Option<Shown>,
    /// A problem to show (an event that would not apply).
    pub problem: Option<String>,
    /// The time zone clock times are shown in.
    pub tz: jiff::tz::TimeZone,
    lang: Lang,
}

impl Replay {
    /// Opens a session file for replay at its start.
    pub fn open(path: &Path, lang: Lang) -> Result<Replay, FileError> {
        let live = SessionFile::open_read_only(path)?;
        let final_state = live.state.clone();
        let timeline = Timeline::new(&live.session);
        let start = live.session.initial_state();
        let shown = Shown::new(Live {
            session: live.session,
            state: start,
        });
        Ok(Replay {
            shown,
            path: path.to_path_buf(),
            timeline,
            final_state,
            playing: None,
            stop_at: None,
            speed: 0,
            last_change: None,
            summary: None,
            problem: None,
            tz: jiff::tz::TimeZone::system(),
            lang,
        })
    }

    /// The session file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.shown.live.session
    }

    /// Number of changes applied now.
    pub fn position(&self) -> usize {
        self.shown.live.state.applied
    }

    /// Number of changes in the log.
    pub fn len(&self) -> usize {
        self.session().events.len()
    }

    /// Whether the log is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The timeline (step marks).
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Whether playback runs.
    pub fn is_playing(&self) -> bool {
        self.playing.is_some()
    }

    /// When the change at `position` happened (the session's start at 0).
    pub fn time_at(&self, position: usize) -> Timestamp {
        position
            .checked_sub(1)
            .and_then(|i| self.session().events.get(i))
            .map_or(self.session().created, |e| e.at)
    }

    /// The moment on screen: of the change shown, or the end in the summary.
    pub fn moment(&self) -> Timestamp {
        if self.summary.is_some() {
            self.time_at(self.len())
        } else {
            self.time_at(self.position())
        }
    }

    /// Moves to the state after `target` changes, names the change that led there, and
    /// selects the card it touched.
    pub fn seek(&mut self, target: usize) {
        let target = target.min(self.len());
        let lang = self.lang;
        let undo_target = target
            .checked_sub(1)
            .map_or(Target::None, |i| self.timeline.target(i));
        let mut said = None;
        let Live { session, state } = &mut self.shown.live;
        let result = self
            .timeline
            .seek_with(session, state, target, |before, i| {
                said = Some(describe(session, before, i, undo_target, lang));
            });
        if let Err(p) = result {
            self.problem = Some(p.message(lang).to_string());
        }
        self.shown.view.status = None;
        if target == 0 {
            self.last_change = None;
        } else if said.is_some() {
            self.last_change = said;
        }
        self.select_touched(undo_target);
    }

    /// Selects what the last change touched (an undo: what it reverted), when it is on
    /// the step on screen.
    fn select_touched(&mut self, undo_target: Target) {
        let Shown { live, view } = &mut self.shown;
        let (state, events) = (&live.state, &live.session.events);
        let last = state.applied.checked_sub(1).and_then(|i| events.get(i));
        let change = match (last.map(|e| &e.change), undo_target) {
            (Some(Change::Undo | Change::Redo), Target::Event(j)) => {
                events.get(j).map(|e| &e.change)
            }
            (c, _) => c,
        };
        view.keep_valid(state);
        if let (Some(change), Some(ui)) = (change, super::steps::on_screen(state)) {
            (ui.focus)(view, state, &touched(change), self.lang);
        }
    }

    fn factor(&self) -> u32 {
        SPEEDS.get(self.speed).copied().unwrap_or(STEP_SPEED)
    }

    /// How long playback waits before applying event `index`.
    fn delay(&self, index: usize) -> Duration {
        let Some(event) = self.session().events.get(index) else {
            return Duration::ZERO;
        };
        let gap = (event.at.as_millisecond() - self.time_at(index).as_millisecond()).max(0);
        Duration::from_millis(gap as u64 / u64::from(self.factor())).min(MAX_WAIT)
    }

    /// The position right before the step on screen at `position` is left (or the end).
    fn step_end(&self, position: usize) -> usize {
        self.timeline
            .marks()
            .iter()
            .map(|m| m.at.saturating_sub(1))
            .find(|&end| end > position)
            .unwrap_or(self.len())
    }

    fn play(&mut self) {
        if self.position() >= self.len() {
            self.seek(0);
        }
        self.stop_at = (self.speed >= SPEEDS.len()).then(|| self.step_end(self.position()));
        self.playing = Some(Instant::now() + self.delay(self.position()));
    }

    fn pause(&mut self) {
        self.playing = None;
        self.stop_at = None;
    }

    /// Moves by hand: playback pauses, the person is in control.
    fn go(&mut self, target: usize) {
        self.pause();
        self.seek(target);
    }

    /// Carries out an action of the replay screen's keys.
    pub fn act(&mut self, action: Action) {
        let key = match action {
            Action::Replay(key) => key,
            // `1`-`5`: the speeds.
            Action::Digit(d) => ReplayKey::Speed(usize::from(d).saturating_sub(1)),
            _ => return,
        };
        self.press(key);
    }

    /// Carries out a replay key.
    pub fn press(&mut self, key: ReplayKey) {
        if self.summary.is_some() {
            self.act_summary(key);
            return;
        }
        let p = self.position();
        match key {
            ReplayKey::PlayPause if self.is_playing() => self.pause(),
            ReplayKey::PlayPause => self.play(),
            ReplayKey::Back => self.go(p.saturating_sub(1)),
            ReplayKey::Forward => self.go(p + 1),
            ReplayKey::PrevStep => self.go(self.timeline.prev_mark(p)),
            ReplayKey::NextStep => {
                let next = self.timeline.next_mark(p).unwrap_or(self.len());
                self.go(next);
            }
            ReplayKey::First => self.go(0),
            ReplayKey::Last => self.go(self.len()),
            ReplayKey::Speed(i) => self.set_speed(i),
            ReplayKey::Faster => self.set_speed(self.speed + 1),
            ReplayKey::Slower => self.set_speed(self.speed.saturating_sub(1)),
            ReplayKey::Summary => self.open_summary(),
            ReplayKey::Notes => self.shown.view.show_notes = !self.shown.view.show_notes,
            ReplayKey::Analysis => {
                let Shown { live, view } = &mut self.shown;
                let step = live.state.current;
                view.status =
                    super::steps::matrix::toggle_analysis(view, &live.state, step, self.lang);
            }
            ReplayKey::Close => {
                self.problem = None;
                self.shown.view.status = None;
            }
            ReplayKey::Look(l) => look(&mut self.shown, &l.action(), self.lang),
        }
    }

    fn set_speed(&mut self, speed: usize) {
        self.speed = speed.min(SPEEDS.len());
        if self.is_playing() {
            // Play on from here at the new speed.
            self.play();
        }
    }

    fn open_summary(&mut self) {
        self.pause();
        let session = self.session();
        let mut light = Session::new(
            session.scenario.clone(),
            session.title.clone(),
            session.created,
            session.lang,
        );
        light.participants = session.participants.clone();
        let mut summary = Shown::new(Live {
            session: light,
            state: self.final_state.clone(),
        });
        summary.view.show_notes = self.shown.view.show_notes;
        self.summary = Some(summary);
        self.summary_page(self.shown.current());
    }

    /// Shows step `index` of the final state in the summary.
    fn summary_page(&mut self, index: usize) {
        let at = self.session().created;
        let Some(summary) = &mut self.summary else {
            return;
        };
        let state = &mut summary.live.state;
        let Some(step) = state.scenario.steps.get(index) else {
            return;
        };
        // The summary's own copy of the final state is turned to the page by the reducer.
        let event = Event::new(
            at,
            Change::StepOpened {
                step: step.id.clone(),
            },
        );
        if state.apply(&event).is_ok() {
            summary.view.keep_valid(&summary.live.state);
        }
    }

    fn act_summary(&mut self, key: ReplayKey) {
        let Some(summary) = &mut self.summary else {
            return;
        };
        let page = summary.current();
        let last = summary.live.state.scenario.steps.len().saturating_sub(1);
        match key {
            ReplayKey::Summary | ReplayKey::Close => self.summary = None,
            ReplayKey::Notes => summary.view.show_notes = !summary.view.show_notes,
            ReplayKey::Analysis => {
                let Shown { live, view } = summary;
                view.status =
                    super::steps::matrix::toggle_analysis(view, &live.state, page, self.lang);
            }
            ReplayKey::Back | ReplayKey::PrevStep => self.summary_page(page.saturating_sub(1)),
            ReplayKey::Forward | ReplayKey::NextStep => self.summary_page((page + 1).min(last)),
            ReplayKey::First => self.summary_page(0),
            ReplayKey::Last => self.summary_page(last),
            ReplayKey::Look(l) => look(summary, &l.action(), self.lang),
            _ => {}
        }
    }

    /// When playback wants to move on, if it plays.
    pub fn deadline(&self) -> Option<Instant> {
        self.playing
    }

    /// Applies the changes that are due; true when the screen changed.
    pub fn tick(&mut self) -> bool {
        let Some(mut due) = self.playing else {
            return false;
        };
        let now = Instant::now();
        if now < due {
            return false;
        }
        let stop = self.stop_at.unwrap_or(self.len()).min(self.len());
        let mut target = self.position();
        let mut taken = 0;
        while target < stop && due <= now && taken < MAX_PER_TICK {
            target += 1;
            taken += 1;
            due += self.delay(target);
        }
        self.seek(target);
        if target >= stop {
            self.pause();
        } else {
            // Never run to catch up with time lost elsewhere: go on from now.
            self.playing = Some(due.max(now));
        }
        true
    }
}

/// Moves the selection on the step a shown session is at (or scrolls its open analysis),
/// through the step's own keys; whatever a key would change is left alone.
pub fn look(shown: &mut Shown, action: &Action, lang: Lang) {
    let Shown { live, view } = shown;
    if let Some(ui) = super::steps::on_screen(&live.state) {
        // A read-only screen: the reaction (a change, a form) is never carried out.
        let _ = (ui.update)(view, &live.state, action, lang);
        view.mode = super::session::view::Mode::Normal;
        view.keep_valid(&live.state);
    }
}
