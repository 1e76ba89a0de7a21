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
    /// Cards that became actions: marked `→ afspraak`.
    pub actions: &'a std::collections::BTreeSet<CardId>,
    /// The scenario's parties (for labels).
    pub parties: &'a [Party],
    /// No blank lines between cards (set for every lane when one lane needs it, so the
    /// lanes side by side look alike).
    pub compact: bool,
    /// Whether editing hints are drawn (not when browsing).
    pub hints: bool,
}

/// The lines of a lane and which card each block of lines shows.
pub struct LaneLayout {
    /// The lines, before scrolling.
    pub lines: Vec<Line<'static>>,
    /// Per card: its shown place and its first and one-past-last line.
    pub cards: Vec<(usize, usize, usize)>,
    /// The first line shown.
    pub scroll: usize,
    /// One past the last line shown: only whole cards are shown, never a piece of one.
    pub end: usize,
    /// Cards not in view.
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
    // One column kept free before the right border, so text never runs into it.
    let inner_w = area.width.saturating_sub(3) as usize;
    let inner_h = cards_height(area, look);
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
        // Keep the selected card in view, starting the view where a card or a theme's
        // heading starts (so no piece of a card is left at the top); with the heading of
        // the selected card's theme when there is room.
        let least = end.saturating_sub(inner_h);
        let scroll = block_starts(&out)
            .into_iter()
            .filter(|s| *s >= least && *s <= start)
            .min()
            .unwrap_or(start);
        out.scroll = scroll.min(out.lines.len().saturating_sub(1));
    }
    // Only whole cards below: the view ends before the first card that does not fit (and
    // before a theme's heading left without its cards).
    let bottom = out.scroll + inner_h;
    let mut shown_end = out.lines.len().min(bottom);
    if let Some(cut) = out
        .cards
        .iter()
        .filter(|(_, start, end)| *start >= out.scroll && *start < bottom && *end > bottom)
        .map(|(_, start, _)| *start)
        .min()
    {
        shown_end = cut;
        while shown_end > out.scroll
            && out
                .lines
                .get(shown_end - 1)
                .is_some_and(|l| l.width() == 0 || is_heading_line(&out, shown_end - 1))
        {
            shown_end -= 1;
        }
    }
    out.end = shown_end.max(out.scroll);
    out.hidden = out
        .cards
        .iter()
        .filter(|(_, start, end)| *start < out.scroll || *end > out.end)
        .count();
    out
}

/// The lines where a card or a theme's heading starts, in order.
fn block_starts(layout: &LaneLayout) -> Vec<usize> {
    let mut starts: Vec<usize> = layout.cards.iter().map(|c| c.1).collect();
    starts.extend((0..layout.lines.len()).filter(|i| is_heading_line(layout, *i)));
    starts.sort_unstable();
    starts
}

/// Whether the lane's cards fit `area` with a blank line between them.
pub fn fits_roomy(
    area: Rect,
    lane: &LaneState,
    look: &LaneLook,
    theme: &Theme,
    lang: Lang,
) -> bool {
    // One column kept free before the right border, so text never runs into it.
    let inner_w = area.width.saturating_sub(3) as usize;
    let inner_h = cards_height(area, look);
    may_fit_roomy(lane, inner_h)
        && build(inner_w, lane, look, theme, lang, true).lines.len() <= inner_h
}

/// The lane's title as drawn: `▶ Title` in the top border when it fits there, else
/// wrapped on its own lines at the top of the lane (whole words, never cut).
fn title_lines(area: Rect, look: &LaneLook) -> Vec<String> {
    let marker = if look.selected.is_some() { "▶ " } else { "" };
    let text = format!("{marker}{}", look.title);
    let room = area.width.saturating_sub(4) as usize;
    if ratatui::text::Span::raw(text.as_str()).width() <= room {
        return Vec::new();
    }
    let mut lines = wrap(&text, area.width.saturating_sub(2).max(1) as usize);
    lines.truncate(2.min(area.height.saturating_sub(3) as usize));
    lines
}

