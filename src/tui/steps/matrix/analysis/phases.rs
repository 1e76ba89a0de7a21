//! The sections of a step plan's analysis: tracks with their strips (and what the glyphs
//! mean), gaps, results.

use super::*;

pub(super) fn phase_rules(lang: Lang) -> String {
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

pub(super) fn phase_sections(
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
            lines.extend(ctx.sub_wrapped(Vec::new(), &text, theme.base));
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
                // Not "○": that is a phase not begun in the strips above.
                Some(s) => ("•", clean(full(s)).into_owned()),
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
                let mut lines = vec![Line::styled(
                    truncate(&format!("{mark} {}", ctx.row(&r.result)), ctx.width),
                    theme.title,
                )];
                lines.extend(ctx.sub_wrapped(
                    Vec::new(),
                    &format!("{status} · {phase}"),
                    theme.dim,
                ));
                lines
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
    // The strips' columns, left to right (issue 14.7: the glyphs need their phases).
    let phases: Vec<String> = p
        .phases
        .iter()
        .map(|f| clean(&f.label).into_owned())
        .collect();
    let order = format!(
        "{}: {}",
        lang.pick("Fases van links naar rechts", "Phases from left to right"),
        phases.join(", ")
    );
    let mut legend = vec![Item::heading(
        wrap(
            &format!("{} · {order}", glyph_legend(&spec.scale, lang)),
            ctx.width,
        )
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
