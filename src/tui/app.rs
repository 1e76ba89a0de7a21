//! The application state and the one place actions become changes.

use std::path::PathBuf;

use crossterm::event::{Event as TermEvent, KeyEventKind, MouseButton, MouseEventKind};
use jiff::Timestamp;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::action::{Action, KeyContext, StepKey, resolve};
use super::home::{Home, HomeItem};
use super::text::one_line;
use super::theme::Theme;
use super::workspace::{EditTarget, Editor, Mode, Workspace};
use crate::core::scenario::StepKind;
use crate::core::{Change, Lang};
use crate::store::FileError;

/// A clock: the only way the app learns the time, so tests can fix it.
pub type Clock = Box<dyn Fn() -> Timestamp>;

/// A file that could not be opened, shown instead of a screen.
pub struct ErrorScreen {
    /// The lines to show (file, JSON path, reason).
    pub lines: Vec<String>,
    /// Whether it is the settings file (samenspel goes on with the defaults), not a
    /// session or scenario that could not be opened.
    pub settings: bool,
}

/// Which screen is on.
pub enum Screen {
    /// Choose a scenario or session.
    Home(Home),
    /// A session.
    Session(Box<Workspace>),
    /// A session played back, read-only.
    Replay(Box<super::replay::Replay>),
    /// A session followed while another process edits it.
    Follow(Box<super::follow::Follow>),
}

/// The whole application.
pub struct App {
    /// Interface language.
    pub lang: Lang,
    /// Styles.
    pub theme: Theme,
    /// The screen.
    pub screen: Screen,
    /// An error over the screen, if any.
    pub error: Option<ErrorScreen>,
    /// Whether the help overlay is open.
    pub help: bool,
    /// How far the help overlay is scrolled (lines).
    pub help_scroll: u16,
    /// The size of the last frame drawn, for mouse clicks.
    pub area: Rect,
    /// Set when the app should end.
    pub quit: bool,
    clock: Clock,
}

impl App {
    /// An app on a given screen.
    pub fn new(screen: Screen, lang: Lang, clock: Clock) -> App {
        App {
            lang,
            theme: Theme::default(),
            screen,
            error: None,
            help: false,
            help_scroll: 0,
            area: Rect::default(),
            quit: false,
            clock,
        }
    }

    /// The time now, from the injected clock.
    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// Notes the time on screen; true once when the countdown of the step on screen reaches
    /// zero (the caller rings the bell). Never changes what keys do.
    pub fn bell(&mut self) -> bool {
        let now = self.now();
        match &mut self.screen {
            Screen::Session(ws) => super::timer::ring(ws, now),
            _ => false,
        }
    }

    /// The session whose countdown runs in real time on screen (a replay shows the time of
    /// its changes instead).
    fn live_ws(&self) -> Option<&Workspace> {
        match &self.screen {
            Screen::Session(ws) => Some(ws),
            Screen::Follow(f) => Some(&f.ws),
            _ => None,
        }
    }

    /// Whether a countdown runs on screen, and when its digits change next.
    fn countdown_wake(&self) -> Option<std::time::Duration> {
        let ms = super::timer::next_tick_ms(self.live_ws()?, self.now())?;
        Some(std::time::Duration::from_millis(
            ms.clamp(1, 1000) as u64 + 5,
        ))
    }

    /// Shows a file error over the current screen.
    pub fn show_error(&mut self, error: &FileError) {
        self.error = Some(ErrorScreen {
            lines: error.lines(self.lang),
            settings: false,
        });
    }

    /// Shows a problem of the settings file (`config.json`) over the current screen.
    pub fn show_settings_error(&mut self, error: &FileError) {
        self.error = Some(ErrorScreen {
            lines: error.lines(self.lang),
            settings: true,
        });
    }

    /// Where keys go now.
    pub fn context(&self) -> KeyContext {
        if self.error.is_some() {
            return KeyContext::Error;
        }
        if self.help {
            return KeyContext::Help;
        }
        self.screen_context()
    }

