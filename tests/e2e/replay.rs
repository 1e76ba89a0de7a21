//! End to end: replaying a meeting, printing it at a point, following it from a second
//! process, and starting the next meeting from it.

use std::path::Path;

use crate::common::{Tui, home, key, only_session, run, session_files};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const HOME: &str = "\x1b[H";
const END: &str = "\x1b[F";

/// Adds a card to the selected lane and waits until it shows.
fn add(app: &mut Tui, text: &str) {
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text(text);
    app.send(key::ENTER);
    app.wait_for(text);
}

/// The first `n` rows of a screen.
fn rows(screen: &str, n: usize) -> String {
    screen.lines().take(n).collect::<Vec<_>>().join("\n")
}

/// A short meeting: two cards, one deleted and brought back by undo, a look at act 2,
/// back to act 1, a card in the second lane. Returns the file and the live screen's
/// rows above the status line.
fn record_meeting(home: &Path) -> (std::path::PathBuf, String) {
    let mut app = Tui::start(
        &["new", "zwolse-komedie", "--title", "CoP Zwolle 5"],
        home,
        100,
        30,
    );
    app.wait_for("Akte 1/4");
    add(&mut app, "Besluiten duren lang");
    add(&mut app, "Alles moet tegelijk");
    app.send("d");
    app.wait_for("Kaart verwijderen?");
    app.send("j");
    app.wait_gone("Alles moet tegelijk");
    app.send("u");
    app.wait_for("Alles moet tegelijk");
    app.send("n");
    app.wait_for("Akte 2/4");
    app.send("p");
    app.wait_for("Akte 1/4");
    app.send(key::RIGHT);
    add(&mut app, "Het loket is een doolhof");
    app.wait_for("opgeslagen (7)");
    let live = rows(&app.screen(), 29);
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (path, _) = only_session(home);
    (path, live)
}

#[test]
fn replay_plays_the_meeting_back_change_by_change_and_ends_where_the_room_ended() {
    let home = home();
    let (path, live) = record_meeting(home.path());

    // Three rows taller: the replay's bars take four rows where the live status took one,
    // so the step itself gets the same room and must look exactly the same at the end.
    let mut replay = Tui::start(&["replay", path.to_str().unwrap()], home.path(), 100, 33);
    replay.wait_for("wijziging 0/7");
    replay.wait_for("spatie speelt af");
    assert!(!replay.screen().contains("Besluiten duren lang"));

    replay.send(END);
    replay.wait_for("wijziging 7/7");
    replay.wait_for("kaart toegevoegd: “Het loket is een doolhof”");
    // The same step as the room saw it; only the live session's top bar offers `t start`.
    let shown = rows(&replay.screen(), 29);
    let (top, rest) = shown.split_once('\n').unwrap();
    let (live_top, live_rest) = live.split_once('\n').unwrap();
    assert_eq!(rest, live_rest);
    assert!(live_top.contains("20:00 · t start"), "{live_top}");
    assert!(top.contains("20:00") && !top.contains("t start"), "{top}");

    // Back through the log: the step changes, then the undo and what it undid show.
    replay.send(key::LEFT);
    replay.wait_for("wijziging 6/7");
    replay.wait_gone("Het loket is een doolhof");
    replay.send("[");
    replay.wait_for("Akte 2/4");
    replay.send("[");
    replay.wait_for("wijziging 0/7");
    for _ in 0..4 {
        replay.send(key::RIGHT);
    }
    replay.wait_for("wijziging 4/7");
    replay.wait_for("ongedaan gemaakt: kaart verwijderd: “Alles moet tegelijk”");
    assert!(replay.screen().contains("Alles moet tegelijk"));
    replay.send(key::LEFT);
    replay.wait_for("wijziging 3/7");
    replay.wait_gone("• Alles moet tegelijk");

    // Played at 60x from the start it runs to the end by itself.
    replay.send(HOME);
    replay.wait_for("wijziging 0/7");
    replay.send("4");
    replay.wait_for("❚❚ 60x");
    replay.send(" ");
    replay.wait_for("wijziging 7/7");
    replay.wait_for("❚❚ 60x");

    // The summary: the final content, one step per page.
    replay.send("S");
    replay.wait_for("SAMENVATTING · Akte 1/4");
    replay.wait_for("Het loket is een doolhof");
    replay.send(key::RIGHT);
    replay.wait_for("SAMENVATTING · Akte 2/4");
    replay.wait_gone("Het loket is een doolhof");
    replay.send("q");
    assert_eq!(replay.wait_exit(), 0);

    // Replay never writes.
    let after = std::fs::read(&path).unwrap();
    let (_, file) = only_session(home.path());
    assert_eq!(file["events"].as_array().map(Vec::len), Some(7));
    assert!(!after.is_empty());
}

