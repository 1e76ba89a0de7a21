//! The poll's reducer and tally, and phones' answers (named, and anonymous).

use super::*;
use crate::core::event::Event;
use crate::core::fixture::at;
use crate::core::kinds_testing::{live, refused, undone_and_redone_exactly};
use crate::core::room::EventOrigin;
use crate::core::{Change, ReduceError};

fn answer(statement: &str, who: Endorser, value: Option<i32>) -> Change {
    Change::PollAnswered {
        step: "peiling".into(),
        statement: statement.into(),
        respondent: who,
        answer: value,
    }
}

fn count(value: i32, added: bool) -> Change {
    Change::PollCounted {
        step: "anoniem".into(),
        statement: "door".into(),
        answer: value,
        added,
    }
}

fn poll(l: &crate::core::Live, index: usize) -> &PollState {
    match &l.state.steps[index] {
        StepState::Poll(p) => p,
        _ => panic!("step {index} is a poll"),
    }
}

#[test]
fn every_poll_change_is_undone_and_redone_exactly() {
    let mut l = live();
    undone_and_redone_exactly(
        &mut l,
        vec![
            answer("tempo", Endorser::Participant(1), Some(4)),
            answer("tempo", Endorser::Participant(2), Some(2)),
            answer("tempo", Endorser::Participant(1), Some(5)),
            answer("tempo", Endorser::Participant(2), None),
            Change::PollRevealed {
                step: "peiling".into(),
                statement: "tempo".into(),
                revealed: true,
            },
            Change::PollStatementAdded {
                step: "peiling".into(),
                id: "vraag-3".into(),
                text: "Doorgaan met dit onderwerp?".into(),
                position: None,
            },
            Change::PollRevealed {
                step: "peiling".into(),
                statement: "vraag-3".into(),
                revealed: true,
            },
            Change::PollStatementRemoved {
                step: "peiling".into(),
                id: "vraag-3".into(),
            },
            count(YES, true),
            count(YES, true),
            count(DONT_KNOW, true),
            count(YES, false),
        ],
    );
}

#[test]
fn a_tally_lists_every_answer_and_the_average_leaves_dont_know_out() {
    let mut l = live();
    for (i, c) in [
        answer("tempo", Endorser::Participant(1), Some(4)),
        answer("tempo", Endorser::Participant(2), Some(2)),
        count(YES, true),
        count(YES, true),
        count(NO, true),
        count(DONT_KNOW, true),
    ]
    .into_iter()
    .enumerate()
    {
        l.record(c, at(i as i64)).unwrap();
    }
    let spec = l.state.scenario.steps[5].kind.poll().unwrap();
    let t = tally(spec, poll(&l, 5), "tempo");
    assert_eq!(t, vec![(1, 0), (2, 1), (3, 0), (4, 1), (5, 0)]);
    assert_eq!(answered(&t), 2);
    assert_eq!(average(spec, &t), Some(3.0));
    let yes_no = l.state.scenario.steps[6].kind.poll().unwrap();
    let t = tally(yes_no, poll(&l, 6), "door");
    assert_eq!(t, vec![(YES, 2), (NO, 1), (DONT_KNOW, 1)]);
    let share = average(yes_no, &t).unwrap();
    assert!((share - 2.0 / 3.0).abs() < 1e-9, "{share}");
    // Only counts: nobody's answer is kept.
    assert!(poll(&l, 6).answers.is_empty());
}

