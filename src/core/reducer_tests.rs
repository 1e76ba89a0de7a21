//! The reducer: every change, its inverse through undo and redo, and refusals.

use super::error::ReduceError;
use super::event::Change;
use super::fixture::{at, live};
use super::state::{Commitment, Participant, RowRef, StepState, VoteTarget};

fn add(card: u32, lane: &str, text: &str) -> Change {
    Change::CardAdded {
        step: "bord".into(),
        lane: lane.into(),
        card,
        text: text.into(),
        party: None,
        theme: None,
        position: None,
    }
}

fn lanes(l: &super::session::Live) -> Vec<Vec<String>> {
    match &l.state.steps[0] {
        StepState::Board(b) => b
            .lanes
            .iter()
            .map(|lane| lane.cards.iter().map(|c| c.text.clone()).collect())
            .collect(),
        _ => panic!("step 0 is a board"),
    }
}

#[test]
fn starting_cards_take_the_session_language_and_first_ids() {
    let l = live();
    assert_eq!(lanes(&l), vec![vec!["start".to_string()], vec![]]);
    assert_eq!(l.state.next_id, 2);
}

#[test]
fn every_board_change_is_undone_and_redone_exactly() {
    let mut l = live();
    let changes = vec![
        add(2, "links", "twee"),
        add(3, "rechts", "drie"),
        Change::CardEdited {
            step: "bord".into(),
            card: 2,
            text: "TWEE".into(),
        },
        Change::CardMoved {
            step: "bord".into(),
            card: 2,
            lane: "rechts".into(),
            position: 0,
        },
        Change::CardTagged {
            step: "bord".into(),
            card: 3,
            party: Some("initiatief".into()),
        },
        Change::ThemeSet {
            step: "bord".into(),
            cards: vec![1, 3],
            theme: Some("Vertrouwen".into()),
        },
        Change::ThemeSet {
            step: "bord".into(),
            cards: vec![3],
            theme: None,
        },
        Change::CardDeleted {
            step: "bord".into(),
            card: 1,
        },
    ];
    let mut states = vec![l.state.clone()];
    for (i, c) in changes.into_iter().enumerate() {
        l.record(c, at(i as i64)).expect("change applies");
        states.push(l.state.clone());
    }
    assert_eq!(
        lanes(&l),
        vec![vec![], vec!["TWEE".to_string(), "drie".to_string()]]
    );
    // Undo walks back through every state; content equal apart from counters and history.
    for expected in states.iter().rev().skip(1) {
        l.record(Change::Undo, at(100)).expect("undo");
        assert_eq!(l.state.steps, expected.steps);
    }
    assert_eq!(
        l.record(Change::Undo, at(101)),
        Err(ReduceError::NothingToUndo)
    );
    for expected in states.iter().skip(1) {
        l.record(Change::Redo, at(102)).expect("redo");
        assert_eq!(l.state.steps, expected.steps);
    }
    assert_eq!(
        l.record(Change::Redo, at(103)),
        Err(ReduceError::NothingToRedo)
    );
}

#[test]
fn a_new_change_after_undo_clears_redo_but_navigation_does_not() {
    let mut l = live();
    l.record(add(2, "links", "a"), at(1)).unwrap();
    l.record(Change::Undo, at(2)).unwrap();
    l.record(
        Change::StepOpened {
            step: "matrix".into(),
        },
        at(3),
    )
    .unwrap();
    assert!(l.state.can_redo(), "navigation keeps redo");
    l.record(add(3, "links", "b"), at(4)).unwrap();
    assert!(!l.state.can_redo(), "a new change clears redo");
}

#[test]
fn refused_changes_leave_the_state_untouched() {
    let mut l = live();
    let before = l.state.clone();
    let cases = vec![
        (add(1, "links", "dubbel id"), ReduceError::CardExists(1)),
        (
            add(9, "midden", "x"),
            ReduceError::NoLane("midden".into(), "bord".into()),
        ),
        (
            Change::CardEdited {
                step: "bord".into(),
                card: 77,
                text: "x".into(),
            },
            ReduceError::NoCard(77, "bord".into()),
        ),
        (
            Change::CardTagged {
                step: "bord".into(),
                card: 1,
                party: Some("bakker".into()),
            },
            ReduceError::NoParty("bakker".into()),
        ),
        (
            Change::StepOpened {
                step: "nergens".into(),
            },
            ReduceError::NoStep("nergens".into()),
        ),
        (
            Change::CellSet {
                step: "matrix".into(),
                row: RowRef::Card(1),
                column: "gemeente".into(),
                value: Some(3),
            },
            ReduceError::OutOfScale(3, -2, 2),
        ),
        (
            Change::DotAdded {
                step: "stem".into(),
                target: VoteTarget::Card(1),
            },
            ReduceError::NoDotsLeft("stem".into()),
        ),
        (
            Change::TimerPaused {
                step: "bord".into(),
            },
            ReduceError::TimerStopped("bord".into()),
        ),
        (
            Change::EndorsementSet {
                step: "akkoord".into(),
                item: "p9".into(),
                endorser: "gemeente".into(),
                endorsed: true,
            },
            ReduceError::NoItem("p9".into(), "akkoord".into()),
        ),
        (
            Change::CardAdded {
                step: "matrix".into(),
                lane: "links".into(),
                card: 9,
                text: "x".into(),
                party: None,
                theme: None,
                position: None,
            },
            ReduceError::WrongKind("matrix".into(), "board"),
        ),
    ];
    for (change, expected) in cases {
        assert_eq!(l.record(change.clone(), at(5)), Err(expected), "{change:?}");
        assert_eq!(l.state, before, "{change:?} changed the state");
        assert!(l.session.events.is_empty(), "{change:?} was logged");
    }
}

