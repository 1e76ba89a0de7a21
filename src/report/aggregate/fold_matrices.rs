//! Matrices and votes across sessions, folded as the sessions come: each cell's values,
//! the analyses' findings, and what ended on top of each vote.

use std::collections::BTreeMap;

use smallvec::SmallVec;

use super::contribution::Contribution;
use super::fold_boards::{FastMap, most};
use super::*;

#[derive(Default)]
struct Matrix {
    title: String,
    sessions: usize,
    /// Row keys as numbers.
    rows: FastMap<String, u32>,
    /// Column ids as numbers (a few: looked up in a list).
    columns: Vec<String>,
    /// Row labels and column headings as numbers (each cell is labelled as the session
    /// that first rated it wrote it).
    labels: FastMap<String, u32>,
    label_texts: Vec<String>,
    /// (row, column) to the cell's place in `cells`.
    cell_at: FastMap<(u32, u32), u32>,
    /// The cells in order of first appearance.
    cells: Vec<CellAcc>,
}

/// One cell's values, with its row label and column heading (numbers in `label_texts`).
struct CellAcc {
    row: u32,
    column: u32,
    values: SmallVec<[i32; 4]>,
}

fn number_of(map: &mut FastMap<String, u32>, texts: &mut Vec<String>, text: &str) -> u32 {
    if let Some(n) = map.get(text) {
        return *n;
    }
    let n = u32::try_from(texts.len()).unwrap_or(u32::MAX);
    map.insert(text.to_string(), n);
    texts.push(text.to_string());
    n
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
                let title = c.step_title(step, lang);
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
        for seen in &c.matrices {
            let m = self.step(&seen.step, c, lang);
            m.sessions += 1;
            let columns: Vec<u32> = seen
                .columns
                .iter()
                .map(|(id, _)| {
                    let at = match m.columns.iter().position(|c| c == id) {
                        Some(at) => at,
                        None => {
                            m.columns.push(id.clone());
                            m.columns.len() - 1
                        }
                    };
                    u32::try_from(at).unwrap_or(u32::MAX)
                })
                .collect();
            let rows: Vec<u32> = seen
                .rows
                .iter()
                .map(|(key, _)| match m.rows.get(key.as_str()) {
                    Some(n) => *n,
                    None => {
                        let n = u32::try_from(m.rows.len()).unwrap_or(u32::MAX);
                        m.rows.insert(key.clone(), n);
                        n
                    }
                })
                .collect();
            for cell in &seen.cells {
                let (Some(row), Some(column)) = (
                    rows.get(cell.row as usize),
                    columns.get(cell.column as usize),
                ) else {
                    continue;
                };
                let at = match m.cell_at.get(&(*row, *column)) {
                    Some(at) => *at as usize,
                    None => {
                        let row_label = seen
                            .rows
                            .get(cell.row as usize)
                            .map_or("", |r| r.1.as_str());
                        let column_label = seen
                            .columns
                            .get(cell.column as usize)
                            .map_or("", |c| c.1.get(lang));
                        let row_label = number_of(&mut m.labels, &mut m.label_texts, row_label);
                        let column_label =
                            number_of(&mut m.labels, &mut m.label_texts, column_label);
                        m.cells.push(CellAcc {
                            row: row_label,
                            column: column_label,
                            values: SmallVec::new(),
                        });
                        let at = m.cells.len() - 1;
                        m.cell_at
                            .insert((*row, *column), u32::try_from(at).unwrap_or(u32::MAX));
                        at
                    }
                };
                if let Some(cell_acc) = m.cells.get_mut(at) {
                    cell_acc.values.push(cell.value);
                }
            }
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
                let label = |n: u32| m.label_texts.get(n as usize).cloned().unwrap_or_default();
                let cells = m
                    .cells
                    .into_iter()
                    .filter(|cell| cell.values.len() >= min)
                    .map(|cell| {
                        let mut v = cell.values;
                        v.sort_unstable();
                        CellStats {
                            row: label(cell.row),
                            column: label(cell.column),
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
                    let title = c.step_title(&v.step, lang);
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
