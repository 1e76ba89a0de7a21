//! The reports of grids, consent rounds and polls, read back with the tools people open them
//! with: Markdown through pandoc, the full PDF through pdftotext, the workbook through
//! calamine, CSV through the csv crate. Generated sessions of the new built-in scenarios
//! (samenwerkingsvorm: a grid of parties and a consent round; lean coffee: a poll), checked
//! against what the outcome says they hold.

use std::path::{Path, PathBuf};
use std::process::Command;

use samenspel::report::Outcome;
use samenspel::report::outcome::StepResult;

use crate::common::{home, run, skipped};

fn generate(dir: &Path, scenario: &str) -> PathBuf {
    let path = dir.join(format!("{scenario}.json"));
    let (code, _, err) = run(
        &[
            "dev",
            "generate",
            "--scenario",
            scenario,
            "--events",
            "300",
            "-o",
            path.to_str().unwrap(),
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    path
}

fn export(session: &Path, args: &[&str], dir: &Path) -> PathBuf {
    let mut all = vec!["export", session.to_str().unwrap()];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all, dir);
    assert_eq!(code, 0, "{err}");
    dir.join(
        out.lines()
            .next()
            .expect("the file written is named")
            .trim(),
    )
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tool(name: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(name).args(args).output().ok()?;
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// What a reader must find of the grids, consent rounds and polls: the quadrants' names,
/// every placed item, every position's member, every statement.
fn expected(outcome: &Outcome) -> Vec<String> {
    let lang = outcome.session.lang;
    let mut out = Vec::new();
    for step in &outcome.steps {
        match &step.result {
            StepResult::Grid(g) => {
                out.extend(g.per_quadrant.iter().map(|q| q.name.get(lang).to_string()));
                out.extend(
                    g.items
                        .iter()
                        .filter(|i| i.at.is_some())
                        .map(|i| i.label.clone()),
                );
            }
            StepResult::Consent(c) => out.extend(c.positions.iter().map(|p| p.label.clone())),
            StepResult::Poll(p) => out.extend(p.statements.iter().map(|s| s.text.clone())),
            _ => {}
        }
    }
    out.into_iter().map(|s| flat(&s)).collect()
}

#[test]
fn grids_consent_rounds_and_polls_read_back_in_pandoc_pdftotext_calamine_and_csv() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let dir = home();
    for scenario in ["samenwerkingsvorm", "lean-coffee"] {
        let session = generate(dir.path(), scenario);
        let live = samenspel::store::load_session(&session).unwrap();
        let outcome = Outcome::build(&live.session, &live.state, live.session.lang, false);
        let want = expected(&outcome);
        assert!(want.len() >= 2, "{scenario}: too little to check: {want:?}");

        // Markdown, as pandoc reads it.
        let md = export(&session, &["--format", "md", "-o", "r.md"], dir.path());
        match tool(
            "pandoc",
            &["-f", "commonmark", "-t", "plain", md.to_str().unwrap()],
        ) {
            Some(plain) => {
                let plain = flat(&plain);
                for w in &want {
                    assert!(
                        plain.contains(w.as_str()),
                        "{scenario}: '{w}' not in pandoc's text"
                    );
                }
            }
            None => skipped("export_kinds pandoc", "pandoc is not installed"),
        }

        // The full report as PDF, as pdftotext reads it.
        let pdf = export(
            &session,
            &["--format", "pdf", "--full", "-o", "r.pdf"],
            dir.path(),
        );
        match tool("pdftotext", &[pdf.to_str().unwrap(), "-"]) {
            Some(text) => {
                let text = flat(&text);
                for w in &want {
                    // A long name may wrap onto the next line of its cell: its first word.
                    let first = w.split(' ').next().unwrap_or_default();
                    assert!(text.contains(first), "{scenario}: '{w}' not in the PDF");
                }
            }
            None => skipped("export_kinds pdftotext", "pdftotext is not installed"),
        }

        // The workbook: every text in a cell, and the poll's counts as numbers.
        let xlsx = export(&session, &["--format", "xlsx", "-o", "r.xlsx"], dir.path());
        let mut book: Xlsx<_> =
            open_workbook_from_rs(std::io::Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
        let mut strings = Vec::new();
        let mut numbers = Vec::new();
        for name in book.sheet_names() {
            for (_, _, d) in book.worksheet_range(&name).unwrap().used_cells() {
                match d {
                    Data::String(s) => strings.push(flat(s)),
                    Data::Float(f) => numbers.push(*f),
                    _ => {}
                }
            }
        }
        for w in &want {
            assert!(
                strings.iter().any(|s| s == w),
                "{scenario}: '{w}' in no cell"
            );
        }
        for step in &outcome.steps {
            if let StepResult::Poll(p) = &step.result {
                for s in &p.statements {
                    assert!(numbers.contains(&f64::from(s.answered)), "{}", s.text);
                }
            }
        }

        // CSV: a row per placed item, per position, per statement.
        let csv = export(&session, &["--format", "csv", "-o", "r.csv"], dir.path());
        let bytes = std::fs::read(&csv).unwrap();
        let mut reader =
            csv::Reader::from_reader(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap());
        let headers = reader.headers().unwrap().clone();
        let kind = headers.iter().position(|h| h == "kind").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let count = |k: &str| rows.iter().filter(|r| &r[kind] == k).count();
        for step in &outcome.steps {
            match &step.result {
                StepResult::Grid(g) => assert_eq!(count("grid_item"), g.items.len(), "{scenario}"),
                StepResult::Consent(c) => assert_eq!(count("position"), c.positions.len()),
                StepResult::Poll(p) => assert!(count("poll") >= p.statements.len()),
                _ => {}
            }
        }
    }
}
