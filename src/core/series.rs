//! A series of meetings: a new session that starts by looking back at what the previous
//! one agreed (a review step), with the previous participants carried over and a record
//! of which file it continues.

use std::sync::Arc;

use jiff::Timestamp;

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
    let endorser = |id: &str| -> String {
        if let Some(p) = parties.iter().find(|p| p.id == id) {
            return p.name.get(lang).to_string();
        }
        id.strip_prefix('p')
            .and_then(|n| n.parse::<u32>().ok())
            .and_then(|n| state.participants.iter().find(|p| p.id == n))
            .map(participant_name)
            .unwrap_or_else(|| id.to_string())
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
                            endorsed_by: set.iter().map(|e| endorser(e)).collect(),
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
            "Wat is er geworden van de afspraken van de vorige keer? Per actie: gedaan, loopt nog of vervallen.",
            "What became of last time's agreements? For each action: done, still open or dropped.",
        ),
        notes: Some(Text::new(
            "Acties die nog lopen of niet besproken zijn, gaan mee naar de terugblik van de volgende bijeenkomst.",
            "Actions still open or not discussed are carried on to the review of the next meeting.",
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
