//! The home screen: start a new session from a scenario (its title asked first, today's
//! date offered), or take up a recent one: open it, continue it as the next meeting of the
//! series (`new --from`), or replay it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crossterm::event::KeyCode;

use super::action::Action;
use super::form::{Check, Form, Purpose};
use super::keys::{KeyTable, UP_DOWN, bind, ch, code, table};
use super::text::clean;
use super::theme::Theme;
use super::wrapped::{Entry as Row, fit_parts, offset_for, push_wrapped, scrolled};
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
            "start (vraagt de titel) of open",
            "start (asks the title) or open",
            [code(KeyCode::Enter, Action::Open)],
        ),
        bind!(
            "v",
            "vervolg: de volgende bijeenkomst van deze sessie (--from)",
            "continue: the next meeting of this session (--from)",
            [ch('v', Action::Continue)],
        ),
        bind!(
            "r",
            "deze sessie terugkijken (q komt hier terug)",
            "replay this session (q comes back here)",
            [ch('r', Action::PlayBack)],
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
    /// The title of a new session being asked, when it is.
    pub prompt: Option<Box<TitlePrompt>>,
}

/// The title asked before a session starts; today's date is offered (typing replaces it).
pub struct TitlePrompt {
    /// The one text field.
    pub form: Form,
    /// What starts once the title is given.
    pub start: Start,
}

/// What the home screen starts.
pub enum Start {
    /// A new session of a scenario.
    New(crate::core::Scenario),
    /// The next meeting of a series: a new session of `scenario` that looks back at the
    /// session in `previous`.
    Continue {
        /// The session continued.
        previous: std::path::PathBuf,
        /// Its scenario, as the catalog has it now.
        scenario: crate::core::Scenario,
    },
}

impl TitlePrompt {
    /// Asks the title for `start`, offering `date` (already in the interface language).
    pub fn new(start: Start, date: &str) -> TitlePrompt {
        let mut form = Form::text(
            Purpose::SessionTitle,
            (
                " Titel van de bijeenkomst · Enter start · Esc terug ",
                " Title of the meeting · Enter starts · Esc back ",
            ),
            date,
            Check::Any,
        );
        // The date is offered: typing replaces it, Enter keeps it.
        form.textarea.select_all();
        TitlePrompt { form, start }
    }
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
            prompt: None,
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
    // The title being asked, at the foot.
    let area = match &home.prompt {
        Some(prompt) => {
            let h = super::form::foot_height(&prompt.form, area.width);
            let [rest, foot] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(h)]).areas(area);
            super::form::render_foot(frame, foot, &prompt.form, theme, lang);
            rest
        }
        None => area,
    };
    let detail = detail_lines(home, theme, lang);
    let [list_area, detail_area] = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        // Below the list, as high as the wrapped text needs (up to half), never cut.
        let inner = area.width.saturating_sub(4).max(1) as usize;
        let need: usize = detail
            .iter()
            .map(|l| super::view::wrapped_height(&l.to_string(), inner))
            .sum();
        let h = (need as u16 + 2).min(area.height / 2).max(3);
        Layout::vertical([Constraint::Min(3), Constraint::Length(h)]).areas(area)
    };
    let mut blocks: Vec<Row> = Vec::new();
    let mut selected_block = 0;
    let mut section = None;
    for (i, item) in home.items.iter().enumerate() {
        let heading = match item {
            HomeItem::Scenario(_) => lang.pick("Nieuwe sessie", "New session"),
            HomeItem::Session(_) => lang.pick("Recente sessies", "Recent sessions"),
        };
        if section != Some(heading) {
            let mut lines = Vec::new();
            if section.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(heading, theme.title));
            blocks.push(Row::other(lines));
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
        let inner_w = list_area.width.saturating_sub(2) as usize;
        let mut lines = Vec::new();
        if i == home.selected {
            selected_block = blocks.len();
            push_wrapped(&mut lines, "▶ ", &label, inner_w, theme.selected);
        } else {
            push_wrapped(&mut lines, "  ", &label, inner_w, theme.base);
        }
        blocks.push(Row::item(lines));
    }
    let inner_height = list_area.height.saturating_sub(2) as usize;
    let offset = offset_for(&blocks, selected_block, inner_height);
    let lines = scrolled(blocks, offset, inner_height, theme.dim, lang);
    let list = Paragraph::new(lines).style(theme.base).block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(" samenspel ", theme.title)),
    );
    frame.render_widget(list, list_area);
    frame.render_widget(
        Paragraph::new(detail)
            .style(theme.base)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .padding(ratatui::widgets::Padding::horizontal(1))
                    .border_style(theme.border),
            ),
        detail_area,
    );
}

/// What the home screen says of the selected item: a scenario's description and steps, a
/// session's title, changes and file (and, for a session, what `v` and `r` do).
fn detail_lines(home: &Home, theme: &Theme, lang: Lang) -> Vec<Line<'static>> {
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
    detail
}

/// The keys line at the foot of the home screen, as many parts as fit, whole.
pub fn hint(home: &Home, width: u16, lang: Lang) -> String {
    let session = matches!(home.items.get(home.selected), Some(HomeItem::Session(_)));
    let mut parts: Vec<String> = vec![lang.pick("↑↓ kiezen", "↑↓ choose").into()];
    if session {
        parts.extend(
            [
                lang.pick("Enter openen", "Enter open"),
                lang.pick("v vervolg (volgende keer)", "v continue (next meeting)"),
                lang.pick("r terugkijken", "r replay"),
            ]
            .map(String::from),
        );
    } else {
        parts.push(lang.pick("Enter nieuwe sessie", "Enter new session").into());
    }
    parts.extend(
        [
            lang.pick("? hulp", "? help"),
            lang.pick("q stoppen", "q quit"),
        ]
        .map(String::from),
    );
    format!(" {}", fit_parts(&parts, width.saturating_sub(2) as usize))
}
