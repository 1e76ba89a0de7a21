//! Files that others wrote: the committed corpus in tests/data/hostile/ (made by its
//! make.py), a few cases too big to commit (made here), and mutations of valid session
//! files. Every one gives a clear error or opens; none makes samenspel panic; none is
//! ever changed (same bytes, same modification time), neither by `samenspel check` nor
//! by opening it.

use std::path::Path;

use crate::common::{Tui, home, key, run};
use crate::hostile_support::{Fingerprint, expect_unchanged, open_in_process};

/// What each corpus file must give: `None` opens, `Some(phrase)` is refused with a
/// message containing the phrase.
const CORPUS: &[(&str, Option<&str>)] = &[
    ("valid.json", None),
    ("invisible-characters.json", None),
    ("escapes-everywhere.json", None),
    ("bom.json", None),
    ("card-id-at-the-limit.json", None),
    ("participant-id-at-the-limit.json", None),
    ("timer-across-all-time.json", None),
    (
        "truncated-half.json",
        Some("the file ends too early (truncated?)"),
    ),
    ("truncated-in-a-character.json", Some("ends too early")),
    ("truncated-in-an-escape.json", Some("ends too early")),
    ("empty.json", Some("ends too early")),
    ("only-whitespace.json", Some("ends too early")),
    ("null.json", Some("does not hold a JSON object")),
    ("an-array.json", Some("invalid JSON")),
    ("not-json.json", Some("invalid JSON")),
    ("nul-bytes.json", Some("invalid JSON")),
    (
        "wrong-type-title.json",
        Some("title: must be a text, not the number 42"),
    ),
    (
        "wrong-type-events.json",
        Some("events: must be a list ([ ... ]), not an object"),
    ),
    (
        "wrong-type-card-id.json",
        Some("events[0].change.card: must be a whole number, not the text \"honderd\""),
    ),
    (
        "wrong-type-steps.json",
        Some("scenario.steps: must be a list ([ ... ]), not the text \"geen lijst\""),
    ),
    (
        "version-as-text.json",
        Some("\"version\" must be a whole number"),
    ),
    (
        "version-negative.json",
        Some("\"version\" must be a whole number"),
    ),
    ("newer-version.json", Some("made by a newer samenspel")),
    ("other-format.json", Some("file but \"iets/anders\"")),
    (
        "unknown-change.json",
        Some(
            "events[0].change.type: the text \"explode\" is not a known kind; use one of: \"step_opened\"",
        ),
    ),
    (
        "unknown-field.json",
        Some("events[0].change.colour: unknown field (known here: card, lane, party"),
    ),
    (
        "event-that-does-not-fit.json",
        Some("events[0]: there is no card 999"),
    ),
    (
        "bad-timestamp.json",
        Some(
            "created: \"gisteren\" is not a moment in time; write it as 2025-03-12T14:00:00+01:00",
        ),
    ),
    (
        "invalid-scenario-copy.json",
        Some("a board needs at least one lane"),
    ),
    ("number-1e400-version.json", Some("number out of range")),
    ("number-1e400-card.json", Some("number out of range")),
    (
        "number-past-u64.json",
        Some(
            "events[0].change.card: must be a whole number from 0 to 4294967295, not 18446744073709551616",
        ),
    ),
    (
        "duplicate-keys.json",
        Some("the field \"title\" is given twice; keep only one"),
    ),
    (
        "duplicate-tag.json",
        Some("events[0].change.type: the field \"type\" is given twice"),
    ),
    ("invalid-utf8.json", Some("invalid unicode code point")),
    ("lone-surrogate.json", Some("invalid JSON")),
    (
        "nesting-10000-arrays.json",
        Some("title: must be a text, not a list"),
    ),
    (
        "nesting-10000-objects.json",
        Some("title: must be a text, not an object"),
    ),
    (
        "nesting-10000-in-ignored-field.json",
        Some("unknown field \"x\""),
    ),
    (
        "scale-across-all-of-i32.json",
        Some("scenario.steps[1].matrix.scale: scale -2147483648..2147483647 is not possible"),
    ),
    (
        "scale-that-wraps-around.json",
        Some("scenario.steps[1].matrix.scale: scale -2147483000..2147483000 is not possible"),
    ),
    (
        "scale-beyond-100.json",
        Some("both between -100 and 100, with at most 21 values"),
    ),
    (
        "card-position-past-the-end.json",
        Some(
            "events[2]: position 18446744073709551615 lies past the end of the list, which holds 0",
        ),
    ),
    (
        "created-after-the-last-day.json",
        Some("created: the time 9999-12-31T23:59:59Z lies outside the years samenspel handles"),
    ),
    (
        "event-before-the-first-day.json",
        Some("events[1].at: the time -009999-01-01T00:00:00Z lies outside the years"),
    ),
];