#[test]
fn refused_poll_changes_leave_state_and_log_untouched() {
    let mut l = live();
    refused(
        &mut l,
        answer("tempo", Endorser::Participant(1), Some(6)),
        ReduceError::NotAnAnswer(6, "peiling".into()),
    );
    refused(
        &mut l,
        answer("nergens", Endorser::Participant(1), Some(3)),
        ReduceError::NoStatement("nergens".into(), "peiling".into()),
    );
    refused(
        &mut l,
        answer("tempo", Endorser::Participant(7), Some(3)),
        ReduceError::NotMember("p7".into()),
    );
    refused(
        &mut l,
        answer("tempo", Endorser::Party("gemeente".into()), Some(3)),
        ReduceError::NotMember("gemeente".into()),
    );
    refused(
        &mut l,
        Change::PollAnswered {
            step: "anoniem".into(),
            statement: "door".into(),
            respondent: Endorser::Participant(1),
            answer: Some(YES),
        },
        ReduceError::CountsOnly("anoniem".into()),
    );
    refused(
        &mut l,
        Change::PollCounted {
            step: "peiling".into(),
            statement: "tempo".into(),
            answer: 3,
            added: true,
        },
        ReduceError::NotCountsOnly("peiling".into()),
    );
    refused(
        &mut l,
        count(NO, false),
        ReduceError::NoCount("anoniem".into()),
    );
    refused(
        &mut l,
        Change::PollStatementRemoved {
            step: "peiling".into(),
            id: "tempo".into(),
        },
        ReduceError::FixedStatement("tempo".into()),
    );
    refused(
        &mut l,
        Change::PollStatementAdded {
            step: "peiling".into(),
            id: "tempo".into(),
            text: "nog eens".into(),
            position: None,
        },
        ReduceError::StatementExists("tempo".into()),
    );
    refused(
        &mut l,
        Change::PollStatementAdded {
            step: "peiling".into(),
            id: "Vraag 3".into(),
            text: "nog eens".into(),
            position: None,
        },
        ReduceError::BadStatementId("Vraag 3".into()),
    );
    l.record(
        Change::PollStatementAdded {
            step: "peiling".into(),
            id: "extra".into(),
            text: "Extra".into(),
            position: None,
        },
        at(1),
    )
    .unwrap();
    l.record(answer("extra", Endorser::Participant(1), Some(1)), at(2))
        .unwrap();
    refused(
        &mut l,
        Change::PollStatementRemoved {
            step: "peiling".into(),
            id: "extra".into(),
        },
        ReduceError::StatementAnswered("extra".into()),
    );
}

fn joined(l: &mut crate::core::Live) -> u32 {
    let join = Event {
        at: at(1),
        origin: Some(Box::new(EventOrigin {
            device: 1,
            key: "join-key-1".into(),
        })),
        change: Change::DeviceJoined {
            device: 1,
            name: Some("Telefoon van Piet".into()),
            party: None,
            secret: "a".repeat(64),
        },
    };
    l.record_event(join).unwrap();
    1
}

#[test]
fn a_phone_answers_for_itself_until_the_statement_is_revealed() {
    let mut l = live();
    let phone = joined(&mut l);
    let from_phone = |change: Change, key: &str| Event {
        at: at(2),
        origin: Some(Box::new(EventOrigin {
            device: phone,
            key: key.into(),
        })),
        change,
    };
    l.record_event(from_phone(
        answer("tempo", Endorser::Device(phone), Some(5)),
        "answer-1",
    ))
    .unwrap();
    assert_eq!(
        l.record_event(from_phone(
            answer("tempo", Endorser::Participant(1), Some(1)),
            "answer-2"
        )),
        Err(ReduceError::NotYours)
    );
    assert!(
        !l.state.can_undo(),
        "a phone's answer is not the facilitator's to undo"
    );
    l.record(
        Change::PollRevealed {
            step: "peiling".into(),
            statement: "tempo".into(),
            revealed: true,
        },
        at(3),
    )
    .unwrap();
    assert_eq!(
        l.record_event(from_phone(
            answer("tempo", Endorser::Device(phone), Some(4)),
            "answer-3"
        )),
        Err(ReduceError::StatementClosed)
    );
    assert_eq!(poll(&l, 5).answers["tempo"][&Endorser::Device(phone)], 5);
}

#[test]
fn an_anonymous_answer_counts_once_per_ballot_and_is_the_rooms() {
    let mut l = live();
    joined(&mut l);
    let ballot = |key: &str, change: Change| Event {
        at: at(2),
        origin: Some(Box::new(EventOrigin {
            device: ANONYMOUS_DEVICE,
            key: key.into(),
        })),
        change,
    };
    l.record_event(ballot("ballot-aaaaaaaa", count(YES, true)))
        .unwrap();
    // The same ballot again (a retry, or a second answer) is the same submission.
    assert_eq!(
        l.record_event(ballot("ballot-aaaaaaaa", count(NO, true))),
        Err(ReduceError::Duplicate(1))
    );
    // An anonymous change can only count an answer.
    assert_eq!(
        l.record_event(ballot("ballot-bbbbbbbb", count(YES, false))),
        Err(ReduceError::NotFromDevice)
    );
    // The facilitator takes off only what the facilitator counted.
    refused(
        &mut l,
        count(YES, false),
        ReduceError::NoCount("anoniem".into()),
    );
    l.record(count(YES, true), at(3)).unwrap();
    l.record(count(YES, false), at(4)).unwrap();
    assert_eq!(poll(&l, 6).counts["door"][&YES], 1);
    assert_eq!(poll(&l, 6).from_room["door"][&YES], 1);
}
