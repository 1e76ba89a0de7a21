//! The analysis as plain lines of text, for `samenspel replay --at … --print` and anything
//! else without a screen. Texts from the file are returned as they are: whoever prints them
//! makes them safe for a terminal.

use super::{Analysis, ColumnInfo, GoalAnalysis, PhaseAnalysis, TensionEnd, ValueInfo};
use crate::core::text::Lang;

/// The analysis in a few indented lines, headed by its sections.
pub fn text_lines(analysis: &Analysis, lang: Lang) -> Vec<String> {
    match analysis {
        Analysis::Goals(g) => goals(g, lang),
        Analysis::Phases(p) => phases(p, lang),
    }
}

fn none(out: &mut Vec<String>, lang: Lang) {
    out.push(format!("    {}", lang.pick("(geen)", "(none)")));
}

fn names(columns: &[ColumnInfo]) -> String {
    columns
        .iter()
        .map(|c| c.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn end(e: &TensionEnd) -> String {
    format!("{} {}", e.value.text, names(&e.columns))
}

fn full(v: &ValueInfo) -> &str {
    v.name.as_deref().unwrap_or(&v.text)
}

fn goals(g: &GoalAnalysis, lang: Lang) -> Vec<String> {
    let mut out = vec![format!(
        "  {}: {} {} {} {}",
        lang.pick("Analyse", "Analysis"),
        g.cells_rated,
        lang.pick("van", "of"),
        g.cells_total,
        lang.pick("cellen ingevuld", "cells rated")
    )];
    out.push(format!(
        "  {}:",
        lang.pick("Gedeelde grond", "Shared ground")
    ));
    for (i, s) in g.shared_ground.iter().enumerate() {
        out.push(format!(
            "    {}. {} ({} {} {} {}, {} {:.1})",
            i + 1,
            s.row.label,
            s.positive,
            lang.pick("van", "of"),
            s.columns,
            lang.pick("positief", "in favour"),
            lang.pick("gemiddeld", "mean"),
            s.mean
        ));
    }
    if g.shared_ground.is_empty() {
        none(&mut out, lang);
    }
    out.push(format!("  {}:", lang.pick("Spanning", "Tension")));
    for (i, t) in g.tension.iter().enumerate() {
        out.push(format!(
            "    {}. {}: {} <> {} ({} {})",
            i + 1,
            t.row.label,
            end(&t.high),
            end(&t.low),
            lang.pick("verschil", "spread"),
            t.spread
        ));
    }
    if g.tension.is_empty() {
        none(&mut out, lang);
    }
    if !g.indifference.is_empty() {
        out.push(format!("  {}:", lang.pick("Onverschillig", "Indifference")));
    }
    for (i, t) in g.indifference.iter().enumerate() {
        out.push(format!(
            "    {}. {}: {} <> {} ({} {})",
            i + 1,
            t.row.label,
            end(&t.high),
            end(&t.low),
            lang.pick("verschil", "spread"),
            t.spread
        ));
    }
    out.push(format!("  {}:", lang.pick("Blinde vlekken", "Blind spots")));
    for r in &g.own_party_only {
        out.push(format!(
            "    • {} ({})",
            r.label,
            lang.pick("alleen de eigen partij", "only its own party")
        ));
    }
    if !g.not_rated.is_empty() {
        out.push(format!(
            "    • {}: {}",
            lang.pick("nog door niemand beoordeeld", "not rated by anyone yet"),
            g.not_rated.len()
        ));
    }
    if g.own_party_only.is_empty() && g.not_rated.is_empty() {
        none(&mut out, lang);
    }
    out
}

fn phases(p: &PhaseAnalysis, lang: Lang) -> Vec<String> {
    let mut out = vec![format!("  {}:", lang.pick("Sporen", "Tracks"))];
    for t in &p.tracks {
        let reached = match &t.reached {
            Some(r) => format!("{} ({})", r.phase.label, full(&r.value)),
            None => lang.pick("nog niet begonnen", "not started yet").into(),
        };
        out.push(format!(
            "    {}: {reached}; {} {}",
            t.row.label,
            t.finished,
            lang.pick("fases af op rij", "phases finished in a row")
        ));
    }
    out.push(format!("  {}:", lang.pick("Gaten", "Gaps")));
    for g in &p.gaps {
        out.push(format!(
            "    {}: {} ({}) {} {} ({})",
            g.row.label,
            g.earlier.phase.label,
            full(&g.earlier.value),
            lang.pick("loopt achter op", "lags behind"),
            g.later.phase.label,
            full(&g.later.value)
        ));
    }
    if p.gaps.is_empty() {
        none(&mut out, lang);
    }
    if !p.results.is_empty() {
        out.push(format!("  {}:", lang.pick("Resultaten", "Results")));
    }
    for r in &p.results {
        let status = r.status.as_ref().map_or_else(
            || lang.pick("nog niet ingevuld", "not rated yet").to_string(),
            |s| full(s).to_string(),
        );
        out.push(format!(
            "    {} {}: {status} ({}: {} {} {} {})",
            if r.in_place { "✓" } else { "-" },
            r.result.label,
            r.phase.label,
            r.tracks_finished,
            lang.pick("van", "of"),
            r.tracks_counted,
            lang.pick("sporen af", "tracks finished")
        ));
    }
    out
}
