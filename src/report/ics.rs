//! The calendar (RFC 5545): every action with a date as an all-day event (what, who, the
//! meeting). Each event's UID is made from the meeting (its start and scenario) and the
//! commitment's id, so exporting again and importing updates the events instead of adding
//! them twice; SEQUENCE grows with the session's changes.

use sha2::{Digest, Sha256};

use super::outcome::Outcome;
use crate::core::{Lang, dates};

/// The calendar of an outcome's dated actions, in `lang`.
pub fn render(outcome: &Outcome, lang: Lang) -> String {
    let mut out = String::new();
    let title = crate::core::clean::one_line(&outcome.session.title);
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//samenspel//samenspel//NL");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(&title)));
    let stamp = outcome
        .session
        .last_change
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let zoned = outcome
        .session
        .created
        .to_zoned(crate::store::zone::named(&outcome.session.time_zone));
    let meeting = format!("{title} ({})", dates::format(zoned.date(), lang));
    for row in outcome.actions() {
        let c = row.commitment;
        let Some(due) = c.due else { continue };
        let end = due.tomorrow().unwrap_or(due);
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(outcome, c.id)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("SEQUENCE:{}", outcome.session.changes));
        line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", due.strftime("%Y%m%d")),
        );
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", end.strftime("%Y%m%d")),
        );
        line(
            &mut out,
            &format!("SUMMARY:{}", escape(&crate::core::clean::one_line(&c.what))),
        );
        let mut description = Vec::new();
        if !c.who_label.trim().is_empty() {
            description.push(format!("{}: {}", lang.pick("Wie", "Who"), c.who_label));
        }
        description.push(format!(
            "{}: {meeting}",
            lang.pick("Bijeenkomst", "Meeting")
        ));
        if let Some(from) = &c.from {
            description.push(format!(
                "{}: {}",
                lang.pick("Komt van", "Comes from"),
                from.label
            ));
        }
        let description: Vec<String> = description
            .iter()
            .map(|d| crate::core::clean::one_line(d))
            .collect();
        line(
            &mut out,
            &format!("DESCRIPTION:{}", escape(&description.join("\n"))),
        );
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// The stable id of a commitment's event: the same meeting and commitment give the same
/// id in every export (anonymized or not: it names no one).
pub fn uid(outcome: &Outcome, commitment: u32) -> String {
    let mut hash = Sha256::new();
    hash.update(outcome.session.created.to_string().as_bytes());
    hash.update(b"|");
    hash.update(outcome.scenario.id.as_bytes());
    hash.update(b"|");
    hash.update(commitment.to_string().as_bytes());
    let digest = hash.finalize();
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@samenspel")
}

/// A text value: backslash, semicolon, comma and newline escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line, folded at 75 octets (never inside a character), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters_and_text_is_escaped() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "ë".repeat(60)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
