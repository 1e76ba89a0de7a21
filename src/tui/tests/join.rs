//! `Z` opens the room: the QR code, whole and readable back to the join link, alone at
//! 80x24 and beside the step at 120x35 and 200x50 (twice as large there); `Z` hides and
//! shows it; `D` closes the room (phones are told); a taken port and a remembered address
//! that is not this laptop's are said plainly; a chosen address is remembered.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::phones::{Hall, scan};
use super::room::{hides, shows};
use crate::core::Lang;
use crate::room::Bind;
use crate::store::load::read_limited;

#[test]
fn z_opens_the_room_and_its_qr_code_is_whole_at_every_size() {
    let mut hall = Hall::new(Lang::Nl);
    let before = hall.screen(80, 24);
    hides(&before, "zaal:");
    assert!(hall.ws().room.server().is_none(), "no server before Z");
    hall.keys("Z");
    let join_url = hall.ws().room.server().unwrap().join_url().to_string();
    let url = hall.ws().room.server().unwrap().url().to_string();
    let code = hall.ws().room.server().unwrap().code().to_string();
    assert!(join_url.starts_with("HTTP://127.0.0.1:"), "{join_url}");

    // 80x24: the code does not fit beside the board, so it is alone, with the address and
    // the join code, and the status line tells the facilitator.
    let small = hall.buffer(80, 24);
    assert_eq!(scan(&small).as_deref(), Some(join_url.as_str()));
    let screen = super::text(&small);
    shows(&screen, "Doe mee met je telefoon");
    shows(&screen, &url);
    shows(&screen, &code);
    shows(&screen, "zaal: 0 telefoons · inbox 0");
    hides(&screen, "Een open houding");

    // 120x35: beside the board, one column a module.
    let mid = hall.buffer(120, 35);
    assert_eq!(scan(&mid).as_deref(), Some(join_url.as_str()));
    let screen = super::text(&mid);
    shows(&screen, "Een open houding");
    shows(&screen, &url);
    shows(&screen, &code);

    // 200x50: beside the board, two columns a module (74 wide), for the back of the room.
    let large = hall.buffer(200, 50);
    assert_eq!(scan(&large).as_deref(), Some(join_url.as_str()));
    let screen = super::text(&large);
    shows(&screen, "Een open houding");
    let widest = screen
        .lines()
        .map(|l| l.matches("██").count())
        .max()
        .unwrap_or(0);
    assert!(widest >= 10, "modules two columns wide:\n{screen}");

    // Z hides it (the room stays open), Z shows it again.
    hall.keys("Z");
    let hidden = hall.buffer(80, 24);
    assert_eq!(scan(&hidden), None);
    shows(&super::text(&hidden), "Een open houding");
    shows(&super::text(&hidden), "zaal: 0 telefoons");
    hall.keys("Z");
    assert_eq!(
        scan(&hall.buffer(80, 24)).as_deref(),
        Some(join_url.as_str())
    );

    // The join view's own keys: Esc is back to the step too.
    hall.key(KeyCode::Esc);
    assert_eq!(scan(&hall.buffer(80, 24)), None);
}

#[test]
fn d_closes_the_room_after_asking_and_the_phones_are_told() {
    let mut hall = Hall::new(Lang::En);
    hall.keys("Z");
    let phone = hall.join(Some("Anna"), None);
    let mut events = phone.events().unwrap();
    hall.pump(Duration::from_millis(50));
    hall.keys("D");
    shows(
        &hall.screen(80, 24),
        "Close the room? Phones can no longer send",
    );
    hall.keys("n");
    assert!(hall.ws().room.is_open(), "no keeps it open");
    hall.keys("Dy");
    assert!(!hall.ws().room.is_open());
    let screen = hall.screen(80, 24);
    shows(&screen, "The room is closed");
    hides(&screen, "room: 1 phone");
    // The phone hears that the room closed.
    let told = (0..50).any(
        |_| matches!(events.next(Duration::from_millis(100)), Some((kind, _)) if kind == "closed"),
    );
    assert!(told, "the phone was told");
    // The device stays in the session: nothing is lost.
    assert_eq!(hall.ws().live.state.room.devices.len(), 1);
    // And the room opens again.
    hall.keys("Z");
    assert!(hall.ws().room.is_open());
}

