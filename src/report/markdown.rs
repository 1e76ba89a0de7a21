//! The Markdown report: what a person reads after the meeting. CommonMark (tables in the
//! GitHub-flavoured form every common viewer shows); every user text is cleaned of control
//! characters and escaped, so no card can turn into markup or a terminal escape.

use super::Options;
use super::markdown_steps::{comparison, matrix, review, vote};
use super::outcome::{AgreementOutcome, BoardOutcome, CardOutcome, Outcome, StepResult};
use super::words::{date_time, endorsed_count, influence_text, step_heading};
use crate::core::Lang;

/// The report as Markdown.
pub fn render(outcome: &Outcome, opts: &Options) -> String {
    let lang = opts.lang;
    let mut md = String::new();
    let out = &mut md;
    line(out, &format!("# {}", inline(&outcome.session.title)));
    line(out, "");
    line(
        out,
        &format!(
            "**{}** {}  ",
            lang.pick("Werkvorm:", "Exercise:"),
            mid(outcome.scenario.title.get(lang))
        ),
    );
    line(
        out,
        &format!(
            "**{}** {}",
            lang.pick("Datum:", "Date:"),
            date_time(outcome.session.created, &outcome.session.time_zone, lang)
        ),
    );
    line(out, "");
    line(out, &inline(outcome.scenario.description.get(lang)));
    line(out, "");
    participants(out, outcome, lang);
    for step in &outcome.steps {
        line(
            out,
            &format!("## {}", inline(&step_heading(outcome, step, lang))),
        );
        line(out, "");
        line(out, &format!("> {}", inline(step.prompt.get(lang))));
        line(out, "");
        if let Some(influence) = step.influence {
            line(out, &format!("*{}*", mid(&influence_text(influence, lang))));
            line(out, "");
        }
        match &step.result {
            StepResult::Board(b) => board(out, outcome, b, lang),
            StepResult::Matrix(m) => matrix(out, outcome, m, lang),
            StepResult::Vote(v) => vote(out, outcome, v, lang),
            StepResult::Review(r) => review(out, r, lang),
            StepResult::Agreement(a) => agreement(out, a, lang),
            StepResult::Grid(g) => super::markdown_kinds::grid(out, outcome, g, lang),
            StepResult::Consent(c) => super::markdown_kinds::consent(out, c, lang),
            StepResult::Poll(p) => super::markdown_kinds::poll(out, p, lang),
        }
    }
    if let Some(cmp) = &opts.compare {
        comparison(out, cmp, opts);
    }
    md
}

/// A table's header row and its rule, with plain left-aligned columns.
pub(super) fn table_head(out: &mut String, headers: &[&str]) {
    line(out, &format!("| {} |", headers.join(" | ")));
    line(out, &format!("|{}", "---|".repeat(headers.len())));
}

pub(super) fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

/// User text made safe to start a line of CommonMark (a heading, a list item): as [`mid`],
/// and a leading `-`, `+`, `#`, `>` or `1.` is escaped so it cannot start a list, a
/// heading or a quote, and a trailing `#` so a heading cannot lose it.
pub fn inline(text: &str) -> String {
    let mut out = mid(text);
    let first = out.chars().next();
    if matches!(first, Some('-' | '+' | '#' | '>')) {
        out.insert(0, '\\');
    } else if first.is_some_and(|c| c.is_ascii_digit()) {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if matches!(
            out.get(digits..).and_then(|r| r.chars().next()),
            Some('.' | ')')
        ) {
            out.insert(digits, '\\');
        }
    }
    if out.ends_with('#') && !out.ends_with("\\#") {
        let keep = out.trim_end_matches('#').len();
        out.insert(keep, '\\');
    }
    out
}

/// User text made safe inside a table cell: as [`mid`], and `|` escaped so it cannot end
/// the cell.
pub fn cell(text: &str) -> String {
    mid(text).replace('|', "\\|")
}

