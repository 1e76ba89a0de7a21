//! Merging the content of matrix, vote and agreement steps (see [`super::merge`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::core::commitment::{Owner, Source};

use super::merge::{Group, Rating};
use crate::core::scenario::{Endorsers, Scale, StepKind, VoteSpec};
use crate::core::state::{CardId, Commitment, ReviewStatus, RowRef, VoteTarget};
use crate::core::{Change, Endorser, Lang, StepState, Text};

/// What the per-kind merges look up.
pub(super) struct Ctx<'a, 'b> {
    pub(super) groups: &'a [&'a Group<'b>],
    pub(super) names: &'a [String],
    /// (group, card id in its session) -> card id in the merged session.
    pub(super) card_map: &'a BTreeMap<(usize, CardId), CardId>,
    /// (group, participant id in its session) -> participant id in the merged session.
    pub(super) person: &'a BTreeMap<(usize, u32), u32>,
    /// (group, device number in its session) -> participant id in the merged session: the
    /// phones of a group's room become participants of the merged session.
    pub(super) phones: &'a BTreeMap<(usize, u32), u32>,
    /// Board step id -> theme names on the merged board.
    pub(super) themes: &'a BTreeMap<String, BTreeSet<String>>,
}

impl Ctx<'_, '_> {
    fn name(&self, g: usize) -> &str {
        self.names.get(g).map_or("?", String::as_str)
    }

    /// A group's owners with the merged session's participant ids.
    fn owners(&self, g: usize, owners: &[Owner]) -> Vec<Owner> {
        owners
            .iter()
            .filter_map(|o| match o {
                Owner::Participant(id) => {
                    self.person.get(&(g, *id)).map(|n| Owner::Participant(*n))
                }
                party @ Owner::Party(_) => Some(party.clone()),
            })
            .collect()
    }

    /// A group's link with the merged session's card ids (a card merged away loses it).
    fn source(&self, g: usize, from: Option<&Source>) -> Option<Source> {
        match from? {
            Source::Card(id) => self.card_map.get(&(g, *id)).map(|c| Source::Card(*c)),
            other => Some(other.clone()),
        }
    }

    pub(super) fn matrix(&self, s: usize, step: &str, scale: &Scale, lang: Lang) -> Vec<Change> {
        let (groups, names, card_map) = (self.groups, self.names, self.card_map);
        // Per merged cell: (group, value, note).
        let mut cells: BTreeMap<(RowRef, String), Vec<Rating>> = BTreeMap::new();
        for (g, group) in groups.iter().enumerate() {
            let Some(StepState::Matrix(m)) = group.live.state.steps.get(s) else {
                continue;
            };
            for ((row, column), cell) in &m.cells {
                let row = match row {
                    RowRef::Row(id) => RowRef::Row(id.clone()),
                    RowRef::Card(old) => match card_map.get(&(g, *old)) {
                        Some(new) => RowRef::Card(*new),
                        // The card was deleted: its row is gone from the matrix too.
                        None => continue,
                    },
                };
                cells.entry((row, column.clone())).or_default().push((
                    g,
                    cell.value,
                    cell.note.clone(),
                ));
            }
        }
        let mut out = Vec::new();
        for ((row, column), found) in cells {
            let (value, note) = match found.as_slice() {
                [(_, value, note)] => (*value, note.clone()),
                _ => combine(scale, &found, names, lang),
            };
            if value.is_some() {
                out.push(Change::CellSet {
                    step: step.to_string(),
                    row: row.clone(),
                    column: column.clone(),
                    value,
                });
            }
            if !note.is_empty() {
                out.push(Change::CellNoted {
                    step: step.to_string(),
                    row,
                    column,
                    note,
                });
            }
        }
        out
    }

