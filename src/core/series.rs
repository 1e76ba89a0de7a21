//! A series of meetings: a new session that starts by looking back at what the previous
//! one agreed (a review step), with the previous participants carried over and a record
//! of which file it continues.

use std::sync::Arc;

use jiff::Timestamp;

use super::endorser::Endorser;
use super::scenario::{ReviewAgreement, ReviewItem, ReviewSpec, Scenario, Step, StepKind};
use super::session::{Origin, Session};
use super::state::{Participant, ReviewStatus, SessionState, StepState};
use super::text::{Lang, Text};

/// The id of the review step, unless the scenario already uses it (then `-2`, `-3`, ...).
pub const REVIEW_STEP_ID: &str = "terugblik";

/// What the previous meeting leaves to look back on: the statements and principles it
/// endorsed, its commitments, and the actions an earlier review left open or undiscussed.
pub fn review_of(previous: &Session, state: &SessionState) -> ReviewSpec {
    let lang = previous.lang;
    let scenario = &previous.scenario;
    let parties = scenario.parties();
    let endorser = |e: &Endorser| -> String {
        if let Some(p) = e.party(parties) {
            return p.name.get(lang).to_string();
        }
        if let Some(device) = super::room::device_endorser_label(state, e, lang) {
            return device;
        }
        e.participant(parties)
            .and_then(|n| state.participants.iter().find(|p| p.id == n))
            .map(participant_name)
            .unwrap_or_else(|| e.key().into_owned())
    };
    let who = |who: &str| -> String {
        parties
            .iter()
            .find(|p| p.id == who)
            .map(|p| p.name.get(lang).to_string())
            .unwrap_or_else(|| who.to_string())
    };
    let mut agreements = Vec::new();
    let mut items = Vec::new();
    let mut next = 1;
    let mut push_item = |items: &mut Vec<ReviewItem>, what: &str, w: &str, when: &str, since| {
        items.push(ReviewItem {
            id: format!("actie-{next}"),
            what: what.to_string(),
            who: w.to_string(),
            when: when.to_string(),
            since,
        });
        next += 1;
    };
    for (step, content) in scenario.steps.iter().zip(&state.steps) {
        match (&step.kind, content) {
            (StepKind::Review(spec), StepState::Review(review)) => {
                for item in &spec.items {
                    let open =
                        matches!(review.marks.get(&item.id), None | Some(ReviewStatus::Open));
                    if open {
                        let since = item.since.clone().or_else(|| spec.from.clone());
                        push_item(&mut items, &item.what, &item.who, &item.when, since);
                    }
                }
            }
            (StepKind::Agreement(spec), StepState::Agreement(agreement)) => {
                let mut endorsed = |key: &str, text: &Text| {
                    if let Some(set) = agreement.endorsements.get(key)
                        && !set.is_empty()
                    {
                        agreements.push(ReviewAgreement {
                            text: text.get(lang).to_string(),
                            endorsed_by: set.iter().map(&endorser).collect(),
                        });
                    }
                };
                if let Some(statement) = &spec.statement {
                    endorsed("statement", statement);
                }
                for principle in &spec.principles {
                    endorsed(&principle.id, &principle.text);
                }
                for c in &agreement.commitments {
                    push_item(&mut items, &c.what, &who(&c.who), &c.when, None);
                }
            }
            _ => {}
        }
    }
    ReviewSpec {
        from: Some(previous.title.clone()),
        agreements,
        items,
    }
}

fn participant_name(p: &Participant) -> String {
    match (&p.name, p.organisation.is_empty()) {
        (Some(name), false) => format!("{name} ({})", p.organisation),
        (Some(name), true) => name.clone(),
        (None, _) => p.organisation.clone(),
    }
}

/// The review step for `spec`, with an id that `scenario` does not use yet.
pub fn review_step(scenario: &Scenario, spec: ReviewSpec) -> Step {
    let mut id = REVIEW_STEP_ID.to_string();
    let mut n = 2;
    while scenario.step_index(&id).is_some() {
        id = format!("{REVIEW_STEP_ID}-{n}");
        n += 1;
    }
    Step {
        id,
        title: Text::new("Terugblik op de vorige keer", "Looking back at last time"),
        prompt: Text::new(
            "Wat is er geworden van de afspraken van de vorige keer? Per afspraak: gedaan, loopt nog of vervallen.",
            "What became of last time's commitments? For each one: done, still open or dropped.",
        ),
        notes: Some(Text::new(
            "Afspraken die nog lopen of niet besproken zijn, gaan mee naar de terugblik van de volgende bijeenkomst.",
            "Commitments still open or not discussed are carried on to the review of the next meeting.",
        )),
        minutes: Some(10),
        kind: StepKind::Review(spec),
    }
}

