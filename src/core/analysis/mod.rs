//! The analysis of a matrix: where the parties' goals meet and where they pull apart
//! (`goals`), and how far each track of a step plan has come (`phases`).
//!
//! Pure functions of the state, recomputed whenever they are asked for: nothing here is
//! stored, so the session file stays the log and replaying a prefix of the log shows the
//! analysis as it was at that moment. Every rule below is exact and deterministic; ties are
//! always broken by the order of the rows (then of the columns) in the matrix.
//!
//! Words used in the rules (see [`super::matrix`]):
//! - a cell is **rated** when it holds a value (a note alone is no rating);
//! - a rated cell **counts** when its value has a rank: every numeric value, and every level
//!   except levels with `counts: false` (such as "n.v.t."), which are rated but take no part
//!   in shared ground, tension, phases or gaps;
//! - the **width** of a scale is its highest rank (`max - min`, or the number of counting
//!   levels minus one); a counted value is **for** above the middle (`2·rank > width`),
//!   **against** below it, **neutral** at it.

use serde::Serialize;

mod phases;
mod text;

pub use phases::phases;
pub use text::text_lines;

use super::matrix::{self, Lean, MatrixRow};
use super::scenario::{AnalysisKind, Axis, MatrixSpec, StepKind};
use super::state::{MatrixState, RowRef, SessionState, StepState};
use super::text::Lang;

/// A row named in an analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowInfo {
    /// How cells refer to the row.
    pub row: RowRef,
    /// The row's text.
    pub label: String,
    /// The party the row belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// A column named in an analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnInfo {
    /// Column id.
    pub id: String,
    /// Its heading.
    pub label: String,
    /// The party it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// A value with the way it is written (`+2`, `Gereed`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueInfo {
    /// The cell's value (a level's index on a level scale).
    pub value: i32,
    /// The value as written in the cell.
    pub text: String,
    /// The scale's name for it, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The analysis of one matrix step.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Analysis {
    /// Shared ground, tension and blind spots.
    Goals(GoalAnalysis),
    /// The phase each track reached, gaps and results.
    Phases(PhaseAnalysis),
}

/// Where the parties' ratings of goals meet and where they diverge.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoalAnalysis {
    /// Cells rated (of the current rows and columns).
    pub cells_rated: usize,
    /// Cells in all (rows x columns).
    pub cells_total: usize,
    /// Shared ground, best first.
    pub shared_ground: Vec<SharedGround>,
    /// Tension, strongest first.
    pub tension: Vec<Tension>,
    /// Indifference: one side strongly for (or against), the others neutral; strongest
    /// first.
    pub indifference: Vec<Tension>,
    /// Blind spots: rows rated only by the column(s) of their own party, in row order.
    pub own_party_only: Vec<RowInfo>,
    /// Blind spots: rows nobody rated yet, in row order.
    pub not_rated: Vec<RowInfo>,
}

/// A row that all or most columns rate positively.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedGround {
    /// The row.
    pub row: RowInfo,
    /// Columns that rate it for.
    pub positive: usize,
    /// Columns that have a say: all columns but those that rated it "does not apply".
    pub columns: usize,
    /// The mean of its counted values (numeric: the values; levels: their ranks).
    pub mean: f64,
}

/// A row on which the columns diverge: parties on both sides of the middle (tension), or
/// one side for and the others neutral (indifference).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tension {
    /// The row.
    pub row: RowInfo,
    /// Its strength: highest rank minus lowest rank among its counted values.
    pub spread: i32,
    /// The columns at the high end.
    pub high: TensionEnd,
    /// The columns at the low end.
    pub low: TensionEnd,
}

/// One end of a tension: a value and every column that gave it, in column order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TensionEnd {
    /// The value at this end.
    pub value: ValueInfo,
    /// The columns that gave it.
    pub columns: Vec<ColumnInfo>,
}

