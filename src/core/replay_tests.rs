//! Replay equals live: any prefix of a generated log folds to the state the live session
//! had after that many events, and the timeline reaches every position exactly.

use std::sync::Arc;

use jiff::Timestamp;
use proptest::prelude::*;

use super::*;
use crate::core::scenario::Scenario;
use crate::core::state::{Commitment, Participant, ReviewStatus, RowRef, StepState, VoteTarget};
use crate::core::validate::validate_scenario;
use crate::core::{Lang, Live};

/// A scenario with one step of every kind, so every kind of change can be generated.
pub(crate) fn every_kind() -> Scenario {
    let json = r#"{
      "format": "samenspel/scenario", "version": 1, "id": "alles",
      "title": {"nl": "Alles", "en": "Everything"},
      "description": {"nl": "Elke soort stap", "en": "Every kind of step"},
      "steps": [
        {"id": "r", "title": {"nl": "Terug", "en": "Back"}, "prompt": {"nl": "?", "en": "?"},
         "review": {"from": "Vorige", "items": [
            {"id": "actie-1", "what": "Brief sturen", "who": "gemeente"},
            {"id": "actie-2", "what": "Avond plannen"}]}},
        {"id": "b", "title": {"nl": "Bord", "en": "Board"}, "prompt": {"nl": "?", "en": "?"},
         "board": {"lanes": [
            {"id": "l1", "title": {"nl": "Een", "en": "One"},
             "cards": [{"text": {"nl": "Start", "en": "Start"}}]},
            {"id": "l2", "title": {"nl": "Twee", "en": "Two"}, "party": "gemeente"}]}},
        {"id": "m", "title": {"nl": "Matrix", "en": "Matrix"}, "prompt": {"nl": "?", "en": "?"},
         "matrix": {"rows_from": "b",
            "columns": [{"id": "gem", "label": {"nl": "Gem", "en": "Mun"}},
                        {"id": "ini", "label": {"nl": "Ini", "en": "Ini"}}],
            "scale": {"type": "numeric", "min": -2, "max": 2}}},
        {"id": "v", "title": {"nl": "Stem", "en": "Vote"}, "prompt": {"nl": "?", "en": "?"},
         "minutes": 5, "vote": {"on": "b", "dots": 2}},
        {"id": "a", "title": {"nl": "Akkoord", "en": "Accord"}, "prompt": {"nl": "?", "en": "?"},
         "agreement": {"statement": {"nl": "Wij", "en": "We"},
            "principles": [{"id": "p1", "text": {"nl": "Eerlijk", "en": "Fair"}}]}}
      ]}"#;
    let scenario: Scenario = serde_json::from_str(json).expect("test scenario parses");
    assert_eq!(validate_scenario(&scenario), vec![]);
    scenario
}

const STEPS: [&str; 5] = ["r", "b", "m", "v", "a"];
const PARTIES: [&str; 3] = ["gemeente", "initiatief", "nergens"];

fn cards(state: &SessionState) -> Vec<u32> {
    state
        .board(1)
        .map_or(Vec::new(), |b| b.cards().map(|c| c.id).collect())
}

fn pick<T: Copy>(items: &[T], n: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[n as usize % items.len()])
}

