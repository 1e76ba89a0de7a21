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

use goals::{goal_rules, goal_sections};

/// Side by side from this width; stacked below it.
const WIDE: u16 = 120;
/// Rich items (several lines each) from this height; one line each below it.
const TALL: u16 = 30;

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

    fn sub(&self, spans: Vec<Span<'static>>) -> Line<'static> {
        let mut all = vec![Span::raw("   ")];
        all.extend(spans);
        Line::from(all)
    }
}

fn chip(scale: &Scale, value: i32, text: &str, theme: &Theme) -> Span<'static> {
    Span::styled(
        format!(" {} ", clean(text)),
        theme.heat.cell(scale, Some(value)),
    )
}

fn phase_rules(lang: Lang) -> String {
    lang.pick(
        "Bereikt: de verste fase die begonnen is. Gat: een eerdere fase staat lager dan een latere. n.v.t. en lege cellen tellen niet mee.",
        "Reached: the furthest phase that has started. Gap: an earlier phase is lower than a later one. N/a and empty cells do not count.",
    )
    .to_string()
}

/// The glyph of a phase cell: finished, started, not started, does not apply, empty.
fn glyph(scale: &Scale, value: Option<i32>) -> &'static str {
    match value {
        None => "·",
        Some(v) => match rank(scale, v) {
            None => "–",
            Some(r) if r >= top_rank(scale) => "●",
            Some(0) => "○",
            Some(_) => "◐",
        },
    }
}

fn phase_sections(
    p: &PhaseAnalysis,
    spec: &MatrixSpec,
    state: &crate::core::SessionState,
    shown: usize,
    ctx: &Ctx,
) -> Vec<Section> {
    let lang = ctx.lang;
    let theme = ctx.theme;
    let cells = match state.steps.get(shown) {
        Some(StepState::Matrix(m)) => Some(m),
        _ => None,
    };
    let tracks: Vec<Vec<Line<'static>>> = p
        .tracks
        .iter()
        .map(|t| {
            let mut strip: Vec<Span<'static>> = Vec::new();
            for phase in &p.phases {
                let v = cells.and_then(|c| crate::core::matrix::value(c, &t.row.row, &phase.id));
                strip.push(Span::styled(
                    format!(" {} ", glyph(&spec.scale, v)),
                    theme.heat.cell(&spec.scale, v),
                ));
            }
            let reached = match &t.reached {
                Some(r) => format!(" {}: {}", clean(&r.phase.label), clean(full(&r.value))),
                None => format!(" {}", lang.pick("nog niet begonnen", "not started yet")),
            };
            if ctx.rich {
                let mut lines = ctx.head(None, &ctx.row(&t.row));
                let mut sub = strip;
                sub.push(Span::styled(reached, theme.base));
                lines.push(ctx.sub(sub));
                lines
            } else {
                let label_w = ctx
                    .width
                    .saturating_sub(p.phases.len() * 3 + 1)
                    .clamp(4, 28);
                let mut spans = vec![Span::styled(
                    format!("{:<label_w$} ", truncate(&ctx.row(&t.row), label_w)),
                    theme.title,
                )];
                spans.extend(strip);
                spans.push(Span::styled(reached, theme.base));
                vec![Line::from(spans)]
            }
        })
        .collect();
    let gaps: Vec<Vec<Line<'static>>> = p
        .gaps
        .iter()
        .map(|g| {
            let text = format!(
                "{} ({}) {} {} ({})",
                clean(&g.earlier.phase.label),
                clean(full(&g.earlier.value)).to_lowercase(),
                lang.pick("loopt achter op", "lags behind"),
                clean(&g.later.phase.label),
                clean(full(&g.later.value)).to_lowercase(),
            );
            let mut lines = ctx.head(None, &ctx.row(&g.row));
            lines.push(ctx.sub(vec![Span::styled(
                truncate(&text, ctx.width.saturating_sub(3)),
                theme.base,
            )]));
            lines
        })
        .collect();
    let done_word = top_name(&spec.scale, lang).to_lowercase();
    let results: Vec<Vec<Line<'static>>> = p
        .results
        .iter()
        .map(|r| {
            let (mark, status) = match &r.status {
                Some(s) if r.in_place => ("✓", clean(full(s)).into_owned()),
                Some(s) => ("○", clean(full(s)).into_owned()),
                None => (
                    "?",
                    lang.pick("nog niet ingevuld", "not rated yet").to_string(),
                ),
            };
            let phase = format!(
                "{}: {} {} {} {} {done_word}",
                clean(&r.phase.label),
                r.tracks_finished,
                lang.pick("van", "of"),
                r.tracks_counted,
                lang.pick("sporen", "tracks"),
            );
            if ctx.rich {
                vec![
                    Line::styled(
                        truncate(&format!("{mark} {}", ctx.row(&r.result)), ctx.width),
                        theme.title,
                    ),
                    ctx.sub(vec![
                        Span::styled(status, theme.base),
                        Span::styled(format!(" · {phase}"), theme.dim),
                    ]),
                ]
            } else {
                // The label is cut, never the ": " after it.
                let label = truncate(&ctx.row(&r.result), (ctx.width / 2).saturating_sub(4));
                let head = format!("{mark} {label}: ");
                let rest = format!(
                    "{status} · {} {}/{} {done_word}",
                    clean(&r.phase.label),
                    r.tracks_finished,
                    r.tracks_counted
                );
                let rest_w = ctx.width.saturating_sub(head.chars().count());
                vec![Line::from(vec![
                    Span::styled(head, theme.title),
                    Span::styled(truncate(&rest, rest_w), theme.dim),
                ])]
            }
        })
        .collect();
    // What the glyphs of the strips mean, in the scale's own words.
    let mut legend = vec![Item::heading(
        wrap(&glyph_legend(&spec.scale, lang), ctx.width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim))
            .collect(),
    )];
    legend.extend(tracks.into_iter().map(Item::new));
    let mut sections = vec![
        Section {
            title: lang.pick("Sporen", "Tracks").into(),
            items: legend,
            empty: String::new(),
        },
        Section {
            title: lang.pick("Gaten", "Gaps").into(),
            items: gaps.into_iter().map(Item::new).collect(),
            empty: lang.pick("(geen)", "(none)").into(),
        },
    ];
    if spec.results.is_some() {
        sections.push(Section {
            title: lang.pick("Resultaten", "Results").into(),
            items: results.into_iter().map(Item::new).collect(),
            empty: lang.pick("(geen)", "(none)").into(),
        });
    }
    sections
}

