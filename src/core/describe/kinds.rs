//! The words for the changes of grid, consent and poll steps.

use super::{Describer, quote};
use crate::core::event::Change;
use crate::core::grid::{GridItem, point_text};
use crate::core::state::StepState;

/// What kind of change a grid, consent or poll change is; none for other changes.
pub(super) fn label(change: &Change) -> Option<(&'static str, &'static str)> {
    Some(match change {
        Change::GridPlaced { at: Some(_), .. } => ("geplaatst op het raster", "placed on the grid"),
        Change::GridPlaced { at: None, .. } => ("van het raster gehaald", "taken off the grid"),
        Change::GridNoted { .. } => ("notitie op het raster", "note on the grid"),
        Change::GridItemAdded { .. } => ("onderdeel toegevoegd", "item added"),
        Change::GridItemEdited { .. } => ("onderdeel hernoemd", "item renamed"),
        Change::GridItemRemoved { .. } => ("onderdeel verwijderd", "item removed"),
        Change::ConsentPhaseSet { .. } => ("ronde", "round"),
        Change::ConsentSaid { .. } => ("inbreng", "contribution"),
        Change::ConsentPositionSet {
            position: Some(_), ..
        } => ("standpunt", "position"),
        Change::ConsentPositionSet { position: None, .. } => {
            ("standpunt gewist", "position cleared")
        }
        Change::ConsentAmended { .. } => ("voorstel gewijzigd", "proposal amended"),
        Change::ConsentAmendmentWithdrawn { .. } => {
            ("wijziging teruggenomen", "amendment taken back")
        }
        Change::ConsentDecided { decided: true, .. } => ("besluit genomen", "decision taken"),
        Change::ConsentDecided { decided: false, .. } => {
            ("besluit teruggenomen", "decision taken back")
        }
        Change::PollAnswered { .. } => ("antwoord", "answer"),
        Change::PollCounted { added: true, .. } => ("antwoord geteld", "answer counted"),
        Change::PollCounted { added: false, .. } => ("antwoord weggehaald", "answer taken off"),
        Change::PollRevealed { revealed: true, .. } => ("antwoorden getoond", "answers shown"),
        Change::PollRevealed {
            revealed: false, ..
        } => ("antwoorden verborgen", "answers hidden"),
        Change::PollStatementAdded { .. } => ("stelling toegevoegd", "statement added"),
        Change::PollStatementRemoved { .. } => ("stelling verwijderd", "statement removed"),
        _ => return None,
    })
}

/// The label of what `inverse` (an entry of the undo history) reverts; none for other
/// changes.
pub(super) fn label_undone(inverse: &Change) -> Option<(&'static str, &'static str)> {
    Some(match inverse {
        Change::GridItemRemoved { .. } => ("onderdeel toegevoegd", "item added"),
        Change::GridItemAdded { .. } => ("onderdeel verwijderd", "item removed"),
        // The place before may have been none: name the kind, not the direction.
        Change::GridPlaced { .. } => ("geplaatst op het raster", "placed on the grid"),
        Change::ConsentPositionSet { .. } => ("standpunt", "position"),
        Change::ConsentAmendmentWithdrawn { .. } => ("voorstel gewijzigd", "proposal amended"),
        Change::ConsentAmended { .. } => ("wijziging teruggenomen", "amendment taken back"),
        Change::ConsentDecided { decided, .. } => {
            return label(&Change::ConsentDecided {
                step: String::new(),
                decided: !*decided,
            });
        }
        Change::PollCounted { added, .. } => {
            return label(&Change::PollCounted {
                step: String::new(),
                statement: String::new(),
                answer: 0,
                added: !*added,
            });
        }
        Change::PollRevealed { revealed, .. } => {
            return label(&Change::PollRevealed {
                step: String::new(),
                statement: String::new(),
                revealed: !*revealed,
            });
        }
        Change::PollStatementRemoved { .. } => ("stelling toegevoegd", "statement added"),
        Change::PollStatementAdded { .. } => ("stelling verwijderd", "statement removed"),
        other => return label(other),
    })
}

