//! A session file changed by another program while samenspel has it open: the next save
//! does not overwrite it; the room's changes go to a copy beside it, the status line says
//! so, and `check`, the way out and the home screen name both files. And a quit that
//! leaves changes unsaved ends with its own exit code.

use std::path::{Path, PathBuf};

use crate::common::{Tui, home, key, run};
use crate::hostile_support::output_once_it_says;

fn cards(file: &Path) -> Vec<String> {
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(file).expect("read")).expect("JSON");
    doc["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["change"]["type"] == "card_added")
        .map(|e| e["change"]["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.to_string_lossy().contains(".conflict-") && !p.to_string_lossy().ends_with(".lock")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_session_file_edited_by_hand_while_open_is_kept_and_the_room_goes_on_in_a_copy() {
    let home = home();
    let sessions = home.path().join("sessions");
    std::fs::create_dir(&sessions).expect("folder");
    let file = sessions.join("sessie.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/valid.json"),
        &file,
    )
    .expect("copy");
    let mut app = Tui::start(
        &["open", file.to_str().expect("path")],
        home.path(),
        120,
        30,
    );
    app.wait_for("Akte 2/4");
    app.send("a");
    app.type_text("Voor de bewerking");
    app.send(key::ENTER);
    app.wait_for("opgeslagen (6)");

    // Someone adds a card and changes the title with an editor, saving in place.
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("JSON");
    doc["title"] = "Met de hand veranderd".into();
    doc["events"]
        .as_array_mut()
        .expect("events")
        .push(serde_json::json!({
            "at": "2025-03-06T20:00:00Z",
            "change": {"type": "card_added", "step": "akte-1", "lane": "gemeente-over-initiatieven",
                       "card": 900, "text": "Met de hand toegevoegd"}
        }));
    let edited = serde_json::to_vec_pretty(&doc).expect("JSON");
    std::fs::write(&file, &edited).expect("edit");

    app.send("a");
    app.type_text("Na de bewerking");
    app.send(key::ENTER);
    app.wait_for("BESTAND ELDERS GEWIJZIGD: opslaan in een kopie (7/7)");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        edited,
        "the edit is kept"
    );
    let found = copies(&sessions);
    assert_eq!(found.len(), 1, "one copy: {found:?}");
    let copy = &found[0];
    assert_eq!(
        cards(copy),
        [
            "Ze hebben geen idee hoe lang een besluit duurt",
            "Het loket is één grote doolhof",
            "Voor de bewerking",
            "Na de bewerking"
        ],
        "the copy holds everything the room did"
    );
    // Later changes go to the copy as well.
    app.send("a");
    app.type_text("Nog een");
    app.send(key::ENTER);
    app.wait_for("(8/8)");
    assert_eq!(cards(copy).last().map(String::as_str), Some("Nog een"));
    assert_eq!(std::fs::read(&file).expect("read"), edited);

    // check names both.
    let (code, out, _) = run(&["check", file.to_str().expect("path")], home.path());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("was changed elsewhere while the session was open"),
        "{out}"
    );
    assert!(out.contains(&copy.display().to_string()), "{out}");
    let (code, out, _) = run(&["check", copy.to_str().expect("path")], home.path());
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("valid (session)") && out.contains("is a conflict copy of"),
        "{out}"
    );

    app.send("q");
    assert_eq!(app.wait_exit(), 0, "nothing was lost");
    let said = output_once_it_says(&app, "door een ander programma veranderd");
    assert!(
        said.contains("door een ander programma veranderd"),
        "{said}"
    );

    // The home screen lists both, the copy as such.
    let mut home_screen = Tui::start(&[], home.path(), 140, 30);
    home_screen.wait_for("Met de hand veranderd");
    home_screen.wait_for("2025-03-06 · CONFLICTKOPIE · CoP Zwolle, bijeenkomst 3");
    home_screen.wait_for("2025-03-06 · met conflictkopie · Met de hand veranderd");
    home_screen.send("q");
    assert_eq!(home_screen.wait_exit(), 0);
}

#[test]
fn quitting_twice_while_saving_fails_ends_with_exit_code_4() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 120, 30);
    app.wait_for("Akte 1/4");
    app.send("a");
    app.type_text("Bewaard");
    app.send(key::ENTER);
    app.wait_for("opgeslagen (1)");
    // The sessions folder becomes a file: no save can succeed any more.
    let sessions = home.path().join("sessions");
    std::fs::remove_dir_all(&sessions).expect("remove");
    std::fs::write(&sessions, b"geen map").expect("file");
    app.send("a");
    app.type_text("Verloren");
    app.send(key::ENTER);
    app.wait_for("NIET OPGESLAGEN (1/2): de map is vervangen door een bestand");
    app.send("q");
    app.wait_for("q nogmaals = stoppen");
    app.send("q");
    assert_eq!(app.wait_exit(), 4, "a quit that lost changes is no success");
    let said = output_once_it_says(&app, "NIET opgeslagen");
    assert!(
        said.contains("1 van de 2 wijzigingen zijn NIET opgeslagen"),
        "{said}"
    );
}
