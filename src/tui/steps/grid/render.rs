//! Drawing a grid: the axes, the field with its quadrants and items, the list beside it
//! when the names do not fit on the field, and the selected item told in full; or the
//! overview of what stands in each quadrant (`A`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::field::{self, Field, Tier, marker};
use crate::core::grid::{Entry, GridItem, GridSpec, Quadrant, analyse, entries, point_text};
use crate::core::{Lang, SessionState};
use crate::tui::session::view::Scene;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::Theme;
use crate::tui::wrapped::{panel_block, push_wrapped, scroll_to};

/// The widest the list beside the field is drawn.
const LIST_W: u16 = 34;

/// Draws the grid of the current step, or its overview when `A` opened it.
pub(super) fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let index = state.current;
    let Some(spec) = state.current_step().and_then(|s| s.kind.grid()) else {
        return;
    };
    if scene.view.matrix.analysis == Some(index) {
        overview(frame, area, state, spec, theme, lang);
        return;
    }
    let items = entries(state, index, lang);
    let selected = scene.cursor().card.min(items.len().saturating_sub(1));
    let detail_h = if area.height >= 12 { 2 } else { 0 };
    let [legend, middle, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(detail_h),
    ])
    .areas(area);
    let axes = format!(
        " ↑ {} ({} → {})   → {} ({} → {})",
        clean(spec.y.label.get(lang)),
        clean(spec.y.low.get(lang)),
        clean(spec.y.high.get(lang)),
        clean(spec.x.label.get(lang)),
        clean(spec.x.low.get(lang)),
        clean(spec.x.high.get(lang)),
    );
    frame.render_widget(Paragraph::new(axes).style(theme.dim), legend);

    // Names on the field when they fit; otherwise tags or numbers, and a list beside.
    let whole = inner_of(middle);
    let laid = field::with_names(whole, spec, &items);
    let (field_area, list_area, laid) = match laid {
        Some(f) => (middle, None, f),
        None => {
            let list_w = LIST_W.min(middle.width * 2 / 5);
            let [f, l] =
                Layout::horizontal([Constraint::Min(10), Constraint::Length(list_w)]).areas(middle);
            let laid = field::without_names(inner_of(f), spec, &items);
            (f, Some(l), laid)
        }
    };
    draw_field(
        frame, field_area, spec, &items, &laid, selected, state, theme, lang,
    );
    if let Some(l) = list_area {
        draw_list(frame, l, &items, laid.tier, selected, theme, lang);
    }
    if detail_h > 0 {
        draw_detail(
            frame,
            detail,
            spec,
            &items,
            selected,
            list_area.is_none(),
            theme,
            lang,
        );
    }
}

fn inner_of(area: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(area)
}

