//! Two samenspels on one session: the second is refused, naming the first, for as long
//! as the first runs (also while it saves); it may look read-only; once the first is
//! killed, its lock no longer counts.

use std::time::{Duration, Instant};

use crate::common::{Tui, home, key, only_session, run};
use sha2::Digest;

#[test]
fn a_second_open_is_refused_every_time_and_opens_once_the_first_is_killed() {
    let home = home();
    let mut first = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    first.wait_for("Akte 1/4");
    let (path, _) = only_session(home.path());
    let session = path.to_str().expect("path");
    let pid = first.pid().expect("pid");

    let mut refused = 0;
    let mut answers = Vec::new();
    for i in 0..100 {
        // The first keeps saving while the second knocks.
        first.send("a");
        first.type_text(&format!("kaart {i}"));
        first.send(key::ENTER);
        let (code, _, err) = run(&["open", session], home.path());
        if code == 3 && err.contains(&format!("process {pid} on")) && err.contains("--read-only") {
            refused += 1;
        } else {
            answers.push((code, err));
        }
    }
    assert_eq!(refused, 100, "not refused: {answers:?}");
    first.wait_for("opgeslagen (100)");

    // SIGKILL: no way out, the lock file stays behind with the dead process in it.
    first.signal(libc::SIGKILL);
    first.exited_within(Duration::from_secs(5)).expect("killed");
    let killed = Instant::now();
    // Not refused any more, at the first attempt (it now only lacks a terminal).
    let (code, _, err) = run(&["open", session], home.path());
    assert_ne!(code, 3, "{err}");
    assert!(err.contains("needs a terminal"), "{err}");

    let mut second = Tui::start(&["open", session], home.path(), 100, 30);
    second.wait_for("kaart 0");
    second.wait_for("opgeslagen (100)");
    eprintln!(
        "the second samenspel showed the session {} ms after the first was killed",
        killed.elapsed().as_millis()
    );
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
}

#[test]
fn a_locked_session_can_be_looked_at_read_only_and_is_not_changed() {
    let home = home();
    let mut first = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    first.wait_for("Akte 1/4");
    first.send("a");
    first.type_text("Van de eerste");
    first.send(key::ENTER);
    first.wait_for("opgeslagen (1)");
    let (path, _) = only_session(home.path());
    let before = sha2::Sha256::digest(std::fs::read(&path).expect("read"));

    let mut second = Tui::start(
        &["open", "--read-only", path.to_str().expect("path")],
        home.path(),
        100,
        30,
    );
    second.wait_for("Van de eerste");
    second.wait_for("alleen lezen");
    // Read-only suggests no edit: `a` opens no text field, no hint offers one.
    second.send("a");
    second.send("e");
    second.send("d");
    second.send(key::ENTER);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let screen = second.screen();
    assert!(screen.contains("Van de eerste"), "{screen}");
    assert!(!screen.contains("verwijderen?"), "{screen}");
    assert!(!screen.contains("Nieuwe kaart"), "{screen}");
    assert!(!screen.contains("a voegt"), "{screen}");
    assert!(!screen.contains("t start"), "{screen}");
    // ... but it moves between steps (the file stays as it is).
    second.send("n");
    second.wait_for("Akte 2/4");
    second.send("q");
    assert_eq!(second.wait_exit(), 0);
    let after = sha2::Sha256::digest(std::fs::read(&path).expect("read"));
    assert_eq!(before, after);

    // The first still holds its lock and goes on saving.
    first.send("a");
    first.type_text("Nog een");
    first.send(key::ENTER);
    first.wait_for("opgeslagen (2)");
    first.send("q");
    assert_eq!(first.wait_exit(), 0);
}
