//! The console's side panel (`C`): the clock, the agenda with time spent from the log and
//! the running-late line, the next step's prompt, notes and the inbox; never for the room.

use crossterm::event::KeyCode;

use super::{Fixture, now};
use crate::core::Lang;
use crate::store::atomic::write_atomic;
use crate::store::load::read_limited;

#[test]
fn c_opens_the_side_panel_with_the_agenda_next_step_notes_and_inbox() {
    let mut f = Fixture::new("succesfactoren", Lang::Nl);
    let before = f.screen(120, 35);
    assert!(!before.contains("Agenda"), "closed by default:\n{before}");
    f.keys("C");
    let screen = f.screen(120, 35);
    for part in [
        "Klok",
        "Agenda",
        "▶ Wat helpt, wat hindert?",
        "0/25",
        "op schema: klaar om",
        "Volgende stap:",
        "Notities",
        "Participatiecoalitie",
        "Inbox · 0 wachten",
        "alleen voor jou · C sluit",
    ] {
        assert!(screen.contains(part), "{part:?} missing:\n{screen}");
    }
    // The board stays beside it, readable.
    assert!(screen.contains("Wat hindert"), "{screen}");
    let small = f.screen(80, 24);
    assert!(small.contains("Agenda"), "{small}");
    // The room never sees it.
    let ws = f.ws();
    assert!(!ws.view.for_the_room().side);
    f.keys("C");
    assert!(!f.screen(120, 35).contains("Agenda"));
}

#[test]
fn the_agenda_says_when_the_meeting_runs_late() {
    let mut f = Fixture::new("succesfactoren", Lang::En);
    // The fixture's clock stands still: the first step took its whole time and more
    // when the session started 40 minutes before now.
    if let crate::tui::app::Screen::Session(ws) = &mut f.app.screen {
        let minutes = jiff::SignedDuration::from_mins(40);
        ws.live.session.created = now().checked_sub(minutes).unwrap();
    }
    f.keys("C");
    let screen = f.screen(120, 35);
    assert!(screen.contains("40/25"), "{screen}");
    assert!(screen.contains("running 15 minutes late"), "{screen}");
}

#[test]
fn the_agenda_chooses_a_step_and_enter_goes_there_as_a_step_change() {
    let mut f = Fixture::new("succesfactoren", Lang::Nl);
    f.add("Een eigen kaart");
    // C opens the panel with the keys in its agenda; ↓ ↓ chooses the third step.
    f.keys("C");
    f.key(KeyCode::Down);
    f.key(KeyCode::Down);
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = f.screen(w, h);
        for part in [
            "▶ Wat helpt",
            "› Afspraken",
            "↑↓ kies, Enter gaat erheen",
            "Esc: terug naar de stap",
            "Typen op beamer: uit (b)",
            "Stap 1/3",
        ] {
            assert!(
                screen.contains(part),
                "{part:?} missing at {w}x{h}:\n{screen}"
            );
        }
    }
    // Choosing moves nothing yet: the board keeps its keys' meaning off (↓ chose a step).
    assert_eq!(f.ws().current(), 0);
    assert_eq!(f.ws().cursor().card, 3, "the selection on the board stayed");
    f.key(KeyCode::Enter);
    let ws = f.ws();
    assert_eq!(ws.current(), 2);
    // An ordinary step change in the log, as n or p make it.
    let last = &ws.live.session.events.last().unwrap().change;
    assert_eq!(
        last,
        &crate::core::Change::StepOpened {
            step: ws.live.state.scenario.steps[2].id.clone()
        }
    );
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = f.screen(w, h);
        for part in ["Stap 3/3", "▶ Afspraken", "C C: een stap kiezen", "Agenda"] {
            assert!(
                screen.contains(part),
                "{part:?} missing at {w}x{h}:\n{screen}"
            );
        }
        assert!(!screen.contains('›'), "{screen}");
    }
    // The keys are the step's again (the panel stays open beside it).
    assert!(matches!(
        f.app.context(),
        crate::tui::action::KeyContext::Step(_)
    ));
    // Undo follows: the card was made on the first step, which is shown and asked about.
    f.keys("u");
    let screen = f.screen(120, 35);
    assert!(screen.contains("Stap 1/3"), "{screen}");
    assert!(screen.contains("Ongedaan maken? j/n"), "{screen}");
    f.keys("j");
    assert!(!f.screen(120, 35).contains("Een eigen kaart"));
    // Esc gives the keys back and leaves the panel open; C closes it from the step.
    f.keys("C");
    assert!(
        !f.screen(120, 35).contains("Agenda"),
        "C closes the open panel"
    );
    f.keys("C");
    f.key(KeyCode::Esc);
    let screen = f.screen(120, 35);
    assert!(
        screen.contains("Agenda") && screen.contains("C C: een stap kiezen"),
        "{screen}"
    );
    assert_eq!(f.ws().view.agenda, None);
    // Enter on the step on screen changes nothing in the log.
    f.keys("C");
    let events = f.ws().live.session.events.len();
    f.key(KeyCode::Enter);
    assert_eq!(f.ws().live.session.events.len(), events);
}

