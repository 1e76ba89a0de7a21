//! Merging the content of grid, consent and poll steps (see [`super::merge`]).
//!
//! - Grid: an item placed by more than one group stands at the average of their places
//!   (rounded), and its note lists each group's place, e.g. `A: 3,4; B: 1,2 · gemiddeld:
//!   2 / 3`; placed by one group of several, its note names that group (`A: 3,4`). Groups
//!   that did not place it do not count. Typed items with the same name are one item.
//! - Consent: every group's positions, each member mapped to the merged participants; when
//!   parties take part, a party's positions of all groups make one (the strongest: an
//!   objection over a concern over standing aside over consent), its text naming each
//!   group (each group's position too when they differ). Every group's amendments are kept
//!   in order (a text written alike at several tables once); the round stands at the
//!   furthest round any group reached, and is decided only when every group decided the
//!   same text and no objection is open.
//! - Poll: counts add up per answer; each person's answer is kept under the merged
//!   participant. Statements added in the room with the same text are one.

use std::collections::BTreeMap;

use super::merge_steps::Ctx;
use crate::core::consent::{ConsentPhase, Position, Stance};
use crate::core::grid::{GridItem, GridPoint, GridSpec, point_text, same_label};
use crate::core::poll::PollSpec;
use crate::core::scenario::{ConsentSpec, Endorsers};
use crate::core::{Change, Endorser, Lang, SessionState, StepState, Text};

/// A member's merged position, with the (group, amendment) pairs that resolved it.
type MergedPosition = (Endorser, Position, Vec<(usize, u32)>);

impl Ctx<'_, '_> {
    /// A group's endorser as the merged session knows it: participants and phones become
    /// merged participants; parties stay.
    fn member(&self, g: usize, who: &Endorser) -> Option<Endorser> {
        match who {
            Endorser::Party(p) => Some(Endorser::Party(p.clone())),
            Endorser::Participant(old) => self
                .person
                .get(&(g, *old))
                .map(|id| Endorser::Participant(*id)),
            Endorser::Device(d) => self
                .phones
                .get(&(g, *d))
                .map(|id| Endorser::Participant(*id)),
        }
    }

    fn group(&self, g: usize) -> &str {
        self.names.get(g).map_or("?", String::as_str)
    }

