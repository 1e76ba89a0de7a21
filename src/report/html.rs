//! The HTML report: one self-contained page (inline style, no scripts, no external
//! resources) that reads well on screen and prints well. The matrix is a heat map with
//! every value written; vote results are bars with their numbers. All user text escaped.

use std::fmt::Write;

use super::Options;
use super::html_steps::{comparison, matrix, review, vote};
use super::html_style::CSS;
use super::outcome::{AgreementOutcome, BoardOutcome, CardOutcome, Outcome, StepResult};
use super::words::{date_time, endorsed_count, step_heading};
use crate::core::Lang;

/// Colours for party tags, by the party's place in the scenario's list.
const PARTY_COLOURS: [&str; 8] = [
    "#1f4e8c", "#8a3b12", "#2e6b30", "#6b2d7a", "#8a6d00", "#0f6b6b", "#5a5a5a", "#a3214b",
];

/// User text for HTML: cleaned of control characters, and `& < > " '` escaped.
pub fn esc(text: &str) -> String {
    let cleaned = crate::core::clean::clean(text);
    let mut out = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report as one HTML page.
pub fn render(outcome: &Outcome, opts: &Options) -> String {
    let lang = opts.lang;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}{}</style>\n</head>\n<body>\n<main>\n",
        lang.code(),
        esc(&outcome.session.title),
        super::html_kinds::CSS
    );
    let _ = write!(
        h,
        "<header class=\"report\">\n<h1>{}</h1>\n<p class=\"meta\"><b>{}</b> {} · <b>{}</b> {}</p>\n\
         <p class=\"desc\">{}</p>\n</header>\n",
        esc(&outcome.session.title),
        lang.pick("Werkvorm", "Exercise"),
        esc(outcome.scenario.title.get(lang)),
        lang.pick("Datum", "Date"),
        esc(&date_time(
            outcome.session.created,
            &outcome.session.time_zone,
            lang
        )),
        esc(outcome.scenario.description.get(lang)),
    );
    participants(&mut h, outcome, lang);
    for step in &outcome.steps {
        let _ = write!(
            h,
            "<section class=\"step\" id=\"step-{}\">\n<h2>{}</h2>\n<p class=\"prompt\">{}</p>\n",
            esc(&step.id),
            esc(&step_heading(outcome, step, lang)),
            esc(step.prompt.get(lang))
        );
        if let Some(influence) = step.influence {
            let _ = writeln!(
                h,
                "<p class=\"meta influence\">{}</p>",
                esc(&super::words::influence_text(influence, lang))
            );
        }
        match &step.result {
            StepResult::Board(b) => board(&mut h, outcome, b, lang),
            StepResult::Matrix(m) => matrix(&mut h, outcome, m, lang),
            StepResult::Vote(v) => vote(&mut h, outcome, v, lang),
            StepResult::Review(r) => review(&mut h, r, lang),
            StepResult::Agreement(a) => agreement(&mut h, a, lang),
            StepResult::Grid(g) => super::html_kinds::grid(&mut h, outcome, g, lang),
            StepResult::Consent(c) => super::html_kinds::consent(&mut h, c, lang),
            StepResult::Poll(p) => super::html_kinds::poll(&mut h, p, lang),
        }
        h.push_str("</section>\n");
    }
    if let Some(cmp) = &opts.compare {
        comparison(&mut h, cmp, opts);
    }
    let _ = write!(
        h,
        "<footer>{} · {} {}</footer>\n</main>\n</body>\n</html>\n",
        lang.pick("Gemaakt met samenspel", "Made with samenspel"),
        outcome.session.changes,
        lang.pick("wijzigingen in de sessie", "changes in the session"),
    );
    h
}

pub(super) fn tag(h: &mut String, outcome: &Outcome, party: &str, lang: Lang) {
    let index = outcome.parties.iter().position(|p| p.id == party);
    let colour = index.map_or("#5a5a5a", |i| PARTY_COLOURS[i % PARTY_COLOURS.len()]);
    let short = outcome
        .parties
        .iter()
        .find(|p| p.id == party)
        .map_or(party, |p| p.short.as_str());
    let _ = write!(
        h,
        "<span class=\"tag\" style=\"background:{colour}\" title=\"{}\">{}</span>",
        esc(&outcome.party_name(party, lang)),
        esc(short)
    );
}

pub(super) fn party_border(outcome: &Outcome, party: Option<&str>) -> String {
    party
        .and_then(|p| outcome.parties.iter().position(|x| x.id == p))
        .map(|i| format!(" style=\"border-left-color:{}\"", PARTY_COLOURS[i % 8]))
        .unwrap_or_default()
}