#[test]
fn replay_at_prints_the_state_at_a_number_of_changes_or_a_step() {
    let home = home();
    let (path, _) = record_meeting(home.path());
    let file = path.to_str().unwrap();

    let (code, out, err) = run(&["replay", file, "--at", "3", "--print"], home.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("CoP Zwolle 5 · changes 3/7"), "{out}");
    assert!(out.contains("## Act 1: Prejudices  ◀ on screen"), "{out}");
    assert!(out.contains("  • Besluiten duren lang"), "{out}");
    assert!(!out.contains("Alles moet tegelijk"), "deleted at 3:\n{out}");

    // Right before act 2 was left: the card brought back by undo is there, act 2 on screen.
    let (code, out, _) = run(&["replay", file, "--at", "akte-2", "--print"], home.path());
    assert_eq!(code, 0);
    assert!(out.contains("changes 5/7"), "{out}");
    assert!(out.contains("## Act 2: Values  ◀ on screen"), "{out}");
    assert!(out.contains("  • Alles moet tegelijk"), "{out}");

    let (code, out, _) = run(&["replay", file, "--at", "2", "--json"], home.path());
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).expect("--json prints JSON");
    assert_eq!(json["applied"], 2);
    assert_eq!(json["total"], 7);
    let cards: Vec<&str> = json["steps"][0]["lanes"][0]["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(cards, ["Besluiten duren lang", "Alles moet tegelijk"]);

    let (code, _, err) = run(&["replay", file, "--at", "akte-3", "--print"], home.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("--at: step \"akte-3\" was never opened"),
        "{err}"
    );
    // One rule for every kind of position past the end: the end, and said so.
    let (code, end, _) = run(&["replay", file, "--at", "end", "--print"], home.path());
    assert_eq!(code, 0);
    for past in ["99", "+5:00", "2099-01-01T00:00:00Z"] {
        let (code, out, err) = run(&["replay", file, "--at", past, "--print"], home.path());
        assert_eq!(code, 0, "{past}: {err}");
        assert_eq!(out, end, "{past} is not the end");
        assert!(
            err.contains(&format!(
                "samenspel: --at {past} is past the end of the session (7 changes, the last"
            )) && err.contains("shown: the end"),
            "{past}: {err}"
        );
    }
    let (code, start, err) = run(&["replay", file, "--at", "start", "--print"], home.path());
    assert_eq!(code, 0, "{err}");
    assert!(start.contains("changes 0/7"), "{start}");
    let (_, _, err) = run(&["replay", file, "--at", "7", "--print"], home.path());
    assert!(err.is_empty(), "the end itself is not past it: {err}");
}

#[test]
fn follow_shows_a_card_added_in_another_process() {
    let home = home();
    let mut live = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    live.wait_for("Akte 1/4");
    let (path, _) = only_session(home.path());
    let mut follow = Tui::start(&["follow", path.to_str().unwrap()], home.path(), 100, 30);
    follow.wait_for("Akte 1: Vooroordelen");
    // A clean screen: no status line with saving or help.
    assert!(!follow.screen().contains("? hulp"), "{}", follow.screen());

    add(&mut live, "Warmtenet pas in 2035");
    follow.wait_for("Warmtenet pas in 2035");
    live.send("n");
    live.wait_for("Akte 2/4");
    follow.wait_for("Akte 2: Waarden");

    // Notes stay hidden on the second screen until asked for.
    assert!(!follow.screen().contains("Notities begeleider"));
    live.send("q");
    assert_eq!(live.wait_exit(), 0);
    follow.send("q");
    assert_eq!(follow.wait_exit(), 0);
}

