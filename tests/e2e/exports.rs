//! Exports of the committed example session: golden files of every format, round trips
//! through the csv crate and serde, anonymization, and the CLI that writes them.

use samenspel::core::{Lang, StepState};
use samenspel::report::outcome::{Outcome, StepResult};
use samenspel::report::{Format, Options, export};

fn one(format: Format, opts: &Options) -> String {
    let files = export(&crate::example::load(), format, opts).unwrap();
    assert_eq!(files.len(), 1);
    String::from_utf8(files[0].bytes.clone()).expect("UTF-8")
}

fn nl() -> Options {
    Options::new(Lang::Nl)
}

fn anonymized(lang: Lang) -> Options {
    let mut o = Options::new(lang);
    o.anonymize = true;
    o
}

/// Every card text of the example's final state.
fn cards() -> Vec<String> {
    let live = crate::example::load();
    live.state
        .steps
        .iter()
        .filter_map(|s| match s {
            StepState::Board(b) => Some(b.cards().map(|c| c.text.clone()).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn the_committed_example_is_what_the_builder_records() {
    let built = samenspel::store::try_session_json(&crate::example::session()).unwrap();
    crate::example::golden(crate::example::FILE, &built);
    let live = crate::example::load();
    // Every kind of step has content.
    for (step, state) in live.state.scenario.steps.iter().zip(&live.state.steps) {
        let filled = match state {
            StepState::Board(b) => b.cards().any(|c| c.theme.is_some() && c.party.is_some()),
            StepState::Matrix(m) => m.cells.values().any(|c| !c.note.is_empty()),
            StepState::Vote(v) => v.revealed && !v.dots.is_empty(),
            StepState::Agreement(a) => !a.commitments.is_empty() && !a.endorsements.is_empty(),
            StepState::Review(r) => !r.marks.is_empty(),
            StepState::Grid(g) => !g.places.is_empty() && !g.notes.is_empty(),
            StepState::Consent(c) => c.decided && !c.positions.is_empty(),
            StepState::Poll(p) => !p.revealed.is_empty(),
        };
        assert!(filled, "step {} of the example is empty", step.id);
    }
}

#[test]
fn golden_markdown_html_csv_json_and_shared_session() {
    crate::example::golden(
        "tests/golden/example.md",
        one(Format::Markdown, &nl()).as_bytes(),
    );
    crate::example::golden(
        "tests/golden/example.en.md",
        one(Format::Markdown, &Options::new(Lang::En)).as_bytes(),
    );
    crate::example::golden(
        "tests/golden/example.anonymized.md",
        one(Format::Markdown, &anonymized(Lang::Nl)).as_bytes(),
    );
    crate::example::golden(
        "tests/golden/example.html",
        one(Format::Html, &nl()).as_bytes(),
    );
    crate::example::golden(
        "tests/golden/example.csv",
        one(Format::Csv, &nl()).as_bytes(),
    );
    crate::example::golden(
        "tests/golden/example.outcome.json",
        one(Format::Json, &nl()).as_bytes(),
    );
    crate::example::golden(
        "tests/golden/example.anonymized.session.json",
        one(Format::Session, &anonymized(Lang::Nl)).as_bytes(),
    );
    let mut split = nl();
    split.split = true;
    for f in export(&crate::example::load(), Format::Csv, &split).unwrap() {
        crate::example::golden(&format!("tests/golden/example{}.csv", f.suffix), &f.bytes);
    }
}

#[test]
fn markdown_is_commonmark_with_every_card_as_plain_text() {
    use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag};
    let md = one(Format::Markdown, &nl());
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n'),
        "a control character in the Markdown"
    );
    let mut text = String::new();
    let mut tables = 0;
    for event in Parser::new_ext(&md, MdOptions::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the Markdown: {h}"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                panic!("a link in the Markdown: {dest_url}")
            }
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    // Participants, two matrices, vote results, commitments.
    assert!(tables >= 5, "{tables} tables");
    for card in cards() {
        // Line breaks in a card become spaces; an escape shows as a visible mark.
        let expected = card.replace('\n', " ").replace('\u{1b}', "\u{FFFD}");
        assert!(
            text.contains(&expected),
            "card {expected:?} is not in the Markdown's text"
        );
    }
    for heading in [
        "Deelnemers",
        "Akte 1: Doelen per partij",
        "Terugblik op: CoP Zwolle 2",
        "Toelichtingen",
        "Afspraken",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
}

#[test]
fn html_escapes_user_text_and_loads_nothing_from_outside() {
    let html = one(Format::Html, &nl());
    assert!(html.contains("*Snel* &lt;b&gt;klaar&lt;/b&gt; | [link](x) \u{FFFD}[31mrood"));
    assert!(!html.contains("<b>klaar"));
    for outside in ["src=", "href=", "url(", "@import", "<script", "<link"] {
        assert!(
            !html.contains(outside),
            "the page refers outside: {outside}"
        );
    }
    assert!(html.contains("@media print"));
}

#[test]
fn csv_survives_a_round_trip_through_the_csv_crate() {
    let bytes = export(&crate::example::load(), Format::Csv, &nl())
        .unwrap()
        .remove(0)
        .bytes;
    assert!(bytes.starts_with("\u{FEFF}kind,".as_bytes()));
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "RFC 4180 lines end in CRLF"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        samenspel::report::spreadsheet::COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let card_texts: Vec<&str> = rows
        .iter()
        .filter(|r| &r[col("kind")] == "card")
        .map(|r| r.get(col("text")).unwrap_or(""))
        .collect();
    assert!(
        card_texts.contains(&crate::example::TRICKY),
        "{card_texts:?}"
    );
    assert_eq!(card_texts.len(), cards().len());
    let kinds: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.get(0).unwrap_or("")).collect();
    for kind in [
        "participant",
        "card",
        "cell",
        "vote",
        "commitment",
        "endorsement",
    ] {
        assert!(kinds.contains(kind), "no {kind} rows");
    }
    // The value of a cell is a plain number a spreadsheet can sum.
    assert!(
        rows.iter()
            .any(|r| &r[col("kind")] == "cell" && &r[col("value")] == "-2")
    );
}

#[test]
fn json_outcome_survives_a_round_trip_through_serde() {
    let json = one(Format::Json, &nl());
    let outcome: Outcome = serde_json::from_str(&json).expect("the outcome reads back");
    let live = crate::example::load();
    assert_eq!(
        outcome,
        Outcome::build(&live.session, &live.state, Lang::Nl, false)
    );
    let again = samenspel::report::outcome_json(&outcome).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), json);
    assert!(!json.contains("\"events\""), "the outcome carries no log");
    let vote = outcome.steps.iter().find_map(|s| match &s.result {
        StepResult::Vote(v) => Some(v),
        _ => None,
    });
    let vote = vote.expect("a vote step");
    assert_eq!((vote.results[0].rank, vote.results[0].dots), (1, 3));
    assert_eq!((vote.results[1].rank, vote.results[1].dots), (1, 3));
}

