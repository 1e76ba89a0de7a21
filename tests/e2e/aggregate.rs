//! `samenspel aggregate` over a committed programme (10 sessions, 3 series, made by
//! `dev generate --programme`): golden files in every format, read back with the tools
//! people use (pandoc, the csv crate, the JSON Schema of the aggregate, html5ever through
//! Chromium's parser where installed); no participant's name in any of them; the
//! min-group rule; a folder with a broken file, a non-session JSON file and a FIFO.

use std::path::{Path, PathBuf};

use crate::common::{home, run};
use crate::example::{golden, path};

const PROGRAMME: &str = "tests/data/programme";

fn aggregate(args: &[&str], dir: &Path) -> (i32, String, String) {
    let mut all = vec!["aggregate"];
    all.extend_from_slice(args);
    run(&all, dir)
}

pub(crate) fn programme() -> String {
    path(PROGRAMME).to_str().unwrap().to_string()
}

/// Every participant's name in the programme's files.
pub(crate) fn names() -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path(PROGRAMME)).unwrap() {
        let session: serde_json::Value =
            serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
        for event in session["events"].as_array().unwrap() {
            if let Some(name) = event["change"]["participant"]["name"].as_str() {
                out.push(name.to_string());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn the_committed_programme_is_what_the_generator_makes() {
    let dir = home();
    let out = dir.path().join("p");
    let (code, _, err) = run(
        &[
            "dev",
            "generate",
            "--programme",
            "--cops",
            "3",
            "--meetings",
            "4,3,3",
            "--seed",
            "1",
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 10);
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap().to_string();
        let committed = std::fs::read(path(&format!("{PROGRAMME}/{name}"))).unwrap();
        assert!(
            std::fs::read(&file).unwrap() == committed,
            "{name} differs from the generator's"
        );
    }
}

#[test]
fn the_aggregate_of_the_programme_in_every_format_matches_its_golden_file_and_names_nobody() {
    let dir = home();
    let names = names();
    assert!(
        names.len() >= 5,
        "the programme has named participants: {names:?}"
    );
    for (format, by, golden_file) in [
        ("md", "scenario", "tests/golden/aggregate.md"),
        ("md", "series", "tests/golden/aggregate.by-series.md"),
        ("md", "party", "tests/golden/aggregate.by-party.md"),
        ("html", "scenario", "tests/golden/aggregate.html"),
        ("csv", "scenario", "tests/golden/aggregate.csv"),
        ("json", "scenario", "tests/golden/aggregate.json"),
    ] {
        let (code, out, err) = aggregate(
            &[&programme(), "--format", format, "--by", by, "--lang", "nl"],
            dir.path(),
        );
        assert_eq!(code, 0, "{err}");
        assert!(err.is_empty(), "nothing skipped: {err}");
        golden(golden_file, out.as_bytes());
        for name in &names {
            assert!(
                !out.contains(name.as_str()),
                "{name} in the {format} aggregate"
            );
            let surname = name.split_once(' ').map_or(name.as_str(), |(_, s)| s);
            assert!(
                !out.contains(surname),
                "{surname} in the {format} aggregate"
            );
        }
    }
    let (_, md, _) = aggregate(&[&programme(), "--lang", "nl"], dir.path());
    for must in [
        "10 sessies gelezen, 0 bestanden overgeslagen",
        "Tevreden bewoners",
        "Spanning die terugkomt",
        "Fase per spoor",
        "Reeks 1 (stakeholder-doelen, 4 bijeenkomsten)",
        "Reeks 3 (zwolse-komedie, 3 bijeenkomsten)",
        "hoger",
        "over tijd",
    ] {
        assert!(md.contains(must), "{must:?} in:\n{md}");
    }
}

#[test]
fn the_outputs_read_back_as_markdown_csv_json_and_html() {
    let dir = home();
    let (_, json, _) = aggregate(&[&programme(), "--format", "json"], dir.path());
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    // The schema `samenspel schema aggregate` prints (and docs/schema/ holds).
    let schema: serde_json::Value = serde_json::from_str(&samenspel::report::schema::schema(
        samenspel::report::schema::Which::Aggregate,
    ))
    .unwrap();
    match crate::json_schema::Schema::new(schema).errors(&[&value]) {
        Ok(errors) => assert!(errors[0].is_empty(), "{errors:?}"),
        Err(why) => crate::common::skipped("aggregate json schema", &why),
    }
    assert_eq!(value["format"], "samenspel/aggregate");
    assert_eq!(value["sessions"], 10);
    assert_eq!(value["series"].as_array().unwrap().len(), 3);
    let reviewed = &value["actions"];
    assert_eq!(
        reviewed["reviewed"].as_u64().unwrap(),
        ["done", "open", "dropped", "undiscussed"]
            .iter()
            .map(|k| reviewed[*k].as_u64().unwrap())
            .sum::<u64>()
    );

    let (_, csv, _) = aggregate(&[&programme(), "--format", "csv"], dir.path());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().len(), 5);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert!(rows.len() > 100, "{} rows", rows.len());
    assert!(rows.iter().all(|r| r.len() == 5));
    assert!(
        rows.iter()
            .any(|r| &r[2] == "Tevreden bewoners" && r[4].parse::<usize>().is_ok())
    );

    let (_, md, _) = aggregate(&[&programme()], dir.path());
    let md_file = dir.path().join("a.md");
    std::fs::write(&md_file, &md).unwrap();
    match std::process::Command::new("pandoc")
        .args(["-f", "gfm", "-t", "html"])
        .arg(&md_file)
        .output()
    {
        Ok(out) => {
            assert!(out.status.success());
            let html = String::from_utf8_lossy(&out.stdout);
            assert!(
                html.matches("<table>").count() > 10,
                "tables read as tables"
            );
            assert!(html.contains("<h2"), "headings");
            assert!(!html.contains("| ---"), "no table left as text");
        }
        Err(_) => eprintln!("SKIPPED aggregate md: pandoc is not installed"),
    }

    let (_, html, _) = aggregate(&[&programme(), "--format", "html"], dir.path());
    let html_file = dir.path().join("a.html");
    std::fs::write(&html_file, &html).unwrap();
    match std::process::Command::new("tidy")
        .args(["-q", "-e"])
        .arg(&html_file)
        .output()
    {
        Ok(out) => {
            let report = String::from_utf8_lossy(&out.stderr);
            assert!(!report.contains("Error:"), "{report}");
        }
        Err(_) => eprintln!("SKIPPED aggregate html: tidy is not installed"),
    }
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
}

#[test]
fn a_party_in_fewer_sessions_than_min_group_is_not_broken_out() {
    let dir = home();
    let (_, json, _) = aggregate(
        &[&programme(), "--format", "json", "--lang", "nl"],
        dir.path(),
    );
    let all: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sessions = |v: &serde_json::Value, name: &str| {
        v["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["sessions"].as_u64().unwrap())
    };
    // In the programme the housing corporation takes part in 6 sessions, the municipality in 10.
    assert_eq!(sessions(&all, "Woningcorporatie"), Some(6));
    assert_eq!(sessions(&all, "Gemeente"), Some(10));
    let (_, json, _) = aggregate(
        &[
            &programme(),
            "--format",
            "json",
            "--min-group",
            "7",
            "--lang",
            "nl",
        ],
        dir.path(),
    );
    let strict: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        sessions(&strict, "Woningcorporatie"),
        None,
        "6 < 7: not on its own"
    );
    assert_eq!(sessions(&strict, "Gemeente"), Some(10));
    assert!(strict["parties_not_shown"].as_u64().unwrap() >= 1);
    // Nor in any card's breakdown or a meeting's attendance.
    let text = strict.to_string();
    assert!(
        !text.contains("{\"count\":4,\"label\":\"Woningcorporatie\"}")
            && !text.contains("\"label\":\"Woningcorporatie\""),
        "no breakdown of the housing corporation"
    );
    // And a series of 3 meetings is not shown with --min-group 4.
    let (_, json, _) = aggregate(
        &[&programme(), "--format", "json", "--min-group", "4"],
        dir.path(),
    );
    let four: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(four["series"].as_array().unwrap().len(), 1);
    assert_eq!(four["series_not_shown"], 2);
    // Two sessions of one CoP: with the default of 3 no party and no series is broken out.
    let a = format!("{}/cop-3-bijeenkomst-1.json", programme());
    let b = format!("{}/cop-3-bijeenkomst-2.json", programme());
    let (code, md, _) = aggregate(&[&a, &b, "--lang", "nl"], dir.path());
    assert_eq!(code, 0);
    assert!(
        md.contains("Geen partij komt in genoeg sessies voor"),
        "{md}"
    );
    assert!(md.contains("Geen reeks met genoeg bijeenkomsten"), "{md}");
}

#[test]
fn a_folder_with_a_broken_file_a_non_session_and_a_fifo_is_read_with_a_note_for_each() {
    let dir = home();
    let folder = dir.path().join("cops");
    let nested = folder.join("zwolle");
    std::fs::create_dir_all(&nested).unwrap();
    for name in ["cop-3-bijeenkomst-1.json", "cop-3-bijeenkomst-2.json"] {
        std::fs::copy(path(&format!("{PROGRAMME}/{name}")), nested.join(name)).unwrap();
    }
    std::fs::copy(
        path(&format!("{PROGRAMME}/cop-1-bijeenkomst-1.json")),
        folder.join("a.json"),
    )
    .unwrap();
    std::fs::write(
        folder.join("kapot.json"),
        b"{\"format\": \"samenspel/session\", \"version\": 1, \"title\": ",
    )
    .unwrap();
    std::fs::write(folder.join("instellingen.json"), b"{\"theme\": \"dark\"}").unwrap();
    std::fs::write(folder.join("notities.txt"), b"not json, not looked at").unwrap();
    let fifo = folder.join("pijp.json");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let (code, md, err) = aggregate(&[folder.to_str().unwrap(), "--min-group", "1"], dir.path());
    assert_eq!(code, 0, "{err}");
    let notes: Vec<&str> = err.lines().collect();
    assert_eq!(notes.len(), 3, "{err}");
    assert!(
        notes
            .iter()
            .any(|l| l.contains("kapot.json") && l.contains("skipped")),
        "{err}"
    );
    assert!(
        notes
            .iter()
            .any(|l| l.contains("instellingen.json") && l.contains("not a session file")),
        "{err}"
    );
    assert!(
        notes
            .iter()
            .any(|l| l.contains("pijp.json") && l.contains("FIFO")),
        "{err}"
    );
    assert!(md.contains("3 sessions read, 3 files skipped"), "{md}");
    assert!(md.contains("Series 1"), "{md}");
    // Nothing readable at all: said, exit 1.
    let (code, _, err) = aggregate(&[folder.join("kapot.json").to_str().unwrap()], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("no session file read"), "{err}");
}