/// "● Gereed · ◐ Bezig · ○ Niet begonnen · – N.v.t. · · leeg": the glyphs of the strips.
fn glyph_legend(scale: &Scale, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Scale::Levels { levels } = scale {
        let counting: Vec<&crate::core::scenario::Level> =
            levels.iter().filter(|l| l.counts).collect();
        let name = |l: &crate::core::scenario::Level| clean(l.label.get(lang)).into_owned();
        if let Some(top) = counting.last() {
            parts.push(format!("● {}", name(top)));
        }
        if counting.len() > 2 {
            let middle: Vec<String> = counting[1..counting.len() - 1]
                .iter()
                .map(|l| name(l))
                .collect();
            parts.push(format!("◐ {}", middle.join("/")));
        }
        if let Some(low) = counting.first().filter(|_| counting.len() > 1) {
            parts.push(format!("○ {}", name(low)));
        }
        for l in levels.iter().filter(|l| !l.counts) {
            parts.push(format!("– {}", name(l)));
        }
    } else {
        parts.push(
            lang.pick(
                "● hoogst · ◐ ertussen · ○ laagst",
                "● highest · ◐ between · ○ lowest",
            )
            .into(),
        );
    }
    parts.push(lang.pick("· leeg", "· empty").into());
    parts.join("  ")
}

/// A value's full name when it has one ("Niet begonnen"), else as written in the cell.
fn full(v: &ValueInfo) -> &str {
    v.name.as_deref().unwrap_or(&v.text)
}

/// The name of the highest rank ("Gereed").
fn top_name(scale: &Scale, lang: Lang) -> String {
    match scale {
        Scale::Levels { levels } => levels
            .iter()
            .rev()
            .find(|l| l.counts)
            .map(|l| clean(l.label.get(lang)).into_owned())
            .unwrap_or_default(),
        Scale::Numeric { max, .. } => max.to_string(),
    }
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
