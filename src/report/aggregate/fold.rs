//! The fold: contributions in, one aggregate out. Pure and in a fixed order (the callers
//! sort the contributions by file), so the same files give the same report.

use std::collections::{BTreeMap, BTreeSet};

use super::contribution::{Contribution, Reviewed};
use super::series::{meetings, series_of};
use super::*;
use crate::core::state::ReviewStatus;

/// Folds the sessions' contributions into the aggregate.
pub fn fold(contributions: &[Contribution], skipped: usize, opts: Options) -> Aggregate {
    let lang = opts.lang;
    let min = opts.min_group.max(1);
    // A party has its own figures only when it took part in enough sessions.
    let mut party_sessions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut party_names: BTreeMap<&str, String> = BTreeMap::new();
    for c in contributions {
        for p in &c.parties {
            *party_sessions.entry(p.as_str()).or_default() += 1;
        }
        for (id, name) in &c.party_names {
            party_names
                .entry(id.as_str())
                .or_insert_with(|| name.get(lang).to_string());
        }
    }
    let shown: BTreeSet<&str> = party_sessions
        .iter()
        .filter(|(_, n)| **n >= min)
        .map(|(p, _)| *p)
        .collect();
    let name = |id: &str| {
        party_names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    let series = series_of(contributions);
    let has_next: BTreeSet<usize> = series
        .iter()
        .flat_map(|s| s.iter().rev().skip(1).copied())
        .collect();

    let mut scenarios: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in contributions.iter().enumerate() {
        scenarios.entry(c.scenario.as_str()).or_default().push(i);
    }
    let scenario_aggregates = scenarios
        .iter()
        .map(|(id, members)| {
            let of: Vec<&Contribution> = members.iter().map(|i| &contributions[*i]).collect();
            ScenarioAggregate {
                id: id.to_string(),
                title: of
                    .first()
                    .map(|c| c.scenario_title.get(lang).to_string())
                    .unwrap_or_default(),
                sessions: of.len(),
                boards: boards(&of, &shown, &name, lang),
                matrices: matrices(&of, min, lang),
                votes: votes(&of, lang),
                actions: actions(members, contributions, &has_next, lang),
            }
        })
        .collect();

    let parties = shown
        .iter()
        .map(|p| party_line(p, &name(p), contributions))
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
            scenario: contributions[members[0]].scenario.clone(),
            meetings: meetings(members, contributions, &shown, &name, lang),
            actions: actions(members, contributions, &has_next, lang),
        });
    }
    let all: Vec<usize> = (0..contributions.len()).collect();
    Aggregate {
        format: AGGREGATE_FORMAT.to_string(),
        version: AGGREGATE_VERSION,
        lang,
        min_group: min,
        by: opts.by,
        sessions: contributions.len(),
        skipped,
        parties,
        parties_not_shown: party_sessions.len() - shown.len(),
        scenarios: scenario_aggregates,
        actions: actions(&all, contributions, &has_next, lang),
        series: series_out,
        series_not_shown,
    }
}

