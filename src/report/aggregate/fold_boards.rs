//! Boards across sessions: per lane, each normalised card text with the sessions it is
//! in, folded as the sessions come; at the end similar texts (a typo apart) are grouped
//! and the groups that come back most are kept.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::contribution::Contribution;
use super::similar;
use super::*;

/// A card text in one lane: the sessions it is in (ordinals, ascending), how it was
/// written, and its parties with their sessions.
#[derive(Default)]
struct Seen {
    sessions: Vec<u32>,
    texts: Vec<(String, u32)>,
    parties: Vec<(String, u32)>,
}

#[derive(Default)]
struct Lane {
    sessions: usize,
    last: Option<u32>,
    keys: HashMap<String, Seen>,
}

/// A lane's id and heading.
type LaneTitle = (String, String);

/// The boards of one scenario, as folded so far.
#[derive(Default)]
pub(super) struct Boards {
    /// Steps in order of first appearance, with their title and lanes (id, heading).
    steps: Vec<(String, String, Vec<LaneTitle>)>,
    /// Per (step, lane): a few, so looked up in a list without building a key.
    lanes: Vec<((String, String), Lane)>,
}

impl Boards {
    /// Adds the cards of session number `n` (taken out of it).
    pub(super) fn add(&mut self, c: &mut Contribution, n: u32, lang: Lang) {
        for card in std::mem::take(&mut c.cards) {
            let step = match self.steps.iter().position(|(s, _, _)| *s == card.step) {
                Some(i) => i,
                None => {
                    let title = c
                        .step_titles
                        .get(&card.step)
                        .map(|t| t.get(lang).to_string())
                        .unwrap_or_default();
                    self.steps.push((card.step.clone(), title, Vec::new()));
                    self.steps.len() - 1
                }
            };
            let lanes = &mut self.steps[step].2;
            if !lanes.iter().any(|(l, _)| *l == card.lane) {
                let title = c
                    .lane_titles
                    .get(&(card.step.clone(), card.lane.clone()))
                    .map(|t| t.get(lang).to_string());
                lanes.push((card.lane.clone(), title.unwrap_or_default()));
            }
            let at = match self
                .lanes
                .iter()
                .position(|((s, l), _)| *s == card.step && *l == card.lane)
            {
                Some(at) => at,
                None => {
                    self.lanes
                        .push(((card.step.clone(), card.lane.clone()), Lane::default()));
                    self.lanes.len() - 1
                }
            };
            let lane = &mut self.lanes[at].1;
            if lane.last != Some(n) {
                lane.last = Some(n);
                lane.sessions += 1;
            }
            let seen = lane.keys.entry(card.key).or_default();
            if seen.sessions.last() != Some(&n) {
                seen.sessions.push(n);
            }
            match seen.texts.iter_mut().find(|(t, _)| *t == card.text) {
                Some((_, count)) => *count += 1,
                None => seen.texts.push((card.text, 1)),
            }
            if let Some(p) = card.party {
                seen.parties.push((p, n));
            }
        }
    }

    /// The boards, with similar cards grouped; parties outside `shown` are left out.
    pub(super) fn finish(
        self,
        shown: &BTreeSet<&str>,
        name: &dyn Fn(&str) -> String,
    ) -> Vec<BoardAggregate> {
        let mut lanes = self.lanes;
        self.steps
            .into_iter()
            .map(|(step, title, step_lanes)| BoardAggregate {
                lanes: step_lanes
                    .into_iter()
                    .map(|(lane, lane_title)| {
                        let acc = lanes
                            .iter()
                            .position(|((s, l), _)| *s == step && *l == lane)
                            .map(|at| lanes.swap_remove(at).1);
                        let sessions = acc.as_ref().map_or(0, |l| l.sessions);
                        let (cards, distinct) =
                            acc.map_or((Vec::new(), 0), |l| groups(l.keys, shown, name));
                        LaneAggregate {
                            sessions,
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
}

/// The lane's card groups (most sessions first, at most [`TOP_CARDS`]) and how many
/// different cards (groups) it had.
fn groups(
    keys: HashMap<String, Seen>,
    shown: &BTreeSet<&str>,
    name: &dyn Fn(&str) -> String,
) -> (Vec<CardGroup>, usize) {
    let mut keys: Vec<(String, Seen)> = keys.into_iter().collect();
    keys.sort_by(|a, b| {
        b.1.sessions
            .len()
            .cmp(&a.1.sessions.len())
            .then_with(|| a.0.cmp(&b.0))
    });
    let leaders = similar::group(&keys.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>());
    let mut merged: BTreeMap<usize, Seen> = BTreeMap::new();
    for ((_, seen), leader) in keys.into_iter().zip(leaders) {
        let into = merged.entry(leader).or_default();
        into.sessions.extend(seen.sessions);
        for (text, count) in seen.texts {
            match into.texts.iter_mut().find(|(t, _)| *t == text) {
                Some((_, n)) => *n += count,
                None => into.texts.push((text, count)),
            }
        }
        into.parties.extend(seen.parties);
    }
    let distinct = merged.len();
    let mut cards: Vec<CardGroup> = merged
        .into_values()
        .map(|mut g| {
            g.sessions.sort_unstable();
            g.sessions.dedup();
            g.parties.sort();
            g.parties.dedup();
            let mut by_party: BTreeMap<String, usize> = BTreeMap::new();
            for (p, _) in g.parties.iter().filter(|(p, _)| shown.contains(p.as_str())) {
                *by_party.entry(name(p)).or_default() += 1;
            }
            CardGroup {
                text: most(&g.texts),
                sessions: g.sessions.len(),
                by_party: by_party
                    .into_iter()
                    .map(|(label, count)| Count { label, count })
                    .collect(),
            }
        })
        .collect();
    cards.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.text.cmp(&b.text)));
    cards.truncate(TOP_CARDS);
    (cards, distinct)
}

/// The most common of some texts (the first in text order on a tie).
pub(super) fn most(texts: &[(String, u32)]) -> String {
    let mut best: Option<(&String, u32)> = None;
    for (t, n) in texts {
        if best.is_none_or(|(b, m)| *n > m || (*n == m && t < b)) {
            best = Some((t, *n));
        }
    }
    best.map(|(t, _)| t.clone()).unwrap_or_default()
}