    pub(super) fn vote(
        &self,
        s: usize,
        step: &str,
        spec: &VoteSpec,
        dropped: &mut Vec<Text>,
    ) -> Vec<Change> {
        let (groups, card_map) = (self.groups, self.card_map);
        let dots_per_voter = spec.dots;
        let no_themes = BTreeSet::new();
        let themes = self.themes.get(&spec.on).unwrap_or(&no_themes);
        let mut dots: BTreeMap<VoteTarget, u32> = BTreeMap::new();
        let mut voters_total = 0u32;
        let mut present_total = 0u32;
        let mut all_default = true;
        let mut revealed = false;
        for (g, group) in groups.iter().enumerate() {
            let Some(StepState::Vote(v)) = group.live.state.steps.get(s) else {
                continue;
            };
            let present = group.live.state.present_count();
            let used: u32 = v.dots.values().sum();
            let needed = used.div_ceil(dots_per_voter.max(1));
            voters_total += v.voters.unwrap_or(present).max(needed);
            present_total += present;
            all_default &= v.voters.is_none() && present >= needed;
            revealed |= v.revealed;
            for (target, n) in &v.dots {
                let target = match target {
                    VoteTarget::Card(old) => match card_map.get(&(g, *old)) {
                        Some(new) => VoteTarget::Card(*new),
                        None => {
                            let g = self.name(g);
                            dropped.push(Text::new(
                                format!(
                                    "{g}: {} op een verwijderde kaart in stap '{step}'",
                                    dots_nl(*n)
                                ),
                                format!("{g}: {} on a deleted card in step '{step}'", dots_en(*n)),
                            ));
                            continue;
                        }
                    },
                    VoteTarget::Theme(theme) if !themes.contains(theme) => {
                        let g = self.name(g);
                        dropped.push(Text::new(
                            format!("{g}: {} op thema '{theme}' in stap '{step}', dat niet meer op het bord staat", dots_nl(*n)),
                            format!("{g}: {} on theme '{theme}' in step '{step}', which is no longer on the board", dots_en(*n)),
                        ));
                        continue;
                    }
                    theme => theme.clone(),
                };
                *dots.entry(target).or_default() += n;
            }
        }
        let mut out = Vec::new();
        if !(all_default && present_total == voters_total) {
            out.push(Change::VotersSet {
                step: step.to_string(),
                voters: Some(voters_total),
            });
        }
        for (target, n) in dots {
            for _ in 0..n {
                out.push(Change::DotAdded {
                    step: step.to_string(),
                    target: target.clone(),
                });
            }
        }
        if revealed {
            out.push(Change::VoteRevealed {
                step: step.to_string(),
                revealed: true,
            });
        }
        out
    }

    pub(super) fn agreement(
        &self,
        s: usize,
        step: &str,
        next_id: &mut u32,
        tag: &dyn Fn(usize, &str) -> String,
        dropped: &mut Vec<Text>,
    ) -> Vec<Change> {
        let (groups, person) = (self.groups, self.person);
        let mut out = Vec::new();
        let mut shared: BTreeMap<usize, u32> = BTreeMap::new();
        let mut endorsements: BTreeMap<(String, Endorser), ()> = BTreeMap::new();
        for (g, group) in groups.iter().enumerate() {
            let initial = group.live.session.initial_state();
            let start: Vec<Commitment> = match initial.steps.get(s) {
                Some(StepState::Agreement(a)) => a.commitments.clone(),
                _ => Vec::new(),
            };
            let Some(StepState::Agreement(a)) = group.live.state.steps.get(s) else {
                continue;
            };
            for c in &a.commitments {
                let place = start.iter().position(|x| x == c);
                if place.is_some_and(|p| shared.contains_key(&p)) {
                    continue;
                }
                let id = *next_id;
                *next_id += 1;
                if let Some(p) = place {
                    shared.insert(p, id);
                }
                out.push(Change::CommitmentAdded {
                    step: step.to_string(),
                    commitment: Commitment {
                        id,
                        what: if place.is_some() {
                            c.what.clone()
                        } else {
                            tag(g, &c.what)
                        },
                        who: c.who.clone(),
                        when: c.when.clone(),
                        owners: self.owners(g, &c.owners),
                        due: c.due,
                        from: self.source(g, c.from.as_ref()),
                    },
                    position: None,
                });
            }
            let by_participants = matches!(
                group.live.state.scenario.steps.get(s).map(|st| &st.kind),
                Some(StepKind::Agreement(spec)) if spec.endorse_by == Endorsers::Participants
            );
            for (item, endorsers) in &a.endorsements {
                for e in endorsers {
                    // A group's phone became a participant of the merge; `d3` is a phone
                    // only where participants endorse (a party may be called so).
                    let found = match e {
                        Endorser::Participant(old) => Some(person.get(&(g, *old))),
                        Endorser::Device(d) if by_participants => Some(self.phones.get(&(g, *d))),
                        _ => None,
                    };
                    let endorser = match found {
                        Some(Some(new)) => Endorser::Participant(*new),
                        Some(None) => {
                            let g = self.name(g);
                            dropped.push(Text::new(
                                format!("{g}: een onderschrijving van '{item}' in stap '{step}' door een deelnemer die niet meer op de lijst staat"),
                                format!("{g}: an endorsement of '{item}' in step '{step}' by a participant no longer on the list"),
                            ));
                            continue;
                        }
                        None => e.clone(),
                    };
                    endorsements.insert((item.clone(), endorser), ());
                }
            }
        }
        for (item, endorser) in endorsements.into_keys() {
            out.push(Change::EndorsementSet {
                step: step.to_string(),
                item,
                endorser,
                endorsed: true,
            });
        }
        out
    }

