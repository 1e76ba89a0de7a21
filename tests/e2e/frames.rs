//! Frames and bursts: what reaches the terminal when input comes faster than a person
//! types. A burst of keys is drawn in a few frames, not one per key (every frame is one
//! synchronized update, so the frames can be counted in the output); a paste of many
//! kilobytes, or a burst of typed keys larger than the terminal's 4 KB buffer, arrives
//! whole and the app stays responsive (the reader that deadlocked on that is gone for
//! good); and a new window size is followed without asking the terminal before each frame.

use std::time::Duration;

use crate::common::{Tui, home, key, only_session};

/// Frames drawn so far: each is one synchronized update.
fn frames(app: &Tui) -> usize {
    let out = app.output();
    out.windows(8).filter(|w| *w == b"\x1b[?2026h").count()
}

fn card_texts(file: &serde_json::Value) -> Vec<String> {
    file["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["change"]["type"] == "card_added")
        .map(|e| e["change"]["text"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn two_hundred_keys_in_one_burst_are_drawn_in_a_few_frames() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    app.send("a");
    app.wait_for("Nieuwe kaart");
    std::thread::sleep(Duration::from_millis(200));
    let before = frames(&app);
    // 200 keys in one write, as a fast typist's burst or a terminal's replay reaches us.
    let text: String = (0..196)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .chain("WXYZ".chars())
        .collect();
    app.send(&text);
    app.wait_for("WXYZ");
    std::thread::sleep(Duration::from_millis(300));
    let drawn = frames(&app) - before;
    assert!(
        (1..=5).contains(&drawn),
        "200 keys were drawn in {drawn} frames"
    );
    app.send(key::ENTER);
    app.wait_for("opgeslagen (1)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (_, file) = only_session(home.path());
    assert_eq!(card_texts(&file), [text]);
}

#[test]
fn a_large_paste_and_a_burst_over_4_kb_arrive_whole_and_the_app_stays_responsive() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    // A bracketed paste of 20 KB into a new card.
    let pasted: String = (0..2000).map(|i| format!("w{:04} ", i % 10000)).collect();
    let pasted = format!("{}EINDE", pasted.trim_end());
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.send(&format!("\x1b[200~{pasted}\x1b[201~"));
    app.send(key::ENTER);
    app.wait_for("opgeslagen (1)");
    // 6 KB of typed keys in one write: more than the terminal's buffer holds at once.
    let typed: String = (0..1200).map(|i| format!("t{:03} ", i % 1000)).collect();
    let typed = format!("{}KLAAR", typed.trim_end());
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.send(&typed);
    app.send(key::ENTER);
    app.wait_for("opgeslagen (2)");
    // Still answering keys.
    app.send("?");
    app.wait_for("Toetsen (? sluit)");
    app.send("?");
    app.wait_gone("Toetsen (? sluit)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (_, file) = only_session(home.path());
    assert_eq!(card_texts(&file), [pasted, typed]);
}

#[test]
fn a_new_window_size_is_followed() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 120, 35);
    let status_on =
        |row: usize| move |s: &str| s.lines().nth(row).is_some_and(|l| l.contains("? hulp"));
    app.wait_until("the 120x35 layout", status_on(34));
    app.resize(80, 24);
    // The status line moves to the new last row, and the lanes fit the new width.
    app.wait_until("the 80x24 layout", |s| {
        status_on(23)(s) && s.lines().all(|l| l.chars().count() <= 80)
    });
    app.resize(120, 35);
    app.wait_until("the 120x35 layout again", status_on(34));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