pub(super) fn participants(h: &mut String, outcome: &Outcome, lang: Lang) {
    let _ = write!(
        h,
        "<section class=\"participants\">\n<h2>{}</h2>\n",
        lang.pick("Deelnemers", "Participants")
    );
    if outcome.participants.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            lang.pick("Geen deelnemers vastgelegd.", "No participants recorded.")
        );
    } else {
        let _ = writeln!(
            h,
            "<div class=\"scroll\">\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            lang.pick("Deelnemer", "Participant"),
            lang.pick("Organisatie", "Organisation"),
            lang.pick("Partij", "Party"),
            lang.pick("Aanwezig", "Present"),
        );
        for p in &outcome.participants {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>",
                esc(&p.label),
                esc(&p.organisation)
            );
            if let Some(party) = &p.party {
                let _ = write!(h, "{} ", esc(&outcome.party_name(party, lang)));
                tag(h, outcome, party, lang);
            }
            let _ = writeln!(
                h,
                "</td><td>{}</td></tr>",
                if p.present {
                    lang.pick("ja", "yes")
                } else {
                    lang.pick("nee", "no")
                }
            );
        }
        h.push_str("</tbody>\n</table>\n</div>\n");
    }
    h.push_str("</section>\n");
}

pub(super) fn card(h: &mut String, outcome: &Outcome, c: &CardOutcome, lang: Lang) {
    let _ = write!(
        h,
        "<li class=\"card\"{}>{}",
        party_border(outcome, c.party.as_deref()),
        esc(&c.text)
    );
    if let Some(p) = &c.party {
        tag(h, outcome, p, lang);
    }
    h.push_str("</li>\n");
}

pub(super) fn board(h: &mut String, outcome: &Outcome, b: &BoardOutcome, lang: Lang) {
    h.push_str("<div class=\"lanes\">\n");
    for lane in &b.lanes {
        let _ = write!(
            h,
            "<div class=\"lane\">\n<h3>{} <span class=\"count\">({})</span></h3>\n",
            esc(lane.title.get(lang)),
            lane.cards.len()
        );
        if lane.cards.is_empty() {
            let _ = writeln!(
                h,
                "<p class=\"empty\">{}</p>",
                lang.pick("Geen kaarten.", "No cards.")
            );
        } else {
            h.push_str("<ul class=\"cards\">\n");
            let mut done: Vec<&str> = Vec::new();
            for c in &lane.cards {
                match &c.theme {
                    None => card(h, outcome, c, lang),
                    Some(theme) if !done.contains(&theme.as_str()) => {
                        done.push(theme);
                        let _ = write!(
                            h,
                            "<li class=\"theme\"><h4>{} {}</h4>\n<ul class=\"cards\">\n",
                            lang.pick("Thema:", "Theme:"),
                            esc(theme)
                        );
                        for t in lane
                            .cards
                            .iter()
                            .filter(|x| x.theme.as_ref() == Some(theme))
                        {
                            card(h, outcome, t, lang);
                        }
                        h.push_str("</ul></li>\n");
                    }
                    Some(_) => {}
                }
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</div>\n");
    }
    h.push_str("</div>\n");
}

fn agreement(h: &mut String, a: &AgreementOutcome, lang: Lang) {
    let mut principle = 0;
    for item in &a.items {
        let head = if item.id == "statement" {
            lang.pick("Verklaring", "Statement").to_string()
        } else {
            principle += 1;
            format!("{} {principle}", lang.pick("Uitgangspunt", "Principle"))
        };
        let _ = write!(
            h,
            "<h3>{head}</h3>\n<p class=\"statement\">{}</p>\n<p class=\"endorsed\"><b>{}</b>",
            esc(item.text.get(lang)),
            esc(&endorsed_count(item.endorsed_by.len(), a.endorsers, lang))
        );
        if !item.endorsed_by.is_empty() {
            h.push_str("<br>");
            for e in &item.endorsed_by {
                let _ = write!(h, "<span class=\"chip\">{}</span>", esc(&e.label));
            }
        }
        h.push_str("</p>\n");
    }
    let _ = writeln!(h, "<h3>{}</h3>", lang.pick("Afspraken", "Commitments"));
    if a.commitments.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            lang.pick("Geen afspraken.", "No commitments.")
        );
        return;
    }
    // Who endorsed a commitment, in a column of its own when any commitment was.
    let endorsed = a.commitments.iter().any(|c| !c.endorsed_by.is_empty());
    let extra = if endorsed {
        format!(
            "<th>{}</th>",
            lang.pick("Onderschreven door", "Endorsed by")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        h,
        "<div class=\"scroll\">\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>{extra}</tr></thead>\n<tbody>",
        lang.pick("Wat", "What"),
        lang.pick("Wie", "Who"),
        lang.pick("Wanneer", "When")
    );
    for c in &a.commitments {
        let by = if endorsed {
            let chips: String = c
                .endorsed_by
                .iter()
                .map(|e| format!("<span class=\"chip\">{}</span>", esc(&e.label)))
                .collect();
            format!("<td>{chips}</td>")
        } else {
            String::new()
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td>{by}</tr>",
            esc(&c.what),
            esc(&c.who_label),
            esc(&c.when)
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_tags_are_readable() {
        for colour in PARTY_COLOURS {
            let ratio = super::super::html_style::contrast("#ffffff", colour).unwrap();
            assert!(ratio >= 4.5, "white on {colour} is {ratio:.2}:1");
        }
    }

    #[test]
    fn user_text_cannot_become_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
