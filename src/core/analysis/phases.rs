//! The step-plan check: how far each track has come, phase by phase, and which results of
//! the phases are in place.

use super::{
    Gap, MatrixInput, PhaseAnalysis, PhaseLevel, PhaseResult, TrackProgress, column_info, row_info,
    value_info,
};
use crate::core::matrix::{self, MatrixRow};
use crate::core::text::Lang;

/// The step-plan check: rows are tracks, columns are phases in order.
///
/// - A cell is **started** when its counted rank is above the lowest (on "niet begonnen /
///   bezig / gereed": bezig or gereed) and **finished** at the highest rank (gereed).
///   Empty cells and levels that do not count (n.v.t.) are neither.
/// - **Reached**: per track, the furthest phase that has started, with its value.
/// - **Finished**: per track, how many phases from the first are finished without a break
///   (a level that does not count does not break the run; an empty cell does).
/// - **Gaps**: per track, every phase with a counted value that is lower than the counted
///   value of some later phase; it is paired with the later phase of the highest rank (the
///   first of equals). Empty and non-counting cells are never part of a gap.
/// - **Results**: when the spec names a results matrix, its rows are the phases' results in
///   order: row `i` is the result of phase `i` (extra rows or phases are left out). A result's
///   status is its cell in the results matrix's first column; it is **in place** at the
///   highest rank of that matrix's scale. Each result also tells on how many tracks its phase
///   is finished, of the tracks with a counted value there.
pub fn phases(m: MatrixInput, results: Option<MatrixInput>, lang: Lang) -> PhaseAnalysis {
    let scale = &m.spec.scale;
    let top = matrix::top_rank(scale);
    let columns = &m.spec.columns;
    let level = |row: &MatrixRow, i: usize| -> Option<(i32, Option<i32>)> {
        let v = matrix::value(m.cells, &row.key, &columns[i].id)?;
        Some((v, matrix::rank(scale, v)))
    };
    let phase_level = |i: usize, v: i32| PhaseLevel {
        phase: column_info(&columns[i], lang),
        index: i,
        value: value_info(m.spec, v, lang),
    };
    let mut tracks = Vec::with_capacity(m.rows.len());
    let mut gaps = Vec::new();
    for row in m.rows {
        let cells: Vec<Option<(i32, Option<i32>)>> =
            (0..columns.len()).map(|i| level(row, i)).collect();
        let reached = cells.iter().enumerate().rev().find_map(|(i, c)| match c {
            Some((v, Some(r))) if *r > 0 => Some(phase_level(i, *v)),
            _ => None,
        });
        let finished = cells
            .iter()
            .take_while(|c| {
                matches!(c, Some((_, None))) || matches!(c, Some((_, Some(r))) if *r == top)
            })
            .count();
        for (i, cell) in cells.iter().enumerate() {
            let Some((v, Some(r))) = cell else { continue };
            let mut ahead: Option<(usize, i32, i32)> = None;
            for (j, later) in cells.iter().enumerate().skip(i + 1) {
                if let Some((lv, Some(lr))) = later
                    && *lr > *r
                    && ahead.is_none_or(|(_, _, best)| *lr > best)
                {
                    ahead = Some((j, *lv, *lr));
                }
            }
            if let Some((j, lv, _)) = ahead {
                gaps.push(Gap {
                    row: row_info(row),
                    earlier: phase_level(i, *v),
                    later: phase_level(j, lv),
                });
            }
        }
        tracks.push(TrackProgress {
            row: row_info(row),
            reached,
            finished,
            unrated: cells.iter().filter(|c| c.is_none()).count(),
        });
    }
    let results = results
        .map(|r| phase_results(m, r, lang))
        .unwrap_or_default();
    PhaseAnalysis {
        phases: columns.iter().map(|c| column_info(c, lang)).collect(),
        tracks,
        gaps,
        results,
    }
}

fn phase_results(m: MatrixInput, r: MatrixInput, lang: Lang) -> Vec<PhaseResult> {
    let top = matrix::top_rank(&m.spec.scale);
    let r_top = matrix::top_rank(&r.spec.scale);
    let Some(status_column) = r.spec.columns.first() else {
        return Vec::new();
    };
    m.spec
        .columns
        .iter()
        .zip(r.rows)
        .map(|(phase, result)| {
            let status = matrix::value(r.cells, &result.key, &status_column.id);
            let ranks: Vec<i32> = m
                .rows
                .iter()
                .filter_map(|t| matrix::value(m.cells, &t.key, &phase.id))
                .filter_map(|v| matrix::rank(&m.spec.scale, v))
                .collect();
            PhaseResult {
                phase: column_info(phase, lang),
                result: row_info(result),
                status: status.map(|v| value_info(r.spec, v, lang)),
                in_place: status.and_then(|v| matrix::rank(&r.spec.scale, v)) == Some(r_top),
                tracks_finished: ranks.iter().filter(|x| **x == top).count(),
                tracks_counted: ranks.len(),
            }
        })
        .collect()
}
