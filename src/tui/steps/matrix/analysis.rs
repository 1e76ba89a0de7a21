//! The analysis of a matrix, for the back of the room: a few ranked items per section under
//! large headings, the parties at both ends of a tension named. Computed afresh from the state
//! on every frame by [`crate::core::analysis`], so it is always what the log says.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use crate::core::analysis::{
    self, Analysis, ColumnInfo, GoalAnalysis, PhaseAnalysis, RowInfo, TensionEnd, ValueInfo,
};
use crate::core::matrix::{rank, top_rank};
use crate::core::scenario::{MatrixSpec, Scale};
use crate::core::{Lang, Party, StepState};
use crate::tui::session::view::Scene;
use crate::tui::steps::board::wrap;
use crate::tui::text::{clean, truncate};
use crate::tui::theme::Theme;
use crate::tui::wrapped::{Entry, scrolled};

mod goals;
mod phases;

use goals::{goal_rules, goal_sections};
use phases::{phase_rules, phase_sections};

/// Side by side from this width; stacked below it.
const WIDE: u16 = 120;
/// Rich items (several lines each) from this height of the analysis's area (a 120x35
/// terminal gives it 27 lines); one line each below it.
const TALL: u16 = 24;

/// One section of the analysis: a heading and ranked items, each a few lines.
struct Section {
    title: String,
    items: Vec<Item>,
    empty: String,
}

/// An entry of a section: a few lines, counted in "▼ 5 meer" unless it only heads others.
struct Item {
    lines: Vec<Line<'static>>,
    counted: bool,
}

impl Item {
    fn new(lines: Vec<Line<'static>>) -> Item {
        Item {
            lines,
            counted: true,
        }
    }

    /// A line that heads the items after it ("Nog door niemand beoordeeld (6):").
    fn heading(lines: Vec<Line<'static>>) -> Item {
        Item {
            lines,
            counted: false,
        }
    }
}

/// Draws the analysis that the matrix step on screen shows.
pub fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let Some(shown) = analysis::shown_for(state, state.current) else {
        return;
    };
    let Some(spec) = state
        .scenario
        .steps
        .get(shown)
        .and_then(|s| s.kind.matrix())
    else {
        return;
    };
    let parties = state.scenario.parties();
    let rich = area.height >= TALL && area.width >= WIDE;
    let w = if area.width >= WIDE {
        (area.width / 3).saturating_sub(2)
    } else {
        area.width.saturating_sub(1)
    } as usize;
    let ctx = Ctx {
        theme,
        lang,
        parties,
        rich,
        width: w.max(10),
        scroll: scene.view.matrix.scroll,
        edits: scene.edits(),
    };
    let (summary, sections, rules) = match analysis::of_step(state, shown, lang) {
        Some(Analysis::Goals(g)) => {
            let rows = g.cells_total / spec.columns.len().max(1);
            let summary = format!(
                "{} {} × {} {} · {} {} {} {}",
                rows,
                lang.pick("rijen", "rows"),
                spec.columns.len(),
                lang.pick("kolommen", "columns"),
                g.cells_rated,
                lang.pick("van", "of"),
                g.cells_total,
                lang.pick("cellen ingevuld", "cells rated"),
            );
            (summary, goal_sections(&g, spec, &ctx), goal_rules(lang))
        }
        Some(Analysis::Phases(p)) => {
            let rated: usize = p.tracks.iter().map(|t| p.phases.len() - t.unrated).sum();
            let summary = format!(
                "{} {} × {} {} · {} {} {} {}",
                p.tracks.len(),
                lang.pick("sporen", "tracks"),
                p.phases.len(),
                lang.pick("fases", "phases"),
                rated,
                lang.pick("van", "of"),
                p.tracks.len() * p.phases.len(),
                lang.pick("cellen ingevuld", "cells rated"),
            );
            (
                summary,
                phase_sections(&p, spec, state, shown, &ctx),
                phase_rules(lang),
            )
        }
        None => return,
    };
    draw(frame, area, &summary, sections, &rules, &ctx);
}

