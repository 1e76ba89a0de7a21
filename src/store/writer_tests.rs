use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize};

use super::*;
use crate::core::Change;
use crate::store::builtin::builtin;

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

fn events_in(path: &Path) -> usize {
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
    let write: WriteFn = Box::new(move |p: &Path, b: &[u8]| {
        if f.load(Ordering::SeqCst) {
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")?
                .write_all(b)
        } else {
            write_atomic(p, b)
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
    let write: WriteFn = Box::new(move |p: &Path, b: &[u8]| {
        n.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(30));
        write_atomic(p, b)
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
        Box::new(|_: &Path, _: &[u8]| Err(std::io::Error::from(ErrorKind::ReadOnlyFilesystem)));
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
