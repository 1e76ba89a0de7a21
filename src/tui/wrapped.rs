//! Lists of wrapped text lines for the panels: an item's first line starts with a lead
//! (a marker, a number), the lines after it are indented under its text.

use ratatui::style::Style;
use ratatui::text::Line;

use super::board::wrap;

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
