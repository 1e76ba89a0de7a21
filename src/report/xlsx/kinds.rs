//! The workbook's sheets of grids, consent rounds and polls: every item with its place as
//! two numbers and its quadrant; every position, then the proposal and its amendments;
//! per statement a number cell for each answer's count, the total and the average.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::{header, widths, write_bold, write_text};
use crate::core::Lang;
use crate::core::clean::one_line;
use crate::report::markdown_kinds::consent_state;
use crate::report::outcome::*;
use crate::report::words::poll_average_text;

pub(super) fn grid(
    sheet: &mut Worksheet,
    outcome: &Outcome,
    g: &GridOutcome,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    header(
        sheet,
        bold,
        &[
            lang.pick("Onderdeel", "Item"),
            lang.pick("Partij", "Party"),
            g.x.label.get(lang),
            g.y.label.get(lang),
            lang.pick("Kwadrant", "Quadrant"),
            lang.pick("Notitie", "Note"),
        ],
    )?;
    for (i, item) in g.items.iter().enumerate() {
        let r = i as u32 + 1;
        write_text(sheet, r, 0, one_line(&item.label))?;
        if let Some(p) = &item.party {
            write_text(sheet, r, 1, outcome.party_name(p, lang))?;
        }
        if let Some(at) = item.at {
            sheet.write_number(r, 2, f64::from(at.x))?;
            sheet.write_number(r, 3, f64::from(at.y))?;
        }
        if let Some(q) = item.quadrant {
            write_text(sheet, r, 4, g.quadrants.name(q).get(lang))?;
        }
        write_text(sheet, r, 5, one_line(&item.note))?;
    }
    widths(sheet, &[36.0, 24.0, 12.0, 12.0, 24.0, 48.0])
}

pub(super) fn consent(
    sheet: &mut Worksheet,
    c: &ConsentOutcome,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    header(
        sheet,
        bold,
        &[
            lang.pick("Wie", "Who"),
            lang.pick("Standpunt", "Position"),
            lang.pick("Toelichting", "Why"),
            lang.pick("Opgelost door wijziging", "Resolved by amendment"),
        ],
    )?;
    let mut r = 1;
    for p in &c.positions {
        write_text(sheet, r, 0, one_line(&p.label))?;
        write_text(sheet, r, 1, p.stance.label(lang))?;
        write_text(sheet, r, 2, one_line(&p.text))?;
        if let Some(n) = p.resolved_by {
            sheet.write_number(r, 3, n as f64)?;
        }
        r += 1;
    }
    // Below the positions: the outcome, the proposal, and how it came to be.
    r += 1;
    write_bold(sheet, r, 0, consent_state(c, lang), bold)?;
    r += 1;
    write_bold(sheet, r, 0, lang.pick("Voorstel", "Proposal"), bold)?;
    write_text(sheet, r, 1, one_line(&c.proposal))?;
    if !c.original.is_empty() && c.original != c.proposal {
        r += 1;
        write_bold(sheet, r, 0, lang.pick("Oorspronkelijk", "Originally"), bold)?;
        write_text(sheet, r, 1, one_line(&c.original))?;
    }
    for a in &c.amendments {
        r += 1;
        write_bold(
            sheet,
            r,
            0,
            format!("{} {}", lang.pick("Wijziging", "Amendment"), a.number),
            bold,
        )?;
        write_text(sheet, r, 1, one_line(&a.text))?;
        write_text(sheet, r, 2, a.resolves.join(", "))?;
    }
    for s in &c.said {
        r += 1;
        write_text(sheet, r, 0, one_line(&s.label))?;
        write_text(sheet, r, 1, s.phase.label(lang))?;
        write_text(sheet, r, 2, one_line(&s.text))?;
    }
    widths(sheet, &[28.0, 60.0, 48.0, 12.0])
}

pub(super) fn poll(
    sheet: &mut Worksheet,
    p: &PollOutcome,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    let labels: Vec<String> = p
        .options
        .iter()
        .map(|o| one_line(o.label.get(lang)))
        .collect();
    let mut head: Vec<&str> = vec![lang.pick("Stelling", "Statement")];
    head.extend(labels.iter().map(String::as_str));
    head.push(lang.pick("Antwoorden", "Answers"));
    head.push(poll_average_text(p, lang));
    head.push(lang.pick("Getoond", "Shown"));
    header(sheet, bold, &head)?;
    let last = p.options.len() as u16;
    for (i, s) in p.statements.iter().enumerate() {
        let r = i as u32 + 1;
        write_text(sheet, r, 0, one_line(&s.text))?;
        for (c, n) in s.counts.iter().enumerate() {
            sheet.write_number(r, c as u16 + 1, f64::from(*n))?;
        }
        sheet.write_number(r, last + 1, f64::from(s.answered))?;
        if let Some(a) = s.average {
            sheet.write_number(r, last + 2, a)?;
        }
        sheet.write_boolean(r, last + 3, s.revealed)?;
    }
    let mut w = vec![60.0];
    w.extend(std::iter::repeat_n(12.0, p.options.len() + 3));
    widths(sheet, &w)
}