/// User text made safe inside a line of CommonMark (after a label, in a list item):
/// cleaned, whitespace folded, and only what CommonMark (and Python-Markdown, which MkDocs
/// uses) would read as markup escaped, in a form both understand: a backslash before
/// `\\ ` * _ [ ]`, an entity for `&` and `<` where they would start an entity or a tag,
/// and for tildes that could strike text through. Everything else stays as typed.
pub fn mid(text: &str) -> String {
    let cleaned = crate::core::clean::clean(text);
    let folded = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let tildes = folded.matches('~').count() >= 2;
    let mut out = String::with_capacity(folded.len() + 8);
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("&lt;");
            }
            '&' if starts_entity(chars.clone()) => out.push_str("&amp;"),
            '~' if tildes => out.push_str("&#126;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after a `&` would make it an entity: `#...;` or letters and digits
/// then `;` (`&amp;`, `&#38;`).
fn starts_entity(rest: impl Iterator<Item = char>) -> bool {
    for (n, c) in rest.enumerate() {
        match c {
            ';' => return n > 0,
            '#' if n == 0 => {}
            c if c.is_ascii_alphanumeric() && n < 32 => {}
            _ => return false,
        }
    }
    false
}

fn participants(out: &mut String, outcome: &Outcome, lang: Lang) {
    line(
        out,
        &format!("## {}", lang.pick("Deelnemers", "Participants")),
    );
    line(out, "");
    if outcome.participants.is_empty() {
        line(
            out,
            lang.pick(
                "*Geen deelnemers vastgelegd.*",
                "*No participants recorded.*",
            ),
        );
        line(out, "");
        return;
    }
    table_head(
        out,
        &[
            lang.pick("Deelnemer", "Participant"),
            lang.pick("Organisatie", "Organisation"),
            lang.pick("Partij", "Party"),
            lang.pick("Aanwezig", "Present"),
        ],
    );
    for p in &outcome.participants {
        let party = p
            .party
            .as_deref()
            .map(|id| outcome.party_name(id, lang))
            .unwrap_or_default();
        line(
            out,
            &format!(
                "| {} | {} | {} | {} |",
                cell(&p.label),
                cell(&p.organisation),
                cell(&party),
                if p.present {
                    lang.pick("ja", "yes")
                } else {
                    lang.pick("nee", "no")
                }
            ),
        );
    }
    line(out, "");
}

fn card_line(outcome: &Outcome, card: &CardOutcome, lang: Lang) -> String {
    match &card.party {
        Some(p) => format!(
            "{} *({})*",
            inline(&card.text),
            mid(&outcome.party_name(p, lang))
        ),
        None => inline(&card.text),
    }
}

fn board(out: &mut String, outcome: &Outcome, board: &BoardOutcome, lang: Lang) {
    for lane in &board.lanes {
        line(out, &format!("### {}", inline(lane.title.get(lang))));
        line(out, "");
        if lane.cards.is_empty() {
            line(out, lang.pick("*Geen kaarten.*", "*No cards.*"));
            line(out, "");
            continue;
        }
        // Themes as headed groups where their first card stands; the rest in place.
        let mut done: Vec<&str> = Vec::new();
        for card in &lane.cards {
            match &card.theme {
                None => line(out, &format!("- {}", card_line(outcome, card, lang))),
                Some(theme) if !done.contains(&theme.as_str()) => {
                    done.push(theme);
                    line(
                        out,
                        &format!("- **{} {}**", lang.pick("Thema:", "Theme:"), inline(theme)),
                    );
                    for c in lane
                        .cards
                        .iter()
                        .filter(|c| c.theme.as_ref() == Some(theme))
                    {
                        // Four spaces: Python-Markdown (MkDocs) nests only from four.
                        line(out, &format!("    - {}", card_line(outcome, c, lang)));
                    }
                }
                Some(_) => {}
            }
        }
        line(out, "");
    }
}

fn agreement(out: &mut String, a: &AgreementOutcome, lang: Lang) {
    for (i, item) in a.items.iter().enumerate() {
        let head = if item.id == "statement" {
            lang.pick("Verklaring", "Statement").to_string()
        } else {
            let n = i + usize::from(a.items.first().is_none_or(|f| f.id != "statement"));
            format!("{} {n}", lang.pick("Uitgangspunt", "Principle"))
        };
        line(out, &format!("**{head}:** {}", mid(item.text.get(lang))));
        line(out, "");
        let names: Vec<String> = item.endorsed_by.iter().map(|e| mid(&e.label)).collect();
        let count = endorsed_count(item.endorsed_by.len(), a.endorsers, lang);
        if names.is_empty() {
            line(out, &format!("*{count}*"));
        } else {
            line(out, &format!("*{count}:* {}", names.join(", ")));
        }
        line(out, "");
    }
    line(
        out,
        &format!("### {}", lang.pick("Afspraken", "Commitments")),
    );
    line(out, "");
    if a.commitments.is_empty() {
        line(out, lang.pick("*Geen afspraken.*", "*No commitments.*"));
        line(out, "");
        return;
    }
    // Who endorsed a commitment, in a column of its own when any commitment was.
    let endorsed = a.commitments.iter().any(|c| !c.endorsed_by.is_empty());
    let mut head = vec![
        lang.pick("Wat", "What"),
        lang.pick("Wie", "Who"),
        lang.pick("Wanneer", "When"),
    ];
    if endorsed {
        head.push(lang.pick("Onderschreven door", "Endorsed by"));
    }
    table_head(out, &head);
    for c in &a.commitments {
        let mut row = format!(
            "| {} | {} | {} |",
            cell(&c.what),
            cell(&c.who_label),
            cell(&c.when)
        );
        if endorsed {
            let names: Vec<&str> = c.endorsed_by.iter().map(|e| e.label.as_str()).collect();
            row.push_str(&format!(" {} |", cell(&names.join(", "))));
        }
        line(out, &row);
    }
    line(out, "");
}

#[cfg(test)]
mod tests {
    use super::{cell, inline, mid};

    #[test]
    fn markup_and_escapes_in_user_text_are_neutralised() {
        assert_eq!(inline("*vet* [link](x) <b>"), r"\*vet\* \[link\](x) &lt;b>");
        assert_eq!(inline("1. eerst"), r"1\. eerst");
        assert_eq!(inline("- los"), r"\- los");
        assert_eq!(inline("# geen kop #"), r"\# geen kop \#");
        assert_eq!(inline("a\u{1b}[31mb\nc"), "a\u{FFFD}\\[31mb c");
        assert_eq!(inline("70% van de huurders"), "70% van de huurders");
    }

    #[test]
    fn only_what_would_be_markup_is_escaped() {
        assert_eq!(mid("Lusten & lasten"), "Lusten & lasten");
        assert_eq!(mid("a &amp; b"), "a &amp;amp; b");
        assert_eq!(mid("x < 5 en y > 3"), "x < 5 en y > 3");
        assert_eq!(mid("=1+1 {x} ! #3"), "=1+1 {x} ! #3");
        assert_eq!(mid("~ongeveer~"), "&#126;ongeveer&#126;");
        assert_eq!(mid("~10"), "~10");
        assert_eq!(mid("a | b"), "a | b");
        assert_eq!(cell("a | b"), r"a \| b");
    }
}