#[test]
fn anonymized_exports_hold_no_names_and_keep_organisations() {
    for format in [
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Json,
        Format::Session,
    ] {
        let out = one(format, &anonymized(Lang::Nl));
        for name in crate::example::NAMES {
            assert!(
                !out.to_lowercase().contains(&name.to_lowercase()),
                "{format:?} still names {name}"
            );
        }
        assert!(
            out.contains("Gemeente Zwolle"),
            "{format:?} lost the organisation"
        );
        assert!(out.contains("Deelnemer 1"), "{format:?}");
    }
    let en = one(Format::Markdown, &anonymized(Lang::En));
    assert!(en.contains("Participant 2"));
    // The shared copy is still a session that opens, with the same content.
    let copy = one(Format::Session, &anonymized(Lang::Nl));
    let dir = crate::common::home();
    let file = dir.path().join("gedeeld.json");
    std::fs::write(&file, &copy).unwrap();
    let shared = samenspel::store::load_session(&file).expect("the anonymized copy opens");
    let original = crate::example::load();
    assert_eq!(shared.session.events.len(), original.session.events.len());
    assert_eq!(
        shared.state.participants.len(),
        original.state.participants.len()
    );
    let commitments = |l: &samenspel::core::Live| match l.state.steps.last() {
        Some(StepState::Agreement(a)) => a
            .commitments
            .iter()
            .map(|c| c.who.clone())
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    assert_eq!(
        commitments(&shared),
        vec!["Deelnemer 1", "warmtebedrijf", "Deelnemer 2"]
    );
}

#[test]
fn export_command_writes_each_format_and_refuses_to_overwrite_the_session() {
    let home = crate::common::home();
    let session = home.path().join("sessie.json");
    std::fs::copy(crate::example::path(crate::example::FILE), &session).unwrap();
    let s = session.to_str().unwrap();

    let (code, out, err) = crate::common::run(
        &["export", s, "--format", "md", "--lang", "nl"],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# CoP Zwolle 3: doelen & akkoord\n"),
        "{out}"
    );

    let report = home.path().join("verslag.html");
    let (code, out, err) = crate::common::run(
        &[
            "export",
            s,
            "--format",
            "html",
            "-o",
            report.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("verslag.html"));
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    let (code, out, err) =
        crate::common::run(&["export", s, "--format", "csv", "--split"], home.path());
    assert_eq!(code, 0, "{err}");
    for kind in [
        "participants",
        "cards",
        "cells",
        "votes",
        "commitments",
        "endorsements",
    ] {
        let file = home.path().join(format!("sessie-{kind}.csv"));
        assert!(file.is_file(), "{out}");
    }

    let (code, _, err) =
        crate::common::run(&["export", s, "--format", "json", "-o", s], home.path());
    assert_eq!(code, 1);
    assert!(err.contains("input file"), "{err}");
    assert_eq!(
        std::fs::read(&session).unwrap(),
        std::fs::read(crate::example::path(crate::example::FILE)).unwrap()
    );

    let (code, _, err) = crate::common::run(&["export", s, "--format", "docx"], home.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'docx' is not an export format"), "{err}");
    assert!(
        err.contains("pdf, xlsx, ics or svg"),
        "the new formats are named: {err}"
    );
}

/// Renders the HTML export in headless Chromium: no request leaves the page, the text a
/// browser shows holds every card, and a screenshot is left for a person to look at.
#[test]
fn html_renders_in_chromium_without_outside_requests() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        crate::common::skipped(
            "exports::html_renders_in_chromium_without_outside_requests",
            "no Chromium on this machine (apt-get install chromium); the HTML was not rendered",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("verslag.html");
    std::fs::write(&page, one(Format::Html, &nl())).unwrap();
    let url = format!("file://{}", page.display());
    let netlog = dir.path().join("net.json");
    let profile = dir.path().join("profile");
    let flags = |url: &str, extra: &[String]| {
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(extra.iter().cloned());
        args.push(url.to_string());
        args
    };
    let run = |extra: &[String]| {
        let out = std::process::Command::new(chromium)
            .args(flags(&url, extra))
            .output()
            .expect("run chromium");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let dom = run(&["--dump-dom".into()]);
    let text = html_text(&String::from_utf8_lossy(&dom.stdout));
    for card in cards() {
        let expected = card.replace('\n', " ").replace('\u{1b}', "\u{FFFD}");
        assert!(
            text.contains(&expected),
            "card {expected:?} is not on the rendered page"
        );
    }
    assert!(text.contains("Stemming op de kaarten"), "{text}");

    // The screenshot run also logs the network; what the page asked for must be empty.
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("example-report.png");
    let _ = std::fs::remove_file(&shot);
    run(&[
        format!("--screenshot={}", shot.display()),
        "--window-size=1280,4400".into(),
        format!("--log-net-log={}", netlog.display()),
    ]);
    assert!(shot.is_file(), "no screenshot");
    println!("screenshot for a person to look at: {}", shot.display());
    assert_eq!(
        page_requests(&netlog),
        Vec::<String>::new(),
        "the report loaded something from elsewhere"
    );

    // The check itself can fail: a page with an outside image and style sheet is caught.
    let control = dir.path().join("control.html");
    std::fs::write(&control, "<img src=\"http://example.invalid/x.png\"><link rel=stylesheet href=\"https://example.invalid/a.css\">").unwrap();
    let control_log = dir.path().join("control-net.json");
    let out = std::process::Command::new(chromium)
        .args(flags(
            &format!("file://{}", control.display()),
            &[
                "--dump-dom".into(),
                format!("--log-net-log={}", control_log.display()),
            ],
        ))
        .output()
        .expect("run chromium");
    assert!(out.status.success());
    assert_eq!(
        page_requests(&control_log).len(),
        2,
        "the request check missed the control page's requests"
    );
}

/// The URLs a page asked for, from a Chromium net log: requests started with the page as
/// initiator (the browser's own background requests have "not an origin").
fn page_requests(netlog: &std::path::Path) -> Vec<String> {
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(netlog).expect("a net log"))
            .expect("the net log is JSON");
    let start = &log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"];
    log["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| &e["type"] == start && e["params"]["initiator"] != "not an origin")
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

/// The visible text of a DOM dump: tags dropped, entities of the escaper decoded.
fn html_text(dom: &str) -> String {
    let body = &dom[dom.find("<body").unwrap_or(0)..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `X` in the app writes the reports beside the session, mid-meeting, and says where.
#[test]
fn capital_x_exports_beside_the_session_at_any_moment() {
    let home = crate::common::home();
    let mut app = crate::common::Tui::start(
        &["new", "zwolse-komedie", "--title", "CoP Zwolle 4"],
        home.path(),
        100,
        30,
    );
    app.wait_for("Akte 1/4");
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text("Ze bellen nooit terug, zeggen ze");
    app.send(crate::common::key::ENTER);
    app.wait_for("Ze bellen nooit terug");
    app.send("X");
    app.wait_for("geëxporteerd naast de sessie");
    let (session, _) = crate::common::only_session(home.path());
    let md = std::fs::read_to_string(session.with_extension("md")).expect("the Markdown report");
    assert!(md.contains("- Ze bellen nooit terug, zeggen ze"), "{md}");
    assert!(session.with_extension("html").is_file());
    assert!(session.with_extension("csv").is_file());
    for ext in ["pdf", "xlsx", "ics"] {
        assert!(
            session.with_extension(ext).is_file(),
            "{ext} beside the session"
        );
    }
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
