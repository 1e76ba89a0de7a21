//! The fold: contributions in, one aggregate out, one session at a time. A session's
//! cards, cells, findings and votes go into running counts as it comes, and only what the
//! end needs of it (its place in a series, attendance, actions, a compact copy of its
//! cells for the next meeting's movement) is kept; the contribution itself is let go. The
//! callers add the sessions in file order, so the same files give the same report.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;

use jiff::Timestamp;

use super::contribution::{Contribution, FileKey, Made, Reviewed};
use super::fold_boards::{Boards, Parties, groups};
use super::fold_matrices::{Matrices, Votes};
use super::series::{meetings, series_of};
use super::*;
use crate::core::state::ReviewStatus;

/// What the end needs of one session.
pub(super) struct Kept {
    pub(super) key: FileKey,
    pub(super) previous: Option<FileKey>,
    pub(super) title: String,
    pub(super) created: Timestamp,
    pub(super) scenario: String,
    pub(super) present: BTreeMap<String, usize>,
    parties: BTreeSet<String>,
    cards_by_party: BTreeMap<String, usize>,
    made: Vec<Made>,
    reviewed: Vec<Reviewed>,
    /// Rated cells as (hash of step, row and column; value), sorted: enough to compare
    /// two meetings of a series without keeping their texts.
    pub(super) cells: Vec<(u64, i32)>,
}

#[derive(Default)]
struct ScenarioAcc {
    title: String,
    members: Vec<usize>,
    boards: Boards,
    matrices: Matrices,
    votes: Votes,
}

/// The aggregate being folded.
pub struct Folder {
    opts: Options,
    kept: Vec<Kept>,
    party_names: BTreeMap<String, String>,
    /// The parties of cards, as numbers.
    card_parties: Parties,
    scenarios: BTreeMap<String, ScenarioAcc>,
}

impl Folder {
    /// An empty fold.
    pub fn new(opts: Options) -> Folder {
        Folder {
            opts,
            kept: Vec::new(),
            party_names: BTreeMap::new(),
            card_parties: Parties::default(),
            scenarios: BTreeMap::new(),
        }
    }

    /// Sessions added so far.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether no session was added.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Adds the next session.
    pub fn add(&mut self, mut c: Contribution) {
        let lang = self.opts.lang;
        let n = self.kept.len();
        let ordinal = u32::try_from(n).unwrap_or(u32::MAX);
        for (id, name) in &c.party_names {
            if !self.party_names.contains_key(id) {
                self.party_names
                    .insert(id.clone(), name.get(lang).to_string());
            }
        }
        let acc = self.scenarios.entry(c.scenario.clone()).or_default();
        if acc.members.is_empty() {
            acc.title = c.scenario_title.get(lang).to_string();
        }
        acc.members.push(n);
        let mut cards_by_party: BTreeMap<String, usize> = BTreeMap::new();
        for p in c
            .lanes
            .iter()
            .flat_map(|l| &l.cards)
            .filter_map(|k| k.party.as_deref())
        {
            match cards_by_party.get_mut(p) {
                Some(n) => *n += 1,
                None => {
                    cards_by_party.insert(p.to_string(), 1);
                }
            }
        }
        let hasher = foldhash::fast::FixedState::default();
        let mut cells: Vec<(u64, i32)> = Vec::new();
        for m in &c.matrices {
            for cell in &m.cells {
                let row = m.rows.get(cell.row as usize).map_or("", |r| r.0.as_str());
                let column = m
                    .columns
                    .get(cell.column as usize)
                    .map_or("", |c| c.0.as_str());
                cells.push((hasher.hash_one((&m.step, row, column)), cell.value));
            }
        }
        cells.sort_unstable();
        acc.matrices.add(&c, ordinal, lang);
        acc.votes.add(&c, lang);
        acc.boards
            .add(&mut c, ordinal, lang, &mut self.card_parties);
        self.kept.push(Kept {
            key: c.key,
            previous: c.previous,
            title: c.title,
            created: c.created,
            scenario: c.scenario,
            present: c.present,
            parties: c.parties,
            cards_by_party,
            made: c.made,
            reviewed: c.reviewed,
            cells,
        });
    }

