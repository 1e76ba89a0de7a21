//! The consent round's reducer.

use super::*;
use crate::core::fixture::at;
use crate::core::kinds_testing::{live, refused, undone_and_redone_exactly};
use crate::core::{Change, ReduceError};

fn phase(p: ConsentPhase) -> Change {
    Change::ConsentPhaseSet {
        step: "besluit".into(),
        phase: p,
    }
}

fn position(who: Endorser, stance: Stance, text: &str) -> Change {
    Change::ConsentPositionSet {
        step: "besluit".into(),
        member: who,
        position: Some(Position {
            stance,
            text: text.into(),
            resolved_by: None,
        }),
    }
}

fn round(l: &crate::core::Live) -> &ConsentState {
    match &l.state.steps[3] {
        StepState::Consent(c) => c,
        _ => panic!("step 3 is a consent round"),
    }
}

const ANNA: Endorser = Endorser::Participant(1);
const COOP: Endorser = Endorser::Participant(2);

#[test]
fn a_round_starts_with_its_proposal_and_its_members_in_order() {
    let l = live();
    assert_eq!(round(&l).proposal, "We werken samen als gelijken.");
    assert_eq!(round(&l).phase, ConsentPhase::Questions);
    let m = members(&l.state, 3, Lang::Nl);
    let labels: Vec<&str> = m.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Anna", "Coöperatie"]);
    let parties = members(&l.state, 4, Lang::En);
    assert_eq!(parties[0].label, "Municipality");
}

#[test]
fn every_consent_change_is_undone_and_redone_exactly() {
    let mut l = live();
    let id = l.state.next_id;
    undone_and_redone_exactly(
        &mut l,
        vec![
            Change::ConsentSaid {
                step: "besluit".into(),
                phase: ConsentPhase::Questions,
                member: ANNA,
                text: "Wie zit in de stuurgroep?".into(),
            },
            phase(ConsentPhase::Reactions),
            Change::ConsentSaid {
                step: "besluit".into(),
                phase: ConsentPhase::Reactions,
                member: COOP,
                text: "Goed plan".into(),
            },
            phase(ConsentPhase::Objections),
            position(ANNA, Stance::Objection, "Het mandaat is niet geregeld"),
            position(COOP, Stance::Concern, "Let op de planning"),
            Change::ConsentAmended {
                step: "besluit".into(),
                amendment: id,
                text: "We werken samen als gelijken; elk team heeft mandaat.".into(),
                resolves: vec![ANNA],
            },
            phase(ConsentPhase::Consent),
            position(ANNA, Stance::Consent, ""),
            Change::ConsentDecided {
                step: "besluit".into(),
                decided: true,
            },
        ],
    );
    let r = round(&l);
    assert!(r.decided);
    assert_eq!(r.amendments.len(), 1);
    assert_eq!(r.amendments[0].before, "We werken samen als gelijken.");
    assert_eq!(r.amendments[0].resolves, vec![ANNA]);
}

#[test]
fn an_amendment_resolves_an_objection_and_undoing_it_opens_it_again() {
    let mut l = live();
    let id = l.state.next_id;
    for (i, c) in [
        phase(ConsentPhase::Objections),
        position(ANNA, Stance::Objection, "te vaag"),
        Change::ConsentAmended {
            step: "besluit".into(),
            amendment: id,
            text: "Scherper voorstel".into(),
            resolves: vec![ANNA],
        },
    ]
    .into_iter()
    .enumerate()
    {
        l.record(c, at(i as i64)).unwrap();
    }
    assert_eq!(round(&l).open_objections().count(), 0);
    assert_eq!(round(&l).positions[&ANNA].resolved_by, Some(id));
    l.record(Change::Undo, at(10)).unwrap();
    assert_eq!(round(&l).open_objections().count(), 1);
    assert_eq!(round(&l).proposal, "We werken samen als gelijken.");
}

