//! A grid in a series of meetings: `samenspel new --from` writes into the new session's
//! grid where every item stood at the end of the previous meeting. The parties start
//! there again, typed items come back as start items in their place, and the analysis
//! says what moved (cards are new in every meeting, so they are compared by their text).

use super::{GridItem, PreviousPlace, StartItem, entries};
use crate::core::scenario::{Scenario, StepKind};
use crate::core::state::SessionState;
use crate::core::text::{Lang, Text};

/// Carries the places of every grid of `previous` (a state of the same scenario, in
/// `lang`) into `scenario`, step by step (matched by id).
pub fn carry_over(scenario: &mut Scenario, previous: &SessionState, lang: Lang) {
    for step in &mut scenario.steps {
        let StepKind::Grid(spec) = &mut step.kind else {
            continue;
        };
        let Some(index) = previous.scenario.step_index(&step.id) else {
            continue;
        };
        if previous.scenario.steps[index].kind.grid().is_none() {
            continue;
        }
        let items = entries(previous, index, lang);
        spec.previous = items
            .iter()
            .filter_map(|e| {
                Some(PreviousPlace {
                    label: e.label.clone(),
                    party: match &e.key {
                        GridItem::Party(p) => Some(p.clone()),
                        _ => None,
                    },
                    at: e.at?,
                })
            })
            .collect();
        // The typed items of last time start this meeting where they stood.
        spec.start = items
            .iter()
            .filter(|e| matches!(e.key, GridItem::Item(_)))
            .map(|e| StartItem {
                label: Text::new(e.label.clone(), e.label.clone()),
                party: e.party.clone(),
                at: e.at,
            })
            .collect();
    }
}
