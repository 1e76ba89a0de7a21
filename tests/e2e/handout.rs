//! After the meeting: the one-page handout (PDF), the full report as PDF, the workbook
//! (xlsx), the calendar of actions (ics) and the images (svg), each read back with the
//! tools people open them with: pdfinfo/pdftotext/pdftoppm, calamine, a strict iCalendar
//! reader, an XML parser and headless Chromium.

use std::path::{Path, PathBuf};
use std::process::Command;

use samenspel::report::Outcome;

use crate::common::{home, run};

/// A typical meeting: a generated session of 150 changes (cards, ratings, dots, 10-25
/// actions, a parked card or two).
const TYPICAL: &str = "150";

fn generate(dir: &Path, scenario: &str, events: &str) -> PathBuf {
    let path = dir.join(format!("{scenario}-{events}.json"));
    let (code, _, err) = run(
        &[
            "dev",
            "generate",
            "--scenario",
            scenario,
            "--events",
            events,
            "-o",
            path.to_str().unwrap(),
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    path
}

fn outcome(path: &Path, anonymize: bool) -> Outcome {
    let live = samenspel::store::load_session(path).expect("the session opens");
    Outcome::build(&live.session, &live.state, live.session.lang, anonymize)
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

fn skipped(test: &str, why: &str) {
    eprintln!("SKIPPED {test}: {why}");
}

/// Pages and page size as pdfinfo reads them.
fn pdf_pages(pdf: &Path) -> Option<(usize, String)> {
    let info = tool("pdfinfo", &[pdf.to_str()?])?;
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    Some((field("Pages:").parse().unwrap_or(0), field("Page size:")))
}

/// Every run of whitespace as one space, so a text wrapped over lines still matches.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

#[test]
fn the_handout_of_a_typical_meeting_is_one_a4_page_with_every_action() {
    let dir = home();
    for scenario in [
        "stakeholder-doelen",
        "zwolse-komedie",
        "succesfactoren",
        "stappenplan-check",
    ] {
        let session = generate(dir.path(), scenario, TYPICAL);
        let pdf = export(&session, &["--format", "pdf"], dir.path());
        assert_eq!(
            pdf,
            session.with_extension("pdf"),
            "written beside the session"
        );
        let Some((pages, size)) = pdf_pages(&pdf) else {
            return skipped("handout", "pdfinfo is not installed");
        };
        assert_eq!(pages, 1, "{scenario}: one page");
        assert!(
            size.contains("595.28 x 841.89") && size.contains("A4"),
            "{size}"
        );
        let text = flat(&tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).unwrap());
        let outcome = outcome(&session, false);
        let actions = outcome.actions();
        assert!(!actions.is_empty(), "{scenario} has actions");
        for row in &actions {
            // The what may wrap inside its column: look for each word in the text.
            for word in row.commitment.what.split_whitespace() {
                assert!(
                    text.contains(word),
                    "{scenario}: {word:?} of {:?}",
                    row.commitment.what
                );
            }
            if let Some(due) = row.commitment.due {
                let shown = samenspel::core::dates::format(due, samenspel::core::Lang::Nl);
                assert!(text.contains(&shown), "{scenario}: {shown}");
            }
        }
        assert!(
            text.contains("Afspraken") && text.contains("Wanneer"),
            "Dutch, the session's language"
        );
        for parked in &outcome.parked {
            assert!(
                text.contains(&flat(&parked.card.text)),
                "parked: {}",
                parked.card.text
            );
        }
        assert!(
            !text.contains("Vervolg"),
            "no second page, so no 'continued'"
        );
    }
    // Looked at once: the picture of the first handout.
    let session = dir
        .path()
        .join(format!("stakeholder-doelen-{TYPICAL}.json"));
    let png = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("handout");
    if tool(
        "pdftoppm",
        &[
            "-r",
            "80",
            "-png",
            "-singlefile",
            session.with_extension("pdf").to_str().unwrap(),
            png.to_str().unwrap(),
        ],
    )
    .is_some()
    {
        assert!(png.with_extension("png").metadata().unwrap().len() > 10_000);
    }
}

#[test]
fn a_meeting_too_long_for_one_page_says_continued_and_english_reads_english() {
    let dir = home();
    let session = generate(dir.path(), "zwolse-akkoord", "200");
    let pdf = export(
        &session,
        &["--format", "pdf", "--lang", "en", "-o", "akkoord.pdf"],
        dir.path(),
    );
    let Some((pages, _)) = pdf_pages(&pdf) else {
        return skipped("continued", "pdfinfo is not installed");
    };
    assert!(pages >= 2, "{pages} pages");
    let second = tool(
        "pdftotext",
        &["-f", "2", "-l", "2", pdf.to_str().unwrap(), "-"],
    )
    .unwrap();
    assert!(second.contains("Continued"), "{second}");
    let first = tool("pdftotext", &["-l", "1", pdf.to_str().unwrap(), "-"]).unwrap();
    assert!(
        first.contains("Commitments") && !first.contains("Continued"),
        "{first}"
    );
    // The fonts are embedded subsets.
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]).unwrap();
    assert!(
        fonts.contains("+OpenSans-Regular") && fonts.contains("+OpenSans-Bold"),
        "{fonts}"
    );
    for line in fonts.lines().filter(|l| l.contains("OpenSans")) {
        assert!(line.contains("yes yes"), "embedded and subset: {line}");
    }
}

