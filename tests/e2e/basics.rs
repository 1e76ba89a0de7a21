//! End to end: the real binary in a pseudo-terminal, as a facilitator uses it.

use crate::common::{Tui, home, key, only_session, run};

#[test]
fn zwolse_komedie_cards_in_both_lanes_are_on_screen_and_in_the_file() {
    let home = home();
    let mut app = Tui::start(
        &["new", "zwolse-komedie", "--title", "CoP Zwolle 3"],
        home.path(),
        100,
        30,
    );
    app.wait_for("Akte 1/4");
    app.wait_for("Vooroordelen");

    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text("Ze hebben geen idee hoe lang een besluit duurt");
    app.send(key::ENTER);
    app.wait_for("Ze hebben geen idee");

    app.send(key::RIGHT);
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text("Het loket is één grote doolhof, geëist en gehoord");
    app.send(key::ENTER);
    app.wait_for("één grote doolhof");
    app.wait_for("opgeslagen (2)");

    app.send("n");
    app.wait_for("Akte 2/4");
    app.wait_for("opgeslagen (3)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let (_, file) = only_session(home.path());
    assert_eq!(file["format"], "samenspel/session");
    assert_eq!(file["title"], "CoP Zwolle 3");
    assert_eq!(file["scenario"]["id"], "zwolse-komedie");
    let events = file["events"].as_array().expect("events");
    let added: Vec<(&str, &str)> = events
        .iter()
        .filter(|e| e["change"]["type"] == "card_added")
        .map(|e| {
            (
                e["change"]["lane"].as_str().unwrap(),
                e["change"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        added,
        vec![
            (
                "gemeente-over-initiatieven",
                "Ze hebben geen idee hoe lang een besluit duurt"
            ),
            (
                "initiatieven-over-gemeente",
                "Het loket is één grote doolhof, geëist en gehoord"
            ),
        ]
    );
    assert_eq!(
        events.last().unwrap()["change"],
        serde_json::json!({"type": "step_opened", "step": "akte-2"})
    );
}

#[test]
fn reopening_a_session_returns_to_the_step_and_cards() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    app.send("a");
    app.type_text("Kaart om te bewaren");
    app.send(key::ENTER);
    app.wait_for("opgeslagen (1)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let (path, _) = only_session(home.path());
    let mut again = Tui::start(&["open", path.to_str().unwrap()], home.path(), 100, 30);
    again.wait_for("Kaart om te bewaren");
    again.wait_for("Akte 1/4");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn check_reports_the_json_path_of_a_broken_scenario_and_exits_1() {
    let home = home();
    let broken = home.path().join("kapot.json");
    std::fs::write(
        &broken,
        r#"{"format":"samenspel/scenario","version":1,"id":"kapot",
            "title":{"nl":"Kapot","en":"Broken"},"description":{"nl":"x","en":"x"},
            "steps":[{"id":"een","title":{"nl":"Een","en":"One"},"prompt":{"nl":"?","en":"?"},
                      "board":{"lanes":[]}}]}"#,
    )
    .unwrap();
    let (code, out, _) = run(&["check", broken.to_str().unwrap()], home.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("kapot.json: steps[0].board.lanes: a board needs at least one lane"),
        "{out}"
    );

    let good =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/zwolse-komedie.json");
    let (code, out, _) = run(&["check", good.to_str().unwrap()], home.path());
    assert_eq!(code, 0, "{out}");
}
