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
        shows(&room.screen(w, h), "Ambtenaren tijd geven → actie");
    }
    // A second time: said, nothing recorded.
    room.keys("A");
    shows(&room.screen(80, 24), "is al een actie");
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
