//! Actions with owners, dates and links, a card that becomes an action, and the parking
//! lot: every change undone and redone exactly; refusals change nothing.

use super::*;
use crate::core::fixture::{at, live};
use crate::core::state::Participant;
use crate::core::{Live, Session};

fn anna() -> Change {
    Change::ParticipantAdded {
        participant: Participant {
            id: 50,
            name: Some("Anna".into()),
            organisation: "Gemeente".into(),
            party: Some("gemeente".into()),
            present: true,
        },
    }
}

fn commitment(id: u32, from: Option<Source>) -> Change {
    Change::CommitmentAdded {
        step: "akkoord".into(),
        commitment: Commitment {
            id,
            what: "Brief sturen".into(),
            who: "de wethouder".into(),
            when: String::new(),
            owners: vec![Owner::Participant(50), Owner::Party("initiatief".into())],
            due: Some("2027-02-01".parse().unwrap()),
            from,
        },
        position: None,
    }
}

fn card(id: u32, lane: &str) -> Change {
    Change::CardAdded {
        step: "bord".into(),
        lane: lane.into(),
        card: id,
        text: format!("kaart {id}"),
        party: Some("initiatief".into()),
        theme: None,
        position: None,
    }
}

/// Records the changes, then undoes them all and redoes them all, checking that every
/// state on the way back and forth is exactly the one seen on the way.
fn undo_redo_exactly(l: &mut Live, changes: Vec<Change>) {
    let mut states = vec![l.state.clone()];
    for (i, c) in changes.into_iter().enumerate() {
        l.record(c.clone(), at(i as i64))
            .unwrap_or_else(|e| panic!("{c:?}: {e}"));
        states.push(l.state.clone());
    }
    let strip = |s: &crate::core::SessionState| {
        let mut s = s.clone();
        s.applied = 0;
        // Ids are never given out twice: undo does not lower the next free one.
        s.next_id = 0;
        s.undo = Default::default();
        s.redo = Default::default();
        s
    };
    for expected in states.iter().rev().skip(1) {
        l.record(Change::Undo, at(100)).unwrap();
        assert_eq!(strip(&l.state), strip(expected));
    }
    for expected in states.iter().skip(1) {
        l.record(Change::Redo, at(200)).unwrap();
        assert_eq!(strip(&l.state), strip(expected));
    }
}

#[test]
fn actions_with_owners_dates_and_links_are_undone_and_redone_exactly() {
    let mut l = live();
    let changes = vec![
        anna(),
        card(2, "rechts"),
        commitment(60, Some(Source::Card(2))),
        commitment(61, Some(Source::Track("spoor".into()))),
        commitment(62, Some(Source::Principle("p1".into()))),
        commitment(63, Some(Source::Step("matrix".into()))),
        Change::CommitmentEdited {
            step: "akkoord".into(),
            commitment: Commitment {
                id: 61,
                what: "Avond plannen".into(),
                when: "voor de zomer".into(),
                ..Commitment::default()
            },
        },
        Change::CommitmentRemoved {
            step: "akkoord".into(),
            id: 62,
        },
    ];
    undo_redo_exactly(&mut l, changes);
    assert_eq!(l.state.action_of_card(2).map(|c| c.id), Some(60));
    assert_eq!(l.state.action_of_card(1), None);
}

#[test]
fn parking_a_card_and_taking_it_back_are_undone_and_redone_exactly() {
    let mut l = live();
    let changes = vec![
        card(2, "links"),
        card(3, "rechts"),
        Change::CardParked {
            step: "bord".into(),
            card: 1,
            position: None,
        },
        Change::CardParked {
            step: "bord".into(),
            card: 3,
            position: Some(0),
        },
        Change::CardUnparked {
            card: 1,
            position: Some(1),
        },
    ];
    undo_redo_exactly(&mut l, changes);
    let lot: Vec<(u32, &str, &str)> = l
        .state
        .parked
        .iter()
        .map(|p| (p.card.id, p.step.as_str(), p.lane.as_str()))
        .collect();
    assert_eq!(lot, [(3, "bord", "rechts")]);
    let board = l.state.board(0).unwrap();
    assert_eq!(board.find(1), Some((0, 1)), "back where it was asked to go");
    assert_eq!(board.find(3), None);
    // A parked card's id is not given out again.
    assert_eq!(
        l.record(card(3, "links"), at(300)),
        Err(ReduceError::CardExists(3))
    );
}

#[test]
fn a_card_becomes_an_action_and_stays_marked_on_its_board() {
    let mut l = live();
    l.record(card(2, "rechts"), at(1)).unwrap();
    let change = l.state.action_from_card(2, l.state.next_id).unwrap();
    let Change::CommitmentAdded {
        step, commitment, ..
    } = &change
    else {
        panic!("a commitment is added");
    };
    assert_eq!(step, "akkoord", "the first agreement step after the board");
    assert_eq!(commitment.what, "kaart 2");
    assert_eq!(commitment.owners, [Owner::Party("initiatief".into())]);
    assert_eq!(commitment.from, Some(Source::Card(2)));
    undo_redo_exactly(&mut l, vec![change]);
    assert!(
        l.state.board(0).unwrap().find(2).is_some(),
        "the card stays"
    );
    assert!(
        l.state.action_of_card(2).is_some(),
        "and reads as an action"
    );
    assert_eq!(
        l.state.action_from_card(2, 99),
        Err(ReduceError::AlreadyAction(2))
    );
    // The agreement offers the board's cards that are not actions yet.
    let offered: Vec<u32> = l.state.offered_cards(3).iter().map(|c| c.id).collect();
    assert_eq!(offered, [1]);
}