/// Turns three small numbers into a change that may or may not fit the state.
fn change(state: &SessionState, (kind, a, b): (u8, u8, u8)) -> Change {
    let step = |s: &str| s.to_string();
    // Mostly existing cards, now and then one that is not there.
    let card = pick(&cards(state), a).filter(|_| b % 7 != 0).unwrap_or(999);
    let participants: Vec<u32> = state.participants.iter().map(|p| p.id).collect();
    let commitments: Vec<u32> = match &state.steps[4] {
        StepState::Agreement(ag) => ag.commitments.iter().map(|c| c.id).collect(),
        _ => Vec::new(),
    };
    let party = (b % 3 != 0).then(|| PARTIES[b as usize % 3].to_string());
    match kind % 26 {
        0 => Change::StepOpened {
            step: step(STEPS[a as usize % 5]),
        },
        1 | 2 => Change::CardAdded {
            step: step("b"),
            lane: step(["l1", "l2", "l3"][a as usize % 3]),
            card: if b % 11 == 0 { card } else { state.next_id },
            text: format!("kaart {a}"),
            party,
            theme: None,
            position: (b % 2 == 0).then_some(b as usize % 4),
        },
        3 => Change::CardEdited {
            step: step("b"),
            card,
            text: format!("anders {b}"),
        },
        4 => Change::CardDeleted {
            step: step("b"),
            card,
        },
        5 => Change::CardMoved {
            step: step("b"),
            card,
            lane: step(["l1", "l2"][b as usize % 2]),
            position: b as usize % 4,
        },
        6 => Change::CardTagged {
            step: step("b"),
            card,
            party,
        },
        7 => Change::ThemeSet {
            step: step("b"),
            cards: vec![card],
            theme: (b % 2 == 0).then(|| format!("thema {}", b % 3)),
        },
        8 => Change::ParticipantAdded {
            participant: Participant {
                id: state.next_id,
                name: (b % 2 == 0).then(|| "Anna".to_string()),
                organisation: "Coöperatie".into(),
                party: None,
                present: b % 3 != 0,
            },
        },
        9 => Change::ParticipantEdited {
            participant: Participant {
                id: pick(&participants, a).unwrap_or(77),
                name: None,
                organisation: format!("org {b}"),
                party: None,
                present: b % 2 == 0,
            },
        },
        10 => Change::ParticipantRemoved {
            id: pick(&participants, a).unwrap_or(77),
        },
        11 => Change::VotersSet {
            step: step("v"),
            voters: (b % 3 != 0).then_some(u32::from(b % 4)),
        },
        12 | 13 => Change::DotAdded {
            step: step("v"),
            target: VoteTarget::Card(card),
        },
        14 => Change::DotRemoved {
            step: step("v"),
            target: VoteTarget::Card(card),
        },
        15 => Change::VoteRevealed {
            step: step("v"),
            revealed: b % 2 == 0,
        },
        16 => Change::CellSet {
            step: step("m"),
            row: RowRef::Card(card),
            column: step(["gem", "ini"][b as usize % 2]),
            value: (b % 5 != 0).then_some(i32::from(b % 6) - 3),
        },
        17 => Change::CellNoted {
            step: step("m"),
            row: RowRef::Card(card),
            column: step("ini"),
            note: if b % 2 == 0 {
                String::new()
            } else {
                "let op".into()
            },
        },
        18 => Change::CommitmentAdded {
            step: step("a"),
            commitment: Commitment {
                id: state.next_id,
                what: format!("actie {a}"),
                who: "gemeente".into(),
                when: "mei".into(),
                ..Default::default()
            },
            position: None,
        },
        19 if b % 2 == 0 => Change::CommitmentRemoved {
            step: step("a"),
            id: pick(&commitments, a).unwrap_or(55),
        },
        19 => Change::CommitmentEdited {
            step: step("a"),
            commitment: Commitment {
                id: pick(&commitments, a).unwrap_or(55),
                what: format!("bijgesteld {b}"),
                who: "initiatief".into(),
                when: String::new(),
                ..Default::default()
            },
        },
        20 => Change::EndorsementSet {
            step: step("a"),
            item: step(["statement", "p1", "p9"][a as usize % 3]),
            endorser: PARTIES[b as usize % 3].into(),
            endorsed: a % 2 == 0,
        },
        21 => match b % 3 {
            0 => Change::TimerStarted { step: step("v") },
            1 => Change::TimerPaused { step: step("v") },
            _ => Change::TimerSet {
                step: step("v"),
                minutes: u32::from(a % 9) + 1,
            },
        },
        22 => Change::ReviewMarked {
            step: step("r"),
            item: step(["actie-1", "actie-2", "actie-9"][a as usize % 3]),
            status: [
                None,
                Some(ReviewStatus::Done),
                Some(ReviewStatus::Open),
                Some(ReviewStatus::Dropped),
            ][b as usize % 4],
        },
        23 | 24 => Change::Undo,
        _ => Change::Redo,
    }
}

