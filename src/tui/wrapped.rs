//! Lists for the panels: wrapped items whose first line starts with a lead (a marker, a
//! number) and whose next lines are indented under the text, and a short list to choose
//! from, drawn over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph, Wrap};

use super::steps::board::wrap;
use super::theme::Theme;
use super::view::{centered, wrapped_height};

/// Pushes `lead` + `text`, wrapped at `width`, continuation lines indented under the text.
pub fn push_wrapped(lines: &mut Vec<Line<'_>>, lead: &str, text: &str, width: usize, style: Style) {
    let indent = lead.chars().count();
    for (j, part) in wrap(text, width.saturating_sub(indent).max(8))
        .into_iter()
        .enumerate()
    {
        let head = if j == 0 {
            lead.to_string()
        } else {
            " ".repeat(indent)
        };
        lines.push(Line::styled(format!("{head}{part}"), style));
    }
}

/// How far to scroll a list of `height` rows so that the lines up to `end` show.
pub fn scroll_to(end: usize, height: usize) -> u16 {
    end.saturating_sub(height).min(u16::MAX as usize) as u16
}

/// A centered box with a title, a few lines of context, and a list with one highlighted
/// row (`▶`); the list scrolls to keep it in view.
pub fn list_overlay(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    context: &[Line],
    items: &[(String, bool)],
    keys: &str,
    theme: &Theme,
) {
    let longest = items
        .iter()
        .map(|(s, _)| s.chars().count() + 4)
        .chain([title.chars().count(), keys.chars().count()])
        .max()
        .unwrap_or(20) as u16;
    // With a text above the list (what is endorsed), a wider box keeps it to a few lines.
    let least = if context.is_empty() { 30 } else { 60 };
    let width = (longest + 4).max(least).min(90).min(area.width);
    let inner_w = width.saturating_sub(4).max(1) as usize;
    let context_h: usize = context
        .iter()
        .map(|l| wrapped_height(&l.to_string(), inner_w))
        .sum();
    let height = (context_h + items.len() + 2 + usize::from(!context.is_empty())) as u16;
    let rect = centered(area, width, height.min(area.height));
    let mut lines: Vec<Line> = context.to_vec();
    if !context.is_empty() {
        lines.push(Line::raw(""));
    }
    let first_item = lines.len();
    let mut selected_row = first_item;
    for (i, (text, on)) in items.iter().enumerate() {
        let (marker, style) = if *on {
            selected_row = first_item + i;
            ("▶ ", theme.selected)
        } else {
            ("  ", theme.base)
        };
        lines.push(Line::styled(format!("{marker}{text}"), style));
    }
    let inner_h = rect.height.saturating_sub(2) as usize;
    // Context lines wrap; the items do not, so this keeps the highlighted one in view.
    let extra = context_h.saturating_sub(context.len());
    let scroll = (selected_row + extra + 1).saturating_sub(inner_h);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0))
            .block(panel_block(
                title.to_string(),
                keys.to_string(),
                theme.focus,
                theme.focus,
                theme,
            )),
        rect,
    );
}

/// The frame of a panel: padded, bordered, its title on top and its keys at the bottom.
pub fn panel_block(
    title: impl Into<String>,
    keys: impl Into<String>,
    border: Style,
    title_style: Style,
    theme: &Theme,
) -> Block<'static> {
    Block::default()
        .padding(Padding::horizontal(1))
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(title.into(), title_style))
        .title_bottom(Span::styled(keys.into(), theme.dim))
}
