use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize};

use super::*;
use crate::core::Change;
use crate::store::atomic::write_atomic;
use crate::store::builtin::builtin;
use crate::store::journal::journal_path;

fn session() -> Session {
    let scenario = match builtin("zwolse-komedie") {
        Some(Ok(s)) => s,
        _ => panic!("built-in scenario"),
    };
    Session::new(
        Arc::new(scenario),
        "Test".into(),
        "2025-03-01T10:00:00Z".parse().unwrap(),
        Lang::Nl,
    )
}

fn event(n: usize) -> Event {
    Event::new(
        "2025-03-01T10:00:00Z".parse().unwrap(),
        Change::StepOpened {
            step: format!("akte-{}", n % 4 + 1),
        },
    )
}

/// The events of the session on disk: its file and its journal.
fn events_in(path: &Path) -> usize {
    crate::store::load_session(path)
        .unwrap()
        .session
        .events
        .len()
}

/// The events in the file alone, as another program reads it.
fn events_in_file(path: &Path) -> usize {
    let bytes = std::fs::read(path).unwrap();
    let s: Session = serde_json::from_slice(&bytes).unwrap();
    s.events.len()
}

fn wait_until(w: &Writer, what: &str, check: impl Fn(&SaveStatus) -> bool) -> SaveStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let s = w.status();
        if check(&s) {
            return s;
        }
        assert!(Instant::now() < deadline, "waited for {what}; status {s:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn hash(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn a_full_disk_is_reported_the_old_file_kept_and_saving_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let start = session();
    write_atomic(&path, &try_session_json(&start).unwrap()).unwrap();
    let before = hash(&path);

    // While `full` is set, every write goes to /dev/full: the system's own "no space".
    let full = Arc::new(AtomicBool::new(true));
    let f = full.clone();
    let write: WriteFn = Box::new(move |_: &Path, n: usize| {
        if f.load(Ordering::SeqCst) {
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")?
                .write_all(&vec![0; n.max(1)])
        } else {
            Ok(())
        }
    });
    let w = Writer::start_with(path.clone(), &start, write);
    w.append(vec![event(1)]);
    w.append(vec![event(2)]);
    let s = wait_until(&w, "an error", |s| s.error.is_some());
    assert_eq!(s.saved, 0);
    let err = s.error.unwrap();
    assert_eq!(err.message(Lang::Nl), "de schijf is vol");
    assert_eq!(err.message(Lang::En), "the disk is full");
    assert_eq!(hash(&path), before, "the old file is unchanged");

    w.append(vec![event(3)]);
    full.store(false, Ordering::SeqCst);
    let s = wait_until(&w, "all saved", |s| s.saved == 3);
    assert_eq!(s.error, None);
    assert_eq!(events_in(&path), 3);
    let status = w.finish();
    assert_eq!(status.saved, 3);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary files"
    );
}

#[test]
fn changes_that_arrive_during_a_slow_save_are_written_together() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let writes = Arc::new(AtomicUsize::new(0));
    let n = writes.clone();
    let write: WriteFn = Box::new(move |_: &Path, _: usize| {
        n.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(30));
        Ok(())
    });
    let w = Writer::start_with(path.clone(), &session(), write);
    for i in 0..50 {
        w.append(vec![event(i)]);
    }
    let s = w.finish();
    assert_eq!(s.saved, 50);
    assert_eq!(events_in(&path), 50);
    assert!(
        writes.load(Ordering::SeqCst) < 10,
        "{} writes",
        writes.load(Ordering::SeqCst)
    );
}

#[test]
fn dropping_a_writer_still_writes_the_last_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let w = Writer::start(path.clone(), session());
    w.append(vec![event(1), event(2)]);
    drop(w);
    assert_eq!(events_in(&path), 2);
}

#[test]
fn a_flush_from_elsewhere_writes_what_a_running_writer_has() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let w = Writer::start(path.clone(), session());
    w.append(vec![event(1)]);
    // Only this test's writer: other tests run their own writers at the same time.
    let mine = w.id;
    assert!(flush_where(
        |id| id == mine,
        Instant::now() + Duration::from_secs(5)
    ));
    assert_eq!(events_in(&path), 1);
    assert_eq!(w.finish().saved, 1);
}

#[test]
fn a_removed_sessions_folder_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir(&sessions).unwrap();
    let path = sessions.join("s.json");
    let w = Writer::start(path.clone(), session());
    std::fs::remove_dir(&sessions).unwrap();
    w.append(vec![event(1)]);
    assert_eq!(w.finish().saved, 1);
    assert_eq!(events_in(&path), 1);
}

#[test]
fn a_writer_that_never_succeeds_reports_what_is_not_saved_on_finish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let write: WriteFn =
        Box::new(|_: &Path, _: usize| Err(std::io::Error::from(ErrorKind::ReadOnlyFilesystem)));
    let w = Writer::start_with(path.clone(), &session(), write);
    w.append(vec![event(1)]);
    let s = w.finish();
    assert_eq!(s.saved, 0);
    assert_eq!(
        s.error.map(|e| e.message(Lang::Nl)),
        Some("de schijf is alleen-lezen".to_string())
    );
    assert!(!path.exists());
}

