//! Reports right the first time, as a new user and a participant's organisation find
//! them: steps numbered once (a review of last time not counted), a comparison that
//! understands a series and tells rows apart, the meeting's own language and time zone,
//! flags that do nothing refused, every message with `samenspel:`.

use std::path::{Path, PathBuf};

use samenspel::core::state::RowRef;
use samenspel::core::{Change, Lang, Session};
use samenspel::store::try_session_json;

use crate::common::{home, run, run_with};
use crate::example::Recorder;

fn komedie() -> samenspel::core::Scenario {
    samenspel::store::builtin::builtin("zwolse-komedie")
        .expect("built in")
        .expect("valid")
}

/// A meeting of De Zwolse Komedie: a card in act 1, three commitments in act 4.
fn meeting() -> Session {
    let mut r = Recorder::new(komedie(), "CoP Zwolle 3", "2026-03-12T07:56:00Z");
    r.card(
        "akte-1",
        "gemeente-over-initiatieven",
        "Ze willen alles tegelijk",
        Some("gemeente"),
    );
    r.commit("akte-4", "Wijkavond organiseren", "gemeente", "mei");
    r.commit(
        "akte-4",
        "Verslag rondsturen",
        "initiatief",
        "volgende week",
    );
    r.commit("akte-4", "Subsidie aanvragen", "initiatief", "juni");
    r.live.session
}

fn write(dir: &Path, name: &str, session: &Session) -> PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, try_session_json(session).unwrap()).expect("write");
    file
}

/// The next meeting, continued from `previous` as `samenspel new --from` does: two of the
/// three actions marked in the review, a new commitment.
fn next_meeting(previous: &Path) -> Session {
    let session = samenspel::store::series::continue_from(
        previous,
        komedie(),
        Some("CoP Zwolle 4".into()),
        "2026-04-09T07:56:00Z".parse().unwrap(),
        Lang::Nl,
    )
    .expect("continues");
    let mut r = Recorder::continuing(session);
    for (item, status) in [
        ("actie-1", samenspel::core::state::ReviewStatus::Done),
        ("actie-2", samenspel::core::state::ReviewStatus::Open),
    ] {
        r.rec(Change::ReviewMarked {
            step: "terugblik".into(),
            item: item.into(),
            status: Some(status),
        });
    }
    r.commit("akte-4", "Energiecafé starten", "initiatief", "september");
    r.live.session
}

#[test]
fn steps_are_numbered_once_and_the_review_is_not_an_act() {
    let home = home();
    let a = write(home.path(), "cop-3.json", &meeting());
    let b = write(home.path(), "cop-4.json", &next_meeting(&a));
    for (file, lang, headings, not) in [
        (
            &a,
            "nl",
            vec![
                "## Akte 1: Vooroordelen",
                "## Akte 4: Afspraken die blijven",
            ],
            vec!["Akte 1: Akte 1", "Akte 5"],
        ),
        (
            &a,
            "en",
            vec!["## Act 1: Prejudices", "## Act 4: Agreements that last"],
            vec!["Act 1: Act 1"],
        ),
        (
            &b,
            "nl",
            vec![
                "## Terugblik op de vorige keer",
                "## Akte 1: Vooroordelen",
                "## Akte 4: Afspraken die blijven",
            ],
            vec!["Akte 1: Terugblik", "Akte 5", "Akte 2: Akte 1"],
        ),
    ] {
        let (code, md, err) = run(
            &["export", file.to_str().unwrap(), "--lang", lang],
            home.path(),
        );
        assert_eq!(code, 0, "{err}");
        for h in headings {
            assert!(md.lines().any(|l| l == h), "no {h:?} in:\n{md}");
        }
        for n in not {
            assert!(!md.contains(n), "{n:?} in:\n{md}");
        }
        let (_, html, _) = run(
            &[
                "export",
                file.to_str().unwrap(),
                "--format",
                "html",
                "--lang",
                lang,
            ],
            home.path(),
        );
        assert!(!html.contains("Akte 1: Akte 1") && !html.contains("Act 1: Act 1"));
    }
}