/// A new session of `scenario` that continues `previous` (whose final state is `state`):
/// a review step comes first, the participants are carried over (none marked present
/// yet: presence is a fact of each meeting), and `origin` records the file it came from.
pub fn continue_series(
    mut scenario: Scenario,
    previous: &Session,
    state: &SessionState,
    origin: Origin,
    title: String,
    created: Timestamp,
    lang: Lang,
) -> Session {
    let step = review_step(&scenario, review_of(previous, state));
    scenario.steps.insert(0, step);
    let mut session = Session::new(Arc::new(scenario), title, created, lang);
    session.participants = state
        .participants
        .iter()
        .cloned()
        .map(|p| Participant {
            present: false,
            ..p
        })
        .collect();
    session.previous = Some(origin);
    session
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fixture;
    use crate::core::state::Commitment;
    use crate::core::{Change, Live};

    fn origin(title: &str) -> Origin {
        Origin {
            file: format!("{title}.json"),
            sha256: "0".repeat(64),
            title: title.into(),
            created: fixture::at(0),
        }
    }

    fn commitment(id: u32, what: &str) -> Change {
        Change::CommitmentAdded {
            step: "akkoord".into(),
            commitment: Commitment {
                id,
                what: what.into(),
                who: "gemeente".into(),
                when: "mei".into(),
            },
            position: None,
        }
    }

    #[test]
    fn a_series_carries_agreements_open_actions_and_participants() {
        let mut first = fixture::live();
        first.session.title = "Eerste".into();
        let participant = Participant {
            id: 80,
            name: Some("Anna".into()),
            organisation: "Gemeente".into(),
            party: Some("gemeente".into()),
            present: true,
        };
        let changes = [
            Change::ParticipantAdded { participant },
            commitment(81, "Brief sturen"),
            commitment(82, "Avond plannen"),
            Change::EndorsementSet {
                step: "akkoord".into(),
                item: "p1".into(),
                endorser: "gemeente".into(),
                endorsed: true,
            },
        ];
        for (i, c) in changes.into_iter().enumerate() {
            first.record(c, fixture::at(i as i64)).expect("fits");
        }
        let second = continue_series(
            fixture::scenario(),
            &first.session,
            &first.state,
            origin("Eerste"),
            "Tweede".into(),
            fixture::at(100),
            Lang::Nl,
        );
        assert_eq!(second.previous, Some(origin("Eerste")));
        assert_eq!(second.participants.len(), 1);
        assert!(!second.participants[0].present);
        let StepKind::Review(spec) = &second.scenario.steps[0].kind else {
            panic!("the review comes first");
        };
        assert_eq!(spec.from.as_deref(), Some("Eerste"));
        assert_eq!(spec.agreements.len(), 1);
        assert_eq!(spec.agreements[0].endorsed_by, ["Gemeente"]);
        let whats: Vec<(&str, &str)> = spec
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.what.as_str()))
            .collect();
        assert_eq!(
            whats,
            [("actie-1", "Brief sturen"), ("actie-2", "Avond plannen")]
        );
        assert_eq!(spec.items[0].who, "Gemeente");
        assert!(crate::core::validate::validate_scenario(&second.scenario).is_empty());

        // In the second meeting one action is done, the other still open.
        let mut second = Live::open(second).expect("folds");
        let step = second.session.scenario.steps[0].id.clone();
        for (item, status) in [
            ("actie-1", ReviewStatus::Done),
            ("actie-2", ReviewStatus::Open),
        ] {
            let mark = Change::ReviewMarked {
                step: step.clone(),
                item: item.into(),
                status: Some(status),
            };
            second.record(mark, fixture::at(200)).expect("marks");
        }
        let third = continue_series(
            fixture::scenario(),
            &second.session,
            &second.state,
            origin("Tweede"),
            "Derde".into(),
            fixture::at(300),
            Lang::Nl,
        );
        let StepKind::Review(spec) = &third.scenario.steps[0].kind else {
            panic!("the review comes first");
        };
        assert_eq!(spec.items.len(), 1);
        assert_eq!(spec.items[0].what, "Avond plannen");
        assert_eq!(spec.items[0].since.as_deref(), Some("Eerste"));
        assert_eq!(spec.from.as_deref(), Some("Tweede"));
    }

    #[test]
    fn the_review_step_gets_an_id_the_scenario_does_not_use() {
        let mut scenario = fixture::scenario();
        scenario.steps[0].id = REVIEW_STEP_ID.into();
        let step = review_step(
            &scenario,
            ReviewSpec {
                from: None,
                agreements: Vec::new(),
                items: Vec::new(),
            },
        );
        assert_eq!(step.id, "terugblik-2");
    }
}