/// Appends events to a session file as another tool would have written them.
fn append_events(path: &Path, events: &[Value]) {
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let at = file["created"].clone();
    let list = file["events"].as_array_mut().unwrap();
    for change in events {
        list.push(json!({ "at": at, "change": change }));
    }
    std::fs::write(path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
}

#[test]
fn from_carries_the_agreements_of_a_finished_zwolse_komedie_into_the_next_meeting() {
    let home = home();
    // Meeting 1: the four acts, with two agreements and a participant in act 4.
    let mut app = Tui::start(
        &["new", "zwolse-komedie", "--title", "CoP Zwolle 1"],
        home.path(),
        100,
        30,
    );
    app.wait_for("Akte 1/4");
    add(&mut app, "Traag");
    for n in 2..=4 {
        app.send("n");
        app.wait_for(&format!("Akte {n}/4"));
    }
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (first, _) = only_session(home.path());
    let commitment = |id: u32, what: &str, who: &str, when: &str| {
        json!({"type": "commitment_added", "step": "akte-4",
               "commitment": {"id": id, "what": what, "who": who, "when": when}})
    };
    append_events(
        &first,
        &[
            json!({"type": "participant_added", "participant":
                   {"id": 90, "name": "Anna", "organisation": "Gemeente Zwolle",
                    "party": "gemeente", "present": true}}),
            commitment(
                91,
                "Maandelijks overleg met de wethouder",
                "gemeente",
                "vanaf september",
            ),
            commitment(
                92,
                "Buurtavond over het warmteplan",
                "initiatief",
                "voor de zomer",
            ),
            json!({"type": "endorsement_set", "step": "akte-4", "item": "statement",
                   "endorser": "gemeente", "endorsed": true}),
        ],
    );
    let (code, out, _) = run(&["check", first.to_str().unwrap()], home.path());
    assert_eq!(code, 0, "{out}");
    let first_bytes = std::fs::read(&first).unwrap();

    // Meeting 2 starts by looking back: both actions, the endorsed statement.
    let mut app = Tui::start(
        &[
            "new",
            "zwolse-komedie",
            "--title",
            "CoP Zwolle 2",
            "--from",
            first.to_str().unwrap(),
        ],
        home.path(),
        100,
        30,
    );
    app.wait_for("Terugblik op de vorige keer");
    app.wait_for("Uit: CoP Zwolle 1");
    app.wait_for("Maandelijks overleg met de wethouder · Gemeente · vanaf september");
    app.wait_for("Buurtavond over het warmteplan · Bewonersinitiatief");
    app.wait_for("“Met deze afspraken maken gemeente en initiatieven");
    app.wait_for("door Gemeente ");
    app.wait_for("0 gedaan · 0 loopt nog · 0 vervallen · 2 niet besproken");
    app.send(key::ENTER);
    app.wait_for("✓ gedaan");
    app.send(key::DOWN);
    app.send(key::ENTER);
    app.send(key::ENTER);
    app.wait_for("1 gedaan · 1 loopt nog · 0 vervallen · 0 niet besproken");
    app.send("n");
    app.wait_for("Akte 1/4");
    app.wait_for("opgeslagen (4)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let second = session_files(home.path())
        .into_iter()
        .find(|p| p != &first)
        .expect("a second session file");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&second).unwrap()).unwrap();
    let sha: String = Sha256::digest(&first_bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        file["previous"]["file"],
        first.file_name().unwrap().to_str().unwrap()
    );
    assert_eq!(file["previous"]["sha256"], sha);
    assert_eq!(file["previous"]["title"], "CoP Zwolle 1");
    assert_eq!(file["participants"][0]["name"], "Anna");
    assert_eq!(file["participants"][0]["present"], false);
    assert_eq!(file["scenario"]["steps"][0]["id"], "terugblik");
    assert_eq!(file["scenario"]["steps"].as_array().map(Vec::len), Some(5));

    // Meeting 3: only the action still open comes back, saying since when.
    let mut app = Tui::start(
        &[
            "new",
            "zwolse-komedie",
            "--title",
            "CoP Zwolle 3",
            "--from",
            second.to_str().unwrap(),
        ],
        home.path(),
        100,
        30,
    );
    app.wait_for("Uit: CoP Zwolle 2");
    app.wait_for("Buurtavond over het warmteplan");
    app.wait_for("(sinds");
    app.wait_for("CoP Zwolle 1)");
    assert!(
        !app.screen().contains("Maandelijks overleg"),
        "{}",
        app.screen()
    );
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