fn boards(
    of: &[&Contribution],
    shown: &BTreeSet<&str>,
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> Vec<BoardAggregate> {
    // (step, lane) -> normalised text -> (sessions, ways it was written, parties)
    type Texts = BTreeMap<String, usize>;
    type Lanes = Vec<(String, String)>;
    type Groups = BTreeMap<String, (usize, Texts, Texts)>;
    let mut steps: Vec<(String, String, Lanes)> = Vec::new();
    let mut counts: BTreeMap<(String, String), Groups> = BTreeMap::new();
    let mut lane_sessions: BTreeMap<(String, String), usize> = BTreeMap::new();
    for c in of {
        let mut lanes_here = BTreeSet::new();
        for card in &c.cards {
            if !steps.iter().any(|(s, _, _)| *s == card.step) {
                steps.push((
                    card.step.clone(),
                    title_of(&c.step_titles, &card.step, lang),
                    Vec::new(),
                ));
            }
            if let Some((_, _, lanes)) = steps.iter_mut().find(|(s, _, _)| *s == card.step)
                && !lanes.iter().any(|(l, _)| *l == card.lane)
            {
                let key = (card.step.clone(), card.lane.clone());
                let title = c.lane_titles.get(&key).map(|t| t.get(lang).to_string());
                lanes.push((card.lane.clone(), title.unwrap_or_default()));
            }
            let lane = (card.step.clone(), card.lane.clone());
            lanes_here.insert(lane.clone());
            let entry = counts
                .entry(lane)
                .or_default()
                .entry(card.key.clone())
                .or_default();
            entry.0 += 1;
            *entry.1.entry(card.text.clone()).or_default() += 1;
            if let Some(p) = card.party.as_deref().filter(|p| shown.contains(p)) {
                *entry.2.entry(name(p)).or_default() += 1;
            }
        }
        for lane in lanes_here {
            *lane_sessions.entry(lane).or_default() += 1;
        }
    }
    steps
        .into_iter()
        .map(|(step, title, lanes)| BoardAggregate {
            lanes: lanes
                .into_iter()
                .map(|(lane, lane_title)| {
                    let key = (step.clone(), lane.clone());
                    let groups = counts.remove(&key).unwrap_or_default();
                    let distinct = groups.len();
                    let mut cards: Vec<CardGroup> = groups
                        .into_values()
                        .map(|(sessions, texts, parties)| CardGroup {
                            text: most(&texts),
                            sessions,
                            by_party: parties
                                .into_iter()
                                .map(|(label, count)| Count { label, count })
                                .collect(),
                        })
                        .collect();
                    cards.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.text.cmp(&b.text)));
                    cards.truncate(TOP_CARDS);
                    LaneAggregate {
                        sessions: lane_sessions.get(&key).copied().unwrap_or(0),
                        lane,
                        title: lane_title,
                        cards,
                        distinct,
                    }
                })
                .collect(),
            step,
            title,
        })
        .collect()
}

/// The most common of some texts (the first in order on a tie).
fn most(texts: &BTreeMap<String, usize>) -> String {
    let mut best: Option<(&String, usize)> = None;
    for (t, n) in texts {
        if best.is_none_or(|(_, m)| *n > m) {
            best = Some((t, *n));
        }
    }
    best.map(|(t, _)| t.clone()).unwrap_or_default()
}