/// Rows left for the cards: inside the border, below a title on its own lines.
fn cards_height(area: Rect, look: &LaneLook) -> usize {
    (area.height.saturating_sub(2) as usize).saturating_sub(title_lines(area, look).len())
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
                let mut text = match &label {
                    Some((l, _)) => format!("{l} {}", clean(&card.text)),
                    None => clean(&card.text).into_owned(),
                };
                if look.actions.contains(&card.id) {
                    text.push_str(lang.pick(" → afspraak", " → commitment"));
                }
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
        // The hint wraps (a narrow lane shows it whole); browsing, only "empty".
        let hint = if look.hints {
            lang.pick(
                "(nog leeg: a voegt een kaart toe)",
                "(empty: a adds a card)",
            )
        } else {
            lang.pick("(leeg)", "(empty)")
        };
        for part in wrap(hint, width.saturating_sub(1).max(1)) {
            lines.push(Line::styled(format!(" {part}"), theme.dim));
        }
    }
    LaneLayout {
        lines,
        cards,
        scroll: 0,
        end: 0,
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
    let more_above = laid.scroll > 0;
    let more_below = laid.lines.len() > laid.end;
    let arrows = match (more_above, more_below) {
        (true, true) => " ↑↓",
        (true, false) => " ↑",
        (false, true) => " ↓",
        (false, false) => "",
    };
    let inner_w = area.width.saturating_sub(2) as usize;
    let full = format!(
        " {}{arrows} ",
        count_text(lane.cards.len(), laid.hidden, lang)
    );
    // Narrow lanes say less, never cut: "12 kaarten, 4 verborgen ↓", "4 verborgen ↓", "4 ↓".
    let shorter = if laid.hidden == 0 {
        vec![format!(" {} ", lane.cards.len())]
    } else {
        vec![
            format!(
                " {} {}{arrows} ",
                laid.hidden,
                lang.pick("verborgen", "hidden")
            ),
            format!(" {}{arrows} ", laid.hidden),
        ]
    };
    let count = std::iter::once(full)
        .chain(shorter)
        .into_iter()
        .find(|c| ratatui::text::Span::raw(c.as_str()).width() <= inner_w)
        .unwrap_or_default();
    let border = if focused { theme.focus } else { theme.border };
    let title_style = if focused { theme.focus } else { theme.title };
    let marker = if focused { "▶ " } else { "" };
    let own_lines = title_lines(area, look);
    let top_title = if own_lines.is_empty() {
        format!(" {marker}{} ", look.title)
    } else {
        String::new()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(top_title, title_style))
        .title_bottom(Span::styled(count, theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let title_h = own_lines.len() as u16;
    if title_h > 0 {
        let lines: Vec<Line> = own_lines
            .into_iter()
            .map(|l| Line::styled(l, title_style))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).style(theme.base),
            Rect::new(inner.x, inner.y, inner.width, title_h.min(inner.height)),
        );
    }
    let shown: Vec<Line> = laid
        .lines
        .into_iter()
        .skip(laid.scroll)
        .take(laid.end - laid.scroll)
        .collect();
    let cards_area = Rect::new(
        inner.x,
        inner.y.saturating_add(title_h),
        inner.width,
        inner.height.saturating_sub(title_h),
    );
    frame.render_widget(Paragraph::new(shown).style(theme.base), cards_area);
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
    let top = area.y + 1 + title_lines(area, look).len() as u16;
    if row < top || row >= area.bottom().saturating_sub(1) {
        return None;
    }
    let laid = layout(area, lane, look, theme, lang);
    let line = (row - top) as usize + laid.scroll;
    if line >= laid.end {
        return None;
    }
    laid.cards
        .iter()
        .find(|(_, start, end)| line >= *start && line < *end)
        .map(|(shown, _, _)| *shown)
}