#[test]
fn refused_consent_changes_leave_state_and_log_untouched() {
    let mut l = live();
    refused(
        &mut l,
        position(ANNA, Stance::Consent, ""),
        ReduceError::NotPositionRound("besluit".into()),
    );
    l.record(phase(ConsentPhase::Objections), at(1)).unwrap();
    refused(
        &mut l,
        position(ANNA, Stance::Objection, "  "),
        ReduceError::ReasonNeeded,
    );
    refused(
        &mut l,
        position(Endorser::Participant(9), Stance::Consent, ""),
        ReduceError::NotMember("p9".into()),
    );
    refused(
        &mut l,
        position(Endorser::Party("gemeente".into()), Stance::Consent, ""),
        ReduceError::NotMember("gemeente".into()),
    );
    refused(
        &mut l,
        Change::ConsentSaid {
            step: "besluit".into(),
            phase: ConsentPhase::Consent,
            member: ANNA,
            text: "?".into(),
        },
        ReduceError::NotSayingRound,
    );
    l.record(position(ANNA, Stance::Objection, "te duur"), at(2))
        .unwrap();
    refused(
        &mut l,
        Change::ConsentDecided {
            step: "besluit".into(),
            decided: true,
        },
        ReduceError::OpenObjections(1),
    );
    refused(
        &mut l,
        Change::ConsentAmended {
            step: "besluit".into(),
            amendment: 99,
            text: "anders".into(),
            resolves: vec![COOP],
        },
        ReduceError::NoOpenObjection("p2".into()),
    );
    refused(
        &mut l,
        Change::ConsentAmended {
            step: "besluit".into(),
            amendment: 99,
            text: " ".into(),
            resolves: vec![],
        },
        ReduceError::EmptyText,
    );
    refused(
        &mut l,
        Change::ConsentAmendmentWithdrawn {
            step: "besluit".into(),
            amendment: 99,
        },
        ReduceError::NoAmendment(99, "besluit".into()),
    );
    // A round without a proposal cannot be decided.
    refused(
        &mut l,
        Change::ConsentDecided {
            step: "partijen".into(),
            decided: true,
        },
        ReduceError::EmptyProposal("partijen".into()),
    );
    // Once decided, the round is closed until the decision is undone.
    l.record(position(ANNA, Stance::StandAside, ""), at(3))
        .unwrap();
    l.record(
        Change::ConsentDecided {
            step: "besluit".into(),
            decided: true,
        },
        at(4),
    )
    .unwrap();
    refused(
        &mut l,
        position(COOP, Stance::Consent, ""),
        ReduceError::Decided("besluit".into()),
    );
    refused(
        &mut l,
        phase(ConsentPhase::Questions),
        ReduceError::Decided("besluit".into()),
    );
}

#[test]
fn only_the_last_amendment_can_be_taken_back() {
    let mut l = live();
    for (i, (id, text)) in [(50, "een"), (51, "twee")].into_iter().enumerate() {
        l.record(
            Change::ConsentAmended {
                step: "besluit".into(),
                amendment: id,
                text: text.into(),
                resolves: vec![],
            },
            at(i as i64),
        )
        .unwrap();
    }
    refused(
        &mut l,
        Change::ConsentAmendmentWithdrawn {
            step: "besluit".into(),
            amendment: 50,
        },
        ReduceError::NotLastAmendment(50),
    );
    refused(
        &mut l,
        Change::ConsentAmended {
            step: "besluit".into(),
            amendment: 51,
            text: "drie".into(),
            resolves: vec![],
        },
        ReduceError::AmendmentExists(51),
    );
}

#[test]
fn counts_of_positions_read_as_counts_in_both_languages() {
    let said: Vec<String> = Stance::ALL
        .iter()
        .flat_map(|s| {
            [
                s.counted(1, Lang::Nl),
                s.counted(2, Lang::Nl),
                s.counted(2, Lang::En),
            ]
        })
        .collect();
    assert_eq!(
        said,
        [
            "1 instemming",
            "2 instemmingen",
            "2 consents",
            "1 instemming met zorg",
            "2 instemmingen met zorg",
            "2 consents with a concern",
            "1 bezwaar",
            "2 bezwaren",
            "2 objections",
            "1 staat opzij",
            "2 staan opzij",
            "2 stand aside",
        ]
    );
}