#[test]
fn compare_understands_a_series() {
    let home = home();
    let a = write(home.path(), "cop-3.json", &meeting());
    let b = write(home.path(), "cop-4.json", &next_meeting(&a));
    let (code, out, err) = run_with(
        &["compare", a.to_str().unwrap(), b.to_str().unwrap()],
        home.path(),
        &[("SAMENSPEL_LANG", Some("nl"))],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("scenario is tussen de twee bijeenkomsten aangepast"),
        "the review step is not a change of the scenario:\n{out}"
    );
    for line in [
        "= Wijkavond organiseren (Gemeente): gedaan",
        "= Verslag rondsturen (Bewonersinitiatief): loopt nog",
        "= Subsidie aanvragen (Bewonersinitiatief): nog niet besproken",
        "+ Energiecafé starten",
    ] {
        assert!(out.contains(line), "no {line:?} in:\n{out}");
    }
    for gone in [
        "- Wijkavond organiseren",
        "- Verslag rondsturen",
        "- Subsidie aanvragen",
    ] {
        assert!(
            !out.contains(gone),
            "{gone:?}: an action looked back on is not gone:\n{out}"
        );
    }
    // A commitment that really went is still named.
    let mut c = samenspel::store::load_session(&b).unwrap().session;
    c.events.retain(|e| {
        !matches!(&e.change, Change::CommitmentAdded { commitment, .. } if commitment.what == "Energiecafé starten")
    });
    let mut later = Recorder::continuing(c);
    later.commit("akte-4", "Nieuwe afspraak", "gemeente", "");
    let c = write(home.path(), "cop-5.json", &later.live.session);
    let (_, out, _) = run_with(
        &["compare", b.to_str().unwrap(), c.to_str().unwrap()],
        home.path(),
        &[("SAMENSPEL_LANG", Some("nl"))],
    );
    assert!(out.contains("- Energiecafé starten"), "{out}");
}

#[test]
fn compare_names_the_party_of_each_row() {
    let home = home();
    let a = write(home.path(), "a.json", &crate::example::session());
    // Two goals with the same text, of two parties, both rated differently later.
    let mut r = Recorder::continuing(crate::example::session());
    let same = r.card(
        "doelen",
        "initiatief",
        "Tevreden bewoners",
        Some("initiatief"),
    );
    r.cell("matrix", RowRef::Card(same), "gemeente", -1);
    r.cell("matrix", RowRef::Card(1), "gemeente", 1);
    let b = write(home.path(), "b.json", &r.live.session);
    let (code, out, err) = run(
        &["compare", a.to_str().unwrap(), b.to_str().unwrap()],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Tevreden bewoners (Municipality) × Municipality: +2 → +1"),
        "{out}"
    );
    assert!(
        out.contains("Tevreden bewoners (Resident initiative) × Municipality: – → -1"),
        "{out}"
    );
}

#[test]
fn a_report_is_in_the_meetings_language_unless_asked() {
    let home = home();
    let file = write(home.path(), "sessie.json", &crate::example::session());
    let f = file.to_str().unwrap();
    for locale in ["C.UTF-8", "en_US.UTF-8"] {
        let env = [("LANG", Some(locale))];
        let (code, html, err) = run_with(&["export", f, "--format", "html"], home.path(), &env);
        assert_eq!(code, 0, "{err}");
        assert!(html.contains("<html lang=\"nl\">"), "LANG={locale}");
        assert!(html.contains("<h2>Deelnemers</h2>"), "LANG={locale}");
        // Words baked into files too: an anonymised copy, a merge.
        let (_, md, _) = run_with(&["export", f, "--anonymize"], home.path(), &env);
        assert!(
            md.contains("Deelnemer 3") && !md.contains("Participant"),
            "{md}"
        );
    }
    let (_, html, _) = run_with(
        &["export", f, "--format", "html", "--lang", "en"],
        home.path(),
        &[("LANG", Some("nl_NL.UTF-8"))],
    );
    assert!(html.contains("<html lang=\"en\">") && html.contains("<h2>Participants</h2>"));

    let b = write(home.path(), "b.json", &crate::example::session());
    let mut other = Recorder::continuing(crate::example::session());
    other.cell("matrix", RowRef::Card(1), "gemeente", 1);
    let b2 = write(home.path(), "b2.json", &other.live.session);
    let merged = home.path().join("samen.json");
    let (code, _, err) = run_with(
        &[
            "merge",
            b.to_str().unwrap(),
            b2.to_str().unwrap(),
            "-o",
            merged.to_str().unwrap(),
            "--names",
            "A,B",
        ],
        home.path(),
        &[("SAMENSPEL_LANG", Some("en"))],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&merged).unwrap();
    assert!(text.contains("Samengevoegd: A + B"), "the merged title");
    assert!(text.contains("gemiddeld: +1,5"), "the averaged note");
    assert!(!text.contains("Merged:") && !text.contains("average:"));
}

