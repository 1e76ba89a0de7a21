//! Merging breakout groups: several groups ran the same scenario on their own laptops; the
//! merged session holds everything of every group and is an ordinary session file whose
//! events rebuild the combined state.
//!
//! How the groups show in it (README, "Exports, merging and comparing"):
//! - Cards a group wrote (or changed) get its name as a prefix, `[Groep A] text`, and fresh
//!   ids. Starting cards of the scenario that a group left unchanged are shared: they are
//!   kept once, so every group's ratings and dots on them come together.
//! - Matrix cells rated by more than one group hold the average (numeric scales: the mean,
//!   rounded; level scales: the median level among levels that count), and the cell's note
//!   lists each group's value and note, e.g. `A: +2; B: -1 (te duur) · gemiddeld: +0,5`.
//! - Votes: dots add up per card or theme; the number of voters is the groups' together.
//! - Agreements: every commitment (a group's own with its prefix) and every endorsement.
//! - Participants: everyone from every group, with fresh ids.
//!
//! Deterministic: no clock, no randomness; `created` is the earliest input's, every event
//! carries the time of the latest change in any input.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;

use super::merge_placement::{describe_conflict, shared_placements};
use super::merge_steps::Ctx;
use crate::core::scenario::StepKind;
use crate::core::state::{CardId, Participant};
use crate::core::{Change, Event, Lang, Live, Problem, Session, SessionState, StepState, Text};

/// One group's session and the name its cards are tagged with.
pub struct Group<'a> {
    /// The name, e.g. from `--names`, else the session's title.
    pub name: String,
    /// The group's session, folded.
    pub live: &'a Live,
}

/// The result of a merge.
#[derive(Debug)]
pub struct Merged {
    /// The merged session.
    pub session: Session,
    /// The group names as used in the tags (made unique).
    pub groups: Vec<String>,
    /// Inputs left out because an earlier input is the same session under the same name.
    pub duplicates: Vec<usize>,
    /// What could not be carried over (e.g. dots on a card that was deleted), readable.
    pub dropped: Vec<Text>,
    /// What the groups did differently, and how the merge kept both, readable.
    pub conflicts: Vec<Text>,
}

/// Why sessions cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// Nothing to merge.
    #[error("no sessions to merge")]
    Nothing,
    /// A session ran another scenario than the first.
    #[error(
        "input {} ran scenario '{found}', but the first input ran '{expected}'; only sessions of the same scenario can be merged", index + 1
    )]
    OtherScenario {
        /// Index of the input (0-based).
        index: usize,
        /// The first input's scenario id.
        expected: String,
        /// This input's scenario id.
        found: String,
    },
    /// A session ran a different version of the same scenario.
    #[error(
        "input {} ran another version of scenario '{id}' than the first input (differs in: {}); only sessions of the same scenario can be merged", index + 1, what.en
    )]
    OtherVersion {
        /// Index of the input (0-based).
        index: usize,
        /// The scenario id.
        id: String,
        /// Where the two differ, e.g. `step 'akte-2'`.
        what: Text,
    },
    /// The merged log does not fold (a bug, reported rather than written).
    #[error("the merged session does not hold together: {0:?}")]
    Invalid(Problem),
}

impl MergeError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (MergeError::Nothing, Lang::Nl) => "niets om samen te voegen".to_string(),
            (
                MergeError::OtherScenario {
                    index,
                    expected,
                    found,
                },
                Lang::Nl,
            ) => format!(
                "invoer {} volgde scenario '{found}', maar de eerste invoer '{expected}'; alleen sessies van hetzelfde scenario kunnen worden samengevoegd",
                index + 1
            ),
            (MergeError::OtherVersion { index, id, what }, Lang::Nl) => format!(
                "invoer {} volgde een andere versie van scenario '{id}' dan de eerste invoer (verschil: {}); alleen sessies van hetzelfde scenario kunnen worden samengevoegd",
                index + 1,
                what.nl
            ),
            (MergeError::Invalid(p), Lang::Nl) => format!(
                "de samengevoegde sessie klopt niet ({}: {}); meld dit als fout",
                p.path,
                p.message(lang)
            ),
            (other, Lang::En) => other.to_string(),
        }
    }
}

/// Where two scenarios with the same id differ, readable in both languages.
pub fn scenario_difference(a: &crate::core::Scenario, b: &crate::core::Scenario) -> Option<Text> {
    if a == b {
        return None;
    }
    if a.steps.len() != b.steps.len() {
        let (x, y) = (a.steps.len(), b.steps.len());
        return Some(Text::new(
            format!("{x} stappen tegen {y}"),
            format!("{x} steps against {y}"),
        ));
    }
    if let Some((x, _)) = a.steps.iter().zip(&b.steps).find(|(x, y)| x != y) {
        return Some(Text::new(
            format!("stap '{}'", x.id),
            format!("step '{}'", x.id),
        ));
    }
    if a.parties() != b.parties() {
        return Some(Text::new("de partijen", "the parties"));
    }
    Some(Text::new("titel of beschrijving", "title or description"))
}

