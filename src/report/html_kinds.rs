//! The HTML report's grids (the four quadrants with what stands in each), consent rounds
//! and polls (a distribution bar per statement, every count written).

use std::fmt::Write;

use super::html::{esc, tag};
use super::markdown_kinds::{consent_state, stance_counts};
use super::outcome::{ConsentOutcome, GridOutcome, Outcome, PollOutcome};
use super::words::{axis_text, decimal_text, moved_text, poll_average_text};
use crate::core::Lang;
use crate::core::grid::{GridItem, Quadrant};

/// The style of these parts, added to the report's.
pub const CSS: &str = r#"
.field { display: grid; grid-template-columns: 2rem 1fr 1fr; grid-template-rows: 1fr 1fr auto; gap: .35rem; margin: .5rem 0 1rem; }
.field .q { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem; min-height: 6rem; min-width: 0; background: var(--wash); }
.field .q h4 { margin: 0 0 .35rem; color: var(--accent); }
.field .yaxis { grid-row: 1 / span 2; writing-mode: vertical-rl; transform: rotate(180deg); text-align: center; color: var(--dim); font-size: .85rem; }
.field .xaxis { grid-column: 2 / span 2; text-align: center; color: var(--dim); font-size: .85rem; }
.proposal { font-size: 1.1rem; margin: 0 0 .5rem; padding: .6rem .9rem; border: 2px solid var(--accent); border-radius: 6px; }
.decided { color: #135e20; font-weight: 700; }
.open { color: #8a4b00; font-weight: 700; }
.dist { display: flex; height: 1.4rem; border-radius: 3px; overflow: hidden; background: #e9edf2; margin: .2rem 0 .6rem; }
.dist span { display: block; height: 100%; }
ul.counts { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: .3rem .9rem; font-size: .9rem; }
ul.counts i { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem; vertical-align: -.05rem; }
"#;

/// Shades for a poll's answers, low to high (all distinct, readable beside dark text).
const SHADES: [&str; 10] = [
    "#b85400", "#d98a4a", "#c9c9c9", "#6f93c4", "#184e96", "#0f6b6b", "#6b2d7a", "#8a6d00",
    "#2e6b30", "#5a5a5a",
];

pub(super) fn grid(h: &mut String, outcome: &Outcome, g: &GridOutcome, lang: Lang) {
    let _ = write!(
        h,
        "<p class=\"meta\"><b>{}</b> {} × {}</p>\n<div class=\"field\">\n<div class=\"yaxis\">{}</div>\n",
        lang.pick("Assen:", "Axes:"),
        esc(&axis_text(&g.x, lang)),
        esc(&axis_text(&g.y, lang)),
        esc(&axis_text(&g.y, lang)),
    );
    for q in [
        Quadrant::TopLeft,
        Quadrant::TopRight,
        Quadrant::BottomLeft,
        Quadrant::BottomRight,
    ] {
        let found = g.per_quadrant.iter().find(|p| p.quadrant == q);
        let _ = write!(
            h,
            "<div class=\"q\"><h4>{}</h4>",
            esc(g.quadrants.name(q).get(lang))
        );
        match found.map(|f| f.items.as_slice()) {
            Some(items) if !items.is_empty() => {
                for i in items {
                    let _ = write!(h, "<span class=\"chip\">{}</span>", esc(i));
                }
            }
            _ => {
                let _ = write!(h, "<span class=\"empty\">–</span>");
            }
        }
        h.push_str("</div>\n");
    }
    let _ = write!(
        h,
        "<div class=\"xaxis\">{}</div>\n</div>\n",
        esc(&axis_text(&g.x, lang))
    );
    if !g.unplaced.is_empty() {
        let names: Vec<String> = g.unplaced.iter().map(|u| esc(u)).collect();
        let _ = writeln!(
            h,
            "<p><b>{}</b> {}</p>",
            lang.pick("Niet geplaatst:", "Not placed:"),
            names.join(", ")
        );
    }
    let placed: Vec<_> = g.items.iter().filter(|i| i.at.is_some()).collect();
    if !placed.is_empty() {
        let _ = write!(
            h,
            "<h3>{}</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            lang.pick("Waar alles staat", "Where everything stands"),
            esc(g.x.label.get(lang)),
            esc(g.y.label.get(lang)),
            lang.pick("Kwadrant", "Quadrant"),
            lang.pick("Notitie", "Note"),
        );
        for i in placed {
            let Some(at) = i.at else { continue };
            let _ = write!(h, "<tr><td>{}", esc(&i.label));
            if let Some(p) = &i.party
                && !matches!(i.key, GridItem::Party(_))
            {
                tag(h, outcome, p, lang);
            }
            let quadrant = i
                .quadrant
                .map(|q| esc(g.quadrants.name(q).get(lang)))
                .unwrap_or_default();
            let _ = writeln!(
                h,
                "</td><td>{}</td><td>{}</td><td>{quadrant}</td><td>{}</td></tr>",
                at.x,
                at.y,
                esc(&i.note)
            );
        }
        h.push_str("</tbody></table></div>\n");
    }
    if !g.moved.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul>",
            lang.pick("Verschoven sinds de vorige keer", "Moved since last time")
        );
        for m in &g.moved {
            let _ = writeln!(
                h,
                "<li>{}: {}</li>",
                esc(&m.label),
                esc(&moved_text(m, lang))
            );
        }
        h.push_str("</ul>\n");
    }
}

pub(super) fn consent(h: &mut String, c: &ConsentOutcome, lang: Lang) {
    let head = if c.amendments.is_empty() {
        lang.pick("Voorstel", "Proposal")
    } else {
        lang.pick("Voorstel (gewijzigd)", "Proposal (amended)")
    };
    let _ = write!(
        h,
        "<h3>{head}</h3>\n<p class=\"proposal\">{}</p>\n<p class=\"{}\">{}</p>\n",
        esc(&c.proposal),
        if c.decided { "decided" } else { "open" },
        esc(&consent_state(c, lang))
    );
    let _ = writeln!(h, "<h3>{}</h3>", lang.pick("Standpunten", "Positions"));
    if c.positions.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            lang.pick("Nog geen standpunten.", "No positions yet.")
        );
    } else {
        let _ = write!(
            h,
            "<div class=\"scroll\"><table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            lang.pick("Wie", "Who"),
            lang.pick("Standpunt", "Position"),
            lang.pick("Toelichting", "Why"),
        );
        for p in &c.positions {
            let mut stance = p.stance.label(lang).to_string();
            if let Some(n) = p.resolved_by {
                stance.push_str(&match lang {
                    Lang::Nl => format!(" (opgelost door wijziging {n})"),
                    Lang::En => format!(" (resolved by amendment {n})"),
                });
            }
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&p.label),
                esc(&stance),
                esc(&p.text)
            );
        }
        h.push_str("</tbody></table></div>\n");
        let _ = writeln!(h, "<p class=\"meta\">{}</p>", esc(&stance_counts(c, lang)));
    }
    if !c.amendments.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>",
            lang.pick("Wijzigingen van het voorstel", "Amendments of the proposal")
        );
        // A round begun without a proposal has no original to show.
        if !c.original.is_empty() {
            let _ = writeln!(
                h,
                "<p class=\"meta\"><b>{}</b> {}</p>",
                lang.pick("Oorspronkelijk:", "Originally:"),
                esc(&c.original)
            );
        }
        h.push_str("<ol>\n");
        for a in &c.amendments {
            let resolves = if a.resolves.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = a.resolves.iter().map(|r| esc(r)).collect();
                format!(
                    " <i>({} {})</i>",
                    lang.pick("lost het bezwaar op van", "resolves the objection of"),
                    names.join(", ")
                )
            };
            let _ = writeln!(h, "<li>{}{resolves}</li>", esc(&a.text));
        }
        h.push_str("</ol>\n");
    }
    if !c.said.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul>",
            lang.pick("Vragen en reacties", "Questions and reactions")
        );
        for s in &c.said {
            let _ = writeln!(
                h,
                "<li><i>{}</i> · {}: {}</li>",
                esc(s.phase.label(lang)),
                esc(&s.label),
                esc(&s.text)
            );
        }
        h.push_str("</ul>\n");
    }
}

