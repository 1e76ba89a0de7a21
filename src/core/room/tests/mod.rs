//! The room in the reducer: phones join, propose, vote and endorse; the facilitator's room
//! changes are undone and redone exactly; refusals leave state and log untouched.

mod log;

use std::sync::Arc;

use super::{EventOrigin, ProposalStatus, Submission, device_endorser};
use crate::core::error::ReduceError;
use crate::core::event::{Change, Event};
use crate::core::fixture::{at, live, scenario};
use crate::core::scenario::{Endorsers, StepKind};
use crate::core::session::{Live, Session};
use crate::core::state::{StepState, VoteTarget};
use crate::core::text::Lang;

pub(super) const SECRET: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

pub(super) fn origin(device: u32, key: &str) -> Option<EventOrigin> {
    Some(EventOrigin {
        device,
        key: key.to_string(),
    })
}

/// Records what `device` submits, as the session loop does; returns the event count.
pub(super) fn send(
    l: &mut Live,
    device: Option<u32>,
    key: &str,
    s: Submission,
) -> Result<usize, ReduceError> {
    let (id, change) = s.change(&l.state, device)?;
    l.record_event(Event {
        at: at(l.session.events.len() as i64),
        origin: origin(id, key).map(Box::new),
        change,
    })
}

pub(super) fn join(l: &mut Live, key: &str, name: Option<&str>, party: Option<&str>) -> u32 {
    let next = l.state.room.next_device();
    send(
        l,
        None,
        key,
        Submission::Join {
            name: name.map(str::to_string),
            party: party.map(str::to_string),
            secret: SECRET.to_string(),
        },
    )
    .expect("join");
    next
}

pub(super) fn card(step: &str, lane: &str, text: &str) -> Submission {
    Submission::Card {
        step: step.into(),
        lane: lane.into(),
        text: text.into(),
    }
}

pub(super) fn board_texts(l: &Live) -> Vec<Vec<String>> {
    match &l.state.steps[0] {
        StepState::Board(b) => b
            .lanes
            .iter()
            .map(|lane| lane.cards.iter().map(|c| c.text.clone()).collect())
            .collect(),
        _ => panic!("step 0 is a board"),
    }
}

pub(super) fn vote(l: &Live) -> &crate::core::state::VoteState {
    match &l.state.steps[2] {
        StepState::Vote(v) => v,
        _ => panic!("step 2 is a vote"),
    }
}

/// Records a change; asserts that a refusal leaves the state and the log as they were.
pub(super) fn refused(l: &mut Live, event: Event, expected: ReduceError) {
    let (state, events) = (l.state.clone(), l.session.events.clone());
    assert_eq!(l.record_event(event), Err(expected));
    assert_eq!(l.state, state, "a refusal changed the state");
    assert_eq!(l.session.events, events, "a refusal changed the log");
}

#[test]
fn a_phone_joins_and_counts_as_present() {
    let mut l = live();
    assert_eq!(l.state.present_count(), 0);
    let d = join(&mut l, "join-aaaa", Some("Anna"), Some("gemeente"));
    assert_eq!(d, 1);
    let device = &l.state.room.devices[&1];
    assert_eq!(device.name.as_deref(), Some("Anna"));
    assert_eq!(device.party.as_deref(), Some("gemeente"));
    assert_eq!(l.state.present_count(), 1);
    assert_eq!(l.state.dot_capacity("stem"), Ok(2));
    assert_eq!(join(&mut l, "join-bbbb", None, None), 2);
    assert_eq!(l.state.dot_capacity("stem"), Ok(4));
    // Joining is no change the facilitator undoes.
    assert!(!l.state.can_undo());
    // Removed, it no longer counts (and the facilitator can undo that).
    l.record(Change::DeviceRemoved { device: 2 }, at(9))
        .unwrap();
    assert_eq!(l.state.present_count(), 1);
    l.record(Change::Undo, at(10)).unwrap();
    assert_eq!(l.state.present_count(), 2);
}

