use crossterm::event::KeyCode::{Down, Esc, Up};

use super::room::{Room, SIZES, hides, shows};
use crate::core::Lang;

#[test]
fn the_panel_adds_edits_marks_present_and_removes_participants() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.keys("P");
    shows(
        &room.screen(80, 24),
        "Nog niemand: a voegt een deelnemer toe",
    );
    // Name, organisation, party: the parties numbered from 1, "geen partij" last as 0, as
    // in the list of `o` on a board; a digit chooses and saves at once, as the list says.
    room.keys("aAnna de Vries\nGemeente Zwolle\n");
    let list = room.screen(80, 24);
    shows(&list, "Nieuwe deelnemer 3/3 · partij");
    shows(&list, "cijfer kiest direct");
    let first = list.find("1 Gemeente").expect("Gemeente is 1");
    let none = list.find("0 geen partij").expect("no party is 0");
    let last_party = list.find("5 Energiecoöperatie").expect("five parties");
    assert!(first < last_party && last_party < none, "{list}");
    room.keys("1");
    // An anonymous participant of an energy cooperative.
    room.keys("a\nEnergiecoöperatie Zwolle\n5");
    room.keys("a\n\n\n"); // nobody in particular
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "Deelnemers · 3 van 3 aanwezig");
        shows(
            &screen,
            "aanwezig  Anna de Vries · Gemeente Zwolle · Gemeente",
        );
        shows(
            &screen,
            "aanwezig  (zonder naam) · Energiecoöperatie Zwolle · Energiecoöperatie",
        );
    }
    // The last one is selected; mark the middle one absent.
    room.key(Up);
    room.keys(" ");
    shows(&room.screen(80, 24), "Deelnemers · 2 van 3 aanwezig");
    shows(
        &room.screen(80, 24),
        "afwezig   (zonder naam) · Energiecoöperatie Zwolle",
    );
    // Edit Anna: a new organisation, the party kept.
    room.key(Up);
    room.keys("e\n");
    for _ in 0.."Gemeente Zwolle".len() {
        room.key(crossterm::event::KeyCode::Backspace);
    }
    room.keys("Provincie\n\n");
    shows(&room.screen(80, 24), "Anna de Vries · Provincie · Gemeente");
    // Remove the anonymous one, after a question.
    room.key(Down);
    room.key(Down);
    room.keys("d");
    shows(&room.screen(80, 24), "Deze deelnemer verwijderen? j/n");
    room.keys("j");
    shows(&room.screen(80, 24), "Deelnemers · 1 van 2 aanwezig");
    room.key(Esc);
    hides(&room.screen(80, 24), "Deelnemers ·");

    let saved = room.saved();
    let state = saved.state().expect("valid log");
    let people: Vec<(Option<&str>, &str, Option<&str>, bool)> = state
        .participants
        .iter()
        .map(|p| {
            (
                p.name.as_deref(),
                p.organisation.as_str(),
                p.party.as_deref(),
                p.present,
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            (Some("Anna de Vries"), "Provincie", Some("gemeente"), true),
            (
                None,
                "Energiecoöperatie Zwolle",
                Some("energiecooperatie"),
                false
            ),
        ]
    );
}

#[test]
fn a_vote_counts_the_participants_present_unless_voters_are_set() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.keys("Pa\n\n\na\n\n\na\n\n\n");
    room.key(Esc);
    room.go_to_step(2);
    shows(
        &room.screen(80, 24),
        "3 kiezers × 3 stippen (de aanwezige deelnemers; v past aan)",
    );
    shows(&room.screen(80, 24), "nog 9 van 9 stippen");
    room.keys("P ");
    room.key(Esc);
    shows(
        &room.screen(80, 24),
        "2 kiezers × 3 stippen (de aanwezige deelnemers",
    );
    // v with an empty answer goes back to those present after a number was set.
    room.keys("v5\n");
    shows(&room.screen(80, 24), "5 kiezers × 3 stippen (ingesteld");
    room.keys("v");
    room.key(crossterm::event::KeyCode::Backspace);
    room.keys("\n");
    shows(
        &room.screen(80, 24),
        "2 kiezers × 3 stippen (de aanwezige deelnemers",
    );
}

#[test]
fn a_number_that_is_not_one_is_refused_in_the_prompt() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.go_to_step(2);
    room.keys("vveel\n");
    let screen = room.screen(80, 24);
    shows(&screen, "typ een getal van 0 tot 999");
    shows(&screen, "Aantal kiezers 1/1");
}

#[test]
fn undo_brings_back_a_removed_participant_and_takes_a_dot_off() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.keys("PaAnna\n\n0dj");
    shows(&room.screen(80, 24), "Deelnemers · 0 van 0 aanwezig");
    room.keys("u");
    let screen = room.screen(80, 24);
    shows(&screen, "Deelnemers · 1 van 1 aanwezig");
    shows(&screen, "ongedaan gemaakt");
    room.key(Esc);
    room.go_to_step(2);
    room.keys("++");
    shows(&room.screen(80, 24), "nog 1 van 3 stippen");
    room.keys("u");
    shows(&room.screen(80, 24), "nog 2 van 3 stippen");
}
