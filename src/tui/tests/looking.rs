//! Looking without changing, at 80x24 and 120x35: the facilitator's check of a hidden vote
//! (never on a screen that mirrors the room), a session opened read-only, undo that shows
//! the step it belongs to, the summary and the analysis that scroll, the matrix's note in
//! full and the step plan's legend.

use crossterm::event::KeyCode::{Down, Esc};

use super::room::{Room, hides, lines_with, shows};
use crate::core::Lang;
use crate::tui::app::{App, Screen};
use crate::tui::follow::Follow;
use crate::tui::replay::{Look, Replay, ReplayKey};
use crate::tui::session::SessionScreen;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

/// Closes the session of `room` (every change written); returns its file.
fn closed(room: &mut Room) -> std::path::PathBuf {
    let Screen::Session(ws) = &mut room.app.screen else {
        panic!("a session");
    };
    ws.close();
    ws.path().to_path_buf()
}

fn on(screen: Screen) -> App {
    App::new(screen, Lang::Nl, Box::new(super::room::start_time))
}

#[test]
fn the_check_of_a_hidden_vote_is_the_facilitators_alone() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.go_to_step(2);
    room.keys("v5\n++");
    room.key(Down);
    room.keys("+");
    // Hidden: no counts for the room.
    hides(&room.screen(80, 24), "(2)");
    room.keys("c");
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        shows(&s, "Alleen voor de begeleider");
        shows(&s, "Een open houding (2)");
        shows(&s, "Begrip voor het perspectief van de ander (1)");
    }
    // Marked as the facilitator's: what a mirror of the room is handed has none of it.
    let Screen::Session(ws) = &room.app.screen else {
        panic!("a session");
    };
    assert!(ws.view.private.vote_counts);
    assert!(!ws.view.for_room().private.vote_counts);
    assert!(!ws.view.for_room().show_notes);
    // Follow never shows it: it has no facilitator's view.
    let path = closed(&mut room);
    let follow = Follow::open(&path, Lang::Nl).expect("followed");
    let mut mirror = on(Screen::Follow(Box::new(follow)));
    mirror.dispatch(crate::tui::action::Action::Check);
    for (w, h) in SIZES {
        let s = super::draw(&mut mirror, w, h);
        let s = super::text(&s);
        hides(&s, "(2)");
        hides(&s, "Alleen voor de begeleider");
        shows(&s, "uitslag verborgen");
    }
}

#[test]
fn a_check_ends_with_its_step() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.go_to_step(2);
    room.keys("v5\n+c");
    shows(&room.screen(80, 24), "Alleen voor de begeleider");
    room.keys("np");
    hides(&room.screen(80, 24), "Alleen voor de begeleider");
}

#[test]
fn read_only_browses_every_step_and_suggests_no_edit() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.keys("aEen kaart van de eerste akte\n");
    room.go_to_step(4);
    room.keys("aWijkavond\ngemeente\nmei\n");
    room.keys("p");
    let path = closed(&mut room);
    let before = crate::store::load::read_session_bytes(&path).expect("the file");
    let ws = SessionScreen::open(&path, true).expect("read-only");
    let mut app = on(Screen::Session(Box::new(ws)));
    let look = |app: &mut App| super::text(&super::draw(app, 80, 24));
    // It opens where it was left; n and p move between steps.
    shows(&look(&mut app), "Akte 3/4");
    app.handle_event(super::char_key('n'));
    let s = look(&mut app);
    shows(&s, "Akte 4/4");
    shows(&s, "Wijkavond");
    // No key that edits: `a`, `d`, Space, Enter open nothing; no hint offers them.
    for c in ['a', 'd', ' ', 'e'] {
        app.handle_event(super::char_key(c));
    }
    for (w, h) in SIZES {
        let s = super::text(&super::draw(&mut app, w, h));
        hides(&s, "Nieuwe afspraak");
        hides(&s, "verwijderen?");
        hides(&s, "Wie onderschrijft dit?");
        hides(&s, "a afspraak");
        hides(&s, "spatie: wie onderschrijft");
        hides(&s, "a voegt er een toe");
        hides(&s, "t start");
        shows(&s, "alleen lezen");
        // The status line keeps its words whole, "? hulp" included or left out.
        let status = s.lines().last().unwrap_or_default();
        assert!(!status.trim_end().ends_with("? h"), "{status}");
    }
    // The help lists the keys that look, none that change.
    app.handle_event(super::char_key('?'));
    let s = super::text(&super::draw(&mut app, 120, 35));
    shows(&s, "Alleen lezen");
    shows(&s, "volgende stap");
    hides(&s, "afspraak toevoegen");
    hides(&s, "ongedaan maken");
    app.handle_event(super::char_key('?'));
    // Back to act 1 and its card, the participants to look at.
    for _ in 0..3 {
        app.handle_event(super::char_key('p'));
    }
    shows(&look(&mut app), "Een kaart van de eerste akte");
    app.handle_event(super::char_key('P'));
    let s = look(&mut app);
    shows(&s, "Deelnemers");
    hides(&s, "a toevoegen");
    let Screen::Session(ws) = &mut app.screen else {
        panic!("a session");
    };
    ws.close();
    assert_eq!(
        crate::store::load::read_session_bytes(&path).expect("the file"),
        before,
        "nothing written"
    );
}