/// How far the tracks of a step plan have come, phase by phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseAnalysis {
    /// The phases (the columns), in order.
    pub phases: Vec<ColumnInfo>,
    /// Every track (row), in row order.
    pub tracks: Vec<TrackProgress>,
    /// Gaps, by track then by phase.
    pub gaps: Vec<Gap>,
    /// The result of each phase, when the matrix names a results matrix.
    pub results: Vec<PhaseResult>,
}

/// A phase with the value of one cell in it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseLevel {
    /// The phase.
    pub phase: ColumnInfo,
    /// Its index among the phases (0 = first).
    pub index: usize,
    /// The cell's value.
    pub value: ValueInfo,
}

/// Where one track stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrackProgress {
    /// The track.
    pub row: RowInfo,
    /// The furthest phase whose counted value is above the lowest rank (started); none when
    /// no phase has started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reached: Option<PhaseLevel>,
    /// How many phases from the first are finished without a break: each at the highest rank
    /// or at a level that does not count. An empty cell ends the run.
    pub finished: usize,
    /// Phases not rated yet.
    pub unrated: usize,
}

/// A gap: an earlier phase of a track that is behind a later one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    /// The track.
    pub row: RowInfo,
    /// The phase that lags.
    pub earlier: PhaseLevel,
    /// The later phase that is furthest ahead of it (the first of equals).
    pub later: PhaseLevel,
}

/// A phase's result and whether it is in place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseResult {
    /// The phase.
    pub phase: ColumnInfo,
    /// The result (a row of the results matrix).
    pub result: RowInfo,
    /// Its status (the first column of the results matrix), if rated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ValueInfo>,
    /// Whether the status is the highest rank (e.g. "Gereed").
    pub in_place: bool,
    /// Tracks finished in this phase (at the highest rank).
    pub tracks_finished: usize,
    /// Tracks with a counted value in this phase.
    pub tracks_counted: usize,
}

/// A matrix to analyse: its spec, its rows as they are now, and its cells.
#[derive(Clone, Copy, Debug)]
pub struct MatrixInput<'a> {
    /// The step's matrix spec.
    pub spec: &'a MatrixSpec,
    /// Its rows now ([`matrix::rows`]).
    pub rows: &'a [MatrixRow],
    /// Its cells.
    pub cells: &'a MatrixState,
}

/// The analysis of step `step` as its spec asks for (`goals` or `phases`); none for other
/// steps and for `analysis: none`.
pub fn of_step(state: &SessionState, step: usize, lang: Lang) -> Option<Analysis> {
    let (spec, cells) = matrix_at(state, step)?;
    let rows = matrix::rows(state, spec, lang);
    let input = MatrixInput {
        spec,
        rows: &rows,
        cells,
    };
    match spec.analysis {
        AnalysisKind::Goals => Some(Analysis::Goals(goals(input, lang))),
        AnalysisKind::Phases => {
            let results = spec
                .results
                .as_deref()
                .and_then(|id| state.scenario.step_index(id))
                .and_then(|i| matrix_at(state, i));
            let result_rows = results
                .map(|(s, _)| matrix::rows(state, s, lang))
                .unwrap_or_default();
            let results = results.map(|(spec, cells)| MatrixInput {
                spec,
                rows: &result_rows,
                cells,
            });
            Some(Analysis::Phases(phases(input, results, lang)))
        }
        AnalysisKind::None => None,
    }
}

/// The step whose analysis a matrix step shows: itself when it has one, else the `phases`
/// matrix that names it as its results matrix.
pub fn shown_for(state: &SessionState, step: usize) -> Option<usize> {
    let (spec, _) = matrix_at(state, step)?;
    if spec.analysis != AnalysisKind::None {
        return Some(step);
    }
    let id = &state.scenario.steps.get(step)?.id;
    state.scenario.steps.iter().position(|s| {
        matches!(&s.kind, StepKind::Matrix(m)
            if m.analysis == AnalysisKind::Phases && m.results.as_ref() == Some(id))
    })
}

