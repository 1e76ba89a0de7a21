//! The inbox: a phone's card waits there for the facilitator alone (never on what the room
//! sees), one key accepts, edits then accepts, or rejects it, `A` accepts all; the inbox
//! is switched off for a step or the session; commitments come in the same way; the counter
//! is always in the status line.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

use super::phones::Hall;
use super::room::{hides, shows};
use crate::core::Lang;
use crate::tui::session::view::{Scene, Seat};

/// What the room sees (a beamer's screen) at `w` x `h`.
fn room_sees(hall: &Hall, w: u16, h: u16) -> String {
    let ws = hall.ws();
    let view = ws.view.for_the_room();
    let scene = Scene {
        live: &ws.live,
        view: &view,
        seat: Seat::Viewer,
    };
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| crate::tui::view::room_screen(f, f.area(), &scene, &hall.app))
        .unwrap();
    super::text(terminal.backend().buffer())
}

#[test]
fn a_phones_card_waits_in_the_inbox_for_the_facilitator_alone_then_goes_on_the_board() {
    let mut hall = Hall::new(Lang::Nl);
    hall.keys("ZZ");
    let mut anna = hall.join(Some("Anna"), Some("gemeente"));
    assert_eq!(
        hall.card(&mut anna, "hindert", "Wisselende ambtenaren"),
        200
    );
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = hall.screen(w, h);
        shows(&screen, "zaal: 1 telefoon · inbox 1");
        hides(&screen, "Wisselende ambtenaren");
    }
    // The inbox, at both sizes; never on what the room sees.
    hall.keys("I");
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = hall.screen(w, h);
        shows(&screen, "Inbox · 1 wachten · inbox aan · alleen voor jou");
        shows(&screen, "Anna · Wat hindert");
        shows(&screen, "Wisselende ambtenaren");
        let room = room_sees(&hall, w, h);
        hides(&room, "Wisselende ambtenaren");
        hides(&room, "Inbox");
    }
    // `a`: on the board, for everyone.
    hall.keys("a");
    let screen = hall.screen(120, 35);
    shows(&screen, "Niets te doen");
    shows(&screen, "inbox 0");
    hall.key(KeyCode::Esc);
    shows(&hall.screen(120, 35), "Wisselende ambtenaren");
    shows(&room_sees(&hall, 120, 35), "Wisselende ambtenaren");
    // The phone hears it was accepted.
    let view = anna.view();
    assert_eq!(view["me"]["cards"][0]["status"], "accepted", "{view}");
    // In the file: the phone's proposal with its origin, the facilitator's acceptance.
    let proposed = hall.saved("card_proposed");
    assert_eq!(proposed[0]["origin"]["device"], 1);
    assert_eq!(proposed[0]["change"]["text"], "Wisselende ambtenaren");
    let accepted = hall.saved("proposal_accepted");
    assert_eq!(accepted.len(), 1);
    assert!(accepted[0].get("origin").is_none());
}

#[test]
fn edit_then_accept_reject_accept_all_and_undo() {
    let mut hall = Hall::new(Lang::En);
    hall.keys("ZZ");
    let mut phone = hall.join(None, None);
    for text in [
        "Ambtenaren wisselen",
        "Spam spam",
        "Snel antwoord",
        "Korte lijnen",
    ] {
        assert_eq!(hall.card(&mut phone, "helpt", text), 200);
    }
    hall.keys("I");
    let screen = hall.screen(120, 35);
    shows(&screen, "Inbox · 4 waiting");
    shows(&screen, "Phone 1 · What helps");
    // e: the one form, with the phone's text; Enter accepts what was typed.
    hall.keys("e");
    shows(&hall.screen(120, 35), "A phone's card: edit, Enter accepts");
    for _ in 0.."wisselen".len() {
        hall.key(KeyCode::Backspace);
    }
    hall.keys("die vaak wisselen\n");
    // x rejects the next; A accepts the rest.
    hall.keys("x");
    shows(&hall.screen(120, 35), "Inbox · 2 waiting");
    hall.keys("A");
    shows(&hall.screen(120, 35), "Nothing to do");
    hall.key(KeyCode::Esc);
    let screen = hall.screen(120, 35);
    shows(&screen, "Ambtenaren die vaak wisselen");
    shows(&screen, "Snel antwoord");
    shows(&screen, "Korte lijnen");
    hides(&screen, "Spam spam");
    // Undo takes "accept all" back into the inbox, and only that.
    hall.keys("u");
    let screen = hall.screen(120, 35);
    shows(&screen, "inbox 2");
    hides(&screen, "Korte lijnen");
    shows(&screen, "Ambtenaren die vaak wisselen");
    let edited = hall.saved("proposal_accepted");
    assert_eq!(edited[0]["change"]["text"], "Ambtenaren die vaak wisselen");
    assert_eq!(hall.saved("proposal_rejected").len(), 1);
}

