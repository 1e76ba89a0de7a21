//! The reducer's changes of a matrix cell: its value and its note.

use std::collections::btree_map::Entry;
use std::sync::Arc;

use super::error::ReduceError;
use super::event::Change;
use super::lookup::matrix_spec;
use super::state::{Cell, MatrixState, RowRef, SessionState};

impl SessionState {
    /// Applies a `cell_set` or `cell_noted`; returns its inverse when `kept`.
    pub(super) fn apply_cell(
        &mut self,
        change: &Change,
        kept: bool,
    ) -> Result<Vec<Change>, ReduceError> {
        let (Change::CellSet {
            step, row, column, ..
        }
        | Change::CellNoted {
            step, row, column, ..
        }) = change
        else {
            return Err(ReduceError::NotContent);
        };
        // The scenario is shared: holding it costs no copy of the step's spec.
        let scenario = Arc::clone(&self.scenario);
        let (index, spec) = matrix_spec(&scenario, step)?;
        self.check_cell(spec, step, row, column)?;
        if let Change::CellSet { value: Some(v), .. } = change {
            let (min, max) = spec.scale.range();
            if *v < min || *v > max {
                return Err(ReduceError::OutOfScale(*v, min, max));
            }
        }
        let matrix = self.matrix_mut(index, step)?;
        let key = (row.clone(), column.clone());
        let inverse = match change {
            Change::CellSet { value, .. } => {
                let old = set_cell(matrix, key, |cell| {
                    std::mem::replace(&mut cell.value, *value)
                });
                kept.then(|| Change::CellSet {
                    step: step.clone(),
                    row: row.clone(),
                    column: column.clone(),
                    value: old,
                })
            }
            Change::CellNoted { note, .. } => {
                let old = set_cell(matrix, key, |cell| {
                    std::mem::replace(&mut cell.note, note.clone())
                });
                kept.then(|| Change::CellNoted {
                    step: step.clone(),
                    row: row.clone(),
                    column: column.clone(),
                    note: old,
                })
            }
            _ => return Err(ReduceError::NotContent),
        };
        Ok(inverse.into_iter().collect())
    }
}

/// Changes one cell of a matrix (`change` returns what it held); a cell left empty is
/// removed, as if never rated.
fn set_cell<T>(
    matrix: &mut MatrixState,
    key: (RowRef, String),
    change: impl FnOnce(&mut Cell) -> T,
) -> T {
    match matrix.cells.entry(key) {
        Entry::Occupied(mut at) => {
            let old = change(at.get_mut());
            if *at.get() == Cell::default() {
                at.remove();
            }
            old
        }
        Entry::Vacant(at) => {
            let mut cell = Cell::default();
            let old = change(&mut cell);
            if cell != Cell::default() {
                at.insert(cell);
            }
            old
        }
    }
}
