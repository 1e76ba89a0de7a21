//! `samenspel aggregate`: many session files (and folders of them) read together into one
//! anonymous programme report. A file that is not a session is skipped with a short note
//! on stderr; the report is written as long as one session could be read.

use std::path::PathBuf;

use samenspel::core::Lang;
use samenspel::report::aggregate::{self, By, Options};

use crate::args::safe;

/// The formats `aggregate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AggregateFormat {
    /// Markdown.
    Markdown,
    /// One HTML page.
    Html,
    /// CSV in long form.
    Csv,
    /// JSON (`samenspel/aggregate`).
    Json,
    /// An Excel workbook.
    Xlsx,
    /// A PDF (A4).
    Pdf,
}

impl AggregateFormat {
    /// A file rather than text: not written to a terminal.
    fn is_binary(self) -> bool {
        matches!(self, AggregateFormat::Xlsx | AggregateFormat::Pdf)
    }
}

/// Parses `md`, `html`, `csv`, `json`, `xlsx` or `pdf`.
pub fn parse_format(s: &str) -> Result<AggregateFormat, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "md" | "markdown" => Ok(AggregateFormat::Markdown),
        "html" => Ok(AggregateFormat::Html),
        "csv" => Ok(AggregateFormat::Csv),
        "json" => Ok(AggregateFormat::Json),
        "xlsx" => Ok(AggregateFormat::Xlsx),
        "pdf" => Ok(AggregateFormat::Pdf),
        other => Err(format!(
            "'{other}' is not an aggregate format; use md, html, csv, json, xlsx or pdf"
        )),
    }
}

/// Parses `scenario`, `series` or `party`.
pub fn parse_by(s: &str) -> Result<By, String> {
    By::parse(s).ok_or_else(|| format!("'{s}' is not a grouping; use scenario, series or party"))
}

/// What `aggregate` was asked.
pub struct AggregateArgs {
    /// Files and folders.
    pub paths: Vec<PathBuf>,
    /// Where to write (stdout when absent).
    pub output: Option<PathBuf>,
    /// The format.
    pub format: AggregateFormat,
    /// How the report is grouped first.
    pub by: By,
    /// The fewest sessions a party's or series' own figures cover.
    pub min_group: usize,
}

/// `samenspel aggregate`.
pub fn aggregate_cmd(args: &AggregateArgs, lang: Lang) -> i32 {
    use std::io::IsTerminal;
    if args.format.is_binary() && args.output.is_none() && std::io::stdout().is_terminal() {
        eprintln!(
            "samenspel: {}",
            lang.pick(
                "een werkmap of pdf is een bestand: geef -o BESTAND (of stuur de uitvoer door naar een bestand)",
                "a workbook or pdf is a file: give -o FILE (or redirect the output to a file)"
            )
        );
        return 2;
    }
    // Millions of small blocks, made and freed by the readers: see alloc.rs.
    crate::alloc::use_mimalloc();
    let (files, mut skipped) = aggregate::session_files(&args.paths, lang);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let opts = Options {
        lang,
        min_group: args.min_group,
        by: args.by,
    };
    let mut folder = aggregate::Folder::new(opts);
    skipped.extend(aggregate::read_into(&files, threads, lang, &mut folder));
    for s in &skipped {
        eprintln!("samenspel: {}", safe(&s.line(lang)));
    }
    if folder.is_empty() {
        eprintln!(
            "samenspel: {}",
            lang.pick(
                "geen enkel sessiebestand gelezen; geef bestanden of mappen met sessies",
                "no session file read; give files or folders with sessions"
            )
        );
        return 1;
    }
    let agg = folder.finish(skipped.len());
    let bytes = match args.format {
        AggregateFormat::Markdown => Ok(aggregate::markdown(&agg).into_bytes()),
        AggregateFormat::Html => Ok(aggregate::html(&agg).into_bytes()),
        AggregateFormat::Csv => aggregate::csv(&agg).map_err(|e| e.to_string()),
        AggregateFormat::Json => aggregate::json(&agg).map_err(|e| e.to_string()),
        AggregateFormat::Xlsx => aggregate::xlsx(&agg).map_err(|e| e.to_string()),
        AggregateFormat::Pdf => Ok(aggregate::pdf(&agg)),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            eprintln!("samenspel: {}", safe(&e));
            return 2;
        }
    };
    match &args.output {
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                return 1;
            }
        }
        Some(path) => {
            if files.iter().any(|f| f == path) {
                eprintln!(
                    "samenspel: {}: {}",
                    safe(&path.display().to_string()),
                    lang.pick(
                        "dit is een invoerbestand; kies een andere naam met -o",
                        "this is an input file; choose another name with -o"
                    )
                );
                return 1;
            }
            if let Err(e) = samenspel::store::atomic::write_atomic(path, &bytes) {
                eprintln!("samenspel: {}: {e}", safe(&path.display().to_string()));
                return 1;
            }
            println!("{}", path.display());
        }
    }
    0
}
