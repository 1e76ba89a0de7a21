//! Comparing two meetings of the same exercise: which cards are new, which disappeared
//! (by text, per step and lane), how each matrix cell moved, and which commitments came
//! and went. Works on outcomes, so it compares what people read.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::outcome::{CellOutcome, MatrixOutcome, Outcome, StepResult};
use super::words::{date_time, value_text};
use crate::core::state::RowRef;
use crate::core::{Lang, Text};

/// What changed from one meeting to the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The earlier meeting's title.
    pub old_title: String,
    /// When it started.
    pub old_created: Timestamp,
    /// The later meeting's title.
    pub new_title: String,
    /// When it started.
    pub new_created: Timestamp,
    /// Whether the scenario's content differs between the two (same id).
    pub scenario_changed: bool,
    /// The steps with a difference, in the order of the later meeting.
    pub steps: Vec<StepChange>,
}

/// The differences within one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepChange {
    /// Step id.
    pub id: String,
    /// Step title.
    pub title: Text,
    /// Lanes with new or disappeared cards.
    pub lanes: Vec<LaneChange>,
    /// Matrix cells whose value changed.
    pub cells: Vec<CellMove>,
    /// Commitments (by what) that are new.
    pub commitments_added: Vec<String>,
    /// Commitments (by what) that are gone.
    pub commitments_removed: Vec<String>,
}

/// New and disappeared cards of one lane, by text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneChange {
    /// Lane title.
    pub lane: Text,
    /// Texts only in the later meeting.
    pub added: Vec<String>,
    /// Texts only in the earlier meeting.
    pub removed: Vec<String>,
}

/// A matrix cell that moved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellMove {
    /// Row label.
    pub row: String,
    /// Column heading.
    pub column: Text,
    /// The value before (none: not rated, or the row was not there).
    pub old: Option<i32>,
    /// The value now.
    pub new: Option<i32>,
    /// The value before as written in the report.
    pub old_text: String,
    /// The value now as written in the report.
    pub new_text: String,
}

/// Why two sessions cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the sessions ran different scenarios ('{old}' and '{new}')")]
pub struct DifferentScenarios {
    /// The earlier session's scenario id.
    pub old: String,
    /// The later session's scenario id.
    pub new: String,
}

impl Comparison {
    /// Compares two outcomes (built in the same language) of the same scenario.
    pub fn between(
        old: &Outcome,
        new: &Outcome,
        scenario_changed: bool,
    ) -> Result<Comparison, DifferentScenarios> {
        if old.scenario.id != new.scenario.id {
            return Err(DifferentScenarios {
                old: old.scenario.id.clone(),
                new: new.scenario.id.clone(),
            });
        }
        let lang = new.lang;
        let mut steps = Vec::new();
        for step in &new.steps {
            let Some(before) = old.step(&step.id) else {
                continue;
            };
            let mut change = StepChange {
                id: step.id.clone(),
                title: step.title.clone(),
                lanes: Vec::new(),
                cells: Vec::new(),
                commitments_added: Vec::new(),
                commitments_removed: Vec::new(),
            };
            match (&before.result, &step.result) {
                (StepResult::Board(a), StepResult::Board(b)) => {
                    for lane in &b.lanes {
                        let old_texts: Vec<&str> = a
                            .lanes
                            .iter()
                            .find(|l| l.id == lane.id)
                            .map(|l| l.cards.iter().map(|c| c.text.as_str()).collect())
                            .unwrap_or_default();
                        let new_texts: Vec<&str> =
                            lane.cards.iter().map(|c| c.text.as_str()).collect();
                        let (added, removed) = diff(&old_texts, &new_texts);
                        if !added.is_empty() || !removed.is_empty() {
                            change.lanes.push(LaneChange {
                                lane: lane.title.clone(),
                                added,
                                removed,
                            });
                        }
                    }
                }
                (StepResult::Matrix(a), StepResult::Matrix(b)) => {
                    change.cells = cell_moves(a, b, lang);
                }
                (StepResult::Agreement(a), StepResult::Agreement(b)) => {
                    let old_what: Vec<&str> =
                        a.commitments.iter().map(|c| c.what.as_str()).collect();
                    let new_what: Vec<&str> =
                        b.commitments.iter().map(|c| c.what.as_str()).collect();
                    (change.commitments_added, change.commitments_removed) =
                        diff(&old_what, &new_what);
                }
                _ => {}
            }
            if !change.lanes.is_empty()
                || !change.cells.is_empty()
                || !change.commitments_added.is_empty()
                || !change.commitments_removed.is_empty()
            {
                steps.push(change);
            }
        }
        Ok(Comparison {
            old_title: old.session.title.clone(),
            old_created: old.session.created,
            new_title: new.session.title.clone(),
            new_created: new.session.created,
            scenario_changed,
            steps,
        })
    }

