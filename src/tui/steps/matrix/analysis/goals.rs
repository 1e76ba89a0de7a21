//! The sections of a goals matrix's analysis: shared ground, tension, blind spots.

use super::*;

pub(super) fn goal_sections(g: &GoalAnalysis, spec: &MatrixSpec, ctx: &Ctx) -> Vec<Section> {
    let lang = ctx.lang;
    let theme = ctx.theme;
    let signed = matches!(spec.scale, Scale::Numeric { min, .. } if min < 0);
    let shared: Vec<Vec<Line<'static>>> = g
        .shared_ground
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let who = format!(
                "{} {} {} {}",
                s.positive,
                lang.pick("van", "of"),
                s.columns,
                lang.pick("partijen positief", "parties in favour"),
            );
            let mean = match spec.scale {
                Scale::Numeric { .. } => format!(
                    " · {} {}",
                    lang.pick("gemiddeld", "mean"),
                    crate::core::text::decimal(s.mean, signed, lang)
                ),
                Scale::Levels { .. } => String::new(),
            };
            if ctx.rich {
                let mut lines = ctx.head(Some(i + 1), &ctx.row(&s.row));
                lines.extend(ctx.sub_wrapped(Vec::new(), &format!("{who}{mean}"), theme.dim));
                lines
            } else {
                let text = format!(
                    "{}. {}  ({}/{})",
                    i + 1,
                    ctx.row(&s.row),
                    s.positive,
                    s.columns
                );
                vec![Line::styled(truncate(&text, ctx.width), theme.title)]
            }
        })
        .collect();
    let end = |e: &TensionEnd, arrow: &str| -> Vec<Span<'static>> {
        let names: Vec<String> = e.columns.iter().map(|c| ctx.column(c)).collect();
        vec![
            Span::styled(format!("{arrow} "), theme.dim),
            chip(&spec.scale, e.value.value, &e.value.text, theme),
            Span::styled(format!(" {}", names.join(", ")), theme.base),
        ]
    };
    // Every party of an end named, wrapped under the first (rich items have the room).
    let end_lines = |e: &TensionEnd, arrow: &str| -> Vec<Line<'static>> {
        let names: Vec<String> = e.columns.iter().map(|c| ctx.column(c)).collect();
        let lead = vec![
            Span::styled(format!("{arrow} "), theme.dim),
            chip(&spec.scale, e.value.value, &e.value.text, theme),
            Span::raw(" "),
        ];
        ctx.sub_wrapped(lead, &names.join(", "), theme.base)
    };
    let pair = |i: usize, t: &crate::core::analysis::Tension| {
        if ctx.rich {
            let mut lines = ctx.head(Some(i + 1), &ctx.row(&t.row));
            lines.extend(end_lines(&t.high, "▲"));
            lines.extend(end_lines(&t.low, "▼"));
            lines
        } else {
            let head = truncate(&format!("{}. {}", i + 1, ctx.row(&t.row)), ctx.width);
            let mut second = vec![Span::raw("   ")];
            second.extend(end(&t.high, "▲"));
            second.push(Span::raw("  "));
            second.extend(end(&t.low, "▼"));
            vec![
                Line::styled(head, theme.title),
                fit_spans(second, ctx.width),
            ]
        }
    };
    let mut tension: Vec<Item> = g
        .tension
        .iter()
        .enumerate()
        .map(|(i, t)| Item::new(pair(i, t)))
        .collect();
    // Indifference under tension: one side cares, the rest sits at the middle.
    if !g.indifference.is_empty() {
        tension.push(Item::heading(ctx.heading(lang.pick(
            "Onverschillig: één kant sterk, de rest neutraal",
            "Indifference: one side strongly, the rest neutral",
        ))));
        tension.extend(
            g.indifference
                .iter()
                .enumerate()
                .map(|(i, t)| Item::new(pair(i, t))),
        );
    }
    let mut blind: Vec<Item> = Vec::new();
    for r in &g.own_party_only {
        blind.push(Item::new(blind_item(
            ctx,
            r,
            lang.pick("alleen de eigen partij", "only its own party"),
        )));
    }
    // Goals nobody rated yet are many at the start: one line each, under one heading.
    if !g.not_rated.is_empty() {
        blind.push(Item::heading(vec![Line::styled(
            format!(
                "{} ({}):",
                lang.pick("Nog door niemand beoordeeld", "Not rated by anyone yet"),
                g.not_rated.len()
            ),
            theme.dim,
        )]));
    }
    for r in &g.not_rated {
        blind.push(Item::new(vec![Line::styled(
            truncate(&format!("• {}", ctx.row(r)), ctx.width),
            theme.base,
        )]));
    }
    vec![
        Section {
            title: lang.pick("Gedeelde grond", "Shared ground").into(),
            items: shared.into_iter().map(Item::new).collect(),
            empty: lang
                .pick(
                    "(nog geen: ¾ van de partijen positief, niemand negatief)",
                    "(none yet: ¾ of the parties in favour, nobody against)",
                )
                .into(),
        },
        Section {
            title: lang.pick("Spanning", "Tension").into(),
            items: tension,
            empty: lang
                .pick(
                    "(nog geen: partijen voor én tegen)",
                    "(none yet: parties for and against)",
                )
                .into(),
        },
        Section {
            title: lang.pick("Blinde vlekken", "Blind spots").into(),
            items: blind,
            empty: lang.pick("(geen)", "(none)").into(),
        },
    ]
}

pub(super) fn blind_item(ctx: &Ctx, row: &RowInfo, why: &str) -> Vec<Line<'static>> {
    if ctx.rich {
        let mut lines = ctx.head(None, &ctx.row(row));
        lines.push(ctx.sub(vec![Span::styled(why.to_string(), ctx.theme.dim)]));
        lines
    } else {
        vec![Line::from(vec![
            Span::styled(
                truncate(&format!("• {}", ctx.row(row)), ctx.width),
                ctx.theme.title,
            ),
            Span::styled(format!(" — {why}"), ctx.theme.dim),
        ])]
    }
}

pub(super) fn goal_rules(lang: Lang) -> String {
    crate::core::analysis::goal_rules(lang).to_string()
}
