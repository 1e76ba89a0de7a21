//! A group of changes: one event, undone and redone as one, refused whole.

use super::error::ReduceError;
use super::event::Change;
use super::fixture::{at, live};
use super::state::{Commitment, StepState};
use super::tally::{commitment_item, endorsement};

fn endorse(item: &str, endorser: &str) -> Change {
    Change::EndorsementSet {
        step: "akkoord".into(),
        item: item.into(),
        endorser: endorser.into(),
        endorsed: true,
    }
}

fn commitment(id: u32) -> Change {
    Change::CommitmentAdded {
        step: "akkoord".into(),
        commitment: Commitment {
            id,
            what: "Wijkavond".into(),
            who: "gemeente".into(),
            when: "mei".into(),
            ..Commitment::default()
        },
        position: None,
    }
}

#[test]
fn a_group_is_one_event_undone_and_redone_exactly_and_folds_the_same() {
    let mut l = live();
    l.record(commitment(40), at(1)).expect("a commitment");
    let before = l.state.clone();
    let all = Change::Group {
        changes: vec![
            endorse("p1", "gemeente"),
            endorse("p1", "initiatief"),
            endorse(&commitment_item(40), "gemeente"),
        ],
    };
    l.record(all, at(2)).expect("the group applies");
    let after = l.state.clone();
    assert_eq!(l.session.events.len(), 2, "one event for the whole group");
    assert_eq!(endorsement(&after, 3, "p1").by.len(), 2);
    assert_eq!(endorsement(&after, 3, "commitment:40").by.len(), 1);

    // One undo takes the whole group back, one redo does it again.
    l.record(Change::Undo, at(3)).expect("undo");
    assert_eq!(
        l.state.steps, before.steps,
        "undo restores every endorsement"
    );
    assert_eq!(endorsement(&l.state, 3, "p1").by.len(), 0);
    l.record(Change::Redo, at(4)).expect("redo");
    assert_eq!(l.state.steps, after.steps);

    // Reopened, the log folds to the same state.
    let folded =
        super::reducer::fold(l.session.initial_state(), &l.session.events).expect("the log folds");
    assert_eq!(folded, l.state);
}

#[test]
fn a_group_with_one_change_that_does_not_fit_changes_nothing() {
    let mut l = live();
    let before = l.state.clone();
    let group = Change::Group {
        changes: vec![
            Change::CardAdded {
                step: "bord".into(),
                lane: "links".into(),
                card: 90,
                text: "nieuw".into(),
                party: None,
                theme: None,
                position: None,
            },
            endorse("p1", "gemeente"),
            // No such principle: the whole group is refused.
            endorse("p9", "gemeente"),
        ],
    };
    assert_eq!(
        l.record(group, at(1)),
        Err(ReduceError::NoItem("p9".into(), "akkoord".into()))
    );
    assert_eq!(l.state, before, "nothing changed, the next id included");
    assert!(l.session.events.is_empty(), "nothing was logged");
    assert!(!l.state.can_undo());
}

#[test]
fn a_group_holds_content_changes_only() {
    let mut l = live();
    let before = l.state.clone();
    let bad = [
        Change::Group { changes: vec![] },
        Change::Group {
            changes: vec![Change::StepOpened {
                step: "matrix".into(),
            }],
        },
        Change::Group {
            changes: vec![Change::Group {
                changes: vec![endorse("p1", "gemeente")],
            }],
        },
        Change::Group {
            changes: vec![endorse("p1", "gemeente"), Change::Undo],
        },
    ];
    for group in bad {
        assert_eq!(
            l.record(group.clone(), at(1)),
            Err(ReduceError::BadGroup),
            "{group:?}"
        );
        assert_eq!(l.state, before);
    }
}

#[test]
fn a_commitment_is_endorsed_like_a_principle_and_only_while_it_exists() {
    let mut l = live();
    assert_eq!(
        l.record(endorse(&commitment_item(40), "gemeente"), at(1)),
        Err(ReduceError::NoItem(
            "commitment:40".into(),
            "akkoord".into()
        )),
        "no commitment 40 yet"
    );
    l.record(commitment(40), at(2)).expect("a commitment");
    l.record(endorse(&commitment_item(40), "initiatief"), at(3))
        .expect("endorsed");
    let e = endorsement(&l.state, 3, &commitment_item(40));
    assert_eq!(e.by.len(), 1);
    assert_eq!(e.by[0].key(), "initiatief");
    // `commitment:040` is not how samenspel writes it: no such item.
    assert_eq!(
        l.record(endorse("commitment:040", "gemeente"), at(4)),
        Err(ReduceError::NoItem(
            "commitment:040".into(),
            "akkoord".into()
        ))
    );
    let StepState::Agreement(a) = &l.state.steps[3] else {
        panic!("step 3 is the agreement");
    };
    assert_eq!(a.commitments.len(), 1);
}

#[test]
fn a_card_moved_and_retagged_in_one_group_goes_back_whole() {
    let mut l = live();
    let before = l.state.clone();
    let group = Change::Group {
        changes: vec![
            Change::CardMoved {
                step: "bord".into(),
                card: 1,
                lane: "rechts".into(),
                position: 0,
            },
            Change::CardTagged {
                step: "bord".into(),
                card: 1,
                party: Some("initiatief".into()),
            },
        ],
    };
    l.record(group, at(1)).expect("moved and retagged");
    let StepState::Board(b) = &l.state.steps[0] else {
        panic!("a board");
    };
    assert_eq!(b.find(1), Some((1, 0)));
    assert_eq!(
        b.card(1).and_then(|c| c.party.as_deref()),
        Some("initiatief")
    );
    l.record(Change::Undo, at(2)).expect("undo");
    assert_eq!(
        l.state.steps, before.steps,
        "lane and party back in one undo"
    );
}