    /// The grid of step `s`: items mapped to the merged session, places averaged.
    pub(super) fn grid(
        &self,
        s: usize,
        step: &str,
        spec: &GridSpec,
        initial: &SessionState,
        next_id: &mut u32,
        lang: Lang,
    ) -> Vec<Change> {
        let mut out = Vec::new();
        // The merged session's typed items (its start items first), by name.
        let mut typed: Vec<(u32, String)> = match initial.steps.get(s) {
            Some(StepState::Grid(g)) => g.typed.iter().map(|t| (t.id, t.label.clone())).collect(),
            _ => Vec::new(),
        };
        let mut places: BTreeMap<GridItem, Vec<(usize, GridPoint, String)>> = BTreeMap::new();
        let mut seen: Vec<GridItem> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let state = &group.live.state;
            for entry in crate::core::grid::entries(state, s, lang) {
                let key = match &entry.key {
                    GridItem::Party(p) => GridItem::Party(p.clone()),
                    GridItem::Card(old) => match self.card_map.get(&(g, *old)) {
                        Some(new) => GridItem::Card(*new),
                        None => continue,
                    },
                    GridItem::Item(_) => {
                        let known = typed
                            .iter()
                            .find(|(_, label)| same_label(label, &entry.label));
                        let id = match known {
                            Some((id, _)) => *id,
                            None => {
                                let id = *next_id;
                                *next_id += 1;
                                typed.push((id, entry.label.clone()));
                                out.push(Change::GridItemAdded {
                                    step: step.to_string(),
                                    item: id,
                                    label: entry.label.clone(),
                                    party: entry.party.clone(),
                                    position: None,
                                });
                                id
                            }
                        };
                        GridItem::Item(id)
                    }
                };
                if !seen.contains(&key) {
                    seen.push(key.clone());
                }
                if let Some(at) = entry.at {
                    places.entry(key).or_default().push((g, at, entry.note));
                }
            }
        }
        let initial_places = match initial.steps.get(s) {
            Some(StepState::Grid(g)) => g.places.clone(),
            _ => BTreeMap::new(),
        };
        for key in seen {
            let found = places.remove(&key).unwrap_or_default();
            let (at, note) = match found.as_slice() {
                [] => (None, String::new()),
                // One group alone keeps its note as it was; among several, the note says
                // which group placed it (the others did not).
                [(_, at, note)] if self.groups.len() == 1 => (Some(*at), note.clone()),
                [(g, at, note)] => (Some(*at), self.group_place(*g, *at, note)),
                many => self.average_place(spec, many, lang),
            };
            if at != initial_places.get(&key).copied() {
                out.push(Change::GridPlaced {
                    step: step.to_string(),
                    item: key.clone(),
                    at,
                });
            }
            if !note.is_empty() {
                out.push(Change::GridNoted {
                    step: step.to_string(),
                    item: key,
                    note,
                });
            }
        }
        out
    }

    fn average_place(
        &self,
        spec: &GridSpec,
        found: &[(usize, GridPoint, String)],
        lang: Lang,
    ) -> (Option<GridPoint>, String) {
        let n = found.len() as f64;
        let mean = |f: fn(&GridPoint) -> u8| {
            found.iter().map(|(_, p, _)| f64::from(f(p))).sum::<f64>() / n
        };
        let (x, y) = (mean(|p| p.x), mean(|p| p.y));
        let at = spec.nudge(
            GridPoint {
                x: x.round() as u8,
                y: y.round() as u8,
            },
            0,
            0,
        );
        let number = |v: f64| {
            let text = format!("{v:.1}");
            let text = text.trim_end_matches('0').trim_end_matches('.').to_string();
            if lang == Lang::Nl {
                text.replace('.', ",")
            } else {
                text
            }
        };
        let parts: Vec<String> = found
            .iter()
            .map(|(g, p, note)| self.group_place(*g, *p, note))
            .collect();
        let note = format!(
            "{} · {}: {} / {}",
            parts.join("; "),
            lang.pick("gemiddeld", "average"),
            number(x),
            number(y)
        );
        (Some(at), note)
    }

    /// `Tafel 1: 3,4 (note)`: where one group placed an item.
    fn group_place(&self, g: usize, p: GridPoint, note: &str) -> String {
        let mut part = format!("{}: {}", self.group(g), point_text(p));
        if !note.is_empty() {
            part.push_str(&format!(" ({note})"));
        }
        part
    }

    /// The consent round of step `s`: each group's positions, amendments and what was said.
    pub(super) fn consent(
        &self,
        s: usize,
        step: &str,
        spec: &ConsentSpec,
        next_id: &mut u32,
        conflicts: &mut Vec<Text>,
        lang: Lang,
    ) -> Vec<Change> {
        let by_parties = spec.by == Endorsers::Parties;
        let mut said: BTreeMap<(ConsentPhase, Endorser), Vec<(usize, String)>> = BTreeMap::new();
        let mut positions: BTreeMap<Endorser, Vec<(usize, Position)>> = BTreeMap::new();
        let mut amendments: Vec<(usize, u32, String, Vec<Endorser>)> = Vec::new();
        let mut phase = ConsentPhase::Questions;
        let mut all_decided = true;
        let mut finals: Vec<String> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let Some(StepState::Consent(round)) = group.live.state.steps.get(s) else {
                continue;
            };
            phase = phase.max(round.phase);
            all_decided &= round.decided;
            if !finals.contains(&round.proposal) {
                finals.push(round.proposal.clone());
            }
            for ((p, who), text) in &round.said {
                if let Some(m) = self.member(g, who) {
                    said.entry((*p, m)).or_default().push((g, text.clone()));
                }
            }
            for (who, position) in &round.positions {
                if let Some(m) = self.member(g, who) {
                    positions.entry(m).or_default().push((g, position.clone()));
                }
            }
            for a in &round.amendments {
                let resolves = a
                    .resolves
                    .iter()
                    .filter_map(|w| self.member(g, w))
                    .collect();
                amendments.push((g, a.id, a.text.clone(), resolves));
            }
        }
        let tagged = finals.len() > 1;
        if tagged {
            conflicts.push(Text::new(
                format!("stap '{step}': de groepen eindigden met een ander voorstel; de samengevoegde ronde houdt de wijzigingen van elke groep na elkaar"),
                format!("step '{step}': the groups ended with different proposals; the merged round holds each group's amendments one after the other"),
            ));
        }
        let mut out = Vec::new();
        for ((p, who), texts) in said {
            let text = match texts.as_slice() {
                [(_, t)] if !by_parties => t.clone(),
                many => self.joined(many.iter().map(|(g, t)| (*g, t.as_str()))),
            };
            out.push(Change::ConsentSaid {
                step: step.to_string(),
                phase: p,
                member: who,
                text,
            });
        }
        // Positions first as given (objections open), then the amendments resolve them.
        let mut merged: Vec<MergedPosition> = Vec::new();
        for (who, given) in positions {
            let strongest = given
                .iter()
                .map(|(_, p)| p.stance)
                .max_by_key(|s| match s {
                    Stance::Objection => 3,
                    Stance::Concern => 2,
                    Stance::StandAside => 1,
                    Stance::Consent => 0,
                })
                .unwrap_or(Stance::Consent);
            let texts: Vec<(usize, &str)> = given
                .iter()
                .filter(|(_, p)| !p.text.is_empty())
                .map(|(g, p)| (*g, p.text.as_str()))
                .collect();
            let same = given.iter().all(|(_, p)| p.stance == strongest);
            let text = match (texts.as_slice(), given.len()) {
                ([(_, t)], 1) => t.to_string(),
                _ if same => self.joined(texts.into_iter()),
                // The groups took different positions: each group's, so none is lost.
                _ => {
                    let each: Vec<(usize, String)> = given
                        .iter()
                        .map(|(g, p)| {
                            let stance = p.stance.label(lang);
                            let text = if p.text.is_empty() {
                                stance.to_string()
                            } else {
                                format!("{stance} ({})", p.text)
                            };
                            (*g, text)
                        })
                        .collect();
                    self.joined(each.iter().map(|(g, t)| (*g, t.as_str())))
                }
            };
            let objections: Vec<(usize, Option<u32>)> = given
                .iter()
                .filter(|(_, p)| p.stance == Stance::Objection)
                .map(|(g, p)| (*g, p.resolved_by))
                .collect();
            // Resolved when every group's objection was; by the last of their amendments.
            let resolvers: Vec<(usize, u32)> = objections
                .iter()
                .filter_map(|(g, r)| r.map(|a| (*g, a)))
                .collect();
            let resolved = strongest == Stance::Objection
                && !objections.is_empty()
                && resolvers.len() == objections.len();
            let position = Position {
                stance: strongest,
                text: if strongest.needs_text() && text.is_empty() {
                    "?".to_string()
                } else {
                    text
                },
                resolved_by: None,
            };
            merged.push((who, position, if resolved { resolvers } else { Vec::new() }));
        }
        if !merged.is_empty() {
            out.push(Change::ConsentPhaseSet {
                step: step.to_string(),
                phase: ConsentPhase::Objections,
            });
        }
        for (who, position, _) in &merged {
            out.push(Change::ConsentPositionSet {
                step: step.to_string(),
                member: who.clone(),
                position: Some(position.clone()),
            });
        }
        // Which merged amendment resolves each member: the last of its groups' resolvers.
        let last = |resolvers: &[(usize, u32)]| -> Option<usize> {
            resolvers
                .iter()
                .filter_map(|(g, a)| {
                    amendments
                        .iter()
                        .position(|(ag, aid, _, _)| ag == g && aid == a)
                })
                .max()
        };
        // The proposal as the merged round has it so far.
        let mut proposal = crate::core::consent::ConsentState::new(spec, lang).proposal;
        for (i, (g, _, text, resolves)) in amendments.iter().enumerate() {
            let resolves: Vec<Endorser> = resolves
                .iter()
                .filter(|who| {
                    merged
                        .iter()
                        .any(|(w, _, r)| w == *who && !r.is_empty() && last(r) == Some(i))
                })
                .cloned()
                .collect();
            let text = if tagged {
                format!("[{}] {text}", self.group(*g))
            } else {
                text.clone()
            };
            // Groups that wrote (or amended to) the same text: the history holds it once.
            if text == proposal && resolves.is_empty() {
                continue;
            }
            proposal.clone_from(&text);
            let id = *next_id;
            *next_id += 1;
            out.push(Change::ConsentAmended {
                step: step.to_string(),
                amendment: id,
                text,
                resolves,
            });
        }
        if phase != ConsentPhase::Questions || !merged.is_empty() {
            out.push(Change::ConsentPhaseSet {
                step: step.to_string(),
                phase,
            });
        }
        let open = merged
            .iter()
            .any(|(_, p, resolvers)| p.stance == Stance::Objection && resolvers.is_empty());
        if all_decided && !self.groups.is_empty() && !tagged && !open {
            out.push(Change::ConsentDecided {
                step: step.to_string(),
                decided: true,
            });
        }
        out
    }

    /// Texts of several groups in one: `A: …; B: …`.
    fn joined<'t>(&self, texts: impl Iterator<Item = (usize, &'t str)>) -> String {
        texts
            .map(|(g, t)| format!("{}: {t}", self.group(g)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The poll of step `s`: counts added, each person's answer kept.
    pub(super) fn poll(&self, s: usize, step: &str, spec: &PollSpec, lang: Lang) -> Vec<Change> {
        let mut out = Vec::new();
        // Statements added in the room, by text: (merged id, text).
        let mut added: Vec<(String, String)> = Vec::new();
        let mut revealed: Vec<String> = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            let state = &group.live.state;
            let Some(StepState::Poll(poll)) = state.steps.get(s) else {
                continue;
            };
            let mut ids: BTreeMap<String, String> = BTreeMap::new();
            for line in crate::core::poll::statements(state, s, lang) {
                let id = if !line.added {
                    line.id.clone()
                } else if let Some((id, _)) = added.iter().find(|(_, t)| same_label(t, &line.text))
                {
                    id.clone()
                } else {
                    let mut id = line.id.clone();
                    let mut n = 2;
                    while spec.statements.iter().any(|x| x.id == id)
                        || added.iter().any(|(x, _)| *x == id)
                    {
                        id = format!("{}-{n}", line.id);
                        n += 1;
                    }
                    added.push((id.clone(), line.text.clone()));
                    out.push(Change::PollStatementAdded {
                        step: step.to_string(),
                        id: id.clone(),
                        text: line.text.clone(),
                        position: None,
                    });
                    id
                };
                ids.insert(line.id, id);
            }
            for (statement, counts) in &poll.counts {
                let Some(id) = ids.get(statement) else {
                    continue;
                };
                for (answer, n) in counts {
                    for _ in 0..*n {
                        out.push(Change::PollCounted {
                            step: step.to_string(),
                            statement: id.clone(),
                            answer: *answer,
                            added: true,
                        });
                    }
                }
            }
            for (statement, answers) in &poll.answers {
                let Some(id) = ids.get(statement) else {
                    continue;
                };
                for (who, answer) in answers {
                    if let Some(m) = self.member(g, who) {
                        out.push(Change::PollAnswered {
                            step: step.to_string(),
                            statement: id.clone(),
                            respondent: m,
                            answer: Some(*answer),
                        });
                    }
                }
            }
            for statement in &poll.revealed {
                if let Some(id) = ids.get(statement)
                    && !revealed.contains(id)
                {
                    revealed.push(id.clone());
                }
            }
        }
        out.extend(revealed.into_iter().map(|statement| Change::PollRevealed {
            step: step.to_string(),
            statement,
            revealed: true,
        }));
        out
    }
}