#[test]
fn matrix_vote_agreement_and_participants_fold_and_undo() {
    let mut l = live();
    let p = Participant {
        id: 50,
        name: Some("Anna".into()),
        organisation: "Gemeente Zwolle".into(),
        party: Some("gemeente".into()),
        present: true,
    };
    l.record(
        Change::ParticipantAdded {
            participant: p.clone(),
        },
        at(1),
    )
    .unwrap();
    l.record(
        Change::CellSet {
            step: "matrix".into(),
            row: RowRef::Card(1),
            column: "initiatief".into(),
            value: Some(-2),
        },
        at(2),
    )
    .unwrap();
    l.record(
        Change::CellNoted {
            step: "matrix".into(),
            row: RowRef::Card(1),
            column: "initiatief".into(),
            note: "zorg".into(),
        },
        at(3),
    )
    .unwrap();
    // One participant present, two dots each.
    for i in 0..2 {
        l.record(
            Change::DotAdded {
                step: "stem".into(),
                target: VoteTarget::Card(1),
            },
            at(4 + i),
        )
        .unwrap();
    }
    assert_eq!(
        l.record(
            Change::DotAdded {
                step: "stem".into(),
                target: VoteTarget::Card(1)
            },
            at(6)
        ),
        Err(ReduceError::NoDotsLeft("stem".into()))
    );
    l.record(
        Change::VotersSet {
            step: "stem".into(),
            voters: Some(3),
        },
        at(7),
    )
    .unwrap();
    l.record(
        Change::DotAdded {
            step: "stem".into(),
            target: VoteTarget::Card(1),
        },
        at(8),
    )
    .unwrap();
    let c = Commitment {
        id: 60,
        what: "Notulen delen".into(),
        who: "gemeente".into(),
        when: "vrijdag".into(),
        ..Default::default()
    };
    l.record(
        Change::CommitmentAdded {
            step: "akkoord".into(),
            commitment: c,
            position: None,
        },
        at(9),
    )
    .unwrap();
    l.record(
        Change::EndorsementSet {
            step: "akkoord".into(),
            item: "statement".into(),
            endorser: "initiatief".into(),
            endorsed: true,
        },
        at(10),
    )
    .unwrap();
    match (&l.state.steps[1], &l.state.steps[2], &l.state.steps[3]) {
        (StepState::Matrix(m), StepState::Vote(v), StepState::Agreement(a)) => {
            let cell = &m.cells[&(RowRef::Card(1), "initiatief".to_string())];
            assert_eq!((cell.value, cell.note.as_str()), (Some(-2), "zorg"));
            assert_eq!(v.dots[&VoteTarget::Card(1)], 3);
            assert_eq!(a.commitments[0].what, "Notulen delen");
            assert!(a.endorsements["statement"].contains(&"initiatief".into()));
        }
        other => panic!("unexpected steps {other:?}"),
    }
    assert_eq!(l.state.next_id, 61);
    // Undo everything: back to the empty session (participants included).
    while l.state.can_undo() {
        l.record(Change::Undo, at(20)).unwrap();
    }
    assert_eq!(l.state.steps, live().state.steps);
    assert!(l.state.participants.is_empty());
}

#[test]
fn timer_counts_only_while_running_and_set_resets_it() {
    let mut l = live();
    l.record(
        Change::TimerStarted {
            step: "bord".into(),
        },
        at(0),
    )
    .unwrap();
    assert_eq!(l.state.timers[0].remaining_ms(at(60)), Some(9 * 60_000));
    l.record(
        Change::TimerPaused {
            step: "bord".into(),
        },
        at(120),
    )
    .unwrap();
    assert_eq!(l.state.timers[0].remaining_ms(at(999)), Some(8 * 60_000));
    l.record(
        Change::TimerSet {
            step: "bord".into(),
            minutes: 1,
        },
        at(1000),
    )
    .unwrap();
    assert_eq!(l.state.timers[0].remaining_ms(at(2000)), Some(60_000));
    // The timer is not content: undo does not touch it.
    assert!(!l.state.can_undo());
}

#[test]
fn replaying_the_log_gives_the_live_state() {
    let mut l = live();
    l.record(add(2, "links", "a"), at(1)).unwrap();
    l.record(
        Change::CardMoved {
            step: "bord".into(),
            card: 2,
            lane: "rechts".into(),
            position: 0,
        },
        at(2),
    )
    .unwrap();
    l.record(Change::Undo, at(3)).unwrap();
    l.record(
        Change::StepOpened {
            step: "stem".into(),
        },
        at(4),
    )
    .unwrap();
    let replayed = l.session.state().expect("log folds");
    assert_eq!(replayed, l.state);
    let json = serde_json::to_string(&l.session).expect("serializes");
    let back: super::session::Session = serde_json::from_str(&json).expect("parses");
    assert_eq!(back.state().expect("folds"), l.state);
}
