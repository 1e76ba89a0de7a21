//! The actions of an outcome: each commitment with its owners, date and link resolved
//! into labels; the parking lot; and the list of all actions sorted by owner and date
//! that the handout, the spreadsheet and the calendar share.

use jiff::civil::Date;

use super::outcome::*;
use super::outcome_build::Ctx;
use crate::core::scenario::{AgreementSpec, StepKind};
use crate::core::state::{Commitment, Owner, Source};
use crate::core::{Lang, dates};

impl Ctx<'_> {
    /// A commitment as shared: owners named, the link read, names scrubbed when
    /// anonymizing.
    pub(super) fn commitment(
        &self,
        spec: &AgreementSpec,
        c: &Commitment,
        endorsed_by: Vec<Endorser>,
    ) -> CommitmentOutcome {
        let who = self.scrub.who(&c.who).into_owned();
        let owners: Vec<OwnerOutcome> = c
            .owners
            .iter()
            .map(|o| OwnerOutcome {
                owner: o.clone(),
                label: self.owner_label(o),
            })
            .collect();
        let mut labels: Vec<String> = owners.iter().map(|o| o.label.clone()).collect();
        if !who.trim().is_empty() {
            labels.push(self.who_label(who.trim()));
        }
        CommitmentOutcome {
            id: c.id,
            what: if self.full {
                self.scrub.text(&c.what).into_owned()
            } else {
                String::new()
            },
            who,
            who_label: labels.join(", "),
            when: if self.full {
                self.scrub.text(&c.when).into_owned()
            } else {
                String::new()
            },
            endorsed_by,
            owners,
            due: c.due,
            from: c.from.as_ref().map(|s| SourceOutcome {
                source: s.clone(),
                label: self.source_label(spec, s),
            }),
        }
    }

    fn owner_label(&self, owner: &Owner) -> String {
        match owner {
            Owner::Party(id) => super::outcome::party_name(&self.parties, id, self.lang),
            Owner::Participant(id) => self
                .participants
                .iter()
                .find(|p| p.id == *id)
                .map(|p| p.label.clone())
                .unwrap_or_else(|| format!("{} {id}", self.lang.pick("Deelnemer", "Participant"))),
        }
    }

    fn source_label(&self, spec: &AgreementSpec, source: &Source) -> String {
        let lang = self.lang;
        let scenario = &self.state.scenario;
        let step_title = |id: &str| {
            scenario
                .step_index(id)
                .map(|i| {
                    let step = &scenario.steps[i];
                    match scenario.step_number(i) {
                        Some(n) => format!(
                            "{} {n}",
                            scenario
                                .step_name
                                .as_ref()
                                .map_or(lang.pick("Stap", "Step"), |t| t.get(lang))
                        ),
                        None => step.title.get(lang).to_string(),
                    }
                })
                .unwrap_or_else(|| id.to_string())
        };
        match source {
            Source::Card(card) => {
                let text = self
                    .state
                    .any_card(*card)
                    .map(|c| self.scrub.text(&c.text).into_owned())
                    .unwrap_or_else(|| format!("{} {card}", lang.pick("kaart", "card")));
                let step = self
                    .state
                    .steps
                    .iter()
                    .enumerate()
                    .find_map(|(i, s)| match s {
                        crate::core::StepState::Board(b) => b.find(*card).map(|_| i),
                        _ => None,
                    });
                match step {
                    Some(i) => format!("{}: {text}", step_title(&scenario.steps[i].id)),
                    None => text,
                }
            }
            Source::Track(id) => spec
                .tracks
                .iter()
                .find(|t| &t.id == id)
                .map(|t| format!("{}: {}", lang.pick("Spoor", "Track"), t.label.get(lang)))
                .unwrap_or_else(|| id.clone()),
            Source::Principle(id) => scenario
                .steps
                .iter()
                .find_map(|s| match &s.kind {
                    StepKind::Agreement(a) => a.principles.iter().find(|p| &p.id == id),
                    _ => None,
                })
                .map(|p| {
                    format!(
                        "{}: {}",
                        lang.pick("Uitgangspunt", "Principle"),
                        p.text.get(lang)
                    )
                })
                .unwrap_or_else(|| id.clone()),
            Source::Step(id) => step_title(id),
        }
    }

    /// The parking lot at the end of the meeting.
    pub(super) fn parked(&self) -> Vec<ParkedOutcome> {
        let scenario = &self.state.scenario;
        self.state
            .parked
            .iter()
            .map(|p| ParkedOutcome {
                step: p.step.clone(),
                step_title: scenario
                    .step_index(&p.step)
                    .map(|i| scenario.steps[i].title.clone())
                    .unwrap_or_else(|| crate::core::Text::new(&p.step, &p.step)),
                lane: p.lane.clone(),
                card: self.card(&p.card),
            })
            .collect()
    }
}

/// One action of a meeting, as the handout, the spreadsheet and the calendar list it.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow<'a> {
    /// The agreement step it is in.
    pub step: &'a StepOutcome,
    /// The commitment.
    pub commitment: &'a CommitmentOutcome,
    /// The first owner's label (or the free who): what the list is sorted by.
    pub lead: String,
}

impl ActionRow<'_> {
    /// "ma 1 feb 2027", or the free text, or nothing.
    pub fn when_label(&self, lang: Lang) -> String {
        match self.commitment.due {
            Some(date) => dates::format(date, lang),
            None => self.commitment.when.clone(),
        }
    }

    /// Its date, if it has one.
    pub fn due(&self) -> Option<Date> {
        self.commitment.due
    }
}

impl Outcome {
    /// Every action of the meeting, sorted by owner (the first one) and then date (dated
    /// ones first, earliest first), keeping the meeting's order otherwise.
    pub fn actions(&self) -> Vec<ActionRow<'_>> {
        let mut rows: Vec<ActionRow<'_>> = self
            .steps
            .iter()
            .flat_map(|step| {
                let commitments: &[CommitmentOutcome] = match &step.result {
                    StepResult::Agreement(a) => &a.commitments,
                    _ => &[],
                };
                commitments.iter().map(move |c| ActionRow {
                    step,
                    commitment: c,
                    lead: c
                        .owners
                        .first()
                        .map(|o| o.label.clone())
                        .unwrap_or_else(|| c.who_label.clone()),
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            let key = |r: &ActionRow<'_>| (r.lead.trim().is_empty(), r.lead.to_lowercase());
            key(a).cmp(&key(b)).then_with(|| match (a.due(), b.due()) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
        });
        rows
    }
}
