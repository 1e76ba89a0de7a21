//! A second screen that follows a session another samenspel process is editing: the
//! store's watcher hears from the kernel when the file or its journal changed (or looks,
//! where it cannot) and reads only what is new; the
//! screen shows the step the facilitator is on, without bars or notes. A file that does
//! not parse (edited by hand, say) leaves the last good state on screen.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::app::App;
use super::beamer::BeamerLink;
use super::keys::{KeyTable, bind, ch, code, table};
use super::session::view::Shown;
use super::text::clean;
use super::view::{room_screen, step_screen};
use crate::core::Lang;
use crate::core::touch::touched;
use crate::store::channel::Heard;
use crate::store::{FileError, Seen, SessionWatcher};

/// A session followed from its file.
pub struct Follow {
    /// The last good state of the file (read-only).
    pub shown: Shown,
    watcher: SessionWatcher,
    /// Why the newest version of the file is not shown, if it is not.
    pub problem: Option<String>,
    /// A beamer: what the console shows the room, over the local channel.
    pub beamer: Option<BeamerLink>,
    lang: Lang,
}

/// The keys of the follow screen.
pub static KEYS: KeyTable = table!(
    "Volgen",
    "Follow",
    [
        bind!(
            "f",
            "notities begeleider tonen/verbergen",
            "show/hide facilitator notes",
            [ch('f', Action::ToggleNotes)],
        ),
        bind!(
            "A",
            "analyse van de matrix tonen/verbergen",
            "show/hide the matrix's analysis",
            [ch('A', Action::ToggleAnalysis)],
        ),
        bind!(
            "↑ ↓ Tab",
            "kies op de stap (de lijst schuift mee)",
            "select on the step (the list scrolls along)",
            [
                code(KeyCode::Up, Action::Up),
                code(KeyCode::Down, Action::Down),
                code(KeyCode::Tab, Action::Right),
                code(KeyCode::BackTab, Action::Left),
            ],
        ),
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
        bind!(
            "q Esc",
            "stoppen",
            "quit",
            [ch('q', Action::Quit), code(KeyCode::Esc, Action::Quit)],
        ),
    ],
);

impl Follow {
    /// Starts following a session file; it must be readable now.
    pub fn open(path: &Path, lang: Lang) -> Result<Follow, FileError> {
        let (watcher, live) = SessionWatcher::start(path)?;
        let mut follow = Follow {
            shown: Shown::new(live),
            watcher,
            problem: None,
            beamer: None,
            lang,
        };
        follow.select_last_touched();
        Ok(follow)
    }

    /// Starts a beamer of a session file: followed as `follow` does, and shown as the
    /// console shows it to the room once the console is heard.
    pub fn beamer(path: &Path, lang: Lang) -> Result<Follow, FileError> {
        let mut follow = Follow::open(path, lang)?;
        follow.beamer = Some(BeamerLink::new());
        Ok(follow)
    }

    /// Takes what the console's channel said; true when the screen changes.
    pub fn heard(&mut self, heard: Heard) -> bool {
        match &mut self.beamer {
            Some(b) => b.heard(heard, &mut self.shown),
            None => false,
        }
    }

    /// The file followed.
    pub fn path(&self) -> PathBuf {
        self.watcher.path().to_path_buf()
    }

    /// Carries out an action.
    pub fn act(&mut self, action: Action) {
        if self.beamer.is_some() {
            // A beamer only shows: the console decides.
            return;
        }
        match action {
            Action::ToggleNotes => self.shown.view.show_notes = !self.shown.view.show_notes,
            Action::ToggleAnalysis => {
                let Shown { live, view } = &mut self.shown;
                let step = live.state.current;
                view.status =
                    super::steps::matrix::toggle_analysis(view, &live.state, step, self.lang);
            }
            Action::Up | Action::Down | Action::Left | Action::Right => {
                super::replay::look(&mut self.shown, &action, self.lang);
            }
            _ => {}
        }
    }

    /// When the file is looked at again; none when the kernel says when it changes.
    pub fn deadline(&self) -> Option<Instant> {
        self.watcher.next_look()
    }

    /// Calls `on_change` (on another thread) when the followed files change.
    pub fn on_change(&self, on_change: crate::store::watch::OnChange) {
        self.watcher.on_change(on_change);
    }

    /// Looks at the file when it is time; true when the screen changed.
    pub fn tick(&mut self) -> bool {
        let lang = self.lang;
        match self.watcher.look(Instant::now(), &mut self.shown.live) {
            Seen::Unchanged => false,
            Seen::Changed => {
                self.shown.view.keep_valid(&self.shown.live.state);
                self.select_last_touched();
                if let Some(b) = &mut self.beamer {
                    b.apply(&mut self.shown);
                }
                self.problem = None;
                true
            }
            Seen::Unreadable(e) => {
                let before = self.problem.replace(e.describe(lang));
                self.problem != before
            }
        }
    }

    /// Selects what the newest change on the step on screen touched and that is still
    /// there (a card, a matrix cell, a commitment).
    fn select_last_touched(&mut self) {
        let Shown { live, view } = &mut self.shown;
        let state = &live.state;
        let (Some(step), Some(ui)) = (state.current_step(), super::steps::on_screen(state)) else {
            return;
        };
        for event in live.session.events.iter().rev() {
            let t = touched(&event.change);
            if t.step == Some(step.id.as_str()) && (ui.focus)(view, state, &t, self.lang) {
                return;
            }
        }
    }
}

/// Draws the followed step over the whole area; a line at the bottom only when the
/// newest version of the file could not be read, or a beamer is not connected. A beamer
/// draws what the room sees of the console (the room's QR code too).
pub fn render(frame: &mut Frame, area: Rect, follow: &Follow, app: &App) {
    let scene = follow.shown.scene();
    let draw = |frame: &mut Frame, area: Rect| match &follow.beamer {
        Some(_) => room_screen(frame, area, &scene, app),
        None => step_screen(frame, area, &scene, app),
    };
    let foot = match (&follow.problem, &follow.beamer) {
        (Some(problem), _) => Some(format!(
            " {} {}",
            app.lang.pick(
                "laatste goede stand; het bestand is nu niet te lezen:",
                "last good state; the file cannot be read now:"
            ),
            clean(problem)
        )),
        (None, Some(b)) => b.foot(app.lang).map(|t| format!(" {t}")),
        (None, None) => None,
    };
    let Some(text) = foot else {
        draw(frame, area);
        return;
    };
    let [main, bottom] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    draw(frame, main);
    let style = if follow.problem.is_some() {
        app.theme.error
    } else {
        app.theme.dim
    };
    frame.render_widget(Paragraph::new(text).style(style), bottom);
}