/// Scenario files in tests/data/hostile/scenarios/, each refused with this phrase.
const SCENARIOS: &[(&str, &str)] = &[
    (
        "scale-across-all-of-i32.json",
        "steps[1].matrix.scale: scale -2147483648..2147483647 is not possible",
    ),
    (
        "scale-that-wraps-around.json",
        "steps[1].matrix.scale: scale -2147483000..2147483000 is not possible",
    ),
    (
        "scale-from-a-small-min-to-an-overflowing-max.json",
        "steps[1].matrix.scale: scale -10..2147483647 is not possible",
    ),
    (
        "levels-22.json",
        "matrix.scale.levels: a scale of levels needs 2 to 21 of them, not 22",
    ),
];

#[test]
fn hostile_scenario_files_are_refused_by_check_and_new_and_never_changed() {
    let dir = home();
    let mut seen = 0;
    for entry in std::fs::read_dir(corpus_dir().join("scenarios")).expect("scenarios") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let phrase = SCENARIOS
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} has no expectation in SCENARIOS"))
            .1;
        let copy = dir.path().join(&name);
        std::fs::copy(&path, &copy).expect("copy");
        let before = Fingerprint::of(&copy);
        let file = copy.to_str().expect("path");
        let (code, out, err) = run(&["check", file], dir.path());
        assert_eq!(code, 1, "{name} should be refused: {out}{err}");
        assert!(
            out.contains(phrase),
            "{name}: expected {phrase:?} in\n{out}"
        );
        // Starting a session of it is refused at once, in a terminal.
        let mut app = Tui::start(&["--lang", "en", "new", file], dir.path(), 200, 30);
        let code = app.exited_within(std::time::Duration::from_secs(5));
        assert!(matches!(code, Some(c) if c != 0), "{name}: {code:?}");
        let said = crate::hostile_support::output_once_it_says(&app, phrase);
        assert!(
            said.contains(phrase),
            "{name}: expected {phrase:?} in\n{said}"
        );
        assert!(
            !dir.path().join("sessions").exists(),
            "no session was started"
        );
        expect_unchanged(&copy, &before);
        std::fs::remove_file(&copy).expect("remove");
        seen += 1;
    }
    assert_eq!(seen, SCENARIOS.len(), "every listed file is in the corpus");
}

fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/hostile"))
}

/// Checks one file both ways, against its expectation, and that it is left alone.
fn check_file(file: &Path, expect: Option<&str>) {
    let name = file.display().to_string();
    let before = Fingerprint::of(file);
    let (code, out, err) = run(&["check", &name], file.parent().expect("folder"));
    assert!(!err.contains("panicked"), "{name}: {err}");
    match expect {
        None => assert_eq!(code, 0, "{name} should be valid: {out}{err}"),
        Some(phrase) => {
            assert_eq!(code, 1, "{name} should be refused: {out}{err}");
            assert!(
                out.contains(phrase),
                "{name}: expected {phrase:?} in\n{out}"
            );
        }
    }
    let opened = open_in_process(file);
    match (expect, opened) {
        (None, Ok(())) => {}
        (None, Err(e)) => panic!("{name} should open: {e}"),
        (Some(_), Ok(())) => panic!("{name} opened but `check` refused it"),
        (Some(phrase), Err(e)) => assert!(e.contains(phrase), "{name}: {e}"),
    }
    expect_unchanged(file, &before);
}

#[test]
fn every_file_of_the_corpus_gives_its_error_or_opens_and_is_never_changed() {
    let dir = home();
    let mut seen = 0;
    for entry in std::fs::read_dir(corpus_dir()).expect("corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let expect = CORPUS
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} has no expectation in CORPUS"))
            .1;
        // A copy of its own, so the folder holds nothing else to compare with.
        let sub = dir.path().join(name.trim_end_matches(".json"));
        std::fs::create_dir(&sub).expect("folder");
        let copy = sub.join(&name);
        std::fs::copy(&path, &copy).expect("copy");
        check_file(&copy, expect);
        seen += 1;
    }
    assert_eq!(seen, CORPUS.len(), "every listed file is in the corpus");
}

#[test]
fn a_20_mb_session_opens_but_a_70_mb_one_is_refused_before_it_is_read() {
    // Sessions grow with every change (100,000 changes are about 26 MB), so they may be up
    // to 64 MiB; anything larger is refused unread.
    let dir = home();
    let valid = std::fs::read_to_string(corpus_dir().join("valid.json")).expect("valid");
    let file = dir.path().join("twintig.json");
    let padding = "x".repeat(20 * 1024 * 1024);
    std::fs::write(
        &file,
        valid.replacen("CoP Zwolle, bijeenkomst 3", &padding, 1),
    )
    .expect("write");
    check_file(&file, None);
    let file = dir.path().join("zeventig.json");
    let padding = "x".repeat(70 * 1024 * 1024);
    std::fs::write(
        &file,
        valid.replacen("CoP Zwolle, bijeenkomst 3", &padding, 1),
    )
    .expect("write");
    check_file(&file, Some("the file is larger than 64 MiB"));
}

