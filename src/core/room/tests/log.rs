//! Refusals of the room's rules leave state and log untouched; a log with origins folds,
//! replays, round-trips, is described, and merges.

use std::sync::Arc;

use super::{SECRET, card, join, origin, refused, send};
use crate::core::error::ReduceError;
use crate::core::event::{Change, Event};
use crate::core::fixture::{at, live, scenario};
use crate::core::room::{EventOrigin, Submission};
use crate::core::scenario::{Endorsers, StepKind};
use crate::core::session::{Live, Session};
use crate::core::state::{StepState, VoteTarget};
use crate::core::text::Lang;

#[test]
fn refused_room_changes_leave_state_and_log_untouched() {
    let mut l = live();
    let a = join(&mut l, "join-aaaa", None, None);
    l.record(Change::DeviceRemoved { device: a }, at(1))
        .unwrap();
    let ev = |origin: Option<EventOrigin>, change: Change| Event {
        at: at(2),
        origin: origin.map(Box::new),
        change,
    };
    let proposed = |id: u32, text: &str| Change::CardProposed {
        step: "bord".into(),
        lane: "links".into(),
        proposal: id,
        text: text.into(),
        party: None,
    };
    let cases = vec![
        // A removed device can no longer send.
        (
            ev(origin(a, "card-0001"), proposed(50, "x")),
            ReduceError::DeviceRemoved(a),
        ),
        // An unknown device.
        (
            ev(origin(7, "card-0002"), proposed(50, "x")),
            ReduceError::NoDevice(7),
        ),
        // A key of the wrong form.
        (
            ev(origin(a, "kort"), proposed(50, "x")),
            ReduceError::BadKey,
        ),
        // A proposal without a phone; a phone doing the facilitator's work.
        (ev(None, proposed(50, "x")), ReduceError::DeviceOnly),
        (
            ev(
                origin(a, "join-bbbb"),
                Change::DeviceJoined {
                    device: 2,
                    name: None,
                    party: None,
                    secret: SECRET.into(),
                },
            ),
            ReduceError::NotYours,
        ),
        (
            ev(
                origin(2, "join-bbbb"),
                Change::DeviceJoined {
                    device: 2,
                    name: None,
                    party: None,
                    secret: "geheim".into(),
                },
            ),
            ReduceError::BadSecret,
        ),
        (
            ev(
                origin(2, "join-bbbb"),
                Change::DeviceJoined {
                    device: 2,
                    name: Some("a\u{1b}[2J".into()),
                    party: None,
                    secret: SECRET.into(),
                },
            ),
            ReduceError::UncleanText,
        ),
        (
            ev(
                None,
                Change::ProposalAccepted {
                    proposal: 50,
                    text: None,
                    position: None,
                },
            ),
            ReduceError::NoProposal(50),
        ),
        (
            ev(None, Change::ProposalsAccepted { proposals: vec![] }),
            ReduceError::NothingToAccept,
        ),
        (
            ev(None, Change::DeviceReadmitted { device: 9 }),
            ReduceError::NoDevice(9),
        ),
        (
            ev(None, Change::DeviceRemoved { device: a }),
            ReduceError::DeviceRemoved(a),
        ),
        (
            ev(
                None,
                Change::InboxSet {
                    step: Some("nergens".into()),
                    on: Some(false),
                },
            ),
            ReduceError::NoStep("nergens".into()),
        ),
    ];
    for (event, expected) in cases {
        refused(&mut l, event, expected);
    }
    // Texts from a phone: clean, one line, not empty, at most 280 characters.
    l.record(Change::DeviceReadmitted { device: a }, at(3))
        .unwrap();
    let long = "x".repeat(281);
    for (text, expected) in [
        ("twee\nregels", ReduceError::UncleanText),
        ("", ReduceError::EmptyText),
        (long.as_str(), ReduceError::TooLong(280)),
    ] {
        refused(
            &mut l,
            ev(origin(a, "card-0003"), proposed(50, text)),
            expected,
        );
    }
    // Accepting twice, or all with one already taken, changes nothing.
    send(&mut l, Some(a), "card-0004", card("bord", "links", "een")).unwrap();
    let id = l.state.room.inbox().next().unwrap().id;
    l.record(Change::ProposalRejected { proposal: id }, at(4))
        .unwrap();
    refused(
        &mut l,
        ev(
            None,
            Change::ProposalsAccepted {
                proposals: vec![id],
            },
        ),
        ReduceError::NotPending(id),
    );
}