impl Describer<'_> {
    /// A grid's item by its name.
    fn grid_item(&self, step: &str, item: &GridItem) -> String {
        let index = self.state.scenario.step_index(step);
        let found = index.and_then(|i| {
            crate::core::grid::entries(self.state, i, self.lang)
                .into_iter()
                .find(|e| &e.key == item)
        });
        if let Some(e) = found {
            return quote(&e.label);
        }
        // A typed item no longer on the grid: its name from the log.
        if let GridItem::Item(id) = item {
            let named = self.events.iter().rev().find_map(|e| match &e.change {
                Change::GridItemAdded { item, label, .. }
                | Change::GridItemEdited { item, label, .. }
                    if item == id =>
                {
                    Some(label.clone())
                }
                _ => None,
            });
            if let Some(label) = named {
                return quote(&label);
            }
        }
        match item {
            GridItem::Party(p) => self.party(p),
            GridItem::Card(c) => self.card(*c),
            GridItem::Item(id) => format!("#{id}"),
        }
    }

    /// A statement of a poll by its text.
    fn statement(&self, step: &str, id: &str) -> String {
        let text = self.state.scenario.step_index(step).and_then(|i| {
            crate::core::poll::statements(self.state, i, self.lang)
                .into_iter()
                .find(|s| s.id == id)
                .map(|s| s.text)
        });
        match text {
            Some(t) => quote(&t),
            None => id.to_string(),
        }
    }

    fn answer(&self, step: &str, value: i32) -> String {
        let scenario = &self.state.scenario;
        scenario
            .step_index(step)
            .and_then(|i| scenario.steps[i].kind.poll())
            .and_then(|p| {
                p.answers
                    .options(self.lang)
                    .into_iter()
                    .find(|(v, _)| *v == value)
            })
            .map_or_else(|| value.to_string(), |(_, name)| name)
    }

    /// What a grid, consent or poll change is about; none for other changes.
    pub(super) fn exercise(&self, change: &Change) -> Option<String> {
        let l = self.lang;
        Some(match change {
            Change::GridPlaced { step, item, at } => {
                let what = self.grid_item(step, item);
                match at {
                    Some(p) => {
                        let quadrant = self
                            .state
                            .scenario
                            .step_index(step)
                            .and_then(|i| self.state.scenario.steps[i].kind.grid())
                            .map(|g| g.quadrants.name(g.quadrant(*p)).get(l).to_string());
                        match quadrant {
                            Some(q) => format!("{what} → {} ({q})", point_text(*p)),
                            None => format!("{what} → {}", point_text(*p)),
                        }
                    }
                    None => what,
                }
            }
            Change::GridNoted { step, item, .. } => self.grid_item(step, item),
            Change::GridItemAdded { label, .. } => quote(label),
            Change::GridItemEdited { step, item, label } => format!(
                "{} → {}",
                self.grid_item(step, &GridItem::Item(*item)),
                quote(label)
            ),
            Change::GridItemRemoved { step, item } => self.grid_item(step, &GridItem::Item(*item)),
            Change::ConsentPhaseSet { phase, .. } => phase.label(l).to_string(),
            Change::ConsentSaid { member, text, .. } => {
                format!("{}: {}", self.endorser(member), quote(text))
            }
            Change::ConsentPositionSet {
                member, position, ..
            } => match position {
                Some(p) if p.text.is_empty() => {
                    format!("{}: {}", self.endorser(member), p.stance.label(l))
                }
                Some(p) => format!(
                    "{}: {} {}",
                    self.endorser(member),
                    p.stance.label(l),
                    quote(&p.text)
                ),
                None => self.endorser(member),
            },
            Change::ConsentAmended { text, .. } => quote(text),
            Change::ConsentAmendmentWithdrawn { step, amendment } => {
                let text = self.state.scenario.step_index(step).and_then(|i| {
                    match self.state.steps.get(i) {
                        Some(StepState::Consent(c)) => c
                            .amendments
                            .iter()
                            .find(|a| a.id == *amendment)
                            .map(|a| quote(&a.text)),
                        _ => None,
                    }
                });
                text.unwrap_or_else(|| format!("#{amendment}"))
            }
            Change::PollAnswered {
                step,
                statement,
                respondent,
                answer,
            } => {
                let said = answer.map_or_else(
                    || l.pick("geen", "none").to_string(),
                    |a| self.answer(step, a),
                );
                format!(
                    "{} · {} = {said}",
                    self.endorser(respondent),
                    self.statement(step, statement)
                )
            }
            Change::PollCounted {
                step,
                statement,
                answer,
                ..
            } => format!(
                "{} · {}",
                self.statement(step, statement),
                self.answer(step, *answer)
            ),
            Change::PollRevealed {
                step, statement, ..
            } => self.statement(step, statement),
            Change::PollStatementAdded { text, .. } => quote(text),
            Change::PollStatementRemoved { step, id } => self.statement(step, id),
            _ => return None,
        })
    }
}

/// Whether `lang`'s label of a change that says nothing more than its label.
pub(super) fn label_only(change: &Change) -> bool {
    matches!(change, Change::ConsentDecided { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undone_decision_and_count_are_named_as_they_were_made() {
        let undo_decision = Change::ConsentDecided {
            step: "c".into(),
            decided: false,
        };
        assert_eq!(
            label_undone(&undo_decision).map(|(_, en)| en),
            Some("decision taken")
        );
        let undo_count = Change::PollCounted {
            step: "p".into(),
            statement: "s".into(),
            answer: 1,
            added: false,
        };
        assert_eq!(
            label_undone(&undo_count).map(|(nl, _)| nl),
            Some("antwoord geteld")
        );
    }
}
