use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::*;
use crate::core::{Change, Event, Lang};
use crate::store::atomic::write_atomic;
use crate::store::journal::journal_path;
use crate::store::{Writer, load_session, try_session_json};

fn session() -> Session {
    let scenario = match crate::store::builtin::builtin("zwolse-komedie") {
        Some(Ok(s)) => s,
        _ => panic!("built-in scenario"),
    };
    Session::new(
        std::sync::Arc::new(scenario),
        "Test".into(),
        "2025-03-01T10:00:00Z".parse().unwrap(),
        Lang::Nl,
    )
}

fn card(n: u32) -> Event {
    Event::new(
        "2025-03-01T10:05:00Z".parse().unwrap(),
        Change::CardAdded {
            step: "akte-1".into(),
            lane: "gemeente-over-initiatieven".into(),
            card: 100 + n,
            text: format!("kaart {n} · één"),
            party: None,
            theme: None,
            position: None,
        },
    )
}

/// A session file and its journal as a crash would leave them: `cards` changes saved
/// into the journal while the session was open (copied then; the writer then closes).
fn crashed(dir: &Path, cards: u32) -> (PathBuf, Vec<u8>, Vec<u8>) {
    let path = dir.join("s.json");
    let start = session();
    write_atomic(&path, &try_session_json(&start).unwrap()).unwrap();
    let w = Writer::start_for(path.clone(), &start);
    for n in 0..cards {
        w.append(vec![card(n)]);
        let deadline = Instant::now() + Duration::from_secs(10);
        while w.status().saved < n as usize + 1 {
            assert!(Instant::now() < deadline);
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    let snapshot = (
        std::fs::read(&path).unwrap(),
        std::fs::read(journal_path(&path)).unwrap(),
    );
    drop(w);
    (path, snapshot.0, snapshot.1)
}

fn texts(path: &Path) -> Vec<String> {
    load_session(path)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .session
        .events
        .iter()
        .map(|e| match &e.change {
            Change::CardAdded { text, .. } => text.clone(),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn a_journal_torn_at_every_byte_of_its_last_line_loads_every_change_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, file, journal) = crashed(dir.path(), 3);
    let all: Vec<String> = (0..3).map(|n| format!("kaart {n} · één")).collect();
    let last_line = journal[..journal.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    let torn = tempfile::tempdir().unwrap();
    let path = torn.path().join("s.json");
    std::fs::write(&path, &file).unwrap();
    for cut in last_line..=journal.len() {
        std::fs::write(journal_path(&path), &journal[..cut]).unwrap();
        let expected = if cut == journal.len() {
            &all[..]
        } else {
            &all[..2]
        };
        assert_eq!(texts(&path), expected, "journal cut at byte {cut}");
        // And a changed byte instead of a cut: the last change is not taken either.
        if cut < journal.len() - 1 {
            let mut flipped = journal.clone();
            flipped[cut] ^= 0x20;
            std::fs::write(journal_path(&path), &flipped).unwrap();
            assert_eq!(texts(&path), &all[..2], "byte {cut} changed");
        }
    }
    // Opened for writing, the torn end is cut off and saving goes on after it.
    std::fs::write(journal_path(&path), &journal[..journal.len() - 3]).unwrap();
    let (mut open, live) = crate::store::SessionFile::open(&path).unwrap();
    assert_eq!(live.session.events.len(), 2);
    open.append(&card(7));
    open.close(Duration::from_secs(10));
    assert_eq!(
        texts(&path),
        ["kaart 0 · één", "kaart 1 · één", "kaart 7 · één"]
    );
    assert!(!journal_path(&path).exists(), "taken in on close");
}

#[test]
fn a_journal_already_written_into_its_file_is_not_applied_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, journal) = crashed(dir.path(), 2);
    // The file written whole with both changes, the old journal still beside it (a crash
    // between the two steps of taking it in).
    assert_eq!(texts(&path).len(), 2);
    std::fs::write(journal_path(&path), &journal).unwrap();
    assert_eq!(texts(&path).len(), 2, "not doubled");
}

#[test]
fn a_journal_of_a_file_replaced_since_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, journal) = crashed(dir.path(), 2);
    // Another program put a different session in its place; the journal came back.
    let mut other = session();
    other.title = "Iets anders".into();
    write_atomic(&path, &try_session_json(&other).unwrap()).unwrap();
    std::fs::write(journal_path(&path), &journal).unwrap();
    let err = load_session(&path).unwrap_err();
    assert_eq!(err.file, journal_path(&path));
    let text = err.describe(Lang::En);
    assert!(text.contains("belongs to an earlier version of"), "{text}");
    assert!(text.contains("put the journal aside"), "{text}");
    assert!(crate::store::SessionFile::open(&path).is_err());
    assert_eq!(std::fs::read(journal_path(&path)).unwrap(), journal, "kept");
    // Put aside, the file opens as it is.
    std::fs::rename(journal_path(&path), dir.path().join("aside")).unwrap();
    assert_eq!(load_session(&path).unwrap().session.title, "Iets anders");
}

#[test]
fn folded_bytes_are_what_the_file_holds_once_the_journal_is_taken_in() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file, journal) = crashed(dir.path(), 3);
    let after_close = std::fs::read(&path).unwrap();
    std::fs::write(&path, &file).unwrap();
    std::fs::write(journal_path(&path), &journal).unwrap();
    let mut s: Session = serde_json::from_slice(&file).unwrap();
    let state = apply_journal(&path, &file, &mut s).unwrap();
    assert_eq!(folded_bytes(&file, &s, &state), after_close);
}