/// What every item builder needs.
struct Ctx<'a> {
    theme: &'a Theme,
    lang: Lang,
    parties: &'a [Party],
    rich: bool,
    width: usize,
    /// Items scrolled past (`↑ ↓`).
    scroll: usize,
    /// Whether the keys of a live session are said.
    edits: bool,
}

impl Ctx<'_> {
    fn tag(&self, party: Option<&str>) -> String {
        party
            .and_then(|p| self.parties.iter().find(|q| q.id == p))
            .map(|p| format!(" [{}]", clean(&p.short)))
            .unwrap_or_default()
    }

    fn row(&self, row: &RowInfo) -> String {
        format!("{}{}", clean(&row.label), self.tag(row.party.as_deref()))
    }

    /// A column by its label when items are rich, by its party's short name when compact.
    fn column(&self, c: &ColumnInfo) -> String {
        if !self.rich
            && let Some(p) = c
                .party
                .as_deref()
                .and_then(|p| self.parties.iter().find(|q| q.id == p))
        {
            return clean(&p.short).into_owned();
        }
        clean(&c.label).into_owned()
    }

    /// A numbered heading line of an item, wrapped to two lines when rich.
    fn head(&self, n: Option<usize>, text: &str) -> Vec<Line<'static>> {
        let lead = n.map_or("• ".to_string(), |n| format!("{n}. "));
        let style = self.theme.title;
        if !self.rich {
            return vec![Line::styled(
                truncate(&format!("{lead}{text}"), self.width),
                style,
            )];
        }
        let parts = wrap(text, self.width.saturating_sub(lead.len()).max(4));
        parts
            .iter()
            .take(2)
            .enumerate()
            .map(|(i, p)| {
                let lead = if i == 0 {
                    lead.clone()
                } else {
                    " ".repeat(lead.len())
                };
                Line::styled(truncate(&format!("{lead}{p}"), self.width), style)
            })
            .collect()
    }

    /// An indented line under an item's heading, cut with '…' where it is wider than
    /// the column (names of many parties).
    fn sub(&self, spans: Vec<Span<'static>>) -> Line<'static> {
        let mut all = vec![Span::raw("   ")];
        all.extend(spans);
        fit_spans(all, self.width)
    }

    /// An indented line of `lead` spans and then `text`, the text wrapped under itself
    /// (the parties at one end of a tension: all of them named, none cut).
    fn sub_wrapped(
        &self,
        lead: Vec<Span<'static>>,
        text: &str,
        style: Style,
    ) -> Vec<Line<'static>> {
        let indent: usize = 3 + lead.iter().map(Span::width).sum::<usize>();
        let room = self.width.saturating_sub(indent).max(8);
        let mut lines = Vec::new();
        for (i, part) in wrap(text, room).into_iter().enumerate() {
            if i == 0 {
                let mut spans = lead.clone();
                spans.push(Span::styled(part, style));
                lines.push(self.sub(spans));
            } else {
                lines.push(fit_spans(
                    vec![Span::raw(" ".repeat(indent)), Span::styled(part, style)],
                    self.width,
                ));
            }
        }
        lines
    }

    /// A line that heads the items after it, wrapped to the column.
    fn heading(&self, text: &str) -> Vec<Line<'static>> {
        wrap(text, self.width)
            .into_iter()
            .map(|l| Line::styled(l, self.theme.dim))
            .collect()
    }
}

/// The spans of a line, the last ones cut with '…' so that the line fits `width` columns.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let w = span.width();
        if w <= left {
            left -= w;
            out.push(span);
        } else {
            if left > 0 {
                out.push(Span::styled(truncate(&span.content, left), span.style));
            }
            break;
        }
    }
    Line::from(out)
}

fn chip(scale: &Scale, value: i32, text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(
        format!(" {} ", clean(text)),
        theme.heat.cell(scale, Some(value)),
    )
}

