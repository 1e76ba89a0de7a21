//! The Markdown report's matrices, votes and the comparison section.

use std::fmt::Write;

use super::Options;
use super::compare::{Comparison, or_dash};
use super::markdown::{cell, inline, line, mid, table_head};
use super::outcome::{MatrixOutcome, Outcome, ReviewOutcome, VoteOutcome};
use super::words::{date_time, dots, scale_text, step_heading, value_text};
use crate::core::Lang;
use crate::core::scenario::VoteTargets;
use crate::core::state::ReviewStatus;

pub(super) fn matrix(out: &mut String, outcome: &Outcome, m: &MatrixOutcome, lang: Lang) {
    line(
        out,
        &format!(
            "{} {}",
            lang.pick("Schaal:", "Scale:"),
            mid(&scale_text(&m.scale, lang))
        ),
    );
    line(out, "");
    if m.rows.is_empty() {
        line(out, lang.pick("*Geen rijen.*", "*No rows.*"));
        line(out, "");
    } else {
        let mut head = String::from("| |");
        let mut rule = String::from("|---|");
        for c in &m.columns {
            let _ = write!(head, " {} |", cell(c.label.get(lang)));
            rule.push_str(":---:|");
        }
        line(out, &head);
        line(out, &rule);
        for (r, row) in m.rows.iter().enumerate() {
            let mut label = cell(&row.label);
            if let Some(p) = &row.party {
                let _ = write!(label, " *({})*", cell(&outcome.party_name(p, lang)));
            }
            let mut s = format!("| {label} |");
            for c in 0..m.columns.len() {
                let found = m.cells.iter().find(|x| x.row == r && x.column == c);
                let mut v = found
                    .map(|x| value_text(&m.scale, x, lang))
                    .unwrap_or_default();
                if found.is_some_and(|x| !x.note.is_empty()) {
                    v.push_str(" ✎");
                }
                let _ = write!(s, " {} |", cell(&v));
            }
            line(out, &s);
        }
        line(out, "");
    }
    let notes: Vec<_> = m.cells.iter().filter(|c| !c.note.is_empty()).collect();
    if !notes.is_empty() {
        line(out, &format!("**{}**", lang.pick("Toelichtingen", "Notes")));
        line(out, "");
        for c in notes {
            let row = m.rows.get(c.row).map_or("", |r| r.label.as_str());
            let column = m.columns.get(c.column).map_or("", |x| x.label.get(lang));
            line(
                out,
                &format!("- *{} × {}:* {}", mid(row), mid(column), mid(&c.note)),
            );
        }
        line(out, "");
    }
    if let Some(analysis) = &m.analysis {
        line(
            out,
            &format!(
                "**{}** {}",
                lang.pick("Analyse:", "Analysis:"),
                mid(&analysis.summary)
            ),
        );
        line(out, "");
        for section in &analysis.sections {
            line(out, &format!("### {}", inline(&section.title)));
            line(out, "");
            if section.items.is_empty() {
                line(out, lang.pick("*Niets gevonden.*", "*Nothing found.*"));
            }
            for item in &section.items {
                line(
                    out,
                    &format!("- **{}:** {}", mid(&item.subject), mid(&item.finding)),
                );
            }
            line(out, "");
        }
        line(out, &format!("*{}*", mid(&analysis.rules)));
        line(out, "");
    }
}

