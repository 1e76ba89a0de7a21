//! Realistic large sessions for benchmarks and tests, deterministic from a seed.
//!
//! Changes are drawn the way a long series of meetings makes them (mostly cards added,
//! edited, moved and tagged; ratings, dots, commitments, endorsements, step changes, undo and
//! redo) and applied through [`Live::record`], so every generated log folds.

use std::sync::Arc;

use jiff::Timestamp;

use crate::core::scenario::{Endorsers, StepKind};
use crate::core::state::{Commitment, Participant, RowRef, VoteTarget};
use crate::core::state::{Owner, Source};
use crate::core::{Change, Endorser, Lang, Live, Scenario, Session, StepState};

mod kinds;

/// A small, fast, deterministic random number generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

const WORDS: &[&str] = &[
    "bewoners",
    "gemeente",
    "warmtenet",
    "vertrouwen",
    "draagvlak",
    "initiatief",
    "subsidie",
    "aansluitkosten",
    "huurders",
    "coöperatie",
    "regie",
    "besluit",
    "planning",
    "isolatie",
    "buurtapp",
    "informatieavond",
    "energiearmoede",
    "businesscase",
    "samenwerking",
    "één",
    "wethouder",
    "netbeheerder",
    "participatie",
    "afspraken",
    "ambtenaar",
    "tempo",
    "zeggenschap",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 3 + rng.below(9);
    let mut words: Vec<&str> = (0..n).filter_map(|_| rng.pick(WORDS).copied()).collect();
    if let Some(first) = words.first_mut() {
        *first = match *first {
            "één" => "Eén",
            w => w,
        };
    }
    words.join(" ")
}

/// Commitments an agreement may hold before the generator edits rather than adds.
const MAX_COMMITMENTS_PER_STEP: usize = 60;

/// Cards a board may hold before the generator edits rather than adds.
const MAX_CARDS_PER_STEP: usize = 500;

/// A session of `scenario` with `events` generated changes, the same for the same seed.
pub fn session(scenario: Scenario, events: usize, seed: u64) -> Session {
    let start = Timestamp::from_second(1_795_255_200).unwrap_or(Timestamp::UNIX_EPOCH);
    let base = Session::new(
        Arc::new(scenario),
        "Gegenereerde reeks".into(),
        start,
        Lang::Nl,
    );
    let Ok(mut live) = Live::open(base) else {
        return Session::new(
            Arc::new(crate::core::fixture::scenario()),
            String::new(),
            start,
            Lang::Nl,
        );
    };
    let mut rng = Rng::new(seed);
    let mut now = start.as_second();
    let mut attempts = 0usize;
    while live.session.events.len() < events && attempts < events * 20 {
        attempts += 1;
        let Some(change) = propose(&live, &mut rng) else {
            continue;
        };
        now += 1 + rng.below(20) as i64;
        let at = Timestamp::from_second(now).unwrap_or(start);
        let _ = live.record(change, at);
    }
    live.session
}