fn draw(
    frame: &mut Frame,
    area: Rect,
    summary: &str,
    sections: Vec<Section>,
    rules: &str,
    ctx: &Ctx,
) {
    let theme = ctx.theme;
    let rules_h = if area.height >= TALL {
        crate::tui::view::wrapped_height(rules, area.width.saturating_sub(2).max(1) as usize).min(3)
            as u16
    } else {
        0
    };
    let back = if ctx.edits {
        ctx.lang.pick(
            " · ↑↓ schuift · A terug naar de matrix",
            " · ↑↓ scroll · A back to the matrix",
        )
    } else {
        ""
    };
    // The summary and its keys wrap, whole words, on two rows when one is too narrow.
    let top_h =
        crate::tui::view::wrapped_height(&format!(" {summary}{back}"), area.width.max(1) as usize)
            .clamp(1, 2) as u16;
    let [top, body, foot] = Layout::vertical([
        Constraint::Length(top_h),
        Constraint::Min(1),
        Constraint::Length(rules_h),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {summary}"), theme.dim),
            Span::styled(back, theme.dim),
        ]))
        .wrap(ratatui::widgets::Wrap { trim: true }),
        top,
    );
    if rules_h > 0 {
        frame.render_widget(
            Paragraph::new(format!(" {rules}"))
                .style(theme.dim)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            foot,
        );
    }
    let body = body.inner(ratatui::layout::Margin::new(1, 0));
    if area.width >= WIDE {
        // Side by side: each section scrolls by the same number of items.
        let n = sections.len().max(1) as u32;
        let areas = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n)))
            .spacing(2)
            .split(body);
        for (section, a) in sections.into_iter().zip(areas.iter()) {
            draw_section(frame, *a, section, ctx);
        }
    } else {
        // One column: every section under the other, scrolling as one list.
        let mut blocks: Vec<Entry<'static>> = Vec::new();
        for (i, section) in sections.into_iter().enumerate() {
            if i > 0 {
                blocks.push(Entry::other(vec![Line::raw("")]));
            }
            blocks.push(Entry::other(vec![heading_line(&section.title, theme)]));
            blocks.extend(section_blocks(section, ctx));
        }
        let lines = scrolled(
            blocks,
            ctx.scroll,
            body.height as usize,
            theme.dim,
            ctx.lang,
        );
        frame.render_widget(Paragraph::new(lines), body);
    }
}

fn heading_line(title: &str, theme: &Theme) -> Line<'static> {
    Line::styled(
        title.to_uppercase(),
        theme
            .focus
            .add_modifier(ratatui::style::Modifier::UNDERLINED),
    )
}

/// A section's items as blocks for a scrolling list, a blank line around items of
/// several lines; its empty text when it has none.
fn section_blocks(section: Section, ctx: &Ctx) -> Vec<Entry<'static>> {
    let mut blocks = Vec::new();
    if section.items.is_empty() {
        blocks.push(Entry::other(vec![Line::styled(
            section.empty.clone(),
            ctx.theme.dim,
        )]));
    }
    let mut previous = 0;
    for (i, item) in section.items.into_iter().enumerate() {
        let gap = ctx.rich && i > 0 && (item.lines.len() > 1 || previous > 1);
        previous = item.lines.len();
        let mut lines = Vec::new();
        if gap {
            lines.push(Line::raw(""));
        }
        lines.extend(item.lines);
        blocks.push(if item.counted {
            Entry::item(lines)
        } else {
            Entry::other(lines)
        });
    }
    blocks
}

fn draw_section(frame: &mut Frame, area: Rect, section: Section, ctx: &Ctx) {
    let theme = ctx.theme;
    if area.height == 0 {
        return;
    }
    let chars = section.title.chars().count() as u16;
    let big = ctx.rich && area.width >= chars * 4 && area.height >= 12;
    let head_h = if big { 5 } else { 1 };
    let [head, list] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Min(0)]).areas(area);
    if big {
        frame.render_widget(
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(theme.title)
                .lines(vec![Line::from(section.title.clone())])
                .build(),
            head,
        );
    } else {
        frame.render_widget(Paragraph::new(heading_line(&section.title, theme)), head);
    }
    let blocks = section_blocks(section, ctx);
    let lines = scrolled(
        blocks,
        ctx.scroll,
        list.height as usize,
        theme.dim,
        ctx.lang,
    );
    frame.render_widget(Paragraph::new(lines).style(Style::default()), list);
}