#[test]
fn a_card_goes_to_the_inbox_and_is_accepted_edited_undone_and_redone_exactly() {
    let mut l = live();
    let d = join(&mut l, "join-aaaa", None, Some("initiatief"));
    send(
        &mut l,
        Some(d),
        "card-0001",
        card("bord", "rechts", "Te traag"),
    )
    .unwrap();
    // In the inbox, not on the board; tagged with the phone's party.
    assert_eq!(board_texts(&l), vec![vec!["start".to_string()], vec![]]);
    let inbox: Vec<_> = l.state.room.inbox().collect();
    assert_eq!(inbox.len(), 1);
    let id = inbox[0].id;
    assert_eq!(inbox[0].device, d);
    let before = l.state.clone();
    l.record(
        Change::ProposalAccepted {
            proposal: id,
            text: Some("Besluiten gaan te traag".into()),
            position: None,
        },
        at(5),
    )
    .unwrap();
    assert_eq!(
        board_texts(&l),
        vec![
            vec!["start".to_string()],
            vec!["Besluiten gaan te traag".to_string()]
        ]
    );
    let b = l.state.board(0).unwrap();
    assert_eq!(b.card(id).unwrap().party.as_deref(), Some("initiatief"));
    assert_eq!(l.state.room.proposals[&id].status, ProposalStatus::Accepted);
    let after = l.state.clone();
    l.record(Change::Undo, at(6)).unwrap();
    assert_eq!(l.state.steps, before.steps);
    assert_eq!(l.state.room, before.room);
    l.record(Change::Redo, at(7)).unwrap();
    assert_eq!(l.state.steps, after.steps);
    assert_eq!(l.state.room, after.room);
}

#[test]
fn every_room_change_of_the_facilitator_is_undone_and_redone_exactly() {
    let mut l = live();
    let a = join(&mut l, "join-aaaa", Some("Anna"), None);
    let b = join(&mut l, "join-bbbb", None, Some("gemeente"));
    for (i, text) in ["een", "twee", "drie", "vier"].iter().enumerate() {
        send(
            &mut l,
            Some(if i % 2 == 0 { a } else { b }),
            &format!("card-{i:04}"),
            card("bord", "links", text),
        )
        .unwrap();
    }
    send(
        &mut l,
        Some(a),
        "commit-01",
        Submission::Commitment {
            step: "akkoord".into(),
            what: "Notulen delen".into(),
            who: "Anna".into(),
            when: "vrijdag".into(),
        },
    )
    .unwrap();
    let ids: Vec<u32> = l.state.room.inbox().map(|p| p.id).collect();
    assert_eq!(ids.len(), 5);
    let changes = vec![
        Change::ProposalAccepted {
            proposal: ids[1],
            text: Some("TWEE".into()),
            position: Some(0),
        },
        Change::ProposalRejected { proposal: ids[0] },
        Change::ProposalsAccepted {
            proposals: vec![ids[2], ids[4]],
        },
        Change::ProposalReopened { proposal: ids[0] },
        Change::ProposalAccepted {
            proposal: ids[3],
            text: None,
            position: None,
        },
        Change::CardEdited {
            step: "bord".into(),
            card: ids[3],
            text: "VIER".into(),
        },
        Change::DeviceRemoved { device: b },
        Change::DeviceReadmitted { device: b },
        Change::DeviceRemoved { device: a },
        Change::InboxSet {
            step: None,
            on: Some(false),
        },
        Change::InboxSet {
            step: Some("bord".into()),
            on: Some(true),
        },
        // Reopening an accepted card whose text was edited afterwards takes it off.
        Change::ProposalReopened { proposal: ids[3] },
    ];
    let content = |l: &Live| (l.state.steps.clone(), l.state.room.clone());
    let mut states = vec![content(&l)];
    for (i, c) in changes.into_iter().enumerate() {
        l.record(c.clone(), at(100 + i as i64))
            .unwrap_or_else(|e| panic!("{c:?}: {e}"));
        states.push(content(&l));
    }
    for expected in states.iter().rev().skip(1) {
        l.record(Change::Undo, at(200)).expect("undo");
        assert_eq!(&content(&l), expected);
    }
    assert_eq!(
        l.record(Change::Undo, at(201)),
        Err(ReduceError::NothingToUndo)
    );
    for expected in states.iter().skip(1) {
        l.record(Change::Redo, at(202)).expect("redo");
        assert_eq!(&content(&l), expected);
    }
    // The whole log folds to the same state again.
    assert_eq!(l.session.state().expect("folds"), l.state);
}

