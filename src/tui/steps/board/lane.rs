//! One lane on screen: its cards in the shown order, theme headings, party labels, marks,
//! and a scroll that keeps the selected card in view with a count of what is hidden.
//! The same layout serves drawing and mouse clicks, so they always agree.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::order::{Row, rows};
use super::wrap;
use crate::core::Lang;
use crate::core::Party;
use crate::core::clean::clean;
use crate::core::state::{CardId, LaneState};
use crate::tui::theme::Theme;

/// What a lane is drawn with, besides its cards.
pub struct LaneLook<'a> {
    /// The lane's title.
    pub title: &'a str,
    /// The selected card's place in the shown order, when this lane has the focus.
    pub selected: Option<usize>,
    /// Cards marked for grouping.
    pub marked: &'a std::collections::BTreeSet<CardId>,
    /// The scenario's parties (for labels).
    pub parties: &'a [Party],
    /// No blank lines between cards (set for every lane when one lane needs it, so the
    /// lanes side by side look alike).
    pub compact: bool,
}

/// The lines of a lane and which card each block of lines shows.
pub struct LaneLayout {
    /// The lines, before scrolling.
    pub lines: Vec<Line<'static>>,
    /// Per card: its shown place and its first and one-past-last line.
    pub cards: Vec<(usize, usize, usize)>,
    /// The first line shown.
    pub scroll: usize,
    /// Cards not (fully) in view.
    pub hidden: usize,
}

/// The short label of a party, e.g. `[GEM]`, and its place in the list.
pub fn party_label(parties: &[Party], party: &str) -> (String, usize) {
    match parties.iter().position(|p| p.id == party) {
        Some(i) => (format!("[{}]", clean(&parties[i].short)), i),
        // A party the scenario no longer lists: show its id, never nothing.
        None => (format!("[{}]", clean(party)), parties.len()),
    }
}

/// Lays a lane out in a box of `area` (borders included).
pub fn layout(
    area: Rect,
    lane: &LaneState,
    look: &LaneLook,
    theme: &Theme,
    lang: Lang,
) -> LaneLayout {
    let inner_w = area.width.saturating_sub(2) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    // When the cards do not fit with a blank line between them, drop the blank lines.
    let mut out = if look.compact || !may_fit_roomy(lane, inner_h) {
        build(inner_w, lane, look, theme, lang, false)
    } else {
        let roomy = build(inner_w, lane, look, theme, lang, true);
        if roomy.lines.len() > inner_h {
            build(inner_w, lane, look, theme, lang, false)
        } else {
            roomy
        }
    };
    if out.lines.len() > inner_h {
        let (start, end) = look
            .selected
            .and_then(|s| out.cards.iter().find(|c| c.0 == s))
            .map_or((0, 0), |c| (c.1, c.2));
        // Keep the selected card in view; show its heading too when there is room.
        let mut scroll = end.saturating_sub(inner_h).min(start);
        if scroll > 0 && start > 0 && scroll == start && is_heading_line(&out, start - 1) {
            scroll = start - 1;
        }
        scroll = scroll.min(out.lines.len().saturating_sub(inner_h));
        out.scroll = scroll;
    }
    let bottom = out.scroll + inner_h;
    out.hidden = out
        .cards
        .iter()
        .filter(|(_, start, end)| *start < out.scroll || *end > bottom)
        .count();
    out
}

/// Whether the lane's cards fit `area` with a blank line between them.
pub fn fits_roomy(
    area: Rect,
    lane: &LaneState,
    look: &LaneLook,
    theme: &Theme,
    lang: Lang,
) -> bool {
    let inner_w = area.width.saturating_sub(2) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    may_fit_roomy(lane, inner_h)
        && build(inner_w, lane, look, theme, lang, true).lines.len() <= inner_h
}

/// A quick no: with a blank line between cards, `n` cards take at least `2n - 1` lines.
/// Large boards skip laying out the roomy version only to throw it away.
fn may_fit_roomy(lane: &LaneState, inner_h: usize) -> bool {
    (2 * lane.cards.len()).saturating_sub(1) <= inner_h
}

fn is_heading_line(layout: &LaneLayout, line: usize) -> bool {
    !layout.cards.iter().any(|c| line >= c.1 && line < c.2)
        && layout.lines.get(line).is_some_and(|l| l.width() > 0)
}

