//! The session loop's other senders: a change that does not come from the keyboard (as
//! the room server will send for a participant's phone) goes through the same path as a
//! key's, and the writer says when it is saved without being asked.

use std::sync::mpsc::channel;
use std::time::Duration;

use super::Fixture;
use crate::core::{Change, Lang};
use crate::tui::input::{Input, Origin};

#[test]
fn a_change_from_another_sender_is_recorded_saved_and_drawn_like_a_key() {
    let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
    f.add("Van het toetsenbord");
    let (inputs, received) = channel();
    f.app.connect(inputs.clone());
    let state = &f.ws().live.state;
    let step = &state.scenario.steps[0];
    let lane = step.kind.board().expect("act 1 is a board").lanes[0]
        .id
        .clone();
    let change = Change::CardAdded {
        step: step.id.clone(),
        lane,
        card: state.next_id,
        text: "Van een telefoon".into(),
        party: None,
        theme: None,
        position: None,
    };
    let phone = inputs.clone();
    std::thread::spawn(move || {
        let _ = phone.send(Input::Change {
            change,
            origin: Origin::Room,
        });
    })
    .join()
    .expect("the sender ran");
    // The loop takes whatever comes, in order, and draws; the writer wakes it once saved.
    let mut saved = false;
    while !saved {
        match received.recv_timeout(Duration::from_secs(10)) {
            Ok(Input::Saved) => {
                saved = f.ws().save_status().is_some_and(|s| s.saved == 2);
            }
            Ok(input) => {
                assert!(f.app.handle(input).is_none(), "nothing asks the app to end");
            }
            Err(e) => panic!("no input arrived: {e}"),
        }
    }
    let screen = f.screen(100, 30);
    assert!(screen.contains("Van een telefoon"), "{screen}");
    // The room's card does not take the facilitator's selection.
    assert!(screen.contains("▶• Van het toetsenbord"), "{screen}");
    assert!(screen.contains("opgeslagen (2)"), "{screen}");
    // A change the state refuses is said, and not recorded, whoever sent it.
    f.app.handle(Input::Change {
        change: Change::CardDeleted {
            step: "akte-1".into(),
            card: 999,
        },
        origin: Origin::Room,
    });
    assert_eq!(f.ws().live.session.events.len(), 2);
    let screen = f.screen(100, 30);
    assert!(
        screen.contains("999"),
        "the problem names the card:\n{screen}"
    );
}
