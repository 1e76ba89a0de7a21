//! Matrices and votes across sessions, folded as the sessions come: each cell's values,
//! the analyses' findings, and what ended on top of each vote.

use std::collections::{BTreeMap, HashMap};

use super::contribution::Contribution;
use super::fold_boards::most;
use super::*;

#[derive(Default)]
struct Matrix {
    title: String,
    sessions: usize,
    /// (row, column) in order of first appearance, with row label, column label, values.
    cells: Vec<(String, String, Vec<i32>)>,
    /// Row, then column, to the cell's place in `cells`.
    cell_at: HashMap<String, HashMap<String, usize>>,
}

/// What a matrix's analyses found, over the sessions.
#[derive(Default)]
struct Found {
    /// (section, key) -> subject, sessions, the last session counted.
    findings: BTreeMap<(String, String), (String, usize, u32)>,
    /// Track key -> its name, each phase with its sessions.
    tracks: BTreeMap<String, (String, BTreeMap<String, usize>)>,
}

/// The matrices of one scenario, as folded so far.
#[derive(Default)]
pub(super) struct Matrices {
    steps: Vec<(String, Matrix)>,
    /// Per step, also of sessions that rated nothing there.
    found: BTreeMap<String, Found>,
}

impl Matrices {
    fn step(&mut self, step: &str, c: &Contribution, lang: Lang) -> &mut Matrix {
        let i = match self.steps.iter().position(|(s, _)| s == step) {
            Some(i) => i,
            None => {
                let title = c
                    .step_titles
                    .get(step)
                    .map(|t| t.get(lang).to_string())
                    .unwrap_or_default();
                self.steps.push((
                    step.to_string(),
                    Matrix {
                        title,
                        ..Matrix::default()
                    },
                ));
                self.steps.len() - 1
            }
        };
        &mut self.steps[i].1
    }

    /// Adds the cells and findings of session number `n`.
    pub(super) fn add(&mut self, c: &Contribution, n: u32, lang: Lang) {
        let mut rated: Vec<&str> = Vec::new();
        for cell in &c.cells {
            let m = self.step(&cell.step, c, lang);
            if !rated.contains(&cell.step.as_str()) {
                rated.push(&cell.step);
                m.sessions += 1;
            }
            let at = match m.cell_at.get(&cell.row).and_then(|r| r.get(&cell.column)) {
                Some(at) => *at,
                None => {
                    let row = c
                        .row_labels
                        .get(&(cell.step.clone(), cell.row.clone()))
                        .cloned()
                        .unwrap_or_default();
                    let column = c
                        .column_labels
                        .get(&(cell.step.clone(), cell.column.clone()))
                        .map(|t| t.get(lang).to_string())
                        .unwrap_or_default();
                    m.cells.push((row, column, Vec::new()));
                    m.cell_at
                        .entry(cell.row.clone())
                        .or_default()
                        .insert(cell.column.clone(), m.cells.len() - 1);
                    m.cells.len() - 1
                }
            };
            m.cells[at].2.push(cell.value);
        }
        for f in &c.findings {
            let m = self.found.entry(f.step.clone()).or_default();
            if f.section == "tracks" {
                let t = m
                    .tracks
                    .entry(f.key.clone())
                    .or_insert_with(|| (f.subject.clone(), BTreeMap::new()));
                *t.1.entry(f.finding.clone()).or_default() += 1;
            } else {
                let e = m
                    .findings
                    .entry((f.section.clone(), f.key.clone()))
                    .or_insert_with(|| (f.subject.clone(), 0, u32::MAX));
                if e.2 != n {
                    e.2 = n;
                    e.1 += 1;
                }
            }
        }
    }

