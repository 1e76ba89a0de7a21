//! Comparing two meetings of the same exercise: which cards are new, which disappeared
//! (by text, per step and lane), how each matrix cell moved, and which commitments came
//! and went. Works on outcomes, so it compares what people read.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::outcome::{CellOutcome, MatrixOutcome, Outcome, StepResult};
use super::words::{date_time, step_heading, value_text};
use crate::core::state::{ReviewStatus, RowRef};
use crate::core::{Lang, Live, Scenario, Text};

/// What changed from one meeting to the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The earlier meeting's title.
    pub old_title: String,
    /// When it started.
    pub old_created: Timestamp,
    /// The time zone it was held in.
    pub old_time_zone: String,
    /// The later meeting's title.
    pub new_title: String,
    /// When it started.
    pub new_created: Timestamp,
    /// The time zone it was held in.
    pub new_time_zone: String,
    /// Whether the scenario's content differs between the two (same id), apart from the
    /// review step that continuing a series (`new --from`) puts first.
    pub scenario_changed: bool,
    /// The steps with a difference, in the order of the later meeting.
    pub steps: Vec<StepChange>,
    /// The earlier meeting's actions as the later one's review marked them: carried over,
    /// so neither new nor gone.
    pub followed_up: Vec<FollowUp>,
}

/// An action of the earlier meeting, looked back on in the later one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    /// What would be done.
    pub what: String,
    /// Who would do it, readable.
    pub who: String,
    /// Done, still open or dropped; none when not discussed.
    pub status: Option<ReviewStatus>,
}

