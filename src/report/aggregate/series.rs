//! Series of meetings in the aggregate: sessions linked by `previous`, each meeting with
//! its attendance and how the matrix moved since the one before.

use std::collections::{BTreeMap, BTreeSet};

use super::fold::Kept;
use super::*;

/// The series: sessions linked by `previous` (its start, else its file name), each in
/// the order of its meetings, in the order of their first meeting.
pub(super) fn series_of(contributions: &[Kept]) -> Vec<Vec<usize>> {
    let mut by_start: BTreeMap<jiff::Timestamp, Vec<usize>> = BTreeMap::new();
    for (i, c) in contributions.iter().enumerate() {
        by_start.entry(c.key.created).or_default().push(i);
    }
    let by_file: BTreeMap<&str, usize> = contributions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.file.as_str(), i))
        .collect();
    // The meeting that started when `previous` says (the one with its file name among
    // several), else the file of that name.
    let parent = |i: usize| -> Option<usize> {
        let p = contributions[i].previous.as_ref()?;
        let same_start = by_start.get(&p.created).map(Vec::as_slice).unwrap_or(&[]);
        same_start
            .iter()
            .find(|j| contributions[**j].key.file == p.file)
            .or_else(|| same_start.first())
            .or_else(|| by_file.get(p.file.as_str()))
            .copied()
            .filter(|j| *j != i)
    };
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..contributions.len() {
        // Follow the links back to the first meeting (a loop in odd files ends it).
        let mut root = i;
        for _ in 0..contributions.len() {
            match parent(root) {
                Some(p) => root = p,
                None => break,
            }
        }
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups
        .into_values()
        .map(|mut g| {
            g.sort_by_key(|i| (contributions[*i].created, *i));
            g
        })
        .collect();
    out.sort_by_key(|g| (contributions[g[0]].created, g[0]));
    out
}

pub(super) fn meetings(
    members: &[usize],
    all: &[Kept],
    shown: &BTreeSet<&str>,
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> Vec<MeetingLine> {
    let mut out = Vec::new();
    let mut before: Option<&Kept> = None;
    for i in members {
        let c = &all[*i];
        let mut by_party: Vec<Count> = Vec::new();
        let mut other = 0;
        for (p, n) in &c.present {
            if shown.contains(p.as_str()) {
                by_party.push(Count {
                    label: name(p),
                    count: *n,
                });
            } else {
                other += n;
            }
        }
        if other > 0 {
            by_party.push(Count {
                label: lang.pick("overige", "other").to_string(),
                count: other,
            });
        }
        out.push(MeetingLine {
            title: c.title.clone(),
            date: c
                .created
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
                .to_string(),
            present: c.present.values().sum(),
            present_by_party: by_party,
            moved: before.map(|b| movement(b, c)),
        });
        before = Some(c);
    }
    out
}

fn movement(before: &Kept, after: &Kept) -> Movement {
    let mut m = Movement {
        cells: 0,
        up: 0,
        down: 0,
        same: 0,
        mean_change: 0.0,
    };
    let mut total = 0i64;
    // Both sorted by cell: walk them side by side.
    let (mut a, mut b) = (
        before.cells.iter().peekable(),
        after.cells.iter().peekable(),
    );
    while let (Some((ka, va)), Some((kb, vb))) = (a.peek(), b.peek()) {
        match ka.cmp(kb) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                m.cells += 1;
                let d = i64::from(*vb) - i64::from(*va);
                total += d;
                match d.signum() {
                    1 => m.up += 1,
                    -1 => m.down += 1,
                    _ => m.same += 1,
                }
                a.next();
                b.next();
            }
        }
    }
    if m.cells > 0 {
        m.mean_change = ((total as f64 / m.cells as f64) * 100.0).round() / 100.0;
    }
    m
}
