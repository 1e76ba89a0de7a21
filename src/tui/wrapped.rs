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

/// One entry of a scrolling list: a few lines that are shown whole or not at all.
pub struct Entry<'a> {
    /// Its lines.
    pub lines: Vec<Line<'a>>,
    /// Whether it counts in "▼ 5 meer" (an item, not a heading or a blank line).
    pub item: bool,
}

impl<'a> Entry<'a> {
    /// An item of the list.
    pub fn item(lines: Vec<Line<'a>>) -> Entry<'a> {
        Entry { lines, item: true }
    }

    /// A heading or a blank line: scrolled with the items, not counted.
    pub fn other(lines: Vec<Line<'a>>) -> Entry<'a> {
        Entry { lines, item: false }
    }
}

/// The first block shown when the view is scrolled by `wanted` blocks in `height` rows:
/// never so far that rows stay empty at the bottom while blocks are above.
pub fn clamp_offset(blocks: &[Entry], wanted: usize, height: usize) -> usize {
    let mut rows = 0;
    let mut last_start = blocks.len();
    // From the end: the earliest block from which everything to the end fits (with the
    // line that says what is above).
    for (i, b) in blocks.iter().enumerate().rev() {
        rows += b.lines.len();
        if rows + usize::from(i > 0) > height {
            break;
        }
        last_start = i;
    }
    wanted.min(last_start.min(blocks.len().saturating_sub(1)))
}

/// The lines of `blocks` shown from block `offset` in `height` rows: whole blocks only,
/// with a line above ("▲ 2 hoger") and below ("▼ 5 meer") when items are out of view.
pub fn scrolled<'a>(
    blocks: Vec<Entry<'a>>,
    offset: usize,
    height: usize,
    style: Style,
    lang: crate::core::Lang,
) -> Vec<Line<'a>> {
    let offset = clamp_offset(&blocks, offset, height);
    let above = blocks.iter().take(offset).filter(|b| b.item).count();
    let mut out: Vec<Line> = Vec::new();
    // Something above (a heading at least): said, with how many items when there are.
    if offset > 0 {
        let count = if above > 0 {
            format!("{above} ")
        } else {
            String::new()
        };
        out.push(Line::styled(
            format!("▲ {count}{}", lang.pick("hoger (↑)", "above (↑)")),
            style,
        ));
    }
    let total = blocks.len();
    let mut rest: std::collections::VecDeque<Entry> = blocks.into_iter().skip(offset).collect();
    let mut taken: Vec<Entry> = Vec::new();
    let mut rows = out.len();
    while let Some(b) = rest.front() {
        // Keep a row for the line below unless this is the last block.
        let last = offset + taken.len() + 1 == total;
        let reserve = usize::from(!last);
        if rows + b.lines.len() + reserve > height {
            break;
        }
        rows += b.lines.len();
        if let Some(b) = rest.pop_front() {
            taken.push(b);
        }
    }
    // A heading (or a blank line) is never left at the bottom without what it heads.
    while !rest.is_empty() && taken.len() > 1 && taken.last().is_some_and(|b| !b.item) {
        if let Some(b) = taken.pop() {
            rest.push_front(b);
        }
    }
    let shown = taken.len();
    for b in taken {
        out.extend(b.lines);
    }
    if shown == 0
        && let Some(b) = rest.pop_front()
    {
        // A block taller than the view: as much of it as fits.
        out.extend(b.lines.into_iter().take(height.saturating_sub(1)));
    }
    let rest: Vec<Entry> = rest.into_iter().collect();
    let below = rest.iter().filter(|b| b.item).count();
    if !rest.is_empty() {
        out.truncate(height.saturating_sub(1));
        let count = if below > 0 {
            format!("{below} ")
        } else {
            String::new()
        };
        out.push(Line::styled(
            format!("▼ {count}{}", lang.pick("meer (↓)", "more (↓)")),
            style,
        ));
    }
    out
}

/// The first block to show so that block `selected` is in view in `height` rows (the
/// lines that say what is above and below included): as far up as still shows it.
pub fn offset_for(blocks: &[Entry], selected: usize, height: usize) -> usize {
    let Some(sel) = blocks.get(selected) else {
        return 0;
    };
    let mut rows = sel.lines.len();
    let mut first = selected;
    while first > 0 {
        let up = blocks[first - 1].lines.len();
        // Room for "▲ … hoger" above unless the first block is reached, and "▼ … meer".
        let signs = usize::from(first - 1 > 0) + usize::from(selected + 1 < blocks.len());
        if rows + up + signs > height {
            break;
        }
        rows += up;
        first -= 1;
    }
    first
}

/// As many of `parts` as fit in `room` columns, joined by " · ", whole parts only (the
/// first ones are the most important).
pub fn fit_parts(parts: &[String], room: usize) -> String {
    let mut out = String::new();
    for part in parts {
        let next = if out.is_empty() {
            part.clone()
        } else {
            format!("{out} · {part}")
        };
        if Span::raw(next.as_str()).width() > room {
            break;
        }
        out = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Lang;

    fn item(text: &str) -> Entry<'static> {
        Entry::item(vec![Line::raw(text.to_string())])
    }

    fn heading(text: &str) -> Entry<'static> {
        Entry::other(vec![Line::raw(text.to_string())])
    }

    fn shown(lines: Vec<Line>) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_list_shows_whole_entries_and_says_what_is_above_and_below() {
        let list = || {
            vec![
                heading("EEN"),
                item("a"),
                item("b"),
                heading("TWEE"),
                item("c"),
                item("d"),
                item("e"),
            ]
        };
        // From the top: the heading of the second list is not left at the bottom alone.
        let top = shown(scrolled(list(), 0, 5, Style::default(), Lang::Nl));
        assert_eq!(top, ["EEN", "a", "b", "▼ 3 meer (↓)"]);
        // Scrolled: what is above is said too.
        let mid = shown(scrolled(list(), 3, 5, Style::default(), Lang::Nl));
        assert_eq!(mid, ["▲ 2 hoger (↑)", "TWEE", "c", "d", "e"]);
        // Never further than the end allows: the last rows are used.
        let far = shown(scrolled(list(), 6, 5, Style::default(), Lang::Nl));
        assert_eq!(far, mid);
        // The selected entry is in view.
        let blocks = list();
        let offset = offset_for(&blocks, 6, 4);
        let view = shown(scrolled(blocks, offset, 4, Style::default(), Lang::Nl));
        assert!(view.contains(&"e".to_string()), "{view:?}");
        assert!(view[0].starts_with('▲'), "{view:?}");
    }

    #[test]
    fn parts_that_do_not_fit_are_left_out_whole() {
        let parts: Vec<String> = ["a afspraak", "e bewerken", "d verwijderen"]
            .map(String::from)
            .to_vec();
        assert_eq!(fit_parts(&parts, 23), "a afspraak · e bewerken");
        assert_eq!(fit_parts(&parts, 9), "");
    }
}
