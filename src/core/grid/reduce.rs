//! The reducer's rules for grid steps: every change returns the changes that revert it.

use super::{GridItem, GridSource, GridSpec, GridState, TypedItem};
use crate::core::error::ReduceError;
use crate::core::event::Change;
use crate::core::state::{SessionState, StepState};

type Result<T> = std::result::Result<T, ReduceError>;

impl SessionState {
    /// The spec and state of grid step `step`.
    fn grid_mut(&mut self, step: &str) -> Result<(GridSpec, &mut GridState)> {
        let index = self.step_index(step)?;
        let spec = self.scenario.steps[index]
            .kind
            .grid()
            .cloned()
            .ok_or_else(|| ReduceError::WrongKind(step.to_string(), "grid"))?;
        match &mut self.steps[index] {
            StepState::Grid(g) => Ok((spec, g)),
            _ => Err(ReduceError::WrongKind(step.to_string(), "grid")),
        }
    }

    /// Whether any grid has a typed item with this id.
    pub(crate) fn grid_item_exists(&self, id: u32) -> bool {
        id < self.next_id
            && self.steps.iter().any(|s| match s {
                StepState::Grid(g) => g.typed(id).is_some(),
                _ => false,
            })
    }

    /// Whether `item` is an item of grid step `step` (as it is now).
    fn check_grid_item(&self, step: &str, spec: &GridSpec, item: &GridItem) -> Result<()> {
        let index = self.step_index(step)?;
        let known = match item {
            GridItem::Party(p) => {
                spec.items == Some(GridSource::Parties)
                    && self.scenario.parties().iter().any(|q| &q.id == p)
            }
            GridItem::Card(card) => spec
                .items_from
                .as_deref()
                .and_then(|from| self.scenario.step_index(from))
                .and_then(|i| self.board(i))
                .is_some_and(|b| b.find(*card).is_some()),
            GridItem::Item(id) => {
                matches!(&self.steps[index], StepState::Grid(g) if g.typed(*id).is_some())
            }
        };
        if known {
            Ok(())
        } else {
            Err(ReduceError::NoGridItem(step.to_string()))
        }
    }

    /// Applies a change to a grid step and returns its inverse; none when `change` is
    /// not a grid change.
    pub(crate) fn apply_grid(&mut self, change: &Change) -> Option<Result<Vec<Change>>> {
        Some(match change {
            Change::GridPlaced { step, item, at } => self.grid_placed(step, item, *at),
            Change::GridNoted { step, item, note } => self.grid_noted(step, item, note),
            Change::GridItemAdded {
                step,
                item,
                label,
                party,
                position,
            } => self.grid_item_added(step, *item, label, party, *position),
            Change::GridItemEdited { step, item, label } => {
                self.grid_item_edited(step, *item, label)
            }
            Change::GridItemRemoved { step, item } => self.grid_item_removed(step, *item),
            _ => return None,
        })
    }

    fn grid_placed(
        &mut self,
        step: &str,
        item: &GridItem,
        at: Option<super::GridPoint>,
    ) -> Result<Vec<Change>> {
        let (spec, _) = self.grid_mut(step)?;
        self.check_grid_item(step, &spec, item)?;
        if let Some(p) = at
            && !spec.contains(p)
        {
            return Err(ReduceError::OffGrid(p.x, p.y, spec.x.points, spec.y.points));
        }
        let (_, grid) = self.grid_mut(step)?;
        let old = match at {
            Some(p) => grid.places.insert(item.clone(), p),
            None => grid.places.remove(item),
        };
        Ok(vec![Change::GridPlaced {
            step: step.to_string(),
            item: item.clone(),
            at: old,
        }])
    }

    fn grid_noted(&mut self, step: &str, item: &GridItem, note: &str) -> Result<Vec<Change>> {
        let (spec, _) = self.grid_mut(step)?;
        self.check_grid_item(step, &spec, item)?;
        let (_, grid) = self.grid_mut(step)?;
        let old = if note.is_empty() {
            grid.notes.remove(item)
        } else {
            grid.notes.insert(item.clone(), note.to_string())
        };
        Ok(vec![Change::GridNoted {
            step: step.to_string(),
            item: item.clone(),
            note: old.unwrap_or_default(),
        }])
    }

    fn grid_item_added(
        &mut self,
        step: &str,
        id: u32,
        label: &str,
        party: &Option<String>,
        position: Option<usize>,
    ) -> Result<Vec<Change>> {
        self.check_party(party.as_deref())?;
        if label.trim().is_empty() {
            return Err(ReduceError::EmptyText);
        }
        if self.grid_item_exists(id) {
            return Err(ReduceError::GridItemExists(id));
        }
        let (_, grid) = self.grid_mut(step)?;
        let at = match position {
            None => grid.typed.len(),
            Some(p) if p <= grid.typed.len() => p,
            Some(p) => return Err(ReduceError::PastTheEnd(p, grid.typed.len())),
        };
        grid.typed.insert(
            at,
            TypedItem {
                id,
                label: label.to_string(),
                party: party.clone(),
            },
        );
        self.next_id = self.next_id.max(id.saturating_add(1));
        Ok(vec![Change::GridItemRemoved {
            step: step.to_string(),
            item: id,
        }])
    }

    fn grid_item_edited(&mut self, step: &str, id: u32, label: &str) -> Result<Vec<Change>> {
        if label.trim().is_empty() {
            return Err(ReduceError::EmptyText);
        }
        let (_, grid) = self.grid_mut(step)?;
        let item = grid
            .typed
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or_else(|| ReduceError::NoGridItem(step.to_string()))?;
        let old = std::mem::replace(&mut item.label, label.to_string());
        Ok(vec![Change::GridItemEdited {
            step: step.to_string(),
            item: id,
            label: old,
        }])
    }

    fn grid_item_removed(&mut self, step: &str, id: u32) -> Result<Vec<Change>> {
        let (_, grid) = self.grid_mut(step)?;
        let at = grid
            .typed
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| ReduceError::NoGridItem(step.to_string()))?;
        let removed = grid.typed.remove(at);
        let key = GridItem::Item(id);
        let place = grid.places.remove(&key);
        let note = grid.notes.remove(&key);
        let mut inverse = vec![Change::GridItemAdded {
            step: step.to_string(),
            item: id,
            label: removed.label,
            party: removed.party,
            position: Some(at),
        }];
        if place.is_some() {
            inverse.push(Change::GridPlaced {
                step: step.to_string(),
                item: key.clone(),
                at: place,
            });
        }
        if let Some(note) = note {
            inverse.push(Change::GridNoted {
                step: step.to_string(),
                item: key,
                note,
            });
        }
        Ok(inverse)
    }
}