#[test]
fn with_the_inbox_off_a_card_appears_at_once() {
    let mut l = live();
    let d = join(&mut l, "join-aaaa", None, None);
    l.record(
        Change::InboxSet {
            step: Some("bord".into()),
            on: Some(false),
        },
        at(1),
    )
    .unwrap();
    send(
        &mut l,
        Some(d),
        "card-0001",
        card("bord", "links", "Meteen"),
    )
    .unwrap();
    assert_eq!(
        board_texts(&l),
        vec![vec!["start".to_string(), "Meteen".to_string()], vec![]]
    );
    assert_eq!(l.state.room.inbox().count(), 0);
    // The facilitator's undo reaches the setting, not the phone's card.
    l.record(Change::Undo, at(2)).unwrap();
    assert!(l.state.room.moderated("bord"));
    assert_eq!(board_texts(&l)[0].len(), 2);
}

#[test]
fn a_retry_with_the_same_key_is_recognised_and_changes_nothing() {
    let mut l = live();
    let d = join(&mut l, "join-aaaa", None, None);
    let n = send(&mut l, Some(d), "card-0001", card("bord", "links", "Eén")).unwrap();
    let (state, events) = (l.state.clone(), l.session.events.clone());
    assert_eq!(
        send(&mut l, Some(d), "card-0001", card("bord", "links", "Eén")),
        Err(ReduceError::Duplicate(n - 1))
    );
    // A retried join too: same key, no second device.
    assert_eq!(
        send(
            &mut l,
            None,
            "join-aaaa",
            Submission::Join {
                name: None,
                party: None,
                secret: SECRET.into()
            }
        ),
        Err(ReduceError::Duplicate(0))
    );
    assert_eq!((l.state.clone(), l.session.events.clone()), (state, events));
    // After a restart (the log folded again) the key is still known.
    let mut reopened = Live::open(l.session.clone()).expect("folds");
    assert_eq!(
        send(
            &mut reopened,
            Some(d),
            "card-0001",
            card("bord", "links", "Eén")
        ),
        Err(ReduceError::Duplicate(n - 1))
    );
}