    /// Where keys go on the screen under any overlay (what the help overlay explains).
    pub fn screen_context(&self) -> KeyContext {
        match &self.screen {
            Screen::Home(_) => KeyContext::Home,
            Screen::Session(ws) => match &ws.mode {
                Mode::Normal if ws.people.is_some() => KeyContext::Participants,
                Mode::Normal => {
                    let scenario = &ws.live.state.scenario;
                    match scenario.steps.get(ws.current()) {
                        Some(step) => KeyContext::Step(StepKey::of(&step.kind)),
                        None => KeyContext::Step(StepKey::Board),
                    }
                }
                Mode::Edit(_) => KeyContext::Editing,
                Mode::ConfirmDelete(_) | Mode::Confirm(_) => KeyContext::Confirm,
                Mode::Picker(_) => KeyContext::Picker,
                Mode::Spotlight => KeyContext::Spotlight,
                Mode::Form(f) if f.is_choice() => KeyContext::Picker,
                Mode::Form(_) => KeyContext::Editing,
                Mode::Endorse(_) => KeyContext::Endorse,
            },
            Screen::Replay(_) => KeyContext::Replay,
            Screen::Follow(_) => KeyContext::Follow,
        }
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: TermEvent) {
        match event {
            TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(action) = resolve(self.context(), key) {
                    self.dispatch(action);
                }
            }
            TermEvent::Paste(text) => self.dispatch(Action::Paste(text)),
            // The mouse is a convenience: clicks select, the wheel moves the selection.
            TermEvent::Mouse(mouse) => {
                let action = match mouse.kind {
                    MouseEventKind::Down(MouseButton::Left) => Action::Click {
                        column: mouse.column,
                        row: mouse.row,
                    },
                    MouseEventKind::ScrollUp => Action::Up,
                    MouseEventKind::ScrollDown => Action::Down,
                    _ => return,
                };
                let context = self.context();
                let takes_it = match action {
                    Action::Click { .. } => matches!(context, KeyContext::Step(_)),
                    _ => !matches!(
                        context,
                        KeyContext::Editing | KeyContext::Confirm | KeyContext::Error
                    ),
                };
                if takes_it {
                    self.dispatch(action);
                }
            }
            _ => {}
        }
    }

    /// Carries out one action.
    pub fn dispatch(&mut self, action: Action) {
        let now = self.now();
        let lang = self.lang;
        if self.error.is_some() {
            match action {
                Action::Back => self.error = None,
                // `q` quits, as on the screen under the box (which may ask first).
                Action::Quit => {
                    self.error = None;
                    self.dispatch(Action::Quit);
                }
                _ => {}
            }
            return;
        }
        if action == Action::Help {
            self.help = !self.help;
            self.help_scroll = 0;
            return;
        }
        if self.help {
            match action {
                Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Action::Down => self.help_scroll = self.help_scroll.saturating_add(1),
                _ => {}
            }
            return;
        }
        if let (Action::Click { column, row }, Screen::Session(ws)) = (&action, &mut self.screen) {
            let body = super::view::body_area(self.area, ws, lang);
            if let Some(StepKind::Board(_)) = ws
                .live
                .state
                .scenario
                .steps
                .get(ws.current())
                .map(|s| &s.kind)
            {
                super::board::click(ws, body, *column, *row, &self.theme, lang);
            }
            return;
        }
        match &mut self.screen {
            Screen::Home(home) => match action {
                Action::Up => home.select(-1),
                Action::Down => home.select(1),
                Action::Quit => self.quit = true,
                Action::Open => self.open_home_item(now),
                _ => {}
            },
            Screen::Session(ws) => {
                if action == Action::Quit {
                    if super::session_end::quit_blocked(ws, lang) {
                        return;
                    }
                    ws.close();
                    self.quit = true;
                    return;
                }
                step_action(ws, action, now, lang);
            }
            Screen::Replay(replay) => match action {
                Action::Quit => self.quit = true,
                Action::Replay(key) => replay.act(key),
                _ => {}
            },
            Screen::Follow(follow) => match action {
                Action::Quit => self.quit = true,
                other => follow.act(other),
            },
        }
    }

    fn open_home_item(&mut self, now: Timestamp) {
        let Screen::Home(home) = &self.screen else {
            return;
        };
        let result = match home.items.get(home.selected) {
            Some(HomeItem::Scenario(entry)) => {
                Workspace::create(entry.scenario.clone(), None, now, self.lang)
            }
            Some(HomeItem::Session(info)) => Workspace::open(&info.path, false),
            None => return,
        };
        match result {
            Ok(ws) => self.screen = Screen::Session(Box::new(ws)),
            Err(e) => self.show_error(&e),
        }
    }

    /// The session file on screen, if any.
    pub fn session_path(&self) -> Option<PathBuf> {
        match &self.screen {
            Screen::Session(ws) => Some(ws.path.clone()),
            Screen::Replay(r) => Some(r.ws.path.clone()),
            Screen::Follow(f) => Some(f.path()),
            Screen::Home(_) => None,
        }
    }

    /// How long until the screen wants to move on by itself (replay playing, follow
    /// polling its file); none when it only changes on a key.
    /// A running countdown wakes it just after its digits change.
    pub fn wake_in(&self) -> Option<std::time::Duration> {
        let own = match &self.screen {
            Screen::Replay(r) => r.wake_in(),
            Screen::Follow(f) => Some(
                f.deadline()
                    .saturating_duration_since(std::time::Instant::now()),
            ),
            _ => None,
        };
        match (own, self.countdown_wake()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Lets the screen move on by itself when it is time; true when it changed (a running
    /// countdown changes every second: its digits are all that moves by itself).
    pub fn tick(&mut self) -> bool {
        let moved = match &mut self.screen {
            Screen::Replay(r) => r.tick(),
            Screen::Follow(f) => f.tick(),
            _ => false,
        };
        moved || self.countdown_wake().is_some()
    }

    /// Ends the app cleanly: pending changes are written.
    pub fn shutdown(&mut self) {
        if let Screen::Session(ws) = &mut self.screen {
            ws.close();
        }
    }
}

/// An editor holding `text` (made safe: it may come from a file), cursor at the end,
/// saving to `target`.
pub fn editor(text: &str, target: EditTarget) -> Editor {
    let mut textarea = TextArea::new(vec![super::text::clean(text).into_owned()]);
    textarea.move_cursor(ratatui_textarea::CursorMove::End);
    Editor { textarea, target }
}

/// Actions on a step screen.
fn step_action(ws: &mut Workspace, action: Action, now: Timestamp, lang: Lang) {
    let step_index = ws.current();
    let scenario = ws.live.state.scenario.clone();
    let Some(step) = scenario.steps.get(step_index) else {
        return;
    };
    ws.info = None;
    match std::mem::replace(&mut ws.mode, Mode::Normal) {
        Mode::Edit(mut ed) => {
            match action {
                Action::EditorCancel => return,
                Action::EditorSave => {
                    let text = one_line(&ed.textarea.lines().join(" "));
                    // An empty note removes it; an empty card is not saved.
                    if !text.is_empty() || matches!(ed.target, EditTarget::CellNote { .. }) {
                        match &step.kind {
                            StepKind::Board(_) => {
                                super::board::save_edit(ws, &ed.target, text, now, lang)
                            }
                            StepKind::Matrix(_) => {
                                super::matrix::save_edit(ws, &ed.target, text, now, lang)
                            }
                            StepKind::Vote(_) => {
                                super::vote::save_edit(ws, &ed.target, text, now, lang)
                            }
                            StepKind::Agreement(_) => {
                                super::agreement::save_edit(ws, &ed.target, text, now, lang)
                            }
                            StepKind::Review(_) => {
                                super::review::save_edit(ws, &ed.target, text, now, lang)
                            }
                        }
                    }
                    return;
                }
                Action::EditorKey(key) => {
                    ed.textarea.input(key);
                }
                Action::Paste(text) => {
                    ed.textarea.insert_str(one_line(&text));
                }
                _ => {}
            }
            ws.mode = Mode::Edit(ed);
            return;
        }
        Mode::ConfirmDelete(card) => {
            if action == Action::Confirm(true) {
                ws.record(
                    Change::CardDeleted {
                        step: step.id.clone(),
                        card,
                    },
                    now,
                    lang,
                );
            }
            return;
        }
        Mode::Picker(picker) => {
            super::board::picker::act(ws, picker, action, now, lang);
            return;
        }
        Mode::Spotlight => {
            super::board::spotlight::act(ws, action);
            return;
        }
        Mode::Form(form) => return super::form::act(ws, form, action, now, lang),
        Mode::Endorse(picker) => return super::endorse::pick(ws, picker, action, now, lang),
        Mode::Confirm(question) => {
            super::form::confirm(ws, question, action, now, lang);
            super::participants::clamp(ws);
            return;
        }
        Mode::Normal => {}
    }
    if ws.people.is_some() {
        return super::participants::act(ws, action, now, lang);
    }
    match action {
        Action::NextStep | Action::PrevStep => {
            let target = if action == Action::NextStep {
                step_index + 1
            } else {
                step_index.wrapping_sub(1)
            };
            if let Some(next) = scenario.steps.get(target) {
                ws.record(
                    Change::StepOpened {
                        step: next.id.clone(),
                    },
                    now,
                    lang,
                );
            }
        }
        Action::ToggleNotes => ws.show_notes = !ws.show_notes,
        Action::Participants => ws.people = Some(super::participants::Panel::default()),
        Action::TimerToggle | Action::TimerSet => super::timer::act(ws, action, now, lang),
        Action::Export => super::share::export_beside(ws, lang),
        Action::Undo => super::undo::undo(ws, false, now, lang),
        Action::Redo => super::undo::undo(ws, true, now, lang),
        Action::Back => {
            ws.notice = None;
            ws.marked.clear();
            ws.matrix.analysis = None;
        }
        _ => match &step.kind {
            StepKind::Board(_) => super::board::act(ws, action, now, lang),
            StepKind::Matrix(_) => super::matrix::act(ws, action, now, lang),
            StepKind::Vote(_) => super::vote::act(ws, action, now, lang),
            StepKind::Agreement(_) => super::agreement::act(ws, action, now, lang),
            StepKind::Review(_) => super::review::act(ws, action, now, lang),
        },
    }
}
