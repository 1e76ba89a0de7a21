//! Phones in the participants panel: listed with their name (or anonymous) and party,
//! counted as present; removed after a question (the phone can no longer send) and let
//! back in.

use crossterm::event::KeyCode;

use super::phones::Hall;
use super::room::{hides, lines_with, shows};

/// Whether the screen has a line with all of `parts`.
#[track_caller]
fn row(screen: &str, parts: &[&str]) {
    let found = screen.lines().any(|l| parts.iter().all(|p| l.contains(p)));
    assert!(found, "no line with {parts:?}:\n{screen}");
}
use crate::core::Lang;

#[test]
fn phones_that_joined_are_in_the_participants_panel_counted_as_present() {
    let mut hall = Hall::new(Lang::Nl);
    hall.keys("ZZ");
    let _anna = hall.join(Some("Anna"), Some("gemeente"));
    let _anonymous = hall.join(None, None);
    hall.keys("P");
    hall.keys("aKees\n\n0");
    for (w, h) in [(80, 24), (120, 35)] {
        let screen = hall.screen(w, h);
        shows(
            &screen,
            "Deelnemers · 3 aanwezig: 1 van 1 deelnemers en 2 telefoons",
        );
        shows(&screen, "Telefoons in de zaal (2)");
        row(&screen, &["in de zaal", "Anna · Gemeente"]);
        row(&screen, &["in de zaal", "Telefoon 2 · anoniem"]);
        shows(&screen, "Kees");
    }
    assert_eq!(hall.ws().live.state.present_count(), 3);
}

#[test]
fn a_removed_phone_can_no_longer_send_until_it_is_let_back_in() {
    let mut hall = Hall::new(Lang::En);
    hall.keys("ZZ");
    let mut phone = hall.join(Some("Troll"), None);
    hall.keys("P");
    // No participants yet: the phone is the first row.
    hall.keys("d");
    shows(
        &hall.screen(80, 24),
        "Remove this phone? It can no longer send. y/n",
    );
    hall.keys("y");
    let screen = hall.screen(80, 24);
    row(&screen, &["removed", "Troll"]);
    shows(&screen, "Phones in the room (0)");
    assert_eq!(hall.card(&mut phone, "helpt", "Nog eentje"), 403);
    hall.key(KeyCode::Esc);
    let screen = hall.screen(80, 24);
    hides(&screen, "Nog eentje");
    shows(&screen, "room: 0 phones");
    // Space lets it back in; it sends again.
    hall.keys("P ");
    row(&hall.screen(80, 24), &["in the room", "Troll"]);
    assert!(lines_with(&hall.screen(80, 24), "removed").is_empty());
    assert_eq!(hall.card(&mut phone, "helpt", "Sorry"), 200);
    assert_eq!(hall.saved("device_removed").len(), 1);
    assert_eq!(hall.saved("device_readmitted").len(), 1);
}