#[test]
fn undo_of_a_change_on_another_step_shows_that_step_and_asks() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(4);
    room.keys("aWijkavond organiseren\ngemeente\nmei\n");
    room.keys("pp");
    shows(&room.screen(80, 24), "Akte 2/4");
    // The last change was on act 4: it is shown, with the commitment selected, and asked.
    room.keys("u");
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        shows(&s, "Akte 4/4");
        shows(&s, "▶ 1. Wijkavond organiseren");
        // The question wraps at 80 columns, whole words.
        let joined = s.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        shows(
            &joined,
            "Dit was de laatste wijziging (Akte 4): afspraak toegevoegd. Ongedaan maken? j/n",
        );
    }
    // No: back where the facilitator was, nothing undone.
    room.keys("n");
    let s = room.screen(80, 24);
    shows(&s, "Akte 2/4");
    room.go_to_step(3);
    shows(&room.screen(120, 35), "Wijkavond organiseren");
    // Yes: undone, on the step it belongs to, said in the status line.
    room.keys("pu");
    room.keys("j");
    let s = room.screen(120, 35);
    shows(&s, "Akte 4/4");
    shows(&s, "ongedaan gemaakt: afspraak toegevoegd");
    hides(&s, "Wijkavond organiseren");
    // Every step shown and the undo are in the log: the reopened file folds the same.
    let path = closed(&mut room);
    let live = crate::store::load_session(&path).expect("reopened");
    let Screen::Session(ws) = &room.app.screen else {
        panic!("a session");
    };
    assert_eq!(live.state.steps, ws.live.state.steps);
    assert_eq!(live.state.current, ws.live.state.current);
}

#[test]
fn the_summary_and_the_analysis_scroll_and_say_what_is_above_and_below() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    for i in 0..16 {
        room.keys(&format!(
            "aVooroordeel {i} over hoe lang het allemaal duurt\n"
        ));
    }
    room.go_to_step(4);
    for i in 0..6 {
        room.keys(&format!(
            "aAfspraak {i} over de wijkavond en de brief aan bewoners\ngemeente\nmei\n"
        ));
    }
    let path = closed(&mut room);
    let mut app = on(Screen::Replay(Box::new(
        Replay::open(&path, Lang::Nl).expect("replay"),
    )));
    app.dispatch(crate::tui::action::Action::Replay(ReplayKey::Summary));
    app.dispatch(crate::tui::action::Action::Replay(ReplayKey::First));
    let s = super::text(&super::draw(&mut app, 80, 24));
    shows(&s, "verborgen ↓");
    // A summary is looked at: no hint of an edit ("a voegt …", "t start").
    for (w, h) in SIZES {
        let s = super::text(&super::draw(&mut app, w, h));
        hides(&s, "a voegt");
        hides(&s, "t start");
    }
    for _ in 0..15 {
        app.dispatch(crate::tui::action::Action::Replay(ReplayKey::Look(
            Look::Down,
        )));
    }
    let s = super::text(&super::draw(&mut app, 80, 24));
    shows(&s, "Vooroordeel 15");
    shows(&s, "verborgen ↑");
    // Act 4: the commitments past the screen are said, and reached.
    for _ in 0..3 {
        app.dispatch(crate::tui::action::Action::Replay(ReplayKey::Forward));
    }
    let s = super::text(&super::draw(&mut app, 80, 24));
    shows(&s, "▼");
    shows(&s, "meer (↓)");
    for _ in 0..8 {
        app.dispatch(crate::tui::action::Action::Replay(ReplayKey::Look(
            Look::Down,
        )));
    }
    let s = super::text(&super::draw(&mut app, 80, 24));
    shows(&s, "Afspraak 5 over de wijkavond");
    shows(&s, "▲");
    hides(&s, "a afspraak");
    hides(&s, "spatie: wie onderschrijft");

    // The analysis of a matrix scrolls too, item by item.
    let mut m = Room::new("stakeholder-doelen", Lang::Nl);
    m.go_to_step(2);
    m.keys("A");
    let s = m.screen(80, 24);
    shows(&s, "▼");
    let below = lines_with(&s, "meer (↓)").first().map(|l| l.to_string());
    for _ in 0..12 {
        m.key(Down);
    }
    let s = m.screen(80, 24);
    shows(&s, "hoger (↑)");
    assert_ne!(
        lines_with(&s, "meer (↓)").first().map(|l| l.to_string()),
        below
    );
    m.key(Esc);
    shows(&m.screen(80, 24), "rij 1/15");
}

#[test]
fn the_note_is_told_in_full_and_hints_fit_the_scale() {
    let note = "Alleen als het ACM-tarief omlaag gaat en de gemeente de aansluitkosten van huurders in de eerste twee jaar betaalt";
    let mut m = Room::new("stakeholder-doelen", Lang::Nl);
    m.go_to_step(2);
    m.keys(&format!("e{note}\n"));
    for (w, h) in SIZES {
        let s = m.screen(w, h);
        let joined: String = s.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        shows(&joined, &format!("notitie: {note}"));
        // A scale with negatives says how to type one.
        shows(&s, "- 2 = min twee");
    }
    // Levels have no negatives: no hint of them; the glyphs of the analysis explained.
    let mut plan = Room::new("stappenplan-check", Lang::Nl);
    let s = plan.screen(80, 24);
    hides(&s, "min twee");
    plan.keys("312A");
    for (w, h) in SIZES {
        let s = plan.screen(w, h);
        shows(&s, "● Gereed");
        shows(&s, "◐ Bezig");
        shows(&s, "○ Niet begonnen");
    }
    plan.key(Esc);
    plan.key(Down);
    shows(&plan.screen(80, 24), "rij 2/6");
}