    /// The comparison as plain text for a terminal (every text cleaned).
    pub fn to_text(&self, tz: &TimeZone, lang: Lang) -> String {
        let clean = |s: &str| crate::core::clean::clean(s).into_owned();
        let mut out = format!(
            "{} \"{}\" ({}) → \"{}\" ({})\n",
            lang.pick("Vergelijking:", "Comparison:"),
            clean(&self.old_title),
            date_time(self.old_created, tz, lang),
            clean(&self.new_title),
            date_time(self.new_created, tz, lang),
        );
        if self.scenario_changed {
            out.push_str(lang.pick(
                "Let op: het scenario is tussen de twee bijeenkomsten aangepast.\n",
                "Note: the scenario was changed between the two meetings.\n",
            ));
        }
        if self.steps.is_empty() {
            out.push_str(lang.pick("Geen verschillen.\n", "No differences.\n"));
        }
        for step in &self.steps {
            out.push_str(&format!("\n{}\n", clean(step.title.get(lang))));
            for lane in &step.lanes {
                out.push_str(&format!("  {}\n", clean(lane.lane.get(lang))));
                for t in &lane.added {
                    out.push_str(&format!("    + {}\n", clean(t)));
                }
                for t in &lane.removed {
                    out.push_str(&format!("    - {}\n", clean(t)));
                }
            }
            for cell in &step.cells {
                out.push_str(&format!(
                    "  {} × {}: {} → {}\n",
                    clean(&cell.row),
                    clean(cell.column.get(lang)),
                    or_dash(&cell.old_text),
                    or_dash(&cell.new_text),
                ));
            }
            for t in &step.commitments_added {
                out.push_str(&format!("  + {}\n", clean(t)));
            }
            for t in &step.commitments_removed {
                out.push_str(&format!("  - {}\n", clean(t)));
            }
        }
        out
    }
}

/// "–" for an empty value.
pub fn or_dash(s: &str) -> &str {
    if s.is_empty() { "–" } else { s }
}

/// Texts only in `new` and texts only in `old`, counting repeats, in their own order.
fn diff(old: &[&str], new: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for t in old {
        *counts.entry(t).or_default() += 1;
    }
    let mut added = Vec::new();
    for t in new {
        let n = counts.entry(t).or_default();
        if *n > 0 {
            *n -= 1;
        } else {
            added.push(t.to_string());
        }
    }
    let mut left: BTreeMap<&str, i64> = BTreeMap::new();
    for t in new {
        *left.entry(t).or_default() += 1;
    }
    let mut removed = Vec::new();
    for t in old {
        let n = left.entry(t).or_default();
        if *n > 0 {
            *n -= 1;
        } else {
            removed.push(t.to_string());
        }
    }
    (added, removed)
}

/// Rows are matched by id (fixed rows) or by label and occurrence (card rows, whose ids
/// differ between meetings); columns by id.
fn cell_moves(old: &MatrixOutcome, new: &MatrixOutcome, lang: Lang) -> Vec<CellMove> {
    fn keys(m: &MatrixOutcome) -> Vec<(String, usize)> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        m.rows
            .iter()
            .map(|r| {
                let base = match &r.key {
                    RowRef::Row(id) => format!("row:{id}"),
                    RowRef::Card(_) => format!("card:{}", r.label),
                };
                let n = seen.entry(base.clone()).or_default();
                *n += 1;
                (base, *n)
            })
            .collect()
    }
    let old_keys = keys(old);
    let new_keys = keys(new);
    fn value<'m>(m: &'m MatrixOutcome, row: usize, column: &str) -> Option<&'m CellOutcome> {
        let col = m.columns.iter().position(|c| c.id == column)?;
        m.cells
            .iter()
            .find(|c| c.row == row && c.column == col && c.value.is_some())
    }
    let mut moves = Vec::new();
    // Rows in the later meeting's order, then rows that are gone.
    let mut rows: Vec<(Option<usize>, Option<usize>)> = new_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (old_keys.iter().position(|o| o == k), Some(i)))
        .collect();
    rows.extend(
        old_keys
            .iter()
            .enumerate()
            .filter(|(_, k)| !new_keys.contains(k))
            .map(|(i, _)| (Some(i), None)),
    );
    for (o, n) in rows {
        for column in &new.columns {
            let a = o.and_then(|o| value(old, o, &column.id));
            let b = n.and_then(|n| value(new, n, &column.id));
            let (va, vb) = (a.and_then(|c| c.value), b.and_then(|c| c.value));
            if va == vb {
                continue;
            }
            let row = n
                .map(|n| new.rows[n].label.clone())
                .or_else(|| o.map(|o| old.rows[o].label.clone()))
                .unwrap_or_default();
            moves.push(CellMove {
                row,
                column: column.label.clone(),
                old: va,
                new: vb,
                old_text: a
                    .map(|c| value_text(&old.scale, c, lang))
                    .unwrap_or_default(),
                new_text: b
                    .map(|c| value_text(&new.scale, c, lang))
                    .unwrap_or_default(),
            });
        }
    }
    moves
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_counts_repeated_texts() {
        let (added, removed) = diff(&["a", "b", "b", "c"], &["b", "c", "d", "c"]);
        assert_eq!(added, vec!["d", "c"]);
        assert_eq!(removed, vec!["a", "b"]);
    }
}
