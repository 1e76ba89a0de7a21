use crossterm::event::KeyCode::{Down, Up};

use super::room::{Room, SIZES, hides, lines_with, shows};
use crate::core::{Change, Lang};

/// The text inside a list's borders on the line that shows `needle`.
fn row<'a>(screen: &'a str, needle: &str) -> &'a str {
    let line = lines_with(screen, needle)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{needle:?} is not on the screen:\n{screen}"));
    line.trim_matches(|c| c == '│' || c == ' ')
}

/// The vote of `succesfactoren` with 3 voters (9 dots) and six dots placed:
/// Weinig vertrouwen 3, Een open houding 2, Onbegrip 1 (selected).
fn voted() -> Room {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.go_to_step(2);
    room.keys("v3\n");
    room.keys("++"); // Een open houding
    for _ in 0..3 {
        room.key(Down);
    }
    room.keys("+++"); // Weinig vertrouwen
    room.key(Down);
    room.keys("+"); // Onbegrip
    room
}

#[test]
fn before_the_reveal_the_room_sees_the_cards_and_the_dots_used_but_no_counts() {
    let mut room = voted();
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "nog 3 van 9 stippen");
        shows(&screen, "3 kiezers × 3 stippen (ingesteld; v past aan)");
        shows(&screen, "6 stippen geplaatst · uitslag verborgen, r toont");
        assert_eq!(row(&screen, "Een open houding"), "• Een open houding");
        assert_eq!(row(&screen, "Weinig vertrouwen"), "• Weinig vertrouwen");
        assert_eq!(row(&screen, "Onbegrip"), "▶ Onbegrip");
    }
}

#[test]
fn after_the_reveal_the_cards_are_ranked_with_bars_and_numbers() {
    let mut room = voted();
    room.keys("r");
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "Uitslag · 6 stippen · r verbergt");
        let first = row(&screen, "Weinig vertrouwen");
        let second = row(&screen, "Een open houding");
        let third = row(&screen, "Onbegrip");
        assert!(
            first.starts_with("1. █") && first.contains(" 3  Weinig"),
            "{first}"
        );
        assert!(
            second.starts_with("2. █") && second.contains(" 2  Een open"),
            "{second}"
        );
        assert!(
            third.contains("3. █") && third.contains(" 1  Onbegrip"),
            "{third}"
        );
        let zero = row(&screen, "Regelmatig contact");
        assert!(
            zero.starts_with("4. ") && zero.contains(" 0  Regelmatig"),
            "{zero}"
        );
        let at = |s: &str| screen.find(s).unwrap_or(usize::MAX);
        assert!(at("Weinig vertrouwen") < at("Een open houding"));
        assert!(at("Een open houding") < at("Onbegrip"));
        assert!(at("Onbegrip") < at("Regelmatig contact"));
    }
    // r again hides the results; the reveal is in the file both times.
    room.keys("r");
    shows(&room.screen(80, 24), "uitslag verborgen, r toont");
    hides(&room.screen(80, 24), "█");
    let revealed: Vec<bool> = room
        .saved()
        .events
        .iter()
        .filter_map(|e| match &e.change {
            Change::VoteRevealed { revealed, .. } => Some(*revealed),
            _ => None,
        })
        .collect();
    assert_eq!(revealed, [true, false]);
}

#[test]
fn with_no_dots_left_a_plus_does_nothing_and_says_so_calmly() {
    let mut room = voted();
    room.keys("+++"); // the last three dots
    room.keys("++");
    let screen = room.screen(80, 24);
    shows(&screen, "Alle 9 stippen zijn geplaatst");
    hides(&screen, "zijn gebruikt"); // no red refusal in the status line
    let dots = room
        .saved()
        .events
        .iter()
        .filter(|e| matches!(e.change, Change::DotAdded { .. }))
        .count();
    assert_eq!(dots, 9);
}

#[test]
fn minus_takes_a_dot_off_the_selected_card_only_if_it_has_one() {
    let mut room = voted();
    room.key(Up); // Weinig vertrouwen, 3 dots
    room.keys("-");
    room.key(Up); // Regelmatig contact, no dots
    room.keys("-"); // nothing happens
    let screen = room.screen(80, 24);
    shows(&screen, "nog 4 van 9 stippen");
    hides(&screen, "er is geen stip");
}

#[test]
fn in_english_the_same_vote_reads_in_english() {
    let mut room = Room::new("succesfactoren", Lang::En);
    room.go_to_step(2);
    let screen = room.screen(80, 24);
    shows(&screen, "No voters yet");
    shows(
        &screen,
        "P adds participants, or v sets the number of voters",
    );
    room.keys("v1\n+");
    let screen = room.screen(80, 24);
    shows(&screen, "2 of 3 dots left");
    shows(&screen, "1 voter × 3 dots (set; v changes)");
    shows(&screen, "1 dots placed · results hidden, r shows");
}
