//! Undo across a crash: the undo history is folded from the log, so a session that is
//! saved, thrown away and read back can still undo (and redo) its last changes.

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use samenspel::core::{Change, Lang, Live, Session, StepState};
use samenspel::store::{parse_session, try_session_json};

fn at(minute: i64) -> Timestamp {
    Timestamp::from_second(1_741_289_400 + minute * 60).expect("time")
}

fn card(id: u32, text: &str) -> Change {
    Change::CardAdded {
        step: "akte-1".into(),
        lane: "gemeente-over-initiatieven".into(),
        card: id,
        text: text.into(),
        party: None,
        theme: None,
        position: None,
    }
}

/// The session as a file holds it, read back the way the app reads it after a crash.
fn restart(live: &Live) -> Live {
    let bytes = try_session_json(&live.session).expect("JSON");
    parse_session(Path::new("sessie.json"), &bytes).expect("reads back")
}

fn cards(live: &Live) -> Vec<String> {
    match &live.state.steps[0] {
        StepState::Board(b) => b.lanes[0].cards.iter().map(|c| c.text.clone()).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn after_a_restart_the_last_changes_can_still_be_undone_and_redone() {
    let scenario = match samenspel::store::builtin::builtin("zwolse-komedie") {
        Some(Ok(s)) => s,
        _ => panic!("built-in scenario"),
    };
    let session = Session::new(Arc::new(scenario), "CoP".into(), at(0), Lang::Nl);
    let mut live = Live::open(session).expect("opens");
    live.record(card(10, "Een"), at(1)).expect("add");
    live.record(card(11, "Twee"), at(2)).expect("add");
    live.record(
        Change::CardEdited {
            step: "akte-1".into(),
            card: 11,
            text: "Twee, herzien".into(),
        },
        at(3),
    )
    .expect("edit");
    live.record(
        Change::StepOpened {
            step: "akte-2".into(),
        },
        at(4),
    )
    .expect("step");
    let before_edit = live.session.state_at(2).expect("fold");

    // Crash, reopen: undo reverts the edit (navigation is not undone).
    let mut again = restart(&live);
    assert_eq!(again.state, live.state);
    assert!(again.state.can_undo());
    again
        .record(Change::Undo, at(5))
        .expect("undo after restart");
    assert_eq!(cards(&again), ["Een", "Twee"]);
    assert_eq!(again.state.steps, before_edit.steps);

    // And again: undo the second card, then redo it, each after a restart.
    let mut third = restart(&again);
    third.record(Change::Undo, at(6)).expect("undo");
    assert_eq!(cards(&third), ["Een"]);
    let mut fourth = restart(&third);
    assert!(fourth.state.can_redo());
    fourth
        .record(Change::Redo, at(7))
        .expect("redo after restart");
    fourth.record(Change::Redo, at(8)).expect("redo");
    assert_eq!(cards(&fourth), ["Een", "Twee, herzien"]);
    assert_eq!(fourth.state.steps, live.state.steps);
}
