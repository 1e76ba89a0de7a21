//! The first screens drawn into a test terminal: what a person in the room reads.

use crate::common::{render, session_app};
use samenspel::core::Lang;
use samenspel::tui::action::Action;
use samenspel::tui::home::Home;
use samenspel::tui::{App, Screen};

#[test]
fn home_lists_the_built_in_scenarios_in_dutch_and_english() {
    let dir = crate::common::home();
    // SAFETY of the environment: this test binary is the only user of SAMENSPEL_HOME here.
    unsafe { std::env::set_var("SAMENSPEL_HOME", dir.path()) };
    for (lang, expected) in [
        (
            Lang::Nl,
            [
                "Nieuwe sessie",
                "De Zwolse Komedie",
                "Participatiedoelen",
                "4 stappen",
            ],
        ),
        (
            Lang::En,
            [
                "New session",
                "The Zwolle Comedy",
                "Participation goals",
                "4 steps",
            ],
        ),
    ] {
        let app = App::new(
            Screen::Home(Home::load(lang)),
            lang,
            crate::common::clock(0),
        );
        let screen = render(&app, 80, 24);
        for text in expected {
            assert!(
                screen.contains(text),
                "{text:?} missing at 80x24:\n{screen}"
            );
        }
        let wide = render(&app, 200, 50);
        assert!(wide.contains(expected[1]), "{wide}");
    }
}

#[test]
fn a_board_step_shows_act_title_prompt_and_both_lanes() {
    let dir = crate::common::home();
    let app = session_app("zwolse-komedie", Lang::Nl, dir.path());
    let screen = render(&app, 80, 24);
    for text in [
        "De Zwolse Komedie · Testsessie",
        "Akte 1/4",
        "Akte 1: Vooroordelen",
        "Wat denkt de gemeente",
        "Gemeente over initiatieven",
        "Initiatieven over gemeente",
        "0 kaarten",
        "· NL",
    ] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    // Facilitator notes are projected only when asked for.
    assert!(!screen.contains("Notities begeleider"), "{screen}");
}

#[test]
fn typing_a_card_shows_it_in_the_lane_and_the_notes_toggle() {
    let dir = crate::common::home();
    let mut app = session_app("zwolse-komedie", Lang::En, dir.path());
    app.dispatch(Action::Right);
    app.dispatch(Action::Add);
    let editing = render(&app, 80, 24);
    // The field names the lane the card goes into, and its keys.
    assert!(
        editing.contains("New card → 2. Initiatives about municipality"),
        "{editing}"
    );
    assert!(editing.contains("Enter saves · Esc cancels"), "{editing}");
    app.dispatch(Action::Paste("Ze luisteren écht\nniet".into()));
    app.dispatch(Action::EditorSave);
    app.dispatch(Action::ToggleNotes);
    let screen = render(&app, 100, 30);
    assert!(screen.contains("▶• Ze luisteren écht niet"), "{screen}");
    assert!(screen.contains("1 card"), "{screen}");
    assert!(screen.contains("Facilitator notes (f hides)"), "{screen}");
}

#[test]
fn a_too_small_window_asks_to_be_enlarged() {
    let dir = crate::common::home();
    let app = session_app("zwolse-komedie", Lang::Nl, dir.path());
    assert_eq!(render(&app, 19, 5).lines().next(), Some("Maak het venster"));
    let fits = render(&app, 20, 6);
    assert!(fits.contains("Akte"), "{fits}");
}