/// A plausible next change for the state (it may still be refused by the reducer).
fn propose(live: &Live, rng: &mut Rng) -> Option<Change> {
    let state = &live.state;
    let scenario = state.scenario.clone();
    let roll = rng.below(1000);
    if roll < 8 {
        return Some(Change::Undo);
    }
    if roll < 12 {
        return Some(Change::Redo);
    }
    if roll < 25 {
        let step = rng.pick(&scenario.steps)?;
        return Some(Change::StepOpened {
            step: step.id.clone(),
        });
    }
    if roll < 40 {
        let id = state.next_id;
        let party = rng.pick(scenario.parties())?.id.clone();
        return Some(Change::ParticipantAdded {
            participant: Participant {
                id,
                name: (rng.below(2) == 0).then(|| format!("Deelnemer {id}")),
                organisation: format!("Organisatie {}", rng.below(12)),
                party: Some(party),
                present: rng.below(4) != 0,
            },
        });
    }
    let index = rng.below(scenario.steps.len());
    let step = &scenario.steps[index];
    let id = step.id.clone();
    match (&step.kind, state.steps.get(index)?) {
        (StepKind::Board(spec), StepState::Board(board)) => {
            let count = board.cards().count();
            let cards: Vec<u32> = board.cards().map(|c| c.id).collect();
            let lane = rng.pick(&spec.lanes)?.id.clone();
            // A move goes somewhere in the lane (the reducer refuses a place past its end).
            let room = spec
                .lanes
                .iter()
                .position(|l| l.id == lane)
                .and_then(|i| board.lanes.get(i))
                .map_or(0, |l| l.cards.len().saturating_sub(1));
            let r = rng.below(100);
            if cards.is_empty() || (r < 55 && count < MAX_CARDS_PER_STEP) {
                return Some(Change::CardAdded {
                    step: id,
                    lane,
                    card: state.next_id,
                    text: sentence(rng),
                    party: (rng.below(3) == 0)
                        .then(|| rng.pick(scenario.parties()).map(|p| p.id.clone()))
                        .flatten(),
                    theme: None,
                    position: None,
                });
            }
            let card = *rng.pick(&cards)?;
            if rng.below(40) == 0 {
                return Some(Change::CardParked {
                    step: id,
                    card,
                    position: None,
                });
            }
            Some(match r % 6 {
                0 | 1 => Change::CardEdited {
                    step: id,
                    card,
                    text: sentence(rng),
                },
                2 => Change::CardMoved {
                    step: id,
                    card,
                    lane,
                    position: rng.below(8).min(room),
                },
                3 => Change::CardTagged {
                    step: id,
                    card,
                    party: rng.pick(scenario.parties()).map(|p| p.id.clone()),
                },
                4 => Change::ThemeSet {
                    step: id,
                    cards: vec![card],
                    theme: Some(format!("Thema {}", rng.below(6))),
                },
                _ if count > 50 => Change::CardDeleted { step: id, card },
                _ => Change::CardEdited {
                    step: id,
                    card,
                    text: sentence(rng),
                },
            })
        }
        (StepKind::Matrix(spec), StepState::Matrix(_)) => {
            let row = match &spec.rows_from {
                Some(from) => {
                    let board = state.board(scenario.step_index(from)?)?;
                    let cards: Vec<u32> = board.cards().map(|c| c.id).collect();
                    RowRef::Card(*rng.pick(&cards)?)
                }
                None => RowRef::Row(rng.pick(&spec.rows)?.id.clone()),
            };
            let column = rng.pick(&spec.columns)?.id.clone();
            let (min, max) = spec.scale.range();
            let value = min + rng.below((max - min + 1) as usize) as i32;
            Some(if rng.below(10) == 0 {
                Change::CellNoted {
                    step: id,
                    row,
                    column,
                    note: sentence(rng),
                }
            } else {
                Change::CellSet {
                    step: id,
                    row,
                    column,
                    value: Some(value),
                }
            })
        }
        (StepKind::Vote(spec), StepState::Vote(vote)) => {
            let board = state.board(scenario.step_index(&spec.on)?)?;
            let cards: Vec<u32> = board.cards().map(|c| c.id).collect();
            let r = rng.below(100);
            if vote.voters.is_none() || r < 3 {
                return Some(Change::VotersSet {
                    step: id,
                    voters: Some(5 + rng.below(30) as u32),
                });
            }
            if r < 6 {
                return Some(Change::VoteRevealed {
                    step: id,
                    revealed: !vote.revealed,
                });
            }
            let target = VoteTarget::Card(*rng.pick(&cards)?);
            Some(if r < 70 {
                Change::DotAdded { step: id, target }
            } else {
                Change::DotRemoved { step: id, target }
            })
        }
        (StepKind::Agreement(spec), StepState::Agreement(agreement)) => {
            let r = rng.below(100);
            if (r < 40 && agreement.commitments.len() < MAX_COMMITMENTS_PER_STEP)
                || agreement.commitments.is_empty()
            {
                return Some(Change::CommitmentAdded {
                    step: id,
                    commitment: commitment(live, rng, state.next_id),
                    position: None,
                });
            }
            let mut items: Vec<String> = spec.principles.iter().map(|p| p.id.clone()).collect();
            if spec.statement.is_some() {
                items.push("statement".into());
            }
            if r < 70 && !items.is_empty() {
                let endorser = match spec.endorse_by {
                    Endorsers::Parties => Endorser::Party(rng.pick(scenario.parties())?.id.clone()),
                    Endorsers::Participants => {
                        Endorser::Participant(rng.pick(&state.participants)?.id)
                    }
                };
                return Some(Change::EndorsementSet {
                    step: id,
                    item: rng.pick(&items)?.clone(),
                    endorser,
                    endorsed: rng.below(4) != 0,
                });
            }
            let mut c = rng.pick(&agreement.commitments)?.clone();
            if c.due.is_some() {
                c.due = Some(due(live, rng));
            } else {
                c.when = format!("week {}", 1 + rng.below(52));
            }
            Some(Change::CommitmentEdited {
                step: id,
                commitment: c,
            })
        }
        _ => kinds::propose(state, index, rng),
    }
}

