//! End to end: a board session as a facilitator runs it, in the real binary.

use crate::common::{Tui, home, key, only_session};

/// The column where `needle` starts on the first row that shows it.
fn column_of(screen: &str, needle: &str) -> Option<usize> {
    screen
        .lines()
        .find_map(|l| l.find(needle).map(|byte| l[..byte].chars().count()))
}

#[test]
fn a_board_session_with_moves_a_theme_a_tag_and_undo_survives_reopening() {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    for text in ["Traag", "Star", "Bureaucratisch"] {
        app.send("a");
        app.wait_for("Nieuwe kaart");
        app.type_text(text);
        app.send(key::ENTER);
        app.wait_for(&format!("▶• {text}"));
    }

    // `>`: the selected card goes to the next lane, on the right half of the screen; the
    // selection stays in the lane being sorted, and the status line says where it went.
    app.send(">");
    app.wait_for("1 kaart ");
    app.wait_for("kaart naar 2. Initiatieven over gemeente");
    let screen = app.screen();
    assert!(
        column_of(&screen, "Bureaucratisch").is_some_and(|c| c > 50),
        "{screen}"
    );
    assert!(screen.contains("2 kaarten"), "{screen}");
    assert!(screen.contains("▶• Star"), "{screen}");

    // ← stays in the first lane (no wrap to the last); `J` moves "Traag" below "Star".
    app.send(key::LEFT);
    app.send(key::UP);
    app.wait_for("▶• Traag");
    app.send("J");
    app.wait_until("Star above Traag", |s| {
        let star = s.lines().position(|l| l.contains("Star"));
        let traag = s.lines().position(|l| l.contains("Traag"));
        star.is_some() && star < traag
    });

    // Space marks both cards, `g` names their theme.
    app.send(" ");
    app.wait_for("▶✓ Traag");
    app.send(key::UP);
    app.send(" ");
    app.wait_for("▶✓ Star");
    app.send("g");
    app.wait_for("Naam van het thema");
    app.type_text("Tempo");
    app.send(key::ENTER);
    app.wait_for("▌Tempo (2)");

    // `o` tags the selected card with a party of the scenario.
    app.send("o");
    app.wait_for("Wie zei het?");
    app.send("1");
    app.wait_for("[GEM] Star");

    // `u` undoes the tag and says so; Ctrl-r does it again.
    app.send("u");
    app.wait_for("ongedaan gemaakt: partij van kaart");
    app.wait_gone("[GEM] Star");
    app.send(key::CTRL_R);
    app.wait_for("[GEM] Star");
    app.wait_for("opgeslagen (9)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    // The terminal gets its mouse back.
    let raw = String::from_utf8_lossy(&app.output()).into_owned();
    assert!(
        raw.contains("\x1b[?1000l"),
        "mouse capture was not turned off"
    );

    let (path, file) = only_session(home.path());
    let events = file["events"].as_array().expect("events");
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| e["change"]["type"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        [
            "card_added",
            "card_added",
            "card_added",
            "card_moved",
            "card_moved",
            "theme_set",
            "card_tagged",
            "undo",
            "redo"
        ]
    );
    assert_eq!(events[3]["change"]["lane"], "initiatieven-over-gemeente");
    assert_eq!(events[5]["change"]["theme"], "Tempo");
    assert_eq!(events[6]["change"]["party"], "gemeente");

    // Reopened, the board is as it was left: theme, order, tag and the moved card.
    let mut again = Tui::start(
        &["open", path.to_str().expect("path")],
        home.path(),
        100,
        30,
    );
    again.wait_for("▌Tempo (2)");
    let screen = again.screen();
    assert!(screen.contains("[GEM] Star"), "{screen}");
    let star = screen.lines().position(|l| l.contains("Star"));
    let traag = screen.lines().position(|l| l.contains("Traag"));
    assert!(star < traag, "{screen}");
    assert!(
        column_of(&screen, "Bureaucratisch").is_some_and(|c| c > 50),
        "{screen}"
    );
    // The undo history is rebuilt from the log: undo still works after reopening.
    again.send("u");
    again.wait_for("ongedaan gemaakt: partij van kaart");
    again.wait_gone("[GEM]");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn no_color_draws_without_colour_and_theme_flag_wins() {
    let home = home();
    // NO_COLOR: no colour escape sequences at all (38;/48; set colours).
    let mut app = Tui::start_env(
        &["new", "succesfactoren"],
        home.path(),
        80,
        24,
        &[("NO_COLOR", "1")],
    );
    app.wait_for("Wat helpt");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&app.output()).into_owned();
    assert!(
        !raw.contains("[38;") && !raw.contains("[48;"),
        "colour sent under NO_COLOR"
    );

    // --theme light wins over NO_COLOR: colours are sent.
    let mut app = Tui::start_env(
        &["--theme", "light", "new", "succesfactoren"],
        home.path(),
        80,
        24,
        &[("NO_COLOR", "1")],
    );
    app.wait_for("Wat helpt");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&app.output()).into_owned();
    assert!(
        raw.contains("[38;") || raw.contains("[48;"),
        "no colour with --theme light"
    );
}

#[test]
fn a_broken_config_file_is_shown_and_the_app_still_starts() {
    let home = home();
    std::fs::write(home.path().join("config.json"), r#"{"theme": "neon"}"#).expect("write");
    let mut app = Tui::start(&["new", "succesfactoren"], home.path(), 100, 30);
    app.wait_for("config.json: theme:");
    app.wait_for("neon");
    app.esc();
    app.wait_gone("config.json");
    app.wait_for("Wat helpt");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    // A good file sets the language.
    std::fs::write(
        home.path().join("config.json"),
        r#"{"lang": "en", "theme": "dark"}"#,
    )
    .expect("write");
    let mut app = Tui::start_env(
        &["new", "succesfactoren"],
        home.path(),
        100,
        30,
        &[("SAMENSPEL_LANG", "")],
    );
    app.wait_for("Step 1/3");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