#[test]
fn times_are_in_the_meetings_zone_and_it_is_named() {
    let home = home();
    // 07:56 UTC is 08:56 in Amsterdam; the exporting machine is in UTC.
    let file = write(home.path(), "sessie.json", &meeting());
    let env = [("TZ", Some("UTC")), ("LANG", Some("nl_NL.UTF-8"))];
    let (code, md, err) = run_with(&["export", file.to_str().unwrap()], home.path(), &env);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.contains("**Datum:** 12 maart 2026, 08:56 (Europe/Amsterdam)"),
        "{md}"
    );
    // An older file records no zone: it opens as it is, and reads as Amsterdam time.
    let mut old = meeting();
    old.time_zone = None;
    let old_file = write(home.path(), "oud.json", &old);
    let bytes = std::fs::read(&old_file).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("time_zone"));
    let (code, out, _) = run(&["check", old_file.to_str().unwrap()], home.path());
    assert_eq!(code, 0, "{out}");
    let (_, md, _) = run_with(&["export", old_file.to_str().unwrap()], home.path(), &env);
    assert!(md.contains("08:56 (Europe/Amsterdam)"), "{md}");
    assert_eq!(
        std::fs::read(&old_file).unwrap(),
        bytes,
        "the file is unchanged"
    );
    // Another zone recorded: its times.
    let mut ny = meeting();
    ny.time_zone = Some("America/New_York".into());
    let ny_file = write(home.path(), "ny.json", &ny);
    let (_, md, _) = run_with(&["export", ny_file.to_str().unwrap()], home.path(), &env);
    assert!(md.contains("03:56 (America/New_York)"), "{md}");
    // A zone nobody knows is refused with what to do.
    let mut mars = meeting();
    mars.time_zone = Some("Mars/Olympus".into());
    let mars_file = write(home.path(), "mars.json", &mars);
    let (code, out, _) = run(&["check", mars_file.to_str().unwrap()], home.path());
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "time_zone: unknown time zone \"Mars/Olympus\"; use a name such as \"Europe/Amsterdam\""
        ),
        "{out}"
    );
}

/// A new session records the zone of the laptop it was started on.
#[test]
fn a_new_session_records_the_laptops_zone() {
    let home = home();
    let mut app = crate::common::Tui::start_env(
        &["new", "zwolse-komedie"],
        home.path(),
        100,
        30,
        &[("TZ", "America/New_York")],
    );
    app.wait_for("Akte 1/4");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (_, session) = crate::common::only_session(home.path());
    assert_eq!(session["time_zone"], "America/New_York");
}

#[test]
fn flags_that_do_nothing_are_refused() {
    let home = home();
    let file = write(home.path(), "sessie.json", &meeting());
    let f = file.to_str().unwrap();
    for (args, flag, formats) in [
        (
            vec!["--format", "csv", "--compare", f],
            "--compare",
            "md, html",
        ),
        (
            vec!["--format", "json", "--compare", f],
            "--compare",
            "md, html",
        ),
        (
            vec!["--format", "session", "--compare", f],
            "--compare",
            "md, html",
        ),
        (vec!["--format", "md", "--split"], "--split", "csv"),
        (vec!["--format", "html", "--split"], "--split", "csv"),
        (
            vec!["--format", "json", "--separator", ";"],
            "--separator",
            "csv",
        ),
    ] {
        let mut all = vec!["export", f];
        all.extend(&args);
        let (code, out, err) = run(&all, home.path());
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains(&format!(
                "samenspel: {flag} works only with --format {formats}"
            )),
            "{args:?}: {err}"
        );
        assert!(out.is_empty(), "{args:?} still exported");
    }
}

#[test]
fn every_message_of_compare_and_merge_says_samenspel_and_reads_well() {
    let home = home();
    let a = write(home.path(), "a.json", &crate::example::session());
    let other = write(home.path(), "b.json", &meeting());
    let (code, _, err) = run(
        &["compare", a.to_str().unwrap(), other.to_str().unwrap()],
        home.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with("samenspel: the sessions ran different scenarios"),
        "{err}"
    );
    let out = home.path().join("samen.json");
    let (code, _, err) = run(
        &[
            "merge",
            a.to_str().unwrap(),
            other.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("samenspel: input 2 ran scenario"), "{err}");
    let (_, _, err) = run_with(
        &[
            "merge",
            a.to_str().unwrap(),
            other.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        home.path(),
        &[("SAMENSPEL_LANG", Some("nl"))],
    );
    assert!(
        err.contains("alleen sessies van hetzelfde scenario kunnen worden samengevoegd"),
        "{err}"
    );
    for (names, en, nl) in [
        (
            "A",
            "--names gives 1 name for 2 sessions",
            "--names noemt 1 naam voor 2 sessies",
        ),
        (
            "A,B,C",
            "--names gives 3 names for 2 sessions",
            "--names noemt 3 namen voor 2 sessies",
        ),
    ] {
        for (lang, said) in [("en", en), ("nl", nl)] {
            let (code, _, err) = run_with(
                &[
                    "merge",
                    a.to_str().unwrap(),
                    a.to_str().unwrap(),
                    "-o",
                    out.to_str().unwrap(),
                    "--names",
                    names,
                ],
                home.path(),
                &[("SAMENSPEL_LANG", Some(lang))],
            );
            assert_eq!(code, 1);
            assert!(err.starts_with(&format!("samenspel: {said}")), "{err}");
        }
    }
    let missing = home.path().join("weg.json");
    let (_, _, err) = run(
        &["compare", a.to_str().unwrap(), missing.to_str().unwrap()],
        home.path(),
    );
    assert!(err.starts_with("samenspel: "), "{err}");
}