    /// The aggregate of the sessions added; `skipped` files were not read.
    pub fn finish(self, skipped: usize) -> Aggregate {
        let opts = self.opts;
        let lang = opts.lang;
        let min = opts.min_group.max(1);
        let kept = self.kept;
        // A party has its own figures only when it took part in enough sessions.
        let mut party_sessions: BTreeMap<&str, usize> = BTreeMap::new();
        for k in &kept {
            for p in &k.parties {
                *party_sessions.entry(p.as_str()).or_default() += 1;
            }
        }
        let shown: BTreeSet<&str> = party_sessions
            .iter()
            .filter(|(_, n)| **n >= min)
            .map(|(p, _)| *p)
            .collect();
        let party_names = &self.party_names;
        let name = |id: &str| {
            party_names
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.to_string())
        };
        // The lanes' cards grouped on every core: with hundreds of thousands of different
        // cards this is most of the end.
        let labels: Vec<Option<String>> = self
            .card_parties
            .ids
            .iter()
            .map(|p| shown.contains(p.as_str()).then(|| name(p)))
            .collect();
        let mut scenario_accs = self.scenarios;
        let lanes: Vec<_> = scenario_accs
            .values_mut()
            .flat_map(|acc| acc.boards.take_lanes())
            .collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut grouped = super::par::map(
            lanes,
            threads,
            |keys| keys.len(),
            |keys| groups(keys, &labels),
        )
        .into_iter();
        let series = series_of(&kept);
        let has_next: BTreeSet<usize> = series
            .iter()
            .flat_map(|s| s.iter().rev().skip(1).copied())
            .collect();
        let scenarios = scenario_accs
            .into_iter()
            .map(|(id, acc)| ScenarioAggregate {
                id,
                title: acc.title,
                sessions: acc.members.len(),
                boards: acc.boards.finish(&mut grouped),
                matrices: acc.matrices.finish(min),
                votes: acc.votes.finish(),
                actions: actions(&acc.members, &kept, &has_next, lang),
            })
            .collect();
        let parties = shown
            .iter()
            .map(|p| party_line(p, &name(p), &kept))
            .collect();
        let mut series_out = Vec::new();
        let mut series_not_shown = 0;
        for members in &series {
            if members.len() < min {
                series_not_shown += 1;
                continue;
            }
            let label = format!("{} {}", lang.pick("Reeks", "Series"), series_out.len() + 1);
            series_out.push(SeriesAggregate {
                label,
                scenario: kept[members[0]].scenario.clone(),
                meetings: meetings(members, &kept, &shown, &name, lang),
                actions: actions(members, &kept, &has_next, lang),
            });
        }
        let all: Vec<usize> = (0..kept.len()).collect();
        Aggregate {
            format: AGGREGATE_FORMAT.to_string(),
            version: AGGREGATE_VERSION,
            lang,
            min_group: min,
            by: opts.by,
            sessions: kept.len(),
            skipped,
            parties,
            parties_not_shown: party_sessions.len() - shown.len(),
            scenarios,
            actions: actions(&all, &kept, &has_next, lang),
            series: series_out,
            series_not_shown,
        }
    }
}

/// Folds the sessions' contributions (in this order) into the aggregate.
pub fn fold(contributions: Vec<Contribution>, skipped: usize, opts: Options) -> Aggregate {
    let mut folder = Folder::new(opts);
    for c in contributions {
        folder.add(c);
    }
    folder.finish(skipped)
}

fn actions(
    members: &[usize],
    all: &[Kept],
    has_next: &BTreeSet<usize>,
    lang: Lang,
) -> ActionsAggregate {
    let mut a = ActionsAggregate::default();
    let mut ages = [[0usize; 4]; 2];
    for i in members {
        let c = &all[*i];
        a.made += c.made.len();
        a.dated += c.made.iter().filter(|m| m.dated).count();
        if has_next.contains(i) {
            a.with_next_meeting += c.made.len();
        } else {
            a.awaiting_review += c.made.len();
        }
        for r in &c.reviewed {
            a.reviewed += 1;
            let slot = status_slot(r);
            match slot {
                0 => a.done += 1,
                1 => a.open += 1,
                2 => a.dropped += 1,
                _ => a.undiscussed += 1,
            }
            if is_overdue(r) {
                a.overdue += 1;
            }
            ages[(r.age.clamp(1, 2)) - 1][slot] += 1;
        }
    }
    let labels = [
        lang.pick(
            "gemaakt bij de vorige bijeenkomst",
            "made at the meeting before",
        ),
        lang.pick("eerder gemaakt en meegenomen", "made earlier and carried"),
    ];
    a.by_age = ages
        .iter()
        .zip(labels)
        .filter(|(n, _)| n.iter().sum::<usize>() > 0)
        .map(|(n, age)| AgeLine {
            age: age.to_string(),
            done: n[0],
            open: n[1],
            dropped: n[2],
            undiscussed: n[3],
        })
        .collect();
    a
}

fn status_slot(r: &Reviewed) -> usize {
    match r.status {
        Some(ReviewStatus::Done) => 0,
        Some(ReviewStatus::Open) => 1,
        Some(ReviewStatus::Dropped) => 2,
        None => 3,
    }
}

fn is_overdue(r: &Reviewed) -> bool {
    r.days_late.is_some_and(|d| d > 0)
        && !matches!(r.status, Some(ReviewStatus::Done | ReviewStatus::Dropped))
}

fn party_line(id: &str, name: &str, all: &[Kept]) -> PartyLine {
    let mut line = PartyLine {
        id: id.to_string(),
        name: name.to_string(),
        sessions: 0,
        present: 0,
        cards: 0,
        made: 0,
        done: 0,
        open: 0,
        dropped: 0,
        undiscussed: 0,
        overdue: 0,
    };
    let ours = |parties: &[String]| parties.iter().any(|p| p == id);
    for c in all {
        if c.parties.contains(id) {
            line.sessions += 1;
        }
        line.present += c.present.get(id).copied().unwrap_or(0);
        line.cards += c.cards_by_party.get(id).copied().unwrap_or(0);
        line.made += c.made.iter().filter(|m| ours(&m.parties)).count();
        for r in c.reviewed.iter().filter(|r| ours(&r.parties)) {
            match status_slot(r) {
                0 => line.done += 1,
                1 => line.open += 1,
                2 => line.dropped += 1,
                _ => line.undiscussed += 1,
            }
            if is_overdue(r) {
                line.overdue += 1;
            }
        }
    }
    line
}
