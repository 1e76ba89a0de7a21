//! A card becomes an action, a card goes to the parking lot and back, and `L` says what is
//! there: on the board, at the beamer's sizes.

use super::room::{Room, hides, shows};
use crate::core::Lang;
use crate::core::state::{Owner, Source, StepState};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

#[test]
fn a_card_of_act_three_becomes_an_action_of_act_four_and_stays_marked() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(3);
    room.keys("aAmbtenaren tijd geven\n");
    room.keys("A");
    for (w, h) in SIZES {
        shows(&room.screen(w, h), "Ambtenaren tijd geven → afspraak");
    }
    // A second time: said, nothing recorded.
    room.keys("A");
    shows(&room.screen(80, 24), "is al een afspraak");
    // Act 4 shows it with where it came from.
    room.keys("n");
    shows(&room.screen(120, 35), "uit kaart: Ambtenaren");
    let session = room.saved();
    let state = session.state().expect("valid log");
    let Some(StepState::Agreement(a)) = state.steps.get(3) else {
        panic!("act 4 is an agreement");
    };
    assert_eq!(a.commitments.len(), 1, "made once");
    let c = &a.commitments[0];
    assert_eq!(c.what, "Ambtenaren tijd geven");
    assert!(matches!(c.from, Some(Source::Card(_))));
    assert!(c.owners.iter().all(|o| matches!(o, Owner::Party(_))));
}

#[test]
fn a_card_goes_to_the_parking_lot_and_back() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.keys("aLater bespreken: de begroting\n");
    room.keys("v");
    for (w, h) in SIZES {
        hides(&room.screen(w, h), "Later bespreken");
    }
    room.keys("L");
    shows(
        &room.screen(120, 35),
        "Parkeerplaats (1): Later bespreken: de begroting",
    );
    room.keys("V");
    shows(&room.screen(80, 24), "Later bespreken");
    room.keys("V");
    shows(
        &room.screen(120, 35),
        "geen kaart van deze stap op de parkeerplaats",
    );
    // Undo puts it back in the lot, where the next meeting finds it.
    room.keys("u");
    hides(&room.screen(80, 24), "Later bespreken");
    let state = room.saved().state().expect("valid log");
    assert_eq!(state.parked.len(), 1);
    assert_eq!(state.parked[0].step, "akte-1");
}

#[test]
fn the_review_shows_overdue_actions_first_per_owner() {
    use crate::core::scenario::{ReviewItem, ReviewSpec};
    let mut scenario = crate::store::builtin::builtin("zwolse-komedie")
        .expect("built-in")
        .expect("valid");
    // The harness's meeting is on 12 March 2025.
    let item = |id: &str, what: &str, owner: &str, due: Option<&str>| ReviewItem {
        id: id.into(),
        what: what.into(),
        who: owner.into(),
        owners: vec![owner.into()],
        due: due.map(|d| d.parse().expect("a date")),
        ..ReviewItem::default()
    };
    let spec = ReviewSpec {
        from: Some("CoP Zwolle 1".into()),
        agreements: Vec::new(),
        items: vec![
            item("actie-1", "Nieuwsbrief maken", "Bewonersinitiatief", None),
            item(
                "actie-2",
                "Brief aan de raad",
                "Gemeente",
                Some("2025-02-19"),
            ),
            item(
                "actie-3",
                "Spreekuur plannen",
                "Gemeente",
                Some("2025-03-05"),
            ),
            item("actie-4", "Wijkavond", "Anna", Some("2025-04-01")),
        ],
    };
    let step = crate::core::series::review_step(&scenario, spec);
    scenario.steps.insert(0, step);
    let mut room = Room::of(scenario, Lang::Nl);
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "Over tijd, per eigenaar: Gemeente 2");
        let at = |text: &str| {
            screen
                .find(text)
                .unwrap_or_else(|| panic!("{text}: {screen}"))
        };
        assert!(
            at("Brief aan de raad") < at("Spreekuur plannen"),
            "latest first"
        );
        assert!(
            at("Spreekuur plannen") < at("Nieuwsbrief maken"),
            "overdue first"
        );
        assert!(at("Nieuwsbrief maken") < at("Wijkavond"));
    }
    shows(&room.screen(120, 35), "3 weken over tijd");
    shows(&room.screen(120, 35), "7 dagen over tijd");
    // Enter marks the row on screen: the first is the latest action.
    room.keys("\n");
    let state = room.saved().state().expect("valid log");
    let Some(StepState::Review(review)) = state.steps.first() else {
        panic!("the review comes first");
    };
    assert!(review.marks.contains_key("actie-2"), "{:?}", review.marks);
}

#[test]
fn act_four_offers_act_three_tasks_and_o_makes_one_a_commitment() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(3);
    room.keys("aAmbtenaren tijd geven\naEen vast loket\n");
    room.keys("n");
    room.keys("o");
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "Aangeboden kaart");
        shows(&screen, "1 Ambtenaren tijd geven");
        shows(&screen, "2 Een vast loket");
    }
    room.keys("2");
    shows(&room.screen(120, 35), "uit kaart: Een vast");
    // Taken: no longer offered; the other one still is.
    room.keys("o");
    let screen = room.screen(80, 24);
    shows(&screen, "1 Ambtenaren tijd geven");
    hides(&screen, "Een vast loket");
    let state = room.saved().state().expect("valid log");
    let Some(StepState::Agreement(a)) = state.steps.get(3) else {
        panic!("act 4 is an agreement");
    };
    assert_eq!(a.commitments.len(), 1);
    assert_eq!(a.commitments[0].what, "Een vast loket");
    assert!(matches!(a.commitments[0].from, Some(Source::Card(_))));
}

#[test]
fn l_links_a_commitment_of_the_zwolse_akkoord_to_a_track() {
    let scenario = crate::store::builtin::builtin("zwolse-akkoord")
        .expect("built-in")
        .expect("valid");
    let step = scenario
        .steps
        .iter()
        .position(|s| s.id == "acties")
        .expect("the commitments step");
    let mut room = Room::new("zwolse-akkoord", Lang::Nl);
    room.go_to_step(step + 1);
    room.keys("aWijkavond organiseren\ngemeente\n1-3\n");
    room.keys("l");
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "Afspraak komt van");
        shows(&screen, "1 spoor: Zichtbaar maken en verspreiden");
        shows(&screen, "3 spoor: Politieke agendering");
        shows(&screen, "0 nergens in het bijzonder");
    }
    room.keys("2");
    shows(&room.screen(120, 35), "spoor: Beleidsleren");
    // Another track, then nothing in particular; undo goes back one step.
    room.keys("l3");
    shows(&room.screen(120, 35), "spoor: Politieke agendering");
    room.keys("l0");
    hides(&room.screen(120, 35), "spoor:");
    room.keys("u");
    shows(&room.screen(120, 35), "spoor: Politieke agendering");
    let state = room.saved().state().expect("valid log");
    let Some(StepState::Agreement(a)) = state.steps.get(step) else {
        panic!("an agreement");
    };
    assert_eq!(
        a.commitments[0].from,
        Some(Source::Track("politieke-agendering".into()))
    );
}
