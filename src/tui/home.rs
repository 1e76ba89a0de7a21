//! The home screen: start a new session from a scenario, or reopen a recent one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crossterm::event::KeyCode;

use super::action::Action;
use super::keys::{KeyTable, UP_DOWN, bind, ch, code, table};
use super::text::clean;
use super::theme::Theme;
use crate::core::Lang;
use crate::store::catalog::{self, Entry, SessionInfo, Source};

/// The keys of the home screen.
pub static KEYS: KeyTable = table!(
    "Begin",
    "Start",
    [
        bind!(
            "↑ ↓",
            "kies een scenario of sessie",
            "choose a scenario or session",
            UP_DOWN,
        ),
        bind!(
            "Enter",
            "start of open",
            "start or open",
            [code(KeyCode::Enter, Action::Open)],
        ),
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
        bind!(
            "q",
            "stoppen",
            "quit",
            [ch('q', Action::Quit), code(KeyCode::Esc, Action::Quit)],
        ),
    ],
);

/// One line of the home list.
pub enum HomeItem {
    /// Start a new session of this scenario.
    Scenario(Entry),
    /// Reopen this session.
    Session(SessionInfo),
}

/// The home screen's content and selection.
pub struct Home {
    /// Scenarios first, then recent sessions.
    pub items: Vec<HomeItem>,
    /// The selected item.
    pub selected: usize,
    /// Local files that could not be read.
    pub problems: Vec<String>,
}

impl Home {
    /// Reads the scenarios and sessions there are.
    pub fn load(lang: Lang) -> Home {
        let (entries, errors) = catalog::scenarios();
        let mut items: Vec<HomeItem> = entries.into_iter().map(HomeItem::Scenario).collect();
        items.extend(
            catalog::sessions()
                .into_iter()
                .take(20)
                .map(HomeItem::Session),
        );
        Home {
            items,
            selected: 0,
            problems: errors.iter().flat_map(|e| e.lines(lang)).collect(),
        }
    }

    /// Moves the selection by `delta`, staying in the list.
    pub fn select(&mut self, delta: isize) {
        let n = self.items.len();
        if n == 0 {
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(n - 1);
    }
}

/// Whether the list holds a conflict copy of the session file `path`.
fn has_copy(home: &Home, path: &std::path::Path) -> bool {
    home.items
        .iter()
        .any(|i| matches!(i, HomeItem::Session(c) if c.copy_of.as_deref() == Some(path)))
}

/// Draws the home screen in `area`.
pub fn render(frame: &mut Frame, area: Rect, home: &Home, theme: &Theme, lang: Lang) {
    let [list_area, detail_area] = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(area)
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut section = None;
    for (i, item) in home.items.iter().enumerate() {
        let heading = match item {
            HomeItem::Scenario(_) => lang.pick("Nieuwe sessie", "New session"),
            HomeItem::Session(_) => lang.pick("Recente sessies", "Recent sessions"),
        };
        if section != Some(heading) {
            if section.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(heading, theme.title));
            section = Some(heading);
        }
        let label = match item {
            HomeItem::Scenario(e) => {
                let local = match &e.source {
                    Source::Builtin => "",
                    Source::File(_) => lang.pick(" (lokaal)", " (local)"),
                    Source::Replaces(_) => lang.pick(
                        " (lokaal, vervangt ingebouwd)",
                        " (local, replaces built-in)",
                    ),
                };
                format!(
                    "{}{local} · {} {}",
                    clean(e.scenario.title.get(lang)),
                    e.scenario.steps.len(),
                    lang.pick("stappen", "steps")
                )
            }
            // A conflict copy and its file are marked first, where a cut line keeps it.
            HomeItem::Session(s) => format!(
                "{} · {}{} · {}",
                s.created.strftime("%Y-%m-%d"),
                if s.copy_of.is_some() {
                    lang.pick("CONFLICTKOPIE · ", "CONFLICT COPY · ")
                } else if has_copy(home, &s.path) {
                    lang.pick("met conflictkopie · ", "has a conflict copy · ")
                } else {
                    ""
                },
                clean(&s.title),
                clean(&s.scenario),
            ),
        };
        if i == home.selected {
            selected_line = lines.len();
            lines.push(Line::from(Span::styled(
                format!("▶ {label}"),
                theme.selected,
            )));
        } else {
            lines.push(Line::from(Span::styled(format!("  {label}"), theme.base)));
        }
    }
    let inner_height = list_area.height.saturating_sub(2) as usize;
    let scroll = selected_line.saturating_sub(inner_height.saturating_sub(1));
    let list = Paragraph::new(lines)
        .style(theme.base)
        .scroll((scroll as u16, 0))
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(Span::styled(" samenspel ", theme.title)),
        );
    frame.render_widget(list, list_area);

    let mut detail: Vec<Line> = match home.items.get(home.selected) {
        Some(HomeItem::Scenario(e)) => {
            let mut d = vec![
                Line::styled(clean(e.scenario.title.get(lang)).into_owned(), theme.title),
                Line::styled(
                    clean(e.scenario.description.get(lang)).into_owned(),
                    theme.base,
                ),
            ];
            d.push(Line::raw(""));
            for (i, s) in e.scenario.steps.iter().enumerate() {
                d.push(Line::styled(
                    format!("{}. {}", i + 1, clean(s.title.get(lang))),
                    theme.dim,
                ));
            }
            d
        }
        Some(HomeItem::Session(s)) => {
            let mut d = vec![
                Line::styled(clean(&s.title).into_owned(), theme.title),
                Line::styled(
                    format!("{} {}", s.events, lang.pick("wijzigingen", "changes")),
                    theme.base,
                ),
                Line::styled(clean(&s.path.display().to_string()).into_owned(), theme.dim),
            ];
            if let Some(original) = &s.copy_of {
                let conflict = crate::store::conflict::Conflict {
                    original: original.clone(),
                    copy: s.path.clone(),
                };
                d.push(Line::styled(
                    clean(&conflict.explain(lang)).into_owned(),
                    theme.error,
                ));
            }
            d
        }
        None => vec![Line::raw(
            lang.pick("Geen scenario's gevonden.", "No scenarios found."),
        )],
    };
    for p in &home.problems {
        detail.push(Line::styled(clean(p).into_owned(), theme.error));
    }
    frame.render_widget(
        Paragraph::new(detail)
            .style(theme.base)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border),
            ),
        detail_area,
    );
}
