//! The real binary in a pseudo-terminal, as a facilitator uses it at 80x24: the home screen
//! asks the title and takes up a recent session three ways, a newline in typed text is a
//! space, and the common actions of a meeting take few keys (counted here, not guessed:
//! every key sent that is not text typed into a field).

use std::time::Duration;

use crate::common::{Tui, home, key, only_session, session_files};

/// Keys sent that are not text typed into a field.
struct Counter(usize);

impl Counter {
    fn key(&mut self, app: &mut Tui, k: &str) {
        self.0 += 1;
        app.send(k);
    }
}

fn today(lang_nl: bool) -> String {
    let date = jiff::Zoned::now().date();
    let nl = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let en = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let m = (date.month() - 1) as usize;
    let month = if lang_nl { nl[m] } else { en[m] };
    format!("{} {month} {}", date.day(), date.year())
}

#[test]
fn the_home_screen_asks_the_title_and_opens_continues_and_replays_a_session() {
    let home = home();
    let mut app = Tui::start(&[], home.path(), 80, 24);
    app.wait_for("Nieuwe sessie");
    app.send(key::ENTER);
    app.wait_for("Titel van de bijeenkomst");
    // Today's date is offered; typing replaces it.
    app.wait_for(&today(true));
    app.type_text("CoP Zwolle 4");
    app.send(key::ENTER);
    app.wait_for("CoP Zwolle 4");
    app.wait_for("opgeslagen (0)");
    app.send("a");
    app.type_text("Wijkavond in de Aa-landen");
    app.send(key::ENTER);
    app.wait_for("opgeslagen (1)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (first, _) = only_session(home.path());

    // A recent session: v continues it as the next meeting (its title asked too).
    let mut app = Tui::start(&[], home.path(), 80, 24);
    app.wait_for("Nieuwe sessie");
    // Below the built-in scenarios (the list scrolls, and says so).
    app.wait_for("meer (↓)");
    for _ in 0..samenspel::store::builtin::BUILTIN.len() {
        app.send(key::DOWN);
    }
    app.wait_for("Recente sessies");
    app.wait_for("v vervolg");
    app.send("v");
    app.wait_for("Titel van de bijeenkomst");
    app.send(key::ENTER);
    app.wait_for("Terugblik");
    app.wait_for(&today(true));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let files = session_files(home.path());
    assert_eq!(files.len(), 2, "{files:?}");
    let second = files.iter().find(|f| **f != first).expect("a new session");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(second).unwrap()).unwrap();
    assert_eq!(json["previous"]["title"], "CoP Zwolle 4");

    // r replays a recent session; Enter opens one.
    let mut app = Tui::start(&[], home.path(), 80, 24);
    app.wait_for("Nieuwe sessie");
    for _ in 0..samenspel::store::builtin::BUILTIN.len() {
        app.send(key::DOWN);
    }
    app.wait_for("Recente sessies");
    app.wait_for("r terugkijken");
    app.send("r");
    app.wait_for("wijziging 0/");
    // q goes back to the home screen it came from; q there ends.
    app.send("q");
    app.wait_for("Recente sessies");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_newline_sent_into_a_card_is_a_space() {
    // What `tmux send-keys -l $'eerste regel\ntweede regel'` sends: a line feed.
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 80, 24);
    app.wait_for("Akte 1/4");
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text("eerste regel\ntweede regel");
    app.send(key::ENTER);
    app.wait_for("eerste regel tweede regel");
    app.wait_for("opgeslagen (1)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (_, json) = only_session(home.path());
    assert_eq!(
        json["events"][0]["change"]["text"],
        "eerste regel tweede regel"
    );
}

/// Ten cards, a 4 x 15 matrix, 7 people endorsing 7 items: the keys it takes now.
#[test]
fn the_common_actions_of_a_meeting_take_few_keys() {
    let home = home();
    // Ten cards: `a`, the text, Enter.
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 80, 24);
    app.wait_for("Akte 1/4");
    let mut cards = Counter(0);
    for i in 0..10 {
        cards.key(&mut app, "a");
        app.type_text(&format!("Vooroordeel {i}"));
        cards.key(&mut app, key::ENTER);
    }
    app.wait_for("opgeslagen (10)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    // The stakeholder matrix: 15 goals x 4 parties, a digit moves on to the next cell.
    let home2 = crate::common::home();
    let mut app = Tui::start(&["new", "stakeholder-doelen"], home2.path(), 80, 24);
    app.wait_for("Stap 1/4");
    app.send("n");
    app.wait_for("rij 1/15");
    let mut matrix = Counter(0);
    let values = ["2", "1", "0", "-1", "2", "-2", "1", "2"];
    let mut negative = 0;
    for i in 0..60 {
        let v = values[i % values.len()];
        for c in v.chars() {
            matrix.key(&mut app, &c.to_string());
        }
        negative += usize::from(v.starts_with('-'));
        if i % 10 == 9 {
            // Let the terminal keep up; not a key.
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    app.wait_for("rij 15/15");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (_, json) = only_session(home2.path());
    let cells: std::collections::BTreeSet<String> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"]["type"] == "cell_set")
        .map(|e| format!("{}{}", e["change"]["row"], e["change"]["column"]))
        .collect();
    assert_eq!(cells.len(), 60, "every cell rated");

    // The Zwolse Akkoord: 7 people present endorse the statement and 6 principles.
    let home3 = crate::common::home();
    let mut app = Tui::start(&["new", "zwolse-akkoord"], home3.path(), 80, 24);
    app.wait_for("Stap 1/3");
    app.send("P");
    for name in ["Anna", "Bert", "Carla", "Dirk", "Eva", "Femke", "Gert"] {
        app.send("a");
        app.type_text(name);
        app.send(key::ENTER);
        app.type_text("Gemeente Zwolle");
        app.send(key::ENTER);
        app.send("1");
    }
    app.wait_for("7 van 7 aanwezig");
    app.esc();
    let mut endorse = Counter(0);
    for i in 0..7 {
        endorse.key(&mut app, "A");
        if i < 6 {
            endorse.key(&mut app, key::DOWN);
        }
    }
    app.wait_for("opgeslagen (14)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (_, json) = only_session(home3.path());
    let endorsed: usize = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"]["type"] == "group")
        .map(|e| e["change"]["changes"].as_array().unwrap().len())
        .sum();
    assert_eq!(endorsed, 49, "7 people x 7 items");

    println!(
        "keys besides the text typed: 10 cards {}, a 4x15 matrix {} (60 digits, {negative} minus signs), 7 people x 7 items {}",
        cards.0, matrix.0, endorse.0
    );
    assert_eq!(cards.0, 20);
    assert_eq!(matrix.0, 60 + negative);
    assert_eq!(endorse.0, 13);
}
