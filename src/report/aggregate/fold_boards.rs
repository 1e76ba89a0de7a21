//! Boards across sessions: per lane, each normalised card text with the sessions it is
//! in, folded as the sessions come; at the end similar texts (a typo apart) are grouped
//! and the groups that come back most are kept.
//!
//! A programme can hold hundreds of thousands of different cards, almost all in one
//! session: each is kept compactly (its sessions, ways of writing and parties inline, the
//! parties as numbers), and at the end only the groups a report lists are built.

use std::collections::{BTreeMap, HashMap};

use smallvec::SmallVec;

use super::contribution::Contribution;
use super::similar;
use super::*;

/// A map with a fast hasher (the keys are texts of the session files, not of an attacker
/// who could choose collisions against a fixed seed to slow one report down).
pub(super) type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// Party ids as numbers, in order of first appearance.
#[derive(Default)]
pub(super) struct Parties {
    /// Each number's id.
    pub(super) ids: Vec<String>,
    numbers: FastMap<String, u32>,
}

impl Parties {
    /// The number of a party id (a new one for an id not seen before).
    pub(super) fn number(&mut self, id: &str) -> u32 {
        if let Some(n) = self.numbers.get(id) {
            return *n;
        }
        let n = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(id.to_string());
        self.numbers.insert(id.to_string(), n);
        n
    }
}

/// A card text in one lane: the sessions it is in (ordinals, ascending), how it was
/// written, and its parties (numbers) with their sessions.
#[derive(Default)]
pub(super) struct Seen {
    sessions: SmallVec<[u32; 2]>,
    texts: SmallVec<[(String, u32); 1]>,
    parties: SmallVec<[(u32, u32); 2]>,
}

/// A lane's cards, by normalised text.
pub(super) type LaneKeys = FastMap<String, Seen>;

/// The groups of a lane a report lists, and how many different cards it had.
pub(super) type Grouped = (Vec<CardGroup>, usize);

#[derive(Default)]
struct Lane {
    sessions: usize,
    last: Option<u32>,
    keys: LaneKeys,
    grouped: Option<Grouped>,
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
    pub(super) fn add(&mut self, c: &mut Contribution, n: u32, lang: Lang, parties: &mut Parties) {
        for seen in std::mem::take(&mut c.lanes) {
            let step = match self.steps.iter().position(|(s, _, _)| *s == seen.step) {
                Some(i) => i,
                None => {
                    let title = c.step_title(&seen.step, lang);
                    self.steps.push((seen.step.clone(), title, Vec::new()));
                    self.steps.len() - 1
                }
            };
            let lanes = &mut self.steps[step].2;
            if !lanes.iter().any(|(l, _)| *l == seen.lane) {
                lanes.push((seen.lane.clone(), seen.title.get(lang).to_string()));
            }
            let at = match self
                .lanes
                .iter()
                .position(|((s, l), _)| *s == seen.step && *l == seen.lane)
            {
                Some(at) => at,
                None => {
                    self.lanes.push(((seen.step, seen.lane), Lane::default()));
                    self.lanes.len() - 1
                }
            };
            let lane = &mut self.lanes[at].1;
            if lane.last != Some(n) {
                lane.last = Some(n);
                lane.sessions += 1;
            }
            for card in seen.cards {
                let seen = lane.keys.entry(card.key).or_default();
                if seen.sessions.last() != Some(&n) {
                    seen.sessions.push(n);
                }
                match seen.texts.iter_mut().find(|(t, _)| *t == card.text) {
                    Some((_, count)) => *count += 1,
                    None => seen.texts.push((card.text, 1)),
                }
                if let Some(p) = card.party {
                    seen.parties.push((parties.number(&p), n));
                }
            }
        }
    }

    /// The lanes' cards, to be grouped (by [`groups`], on any thread) and given back in
    /// the same order to [`Boards::finish`].
    pub(super) fn take_lanes(&mut self) -> Vec<LaneKeys> {
        self.lanes
            .iter_mut()
            .map(|(_, lane)| std::mem::take(&mut lane.keys))
            .collect()
    }

