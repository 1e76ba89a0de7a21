//! The aggregate as people open it: the workbook in calamine and in LibreOffice's headless
//! conversion (every sheet to CSV), the PDF through pdfinfo and pdftotext; every part of
//! the report in them, nobody's name. And similar cards: a typo counts as the same card,
//! two different words stay apart.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::aggregate::programme;
use crate::common::{home, run, skipped};
use crate::example::path;

const PROGRAMME: &str = "tests/data/programme";

/// Every participant's name in the programme's files.
fn names() -> Vec<String> {
    let out = crate::aggregate::names();
    assert!(out.len() >= 5, "the programme has named participants");
    out
}

/// The headings of the Markdown report (levels 2 and 3): what every format must show.
fn headings(dir: &Path) -> Vec<String> {
    let (code, md, err) = run(&["aggregate", &programme(), "--lang", "nl"], dir);
    assert_eq!(code, 0, "{err}");
    md.lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .map(str::to_string)
        .collect()
}

fn write(dir: &Path, format: &str) -> PathBuf {
    let file = dir.join(format!("programma.{format}"));
    let (code, out, err) = run(
        &[
            "aggregate",
            &programme(),
            "--format",
            format,
            "--lang",
            "nl",
            "-o",
            file.to_str().unwrap(),
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), file.to_str().unwrap());
    file
}

fn assert_nobody(text: &str, what: &str) {
    for name in names() {
        assert!(!text.contains(&name), "{name} in the {what}");
        let surname = name.split_once(' ').map_or(name.as_str(), |(_, s)| s);
        assert!(!text.contains(surname), "{surname} in the {what}");
    }
}

#[test]
fn the_workbook_has_every_part_with_figures_as_numbers_and_names_nobody() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let dir = home();
    let file = write(dir.path(), "xlsx");
    let mut book: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(std::fs::read(&file).unwrap())).unwrap();
    let sheets = book.sheet_names();
    assert_eq!(sheets[0], "Overzicht");
    assert!(sheets.iter().any(|s| s == "Reeksen"), "{sheets:?}");
    let mut strings = Vec::new();
    let mut numbers = 0;
    for sheet in &sheets {
        for (_, _, d) in book.worksheet_range(sheet).unwrap().used_cells() {
            match d {
                Data::String(s) => strings.push(s.clone()),
                Data::Float(_) | Data::Int(_) => numbers += 1,
                _ => {}
            }
        }
    }
    for heading in headings(dir.path()) {
        assert!(strings.contains(&heading), "{heading:?} in the workbook");
    }
    assert!(strings.iter().any(|s| s == "Tevreden bewoners"));
    assert!(numbers > 100, "the figures are numbers: {numbers}");
    assert_nobody(&strings.join("\n"), "workbook");

    // Every sheet to its own CSV.
    if let Err(why) = crate::common::libreoffice_csv(&file, &dir.path().join("lo"), true) {
        return skipped("aggregate xlsx in LibreOffice", &why);
    }
    let mut all = String::new();
    let mut converted = 0;
    for entry in std::fs::read_dir(dir.path().join("lo")).unwrap() {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        converted += 1;
    }
    assert_eq!(converted, sheets.len(), "one CSV per sheet");
    for heading in headings(dir.path()) {
        assert!(all.contains(&heading), "{heading:?} in LibreOffice's CSV");
    }
    assert_nobody(&all, "workbook as LibreOffice reads it");
}

#[test]
fn the_pdf_has_every_part_and_names_nobody() {
    let dir = home();
    let file = write(dir.path(), "pdf");
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let info = match Command::new("pdfinfo").arg(&file).output() {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(_) => return skipped("aggregate pdf", "pdfinfo is not installed"),
    };
    assert!(info.contains("Title:") && info.contains("Overzicht van het programma"));
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(pages >= 2, "{info}");
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    for heading in headings(dir.path()) {
        assert!(text.contains(&heading), "{heading:?} in the pdf text");
    }
    for must in ["Tevreden bewoners", "Reeks 1", "over tijd"] {
        assert!(text.contains(must), "{must:?} in the pdf text");
    }
    assert_nobody(&text, "pdf");
}