pub(super) fn poll(h: &mut String, p: &PollOutcome, lang: Lang) {
    if p.counts_only {
        let _ = writeln!(
            h,
            "<p class=\"meta\">{}</p>",
            lang.pick(
                "Anoniem: alleen de aantallen zijn bewaard, niet wie wat antwoordde.",
                "Anonymous: only the counts were kept, not who answered what."
            )
        );
    }
    for s in &p.statements {
        let hidden = if s.revealed {
            String::new()
        } else {
            format!(
                " <span class=\"note-hidden\">({})</span>",
                lang.pick("niet getoond in de sessie", "not shown in the session")
            )
        };
        let average = s
            .average
            .map(|a| {
                format!(
                    " · {}: {}",
                    poll_average_text(p, lang),
                    decimal_text(p, a, lang)
                )
            })
            .unwrap_or_default();
        let _ = write!(
            h,
            "<h4>{}{hidden}</h4>\n<p class=\"meta\">{} {}{}</p>\n<div class=\"dist\" role=\"img\" aria-label=\"{}\">",
            esc(&s.text),
            s.answered,
            lang.pick("antwoorden", "answers"),
            esc(&average),
            esc(&s.text),
        );
        let total = s.answered.max(1);
        for (i, n) in s.counts.iter().enumerate().filter(|(_, n)| **n > 0) {
            let share = f64::from(*n) * 100.0 / f64::from(total);
            let _ = write!(
                h,
                "<span style=\"width:{share:.1}%;background:{}\"></span>",
                SHADES[i % SHADES.len()]
            );
        }
        h.push_str("</div>\n<ul class=\"counts\">");
        for (i, (o, n)) in p.options.iter().zip(&s.counts).enumerate() {
            let _ = write!(
                h,
                "<li><i style=\"background:{}\"></i>{}: <b>{n}</b></li>",
                SHADES[i % SHADES.len()],
                esc(o.label.get(lang))
            );
        }
        h.push_str("</ul>\n");
    }
}