#[test]
fn a_file_changed_elsewhere_is_left_alone_and_the_session_goes_to_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let start = session();
    write_atomic(&path, &try_session_json(&start).unwrap()).unwrap();
    let w = Writer::start_for(path.clone(), &start);
    w.append(vec![event(1)]);
    wait_until(&w, "the first save", |s| s.saved == 1);
    assert_eq!(w.status().conflict, None);
    // A touch, or the same bytes written anew, is no conflict.
    let same = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, &same).unwrap();
    w.append(vec![event(2)]);
    wait_until(&w, "the second save", |s| s.saved == 2);
    assert_eq!(w.status().conflict, None);
    assert_eq!(events_in(&path), 2);
    // An editor changes the title and saves in place.
    let edited = String::from_utf8(std::fs::read(&path).unwrap())
        .unwrap()
        .replace("\"title\": \"Test\"", "\"title\": \"Met de hand\"");
    std::fs::write(&path, &edited).unwrap();
    w.append(vec![event(3)]);
    let s = wait_until(&w, "the save after the edit", |s| s.saved == 3);
    let conflict = s.conflict.expect("a conflict");
    assert_eq!(conflict.original, path);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "left alone"
    );
    assert_eq!(events_in(&conflict.copy), 3);
    // Later saves go on to the copy only.
    w.append(vec![event(4)]);
    wait_until(&w, "one more save", |s| s.saved == 4);
    assert_eq!(events_in(&conflict.copy), 4);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    assert!(
        crate::store::lock::lock_path(&conflict.copy).exists(),
        "the copy is locked while it is written"
    );
    let end = w.finish();
    assert_eq!(end.conflict.as_ref(), Some(&conflict));
    assert!(!crate::store::lock::lock_path(&conflict.copy).exists());
    assert!(
        conflict
            .explain(Lang::En)
            .contains("was changed by another program")
    );
}

#[test]
fn on_close_the_file_alone_holds_everything_and_the_journal_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    let start = session();
    write_atomic(&path, &try_session_json(&start).unwrap()).unwrap();
    let w = Writer::start_for(path.clone(), &start);
    w.append(vec![event(1)]);
    wait_until(&w, "saved", |s| s.saved == 1);
    // While open the change is in the journal; the file is still a whole session.
    assert!(journal_path(&path).exists());
    assert_eq!(events_in_file(&path), 0);
    assert_eq!(events_in(&path), 1);
    w.append(vec![event(2)]);
    assert_eq!(w.finish().saved, 2);
    assert_eq!(events_in_file(&path), 2);
    assert!(!journal_path(&path).exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A log of `n` events, cheap to make (the writer does not fold it).
fn long_session(n: usize) -> Session {
    let mut s = session();
    s.events = (0..n).map(event).collect();
    s
}

#[test]
fn a_save_writes_the_change_and_syncs_once_at_any_size() {
    for n in [1_000, 10_000, 100_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let start = long_session(n);
        write_atomic(&path, &try_session_json(&start).unwrap()).unwrap();
        let writes = Arc::new(Mutex::new(Vec::new()));
        let seen = writes.clone();
        let write: WriteFn = Box::new(move |p: &Path, len: usize| {
            seen.lock().unwrap().push((p.to_path_buf(), len));
            Ok(())
        });
        let w = Writer::start_with(path.clone(), &start, write);
        wait_until(&w, "started", |s| s.saved == n);
        std::thread::sleep(Duration::from_millis(50));
        writes.lock().unwrap().clear();
        let changes = 20;
        let mut change_bytes = 0;
        for i in 0..changes {
            let e = Event::new(
                "2025-03-01T11:00:00Z".parse().unwrap(),
                Change::CardAdded {
                    step: "akte-1".into(),
                    lane: "gemeente-over-initiatieven".into(),
                    card: 9000 + i as u32,
                    text: format!("Een kaart van de zaal, nummer {i}"),
                    party: None,
                    theme: None,
                    position: None,
                },
            );
            change_bytes += serde_json::to_vec(&e).unwrap().len();
            w.append(vec![e]);
            wait_until(&w, "saved", |s| s.saved == n + i + 1);
        }
        let writes = writes.lock().unwrap().clone();
        // One write (and its one sync) per save, into the journal, of the change's size
        // plus its line's checksum and newline.
        assert_eq!(writes.len(), changes, "{n} events: {writes:?}");
        assert!(writes.iter().all(|(p, _)| *p == journal_path(&path)));
        let written: usize = writes.iter().map(|(_, len)| len).sum();
        assert!(
            written <= change_bytes + 10 * changes,
            "{n} events: {written} bytes written for {change_bytes} bytes of changes"
        );
        assert_eq!(w.finish().saved, n + changes);
        assert_eq!(events_in_file(&path), n + changes);
    }
}

#[test]
fn stopped_at_any_write_the_files_hold_every_change_called_saved() {
    let sent: Vec<Event> = (0..40).map(event).collect();
    for crash_at in 0..60 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let start = session();
        write_atomic(&path, &try_session_json(&start).unwrap()).unwrap();
        // Every write from the `crash_at`-th on fails: the disk stays as a crash left it.
        let count = Arc::new(AtomicUsize::new(0));
        let c = count.clone();
        let write: WriteFn = Box::new(move |_: &Path, _: usize| {
            if c.fetch_add(1, Ordering::SeqCst) >= crash_at {
                Err(std::io::Error::other("crashed"))
            } else {
                Ok(())
            }
        });
        // Tiny folds: the file is written whole every few changes.
        let w = Writer::start_folding(path.clone(), &start, write, 300);
        let mut saved = 0;
        for (i, e) in sent.iter().enumerate() {
            w.append(vec![e.clone()]);
            let s = wait_until(&w, "an answer", |s| s.saved == i + 1 || s.error.is_some());
            saved = s.saved;
            if s.error.is_some() {
                break;
            }
        }
        let on_disk = crate::store::load_session(&path)
            .unwrap_or_else(|e| panic!("crash at write {crash_at}: {e:?}"))
            .session
            .events;
        assert!(
            on_disk.len() >= saved,
            "crash at write {crash_at}: {} < {saved}",
            on_disk.len()
        );
        assert_eq!(on_disk, sent[..on_disk.len()], "crash at write {crash_at}");
        drop(w);
    }
}
