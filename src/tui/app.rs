//! The application state and the one place actions become changes.

use std::path::PathBuf;

use crossterm::event::{Event as TermEvent, KeyEventKind};
use jiff::Timestamp;
use ratatui_textarea::TextArea;

use super::action::{Action, KeyContext, resolve};
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
}

/// Which screen is on.
pub enum Screen {
    /// Choose a scenario or session.
    Home(Home),
    /// A session.
    Session(Box<Workspace>),
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
            quit: false,
            clock,
        }
    }

    /// The time now, from the injected clock.
    pub fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// Shows a file error over the current screen.
    pub fn show_error(&mut self, error: &FileError) {
        self.error = Some(ErrorScreen {
            lines: error.lines(self.lang),
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
        match &self.screen {
            Screen::Home(_) => KeyContext::Home,
            Screen::Session(ws) => match ws.mode {
                Mode::Normal => KeyContext::Step,
                Mode::Edit(_) => KeyContext::Editing,
                Mode::ConfirmDelete(_) => KeyContext::Confirm,
            },
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
            _ => {}
        }
    }

    /// Carries out one action.
    pub fn dispatch(&mut self, action: Action) {
        let now = self.now();
        let lang = self.lang;
        if self.error.is_some() {
            if matches!(action, Action::Back | Action::Quit) {
                self.error = None;
            }
            return;
        }
        if action == Action::Help {
            self.help = !self.help;
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
                    ws.close();
                    self.quit = true;
                    return;
                }
                step_action(ws, action, now, lang);
            }
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
            Screen::Home(_) => None,
        }
    }

    /// Ends the app cleanly: pending changes are written.
    pub fn shutdown(&mut self) {
        if let Screen::Session(ws) = &mut self.screen {
            ws.close();
        }
    }
}

/// An editor holding `text`, cursor at the end, saving to `target`.
pub fn editor(text: &str, target: EditTarget) -> Editor {
    let mut textarea = TextArea::new(vec![text.to_string()]);
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
    match std::mem::replace(&mut ws.mode, Mode::Normal) {
        Mode::Edit(mut ed) => {
            match action {
                Action::EditorCancel => return,
                Action::EditorSave => {
                    let text = one_line(&ed.textarea.lines().join(" "));
                    if !text.is_empty() {
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
        Mode::Normal => {}
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
        Action::Back => ws.notice = None,
        _ => match &step.kind {
            StepKind::Board(_) => super::board::act(ws, action, now, lang),
            StepKind::Matrix(_) => super::matrix::act(ws, action, now, lang),
            StepKind::Vote(_) => super::vote::act(ws, action, now, lang),
            StepKind::Agreement(_) => super::agreement::act(ws, action, now, lang),
        },
    }
}