#[test]
fn a_phone_has_its_own_dots_takes_back_only_its_own_and_none_after_the_reveal() {
    let mut l = live();
    let a = join(&mut l, "join-aaaa", None, None);
    let b = join(&mut l, "join-bbbb", None, None);
    let dot = |placed| Submission::Dot {
        step: "stem".into(),
        target: VoteTarget::Card(1),
        placed,
    };
    send(&mut l, Some(a), "dot-a-0001", dot(true)).unwrap();
    send(&mut l, Some(a), "dot-a-0002", dot(true)).unwrap();
    assert_eq!(
        send(&mut l, Some(a), "dot-a-0003", dot(true)),
        Err(ReduceError::NoDotsLeft("stem".into()))
    );
    assert_eq!(l.state.device_dots(2, a), 2);
    // Another phone cannot take them back, nor can the facilitator.
    assert_eq!(
        send(&mut l, Some(b), "dot-b-0001", dot(false)),
        Err(ReduceError::NoDot("stem".into()))
    );
    assert_eq!(
        l.record(
            Change::DotRemoved {
                step: "stem".into(),
                target: VoteTarget::Card(1)
            },
            at(50)
        ),
        Err(ReduceError::NoDot("stem".into()))
    );
    send(&mut l, Some(a), "dot-a-0004", dot(false)).unwrap();
    assert_eq!(vote(&l).dots[&VoteTarget::Card(1)], 1);
    // The facilitator's own dot sits beside the phone's and can be taken off.
    l.record(
        Change::DotAdded {
            step: "stem".into(),
            target: VoteTarget::Card(1),
        },
        at(51),
    )
    .unwrap();
    assert_eq!(vote(&l).dots[&VoteTarget::Card(1)], 2);
    l.record(
        Change::VoteRevealed {
            step: "stem".into(),
            revealed: true,
        },
        at(52),
    )
    .unwrap();
    assert_eq!(
        send(&mut l, Some(b), "dot-b-0002", dot(true)),
        Err(ReduceError::VoteClosed("stem".into()))
    );
    assert_eq!(
        send(&mut l, Some(a), "dot-a-0005", dot(false)),
        Err(ReduceError::VoteClosed("stem".into()))
    );
    // The facilitator's undo takes the reveal back, then its own dot, never the phone's.
    l.record(Change::Undo, at(53)).unwrap();
    l.record(Change::Undo, at(54)).unwrap();
    assert_eq!(vote(&l).dots[&VoteTarget::Card(1)], 1);
    assert_eq!(vote(&l).by_device[&a][&VoteTarget::Card(1)], 1);
    assert!(!l.state.can_undo());
}

#[test]
fn a_phone_endorses_for_itself_or_its_party_and_for_nobody_else() {
    // Parties endorse (the fixture's agreement).
    let mut l = live();
    let a = join(&mut l, "join-aaaa", None, Some("gemeente"));
    let b = join(&mut l, "join-bbbb", None, None);
    let endorse = |endorsed| Submission::Endorse {
        step: "akkoord".into(),
        item: "statement".into(),
        endorsed,
    };
    send(&mut l, Some(a), "end-a-0001", endorse(true)).unwrap();
    let endorsed = |l: &Live| match &l.state.steps[3] {
        StepState::Agreement(ag) => ag
            .endorsements
            .get("statement")
            .map(|s| s.iter().cloned().collect::<Vec<_>>())
            .unwrap_or_default(),
        _ => panic!("step 3 is an agreement"),
    };
    assert_eq!(endorsed(&l), ["gemeente"]);
    assert_eq!(
        send(&mut l, Some(b), "end-b-0001", endorse(true)),
        Err(ReduceError::NoPartyChosen)
    );
    // A hand-made event for another party is refused too.
    refused(
        &mut l,
        Event {
            at: at(60),
            origin: origin(b, "end-b-0002").map(Box::new),
            change: Change::EndorsementSet {
                step: "akkoord".into(),
                item: "statement".into(),
                endorser: "initiatief".into(),
                endorsed: true,
            },
        },
        ReduceError::NotYours,
    );

    // Participants endorse: each phone for itself.
    let mut s = scenario();
    if let StepKind::Agreement(spec) = &mut s.steps[3].kind {
        spec.endorse_by = Endorsers::Participants;
    }
    let session = Session::new(Arc::new(s), "P".into(), at(0), Lang::Nl);
    let mut l = Live::open(session).unwrap();
    let a = join(&mut l, "join-aaaa", None, None);
    let b = join(&mut l, "join-bbbb", None, None);
    send(&mut l, Some(a), "end-a-0001", endorse(true)).unwrap();
    assert_eq!(endorsed(&l), [device_endorser(a)]);
    let e = crate::core::tally::endorsement(&l.state, 3, "statement");
    assert_eq!((e.by.len(), e.of), (1, 2));
    refused(
        &mut l,
        Event {
            at: at(61),
            origin: origin(b, "end-b-0001").map(Box::new),
            change: Change::EndorsementSet {
                step: "akkoord".into(),
                item: "statement".into(),
                endorser: device_endorser(a),
                endorsed: false,
            },
        },
        ReduceError::NotYours,
    );
}