/// The differences within one step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepChange {
    /// Step id.
    pub id: String,
    /// The step's heading as the reports show it ("Akte 2: Waarden").
    pub heading: String,
    /// Lanes with new or disappeared cards.
    pub lanes: Vec<LaneChange>,
    /// Matrix cells whose value changed.
    pub cells: Vec<CellMove>,
    /// Commitments (by what) that are new.
    pub commitments_added: Vec<String>,
    /// Commitments (by what) that are gone (not carried over into a review either).
    pub commitments_removed: Vec<String>,
    /// Grid items that stand elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<super::compare_grid::GridMove>,
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
    /// The party the row belongs to (its name), which tells rows with the same label apart.
    pub party: Option<String>,
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
    /// Compares two meetings of the same scenario (their outcomes, built in `lang`, with
    /// names replaced when `anonymize`). A later meeting that continues the earlier one
    /// (`new --from`) is understood as such: its review step is not a change of the
    /// scenario, and the actions it looks back on are not gone.
    pub fn of(
        old: &Live,
        new: &Live,
        lang: Lang,
        anonymize: bool,
    ) -> Result<Comparison, DifferentScenarios> {
        let a = Outcome::build(&old.session, &old.state, lang, anonymize);
        let b = Outcome::build(&new.session, &new.state, lang, anonymize);
        let changed =
            without_reviews(&old.session.scenario) != without_reviews(&new.session.scenario);
        Comparison::between(&a, &b, changed)
    }

    /// Compares two outcomes (built in the same language) of the same scenario;
    /// `scenario_changed` says whether the scenarios differ beyond a review step.
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
        // The earlier meeting's actions that the later one's review looks back on.
        let followed_up: Vec<FollowUp> = new
            .steps
            .iter()
            .filter_map(|s| match &s.result {
                StepResult::Review(r) => Some(r),
                _ => None,
            })
            .flat_map(|r| &r.items)
            .filter(|i| i.since.is_none() && old_commitments(old).any(|c| c == i.what))
            .map(|i| FollowUp {
                what: i.what.clone(),
                who: i.who_label.clone(),
                status: i.status,
            })
            .collect();
        let mut steps = Vec::new();
        for step in &new.steps {
            let Some(before) = old.step(&step.id) else {
                continue;
            };
            let mut change = StepChange {
                id: step.id.clone(),
                heading: step_heading(new, step, lang),
                lanes: Vec::new(),
                cells: Vec::new(),
                commitments_added: Vec::new(),
                commitments_removed: Vec::new(),
                moved: Vec::new(),
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
                    change.cells = cell_moves(new, a, b, lang);
                }
                (StepResult::Grid(a), StepResult::Grid(b)) => {
                    change.moved = super::compare_grid::moves(a, b, lang);
                }
                (StepResult::Agreement(a), StepResult::Agreement(b)) => {
                    let old_what: Vec<&str> =
                        a.commitments.iter().map(|c| c.what.as_str()).collect();
                    let new_what: Vec<&str> =
                        b.commitments.iter().map(|c| c.what.as_str()).collect();
                    let (added, removed) = diff(&old_what, &new_what);
                    change.commitments_added = added;
                    change.commitments_removed = removed
                        .into_iter()
                        .filter(|what| !followed_up.iter().any(|f| &f.what == what))
                        .collect();
                }
                _ => {}
            }
            if !change.lanes.is_empty()
                || !change.cells.is_empty()
                || !change.commitments_added.is_empty()
                || !change.commitments_removed.is_empty()
                || !change.moved.is_empty()
            {
                steps.push(change);
            }
        }
        Ok(Comparison {
            old_title: old.session.title.clone(),
            old_created: old.session.created,
            old_time_zone: old.session.time_zone.clone(),
            new_title: new.session.title.clone(),
            new_created: new.session.created,
            new_time_zone: new.session.time_zone.clone(),
            scenario_changed,
            steps,
            followed_up,
        })
    }

    /// The comparison as plain text for a terminal (every text cleaned).
    pub fn to_text(&self, lang: Lang) -> String {
        let clean = |s: &str| crate::core::clean::clean(s).into_owned();
        let mut out = format!(
            "{} \"{}\" ({}) → \"{}\" ({})\n",
            lang.pick("Vergelijking:", "Comparison:"),
            clean(&self.old_title),
            date_time(self.old_created, &self.old_time_zone, lang),
            clean(&self.new_title),
            date_time(self.new_created, &self.new_time_zone, lang),
        );
        if self.scenario_changed {
            out.push_str(lang.pick(
                "Let op: het scenario is tussen de twee bijeenkomsten aangepast.\n",
                "Note: the scenario was changed between the two meetings.\n",
            ));
        }
        if self.steps.is_empty() && self.followed_up.is_empty() {
            out.push_str(lang.pick("Geen verschillen.\n", "No differences.\n"));
        }
        if !self.followed_up.is_empty() {
            out.push_str(&format!(
                "\n{}\n",
                lang.pick(
                    "Afspraken van de vorige keer (terugblik)",
                    "Last time's commitments (review)"
                )
            ));
            for f in &self.followed_up {
                out.push_str(&format!("  = {}\n", clean(&f.line(lang))));
            }
        }
        for step in &self.steps {
            out.push_str(&format!("\n{}\n", clean(&step.heading)));
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
                    clean(&cell.row_text()),
                    clean(cell.column.get(lang)),
                    or_dash(&cell.old_text),
                    or_dash(&cell.new_text),
                ));
            }
            for m in &step.moved {
                out.push_str(&format!("  ↔ {}\n", clean(&m.line(lang))));
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

impl FollowUp {
    /// "Wijkavond organiseren (Anna de Vries): gedaan".
    pub fn line(&self, lang: Lang) -> String {
        let status = super::markdown_steps::status_text(self.status, lang);
        if self.who.is_empty() {
            format!("{}: {status}", self.what)
        } else {
            format!("{} ({}): {status}", self.what, self.who)
        }
    }
}

impl CellMove {
    /// The row as a reader tells it apart: "Tevreden bewoners (Woningcorporatie)".
    pub fn row_text(&self) -> String {
        match &self.party {
            Some(p) => format!("{} ({p})", self.row),
            None => self.row.clone(),
        }
    }
}

/// The commitments of every agreement step of an outcome, by what.
fn old_commitments(outcome: &Outcome) -> impl Iterator<Item = &str> {
    outcome
        .steps
        .iter()
        .filter_map(|s| match &s.result {
            StepResult::Agreement(a) => Some(a),
            _ => None,
        })
        .flat_map(|a| a.commitments.iter().map(|c| c.what.as_str()))
}

/// A scenario without the review steps that continuing a series adds.
fn without_reviews(scenario: &Scenario) -> Scenario {
    let mut s = scenario.clone();
    s.steps.retain(|step| !step.is_review());
    s
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

/// Rows are matched by id (fixed rows) or by party, label and occurrence (card rows, whose
/// ids differ between meetings); columns by id.
fn cell_moves(
    outcome: &Outcome,
    old: &MatrixOutcome,
    new: &MatrixOutcome,
    lang: Lang,
) -> Vec<CellMove> {
    fn keys(m: &MatrixOutcome) -> Vec<(String, usize)> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        m.rows
            .iter()
            .map(|r| {
                let base = match &r.key {
                    RowRef::Row(id) => format!("row:{id}"),
                    RowRef::Card(_) => format!(
                        "card:{}:{}",
                        r.party.as_deref().unwrap_or_default(),
                        r.label
                    ),
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
                .and_then(|n| new.rows.get(n))
                .or_else(|| o.and_then(|o| old.rows.get(o)));
            moves.push(CellMove {
                row: row.map(|r| r.label.clone()).unwrap_or_default(),
                party: row
                    .and_then(|r| r.party.as_deref())
                    .map(|p| outcome.party_name(p, lang)),
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
