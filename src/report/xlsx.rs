//! The workbook (`--format xlsx`): all actions first, then one sheet per step (cards with
//! lane, theme and party; the matrix as a grid of numbers with the heat map's colour scale;
//! the vote; endorsements and commitments with real date cells; the review), the parking
//! lot, and the participants unless anonymized. Opens in Excel and LibreOffice without an
//! import dialog: it is a workbook, not text.

use rust_xlsxwriter::{
    ConditionalFormat3ColorScale, ConditionalFormatType, ExcelDateTime, Format, Workbook,
    Worksheet, XlsxError,
};

mod kinds;

use super::html_steps::heat;

/// Excel's limit for the text of one cell.
const CELL_CHARS: usize = 32_767;
use super::outcome::*;
use super::words::step_heading;
use crate::core::Lang;
use crate::core::clean::one_line;

/// The workbook of an outcome, in `lang`.
pub fn render(outcome: &Outcome, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut names = Names::default();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let sheet = book.add_worksheet();
    sheet.set_name(names.unique(lang.pick("Afspraken", "Commitments")))?;
    actions(sheet, outcome, lang, &bold, &date)?;

    for step in &outcome.steps {
        let sheet = book.add_worksheet();
        sheet.set_name(names.unique(&step_heading(outcome, step, lang)))?;
        match &step.result {
            StepResult::Board(b) => board(sheet, outcome, b, lang, &bold)?,
            StepResult::Matrix(m) => matrix(sheet, m, lang, &bold)?,
            StepResult::Vote(v) => vote(sheet, outcome, v, lang, &bold)?,
            StepResult::Agreement(a) => agreement(sheet, a, lang, &bold, &date)?,
            StepResult::Review(r) => review(sheet, r, lang, &bold, &date)?,
            StepResult::Grid(g) => kinds::grid(sheet, outcome, g, lang, &bold)?,
            StepResult::Consent(c) => kinds::consent(sheet, c, lang, &bold)?,
            StepResult::Poll(p) => kinds::poll(sheet, p, lang, &bold)?,
        }
    }
    if !outcome.parked.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(names.unique(lang.pick("Parkeerplaats", "Parking lot")))?;
        header(
            sheet,
            &bold,
            &[
                lang.pick("Kaart", "Card"),
                lang.pick("Uit stap", "From step"),
                lang.pick("Partij", "Party"),
            ],
        )?;
        for (i, p) in outcome.parked.iter().enumerate() {
            let r = i as u32 + 1;
            write_text(sheet, r, 0, one_line(&p.card.text))?;
            write_text(sheet, r, 1, p.step_title.get(lang))?;
            if let Some(party) = &p.card.party {
                write_text(sheet, r, 2, outcome.party_name(party, lang))?;
            }
        }
        widths(sheet, &[60.0, 30.0, 24.0])?;
    }
    if !outcome.anonymized && !outcome.participants.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(names.unique(lang.pick("Deelnemers", "Participants")))?;
        header(
            sheet,
            &bold,
            &[
                lang.pick("Naam", "Name"),
                lang.pick("Organisatie", "Organisation"),
                lang.pick("Partij", "Party"),
                lang.pick("Aanwezig", "Present"),
            ],
        )?;
        for (i, p) in outcome.participants.iter().enumerate() {
            let r = i as u32 + 1;
            write_text(sheet, r, 0, one_line(&p.label))?;
            write_text(sheet, r, 1, one_line(&p.organisation))?;
            if let Some(party) = &p.party {
                write_text(sheet, r, 2, outcome.party_name(party, lang))?;
            }
            sheet.write_boolean(r, 3, p.present)?;
        }
        widths(sheet, &[28.0, 28.0, 24.0, 10.0])?;
    }
    book.save_to_buffer()
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`, unique.
#[derive(Default)]
pub(crate) struct Names(Vec<String>);

impl Names {
    pub(crate) fn unique(&mut self, wanted: &str) -> String {
        let clean: String = one_line(wanted)
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
            .collect();
        let clean = clean.trim().trim_matches('\'').to_string();
        let base: String = if clean.is_empty() {
            "Blad".into()
        } else {
            clean
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let room = 31 - suffix.chars().count();
            let name: String = base
                .chars()
                .take(room)
                .collect::<String>()
                .trim_end()
                .to_string()
                + &suffix;
            if !self.0.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
                self.0.push(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

fn header(sheet: &mut Worksheet, bold: &Format, titles: &[&str]) -> Result<(), XlsxError> {
    for (c, t) in titles.iter().enumerate() {
        write_bold(sheet, 0, c as u16, *t, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn widths(sheet: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

fn write_date(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    d: jiff::civil::Date,
    date: &Format,
) -> Result<(), XlsxError> {
    let (Ok(y), Ok(m), Ok(day)) = (
        u16::try_from(d.year()),
        u8::try_from(d.month()),
        u8::try_from(d.day()),
    ) else {
        return Ok(());
    };
    sheet.write_datetime_with_format(r, c, &ExcelDateTime::from_ymd(y, m, day)?, date)?;
    Ok(())
}

fn actions(
    sheet: &mut Worksheet,
    outcome: &Outcome,
    lang: Lang,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    header(
        sheet,
        bold,
        &[
            lang.pick("Wie", "Who"),
            lang.pick("Wat", "What"),
            lang.pick("Datum", "Date"),
            lang.pick("Wanneer (tekst)", "When (text)"),
            lang.pick("Komt van", "Comes from"),
            lang.pick("Stap", "Step"),
        ],
    )?;
    for (i, row) in outcome.actions().iter().enumerate() {
        let r = i as u32 + 1;
        let c = row.commitment;
        write_text(sheet, r, 0, one_line(&c.who_label))?;
        write_text(sheet, r, 1, one_line(&c.what))?;
        if let Some(d) = c.due {
            write_date(sheet, r, 2, d, date)?;
        }
        write_text(sheet, r, 3, one_line(&c.when))?;
        if let Some(f) = &c.from {
            write_text(sheet, r, 4, one_line(&f.label))?;
        }
        write_text(sheet, r, 5, step_heading(outcome, row.step, lang))?;
    }
    widths(sheet, &[26.0, 60.0, 12.0, 18.0, 36.0, 28.0])
}

fn board(
    sheet: &mut Worksheet,
    outcome: &Outcome,
    b: &BoardOutcome,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    header(
        sheet,
        bold,
        &[
            "id",
            lang.pick("Kaart", "Card"),
            lang.pick("Kolom", "Lane"),
            lang.pick("Thema", "Theme"),
            lang.pick("Partij", "Party"),
        ],
    )?;
    let mut r = 1;
    for lane in &b.lanes {
        for card in &lane.cards {
            sheet.write_number(r, 0, card.id)?;
            write_text(sheet, r, 1, one_line(&card.text))?;
            write_text(sheet, r, 2, lane.title.get(lang))?;
            if let Some(t) = &card.theme {
                write_text(sheet, r, 3, one_line(t))?;
            }
            if let Some(p) = &card.party {
                write_text(sheet, r, 4, outcome.party_name(p, lang))?;
            }
            r += 1;
        }
    }
    widths(sheet, &[6.0, 60.0, 28.0, 20.0, 24.0])
}

fn matrix(
    sheet: &mut Worksheet,
    m: &MatrixOutcome,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, column) in m.columns.iter().enumerate() {
        write_bold(sheet, 0, c as u16 + 1, column.label.get(lang), bold)?;
    }
    for (r, row) in m.rows.iter().enumerate() {
        write_text(sheet, r as u32 + 1, 0, one_line(&row.label))?;
    }
    for cell in &m.cells {
        let (r, c) = (cell.row as u32 + 1, cell.column as u16 + 1);
        if let Some(v) = cell.value {
            sheet.write_number(r, c, v)?;
        }
        if !cell.note.trim().is_empty() {
            let note = rust_xlsxwriter::Note::new(fitted(&one_line(&cell.note)).into_owned())
                .set_author("samenspel");
            sheet.insert_note(r, c, &note)?;
        }
    }
    if !m.rows.is_empty() && !m.columns.is_empty() {
        let (min, max) = m.scale.range();
        let mid = min + (max - min) / 2;
        let scale = ConditionalFormat3ColorScale::new()
            .set_minimum(ConditionalFormatType::Number, min)
            .set_midpoint(ConditionalFormatType::Number, mid)
            .set_maximum(ConditionalFormatType::Number, max)
            .set_minimum_color(heat(&m.scale, min).0.as_str())
            .set_midpoint_color(heat(&m.scale, mid).0.as_str())
            .set_maximum_color(heat(&m.scale, max).0.as_str());
        sheet.add_conditional_format(1, 1, m.rows.len() as u32, m.columns.len() as u16, &scale)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    let legend = m.rows.len() as u32 + 2;
    write_text(sheet, legend, 0, super::words::scale_text(&m.scale, lang))?;
    sheet.set_column_width(0, 48.0)?;
    for c in 0..m.columns.len() {
        sheet.set_column_width(c as u16 + 1, 16.0)?;
    }
    Ok(())
}

fn vote(
    sheet: &mut Worksheet,
    outcome: &Outcome,
    v: &VoteOutcome,
    lang: Lang,
    bold: &Format,
) -> Result<(), XlsxError> {
    header(
        sheet,
        bold,
        &[
            lang.pick("Plaats", "Rank"),
            lang.pick("Wat", "What"),
            lang.pick("Partij", "Party"),
            lang.pick("Stippen", "Dots"),
        ],
    )?;
    for (i, result) in v.results.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, result.rank as f64)?;
        write_text(sheet, r, 1, one_line(&result.label))?;
        if let Some(p) = &result.party {
            write_text(sheet, r, 2, outcome.party_name(p, lang))?;
        }
        sheet.write_number(r, 3, result.dots)?;
    }
    widths(sheet, &[8.0, 60.0, 24.0, 10.0])
}

fn agreement(
    sheet: &mut Worksheet,
    a: &AgreementOutcome,
    lang: Lang,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    header(
        sheet,
        bold,
        &[
            lang.pick("Akkoord", "Agreement"),
            lang.pick("Onderschreven door", "Endorsed by"),
            lang.pick("Aantal", "Count"),
        ],
    )?;
    let mut r = 1;
    for item in &a.items {
        write_text(sheet, r, 0, one_line(item.text.get(lang)))?;
        let names: Vec<String> = item
            .endorsed_by
            .iter()
            .map(|e| one_line(&e.label))
            .collect();
        write_text(sheet, r, 1, names.join(", "))?;
        sheet.write_number(r, 2, names.len() as f64)?;
        r += 1;
    }
    r += 1;
    let titles = [
        lang.pick("Wat", "What"),
        lang.pick("Wie", "Who"),
        lang.pick("Datum", "Date"),
        lang.pick("Wanneer (tekst)", "When (text)"),
        lang.pick("Komt van", "Comes from"),
    ];
    for (c, t) in titles.iter().enumerate() {
        write_bold(sheet, r, c as u16, *t, bold)?;
    }
    for c in &a.commitments {
        r += 1;
        write_text(sheet, r, 0, one_line(&c.what))?;
        write_text(sheet, r, 1, one_line(&c.who_label))?;
        if let Some(d) = c.due {
            write_date(sheet, r, 2, d, date)?;
        }
        write_text(sheet, r, 3, one_line(&c.when))?;
        if let Some(f) = &c.from {
            write_text(sheet, r, 4, one_line(&f.label))?;
        }
    }
    widths(sheet, &[60.0, 40.0, 12.0, 18.0, 36.0])
}

fn review(
    sheet: &mut Worksheet,
    r: &ReviewOutcome,
    lang: Lang,
    bold: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    header(
        sheet,
        bold,
        &[
            lang.pick("Afspraak", "Commitment"),
            lang.pick("Wie", "Who"),
            lang.pick("Datum", "Date"),
            lang.pick("Dagen over tijd", "Days overdue"),
            lang.pick("Status", "Status"),
        ],
    )?;
    for (i, item) in r.items.iter().enumerate() {
        let row = i as u32 + 1;
        write_text(sheet, row, 0, one_line(&item.what))?;
        write_text(sheet, row, 1, one_line(&item.who_label))?;
        match item.due {
            Some(d) => write_date(sheet, row, 2, d, date)?,
            None => {
                write_text(sheet, row, 2, one_line(&item.when))?;
            }
        }
        if let Some(days) = item.days_late {
            sheet.write_number(row, 3, days as f64)?;
        }
        let status = item
            .status
            .map_or(lang.pick("niet besproken", "not discussed"), |s| {
                s.label(lang)
            });
        write_text(sheet, row, 4, status)?;
    }
    widths(sheet, &[60.0, 30.0, 12.0, 14.0, 16.0])
}

/// Text as a cell holds it: at most [`CELL_CHARS`] characters (a longer one is cut, with
/// an ellipsis), so a pasted wall of text never makes the whole workbook fail.
fn fitted(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= CELL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cut: String = text.chars().take(CELL_CHARS - 1).collect();
    cut.push('…');
    std::borrow::Cow::Owned(cut)
}

pub(crate) fn write_text(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    text: impl AsRef<str>,
) -> Result<(), XlsxError> {
    sheet.write_string(r, c, fitted(text.as_ref()).as_ref())?;
    Ok(())
}

pub(crate) fn write_bold(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    text: impl AsRef<str>,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(r, c, fitted(text.as_ref()).as_ref(), bold)?;
    Ok(())
}
