//! The help overlay: every key of the screen underneath, in the current language, in one
//! or two columns, scrolling when even that does not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crossterm::event::KeyCode;

use super::action::Action;
use super::app::App;
use super::keys::{Binding, KeyTable, also, ch, code, table};
use super::view::centered;

/// The keys of the help overlay itself (it lists the screen's keys, never its own).
pub static KEYS: KeyTable = table!(
    "Hulp",
    "Help",
    [also!([
        ch('?', Action::Help),
        code(KeyCode::Esc, Action::Help),
        ch('q', Action::Help),
        code(KeyCode::Up, Action::Up),
        ch('k', Action::Up),
        code(KeyCode::Down, Action::Down),
        ch('j', Action::Down),
    ])],
);

/// The lines of some sections: a heading, then one line per key.
fn lines_of<'a>(sections: &[&KeyTable], key_w: usize, app: &'a App) -> Vec<Line<'a>> {
    let lang = app.lang;
    let mut lines = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            lang.pick(section.nl, section.en),
            app.theme.heading,
        ));
        for b in section.shown() {
            let keys = b.label;
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:>key_w$}  "), app.theme.title),
                Span::styled(lang.pick(b.nl, b.en), app.theme.base),
            ]));
        }
    }
    lines
}

/// Draws the key list of the screen under the overlay.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let sections = app.screen_context().sections();
    let all: Vec<&Binding> = sections.iter().flat_map(|s| s.shown()).collect();
    let key_w = all
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(1);
    let text_w = all
        .iter()
        .map(|b| lang.pick(b.nl, b.en).chars().count())
        .chain(
            sections
                .iter()
                .map(|s| lang.pick(s.nl, s.en).chars().count()),
        )
        .max()
        .unwrap_or(10);
    let column_w = (key_w + 2 + text_w) as u16;
    let one = lines_of(&sections, key_w, app);
    let fits_high = one.len() as u16 + 2 <= area.height;
    let two_wide = sections.len() > 1 && column_w * 2 + 3 + 2 <= area.width;

    let title = lang.pick(" Toetsen (? sluit) ", " Keys (? closes) ");
    let block = |more: bool| {
        let b = Block::default()
            .borders(Borders::ALL)
            .border_style(app.theme.focus)
            .title(Span::styled(title, app.theme.focus));
        if more {
            b.title_bottom(Span::styled(
                lang.pick(" ↑↓ meer ", " ↑↓ more "),
                app.theme.dim,
            ))
        } else {
            b
        }
    };

    if !fits_high && two_wide {
        // Two columns: the first section(s) left, the rest right.
        let split = 1;
        let left = lines_of(&sections[..split], key_w, app);
        let right = lines_of(&sections[split..], key_w, app);
        let rows = left.len().max(right.len()) as u16;
        if rows + 2 <= area.height {
            let rect = centered(area, column_w * 2 + 3 + 2, rows + 2);
            frame.render_widget(Clear, rect);
            let inner = block(false).inner(rect);
            frame.render_widget(block(false).style(app.theme.base), rect);
            let lw = column_w.min(inner.width);
            frame.render_widget(
                Paragraph::new(left).style(app.theme.base),
                Rect::new(inner.x, inner.y, lw, inner.height),
            );
            let rx = inner.x + (column_w + 3).min(inner.width);
            frame.render_widget(
                Paragraph::new(right).style(app.theme.base),
                Rect::new(rx, inner.y, inner.right().saturating_sub(rx), inner.height),
            );
            return;
        }
    }
    let height = (one.len() as u16 + 2).min(area.height);
    let visible = height.saturating_sub(2);
    let max_scroll = (one.len() as u16).saturating_sub(visible);
    let scroll = app.help_scroll.min(max_scroll);
    let rect = centered(area, column_w + 4, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(one)
            .style(app.theme.base)
            .scroll((scroll, 0))
            .block(block(max_scroll > 0)),
        rect,
    );
}
