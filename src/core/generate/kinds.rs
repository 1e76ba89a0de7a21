//! Plausible changes to grid, consent and poll steps, for generated sessions.

use super::{Rng, sentence};
use crate::core::consent::{ConsentPhase, Position, Stance, members};
use crate::core::grid::{GridPoint, entries};
use crate::core::poll::{respondents, statements};
use crate::core::scenario::StepKind;
use crate::core::{Change, Lang, SessionState, StepState};

/// A change to step `index` of `state` when it is a grid, consent or poll step.
pub(super) fn propose(state: &SessionState, index: usize, rng: &mut Rng) -> Option<Change> {
    let step = state.scenario.steps.get(index)?;
    let id = step.id.clone();
    match (&step.kind, state.steps.get(index)?) {
        (StepKind::Grid(spec), StepState::Grid(grid)) => {
            let items = entries(state, index, Lang::Nl);
            let r = rng.below(100);
            if items.is_empty() || (r < 10 && grid.typed.len() < 30) {
                return Some(Change::GridItemAdded {
                    step: id,
                    item: state.next_id,
                    label: sentence(rng),
                    party: None,
                    position: None,
                });
            }
            let item = rng.pick(&items)?.key.clone();
            Some(if r < 15 {
                Change::GridNoted {
                    step: id,
                    item,
                    note: sentence(rng),
                }
            } else {
                let at = GridPoint {
                    x: 1 + rng.below(usize::from(spec.x.points)) as u8,
                    y: 1 + rng.below(usize::from(spec.y.points)) as u8,
                };
                Change::GridPlaced {
                    step: id,
                    item,
                    at: (r < 95).then_some(at),
                }
            })
        }
        (StepKind::Consent(_), StepState::Consent(round)) => {
            let m = members(state, index, Lang::Nl);
            let r = rng.below(100);
            if r < 10 {
                let phase = *rng.pick(&ConsentPhase::ALL)?;
                return Some(Change::ConsentPhaseSet { step: id, phase });
            }
            if r < 15 {
                return Some(Change::ConsentDecided {
                    step: id,
                    decided: !round.decided,
                });
            }
            let who = rng.pick(&m)?.who.clone();
            if r < 25 {
                let resolves: Vec<_> = round.open_objections().take(1).cloned().collect();
                return Some(Change::ConsentAmended {
                    step: id,
                    amendment: state.next_id,
                    text: sentence(rng),
                    resolves,
                });
            }
            if !round.phase.takes_positions() {
                return Some(Change::ConsentSaid {
                    step: id,
                    phase: round.phase,
                    member: who,
                    text: sentence(rng),
                });
            }
            let stance = *rng.pick(&Stance::ALL)?;
            Some(Change::ConsentPositionSet {
                step: id,
                member: who,
                position: Some(Position {
                    stance,
                    text: if stance.needs_text() {
                        sentence(rng)
                    } else {
                        String::new()
                    },
                    resolved_by: None,
                }),
            })
        }
        (StepKind::Poll(spec), StepState::Poll(poll)) => {
            let lines = statements(state, index, Lang::Nl);
            let r = rng.below(100);
            if r < 5 && poll.added.len() < 20 {
                return Some(Change::PollStatementAdded {
                    step: id,
                    id: format!("extra-{}", state.next_id + rng.below(1000) as u32),
                    text: sentence(rng),
                    position: None,
                });
            }
            let statement = rng.pick(&lines)?.id.clone();
            if r < 10 {
                return Some(Change::PollRevealed {
                    step: id,
                    revealed: !poll.revealed.contains(&statement),
                    statement,
                });
            }
            let options = spec.answers.options(Lang::Nl);
            let answer = rng.pick(&options)?.0;
            if spec.counts_only {
                return Some(Change::PollCounted {
                    step: id,
                    statement,
                    answer,
                    added: r < 85,
                });
            }
            let people = respondents(state, index, Lang::Nl);
            Some(Change::PollAnswered {
                step: id,
                statement,
                respondent: rng.pick(&people)?.0.clone(),
                answer: (r < 95).then_some(answer),
            })
        }
        _ => None,
    }
}