    /// Review marks: each item keeps the first group's mark; a different mark from a
    /// later group is reported.
    pub(super) fn review(&self, s: usize, step: &str, dropped: &mut Vec<Text>) -> Vec<Change> {
        let mut marks: BTreeMap<String, (usize, ReviewStatus)> = BTreeMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            let Some(StepState::Review(r)) = group.live.state.steps.get(s) else {
                continue;
            };
            for (item, status) in &r.marks {
                match marks.get(item) {
                    None => {
                        marks.insert(item.clone(), (g, *status));
                    }
                    Some((first, kept)) if kept != status => {
                        let (g, first) = (self.name(g), self.name(*first));
                        dropped.push(Text::new(
                            format!(
                                "{g}: afspraak '{item}' in stap '{step}' gemarkeerd als {}; {} van {first} is aangehouden",
                                status.label(Lang::Nl),
                                kept.label(Lang::Nl)
                            ),
                            format!(
                                "{g}: commitment '{item}' in step '{step}' marked {}; {} of {first} was kept",
                                status.label(Lang::En),
                                kept.label(Lang::En)
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        marks
            .into_iter()
            .map(|(item, (_, status))| Change::ReviewMarked {
                step: step.to_string(),
                item,
                status: Some(status),
            })
            .collect()
    }
}

/// The average of several groups' values and a note that lists them.
fn combine(scale: &Scale, found: &[Rating], names: &[String], lang: Lang) -> (Option<i32>, String) {
    let show = |v: i32| match scale {
        Scale::Levels { levels } => usize::try_from(v)
            .ok()
            .and_then(|i| levels.get(i))
            .map_or_else(|| v.to_string(), |l| l.label.get(lang).to_string()),
        Scale::Numeric { min, .. } if *min < 0 && v > 0 => format!("+{v}"),
        Scale::Numeric { .. } => v.to_string(),
    };
    let parts: Vec<String> = found
        .iter()
        .map(|(g, value, note)| {
            let mut part = format!(
                "{}: {}",
                names.get(*g).map_or("?", String::as_str),
                value.map_or_else(|| "–".to_string(), show)
            );
            if !note.is_empty() {
                part.push_str(&format!(" ({note})"));
            }
            part
        })
        .collect();
    let values: Vec<i32> = found.iter().filter_map(|(_, v, _)| *v).collect();
    let (min, _) = scale.range();
    let (value, summary) = match scale {
        _ if values.is_empty() => (None, String::new()),
        Scale::Numeric { .. } => {
            // Summed as f64: an i32 sum of many values can overflow.
            let mean = values.iter().map(|v| f64::from(*v)).sum::<f64>() / values.len() as f64;
            let rounded = scale.clamp(mean.round() as i32);
            let mut text = format!("{mean:.2}")
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string();
            if mean > 0.0 && min < 0 {
                text.insert(0, '+');
            }
            if lang == Lang::Nl {
                text = text.replace('.', ",");
            }
            (
                Some(rounded),
                format!("{}: {text}", lang.pick("gemiddeld", "average")),
            )
        }
        Scale::Levels { levels } => {
            let mut counting: Vec<i32> = values
                .iter()
                .copied()
                .filter(|v| {
                    usize::try_from(*v)
                        .ok()
                        .and_then(|i| levels.get(i))
                        .is_some_and(|l| l.counts)
                })
                .collect();
            counting.sort_unstable();
            let median = counting
                .get(counting.len().saturating_sub(1) / 2)
                .copied()
                .unwrap_or(values[0]);
            (
                Some(median),
                format!("{}: {}", lang.pick("mediaan", "median"), show(median)),
            )
        }
    };
    let mut note = parts.join("; ");
    if !summary.is_empty() {
        note.push_str(" · ");
        note.push_str(&summary);
    }
    (value, note)
}

fn dots_nl(n: u32) -> String {
    if n == 1 {
        "1 stip".to_string()
    } else {
        format!("{n} stippen")
    }
}

fn dots_en(n: u32) -> String {
    if n == 1 {
        "1 dot".to_string()
    } else {
        format!("{n} dots")
    }
}
