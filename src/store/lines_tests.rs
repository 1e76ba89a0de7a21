//! A long session file samenspel wrote, read in two parts, is the session serde reads from
//! it whole, folded to the same state, with the same CRC and the same end of log; any file
//! laid out otherwise, or changed while it is read, is left to the careful path.

use std::io::Write;

use super::*;
use crate::core::Scenario;
use crate::core::generate;
use crate::store::on_disk::layout;
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

/// Enough changes for a file over [`SMALL`].
const LONG: usize = 8_000;

fn text_of(session: &Session) -> String {
    String::from_utf8(try_session_json(session).expect("serializes")).expect("utf-8")
}

fn file_with(text: &str) -> (tempfile::NamedTempFile, u64) {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(text.as_bytes()).expect("write");
    (file, text.len() as u64)
}

#[test]
fn a_long_file_samenspel_wrote_reads_in_halves_as_serde_reads_it_whole() {
    for events in [LONG, 20_000] {
        let session = generated(events);
        let text = text_of(&session);
        assert!(text.len() as u64 > SMALL, "{events} events: long enough");
        let (file, len) = file_with(&text);
        let read = read(file.as_file(), len).expect("read in halves");
        let whole: Session = serde_json::from_str(&text).expect("parses");
        assert_eq!(whole, session);
        assert_eq!(read.session, whole, "{events} events");
        assert_eq!(read.crc32, crc32fast::hash(text.as_bytes()));
        assert_eq!(Some(read.log_end), layout(&whole, text.as_bytes()));
        // Folded while it was read: the state folding it whole gives.
        let live = read
            .folded
            .expect("folded")
            .open(read.session)
            .expect("folds");
        let after = crate::core::Live::open(whole).expect("folds");
        assert_eq!(live.state, after.state, "{events} events");
    }
}

#[test]
fn a_short_file_is_read_on_one_thread() {
    let text = text_of(&generated(100));
    let (file, len) = file_with(&text);
    assert!(read(file.as_file(), len).is_none());
}

#[test]
fn a_file_laid_out_otherwise_or_changed_is_left_to_the_careful_path() {
    let session = generated(LONG);
    let text = text_of(&session);
    let lines: Vec<&str> = text.lines().collect();
    // Two changes on one line in the second half, as a hand-edited file may have them.
    let at = lines.len() * 3 / 4;
    let mut joined = lines.clone();
    let two = format!("{} {}", joined[at], joined[at + 1].trim());
    joined.splice(at..at + 2, [two.as_str()]);
    let two_on_a_line = joined.join("\n") + "\n";
    assert_eq!(
        serde_json::from_str::<Session>(&two_on_a_line).expect("still JSON"),
        session,
        "the same session, laid out otherwise"
    );
    let once = |from: &str, to: &str| text.replacen(from, to, 1);
    let cases = [
        ("compact", serde_json::to_string(&session).expect("json")),
        ("two changes on a line", two_on_a_line),
        ("line breaks of Windows", text.replace('\n', "\r\n")),
        ("no comma", once("},\n    {\"at\"", "}\n    {\"at\"")),
        (
            "a comma after the last",
            once("}\n  ]\n}\n", "},\n  ]\n}\n"),
        ),
        ("a blank line", once(",\n    {\"at\"", ",\n\n    {\"at\"")),
        (
            "the head in other words",
            once("\"title\": ", "\"title\":  "),
        ),
        (
            "a field after the log",
            once("\n  ]\n}\n", "\n  ],\n  \"lang\": \"nl\"\n}\n"),
        ),
        (
            "an older version",
            once("\"version\": 1,", "\"version\": 0,"),
        ),
        ("a broken change in the first half", broken(&text, 10)),
        ("a broken change in the second half", broken_last(&text)),
        ("no end", text.trim_end().trim_end_matches('}').to_string()),
    ];
    for (what, bad) in cases {
        assert_ne!(bad, text, "{what}: changed");
        let (file, len) = file_with(&bad);
        assert!(read(file.as_file(), len).is_none(), "{what}: careful path");
    }
    // Grown after its length was taken: the length no longer holds.
    let (file, len) = file_with(&text);
    assert!(read(file.as_file(), len - 100).is_none(), "grown");
    assert!(read(file.as_file(), len + 100).is_none(), "shrunk");
}

/// The text with the type of its `n`th change misspelt.
fn broken(text: &str, n: usize) -> String {
    let key = "\"type\":\"";
    let at = text.match_indices(key).nth(n).expect("a change").0 + key.len();
    let mut broken = text.to_string();
    broken.insert(at, 'x');
    broken
}

/// The text with the type of its last change misspelt.
fn broken_last(text: &str) -> String {
    broken(text, text.matches("\"type\":\"").count() - 1)
}

#[test]
fn a_broken_change_in_the_second_half_is_named_as_the_careful_path_names_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.json");
    let session = generated(LONG);
    std::fs::write(&path, broken_last(&text_of(&session))).expect("write");
    let error = match crate::store::load::read_session(&path) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a broken change opens"),
    };
    let last = session.events.len() - 1;
    assert!(error.contains(&format!("events[{last}]")), "{error}");
}

#[test]
fn a_change_that_does_not_fit_in_the_folded_part_is_named_at_its_index() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.json");
    let mut session = generated(LONG);
    session.events[5].change = crate::core::Change::CardDeleted {
        step: "doelen".into(),
        card: 999_999,
    };
    std::fs::write(&path, text_of(&session)).expect("write");
    let error = match crate::store::load::read_session(&path) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a change that does not fit opens"),
    };
    assert!(error.contains("events[5]"), "{error}");
}

#[test]
fn a_long_file_with_a_journal_beside_it_opens_with_the_journals_changes_folded_on() {
    use crate::core::Change;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.json");
    let mut session = generated(LONG);
    std::fs::write(&path, text_of(&session)).expect("write");
    let writer = crate::store::Writer::start_for(path.clone(), &session);
    for n in 0..3 {
        let event = Event::new(
            session.events.last().expect("a change").at,
            Change::CardAdded {
                step: "doelen".into(),
                lane: "woningcorporatie".into(),
                card: 900_000 + n,
                text: format!("uit het journaal {n}"),
                party: None,
                theme: None,
                position: None,
            },
        );
        writer.append(vec![event.clone()]);
        session.events.push(event);
        let deadline = Instant::now() + Duration::from_secs(10);
        while writer.status().saved < session.events.len() {
            assert!(Instant::now() < deadline, "saved in time");
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    // As a crash leaves them: the file as it was, its journal beside it.
    let (file, journal) = (std::fs::read(&path).expect("file"), {
        let j = crate::store::journal::journal_path(&path);
        std::fs::read(j).expect("journal")
    });
    drop(writer);
    std::fs::write(&path, &file).expect("file back");
    std::fs::write(crate::store::journal::journal_path(&path), &journal).expect("journal back");
    let (opened, disk) = crate::store::load::read_session(&path).expect("opens");
    assert!(matches!(
        disk.journal,
        crate::store::on_disk::JournalState::Extends { .. }
    ));
    assert_eq!(opened.session, session);
    let whole = crate::core::Live::open(session).expect("folds");
    assert_eq!(opened.state, whole.state);
}