/// Records the accepted changes live; returns the session and the state after each event.
fn record(ops: &[(u8, u8, u8)]) -> (Session, Vec<SessionState>) {
    let start = Timestamp::from_second(1_700_000_000).expect("a valid time");
    let session = Session::new(Arc::new(every_kind()), "Proef".into(), start, Lang::Nl);
    let mut live = Live::open(session).expect("an empty session folds");
    let mut snapshots = vec![live.state.clone()];
    for (i, op) in ops.iter().enumerate() {
        let at = Timestamp::from_second(1_700_000_000 + 7 * i as i64).expect("a valid time");
        if live.record(change(&live.state, *op), at).is_ok() {
            snapshots.push(live.state.clone());
        }
    }
    (live.session, snapshots)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_prefix_replays_to_the_live_state(
        ops in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 0..160),
    ) {
        let (session, snapshots) = record(&ops);
        prop_assert_eq!(snapshots.len(), session.events.len() + 1);
        for (n, live) in snapshots.iter().enumerate() {
            let replayed = session.state_at(n).map_err(|p| TestCaseError::fail(p.en))?;
            prop_assert_eq!(&replayed, live, "after {} events", n);
        }
    }

    #[test]
    fn the_timeline_reaches_any_position_in_any_order(
        ops in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 0..160),
        seeks in prop::collection::vec(any::<u16>(), 1..40),
        every in 1usize..9,
    ) {
        let (session, snapshots) = record(&ops);
        let mut timeline = Timeline::with_every(&session, every);
        let mut state = session.initial_state();
        let n = session.events.len();
        for s in seeks {
            let target = s as usize % (n + 1);
            let mut seen_before = None;
            timeline
                .seek_with(&session, &mut state, target, |before, i| {
                    seen_before = Some((before.clone(), i));
                })
                .map_err(|p| TestCaseError::fail(p.en))?;
            prop_assert_eq!(&state, &snapshots[target], "at {}", target);
            if let Some((before, i)) = seen_before {
                prop_assert_eq!(i + 1, target);
                prop_assert_eq!(&before, &snapshots[i]);
            }
        }
    }
}

#[test]
fn undo_targets_name_the_change_reverted() {
    let ops = [
        (1, 0, 1),
        (1, 1, 1),
        (23, 0, 0),
        (25, 0, 0),
        (23, 0, 0),
        (23, 0, 0),
    ];
    let (session, _) = record(&ops);
    let kinds: Vec<&Change> = session.events.iter().map(|e| &e.change).collect();
    assert!(matches!(kinds[2], Change::Undo), "{kinds:?}");
    let timeline = Timeline::new(&session);
    assert_eq!(timeline.target(2), Target::Event(1));
    assert_eq!(timeline.target(3), Target::Event(1));
    assert_eq!(timeline.target(4), Target::Event(1));
    assert_eq!(timeline.target(5), Target::Event(0));
    assert_eq!(timeline.target(0), Target::None);
}

#[test]
fn marks_and_leaving_a_step() {
    // Open b, add a card, open m, back to b, add, open v.
    let ops = [
        (0, 1, 1),
        (1, 0, 1),
        (0, 2, 1),
        (0, 1, 1),
        (1, 1, 1),
        (0, 3, 1),
    ];
    let (session, _) = record(&ops);
    assert_eq!(session.events.len(), 6);
    let marks: Vec<(usize, usize)> = step_marks(&session)
        .iter()
        .map(|m| (m.at, m.step))
        .collect();
    assert_eq!(marks, vec![(0, 0), (1, 1), (3, 2), (4, 1), (6, 3)]);
    // Board b was last left by the sixth event: the state before it holds both cards.
    assert_eq!(left_at(&session, 1), Some(5));
    assert_eq!(left_at(&session, 3), Some(6));
    assert_eq!(left_at(&session, 0), Some(0));
    assert_eq!(left_at(&session, 4), None);
    let timeline = Timeline::new(&session);
    assert_eq!(timeline.next_mark(1), Some(3));
    assert_eq!(timeline.prev_mark(4), 3);
    assert_eq!(timeline.prev_mark(3), 1);
    assert_eq!(timeline.mark_at(5).step, 1);
}

#[test]
fn the_generator_exercises_every_kind_of_change() {
    // A fixed pseudo-random sequence: the property tests above are not vacuous only if
    // the generator's changes are accepted, of every kind, undo and redo included.
    let mut x: u32 = 12345;
    let mut next = || {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (x >> 16) as u8
    };
    let ops: Vec<(u8, u8, u8)> = (0..3000).map(|_| (next(), next(), next())).collect();
    let (session, _) = record(&ops);
    let mut kinds: Vec<String> = session
        .events
        .iter()
        .map(|e| {
            let json = serde_json::to_value(&e.change).expect("serializes");
            json["type"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 26, "{kinds:?}");
}
