//! A session read to be counted (its log folded as it is parsed and let go of) gives the
//! outcome that reading it whole gives: with names typed on phones and edited later still
//! replaced, with the changes of a journal beside it, and with the same error for a change
//! that does not fit.

use std::path::Path;

use jiff::Timestamp;

use super::*;
use crate::core::room::{EventOrigin, Submission};
use crate::core::state::Participant;
use crate::core::{Change, Event, Live, Scenario, Session, generate};
use crate::store::journal::{Base, event_json, header_line, journal_path, push_line};
use crate::store::load::parse_session;
use crate::store::try_session_json;

fn generated(scenario: &str, events: usize) -> Session {
    let json = std::fs::read(format!("scenarios/{scenario}.json")).expect("built-in");
    let scenario: Scenario = serde_json::from_slice(&json).expect("scenario");
    generate::session(scenario, events, 7)
}

/// The generated session, then a phone that joins with a name, a participant renamed, and
/// cards naming both (the generator makes neither phones nor renames).
fn with_names() -> Session {
    let mut live = Live::open(generated("stakeholder-doelen", 400)).expect("folds");
    let at = live
        .session
        .events
        .last()
        .map_or(Timestamp::UNIX_EPOCH, |e| e.at);
    let someone = live.state.participants.first().expect("someone").clone();
    let join = Submission::Join {
        name: Some("Marieke Kuiper".into()),
        party: None,
        secret: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
    };
    let (device, joined) = join.change(&live.state, None).expect("joins");
    live.record_event(Event {
        at,
        origin: Some(Box::new(EventOrigin {
            device,
            key: "join-aaaa".into(),
        })),
        change: joined,
    })
    .expect("fits");
    let changes = [
        Change::ParticipantEdited {
            participant: Participant {
                name: Some("Joost Zandvliet".into()),
                ..someone
            },
        },
        card(90_001, "Een doel van Marieke Kuiper"),
        card(90_002, "Joost Zandvliet wil meer tijd"),
    ];
    for change in changes {
        live.record(change, at).expect("fits");
    }
    live.session
}

fn card(card: u32, text: &str) -> Change {
    Change::CardAdded {
        step: "doelen".into(),
        lane: "woningcorporatie".into(),
        card,
        text: text.into(),
        party: None,
        theme: None,
        position: None,
    }
}

/// The outcome of the file at `path` read whole, and read to be counted.
fn both(path: &Path, detail: Detail) -> (Outcome, Outcome) {
    let bytes = std::fs::read(path).expect("read");
    let live = parse_session(path, &bytes).expect("whole");
    let whole = Outcome::build_with(&live.session, &live.state, Lang::En, true, detail);
    let read = parse_session_counted(path, &bytes).expect("counted");
    assert!(read.session.events.is_empty(), "the log is let go of");
    let log = read.log.log();
    let counted = Outcome::build_from(&read.session, log, &read.state, Lang::En, true, detail);
    (whole, counted)
}

fn texts(outcome: &Outcome) -> String {
    serde_json::to_string(outcome).expect("json")
}

#[test]
fn a_session_read_to_be_counted_has_the_outcome_of_the_session_read_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let mut sessions: Vec<Session> = [
        "stakeholder-doelen",
        "zwolse-komedie",
        "succesfactoren",
        "stappenplan-check",
    ]
    .into_iter()
    .map(|s| generated(s, 2000))
    .collect();
    sessions.push(generated("zwolse-komedie", 0));
    sessions.push(with_names());
    for (i, session) in sessions.iter().enumerate() {
        let path = dir.path().join(format!("s{i}.json"));
        std::fs::write(&path, try_session_json(session).expect("json")).expect("write");
        for detail in [Detail::Counts, Detail::Full] {
            let (whole, counted) = both(&path, detail);
            assert_eq!(counted, whole, "session {i}, {detail:?}");
        }
    }
    let (_, named) = both(&dir.path().join("s5.json"), Detail::Counts);
    let named = texts(&named);
    assert!(named.contains("Een doel van Phone 1"), "{named}");
    assert!(!named.contains("Zandvliet") && !named.contains("Kuiper"));
}

#[test]
fn a_session_with_a_journal_is_counted_with_the_journals_changes() {
    let dir = tempfile::tempdir().expect("dir");
    let whole = with_names();
    let mut head = whole.clone();
    let in_journal = head.events.split_off(whole.events.len() - 3);
    let bytes = try_session_json(&head).expect("json");
    let path = dir.path().join("s.json");
    std::fs::write(&path, &bytes).expect("write");
    let (alone, _) = both(&path, Detail::Counts);
    let mut journal = header_line(Base {
        bytes: bytes.len() as u64,
        crc32: crc32fast::hash(&bytes),
        events: head.events.len(),
    });
    for event in &in_journal {
        push_line(&mut journal, &event_json(event).expect("json"));
    }
    std::fs::write(journal_path(&path), &journal).expect("write");
    let (with_journal, counted) = both(&path, Detail::Counts);
    assert_eq!(counted, with_journal);
    assert_ne!(counted, alone, "the journal's changes are in");
    assert_eq!(counted.session.changes, whole.events.len());
    // The renamed participant's new name (in the journal) is replaced, too.
    let texts = texts(&counted);
    assert!(texts.contains(" wil meer tijd") && !texts.contains("Zandvliet"));
}

#[test]
fn a_change_that_does_not_fit_is_refused_as_when_the_session_is_read_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let mut session = generated("stakeholder-doelen", 300);
    let at = Timestamp::UNIX_EPOCH;
    session.events.insert(
        120,
        Event::new(
            at,
            Change::CardDeleted {
                step: "doelen".into(),
                card: 99_999,
            },
        ),
    );
    let path = dir.path().join("s.json");
    let bytes = try_session_json(&session).expect("json");
    std::fs::write(&path, &bytes).expect("write");
    let whole = parse_session(&path, &bytes).expect_err("refused");
    let Err(counted) = parse_session_counted(&path, &bytes) else {
        panic!("taken");
    };
    assert_eq!(counted.problems, whole.problems);
    assert!(whole.problems[0].path.starts_with("events[120]"));
}