#[test]
fn a_card_of_a_scenario_without_agreement_cannot_become_an_action() {
    let mut scenario = crate::core::fixture::scenario();
    scenario.steps.truncate(1);
    let session = Session::new(
        std::sync::Arc::new(scenario),
        "Zonder".into(),
        at(0),
        crate::core::Lang::Nl,
    );
    let l = Live::open(session).unwrap();
    let error = l.state.action_from_card(1, 9).unwrap_err();
    assert_eq!(error, ReduceError::NoAgreementStep);
    assert!(
        error
            .message(crate::core::Lang::Nl)
            .contains("geen afsprakenstap")
    );
}

#[test]
fn refused_action_and_parking_changes_leave_state_and_log_untouched() {
    let mut l = live();
    l.record(anna(), at(1)).unwrap();
    let before = l.state.clone();
    let events = l.session.events.clone();
    let mut stranger = commitment(70, None);
    if let Change::CommitmentAdded { commitment, .. } = &mut stranger {
        commitment.owners = vec![Owner::Participant(77)];
    }
    let mut no_party = commitment(71, None);
    if let Change::CommitmentAdded { commitment, .. } = &mut no_party {
        commitment.owners = vec![Owner::Party("bakker".into())];
    }
    let cases = vec![
        (
            commitment(70, Some(Source::Card(999))),
            ReduceError::NoLinkTarget(Source::Card(999)),
        ),
        (
            commitment(70, Some(Source::Track("nergens".into()))),
            ReduceError::NoLinkTarget(Source::Track("nergens".into())),
        ),
        (
            commitment(70, Some(Source::Principle("p9".into()))),
            ReduceError::NoLinkTarget(Source::Principle("p9".into())),
        ),
        (
            commitment(70, Some(Source::Step("nergens".into()))),
            ReduceError::NoLinkTarget(Source::Step("nergens".into())),
        ),
        (stranger, ReduceError::NoParticipant(77)),
        (no_party, ReduceError::NoParty("bakker".into())),
        (
            Change::CardParked {
                step: "bord".into(),
                card: 42,
                position: None,
            },
            ReduceError::NoCard(42, "bord".into()),
        ),
        (
            Change::CardParked {
                step: "matrix".into(),
                card: 1,
                position: None,
            },
            ReduceError::WrongKind("matrix".into(), "board"),
        ),
        (
            Change::CardUnparked {
                card: 1,
                position: None,
            },
            ReduceError::NotParked(1),
        ),
    ];
    for (change, expected) in cases {
        assert_eq!(l.record(change.clone(), at(5)), Err(expected), "{change:?}");
        assert_eq!(l.state, before, "{change:?} changed the state");
        assert_eq!(l.session.events, events, "{change:?} was logged");
    }
}

#[test]
fn a_link_to_a_missing_card_in_a_file_is_an_error_at_its_path() {
    let mut l = live();
    l.record(card(2, "links"), at(1)).unwrap();
    l.record(commitment(60, Some(Source::Card(2))), at(2))
        .unwrap_err();
    l.record(anna(), at(3)).unwrap();
    l.record(commitment(60, Some(Source::Card(2))), at(4))
        .unwrap();
    // A hand-edited file whose action points at a card that was never made.
    let mut session = l.session.clone();
    if let Change::CommitmentAdded { commitment, .. } = &mut session.events[2].change {
        commitment.from = Some(Source::Card(404));
    }
    let problem = session.state().unwrap_err();
    assert_eq!(problem.path, "events[2].change.commitment.from");
    assert!(
        problem.nl.contains("kaart 404, maar die bestaat niet"),
        "{}",
        problem.nl
    );
    assert!(
        problem.en.contains("card 404, which does not exist"),
        "{}",
        problem.en
    );
}

#[test]
fn an_older_commitment_reads_and_writes_unchanged() {
    let old = r#"{"id":3,"what":"Brief","who":"gemeente","when":"mei"}"#;
    let c: Commitment = serde_json::from_str(old).unwrap();
    assert_eq!(c.owners, []);
    assert_eq!(c.due, None);
    assert_eq!(serde_json::to_string(&c).unwrap(), old);
    let new = r#"{"id":3,"what":"Brief","who":"","when":"","owners":[{"participant":4},{"party":"gemeente"}],"due":"2027-02-01","from":{"card":12}}"#;
    let c: Commitment = serde_json::from_str(new).unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), new);
    let bad = r#"{"id":3,"what":"Brief","due":"2027-02-30"}"#;
    assert!(serde_json::from_str::<Commitment>(bad).is_err());
}
