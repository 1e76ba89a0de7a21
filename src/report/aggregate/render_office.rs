//! The aggregate as a workbook and as a PDF, from the same headings, lines and tables as
//! the Markdown, HTML and CSV, written with the workbook and PDF code of a meeting's own
//! report (rust_xlsxwriter's sheets with their names made safe; the PDF flow with its
//! embedded font).

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::Aggregate;
use super::render::{Block, blocks, title};
use crate::report::pdf::{Cell, Flow, Rgb, Weight};
use crate::report::xlsx::{Names, write_bold, write_text};

/// The workbook: a sheet per part of the report (the overview, each scenario, the
/// actions, the parties, the series), each table under its heading with its figures as
/// numbers.
pub fn xlsx(a: &Aggregate) -> Result<Vec<u8>, XlsxError> {
    let lang = a.lang;
    let mut book = Workbook::new();
    let mut names = Names::default();
    let bold = Format::new().set_bold();
    let mut sheet = book.add_worksheet();
    sheet.set_name(names.unique(lang.pick("Overzicht", "Overview")))?;
    sheet.set_column_width(0, 48.0)?;
    let mut row = 0u32;
    let mut started = false;
    for block in blocks(a) {
        match block {
            // Each part of the report on its own sheet (the title on the first).
            Block::Heading(2, text) => {
                if started {
                    sheet = book.add_worksheet();
                    sheet.set_name(names.unique(&text))?;
                    sheet.set_column_width(0, 48.0)?;
                    row = 0;
                }
                started = true;
                write_bold(sheet, row, 0, &text, &bold)?;
                row += 2;
            }
            Block::Heading(_, text) => {
                started = true;
                write_bold(sheet, row, 0, &text, &bold)?;
                row += 1;
            }
            Block::Line(text) => {
                write_text(sheet, row, 0, &text)?;
                row += 2;
            }
            Block::Table(head, rows) => {
                for (c, h) in head.iter().enumerate() {
                    write_bold(sheet, row, column(c), h, &bold)?;
                }
                row += 1;
                for cells in rows {
                    for (c, v) in cells.iter().enumerate() {
                        match v.parse::<f64>() {
                            Ok(n) if c > 0 && n.is_finite() => {
                                sheet.write_number(row, column(c), n)?;
                            }
                            _ => write_text(sheet, row, column(c), v)?,
                        }
                    }
                    row += 1;
                }
                row += 1;
            }
        }
    }
    book.save_to_buffer()
}

fn column(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// The report as PDF: A4, the headings, lines and tables in order.
pub fn pdf(a: &Aggregate) -> Vec<u8> {
    let lang = a.lang;
    let mut flow = Flow::new(&title(a), lang, 8.5);
    for block in blocks(a) {
        match block {
            Block::Heading(level, text) => {
                let size = match level {
                    1 => 16.0,
                    2 => 13.0,
                    3 => 11.0,
                    _ => 9.5,
                };
                flow.heading(&text, size, 30.0);
            }
            Block::Line(text) => {
                let size = flow.size;
                flow.paragraph(&text, Weight::Regular, size, Rgb::DIM, 0.0);
            }
            Block::Table(head, rows) => {
                // The first column (what is counted) gets the room; the figures share the rest.
                let n = head.len().max(1);
                let rest = if n > 1 { 0.5 / (n - 1) as f32 } else { 0.0 };
                let widths: Vec<f32> = (0..n)
                    .map(|i| {
                        if i == 0 {
                            1.0 - rest * (n - 1) as f32
                        } else {
                            rest
                        }
                    })
                    .collect();
                let head: Vec<&str> = head.iter().map(String::as_str).collect();
                let rows: Vec<Vec<Cell>> = rows
                    .into_iter()
                    .map(|r| r.into_iter().map(Cell::plain).collect())
                    .collect();
                flow.table(&widths, &head, &rows);
            }
        }
    }
    let foot = lang.pick(
        "overzicht van het programma, gemaakt met samenspel",
        "programme overview, made with samenspel",
    );
    flow.finish(foot)
}