#[test]
fn the_full_report_as_pdf_holds_every_card() {
    let dir = home();
    let session = generate(dir.path(), "zwolse-komedie", TYPICAL);
    let pdf = export(
        &session,
        &["--format", "pdf", "--full", "-o", "full.pdf"],
        dir.path(),
    );
    let Some(text) = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]) else {
        return skipped("full", "pdftotext is not installed");
    };
    let text = flat(&text);
    let outcome = outcome(&session, false);
    for step in &outcome.steps {
        if let samenspel::report::outcome::StepResult::Board(b) = &step.result {
            for card in b.lanes.iter().flat_map(|l| &l.cards) {
                for word in card.text.split_whitespace() {
                    assert!(text.contains(word), "{word:?} of {:?}", card.text);
                }
            }
        }
    }
    let (code, _, err) = run(
        &[
            "export",
            session.to_str().unwrap(),
            "--format",
            "md",
            "--full",
        ],
        dir.path(),
    );
    assert_eq!(code, 2, "--full is for pdf only");
    assert!(err.contains("--full works only with --format pdf"), "{err}");
}

#[test]
fn the_workbook_reads_back_with_every_card_number_dot_and_dated_action() {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let dir = home();
    let session = generate(dir.path(), "stakeholder-doelen", TYPICAL);
    for anonymize in [false, true] {
        let outcome = outcome(&session, anonymize);
        let mut args = vec!["--format", "xlsx", "-o"];
        let name = if anonymize { "anon.xlsx" } else { "book.xlsx" };
        args.push(name);
        if anonymize {
            args.push("--anonymize");
        }
        let file = export(&session, &args, dir.path());
        let bytes = std::fs::read(&file).unwrap();
        let mut book: Xlsx<_> =
            open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an xlsx");
        let names = book.sheet_names();
        assert_eq!(names[0], "Afspraken");
        let everything: Vec<(String, calamine::Range<Data>)> = names
            .iter()
            .map(|n| (n.clone(), book.worksheet_range(n).unwrap()))
            .collect();
        let strings: Vec<String> = everything
            .iter()
            .flat_map(|(_, r)| {
                r.used_cells().filter_map(|(_, _, d)| match d {
                    Data::String(s) => Some(s.clone()),
                    _ => None,
                })
            })
            .collect();
        let has = |text: &str| strings.iter().any(|s| s == text);
        // The actions first, then one sheet per step in order.
        for (index, step) in outcome.steps.iter().enumerate() {
            use samenspel::report::outcome::StepResult;
            let (_, sheet) = &everything[index + 1];
            match &step.result {
                StepResult::Board(b) => {
                    for card in b.lanes.iter().flat_map(|l| &l.cards) {
                        assert!(has(&card.text), "card {:?}", card.text);
                    }
                }
                StepResult::Matrix(m) => {
                    let grid = sheet;
                    for cell in m.cells.iter().filter(|c| c.value.is_some()) {
                        let got = grid.get_value((cell.row as u32 + 1, cell.column as u32 + 1));
                        assert_eq!(
                            got,
                            Some(&Data::Float(f64::from(cell.value.unwrap()))),
                            "a number"
                        );
                    }
                }
                StepResult::Vote(v) => {
                    for (i, r) in v.results.iter().enumerate() {
                        assert_eq!(
                            sheet.get_value((i as u32 + 1, 3)),
                            Some(&Data::Float(f64::from(r.dots)))
                        );
                    }
                }
                _ => {}
            }
        }
        let (_, actions) = &everything[0];
        let epoch: jiff::civil::Date = "1899-12-30".parse().unwrap();
        for (i, row) in outcome.actions().iter().enumerate() {
            let r = i as u32 + 1;
            assert_eq!(
                actions.get_value((r, 1)),
                Some(&Data::String(row.commitment.what.clone()))
            );
            if let Some(due) = row.commitment.due {
                let Some(Data::DateTime(d)) = actions.get_value((r, 2)) else {
                    panic!("a date cell for {:?}", row.commitment.what);
                };
                assert_eq!(d.as_f64(), f64::from((due - epoch).get_days()), "{due}");
            }
        }
        let participants = names.iter().any(|n| n == "Deelnemers");
        assert_eq!(
            participants, !anonymize,
            "participants only when not anonymized"
        );
        if anonymize {
            let live = samenspel::store::load_session(&session).unwrap();
            for name in live
                .state
                .participants
                .iter()
                .filter_map(|p| p.name.as_deref())
            {
                assert!(
                    !strings.iter().any(|s| s.contains(name)),
                    "{name} in the anonymized workbook"
                );
            }
        }
    }
    // Where it is installed: it converts the workbook without a dialog or an error, and
    // the first sheet (the commitments) comes out with its heading.
    if let Err(why) =
        crate::common::libreoffice_csv(&dir.path().join("book.xlsx"), dir.path(), false)
    {
        return skipped("xlsx in LibreOffice", &why);
    }
    let csv = std::fs::read_to_string(dir.path().join("book.csv")).expect("converted");
    assert!(csv.contains("Wie") && csv.contains("Komt van"), "{csv}");
}