#[test]
fn a_workbook_or_pdf_is_not_written_to_a_terminal_but_to_a_file_or_pipe() {
    let dir = home();
    // Standard output here is a pipe: the bytes come through.
    let (code, out, _) = run(&["aggregate", &programme(), "--format", "pdf"], dir.path());
    assert_eq!(code, 0);
    assert!(out.starts_with("%PDF-"));
    let (code, _, err) = run(&["aggregate", &programme(), "--format", "docx"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("use md, html, csv, json, xlsx or pdf"),
        "{err}"
    );
}

/// The programme with `from` replaced by `to` in the files given (by their place in name
/// order), aggregated as JSON.
fn with_cards(dir: &Path, changes: &[(usize, &str)]) -> serde_json::Value {
    let copy = dir.join(changes.iter().map(|c| c.1).collect::<Vec<_>>().join("+"));
    std::fs::create_dir_all(&copy).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(path(PROGRAMME))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut holding = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let mut text = std::fs::read_to_string(f).unwrap();
        if text.contains("\"Tevreden bewoners\"") {
            holding.push(i);
        }
        // The n-th file with the card gets the n-th change.
        let nth = holding.iter().position(|h| *h == i);
        if let Some((_, to)) = changes.iter().find(|(n, _)| Some(*n) == nth) {
            text = text.replace("\"Tevreden bewoners\"", &format!("\"{to}\""));
        }
        std::fs::write(copy.join(f.file_name().unwrap()), text).unwrap();
    }
    assert!(holding.len() >= 3, "sessions with the card: {holding:?}");
    let (code, out, err) = run(
        &["aggregate", copy.to_str().unwrap(), "--format", "json"],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Every lane of every board of the aggregate's JSON.
fn lanes(value: &serde_json::Value) -> impl Iterator<Item = &serde_json::Value> {
    value["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["boards"].as_array().unwrap())
        .flat_map(|b| b["lanes"].as_array().unwrap())
}

/// Per lane: its different cards and how many sessions each of its top cards is in.
fn shape(value: &serde_json::Value) -> Vec<(u64, Vec<u64>)> {
    lanes(value)
        .map(|l| {
            let cards = l["cards"].as_array().unwrap();
            let sessions = cards.iter().map(|c| c["sessions"].as_u64().unwrap());
            (l["distinct"].as_u64().unwrap(), sessions.collect())
        })
        .collect()
}

/// Different cards over all lanes.
fn distinct(value: &serde_json::Value) -> u64 {
    lanes(value).map(|l| l["distinct"].as_u64().unwrap()).sum()
}

#[test]
fn a_card_typed_with_a_typo_counts_as_the_same_and_different_words_stay_apart() {
    let dir = home();
    let (_, original, _) = run(&["aggregate", &programme(), "--format", "json"], dir.path());
    let original: serde_json::Value = serde_json::from_str(&original).unwrap();
    // "Tevreden bewoners" typed in a hurry in two of its sessions: as many different
    // cards, each in as many sessions.
    let typos = with_cards(
        dir.path(),
        &[(0, "Tevreden bewonrs"), (1, "tevreden Bewoners!")],
    );
    assert_eq!(shape(&typos), shape(&original));
    let md = serde_json::to_string(&typos).unwrap();
    assert!(md.contains("Tevreden bewoners"), "the way most wrote it");
    // The same card in two sessions, and then two that differ in a few letters.
    let same = with_cards(dir.path(), &[(0, "Warmtenet"), (1, "warmtenet")]);
    let typo = with_cards(dir.path(), &[(0, "Warmtenet"), (1, "Warmtenett")]);
    let apart = with_cards(dir.path(), &[(0, "Warmtenet"), (1, "Warmtevisie")]);
    assert_eq!(distinct(&typo), distinct(&same));
    assert!(
        distinct(&apart) > distinct(&same),
        "warmtenet and warmtevisie are two cards: {} and {}",
        distinct(&apart),
        distinct(&same)
    );
}
