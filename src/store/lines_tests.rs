//! A session file samenspel wrote, read in halves, is the session serde reads from it
//! whole; any file laid out otherwise is left to the careful path.

use super::*;
use crate::core::Scenario;
use crate::core::generate;
use crate::store::try_session_json;

fn generated(events: usize) -> Session {
    let scenario: Scenario =
        serde_json::from_str(include_str!("../../scenarios/stakeholder-doelen.json"))
            .expect("built-in");
    let mut session = generate::session(scenario, events, 42);
    session.time_zone = Some("Europe/Amsterdam".into());
    session.place = Some("Stadskantoor Zwolle".into());
    session
}

fn text_of(session: &Session) -> String {
    String::from_utf8(try_session_json(session).expect("serializes")).expect("utf-8")
}

#[test]
fn a_file_samenspel_wrote_reads_in_halves_as_serde_reads_it_whole() {
    for events in [0, 1, 2, 3, 1001, 6000] {
        let session = generated(events);
        let text = text_of(&session);
        let whole: Session = serde_json::from_str(&text).expect("parses");
        assert_eq!(whole, session);
        let halves = read(&text).unwrap_or_else(|| panic!("{events} events: read in halves"));
        if events > 1 {
            assert!(!halves.rest.is_empty(), "{events} events: a second half");
        }
        assert_eq!(halves.join(), whole, "{events} events");
    }
}

#[test]
fn a_file_laid_out_otherwise_is_left_to_the_careful_path() {
    let session = generated(40);
    let text = text_of(&session);
    let lines: Vec<&str> = text.lines().collect();
    let first_change = lines
        .iter()
        .position(|l| l.starts_with("    {\"at\""))
        .expect("a change");
    // Two changes on one line, as a hand-edited file may have them.
    let mut joined = lines.clone();
    let two = format!(
        "{} {}",
        joined[first_change],
        joined[first_change + 1].trim()
    );
    joined.splice(first_change..first_change + 2, [two.as_str()]);
    let two_on_a_line = joined.join("\n") + "\n";
    assert_eq!(
        serde_json::from_str::<Session>(&two_on_a_line).expect("still JSON"),
        session,
        "the same session, laid out otherwise"
    );
    let cases = [
        ("compact", serde_json::to_string(&session).expect("json")),
        ("two changes on a line", two_on_a_line),
        ("line breaks of Windows", text.replace('\n', "\r\n")),
        (
            "no comma",
            text.replacen("},\n    {\"at\"", "}\n    {\"at\"", 1),
        ),
        (
            "a comma after the last",
            text.replacen("}\n  ]\n}\n", "},\n  ]\n}\n", 1),
        ),
        (
            "a blank line",
            text.replacen(",\n    {\"at\"", ",\n\n    {\"at\"", 1),
        ),
        (
            "the head in other words",
            text.replacen("\"title\": ", "\"title\":  ", 1),
        ),
        (
            "a field after the log",
            text.replacen("\n  ]\n}\n", "\n  ],\n  \"place\": \"x\"\n}\n", 1),
        ),
        (
            "an older version",
            text.replacen("\"version\": 1,", "\"version\": 0,", 1),
        ),
        ("a broken change in the second half", broken_last(&text)),
        ("no end", text.trim_end().trim_end_matches('}').to_string()),
    ];
    for (what, bad) in cases {
        assert_ne!(bad, text, "{what}: changed");
        assert!(read(&bad).is_none(), "{what}: left to the careful path");
    }
}

/// The text with the type of its last change misspelt.
fn broken_last(text: &str) -> String {
    let at = text.rfind("\"type\":\"").expect("a change") + "\"type\":\"".len();
    let mut broken = text.to_string();
    broken.insert(at, 'x');
    broken
}

#[test]
fn a_broken_change_in_the_second_half_is_named_as_the_careful_path_names_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.json");
    let text = text_of(&generated(40));
    std::fs::write(&path, broken_last(&text)).expect("write");
    let error = match crate::store::load::read_session(&path) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a broken change opens"),
    };
    let last = generated(40).events.len() - 1;
    assert!(error.contains(&format!("events[{last}]")), "{error}");
}