#[test]
fn with_the_inbox_off_for_a_step_or_the_session_cards_appear_at_once() {
    let mut hall = Hall::new(Lang::Nl);
    hall.keys("ZZ");
    let mut phone = hall.join(None, None);
    hall.keys("Io");
    let screen = hall.screen(120, 35);
    shows(&screen, "Inbox uit voor deze stap");
    shows(&screen, "inbox uit voor deze stap");
    hall.key(KeyCode::Esc);
    assert_eq!(hall.card(&mut phone, "helpt", "Meteen op het bord"), 200);
    let screen = hall.screen(120, 35);
    shows(&screen, "Meteen op het bord");
    shows(&screen, "inbox 0");
    // On again for the step, off for the session: the step's own setting wins.
    hall.keys("IoO");
    shows(&hall.screen(120, 35), "Inbox uit voor de sessie");
    hall.key(KeyCode::Esc);
    assert_eq!(hall.card(&mut phone, "helpt", "Wacht even"), 200);
    let screen = hall.screen(120, 35);
    shows(&screen, "inbox 1");
    hides(&screen, "Wacht even");
    let set = hall.saved("inbox_set");
    assert_eq!(set.len(), 3);
    assert_eq!(set[2]["change"], json!({"type": "inbox_set", "on": false}));
}

#[test]
fn a_phones_commitment_comes_in_through_the_inbox() {
    let mut hall = Hall::new(Lang::Nl);
    hall.keys("ZZnn");
    let mut phone = hall.join(Some("Bram"), None);
    let answer = hall.with_phone(|| {
        phone
            .send(json!({"kind": "commitment", "step": "akkoord",
                "what": "Maandelijks spreekuur", "who": "Bram", "when": "voor de zomer"}))
            .status
    });
    assert_eq!(answer, 200);
    shows(&hall.screen(120, 35), "inbox 1");
    hall.keys("I");
    let screen = hall.screen(120, 35);
    shows(&screen, "Bram · afspraak");
    shows(
        &screen,
        "Maandelijks spreekuur · wie: Bram · wanneer: voor de zomer",
    );
    hall.keys("a");
    hall.key(KeyCode::Esc);
    shows(&hall.screen(120, 35), "Maandelijks spreekuur");
}

#[test]
fn a_second_screen_that_follows_the_file_never_shows_the_inbox() {
    let mut hall = Hall::new(Lang::Nl);
    hall.keys("ZZ");
    let mut phone = hall.join(Some("Anna"), None);
    assert_eq!(hall.card(&mut phone, "helpt", "Nog niet aangenomen"), 200);
    assert_eq!(hall.card(&mut phone, "helpt", "Wel aangenomen"), 200);
    hall.keys("I");
    hall.key(KeyCode::Down);
    hall.keys("a");
    shows(&hall.screen(120, 35), "Nog niet aangenomen");
    let path = hall.ws().path().to_path_buf();
    hall.saved("card_proposed");
    let follow = crate::tui::follow::Follow::open(&path, Lang::Nl).unwrap();
    let mut app = crate::tui::app::App::new(
        crate::tui::app::Screen::Follow(Box::new(follow)),
        Lang::Nl,
        Box::new(super::now),
    );
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = super::text(&super::draw(&mut app, w, h));
        shows(&screen, "Wel aangenomen");
        hides(&screen, "Nog niet aangenomen");
        hides(&screen, "inbox");
    }
}