/// A commitment as a room makes them: most with an owner from the room and a date a few
/// weeks after the meeting, some with a party as well or only a party, some from a card,
/// a few with only a free "who" and "when".
fn commitment(live: &Live, rng: &mut Rng, id: u32) -> Commitment {
    let state = &live.state;
    let scenario = &state.scenario;
    let mut owners = Vec::new();
    if let Some(p) = rng.pick(&state.participants).filter(|_| rng.below(3) != 0) {
        owners.push(Owner::Participant(p.id));
    }
    if (owners.is_empty() || rng.below(4) == 0)
        && let Some(p) = rng.pick(scenario.parties())
    {
        owners.push(Owner::Party(p.id.clone()));
    }
    let cards: Vec<u32> = state
        .steps
        .iter()
        .filter_map(|s| match s {
            StepState::Board(b) => Some(b.cards().map(|c| c.id)),
            _ => None,
        })
        .flatten()
        .collect();
    let from = rng
        .pick(&cards)
        .filter(|_| rng.below(3) == 0)
        .filter(|c| state.action_of_card(**c).is_none())
        .map(|c| Source::Card(*c));
    let dated = rng.below(5) != 0;
    Commitment {
        id,
        what: sentence(rng),
        who: if rng.below(10) == 0 {
            "de wethouder".into()
        } else {
            String::new()
        },
        when: if dated {
            String::new()
        } else {
            "voor de zomer".into()
        },
        owners,
        due: dated.then(|| due(live, rng)),
        from,
    }
}

/// A date one to twelve weeks after the meeting's first day (its UTC date: the generator
/// knows no zone).
fn due(live: &Live, rng: &mut Rng) -> jiff::civil::Date {
    let day = live
        .session
        .created
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let weeks = 1 + rng.below(12) as i64;
    day.checked_add(jiff::Span::new().days(weeks * 7 + rng.below(5) as i64))
        .unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stakeholder() -> Scenario {
        let json = include_str!("../../scenarios/stakeholder-doelen.json");
        serde_json::from_str(json).expect("built-in scenario")
    }

    #[test]
    fn same_seed_same_session_and_every_log_folds() {
        let a = session(stakeholder(), 2_000, 7);
        let b = session(stakeholder(), 2_000, 7);
        assert_eq!(a.events.len(), 2_000);
        assert_eq!(a, b);
        assert_ne!(a, session(stakeholder(), 2_000, 8));
        let state = a.state().expect("generated log folds");
        assert_eq!(state.applied, 2_000);
        let kinds: std::collections::BTreeSet<String> = a
            .events
            .iter()
            .map(|e| {
                serde_json::to_value(&e.change)
                    .ok()
                    .and_then(|v| v["type"].as_str().map(String::from))
                    .unwrap_or_default()
            })
            .collect();
        for kind in [
            "card_added",
            "card_moved",
            "cell_set",
            "dot_added",
            "commitment_added",
            "undo",
            "step_opened",
        ] {
            assert!(kinds.contains(kind), "{kind} never generated: {kinds:?}");
        }
    }
}