#[test]
fn a_20_mb_scenario_is_refused() {
    let dir = home();
    let file = dir.path().join("scenario.json");
    let valid = include_str!("../../scenarios/zwolse-komedie.json");
    let padding = "x".repeat(20 * 1024 * 1024);
    std::fs::write(&file, valid.replacen("De Zwolse Komedie", &padding, 1)).expect("write");
    let (code, out, _) = run(&["check", file.to_str().expect("path")], dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the file is larger than 10 MiB"), "{out}");
}

/// A session whose log holds `n` compact events made by `event(i)`, and whose first
/// lane starts with `starting` cards.
fn generated(
    dir: &Path,
    name: &str,
    starting: usize,
    n: usize,
    event: impl Fn(usize) -> String,
) -> std::path::PathBuf {
    let mut head: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus_dir().join("valid.json")).expect("valid"))
            .expect("valid JSON");
    let card = serde_json::json!({"text": {"nl": "k", "en": "k"}});
    head["scenario"]["steps"][0]["board"]["lanes"][0]["cards"] =
        serde_json::Value::Array(vec![card; starting]);
    head["events"] = serde_json::json!("EVENTS");
    let head = serde_json::to_string(&head).expect("JSON");
    let mut events = String::with_capacity(n * 100);
    events.push('[');
    for i in 0..n {
        if i > 0 {
            events.push(',');
        }
        events.push_str(&event(i));
    }
    events.push(']');
    let text = head.replacen("\"EVENTS\"", &events, 1);
    let file = dir.join(name);
    std::fs::write(&file, text).expect("write");
    file
}

#[test]
fn a_session_of_100000_cards_opens_and_is_not_changed() {
    // Half of them start in the scenario's lane, half were added one by one.
    let dir = home();
    let file = generated(dir.path(), "kaarten.json", 50_000, 50_000, |i| {
        format!(
            r#"{{"at":"2025-03-06T19:30:00Z","change":{{"type":"card_added","step":"akte-1","lane":"initiatieven-over-gemeente","card":{},"text":"k{i}"}}}}"#,
            i + 100_000
        )
    });
    check_file(&file, None);
}

#[test]
fn a_timer_run_over_and_over_across_all_time_does_not_overflow() {
    let dir = home();
    let file = generated(dir.path(), "timer.json", 0, 40_000, |i| {
        if i % 2 == 0 {
            r#"{"at":"-009999-01-03T00:00:00Z","change":{"type":"timer_started","step":"akte-1"}}"#
                .to_string()
        } else {
            r#"{"at":"9999-12-30T00:00:00Z","change":{"type":"timer_paused","step":"akte-1"}}"#
                .to_string()
        }
    });
    check_file(&file, None);
}

#[test]
fn a_file_that_cannot_be_read_shows_an_error_screen_and_the_app_stays_usable() {
    for (name, path_shown) in [
        ("truncated-half.json", "regel 102 kolom 6"),
        ("newer-version.json", "version"),
        ("invalid-utf8.json", "regel 196"),
        ("nesting-10000-objects.json", "title"),
        // Hung with a blank screen and left its lock before the scale was bounded.
        (
            "scale-across-all-of-i32.json",
            "scenario.steps[1].matrix.scale",
        ),
    ] {
        let home = home();
        let file = home.path().join(name);
        std::fs::copy(corpus_dir().join(name), &file).expect("copy");
        let before = Fingerprint::of(&file);
        let mut app = Tui::start(
            &["open", file.to_str().expect("path")],
            home.path(),
            100,
            30,
        );
        app.wait_for("Dit bestand kan niet worden geopend");
        app.wait_for(name);
        app.wait_for(path_shown);
        app.wait_for("Het bestand is niet veranderd");
        // Back to the home screen, which works: the built-in exercises are there.
        app.send(key::ESC);
        app.wait_gone("Dit bestand kan niet worden geopend");
        app.wait_for("De Zwolse Komedie");
        app.send(key::DOWN);
        app.send("q");
        assert_eq!(app.wait_exit(), 1, "{name}");
        expect_unchanged(&file, &before);
    }
}

#[test]
fn escape_sequences_from_a_file_never_reach_the_terminal() {
    let home = home();
    let file = home.path().join("escapes.json");
    std::fs::copy(corpus_dir().join("escapes-everywhere.json"), &file).expect("copy");
    let before = Fingerprint::of(&file);
    let mut app = Tui::start(
        &["open", file.to_str().expect("path")],
        home.path(),
        120,
        40,
    );
    // The texts are there, made visible: the right-to-left override no longer turns
    // "exe.png" around.
    app.wait_for("Doelen per partij");
    app.wait_for("gnp.exe");
    app.send("f");
    app.send("?");
    app.wait_for("Toetsen");
    app.send("?");
    for _ in 0..3 {
        app.send("n");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.wait_for("Stap 4/4");
    for _ in 0..3 {
        app.send("p");
    }
    app.wait_for("Stap 1/4");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    crate::hostile_support::assert_no_hostile_sequences(&app.output());
    // Walking through changed steps, so the file was written: still valid, and the
    // hostile texts are kept as they were (only their display is made safe).
    let after = std::fs::read_to_string(&file).expect("read");
    assert!(
        after.contains("\\u001b]0;PWNED"),
        "texts are kept as written"
    );
    let _ = before;
}