#[test]
fn a_taken_port_is_said_plainly_and_nothing_opens() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut hall = Hall::with(Lang::Nl, |s| s.flag = Some(Bind::loopback(Some(port))));
    hall.keys("Z");
    assert!(!hall.ws().room.is_open());
    let screen = hall.screen(120, 35);
    shows(
        &screen,
        &format!("poort {port} is al in gebruik door een ander programma; kies een andere met"),
    );
}

#[test]
fn a_remembered_address_that_is_not_this_laptops_asks_again_and_the_choice_is_kept() {
    // 203.0.113.7 is a documentation address: never this laptop's.
    let mut hall = Hall::with(Lang::En, |s| s.remembered = Some("203.0.113.7".into()));
    crate::store::atomic::write_atomic(
        &hall.dir.path().join("config.json"),
        br#"{"theme": "dark", "bind": "203.0.113.7"}"#,
    )
    .unwrap();
    hall.keys("Z");
    assert!(!hall.ws().room.is_open());
    let screen = hall.screen(100, 30);
    shows(&screen, "203.0.113.7 is not an address of this laptop");
    shows(&screen, "which network are the phones on?");
    shows(&screen, "127.0.0.1  (this laptop only)");
    // The last choice is this laptop only: Enter there opens the room on loopback.
    for _ in 0..20 {
        hall.key(KeyCode::Down);
    }
    hall.key(KeyCode::Enter);
    let room = hall.ws().room.server().expect("open after the choice");
    assert!(room.address().ip().is_loopback());
    // Remembered, with the user's theme kept.
    let config: serde_json::Value =
        serde_json::from_slice(&read_limited(&hall.dir.path().join("config.json")).unwrap())
            .unwrap();
    assert_eq!(
        config,
        serde_json::json!({"theme": "dark", "bind": "127.0.0.1"})
    );
}

#[test]
fn quitting_closes_the_room() {
    let mut hall = Hall::new(Lang::Nl);
    hall.keys("Z");
    let (addr, _) = hall.address();
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_ok());
    // Quitting closes the session in one place, the room with it.
    crate::tui::session::end::close(&mut hall.app, Duration::from_secs(2));
    // The server is gone: nobody listens on its port any more.
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err());
}

#[test]
fn the_room_does_not_open_on_a_read_only_session() {
    let mut hall = Hall::new(Lang::En);
    if let crate::tui::app::Screen::Session(ws) = &mut hall.app.screen {
        ws.close();
    }
    hall.keys("Z");
    assert!(!hall.ws().room.is_open());
    shows(
        &hall.screen(80, 24),
        "read-only: the room does not open here",
    );
}

#[test]
fn the_room_screens_draw_at_every_size() {
    use super::sizes::every_size;
    let mut hall = Hall::new(Lang::Nl);
    hall.keys("Z");
    every_size(&mut hall.app, "the QR code");
    let mut phone = hall.join(
        Some("Een naam die best wel lang is voor een telefoon"),
        Some("gemeente"),
    );
    for i in 0..12 {
        let text = format!("Een kaart van een telefoon die lang genoeg is om te wrappen {i}");
        assert_eq!(hall.card(&mut phone, "hindert", &text), 200);
    }
    every_size(&mut hall.app, "the QR code with a phone");
    hall.keys("I");
    every_size(&mut hall.app, "the inbox");
    hall.keys("e");
    every_size(&mut hall.app, "editing a proposal");
    hall.key(KeyCode::Esc);
    hall.key(KeyCode::Esc);
    hall.keys("P");
    every_size(&mut hall.app, "participants with a phone");
    hall.keys("d");
    every_size(&mut hall.app, "remove the phone?");
    hall.keys("n");
    hall.key(KeyCode::Esc);
    hall.keys("D");
    every_size(&mut hall.app, "close the room?");
}
