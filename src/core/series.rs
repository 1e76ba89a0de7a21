//! A series of meetings: a new session that starts by looking back at what the previous
//! one agreed (a review step), with the previous participants carried over and a record
//! of which file it continues.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;

use super::commitment::Owner;
use super::dates;
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
    let owner = |o: &Owner| -> String {
        match o {
            Owner::Party(id) => who(id),
            Owner::Participant(id) => state
                .participants
                .iter()
                .find(|p| p.id == *id)
                .map(participant_name)
                .unwrap_or_else(|| format!("{} {id}", lang.pick("Deelnemer", "Participant"))),
        }
    };
    let mut agreements = Vec::new();
    let mut items = Vec::new();
    let mut next = 1;
    let mut push_item = |items: &mut Vec<ReviewItem>, item: ReviewItem| {
        let prefix = if item.parked_from.is_some() {
            "parkeer"
        } else {
            "actie"
        };
        items.push(ReviewItem {
            id: format!("{prefix}-{next}"),
            ..item
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
                        push_item(
                            &mut items,
                            ReviewItem {
                                since,
                                ..item.clone()
                            },
                        );
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
                    let mut owners: Vec<String> = c.owners.iter().map(owner).collect();
                    if !c.who.trim().is_empty() && !owners.is_empty() {
                        owners.push(who(c.who.trim()));
                    }
                    let who_text = if owners.is_empty() {
                        who(&c.who)
                    } else {
                        owners.join(", ")
                    };
                    push_item(
                        &mut items,
                        ReviewItem {
                            id: String::new(),
                            what: c.what.clone(),
                            who: who_text,
                            when: c.when.clone(),
                            since: None,
                            due: c.due,
                            owners,
                            parked_from: None,
                        },
                    );
                }
            }
            _ => {}
        }
    }
    for parked in &state.parked {
        let from = scenario
            .step_index(&parked.step)
            .map(|i| scenario.steps[i].title.get(lang).to_string())
            .unwrap_or_else(|| parked.step.clone());
        push_item(
            &mut items,
            ReviewItem {
                id: String::new(),
                what: parked.card.text.clone(),
                who: parked.card.party.as_deref().map(who).unwrap_or_default(),
                when: String::new(),
                since: None,
                due: None,
                owners: Vec::new(),
                parked_from: Some(from),
            },
        );
    }
    ReviewSpec {
        from: Some(previous.title.clone()),
        agreements,
        items,
    }
}

/// An action of a review that is past its date on the day of the new meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Late {
    /// Index into the review's items.
    pub item: usize,
    /// Days past its date.
    pub days: i64,
}

/// The overdue actions of a review on `today` (the new meeting's day), per owner: owners
/// with the latest action first, each owner's actions latest first. An action of two
/// owners is under both; one with no owner is under its `who`, or under an empty name.
pub fn overdue_by_owner(spec: &ReviewSpec, today: Date) -> Vec<(String, Vec<Late>)> {
    let mut groups: Vec<(String, Vec<Late>)> = Vec::new();
    for (index, item) in spec.items.iter().enumerate() {
        let Some(due) = item.due else { continue };
        let days = dates::days_late(due, today);
        if days <= 0 || item.parked_from.is_some() {
            continue;
        }
        let owners: Vec<String> = if item.owners.is_empty() {
            vec![item.who.trim().to_string()]
        } else {
            item.owners.clone()
        };
        for owner in owners {
            let late = Late { item: index, days };
            match groups.iter_mut().find(|(o, _)| *o == owner) {
                Some((_, list)) => list.push(late),
                None => groups.push((owner, vec![late])),
            }
        }
    }
    for (_, list) in &mut groups {
        list.sort_by(|a, b| b.days.cmp(&a.days).then(a.item.cmp(&b.item)));
    }
    let most = |list: &[Late]| list.first().map(|l| l.days).unwrap_or(0);
    groups.sort_by(|(a, la), (b, lb)| most(lb).cmp(&most(la)).then_with(|| a.cmp(b)));
    groups
}

/// The order a review goes through its items on `today`: overdue actions first (latest
/// first), then the others in their order.
pub fn review_order(spec: &ReviewSpec, today: Date) -> Vec<usize> {
    let mut late: Vec<(i64, usize)> = spec
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.parked_from.is_none())
        .filter_map(|(n, i)| Some((dates::days_late(i.due?, today), n)))
        .filter(|(days, _)| *days > 0)
        .collect();
    late.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let first: Vec<usize> = late.iter().map(|(_, n)| *n).collect();
    let rest = (0..spec.items.len()).filter(|n| !first.contains(n));
    first.iter().copied().chain(rest).collect()
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
        influence: None,
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
    super::grid::series::carry_over(&mut scenario, state, previous.lang);
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
                ..Default::default()
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