#[allow(clippy::too_many_arguments)]
fn draw_field(
    frame: &mut Frame,
    area: Rect,
    spec: &GridSpec,
    items: &[Entry],
    laid: &Field,
    selected: usize,
    state: &SessionState,
    theme: &Theme,
    lang: Lang,
) {
    let low_y = format!(
        " {}: {} ",
        clean(spec.y.label.get(lang)),
        clean(spec.y.low.get(lang))
    );
    let high_y = format!(
        " ↑ {}: {} ",
        clean(spec.y.label.get(lang)),
        clean(spec.y.high.get(lang))
    );
    let low_x = format!(
        " ← {}: {} ",
        clean(spec.x.label.get(lang)),
        clean(spec.x.low.get(lang))
    );
    let high_x = format!(
        " {}: {} → ",
        clean(spec.x.label.get(lang)),
        clean(spec.x.high.get(lang))
    );
    // Where the three names do not fit the bottom border, the ends only (the axes are
    // named above the field), and without the low end of the vertical axis if need be.
    let cols = |s: &str| Span::raw(s).width();
    let room = area.width.saturating_sub(4) as usize;
    let (low_y, low_x, high_x) = if cols(&low_y) + cols(&low_x) + cols(&high_x) <= room {
        (low_y, low_x, high_x)
    } else {
        let low_y = format!(" ↓ {} ", clean(spec.y.low.get(lang)));
        let low_x = format!(" ← {} ", clean(spec.x.low.get(lang)));
        let high_x = format!(" {} → ", clean(spec.x.high.get(lang)));
        if cols(&low_y) + cols(&low_x) + cols(&high_x) <= room {
            (low_y, low_x, high_x)
        } else {
            (String::new(), low_x, high_x)
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::from(Span::styled(high_y, theme.dim)))
        .title_bottom(Line::from(vec![
            Span::styled(low_y, theme.dim),
            Span::styled(low_x, theme.dim),
        ]))
        .title_bottom(Line::from(Span::styled(high_x, theme.dim)).right_aligned());
    frame.render_widget(block, area);
    let inner = laid.inner;
    if inner.width < 3 || inner.height < 3 {
        return;
    }
    let buf = frame.buffer_mut();
    let last_row = inner.y + inner.height - 1;
    for y in inner.y..=last_row {
        if let Some(cell) = buf.cell_mut((laid.mid_x, y)) {
            cell.set_symbol("│").set_style(theme.border);
        }
    }
    for x in inner.x..inner.x + inner.width {
        if let Some(cell) = buf.cell_mut((x, laid.mid_y)) {
            let symbol = if x == laid.mid_x { "┼" } else { "─" };
            cell.set_symbol(symbol).set_style(theme.border);
        }
    }
    // The quadrant names in their corners, on the first and last rows.
    let half_left = laid.mid_x.saturating_sub(inner.x).saturating_sub(1) as usize;
    let half_right = (inner.x + inner.width).saturating_sub(laid.mid_x + 2) as usize;
    for (q, row) in [
        (Quadrant::TopLeft, inner.y),
        (Quadrant::TopRight, inner.y),
        (Quadrant::BottomLeft, last_row),
        (Quadrant::BottomRight, last_row),
    ] {
        let right = matches!(q, Quadrant::TopRight | Quadrant::BottomRight);
        let room = if right { half_right } else { half_left };
        let name = truncate(&clean(spec.quadrants.name(q).get(lang)), room);
        let w = Span::raw(name.as_str()).width() as u16;
        let x = if right {
            (inner.x + inner.width).saturating_sub(w + 1)
        } else {
            inner.x + 1
        };
        buf.set_string(x, row, &name, theme.heading);
    }
    let parties = state.scenario.parties();
    for label in &laid.labels {
        let style = match label.item {
            Some(i) if i == selected => theme.selected,
            Some(i) => match (laid.tier, items.get(i).map(|e| &e.key)) {
                (Tier::Tags, Some(GridItem::Party(p))) => parties
                    .iter()
                    .position(|q| &q.id == p)
                    .and_then(|n| theme.parties.get(n % theme.parties.len().max(1)))
                    .copied()
                    .unwrap_or(theme.title),
                _ => theme.title,
            },
            None => theme.dim,
        };
        buf.set_string(label.x, label.y, &label.text, style);
    }
}

fn draw_list(
    frame: &mut Frame,
    area: Rect,
    items: &[Entry],
    tier: Tier,
    selected: usize,
    theme: &Theme,
    lang: Lang,
) {
    // One line an item: its tag or number, its name (cut to fit), where it stands.
    let width = area.width.saturating_sub(4).max(1) as usize;
    let tag_w = items
        .iter()
        .enumerate()
        .map(|(i, e)| Span::raw(marker(e, i + 1, tier)).width())
        .max()
        .unwrap_or(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_end = 0;
    for (i, e) in items.iter().enumerate() {
        let is_sel = i == selected;
        let place = e.at.map_or_else(|| "–".to_string(), point_text);
        let tag = marker(e, i + 1, tier);
        let pad = tag_w.saturating_sub(Span::raw(tag.as_str()).width());
        let lead = format!(
            "{}{tag}{} ",
            if is_sel { "▶" } else { " " },
            " ".repeat(pad)
        );
        let room = width.saturating_sub(Span::raw(lead.as_str()).width() + place.len() + 1);
        let name = truncate(&clean(&e.label), room.max(1));
        let gap = room.saturating_sub(Span::raw(name.as_str()).width()) + 1;
        let style = if is_sel { theme.selected } else { theme.base };
        lines.push(Line::styled(
            format!("{lead}{name}{}{place}", " ".repeat(gap)),
            style,
        ));
        if is_sel {
            sel_end = lines.len();
        }
    }
    let inner_h = area.height.saturating_sub(2) as usize;
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .scroll((scroll_to(sel_end, inner_h), 0))
            .block(panel_block(
                format!(" {} ", lang.pick("Onderdelen", "Items")),
                String::new(),
                theme.border,
                theme.title,
                theme,
            )),
        area,
    );
}

#[allow(clippy::too_many_arguments)]
fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    spec: &GridSpec,
    items: &[Entry],
    selected: usize,
    list_unplaced: bool,
    theme: &Theme,
    lang: Lang,
) {
    let mut lines = Vec::new();
    match items.get(selected) {
        None => lines.push(Line::styled(
            lang.pick(
                "Nog niets om te plaatsen: a voegt een onderdeel toe.",
                "Nothing to place yet: a adds an item.",
            ),
            theme.dim,
        )),
        Some(e) => {
            let place = match e.at {
                Some(p) => format!(
                    "{} · {}",
                    point_text(p),
                    clean(spec.quadrants.name(spec.quadrant(p)).get(lang))
                ),
                None => lang
                    .pick(
                        "nog niet geplaatst (pijltje: midden, twee cijfers: een plek)",
                        "not placed yet (arrow: the middle, two digits: a place)",
                    )
                    .to_string(),
            };
            let note = if e.note.is_empty() {
                String::new()
            } else {
                format!(" · {}", clean(&e.note))
            };
            // One line: the note is cut with "…" where it does not fit (`e` shows it whole).
            let head = format!("▶ {}", clean(&e.label));
            let room = (area.width as usize).saturating_sub(Span::raw(head.as_str()).width());
            lines.push(Line::from(vec![
                Span::styled(head, theme.selected),
                Span::styled(truncate(&format!(" · {place}{note}"), room), theme.base),
            ]));
        }
    }
    let unplaced: Vec<String> = items
        .iter()
        .filter(|e| e.at.is_none())
        .map(|e| clean(&e.label).into_owned())
        .collect();
    if list_unplaced && !unplaced.is_empty() {
        lines.push(Line::styled(
            unplaced_line(&unplaced, area.width as usize, lang),
            theme.dim,
        ));
    } else {
        lines.push(Line::styled(
            lang.pick(
                "Tab kies · pijltjes/2 cijfers plaats · x eraf · a nieuw · A overzicht",
                "Tab select · arrows/2 digits place · x off · a new · A overview",
            ),
            theme.dim,
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// "Nog te plaatsen: Gemeente · Netbeheerder · 3 meer (Tab kiest)": the names that fit one
/// line of `width`, whole, and how many more there are.
fn unplaced_line(names: &[String], width: usize, lang: Lang) -> String {
    let head = lang.pick("Nog te plaatsen:", "Still to place:");
    let tab = lang.pick("(Tab kiest)", "(Tab selects)");
    let more = |n: usize| match lang {
        Lang::Nl => format!(" · {n} meer"),
        Lang::En => format!(" · {n} more"),
    };
    let cols = |s: &str| Span::raw(s).width();
    let mut shown = 0;
    for n in 1..=names.len() {
        let rest = if n < names.len() {
            more(names.len() - n)
        } else {
            String::new()
        };
        let line = format!("{head} {}{rest} {tab}", names[..n].join(" · "));
        if cols(&line) > width && n > 1 {
            break;
        }
        shown = n;
    }
    let rest = if shown < names.len() {
        more(names.len() - shown)
    } else {
        String::new()
    };
    format!("{head} {}{rest} {tab}", names[..shown].join(" · "))
}

/// What stands in each quadrant (as four boxes placed like the quadrants, where they fit),
/// what is not placed, and what moved since last time.
fn overview(
    frame: &mut Frame,
    area: Rect,
    state: &SessionState,
    spec: &GridSpec,
    theme: &Theme,
    lang: Lang,
) {
    let Some(a) = analyse(state, state.current, lang) else {
        return;
    };
    let outer = panel_block(
        format!(
            " {} ",
            lang.pick("Overzicht per kwadrant", "Overview by quadrant")
        ),
        lang.pick(
            " A of Esc: terug naar het raster ",
            " A or Esc: back to the grid ",
        ),
        theme.border,
        theme.title,
        theme,
    );
    let inner = outer.inner(area);
    frame.render_widget(outer, area);
    let width = inner.width.max(10) as usize;
    // The rest: not placed, moved since last time.
    let mut rest: Vec<Line> = Vec::new();
    if !a.unplaced.is_empty() {
        let text = a
            .unplaced
            .iter()
            .map(|u| clean(u).into_owned())
            .collect::<Vec<_>>()
            .join(" · ");
        push_wrapped(
            &mut rest,
            &format!("{} ", lang.pick("Niet geplaatst:", "Not placed:")),
            &text,
            width,
            theme.dim,
        );
    }
    if a.has_previous {
        rest.push(Line::styled(
            lang.pick("Verschoven sinds de vorige keer", "Moved since last time"),
            theme.heading,
        ));
        if a.moved.is_empty() {
            rest.push(Line::styled(
                lang.pick(
                    "  niets: alles staat nog waar het stond",
                    "  nothing: all stands where it stood",
                ),
                theme.dim,
            ));
        }
        for m in &a.moved {
            let to =
                m.to.map_or_else(|| lang.pick("eraf", "off").to_string(), point_text);
            let changed = if m.changed_quadrant {
                lang.pick(" · ander kwadrant", " · another quadrant")
            } else {
                ""
            };
            push_wrapped(
                &mut rest,
                "  • ",
                &format!(
                    "{}: {} → {to}{changed}",
                    clean(&m.label),
                    point_text(m.from)
                ),
                width,
                theme.base,
            );
        }
    }
    let items_of = |q: Quadrant| {
        a.quadrants
            .iter()
            .find(|(x, _)| *x == q)
            .map(|(_, l)| l.as_slice())
            .unwrap_or(&[])
    };
    let most = Quadrant::ALL
        .iter()
        .map(|q| items_of(*q).len())
        .max()
        .unwrap_or(0) as u16;
    let box_h = most.max(1) + 2;
    let side_by_side = inner.width >= 60 && inner.height >= box_h * 2 + rest.len() as u16;
    if side_by_side {
        let [top, bottom, below] = Layout::vertical([
            Constraint::Length(box_h),
            Constraint::Length(box_h),
            Constraint::Min(0),
        ])
        .areas(inner);
        for (row, quadrants) in [
            (top, [Quadrant::TopLeft, Quadrant::TopRight]),
            (bottom, [Quadrant::BottomLeft, Quadrant::BottomRight]),
        ] {
            let [l, r] =
                Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(row);
            for (cell, q) in [(l, quadrants[0]), (r, quadrants[1])] {
                // Inside the border and its padding, after "• ".
                let w = cell.width.saturating_sub(6).max(4) as usize;
                let labels = items_of(q);
                let mut lines: Vec<Line> = labels
                    .iter()
                    .map(|l| Line::styled(format!("• {}", truncate(&clean(l), w)), theme.base))
                    .collect();
                if lines.is_empty() {
                    lines.push(Line::styled("–", theme.dim));
                }
                frame.render_widget(
                    Paragraph::new(lines).block(panel_block(
                        format!(
                            " {} ({}) ",
                            clean(spec.quadrants.name(q).get(lang)),
                            labels.len()
                        ),
                        String::new(),
                        theme.border,
                        theme.heading,
                        theme,
                    )),
                    cell,
                );
            }
        }
        frame.render_widget(Paragraph::new(rest).style(theme.base), below);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    for (q, labels) in &a.quadrants {
        lines.push(Line::styled(
            format!(
                "{} ({})",
                clean(spec.quadrants.name(*q).get(lang)),
                labels.len()
            ),
            theme.heading,
        ));
        if labels.is_empty() {
            lines.push(Line::styled("  –", theme.dim));
        }
        for l in labels {
            push_wrapped(&mut lines, "  • ", &clean(l), width, theme.base);
        }
    }
    lines.extend(rest);
    frame.render_widget(Paragraph::new(lines).style(theme.base), inner);
}
