//! The Markdown report's grids, consent rounds and polls.

use super::markdown::{cell, inline, line, mid, table_head};
use super::outcome::{ConsentOutcome, GridOutcome, Outcome, PollOutcome};
use super::words::{axis_text, decimal_text, moved_text, poll_average_text};
use crate::core::Lang;
use crate::core::consent::Stance;

pub(super) fn grid(out: &mut String, outcome: &Outcome, g: &GridOutcome, lang: Lang) {
    line(
        out,
        &format!(
            "{} {} × {}",
            lang.pick("Assen:", "Axes:"),
            mid(&axis_text(&g.x, lang)),
            mid(&axis_text(&g.y, lang))
        ),
    );
    line(out, "");
    table_head(
        out,
        &[
            lang.pick("Kwadrant", "Quadrant"),
            lang.pick("Wat er staat", "What stands there"),
        ],
    );
    for q in &g.per_quadrant {
        let items = if q.items.is_empty() {
            "–".to_string()
        } else {
            q.items
                .iter()
                .map(|i| cell(i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        line(out, &format!("| {} | {items} |", cell(q.name.get(lang))));
    }
    line(out, "");
    if !g.unplaced.is_empty() {
        let names: Vec<String> = g.unplaced.iter().map(|u| mid(u)).collect();
        line(
            out,
            &format!(
                "**{}** {}",
                lang.pick("Niet geplaatst:", "Not placed:"),
                names.join(", ")
            ),
        );
        line(out, "");
    }
    let placed: Vec<_> = g.items.iter().filter(|i| i.at.is_some()).collect();
    if !placed.is_empty() {
        line(
            out,
            &format!(
                "### {}",
                lang.pick("Waar alles staat", "Where everything stands")
            ),
        );
        line(out, "");
        table_head(
            out,
            &[
                "",
                g.x.label.get(lang),
                g.y.label.get(lang),
                lang.pick("Kwadrant", "Quadrant"),
                lang.pick("Notitie", "Note"),
            ],
        );
        for i in placed {
            let Some(at) = i.at else { continue };
            let mut label = cell(&i.label);
            if let Some(p) = &i.party
                && !matches!(i.key, crate::core::grid::GridItem::Party(_))
            {
                label.push_str(&format!(" *({})*", cell(&outcome.party_name(p, lang))));
            }
            let quadrant = i
                .quadrant
                .map(|q| cell(g.quadrants.name(q).get(lang)))
                .unwrap_or_default();
            line(
                out,
                &format!(
                    "| {label} | {} | {} | {quadrant} | {} |",
                    at.x,
                    at.y,
                    cell(&i.note)
                ),
            );
        }
        line(out, "");
    }
    if !g.moved.is_empty() {
        line(
            out,
            &format!(
                "**{}**",
                lang.pick("Verschoven sinds de vorige keer", "Moved since last time")
            ),
        );
        line(out, "");
        for m in &g.moved {
            line(
                out,
                &format!("- {}: {}", inline(&m.label), moved_text(m, lang)),
            );
        }
        line(out, "");
    }
}

/// How a round ended: "Besluit genomen" or the round it stands in and what is open.
pub fn consent_state(c: &ConsentOutcome, lang: Lang) -> String {
    if c.decided {
        return lang.pick("Besluit genomen", "Decision taken").to_string();
    }
    let open = match (c.open_objections, lang) {
        (0, _) => String::new(),
        (1, Lang::Nl) => "; 1 bezwaar staat open".to_string(),
        (n, Lang::Nl) => format!("; {n} bezwaren staan open"),
        (1, Lang::En) => "; 1 objection is open".to_string(),
        (n, Lang::En) => format!("; {n} objections are open"),
    };
    format!(
        "{} ({}: {}){open}",
        lang.pick("Nog geen besluit", "No decision yet"),
        lang.pick("ronde", "round"),
        c.phase.label(lang).to_lowercase()
    )
}

/// How many took each position: "2 instemmingen · 1 bezwaar".
pub(super) fn stance_counts(c: &ConsentOutcome, lang: Lang) -> String {
    let count = |s: Stance| c.positions.iter().filter(|p| p.stance == s).count();
    let counts: Vec<String> = Stance::ALL
        .iter()
        .filter(|s| count(**s) > 0)
        .map(|s| s.counted(count(*s), lang))
        .collect();
    counts.join(" · ")
}

pub(super) fn consent(out: &mut String, c: &ConsentOutcome, lang: Lang) {
    let head = if c.amendments.is_empty() {
        lang.pick("Voorstel:", "Proposal:")
    } else {
        lang.pick("Voorstel (gewijzigd):", "Proposal (amended):")
    };
    line(out, &format!("**{head}** {}", mid(&c.proposal)));
    line(out, "");
    line(out, &format!("*{}*", mid(&consent_state(c, lang))));
    line(out, "");
    line(
        out,
        &format!("### {}", lang.pick("Standpunten", "Positions")),
    );
    line(out, "");
    if c.positions.is_empty() {
        line(
            out,
            lang.pick("*Nog geen standpunten.*", "*No positions yet.*"),
        );
        line(out, "");
    } else {
        table_head(
            out,
            &[
                lang.pick("Wie", "Who"),
                lang.pick("Standpunt", "Position"),
                lang.pick("Toelichting", "Why"),
            ],
        );
        for p in &c.positions {
            let mut stance = p.stance.label(lang).to_string();
            if let Some(n) = p.resolved_by {
                stance.push_str(&match lang {
                    Lang::Nl => format!(" (opgelost door wijziging {n})"),
                    Lang::En => format!(" (resolved by amendment {n})"),
                });
            }
            line(
                out,
                &format!(
                    "| {} | {} | {} |",
                    cell(&p.label),
                    cell(&stance),
                    cell(&p.text)
                ),
            );
        }
        line(out, "");
        line(out, &format!("*{}*", stance_counts(c, lang)));
        line(out, "");
    }
    if !c.amendments.is_empty() {
        line(
            out,
            &format!(
                "### {}",
                lang.pick("Wijzigingen van het voorstel", "Amendments of the proposal")
            ),
        );
        line(out, "");
        // A round begun without a proposal has no original to show.
        if !c.original.is_empty() {
            line(
                out,
                &format!(
                    "{} {}",
                    lang.pick("*Oorspronkelijk:*", "*Originally:*"),
                    mid(&c.original)
                ),
            );
            line(out, "");
        }
        for a in &c.amendments {
            let resolves = if a.resolves.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = a.resolves.iter().map(|r| mid(r)).collect();
                format!(
                    " *({} {})*",
                    lang.pick("lost het bezwaar op van", "resolves the objection of"),
                    names.join(", ")
                )
            };
            line(out, &format!("{}. {}{resolves}", a.number, mid(&a.text)));
        }
        line(out, "");
    }
    if !c.said.is_empty() {
        line(
            out,
            &format!(
                "### {}",
                lang.pick("Vragen en reacties", "Questions and reactions")
            ),
        );
        line(out, "");
        for s in &c.said {
            line(
                out,
                &format!(
                    "- *{}* · {}: {}",
                    s.phase.label(lang),
                    mid(&s.label),
                    mid(&s.text)
                ),
            );
        }
        line(out, "");
    }
}

pub(super) fn poll(out: &mut String, p: &PollOutcome, lang: Lang) {
    if p.counts_only {
        line(
            out,
            lang.pick(
                "*Anoniem: alleen de aantallen zijn bewaard, niet wie wat antwoordde.*",
                "*Anonymous: only the counts were kept, not who answered what.*",
            ),
        );
        line(out, "");
    }
    let mut head: Vec<String> = vec![lang.pick("Stelling", "Statement").to_string()];
    head.extend(p.options.iter().map(|o| cell(o.label.get(lang))));
    head.push(lang.pick("Antwoorden", "Answers").to_string());
    head.push(poll_average_text(p, lang).to_string());
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    table_head(out, &head);
    for s in &p.statements {
        let mut text = cell(&s.text);
        if !s.revealed {
            text.push_str(&format!(" *({})*", lang.pick("niet getoond", "not shown")));
        }
        let counts: Vec<String> = s.counts.iter().map(u32::to_string).collect();
        let average = s
            .average
            .map(|a| decimal_text(p, a, lang))
            .unwrap_or_else(|| "–".to_string());
        line(
            out,
            &format!(
                "| {text} | {} | {} | {average} |",
                counts.join(" | "),
                s.answered
            ),
        );
    }
    line(out, "");
}