#[test]
fn b_in_the_side_panel_lets_the_beamer_show_typing_and_remembers_it() {
    let mut f = Fixture::new("succesfactoren", Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.json");
    write_atomic(&config, br#"{"theme": "dark"}"#).unwrap();
    if let crate::tui::app::Screen::Session(ws) = &mut f.app.screen {
        ws.typing.config = Some(config.clone());
    }
    f.keys("C");
    assert!(f.screen(80, 24).contains("Typing on beamer: off (b)"));
    f.keys("b");
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = f.screen(w, h);
        assert!(screen.contains("Typing on beamer: on (b)"), "{screen}");
    }
    assert!(f.ws().typing.on);
    let saved: serde_json::Value = serde_json::from_slice(&read_limited(&config).unwrap()).unwrap();
    assert_eq!(
        saved,
        serde_json::json!({"theme": "dark", "beamer_typing": true})
    );
    f.keys("b");
    assert!(!f.ws().typing.on);
    let saved: serde_json::Value = serde_json::from_slice(&read_limited(&config).unwrap()).unwrap();
    assert_eq!(saved["beamer_typing"], serde_json::json!(false));
    // A settings file that cannot be kept is said; the setting holds for now.
    write_atomic(&config, b"theme = dark").unwrap();
    f.keys("b");
    assert!(f.ws().typing.on);
    let screen = f.screen(120, 35);
    assert!(screen.contains("Not remembered"), "{screen}");
    assert_eq!(read_limited(&config).unwrap(), b"theme = dark");
}

#[test]
fn a_window_too_narrow_for_the_panel_says_so_and_keeps_the_keys_on_the_step() {
    let mut f = Fixture::new("succesfactoren", Lang::Nl);
    f.screen(60, 20);
    f.keys("C");
    let screen = f.screen(60, 20);
    assert!(screen.contains("zijpaneel past niet"), "{screen}");
    assert!(!f.ws().view.side && f.ws().view.agenda.is_none());
    // Open at 120 columns, then the window narrows: the next key is the step's again.
    f.screen(120, 35);
    f.keys("C");
    assert!(f.ws().view.agenda.is_some());
    f.screen(60, 20);
    f.key(KeyCode::Down);
    assert_eq!(f.ws().view.agenda, None);
    assert_eq!(
        f.ws().cursor().card,
        1,
        "↓ moved the selection on the board"
    );
}

#[test]
fn on_a_short_screen_the_panel_scrolls_by_whole_lines_to_the_notes_the_next_step_and_the_inbox() {
    let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
    f.keys("C");
    let first = f.screen(80, 24);
    // Everything the keys work on is in view, the rest is said to be below.
    for part in ["Agenda", "▶ Akte 1", "Typen op beamer: uit (b)", "Notities"] {
        assert!(first.contains(part), "{part:?} missing:\n{first}");
    }
    assert!(first.contains("meer (↓)"), "{first}");
    assert!(!first.contains("Inbox ·"), "{first}");
    // ↓ past the last step scrolls on, line by line, until the inbox is in view; no
    // further (↑ then comes back at once).
    for _ in 0..40 {
        f.key(KeyCode::Down);
    }
    let end = f.screen(80, 24);
    for part in ["hoger (↑)", "Volgende stap: Akte 2", "Inbox · 0 wachten"] {
        assert!(end.contains(part), "{part:?} missing:\n{end}");
    }
    assert!(!end.contains("meer (↓)"), "{end}");
    f.key(KeyCode::Up);
    assert_ne!(f.screen(80, 24), end, "↑ scrolls back");
    f.key(KeyCode::Home);
    assert_eq!(f.screen(80, 24), first, "Home: back to the top");
    // Without the keys, the step has ↓: the panel says how to reach the rest.
    f.key(KeyCode::Esc);
    let resting = f.screen(80, 24);
    assert!(resting.contains("▼ meer: C C, dan ↓"), "{resting}");
    // Tall enough, nothing scrolls.
    let tall = f.screen(120, 50);
    assert!(
        tall.contains("Inbox · 0 wachten") && tall.contains("Notities"),
        "{tall}"
    );
    assert!(
        !tall.contains("meer (↓)") && !tall.contains("▼ meer"),
        "{tall}"
    );
}