    /// The matrices; cells rated in fewer than `min` sessions are left out.
    pub(super) fn finish(self, min: usize) -> Vec<MatrixAggregate> {
        let mut found = self.found;
        self.steps
            .into_iter()
            .map(|(step, m)| {
                let f = found.remove(&step).unwrap_or_default();
                let sessions = m.sessions;
                let cells = m
                    .cells
                    .into_iter()
                    .filter(|(_, _, v)| v.len() >= min)
                    .map(|(row, column, mut v)| {
                        v.sort_unstable();
                        CellStats {
                            row,
                            column,
                            min: v.first().copied().unwrap_or(0),
                            median: median(&v),
                            max: v.last().copied().unwrap_or(0),
                            count: v.len(),
                        }
                    })
                    .collect();
                let recurring = |section: &str, enough: &dyn Fn(usize) -> bool| {
                    let mut out: Vec<Recurring> = f
                        .findings
                        .iter()
                        .filter(|((s, _), (_, count, _))| s == section && enough(*count))
                        .map(|(_, (subject, count, _))| Recurring {
                            subject: subject.clone(),
                            sessions: *count,
                            of: sessions,
                        })
                        .collect();
                    out.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.subject.cmp(&b.subject)));
                    out
                };
                MatrixAggregate {
                    shared_ground: recurring("shared_ground", &|n| 2 * n > sessions),
                    tensions: recurring("tension", &|n| n >= 2),
                    tracks: f
                        .tracks
                        .into_values()
                        .map(|(track, phases)| TrackPhases {
                            track,
                            phases: phases
                                .into_iter()
                                .map(|(label, count)| Count { label, count })
                                .collect(),
                        })
                        .collect(),
                    step,
                    title: m.title,
                    sessions,
                    cells,
                }
            })
            .collect()
    }
}

/// The median of sorted values (the mean of the middle two for an even number).
fn median(sorted: &[i32]) -> f64 {
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => f64::from(sorted[n / 2]),
        _ => (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0,
    }
}

/// The ways a label was written (with how often), sessions it came first, sessions in the
/// top three.
type Top = (Vec<(String, u32)>, usize, usize);

#[derive(Default)]
struct Vote {
    title: String,
    /// Normalised label -> the ways it was written, sessions first, sessions in the top 3.
    tops: BTreeMap<String, Top>,
}

/// The votes of one scenario, as folded so far.
#[derive(Default)]
pub(super) struct Votes {
    steps: Vec<(String, Vote)>,
    /// Sessions with dots placed, per step.
    voted: BTreeMap<String, usize>,
}

impl Votes {
    /// Adds the vote results of one session.
    pub(super) fn add(&mut self, c: &Contribution, lang: Lang) {
        for step in &c.voted {
            *self.voted.entry(step.clone()).or_default() += 1;
        }
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for v in &c.votes {
            if seen.contains(&(v.step.as_str(), v.key.as_str())) {
                continue;
            }
            seen.push((&v.step, &v.key));
            let i = match self.steps.iter().position(|(s, _)| *s == v.step) {
                Some(i) => i,
                None => {
                    let title = c
                        .step_titles
                        .get(&v.step)
                        .map(|t| t.get(lang).to_string())
                        .unwrap_or_default();
                    self.steps.push((
                        v.step.clone(),
                        Vote {
                            title,
                            ..Vote::default()
                        },
                    ));
                    self.steps.len() - 1
                }
            };
            let t = self.steps[i].1.tops.entry(v.key.clone()).or_default();
            match t.0.iter_mut().find(|(l, _)| *l == v.label) {
                Some((_, n)) => *n += 1,
                None => t.0.push((v.label.clone(), 1)),
            }
            if v.rank == 1 {
                t.1 += 1;
            }
            t.2 += 1;
        }
    }

    /// The votes, what ended on top most often first.
    pub(super) fn finish(self) -> Vec<VoteAggregate> {
        let voted = self.voted;
        self.steps
            .into_iter()
            .map(|(step, v)| {
                let mut top: Vec<VoteTop> = v
                    .tops
                    .into_values()
                    .filter(|(_, first, _)| *first > 0)
                    .map(|(labels, first, top3)| VoteTop {
                        label: most(labels.iter().map(|(l, n)| (l.as_str(), *n))).to_string(),
                        first,
                        top3,
                    })
                    .collect();
                top.sort_by(|a, b| {
                    b.first
                        .cmp(&a.first)
                        .then(b.top3.cmp(&a.top3))
                        .then(a.label.cmp(&b.label))
                });
                top.truncate(TOP_VOTES);
                VoteAggregate {
                    sessions: voted.get(&step).copied().unwrap_or(0),
                    step,
                    title: v.title,
                    top,
                }
            })
            .collect()
    }
}