pub(super) fn vote(out: &mut String, outcome: &Outcome, v: &VoteOutcome, lang: Lang) {
    let on = outcome
        .step(&v.on)
        .map_or_else(|| v.on.clone(), |s| step_heading(outcome, s, lang));
    line(out, &vote_summary(v, &on, lang, mid));
    line(out, "");
    if !v.revealed {
        line(
            out,
            lang.pick(
                "*De uitslag was in de sessie nog niet getoond.*",
                "*The results had not yet been shown in the session.*",
            ),
        );
        line(out, "");
    }
    let voted: Vec<_> = v.results.iter().filter(|r| r.dots > 0).collect();
    if voted.is_empty() {
        line(out, lang.pick("*Nog geen stippen.*", "*No dots yet.*"));
        line(out, "");
        return;
    }
    line(
        out,
        &format!(
            "| # | {} | {} |",
            match v.targets {
                VoteTargets::Cards => lang.pick("Kaart", "Card"),
                VoteTargets::Themes => lang.pick("Thema of kaart", "Theme or card"),
            },
            lang.pick("Stippen", "Dots")
        ),
    );
    line(out, "|---:|---|---:|");
    for r in voted {
        let mut label = cell(&r.label);
        if let Some(p) = &r.party {
            let _ = write!(label, " *({})*", cell(&outcome.party_name(p, lang)));
        }
        if r.removed {
            let _ = write!(label, " *({})*", lang.pick("verwijderd", "removed"));
        }
        line(out, &format!("| {} | {label} | {} |", r.rank, r.dots));
    }
    line(out, "");
    let rest = v.results.iter().filter(|r| r.dots == 0).count();
    if rest > 0 {
        line(
            out,
            &match lang {
                Lang::Nl => format!("*{rest} zonder stippen.*"),
                Lang::En => format!("*{rest} without dots.*"),
            },
        );
        line(out, "");
    }
}

/// "Stemming op de kaarten van Akte 1: ...: 9 van de 12 stippen gebruikt (4 stemmers × 3 stippen)".
pub fn vote_summary(v: &VoteOutcome, on: &str, lang: Lang, text: fn(&str) -> String) -> String {
    let total = v.voters.saturating_mul(v.dots_per_voter);
    match (lang, v.targets) {
        (Lang::Nl, t) => format!(
            "Stemming op {} van {}: {} van de {total} stippen gebruikt ({} stemmers × {})",
            if t == VoteTargets::Cards {
                "de kaarten"
            } else {
                "de thema's"
            },
            text(on),
            v.dots_used,
            v.voters,
            dots(v.dots_per_voter, lang)
        ),
        (Lang::En, t) => format!(
            "Vote on the {} of {}: {} of {total} dots used ({} voters × {})",
            if t == VoteTargets::Cards {
                "cards"
            } else {
                "themes"
            },
            text(on),
            v.dots_used,
            v.voters,
            dots(v.dots_per_voter, lang)
        ),
    }
}

