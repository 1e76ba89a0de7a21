//! Images for slides and newsletters: each matrix as a heat map and each vote as bars,
//! one SVG per step, in the colours and fonts of the report. Text is measured with the
//! handout's font, so labels fit their boxes.

use std::fmt::Write as _;

use super::ExportFile;
use super::html::esc;
use super::html_steps::heat;
use super::outcome::{MatrixOutcome, Outcome, StepOutcome, StepResult, VoteOutcome};
use super::pdf::{Font, Weight};
use super::words::{dots, step_heading, value_text};
use crate::core::Lang;

const FONT: &str = "'Open Sans', Arial, sans-serif";
const SIZE: f32 = 13.0;
const LABEL_MAX: f32 = 320.0;

/// One image per matrix and vote step, named by the step's id (`-matrix.svg`).
pub fn render(outcome: &Outcome, lang: Lang) -> Vec<ExportFile> {
    outcome
        .steps
        .iter()
        .filter_map(|step| {
            let svg = match &step.result {
                StepResult::Matrix(m) => matrix(outcome, step, m, lang),
                StepResult::Vote(v) => vote(outcome, step, v, lang),
                _ => return None,
            };
            Some(ExportFile {
                suffix: format!("-{}", step.id),
                bytes: svg.into_bytes(),
            })
        })
        .collect()
}

/// `text` cut with an ellipsis to fit `width` at `size`.
fn fit(font: &Font, text: &str, size: f32, width: f32) -> String {
    font.fit(&crate::core::clean::one_line(text), size, width)
}

fn open(h: &mut String, width: f32, height: f32, title: &str, lang: Lang) {
    let _ = write!(
        h,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{FONT}\" font-size=\"{SIZE}\" \
         xml:lang=\"{}\" role=\"img\">\n<title>{}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"16\" y=\"28\" font-size=\"17\" font-weight=\"700\" fill=\"#1f4e8c\">{}</text>\n",
        lang.code(),
        esc(title),
        esc(title)
    );
}

fn matrix(outcome: &Outcome, step: &StepOutcome, m: &MatrixOutcome, lang: Lang) -> String {
    let regular = Font::new(Weight::Regular);
    let bold = Font::new(Weight::Bold);
    let title = step_heading(outcome, step, lang);
    let label_width = m
        .rows
        .iter()
        .map(|r| regular.width(&crate::core::clean::one_line(&r.label), SIZE))
        .fold(80.0f32, f32::max)
        .min(LABEL_MAX)
        + 12.0;
    let cell_width = m
        .columns
        .iter()
        .map(|c| bold.width(c.label.get(lang), 11.0) + 12.0)
        .fold(56.0f32, f32::max)
        .min(130.0);
    let cell_height = 28.0;
    let top = 48.0;
    let header = 30.0;
    let width = 16.0 + label_width + cell_width * m.columns.len() as f32 + 16.0;
    let height = top + header + cell_height * m.rows.len() as f32 + 24.0;
    let mut h = String::new();
    open(&mut h, width.max(320.0), height, &title, lang);
    for (c, column) in m.columns.iter().enumerate() {
        let x = 16.0 + label_width + cell_width * c as f32 + cell_width / 2.0;
        let _ = writeln!(
            h,
            "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\" \
             text-anchor=\"middle\" fill=\"#1b1b1b\">{}</text>",
            top + header - 10.0,
            esc(&fit(&bold, column.label.get(lang), 11.0, cell_width - 6.0))
        );
    }
    for (r, row) in m.rows.iter().enumerate() {
        let y = top + header + cell_height * r as f32;
        let _ = writeln!(
            h,
            "<text x=\"16\" y=\"{:.1}\" fill=\"#1b1b1b\">{}</text>",
            y + cell_height / 2.0 + 4.5,
            esc(&fit(&regular, &row.label, SIZE, label_width - 12.0))
        );
        for c in 0..m.columns.len() {
            let x = 16.0 + label_width + cell_width * c as f32;
            let cell = m.cells.iter().find(|x| x.row == r && x.column == c);
            match cell.and_then(|x| x.value.map(|v| (x, v))) {
                Some((cell, v)) => {
                    let (bg, fg) = heat(&m.scale, v);
                    let _ = writeln!(
                        h,
                        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
                         fill=\"{bg}\" stroke=\"#ffffff\" stroke-width=\"2\"/>\n\
                         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-weight=\"700\" \
                         fill=\"{fg}\">{}</text>",
                        cell_width,
                        cell_height,
                        x + cell_width / 2.0,
                        y + cell_height / 2.0 + 4.5,
                        esc(&fit(
                            &bold,
                            &value_text(&m.scale, cell, lang),
                            SIZE,
                            cell_width - 6.0
                        ))
                    );
                }
                None => {
                    let _ = writeln!(
                        h,
                        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell_width:.1}\" \
                         height=\"{cell_height:.1}\" fill=\"#f0f0f0\" stroke=\"#ffffff\" \
                         stroke-width=\"2\"/>"
                    );
                }
            }
        }
    }
    h.push_str("</svg>\n");
    h
}

fn vote(outcome: &Outcome, step: &StepOutcome, v: &VoteOutcome, lang: Lang) -> String {
    let regular = Font::new(Weight::Regular);
    let title = step_heading(outcome, step, lang);
    let label_width = v
        .results
        .iter()
        .map(|r| regular.width(&crate::core::clean::one_line(&r.label), SIZE))
        .fold(120.0f32, f32::max)
        .min(LABEL_MAX)
        + 12.0;
    let bar_max = 320.0;
    let row = 26.0;
    let top = 52.0;
    let most = v.results.iter().map(|r| r.dots).max().unwrap_or(0).max(1) as f32;
    let width = 16.0 + label_width + bar_max + 90.0;
    let height = top + row * v.results.len() as f32 + 20.0;
    let mut h = String::new();
    open(&mut h, width, height, &title, lang);
    for (i, r) in v.results.iter().enumerate() {
        let y = top + row * i as f32;
        let bar = bar_max * r.dots as f32 / most;
        let _ = writeln!(
            h,
            "<text x=\"16\" y=\"{:.1}\" fill=\"#1b1b1b\">{}. {}</text>\n\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_max:.1}\" height=\"16\" rx=\"3\" fill=\"#e9edf2\"/>\n\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"16\" rx=\"3\" fill=\"#1f4e8c\"/>\n\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#5a5a5a\">{}</text>",
            y + 13.0,
            r.rank,
            esc(&fit(&regular, &r.label, SIZE, label_width - 30.0)),
            16.0 + label_width,
            y + 1.0,
            16.0 + label_width,
            y + 1.0,
            16.0 + label_width + bar_max + 8.0,
            y + 13.0,
            esc(&dots(r.dots, lang))
        );
    }
    h.push_str("</svg>\n");
    h
}