/// One group's rating of a cell: (group, value, note).
pub(super) type Rating = (usize, Option<i32>, String);

/// A starting card: ((lane, index), text, party).
type StartCard = ((usize, usize), String, Option<String>);

/// A card of the merged board, with where it came from.
struct MergedCard {
    text: String,
    party: Option<String>,
    theme: Option<String>,
}

/// Merges the groups' sessions into one. The words the merge writes into the session (its
/// title, the notes of averaged cells) are in the first session's language.
pub fn merge(groups: &[Group<'_>], title: Option<String>) -> Result<Merged, MergeError> {
    let first = groups.first().ok_or(MergeError::Nothing)?;
    let lang = first.live.session.lang;
    let scenario = first.live.session.scenario.clone();
    for (index, g) in groups.iter().enumerate().skip(1) {
        let other = &g.live.session.scenario;
        if other.id != scenario.id {
            return Err(MergeError::OtherScenario {
                index,
                expected: scenario.id.clone(),
                found: other.id.clone(),
            });
        }
        if let Some(what) = scenario_difference(&scenario, other) {
            return Err(MergeError::OtherVersion {
                index,
                id: scenario.id.clone(),
                what,
            });
        }
    }
    // The same session under the same name twice is one group.
    let mut duplicates = Vec::new();
    let mut distinct: Vec<&Group<'_>> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if distinct
            .iter()
            .any(|d| d.name == g.name && d.live.session == g.live.session)
        {
            duplicates.push(i);
        } else {
            distinct.push(g);
        }
    }
    let names = unique_names(distinct.iter().map(|g| g.name.as_str()));
    let tagged = distinct.len() > 1;
    let tag = |g: usize, text: &str| {
        if tagged {
            format!("[{}] {text}", names[g])
        } else {
            text.to_string()
        }
    };
    let created = distinct
        .iter()
        .map(|g| g.live.session.created)
        .min()
        .unwrap_or(first.live.session.created);
    let at: Timestamp = distinct
        .iter()
        .map(|g| {
            g.live
                .session
                .events
                .last()
                .map_or(g.live.session.created, |e| e.at)
        })
        .max()
        .unwrap_or(created);
    let title = title.unwrap_or_else(|| {
        format!(
            "{}: {}",
            lang.pick("Samengevoegd", "Merged"),
            names.join(" + ")
        )
    });

    // Participants: everyone, fresh ids in group order.
    let mut participants: Vec<Participant> = Vec::new();
    let mut person: BTreeMap<(usize, u32), u32> = BTreeMap::new();
    let mut phones: BTreeMap<(usize, u32), u32> = BTreeMap::new();
    for (g, group) in distinct.iter().enumerate() {
        for p in &group.live.state.participants {
            let id = participants.len() as u32 + 1;
            person.insert((g, p.id), id);
            participants.push(Participant { id, ..p.clone() });
        }
        // A group's phones become participants (their endorsements carry over); a merged
        // session has no room of its own.
        for d in group.live.state.room.devices.values() {
            let id = participants.len() as u32 + 1;
            phones.insert((g, d.id), id);
            participants.push(Participant {
                id,
                name: d.name.clone(),
                organisation: String::new(),
                party: d.party.clone(),
                present: !d.removed,
            });
        }
    }
    let mut session = Session::new(scenario.clone(), title, created, first.live.session.lang);
    session.participants = participants;
    session.time_zone.clone_from(&first.live.session.time_zone);
    // Groups continuing the same earlier meeting keep that link.
    if distinct
        .iter()
        .all(|g| g.live.session.previous == first.live.session.previous)
    {
        session.previous.clone_from(&first.live.session.previous);
    }
    let initial = session.initial_state();
    let mut next_id = initial.next_id;
    let mut changes: Vec<Change> = Vec::new();
    let mut dropped: Vec<Text> = Vec::new();

    // Start from empty boards and agreements; everything is added back below.
    for (step, content) in scenario.steps.iter().zip(&initial.steps) {
        match content {
            StepState::Board(b) => changes.extend(b.cards().map(|c| Change::CardDeleted {
                step: step.id.clone(),
                card: c.id,
            })),
            StepState::Agreement(a) => {
                changes.extend(a.commitments.iter().map(|c| Change::CommitmentRemoved {
                    step: step.id.clone(),
                    id: c.id,
                }))
            }
            _ => {}
        }
    }

    // Boards: shared starting cards once, each group's own cards tagged.
    let mut card_map: BTreeMap<(usize, CardId), CardId> = BTreeMap::new();
    let mut conflicts: Vec<Text> = Vec::new();
    for (s, step) in scenario.steps.iter().enumerate() {
        let StepKind::Board(spec) = &step.kind else {
            continue;
        };
        let placed = shared_placements(&distinct, s);
        let mut lanes: Vec<Vec<(CardId, MergedCard)>> =
            spec.lanes.iter().map(|_| Vec::new()).collect();
        let mut shared: BTreeMap<(usize, usize), CardId> = BTreeMap::new();
        for (g, group) in distinct.iter().enumerate() {
            let start = starting_cards(&group.live.session.initial_state(), s);
            let Some(board) = group.live.state.board(s) else {
                continue;
            };
            for (l, lane) in board.lanes.iter().enumerate() {
                for card in &lane.cards {
                    // A starting card this group left as it was (text and party), and
                    // placed where the merge keeps the shared copy.
                    let place = start
                        .get(&card.id)
                        .filter(|(_, text, party)| *text == card.text && *party == card.party)
                        .map(|(place, _, _)| *place);
                    let key = place.and_then(|p| {
                        let at = placed.get(&p)?;
                        at.groups.contains(&g).then_some((p, at))
                    });
                    if let Some(id) = key.and_then(|(p, _)| shared.get(&p)) {
                        card_map.insert((g, card.id), *id);
                        continue;
                    }
                    let id = next_id;
                    next_id += 1;
                    card_map.insert((g, card.id), id);
                    let (lane_index, merged) = match key {
                        Some((p, at)) => {
                            shared.insert(p, id);
                            (
                                at.lane,
                                MergedCard {
                                    text: card.text.clone(),
                                    party: card.party.clone(),
                                    theme: at.theme.clone(),
                                },
                            )
                        }
                        None => (
                            l,
                            MergedCard {
                                text: tag(g, &card.text),
                                party: card.party.clone(),
                                theme: card.theme.clone(),
                            },
                        ),
                    };
                    if let Some(lane_cards) = lanes.get_mut(lane_index) {
                        lane_cards.push((id, merged));
                    }
                }
            }
        }
        for at in placed.values() {
            if let Some(conflict) = &at.conflict {
                conflicts.push(describe_conflict(conflict, &names, spec, &step.id));
            }
        }
        for (lane_spec, cards) in spec.lanes.iter().zip(lanes) {
            for (id, card) in cards {
                changes.push(Change::CardAdded {
                    step: step.id.clone(),
                    lane: lane_spec.id.clone(),
                    card: id,
                    text: card.text,
                    party: card.party,
                    theme: card.theme,
                    position: None,
                });
            }
        }
    }

    // The themes on each merged board, for votes on themes.
    let mut themes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for change in &changes {
        if let Change::CardAdded {
            step,
            theme: Some(theme),
            ..
        } = change
        {
            themes
                .entry(step.clone())
                .or_default()
                .insert(theme.clone());
        }
    }
    let ctx = Ctx {
        groups: &distinct,
        names: &names,
        card_map: &card_map,
        person: &person,
        phones: &phones,
        themes: &themes,
    };
    for (s, step) in scenario.steps.iter().enumerate() {
        match &step.kind {
            StepKind::Matrix(spec) => changes.extend(ctx.matrix(s, &step.id, &spec.scale, lang)),
            StepKind::Vote(spec) => changes.extend(ctx.vote(s, &step.id, spec, &mut dropped)),
            StepKind::Agreement(_) => {
                changes.extend(ctx.agreement(s, &step.id, &mut next_id, &tag, &mut dropped))
            }
            StepKind::Review(_) => changes.extend(ctx.review(s, &step.id, &mut dropped)),
            StepKind::Grid(spec) => {
                changes.extend(ctx.grid(s, &step.id, spec, &initial, &mut next_id, lang))
            }
            StepKind::Consent(spec) => {
                changes.extend(ctx.consent(s, &step.id, spec, &mut next_id, &mut conflicts, lang))
            }
            StepKind::Poll(spec) => changes.extend(ctx.poll(s, &step.id, spec, lang)),
            StepKind::Board(_) => {}
        }
    }

    session.events = changes
        .into_iter()
        .map(|change| Event::new(at, change))
        .collect();
    Live::open(session.clone()).map_err(MergeError::Invalid)?;
    Ok(Merged {
        session,
        groups: names,
        duplicates,
        dropped,
        conflicts,
    })
}

/// Names made unique by adding " (2)", " (3)", ... to repeats.
fn unique_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let base = if name.trim().is_empty() {
            "?"
        } else {
            name.trim()
        };
        let mut candidate = base.to_string();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{base} ({n})");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// The starting cards of board step `s` in a fresh state: id -> ((lane, index), text, party).
pub(super) fn starting_cards(initial: &SessionState, s: usize) -> BTreeMap<CardId, StartCard> {
    let mut out = BTreeMap::new();
    if let Some(board) = initial.board(s) {
        for (l, lane) in board.lanes.iter().enumerate() {
            for (i, c) in lane.cards.iter().enumerate() {
                out.insert(c.id, ((l, i), c.text.clone(), c.party.clone()));
            }
        }
    }
    out
}
