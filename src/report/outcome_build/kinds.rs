//! Building the outcome of grid, consent and poll steps: labels resolved, names replaced
//! when anonymizing (a member who is a participant is named by their label).

use super::Ctx;
use crate::core::Endorser;
use crate::core::consent::{ConsentSpec, ConsentState, members};
use crate::core::grid::{GridSpec, Quadrant, analyse, entries};
use crate::core::poll::{PollSpec, PollState, answered, average, statements, tally};
use crate::core::state::StepState;
use crate::report::outcome_kinds::*;

impl Ctx<'_> {
    /// A member's name as the outcome shows it: a participant's label (never a name when
    /// anonymized), a phone's label, a party's name.
    fn member_label(&self, who: &Endorser, shown: &str) -> String {
        let parties = self.state.scenario.parties();
        if who.party(parties).is_some() {
            return shown.to_string();
        }
        if let Some(id) = who.participant(parties)
            && let Some(p) = self.participants.iter().find(|p| p.id == id)
        {
            return p.label.clone();
        }
        self.scrub.text(shown).into_owned()
    }

    pub(super) fn grid(&self, index: usize, spec: &GridSpec) -> GridOutcome {
        let items: Vec<GridItemOutcome> = entries(self.state, index, self.lang)
            .into_iter()
            .map(|e| GridItemOutcome {
                label: self.scrub.text(&e.label).into_owned(),
                quadrant: e.at.map(|p| spec.quadrant(p)),
                key: e.key,
                party: e.party,
                at: e.at,
                note: self.scrub.text(&e.note).into_owned(),
            })
            .collect();
        let per_quadrant = Quadrant::ALL
            .iter()
            .map(|q| QuadrantOutcome {
                quadrant: *q,
                name: spec.quadrants.name(*q).clone(),
                items: items
                    .iter()
                    .filter(|i| i.quadrant == Some(*q))
                    .map(|i| i.label.clone())
                    .collect(),
            })
            .collect();
        let unplaced = items
            .iter()
            .filter(|i| i.at.is_none())
            .map(|i| i.label.clone())
            .collect();
        let moved = analyse(self.state, index, self.lang)
            .map(|a| a.moved)
            .unwrap_or_default()
            .into_iter()
            .map(|m| MoveOutcome {
                label: self.scrub.text(&m.label).into_owned(),
                from: m.from,
                to: m.to,
                changed_quadrant: m.changed_quadrant,
            })
            .collect();
        GridOutcome {
            x: spec.x.clone(),
            y: spec.y.clone(),
            quadrants: spec.quadrants.clone(),
            items,
            per_quadrant,
            unplaced,
            moved,
        }
    }

    pub(super) fn consent(
        &self,
        index: usize,
        spec: &ConsentSpec,
        round: &ConsentState,
    ) -> ConsentOutcome {
        let scrub = |t: &str| self.scrub.text(t).into_owned();
        let list = members(self.state, index, self.lang);
        let label = |who: &Endorser| {
            list.iter().find(|m| &m.who == who).map_or_else(
                || who.key().into_owned(),
                |m| self.member_label(who, &m.label),
            )
        };
        let number = |id: u32| {
            round
                .amendments
                .iter()
                .position(|a| a.id == id)
                .map(|i| i + 1)
        };
        let positions = list
            .iter()
            .filter_map(|m| {
                let p = round.positions.get(&m.who)?;
                Some(PositionOutcome {
                    member: m.who.key().into_owned(),
                    label: self.member_label(&m.who, &m.label),
                    stance: p.stance,
                    text: scrub(&p.text),
                    resolved_by: p.resolved_by.and_then(number),
                })
            })
            .collect();
        let said = round
            .said
            .iter()
            .map(|((phase, who), text)| SaidOutcome {
                phase: *phase,
                label: label(who),
                text: scrub(text),
            })
            .collect();
        let amendments = round
            .amendments
            .iter()
            .enumerate()
            .map(|(i, a)| AmendmentOutcome {
                number: i + 1,
                before: scrub(&a.before),
                text: scrub(&a.text),
                resolves: a.resolves.iter().map(&label).collect(),
            })
            .collect();
        let original = round
            .amendments
            .first()
            .map_or_else(|| round.proposal.clone(), |a| a.before.clone());
        ConsentOutcome {
            by: spec.by,
            original: scrub(&original),
            proposal: scrub(&round.proposal),
            phase: round.phase,
            decided: round.decided,
            open_objections: round.open_objections().count(),
            positions,
            said,
            amendments,
        }
    }

    pub(super) fn poll(&self, index: usize, spec: &PollSpec, poll: &PollState) -> PollOutcome {
        let nl = spec.answers.options(crate::core::Lang::Nl);
        let en = spec.answers.options(crate::core::Lang::En);
        let options = nl
            .into_iter()
            .zip(en)
            .map(|((value, nl), (_, en))| AnswerOption {
                value,
                label: crate::core::Text::new(nl, en),
            })
            .collect();
        let statements = statements(self.state, index, self.lang)
            .into_iter()
            .map(|s| {
                let t = tally(spec, poll, &s.id);
                StatementOutcome {
                    text: self.scrub.text(&s.text).into_owned(),
                    added: s.added,
                    revealed: poll.revealed.contains(&s.id),
                    answered: answered(&t),
                    average: average(spec, &t),
                    counts: t.iter().map(|(_, n)| *n).collect(),
                    id: s.id,
                }
            })
            .collect();
        PollOutcome {
            counts_only: spec.counts_only,
            options,
            statements,
        }
    }

    /// The outcome of step `index` when it is a grid, consent or poll step.
    pub(super) fn exercise(&self, index: usize) -> Option<crate::report::outcome::StepResult> {
        use crate::report::outcome::StepResult;
        let kind = &self.state.scenario.steps.get(index)?.kind;
        Some(match (kind, self.state.steps.get(index)?) {
            (crate::core::StepKind::Grid(spec), StepState::Grid(_)) => {
                StepResult::Grid(Box::new(self.grid(index, spec)))
            }
            (crate::core::StepKind::Consent(spec), StepState::Consent(round)) => {
                StepResult::Consent(self.consent(index, spec, round))
            }
            (crate::core::StepKind::Poll(spec), StepState::Poll(poll)) => {
                StepResult::Poll(self.poll(index, spec, poll))
            }
            _ => return None,
        })
    }
}