fn build(
    width: usize,
    lane: &LaneState,
    look: &LaneLook,
    theme: &Theme,
    lang: Lang,
    roomy: bool,
) -> LaneLayout {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cards = Vec::new();
    for row in rows(lane) {
        match row {
            Row::Heading { theme: name, count } => {
                if roomy && !lines.is_empty() && lines.last().is_some_and(|l| l.width() > 0) {
                    lines.push(Line::raw(""));
                }
                let text = format!("▌{} ({count})", clean(name));
                for part in wrap(&text, width.max(1)) {
                    lines.push(Line::styled(part, theme.heading));
                }
            }
            Row::Card { index, shown } => {
                let card = &lane.cards[index];
                let themed = card.theme.is_some();
                let is_sel = look.selected == Some(shown);
                let is_marked = look.marked.contains(&card.id);
                let cursor = if is_sel { "▶" } else { " " };
                let mark = if is_marked { "✓" } else { "•" };
                let indent = if themed { "  " } else { "" };
                let lead = format!("{indent}{cursor}{mark} ");
                let lead_w = lead.chars().count();
                let label = card.party.as_deref().map(|p| party_label(look.parties, p));
                let text = match &label {
                    Some((l, _)) => format!("{l} {}", clean(&card.text)),
                    None => clean(&card.text).into_owned(),
                };
                let style = if is_sel {
                    theme.selected
                } else if is_marked {
                    theme.marked
                } else {
                    theme.base
                };
                let start = lines.len();
                let text_w = width.saturating_sub(lead_w).max(1);
                for (j, part) in wrap(&text, text_w).into_iter().enumerate() {
                    let lead = if j == 0 {
                        lead.clone()
                    } else {
                        " ".repeat(lead_w)
                    };
                    let mut spans = vec![Span::styled(lead, style)];
                    match &label {
                        Some((l, i))
                            if let Some(rest) = part.strip_prefix(l.as_str())
                                && j == 0 =>
                        {
                            let rest = rest.to_string();
                            spans.push(Span::styled(l.clone(), theme.party(*i)));
                            spans.push(Span::styled(rest, style));
                        }
                        _ => spans.push(Span::styled(part, style)),
                    }
                    lines.push(Line::from(spans));
                }
                cards.push((shown, start, lines.len()));
                if roomy {
                    lines.push(Line::raw(""));
                }
            }
        }
    }
    if roomy && lines.last().is_some_and(|l| l.width() == 0) {
        lines.pop();
    }
    if lane.cards.is_empty() {
        lines.push(Line::styled(
            lang.pick(
                " (nog leeg: a voegt een kaart toe)",
                " (empty: a adds a card)",
            ),
            theme.dim,
        ));
    }
    LaneLayout {
        lines,
        cards,
        scroll: 0,
        hidden: 0,
    }
}

/// "12 kaarten, 4 verborgen" or "3 kaarten".
pub fn count_text(count: usize, hidden: usize, lang: Lang) -> String {
    let cards = if count == 1 {
        lang.pick("kaart", "card")
    } else {
        lang.pick("kaarten", "cards")
    };
    if hidden == 0 {
        format!("{count} {cards}")
    } else {
        format!(
            "{count} {cards}, {hidden} {}",
            lang.pick("verborgen", "hidden")
        )
    }
}

/// Draws a lane in `area`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    lane: &LaneState,
    look: &LaneLook,
    theme: &Theme,
    lang: Lang,
) {
    let laid = layout(area, lane, look, theme, lang);
    let focused = look.selected.is_some();
    let inner_h = area.height.saturating_sub(2) as usize;
    let more_above = laid.scroll > 0;
    let more_below = laid.lines.len() > laid.scroll + inner_h;
    let arrows = match (more_above, more_below) {
        (true, true) => " ↑↓",
        (true, false) => " ↑",
        (false, true) => " ↓",
        (false, false) => "",
    };
    let count = format!(
        " {}{arrows} ",
        count_text(lane.cards.len(), laid.hidden, lang)
    );
    let border = if focused { theme.focus } else { theme.border };
    let title_style = if focused { theme.focus } else { theme.title };
    let marker = if focused { "▶ " } else { "" };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(
            format!(" {marker}{} ", look.title),
            title_style,
        ))
        .title_bottom(Span::styled(count, theme.dim));
    frame.render_widget(
        Paragraph::new(laid.lines)
            .style(theme.base)
            .scroll((laid.scroll.min(u16::MAX as usize) as u16, 0))
            .block(block),
        area,
    );
}

/// The shown place of the card drawn at screen row `row` of a lane in `area`, if any.
pub fn card_at_row(
    area: Rect,
    row: u16,
    lane: &LaneState,
    look: &LaneLook,
    theme: &Theme,
    lang: Lang,
) -> Option<usize> {
    let top = area.y + 1;
    if row < top || row >= area.bottom().saturating_sub(1) {
        return None;
    }
    let laid = layout(area, lane, look, theme, lang);
    let line = (row - top) as usize + laid.scroll;
    laid.cards
        .iter()
        .find(|(_, start, end)| line >= *start && line < *end)
        .map(|(shown, _, _)| *shown)
}
