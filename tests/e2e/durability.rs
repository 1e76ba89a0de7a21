//! Saving, seen from the outside: opening a session writes nothing until something
//! changes; what a killed samenspel left half-written is cleaned up by the next one
//! that holds the lock; a session open elsewhere is refused with the other's name.

use crate::common::{Tui, home, key, only_session};
use crate::hostile_support::{Fingerprint, expect_unchanged};
use samenspel::core::Lang;
use samenspel::store::lock::SessionLock;
use samenspel::tui::session::SessionScreen;

/// A session with one card, closed by the app.
fn saved_session(home: &std::path::Path) -> std::path::PathBuf {
    let mut app = Tui::start(&["new", "zwolse-komedie"], home, 100, 30);
    app.wait_for("Akte 1/4");
    app.send("a");
    app.type_text("Een kaart");
    app.send(key::ENTER);
    app.wait_for("opgeslagen (1)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    only_session(home).0
}

#[test]
fn opening_and_quitting_without_a_change_leaves_the_file_as_it_was() {
    let home = home();
    let path = saved_session(home.path());
    let before = Fingerprint::of(&path);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut app = Tui::start(
        &["open", path.to_str().expect("path")],
        home.path(),
        100,
        30,
    );
    app.wait_for("Een kaart");
    app.send(key::RIGHT);
    app.send("f");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    expect_unchanged(&path, &before);
}

#[test]
fn half_written_files_of_a_killed_samenspel_are_removed_by_the_next_one() {
    let home = home();
    let path = saved_session(home.path());
    let dir = path.parent().expect("folder");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let leftover = dir.join(format!(".{name}.aB3xYz.tmp"));
    let other = dir.join(".iets-anders.json.aB3xYz.tmp");
    std::fs::write(&leftover, b"{\"format\": \"samenspel/ses").expect("write");
    std::fs::write(&other, b"not ours").expect("write");

    // Looking read-only removes nothing: that one may not hold the lock.
    let mut look = Tui::start(
        &["open", "--read-only", path.to_str().expect("path")],
        home.path(),
        100,
        30,
    );
    look.wait_for("alleen lezen");
    look.send("q");
    assert_eq!(look.wait_exit(), 0);
    assert!(leftover.exists());

    let mut app = Tui::start(
        &["open", path.to_str().expect("path")],
        home.path(),
        100,
        30,
    );
    app.wait_for("Een kaart");
    assert!(!leftover.exists(), "the half-written file is removed");
    assert!(other.exists(), "another session's file is left alone");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_session_locked_by_another_process_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("folder");
    let file = dir.path().join("sessie.json");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/valid.json"),
        &file,
    )
    .expect("copy");
    let lock = SessionLock::acquire(&file).expect("lock");
    let Err(e) = SessionScreen::open(&file, false) else {
        panic!("opened a locked session");
    };
    let pid = std::process::id();
    assert!(
        e.describe(Lang::En).contains(&format!(
            "already open in another samenspel (process {pid} on"
        )),
        "{}",
        e.describe(Lang::En)
    );
    assert!(e.describe(Lang::Nl).contains(&format!("proces {pid} op")));
    // Read-only needs no lock.
    let mut ws = SessionScreen::open(&file, true).expect("read-only");
    assert!(ws.file.is_none());
    assert_eq!(ws.close(), None);
    drop(lock);
    let mut ws = SessionScreen::open(&file, false).expect("free again");
    ws.close();
}

#[test]
fn after_a_kill_and_a_reopen_the_facilitator_can_still_undo_and_redo() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    for text in ["Blijft staan", "Wordt ongedaan"] {
        app.send("a");
        app.type_text(text);
        app.send(key::ENTER);
    }
    app.wait_for("opgeslagen (2)");
    app.signal(libc::SIGKILL);
    app.exited_within(std::time::Duration::from_secs(5))
        .expect("killed");

    let (path, _) = only_session(home.path());
    let path = path.to_str().expect("path").to_string();
    let mut again = Tui::start(&["open", &path], home.path(), 100, 30);
    again.wait_for("Wordt ongedaan");
    again.send("u");
    again.wait_gone("Wordt ongedaan");
    again.wait_for("Blijft staan");
    again.wait_for("opgeslagen (3)");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    // And the redo history survives a restart too.
    let mut third = Tui::start(&["open", &path], home.path(), 100, 30);
    third.wait_for("Blijft staan");
    third.send(key::CTRL_R);
    third.wait_for("Wordt ongedaan");
    third.wait_for("opgeslagen (4)");
    third.send("q");
    assert_eq!(third.wait_exit(), 0);
}