    /// The boards, with each lane's groups as [`Boards::take_lanes`] took them out (in
    /// that order).
    pub(super) fn finish(self, grouped: &mut dyn Iterator<Item = Grouped>) -> Vec<BoardAggregate> {
        let mut lanes = self.lanes;
        for (_, lane) in &mut lanes {
            lane.grouped = grouped.next();
        }
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
                        let (cards, distinct) = acc
                            .and_then(|l| l.grouped)
                            .unwrap_or_else(|| (Vec::new(), 0));
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

/// A group of similar cards: its sessions and the text it is shown by.
struct Ranked<'a> {
    sessions: usize,
    text: &'a str,
    leader: usize,
}

/// A lane's card groups (most sessions first, at most [`TOP_CARDS`]) and how many
/// different cards (groups) it had. `labels` has, per party number, its name when the
/// party is shown.
pub(super) fn groups(keys: LaneKeys, labels: &[Option<String>]) -> Grouped {
    let mut keys: Vec<(String, Seen)> = keys.into_iter().collect();
    // The keys are different, so this order is total and needs no stable sort.
    keys.sort_unstable_by(|a, b| {
        b.1.sessions
            .len()
            .cmp(&a.1.sessions.len())
            .then_with(|| a.0.cmp(&b.0))
    });
    let leaders = similar::group(&keys.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>());
    // The others of each group that has more than its first text.
    let mut others: FastMap<usize, Vec<usize>> = FastMap::default();
    for (i, leader) in leaders.iter().enumerate() {
        if *leader != i {
            others.entry(*leader).or_default().push(i);
        }
    }
    let members = |leader: usize| {
        std::iter::once(leader).chain(others.get(&leader).into_iter().flatten().copied())
    };
    let mut ranked: Vec<Ranked> =
        Vec::with_capacity(keys.len() - others.values().map(Vec::len).sum::<usize>());
    for (i, leader) in leaders.iter().enumerate() {
        if *leader != i {
            continue;
        }
        let seen = &keys[i].1;
        let ranked_one = if others.contains_key(&i) {
            let mut sessions: Vec<u32> = members(i)
                .flat_map(|m| keys[m].1.sessions.iter().copied())
                .collect();
            sessions.sort_unstable();
            sessions.dedup();
            let mut texts: Vec<(&str, u32)> = Vec::new();
            for (text, count) in members(i).flat_map(|m| keys[m].1.texts.iter()) {
                match texts.iter_mut().find(|(t, _)| *t == text.as_str()) {
                    Some((_, n)) => *n += count,
                    None => texts.push((text, *count)),
                }
            }
            Ranked {
                sessions: sessions.len(),
                text: most(texts.iter().copied()),
                leader: i,
            }
        } else {
            Ranked {
                sessions: seen.sessions.len(),
                text: most(seen.texts.iter().map(|(t, n)| (t.as_str(), *n))),
                leader: i,
            }
        };
        ranked.push(ranked_one);
    }
    let distinct = ranked.len();
    // Most sessions first, then by text: the texts of different groups differ (a text
    // belongs to the one key it normalises to), so only the first few need sorting.
    let order = |a: &Ranked, b: &Ranked| b.sessions.cmp(&a.sessions).then(a.text.cmp(b.text));
    if ranked.len() > TOP_CARDS {
        ranked.select_nth_unstable_by(TOP_CARDS - 1, order);
        ranked.truncate(TOP_CARDS);
    }
    ranked.sort_unstable_by(order);
    let cards = ranked
        .iter()
        .map(|r| {
            let mut parties: Vec<(u32, u32)> = members(r.leader)
                .flat_map(|m| keys[m].1.parties.iter().copied())
                .collect();
            parties.sort_unstable();
            parties.dedup();
            let mut by_party: BTreeMap<&str, usize> = BTreeMap::new();
            for (p, _) in &parties {
                if let Some(Some(label)) = labels.get(*p as usize) {
                    *by_party.entry(label).or_default() += 1;
                }
            }
            CardGroup {
                text: r.text.to_string(),
                sessions: r.sessions,
                by_party: by_party
                    .into_iter()
                    .map(|(label, count)| Count {
                        label: label.to_string(),
                        count,
                    })
                    .collect(),
            }
        })
        .collect();
    (cards, distinct)
}

/// The most common of some texts (the first in text order on a tie).
pub(super) fn most<'a>(texts: impl IntoIterator<Item = (&'a str, u32)>) -> &'a str {
    let mut best: Option<(&str, u32)> = None;
    for (t, n) in texts {
        if best.is_none_or(|(b, m)| n > m || (n == m && t < b)) {
            best = Some((t, n));
        }
    }
    best.map(|(t, _)| t).unwrap_or_default()
}