pub(super) fn comparison(out: &mut String, cmp: &Comparison, opts: &Options) {
    let lang = opts.lang;
    line(
        out,
        &format!(
            "## {} {}",
            lang.pick("Vergeleken met", "Compared with"),
            inline(&cmp.old_title)
        ),
    );
    line(out, "");
    line(
        out,
        &format!(
            "*{}*",
            mid(&date_time(cmp.old_created, &cmp.old_time_zone, lang))
        ),
    );
    line(out, "");
    if cmp.scenario_changed {
        line(
            out,
            lang.pick(
                "*Het scenario is tussen de twee bijeenkomsten aangepast.*",
                "*The scenario was changed between the two meetings.*",
            ),
        );
        line(out, "");
    }
    if cmp.steps.is_empty() && cmp.followed_up.is_empty() {
        line(out, lang.pick("*Geen verschillen.*", "*No differences.*"));
        line(out, "");
    }
    if !cmp.followed_up.is_empty() {
        line(
            out,
            &format!(
                "### {}",
                lang.pick("Afspraken van de vorige keer", "Last time's commitments")
            ),
        );
        line(out, "");
        for f in &cmp.followed_up {
            line(out, &format!("- {}", inline(&f.line(lang))));
        }
        line(out, "");
    }
    for step in &cmp.steps {
        line(out, &format!("### {}", inline(&step.heading)));
        line(out, "");
        for lane in &step.lanes {
            line(out, &format!("**{}**", mid(lane.lane.get(lang))));
            line(out, "");
            for t in &lane.added {
                line(
                    out,
                    &format!("- {} {}", lang.pick("nieuw:", "new:"), mid(t)),
                );
            }
            for t in &lane.removed {
                line(out, &format!("- {} {}", lang.pick("weg:", "gone:"), mid(t)));
            }
            line(out, "");
        }
        if !step.cells.is_empty() {
            table_head(
                out,
                &["", "", lang.pick("Was", "Was"), lang.pick("Nu", "Now")],
            );
            for c in &step.cells {
                line(
                    out,
                    &format!(
                        "| {} | {} | {} | {} |",
                        cell(&c.row_text()),
                        cell(c.column.get(lang)),
                        cell(or_dash(&c.old_text)),
                        cell(or_dash(&c.new_text))
                    ),
                );
            }
            line(out, "");
        }
        for m in &step.moved {
            line(
                out,
                &format!(
                    "- {} {}",
                    lang.pick("verschoven:", "moved:"),
                    mid(&m.line(lang))
                ),
            );
        }
        if !step.moved.is_empty() {
            line(out, "");
        }
        for t in &step.commitments_added {
            line(
                out,
                &format!(
                    "- {} {}",
                    lang.pick("nieuwe afspraak:", "new commitment:"),
                    mid(t)
                ),
            );
        }
        for t in &step.commitments_removed {
            line(
                out,
                &format!(
                    "- {} {}",
                    lang.pick("afspraak weg:", "commitment gone:"),
                    mid(t)
                ),
            );
        }
        if !step.commitments_added.is_empty() || !step.commitments_removed.is_empty() {
            line(out, "");
        }
    }
}

/// "gedaan", "loopt nog", "vervallen" or "nog niet besproken".
pub fn status_text(status: Option<ReviewStatus>, lang: Lang) -> &'static str {
    status.map_or_else(
        || lang.pick("nog niet besproken", "not discussed yet"),
        |s| s.label(lang),
    )
}

pub(super) fn review(out: &mut String, r: &ReviewOutcome, lang: Lang) {
    if let Some(from) = &r.from {
        line(
            out,
            &format!(
                "*{} {}*",
                lang.pick("Terugblik op:", "Looking back on:"),
                mid(from)
            ),
        );
        line(out, "");
    }
    if !r.agreements.is_empty() {
        line(
            out,
            &format!(
                "**{}**",
                lang.pick("Akkoord van de vorige keer", "Last time's agreement")
            ),
        );
        line(out, "");
        for a in &r.agreements {
            let by: Vec<String> = a.endorsed_by.iter().map(|e| mid(e)).collect();
            if by.is_empty() {
                line(out, &format!("- {}", inline(&a.text)));
            } else {
                line(
                    out,
                    &format!(
                        "- {} *({} {})*",
                        inline(&a.text),
                        lang.pick("onderschreven door", "endorsed by"),
                        by.join(", ")
                    ),
                );
            }
        }
        line(out, "");
    }
    line(
        out,
        &format!(
            "### {}",
            lang.pick("Afspraken van de vorige keer", "Last time's commitments")
        ),
    );
    line(out, "");
    if r.items.is_empty() {
        line(out, lang.pick("*Geen afspraken.*", "*No commitments.*"));
        line(out, "");
        return;
    }
    table_head(
        out,
        &[
            lang.pick("Wat", "What"),
            lang.pick("Wie", "Who"),
            lang.pick("Wanneer", "When"),
            lang.pick("Stand", "Status"),
        ],
    );
    for i in &r.items {
        let mut what = cell(&i.what);
        if let Some(since) = &i.since {
            let _ = write!(what, " *({} {})*", lang.pick("sinds", "since"), cell(since));
        }
        line(
            out,
            &format!(
                "| {what} | {} | {} | {} |",
                cell(&i.who_label),
                cell(&i.when),
                status_text(i.status, lang)
            ),
        );
    }
    line(out, "");
}