/// A strict reader of what RFC 5545 asks of the calendar: CRLF lines of at most 75
/// octets, folded lines joined, one VCALENDAR with VERSION and PRODID, VEVENTs each with
/// one UID, DTSTAMP, an all-day DTSTART and SUMMARY.
fn events(ics: &str) -> Vec<Vec<(String, String)>> {
    assert!(
        ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0") && lines.iter().any(|l| l.starts_with("PRODID:")));
    let mut out = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in lines {
        let (name, value) = line.split_once(':').expect("NAME:value");
        match (name, value) {
            ("BEGIN", "VEVENT") => current = Some(Vec::new()),
            ("END", "VEVENT") => out.push(current.take().expect("an open event")),
            _ => {
                if let Some(event) = &mut current {
                    event.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    for event in &out {
        for required in ["UID", "DTSTAMP", "DTSTART;VALUE=DATE", "SUMMARY"] {
            assert_eq!(
                event.iter().filter(|(n, _)| n == required).count(),
                1,
                "{required} in {event:?}"
            );
        }
    }
    out
}

#[test]
fn the_calendar_has_one_all_day_event_per_dated_action_with_stable_ids() {
    let dir = home();
    let session = generate(dir.path(), "succesfactoren", TYPICAL);
    let outcome = outcome(&session, false);
    let dated: Vec<_> = outcome
        .actions()
        .into_iter()
        .filter(|a| a.commitment.due.is_some())
        .collect();
    assert!(!dated.is_empty());
    let first =
        std::fs::read_to_string(export(&session, &["--format", "ics"], dir.path())).unwrap();
    let again = std::fs::read_to_string(export(
        &session,
        &["--format", "ics", "-o", "again.ics"],
        dir.path(),
    ))
    .unwrap();
    assert_eq!(first, again, "the same file twice: a re-import updates");
    let parsed = events(&first);
    assert_eq!(parsed.len(), dated.len(), "one event per dated action");
    let uids: std::collections::BTreeSet<&str> = parsed
        .iter()
        .map(|e| e.iter().find(|(n, _)| n == "UID").unwrap().1.as_str())
        .collect();
    assert_eq!(uids.len(), parsed.len(), "every UID its own");
    for (event, action) in parsed.iter().zip(&dated) {
        let start = &event
            .iter()
            .find(|(n, _)| n == "DTSTART;VALUE=DATE")
            .unwrap()
            .1;
        assert_eq!(
            *start,
            action
                .commitment
                .due
                .unwrap()
                .strftime("%Y%m%d")
                .to_string()
        );
        let summary = &event.iter().find(|(n, _)| n == "SUMMARY").unwrap().1;
        assert_eq!(
            summary.replace("\\,", ",").replace("\\;", ";"),
            action.commitment.what
        );
    }
    let anonymous = std::fs::read_to_string(export(
        &session,
        &["--format", "ics", "--anonymize", "-o", "anon.ics"],
        dir.path(),
    ))
    .unwrap();
    let anon_uids: std::collections::BTreeSet<String> = events(&anonymous)
        .iter()
        .map(|e| e.iter().find(|(n, _)| n == "UID").unwrap().1.clone())
        .collect();
    assert_eq!(
        anon_uids
            .iter()
            .map(String::as_str)
            .collect::<std::collections::BTreeSet<_>>(),
        uids,
        "the same events"
    );
    let live = samenspel::store::load_session(&session).unwrap();
    for name in live
        .state
        .participants
        .iter()
        .filter_map(|p| p.name.as_deref())
    {
        assert!(
            !anonymous.contains(name),
            "{name} in the anonymized calendar"
        );
    }
}

#[test]
fn each_matrix_and_vote_step_becomes_an_image() {
    let dir = home();
    let session = generate(dir.path(), "stakeholder-doelen", TYPICAL);
    let folder = dir.path().join("beelden");
    let (code, out, err) = run(
        &[
            "export",
            session.to_str().unwrap(),
            "--format",
            "svg",
            "-o",
            folder.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let files: Vec<PathBuf> = out.lines().map(|l| dir.path().join(l)).collect();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "stakeholder-doelen-150-matrix.svg",
            "stakeholder-doelen-150-stemmen.svg"
        ]
    );
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        assert!(doc.descendants().filter(|n| n.has_tag_name("rect")).count() > 3);
    }
    let outcome = outcome(&session, false);
    let heat = std::fs::read_to_string(&files[0]).unwrap();
    if let Some(samenspel::report::outcome::StepResult::Matrix(m)) =
        outcome.step("matrix").map(|s| &s.result)
    {
        let shown = m.cells.iter().filter(|c| c.value.is_some()).count();
        assert_eq!(
            heat.matches("text-anchor=\"middle\" font-weight=\"700\"")
                .count(),
            shown,
            "a coloured value per rated cell"
        );
    }
    // Looked at once, in headless Chromium.
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        return skipped("svg in Chromium", "Chromium is not installed");
    }
    let profile = tempfile::tempdir().unwrap();
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("vote.png");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=900,400")
        .arg(format!("file://{}", files[1].display()))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(shot.metadata().unwrap().len() > 2_000);
    let (code, _, err) = run(
        &[
            "export",
            generate(dir.path(), "cop-bijeenkomst", "40")
                .to_str()
                .unwrap(),
            "--format",
            "svg",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("no matrix or vote step"), "{err}");
}