fn matrix_at(state: &SessionState, step: usize) -> Option<(&MatrixSpec, &MatrixState)> {
    match (
        &state.scenario.steps.get(step)?.kind,
        state.steps.get(step)?,
    ) {
        (StepKind::Matrix(spec), StepState::Matrix(cells)) => Some((spec, cells)),
        _ => None,
    }
}

pub(super) fn row_info(row: &MatrixRow) -> RowInfo {
    RowInfo {
        row: row.key.clone(),
        label: row.label.clone(),
        party: row.party.clone(),
    }
}

pub(super) fn column_info(column: &Axis, lang: Lang) -> ColumnInfo {
    ColumnInfo {
        id: column.id.clone(),
        label: column.label.get(lang).to_string(),
        party: column.party.clone(),
    }
}

pub(super) fn value_info(spec: &MatrixSpec, value: i32, lang: Lang) -> ValueInfo {
    ValueInfo {
        value,
        text: matrix::value_text(&spec.scale, value, lang),
        name: matrix::value_name(&spec.scale, value, lang),
    }
}

/// Shared ground, tension and blind spots between the columns (parties) of a matrix.
///
/// With `k` columns, for each row:
/// - **Shared ground**: at least two columns, and at least three quarters of the columns that
///   have a say (`4·for >= 3·say`; so 2 of 2, 3 of 3, 3 of 4, 4 of 5), rate it for, and none
///   rates it against. Every column has a say except one that rated the row with a level that
///   does not count ("n.v.t."); an unrated column has a say and counts as not for, so a goal
///   only half the room rated is no shared ground yet. Ranked by the number of columns for (more first), then by the mean of
///   the counted values (higher first), then by row order.
/// - **Tension**: parties on both sides of the middle: at least one column rates the row for
///   and at least one against (so never shared ground). Its strength is the spread, the
///   highest rank minus the lowest: on -2..+2, +1 against -1 is 2 and +2 against -2 is 4.
///   Ranked by spread (larger first), then by row order. Both ends name every column that
///   gave the highest and the lowest value.
/// - **Indifference**: one side cares and the others shrug: columns on one side of the
///   middle only (for, or against) and at least one neutral (at the middle), the row not
///   shared ground, and the spread at least half the width of the scale
///   (`2·spread >= width`): +2 against 0 on -2..+2 (or -2 against 0), but not +1 against 0.
///   Its ends are named as those of a tension; ranked as tension.
/// - **Blind spots**: rows nobody rated yet (`not_rated`); and rows with a party that are
///   rated only by columns of that same party, when such a column exists (`own_party_only`).
///   Both in row order.
///
/// One column alone never makes shared ground or tension.
pub fn goals(m: MatrixInput, lang: Lang) -> GoalAnalysis {
    let scale = &m.spec.scale;
    let k = m.spec.columns.len();
    let top = matrix::top_rank(scale);
    let mut out = GoalAnalysis {
        cells_rated: 0,
        cells_total: m.rows.len() * k,
        shared_ground: Vec::new(),
        tension: Vec::new(),
        indifference: Vec::new(),
        own_party_only: Vec::new(),
        not_rated: Vec::new(),
    };
    // (row index, for, columns, sum, counted) of shared rows, ranked exactly before building.
    let mut shared: Vec<(usize, usize, usize, i64, i64)> = Vec::new();
    let mut tension: Vec<(usize, Tension)> = Vec::new();
    let mut indifference: Vec<(usize, Tension)> = Vec::new();
    for (ri, row) in m.rows.iter().enumerate() {
        let rated: Vec<(&Axis, i32)> = m
            .spec
            .columns
            .iter()
            .filter_map(|c| matrix::value(m.cells, &row.key, &c.id).map(|v| (c, v)))
            .collect();
        out.cells_rated += rated.len();
        if rated.is_empty() {
            out.not_rated.push(row_info(row));
            continue;
        }
        if let Some(party) = &row.party
            && m.spec
                .columns
                .iter()
                .any(|c| c.party.as_ref() == Some(party))
            && rated.iter().all(|(c, _)| c.party.as_ref() == Some(party))
        {
            out.own_party_only.push(row_info(row));
        }
        let counted: Vec<(&Axis, i32, i32)> = rated
            .iter()
            .filter_map(|(c, v)| matrix::rank(scale, *v).map(|r| (*c, *v, r)))
            .collect();
        let leans: Vec<Lean> = counted
            .iter()
            .filter_map(|(_, v, _)| matrix::lean(scale, *v))
            .collect();
        let pro = leans.iter().filter(|l| **l == Lean::For).count();
        let against = leans.contains(&Lean::Against);
        // Columns that said "does not apply" (a level that does not count) step aside.
        let voice = k - (rated.len() - counted.len());
        if pro >= 2 && 4 * pro >= 3 * voice && !against {
            let sum: i64 = counted.iter().map(|(_, v, r)| mean_unit(m, *v, *r)).sum();
            shared.push((ri, pro, voice, sum, counted.len() as i64));
            continue;
        }
        if counted.len() < 2 {
            continue;
        }
        let hi = counted.iter().map(|c| c.2).max().unwrap_or(0);
        let lo = counted.iter().map(|c| c.2).min().unwrap_or(0);
        let spread = hi - lo;
        let neutral = leans.contains(&Lean::Neutral);
        let kind = if pro >= 1 && against {
            Some(&mut tension)
        } else if (pro >= 1 || against)
            && neutral
            && spread >= 1
            && 2 * i64::from(spread) >= i64::from(top)
        {
            Some(&mut indifference)
        } else {
            None
        };
        if let Some(list) = kind {
            let end = |rank: i32| {
                let at: Vec<&(&Axis, i32, i32)> = counted.iter().filter(|c| c.2 == rank).collect();
                TensionEnd {
                    value: value_info(m.spec, at.first().map_or(0, |c| c.1), lang),
                    columns: at.iter().map(|c| column_info(c.0, lang)).collect(),
                }
            };
            list.push((
                ri,
                Tension {
                    row: row_info(row),
                    spread,
                    high: end(hi),
                    low: end(lo),
                },
            ));
        }
    }
    // Exact ranking: compare means as fractions (sum_a / n_a vs sum_b / n_b).
    shared.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| (b.3 * a.4).cmp(&(a.3 * b.4)))
            .then_with(|| a.0.cmp(&b.0))
    });
    out.shared_ground = shared
        .into_iter()
        .map(|(ri, pro, voice, sum, n)| SharedGround {
            row: row_info(&m.rows[ri]),
            positive: pro,
            columns: voice,
            mean: sum as f64 / n.max(1) as f64,
        })
        .collect();
    for list in [&mut tension, &mut indifference] {
        list.sort_by(|a, b| b.1.spread.cmp(&a.1.spread).then_with(|| a.0.cmp(&b.0)));
    }
    out.tension = tension.into_iter().map(|(_, t)| t).collect();
    out.indifference = indifference.into_iter().map(|(_, t)| t).collect();
    out
}

/// The rules of a goals analysis in a sentence each, for the screen and the reports.
pub fn goal_rules(lang: Lang) -> &'static str {
    lang.pick(
        "Gedeelde grond: minstens ¾ van de partijen positief en niemand negatief. Spanning: partijen aan beide kanten van het midden (voor en tegen); hoe verder uiteen, hoe sterker. Onverschillig: één kant sterk voor of tegen, de rest neutraal.",
        "Shared ground: at least ¾ of the parties in favour and nobody against. Tension: parties on both sides of the middle (for and against); the further apart, the stronger. Indifference: one side strongly for or against, the rest neutral.",
    )
}

/// The unit a mean is taken in: the value on a numeric scale, the rank on a level scale.
fn mean_unit(m: MatrixInput, value: i32, rank: i32) -> i64 {
    match m.spec.scale {
        super::scenario::Scale::Numeric { .. } => i64::from(value),
        super::scenario::Scale::Levels { .. } => i64::from(rank),
    }
}

#[cfg(test)]
mod tests;
