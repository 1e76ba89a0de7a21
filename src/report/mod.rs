//! Reports: what people read (Markdown, HTML), data other tools use (CSV, the JSON
//! outcome, a session copy that can be shared) and the comparison of two meetings. A
//! layer above store and below the screens: pure functions from a session and its folded
//! state to bytes; the CLI and the app write what they return. No terminal, no clock.

pub mod aggregate;
pub mod analysis;
pub mod compare;
pub mod compare_grid;
pub mod html;
mod html_kinds;
pub(crate) mod html_steps;
mod html_style;
pub mod ics;
pub mod markdown;
mod markdown_kinds;
mod markdown_steps;
pub mod outcome;
mod outcome_actions;
mod outcome_build;
mod outcome_kinds;
pub mod pdf;
pub mod schema;
pub mod spreadsheet;
pub mod svg;
pub mod words;
pub mod xlsx;

use crate::core::{Lang, Live, Session};
pub use compare::Comparison;
pub use outcome::Outcome;
pub use outcome_build::Detail;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The report as Markdown.
    Markdown,
    /// The report as one self-contained HTML page.
    Html,
    /// The data as CSV (one file, or one per kind).
    Csv,
    /// The JSON outcome: the final state without the log.
    Json,
    /// A copy of the session file (with `anonymize`: safe to share).
    Session,
    /// The one-page A4 handout as PDF (with `full`: the whole report as PDF).
    Pdf,
    /// A workbook: one sheet per step, commitments with real dates, participants.
    Xlsx,
    /// A calendar: every dated action as an all-day event.
    Ics,
    /// Images: each matrix as a heat map and each vote as bars, one SVG per step.
    Svg,
}

impl Format {
    /// Parses `md`, `html`, `csv`, `json` or `session`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "session" => Some(Format::Session),
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            "ics" | "ical" => Some(Format::Ics),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }

    /// The name `--format` takes: `md`, `html`, `csv`, `json`, `session`, `pdf`, `xlsx`,
    /// `ics` or `svg`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Session => "session",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Ics => "ics",
            Format::Svg => "svg",
        }
    }

    /// The file name ending this format is written with (after the session's stem).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "outcome.json",
            Format::Session => "shared.json",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Ics => "ics",
            Format::Svg => "svg",
        }
    }
}

/// How to export.
#[derive(Clone, Debug)]
pub struct Options {
    /// The language of headings and labels (and of the labels an anonymized copy writes).
    pub lang: Lang,
    /// Replace participants' names by "Deelnemer 1.." everywhere.
    pub anonymize: bool,
    /// CSV: one file per kind instead of one file with a `kind` column.
    pub split: bool,
    /// CSV: the field separator, `,` (RFC 4180) or `;` (Excel with a Dutch locale).
    pub separator: u8,
    /// A comparison with an earlier meeting, added as a section to the reports.
    pub compare: Option<Comparison>,
    /// PDF: the full report instead of the one-page handout.
    pub full: bool,
}

impl Options {
    /// Defaults: the given language, names kept, one CSV file with commas, no comparison.
    /// Times are always shown in the session's own time zone.
    pub fn new(lang: Lang) -> Options {
        Options {
            lang,
            anonymize: false,
            split: false,
            separator: b',',
            compare: None,
            full: false,
        }
    }

    /// Defaults for a session: its own language (the one the meeting was held in) unless
    /// `lang` is given.
    pub fn for_session(session: &Session, lang: Option<Lang>) -> Options {
        Options::new(lang.unwrap_or(session.lang))
    }
}

/// One file of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// What goes between the base name and the extension: empty, or e.g. `-cards` for
    /// `--split` CSV files.
    pub suffix: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Exports a live session (its log and folded state) in a format. A session or outcome
/// that cannot be serialized is an error, never an empty file.
pub fn export(
    live: &Live,
    format: Format,
    opts: &Options,
) -> Result<Vec<ExportFile>, serde_json::Error> {
    let one = |bytes: Vec<u8>| {
        Ok(vec![ExportFile {
            suffix: String::new(),
            bytes,
        }])
    };
    if format == Format::Session {
        let session = if opts.anonymize {
            crate::core::transform::anonymize::session(&live.session, opts.lang)
        } else {
            live.session.clone()
        };
        return one(crate::store::try_session_json(&session)?);
    }
    let outcome = Outcome::build(&live.session, &live.state, opts.lang, opts.anonymize);
    match format {
        Format::Markdown => one(markdown::render(&outcome, opts).into_bytes()),
        Format::Html => one(html::render(&outcome, opts).into_bytes()),
        Format::Json => one(outcome_json(&outcome)?),
        Format::Csv => Ok(spreadsheet::render(&outcome, opts)),
        Format::Pdf if opts.full => one(pdf::full(&outcome, opts.lang)),
        Format::Pdf => one(pdf::handout(&outcome, opts.lang)),
        // A workbook that cannot be written is an error, like an outcome that cannot.
        Format::Xlsx => one(xlsx::render(&outcome, opts.lang)
            .map_err(|e| serde_json::Error::io(std::io::Error::other(e.to_string())))?),
        Format::Ics => one(ics::render(&outcome, opts.lang).into_bytes()),
        Format::Svg => Ok(svg::render(&outcome, opts.lang)),
        Format::Session => Ok(Vec::new()),
    }
}

/// The JSON outcome as written: pretty-printed with a final newline.
pub fn outcome_json(outcome: &Outcome) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(outcome)?;
    bytes.push(b'\n');
    Ok(bytes)
}
