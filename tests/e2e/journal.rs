//! A session left with changes in its journal (samenspel was killed while it was open):
//! every command that reads a session takes the journal in, and opening and closing the
//! session makes it one file again.

use std::time::Duration;

use crate::common::{Tui, home, run, session_files};

#[test]
fn changes_still_in_the_journal_are_read_by_every_command_and_taken_in_on_close() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    for text in ["eerste journaalkaart", "tweede journaalkaart"] {
        app.send("a");
        app.wait_for("Nieuwe kaart");
        app.type_text(text);
        app.send("\r");
        app.wait_gone("Nieuwe kaart");
    }
    app.wait_until("both saved", |s| {
        s.contains("tweede journaalkaart") && s.contains("opgeslagen")
    });
    app.signal(libc::SIGKILL);
    app.exited_within(Duration::from_secs(5)).expect("killed");

    let files = session_files(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let file = files[0].clone();
    let journal = samenspel::store::journal::journal_path(&file);
    assert!(journal.exists(), "the changes are in the journal");
    let raw = std::fs::read_to_string(&file).unwrap();
    assert!(!raw.contains("journaalkaart"), "not yet in the file itself");
    let path = file.to_str().unwrap();

    let (code, out, err) = run(&["check", path], home.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        format!("{out}{err}").contains("in the journal"),
        "{out}{err}"
    );

    let (code, out, err) = run(&["export", path, "--format", "md"], home.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("eerste journaalkaart") && out.contains("tweede journaalkaart"),
        "{out}"
    );

    // A copy to share is one file with everything.
    let shared = home.path().join("gedeeld.json");
    let (code, _, err) = run(
        &[
            "export",
            path,
            "--format",
            "session",
            "-o",
            shared.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&shared).unwrap();
    assert!(text.contains("tweede journaalkaart"), "{text}");
    assert!(!samenspel::store::journal::journal_path(&shared).exists());

    // Merged with another group's session of the same scenario.
    let other = home.path().join("ander.json");
    let (code, _, err) = run(
        &[
            "dev",
            "generate",
            "--scenario",
            "zwolse-komedie",
            "--events",
            "20",
            "-o",
            other.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    let merged = home.path().join("samen.json");
    let (code, _, err) = run(
        &[
            "merge",
            path,
            other.to_str().unwrap(),
            "-o",
            merged.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&merged).unwrap();
    assert!(text.contains("eerste journaalkaart") && text.contains("tweede journaalkaart"));

    let (code, out, err) = run(&["replay", path, "--at", "2", "--print"], home.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("tweede journaalkaart"), "{out}");

    // Opened again: the cards are there, and on the way out the file holds them alone.
    let mut again = Tui::start(&["open", path], home.path(), 100, 30);
    again.wait_for("tweede journaalkaart");
    again.send("q");
    again.exited_within(Duration::from_secs(10)).expect("quits");
    assert!(!journal.exists(), "taken in on close");
    let raw = std::fs::read_to_string(&file).unwrap();
    assert!(raw.contains("eerste journaalkaart") && raw.contains("tweede journaalkaart"));
}