#[test]
fn a_log_with_origins_folds_replays_and_round_trips() {
    let mut l = live();
    let a = join(&mut l, "join-aaaa", Some("Anna"), None);
    send(&mut l, Some(a), "card-0001", card("bord", "rechts", "Eén")).unwrap();
    let id = l.state.room.inbox().next().unwrap().id;
    l.record(
        Change::ProposalAccepted {
            proposal: id,
            text: None,
            position: None,
        },
        at(9),
    )
    .unwrap();
    send(
        &mut l,
        Some(a),
        "dot-a-0001",
        Submission::Dot {
            step: "stem".into(),
            target: VoteTarget::Card(id),
            placed: true,
        },
    )
    .unwrap();
    let json = serde_json::to_string(&l.session).unwrap();
    assert!(
        json.contains(r#""origin":{"device":1,"key":"card-0001"}"#),
        "{json}"
    );
    let back: Session = serde_json::from_str(&json).unwrap();
    assert_eq!(back, l.session);
    assert_eq!(back.state().unwrap(), l.state);
    // Replay reaches every point, and the undo targets skip the phone's changes.
    let mut timeline = crate::core::replay::Timeline::with_every(&back, 1);
    let mut state = back.initial_state();
    for n in (0..=back.events.len()).rev() {
        timeline.seek(&back, &mut state, n).unwrap();
        assert_eq!(state, back.state_at(n).unwrap());
    }
    // Described with the phone's name.
    let before = back.state_at(1).unwrap();
    let said = crate::core::describe::describe(
        &back,
        &before,
        1,
        crate::core::replay::Target::None,
        Lang::Nl,
    );
    assert_eq!(said, "kaart voorgesteld: “Eén” · Anna");
    // An older file without origins reads as before: the field is optional.
    let plain = r#"{"at":"2026-11-21T09:00:00Z","change":{"type":"step_opened","step":"stem"}}"#;
    let e: Event = serde_json::from_str(plain).unwrap();
    assert_eq!(e.origin, None);
    assert_eq!(serde_json::to_string(&e).unwrap(), plain);
}

/// A live session of the fixture where participants (and so phones) endorse.
fn participants_endorse() -> Live {
    let mut s = scenario();
    if let StepKind::Agreement(spec) = &mut s.steps[3].kind {
        spec.endorse_by = Endorsers::Participants;
    }
    Live::open(Session::new(Arc::new(s), "P".into(), at(0), Lang::Nl)).unwrap()
}

#[test]
fn phones_carry_over_into_a_merge_and_are_named_where_endorsers_are_listed() {
    use crate::core::transform::merge::{Group, merge};
    let endorse = Submission::Endorse {
        step: "akkoord".into(),
        item: "statement".into(),
        endorsed: true,
    };
    let mut a = participants_endorse();
    let anna = join(&mut a, "join-aaaa", Some("Anna"), None);
    send(&mut a, Some(anna), "end-a-0001", endorse.clone()).unwrap();
    send(
        &mut a,
        Some(anna),
        "dot-a-0001",
        Submission::Dot {
            step: "stem".into(),
            target: VoteTarget::Card(1),
            placed: true,
        },
    )
    .unwrap();
    let mut b = participants_endorse();
    let phone = join(&mut b, "join-bbbb", None, None);
    send(&mut b, Some(phone), "end-b-0001", endorse).unwrap();

    // Where endorsers are named, a phone is named by its name or number.
    let outline = crate::core::outline::Outline::of(&a.session, &a.state, Lang::Nl);
    let lines = outline.lines(&a.state, Lang::Nl).join("\n");
    assert!(lines.contains("Anna"), "{lines}");
    let e = crate::core::tally::endorsement(&a.state, 3, "statement");
    assert_eq!((e.by.len(), e.of), (1, 1));

    let merged = merge(
        &[
            Group {
                name: "A".into(),
                live: &a,
            },
            Group {
                name: "B".into(),
                live: &b,
            },
        ],
        None,
    )
    .expect("sessions with phones merge");
    let m = Live::open(merged.session).expect("the merge folds");
    assert!(merged.dropped.is_empty(), "{:?}", merged.dropped);
    // The phones are participants there, present, each endorsement carried over.
    assert_eq!(m.state.participants.len(), 2);
    assert!(m.state.participants.iter().all(|p| p.present));
    let e = crate::core::tally::endorsement(&m.state, 3, "statement");
    assert_eq!((e.by.len(), e.of), (2, 2));
    // The phone's dot counts in the merged vote (on the same starting card).
    let start = m
        .state
        .board(0)
        .unwrap()
        .cards()
        .find(|c| c.text == "start")
        .unwrap()
        .id;
    match &m.state.steps[2] {
        StepState::Vote(v) => assert_eq!(v.dots.get(&VoteTarget::Card(start)), Some(&1)),
        _ => panic!("a vote"),
    }
}
