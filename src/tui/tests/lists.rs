//! What a walk through every built-in scenario at 80x24 still found: Home and End in the
//! vote and the agreement, `?` inside the list of who endorses, a foot that offers only
//! keys that do something.

use crossterm::event::KeyCode::{Down, End, Esc, Home};

use super::room::{Room, SIZES, hides, shows};
use crate::core::{Change, Lang};

/// The item of the newest endorsement, also inside a group.
fn last_endorsed(room: &mut Room) -> Option<String> {
    room.changes().iter().rev().find_map(|change| match change {
        Change::EndorsementSet { item, .. } => Some(item.clone()),
        Change::Group { changes } => changes.iter().find_map(|c| match c {
            Change::EndorsementSet { item, .. } => Some(item.clone()),
            _ => None,
        }),
        _ => None,
    })
}

#[test]
fn home_and_end_reach_the_first_and_the_last_item_of_an_agreement() {
    let mut room = Room::new("zwolse-akkoord", Lang::Nl);
    room.keys("P");
    room.keys("aAnna\nGemeente Zwolle\n1");
    room.key(Esc);
    room.keys("A");
    let first = last_endorsed(&mut room);
    room.key(End);
    room.keys("A");
    let last = last_endorsed(&mut room);
    assert!(
        first.is_some() && last.is_some() && first != last,
        "{first:?} {last:?}"
    );
    // Both undone (an undo selects what it touched), then Home and A again.
    room.keys("uu");
    room.key(Home);
    room.keys("A");
    assert_eq!(
        last_endorsed(&mut room),
        first,
        "Home selects the first item again"
    );
}

#[test]
fn home_and_end_reach_the_first_and_the_last_card_of_a_vote() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    room.go_to_step(2);
    room.keys("v3\n");
    room.key(End);
    room.keys("+");
    room.key(Home);
    room.keys("++");
    let dots: Vec<String> = room
        .changes()
        .iter()
        .filter_map(|change| match change {
            Change::DotAdded { target, .. } => Some(format!("{target:?}")),
            _ => None,
        })
        .collect();
    assert_eq!(dots.len(), 3, "{dots:?}");
    assert_ne!(
        dots[0], dots[1],
        "End and Home are different cards: {dots:?}"
    );
    assert_eq!(dots[1], dots[2]);
}

#[test]
fn question_mark_in_the_list_of_who_endorses_shows_its_keys() {
    let mut room = Room::new("zwolse-akkoord", Lang::Nl);
    room.keys(" ");
    room.keys("?");
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        shows(&s, "Onderschrijven");
        shows(&s, "alle aanwezigen onderschrijven dit");
    }
    room.keys("?");
    hides(&room.screen(80, 24), "alle aanwezigen onderschrijven dit");
}

#[test]
fn with_nothing_to_endorse_the_foot_offers_no_endorsing() {
    let mut room = Room::new("stakeholder-doelen", Lang::Nl);
    room.go_to_step(4);
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        hides(&s, "spatie: wie onderschrijft");
        hides(&s, "A: alle aanwezigen");
        hides(&s, "e bewerken");
        shows(&s, "a afspraak");
    }
    room.keys("aWijkavond organiseren\ngemeente\nmei\n");
    room.key(Down);
    let s = room.screen(120, 35);
    shows(&s, "spatie: wie onderschrijft");
    shows(&s, "e bewerken");
}