fn matrices(of: &[&Contribution], min: usize, lang: Lang) -> Vec<MatrixAggregate> {
    let mut steps: Vec<(String, String)> = Vec::new();
    for c in of {
        for cell in &c.cells {
            if !steps.iter().any(|(s, _)| *s == cell.step) {
                steps.push((
                    cell.step.clone(),
                    title_of(&c.step_titles, &cell.step, lang),
                ));
            }
        }
    }
    steps
        .into_iter()
        .map(|(step, title)| {
            let mut values: BTreeMap<(String, String), (String, String, Vec<i32>)> =
                BTreeMap::new();
            let mut order: Vec<(String, String)> = Vec::new();
            let mut sessions = 0;
            let mut findings: BTreeMap<(String, String), (String, BTreeSet<usize>)> =
                BTreeMap::new();
            let mut tracks: BTreeMap<String, (String, BTreeMap<String, usize>)> = BTreeMap::new();
            for (n, c) in of.iter().enumerate() {
                let mut rated = false;
                for cell in c.cells.iter().filter(|x| x.step == step) {
                    rated = true;
                    let key = (cell.row.clone(), cell.column.clone());
                    let entry = values.entry(key.clone()).or_insert_with(|| {
                        order.push(key);
                        let at = |r: &str| (step.clone(), r.to_string());
                        (
                            c.row_labels
                                .get(&at(&cell.row))
                                .cloned()
                                .unwrap_or_default(),
                            c.column_labels
                                .get(&at(&cell.column))
                                .map(|t| t.get(lang).to_string())
                                .unwrap_or_default(),
                            Vec::new(),
                        )
                    });
                    entry.2.push(cell.value);
                }
                if rated {
                    sessions += 1;
                }
                for f in c.findings.iter().filter(|f| f.step == step) {
                    if f.section == "tracks" {
                        let t = tracks
                            .entry(f.key.clone())
                            .or_insert_with(|| (f.subject.clone(), BTreeMap::new()));
                        *t.1.entry(f.finding.clone()).or_default() += 1;
                    } else {
                        findings
                            .entry((f.section.clone(), f.key.clone()))
                            .or_insert_with(|| (f.subject.clone(), BTreeSet::new()))
                            .1
                            .insert(n);
                    }
                }
            }
            let cells = order
                .iter()
                .filter_map(|k| values.get(k))
                .filter(|(_, _, v)| v.len() >= min)
                .map(|(row, column, v)| {
                    let mut v = v.clone();
                    v.sort_unstable();
                    CellStats {
                        row: row.clone(),
                        column: column.clone(),
                        min: v.first().copied().unwrap_or(0),
                        median: median(&v),
                        max: v.last().copied().unwrap_or(0),
                        count: v.len(),
                    }
                })
                .collect();
            let recurring = |section: &str, enough: &dyn Fn(usize) -> bool| {
                let mut out: Vec<Recurring> = findings
                    .iter()
                    .filter(|((s, _), (_, set))| s == section && enough(set.len()))
                    .map(|(_, (subject, set))| Recurring {
                        subject: subject.clone(),
                        sessions: set.len(),
                        of: sessions,
                    })
                    .collect();
                out.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.subject.cmp(&b.subject)));
                out
            };
            MatrixAggregate {
                shared_ground: recurring("shared_ground", &|n| 2 * n > sessions),
                tensions: recurring("tension", &|n| n >= 2),
                tracks: tracks
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
                title,
                sessions,
                cells,
            }
        })
        .collect()
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

fn votes(of: &[&Contribution], lang: Lang) -> Vec<VoteAggregate> {
    let mut steps: Vec<(String, String)> = Vec::new();
    for c in of {
        for v in &c.votes {
            if !steps.iter().any(|(s, _)| *s == v.step) {
                steps.push((v.step.clone(), title_of(&c.step_titles, &v.step, lang)));
            }
        }
    }
    steps
        .into_iter()
        .map(|(step, title)| {
            let mut tops: BTreeMap<String, (BTreeMap<String, usize>, usize, usize)> =
                BTreeMap::new();
            for c in of {
                let mut seen = BTreeSet::new();
                for v in c.votes.iter().filter(|v| v.step == step) {
                    if !seen.insert(v.key.clone()) {
                        continue;
                    }
                    let t = tops.entry(v.key.clone()).or_default();
                    *t.0.entry(v.label.clone()).or_default() += 1;
                    if v.rank == 1 {
                        t.1 += 1;
                    }
                    t.2 += 1;
                }
            }
            let mut top: Vec<VoteTop> = tops
                .into_values()
                .filter(|(_, first, _)| *first > 0)
                .map(|(labels, first, top3)| VoteTop {
                    label: most(&labels),
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
                sessions: of.iter().filter(|c| c.voted.contains(&step)).count(),
                step,
                title,
                top,
            }
        })
        .collect()
}

fn actions(
    members: &[usize],
    all: &[Contribution],
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

fn party_line(id: &str, name: &str, all: &[Contribution]) -> PartyLine {
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
        line.cards += c
            .cards
            .iter()
            .filter(|k| k.party.as_deref() == Some(id))
            .count();
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

fn title_of(titles: &BTreeMap<String, crate::core::Text>, step: &str, lang: Lang) -> String {
    titles
        .get(step)
        .map(|t| t.get(lang).to_string())
        .unwrap_or_default()
}
