//! A second screen that follows a session another samenspel process is editing: the
//! store's watcher looks at the file (every 50 ms) and reads it only when it changed; the
//! screen shows the step the facilitator is on, without bars or notes. A file that does
//! not parse (edited by hand, say) leaves the last good state on screen.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::App;
use super::board::cursor_of;
use super::text::clean;
use super::view::step_screen;
use super::workspace::{Cursor, Workspace};
use crate::core::touch::touched;
use crate::core::{Lang, StepKind};
use crate::store::{FileError, Seen, SessionWatcher};

/// A session followed from its file.
pub struct Follow {
    /// The last good state of the file (read-only).
    pub ws: Workspace,
    watcher: SessionWatcher,
    /// Why the newest version of the file is not shown, if it is not.
    pub problem: Option<String>,
    lang: Lang,
}

/// The keys of the follow screen.
pub fn resolve(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
        KeyCode::Char('f') => Some(Action::ToggleNotes),
        KeyCode::Char('A') => Some(Action::ToggleAnalysis),
        KeyCode::Char('?') => Some(Action::Help),
        _ => None,
    }
}

/// The follow keys for the help overlay: (keys, nl, en).
pub const KEYS: &[(&str, &str, &str)] = &[
    (
        "f",
        "notities begeleider tonen/verbergen",
        "show/hide facilitator notes",
    ),
    (
        "A",
        "analyse van de matrix tonen/verbergen",
        "show/hide the matrix's analysis",
    ),
    ("?", "deze hulp", "this help"),
    ("q Esc", "stoppen", "quit"),
];

impl Follow {
    /// Starts following a session file; it must be readable now.
    pub fn open(path: &Path, lang: Lang) -> Result<Follow, FileError> {
        let (watcher, live) = SessionWatcher::start(path)?;
        let mut ws = Workspace::read_only(live);
        ws.path = path.to_path_buf();
        let mut follow = Follow {
            ws,
            watcher,
            problem: None,
            lang,
        };
        follow.select_last_touched();
        Ok(follow)
    }

    /// The file followed.
    pub fn path(&self) -> PathBuf {
        self.watcher.path().to_path_buf()
    }

    /// Carries out an action.
    pub fn act(&mut self, action: Action) {
        match action {
            Action::ToggleNotes => self.ws.show_notes = !self.ws.show_notes,
            Action::ToggleAnalysis => {
                let step = self.ws.current();
                super::matrix::toggle_analysis(&mut self.ws, step, self.lang);
            }
            _ => {}
        }
    }

    /// When the file is looked at again.
    pub fn deadline(&self) -> Instant {
        self.watcher.next_look()
    }

    /// Looks at the file when it is time; true when the screen changed.
    pub fn tick(&mut self) -> bool {
        let lang = self.lang;
        match self.watcher.look(Instant::now()) {
            Seen::Unchanged => false,
            Seen::Changed(live) => {
                self.ws.live = *live;
                self.ws.clamp_cursors();
                self.select_last_touched();
                self.problem = None;
                true
            }
            Seen::Unreadable(e) => {
                let before = self.problem.replace(e.describe(lang));
                self.problem != before
            }
        }
    }

    /// Points the selection at what the newest change on the step on screen touched: a
    /// card still on the board, or a matrix cell.
    fn select_last_touched(&mut self) {
        let state = &self.ws.live.state;
        let Some(step) = state.scenario.steps.get(state.current) else {
            return;
        };
        let mut on_step = self
            .ws
            .live
            .session
            .events
            .iter()
            .rev()
            .map(|e| touched(&e.change))
            .filter(|t| t.step == Some(step.id.as_str()));
        let cursor = match (&step.kind, state.board(state.current)) {
            (_, Some(board)) => on_step
                .filter_map(|t| t.card)
                .find_map(|card| cursor_of(board, card)),
            (StepKind::Matrix(spec), None) => {
                on_step.find_map(|t| t.cell).and_then(|(row, column)| {
                    let rows = crate::core::matrix::rows(state, spec, self.lang);
                    Some(Cursor {
                        lane: spec.columns.iter().position(|c| c.id == column)?,
                        card: rows.iter().position(|r| &r.key == row)?,
                    })
                })
            }
            _ => None,
        };
        if let Some(c) = cursor {
            *self.ws.cursor_mut() = c;
        }
    }
}

/// Draws the followed step over the whole area; a line at the bottom only when the
/// newest version of the file could not be read.
pub fn render(frame: &mut Frame, area: Rect, follow: &Follow, app: &App) {
    let Some(problem) = &follow.problem else {
        step_screen(frame, area, &follow.ws, app);
        return;
    };
    let [main, bottom] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    step_screen(frame, main, &follow.ws, app);
    let text = format!(
        " {} {}",
        app.lang.pick(
            "laatste goede stand; het bestand is nu niet te lezen:",
            "last good state; the file cannot be read now:"
        ),
        clean(problem)
    );
    frame.render_widget(Paragraph::new(text).style(app.theme.error), bottom);
}
