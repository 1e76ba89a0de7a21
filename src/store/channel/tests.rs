use std::os::unix::fs::PermissionsExt;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::*;

fn heard(session: &Path) -> Receiver<Heard> {
    let (tx, rx) = channel();
    subscribe(session, Box::new(move |h| tx.send(h).is_ok())).unwrap();
    rx
}

fn next_line(rx: &Receiver<Heard>) -> String {
    loop {
        match rx.recv_timeout(Duration::from_secs(5)).unwrap() {
            Heard::Line(l) => return l,
            Heard::Connected | Heard::Lost => {}
            Heard::Refused(why) => panic!("refused: {why:?}"),
        }
    }
}

#[test]
fn a_beamer_hears_the_newest_line_and_again_after_the_console_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.json");
    let console = Publisher::open(&session, Box::new(|| {})).unwrap();
    let mode = std::fs::metadata(console.path())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "only this user may open it");
    console.publish("one".into());
    let rx = heard(&session);
    assert_eq!(next_line(&rx), "one");
    console.publish("two".into());
    assert_eq!(next_line(&rx), "two");
    let second = heard(&session);
    assert_eq!(next_line(&second), "two", "several beamers");
    drop(console);
    assert!(!session.with_file_name("s.json.beamer").exists());
    let console = Publisher::open(&session, Box::new(|| {})).unwrap();
    console.publish("three".into());
    assert_eq!(next_line(&rx), "three", "reconnected");
    assert_eq!(next_line(&second), "three", "both reconnected");
    assert_eq!(console.beamers(), 2);
}

#[test]
fn a_burst_sends_only_the_newest_and_a_long_line_never() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.json");
    let console = Publisher::open(&session, Box::new(|| {})).unwrap();
    let rx = heard(&session);
    console.publish("first".into());
    assert_eq!(next_line(&rx), "first");
    for i in 0..1000 {
        console.publish(format!("n{i}"));
    }
    console.publish("x".repeat(MAX_LINE + 1));
    let mut got = Vec::new();
    while let Ok(h) = rx.recv_timeout(Duration::from_millis(300)) {
        if let Heard::Line(l) = h {
            got.push(l);
        }
    }
    assert!(got.len() < 50, "{} lines for a burst of 1000", got.len());
    assert_eq!(got.last().map(String::as_str), Some("n999"));
}

#[test]
fn another_users_process_is_refused() {
    // The console here accepts only a user id that is not ours: our own connection is then
    // the stranger's, and hears nothing (SO_PEERCRED, not the file's mode, refuses it).
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.json");
    let console =
        Publisher::open_for(&session, own_uid().wrapping_add(1), Box::new(|| {})).unwrap();
    console.publish("secret".into());
    let rx = heard(&session);
    let mut lines = 0;
    while let Ok(h) = rx.recv_timeout(Duration::from_millis(500)) {
        if matches!(h, Heard::Line(_) | Heard::Connected) {
            lines += 1;
        }
    }
    assert_eq!(lines, 0);
    assert_eq!(console.beamers(), 0);
}

#[test]
fn a_socket_that_is_not_a_console_is_refused_and_a_file_in_the_way_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.json");
    let listener = UnixListener::bind(socket_path(&session)).unwrap();
    std::thread::spawn(move || {
        for s in listener.incoming() {
            let _ = s.unwrap().write_all(b"HTTP/1.1 200 OK\n\n");
        }
    });
    let rx = heard(&session);
    match rx.recv_timeout(Duration::from_secs(5)).unwrap() {
        Heard::Refused(why) => assert!(matches!(why, Refusal::NotConsole(_)), "{why:?}"),
        other => panic!("{other:?}"),
    }
    let other = dir.path().join("t.json");
    std::fs::write(socket_path(&other), "mine").unwrap();
    assert!(matches!(
        Publisher::open(&other, Box::new(|| {})),
        Err(ChannelError::InTheWay(_))
    ));
    assert_eq!(
        std::fs::read_to_string(socket_path(&other)).unwrap(),
        "mine"
    );
}

#[test]
fn a_long_session_path_gets_a_short_socket_of_its_own() {
    let long = PathBuf::from(format!("/{}/s.json", "d".repeat(150)));
    let path = socket_path(&long);
    assert!(path.as_os_str().len() < 100, "{}", path.display());
    assert_eq!(path, socket_path(&long));
}
