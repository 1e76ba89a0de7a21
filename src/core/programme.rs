//! A programme for tests, benchmarks and the README: several CoPs, each a series of
//! meetings of one exercise, deterministic from a seed. The same cards come back across
//! CoPs (written a little differently: "Tevreden bewoners" and "tevreden bewoners!"),
//! ratings drift from meeting to meeting, commitments get dates a few weeks out and the
//! next meeting's review marks them done, open or dropped. Participants have names, so
//! a test can check that no aggregate shows them. Pure: the caller writes the files and
//! links each meeting to the one before (`continue_series`).

use jiff::{Span, Timestamp};

use super::generate::Rng;
use super::scenario::{Endorsers, StepKind};
use super::state::{Commitment, Owner, Participant, ReviewStatus, RowRef, VoteTarget};
use super::{Change, Endorser, Live, Session};

/// What people say, shared by every CoP: the first ones most often.
const CARDS: &[&str] = &[
    "Tevreden bewoners",
    "Betaalbare warmte",
    "Vertrouwen tussen gemeente en initiatief",
    "Duidelijke regie van de gemeente",
    "Een vast aanspreekpunt",
    "Subsidie die niet halverwege stopt",
    "Snelheid in besluiten",
    "Zeggenschap over het warmtenet",
    "Ambtenaren die tijd krijgen",
    "Huurders die meedoen",
    "Een eerlijke businesscase",
    "Informatieavonden in de wijk",
];

/// First names and surnames of participants (never to be seen in an aggregate).
const FIRST: &[&str] = &[
    "Anna", "Bram", "Fatima", "Joost", "Lotte", "Mehmet", "Petra", "Sanne",
];
const LAST: &[&str] = &["Jansen", "de Vries", "Bakker", "Yilmaz", "Visser", "Smit"];

/// A card's text as one CoP writes it: sometimes in lower case, with a "!" or a ".".
fn variant(text: &str, rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => text.to_lowercase(),
        1 => format!("{text}!"),
        2 => format!("{text}."),
        _ => text.to_string(),
    }
}

/// An index into [`CARDS`], the first ones more likely.
fn popular(rng: &mut Rng) -> usize {
    let a = rng.below(CARDS.len());
    let b = rng.below(CARDS.len());
    a.min(b)
}

/// Fills the meeting `meeting` (0 first) of CoP `cop`: `base` is the empty session (with
/// the review step and the carried participants when it continues a series).
pub fn meeting(base: Session, cop: usize, meeting: usize, seed: u64) -> Session {
    let created = base.created;
    let Ok(mut live) = Live::open(base.clone()) else {
        return base;
    };
    let mut rng = Rng::new(seed ^ ((cop as u64) << 32) ^ (meeting as u64).wrapping_mul(0x9E37));
    let mut now = created.as_second();
    let mut record = |live: &mut Live, change: Change, rng: &mut Rng| {
        now += 5 + rng.below(40) as i64;
        let at = Timestamp::from_second(now).unwrap_or(created);
        let _ = live.record(change, at);
    };
    let scenario = live.state.scenario.clone();
    let parties: Vec<String> = scenario.parties().iter().map(|p| p.id.clone()).collect();
    // The room: new people at the first meeting, most of them back later.
    if live.state.participants.is_empty() {
        for i in 0..5 + rng.below(4) {
            let participant = Participant {
                id: live.state.next_id,
                name: Some(format!(
                    "{} {}",
                    FIRST[(cop + i) % FIRST.len()],
                    LAST[(cop * 3 + i) % LAST.len()]
                )),
                organisation: format!("Organisatie {}", 1 + (cop * 7 + i) % 9),
                party: parties.get((i + cop) % parties.len().max(1)).cloned(),
                present: true,
            };
            record(
                &mut live,
                Change::ParticipantAdded { participant },
                &mut rng,
            );
        }
    } else {
        for p in live.state.participants.clone() {
            if rng.below(5) != 0 {
                let participant = Participant { present: true, ..p };
                record(
                    &mut live,
                    Change::ParticipantEdited { participant },
                    &mut rng,
                );
            }
        }
    }
    for step in &scenario.steps {
        let id = step.id.clone();
        record(&mut live, Change::StepOpened { step: id.clone() }, &mut rng);
        match &step.kind {
            StepKind::Board(spec) => {
                for lane in &spec.lanes {
                    for _ in 0..2 + rng.below(3) {
                        let text = variant(CARDS[popular(&mut rng)], &mut rng);
                        let party = lane
                            .party
                            .clone()
                            .or_else(|| rng.pick(&parties).cloned().filter(|_| rng.below(2) == 0));
                        let card = live.state.next_id;
                        record(
                            &mut live,
                            Change::CardAdded {
                                step: id.clone(),
                                lane: lane.id.clone(),
                                card,
                                text,
                                party,
                                theme: None,
                                position: None,
                            },
                            &mut rng,
                        );
                    }
                }
            }
            StepKind::Matrix(spec) => {
                let rows: Vec<(RowRef, usize)> = match &spec.rows_from {
                    Some(from) => scenario
                        .step_index(from)
                        .and_then(|i| live.state.board(i))
                        .map(|b| {
                            b.cards()
                                .map(|c| (RowRef::Card(c.id), c.text.len()))
                                .collect()
                        })
                        .unwrap_or_default(),
                    None => spec
                        .rows
                        .iter()
                        .enumerate()
                        .map(|(i, r)| (RowRef::Row(r.id.clone()), i))
                        .collect(),
                };
                let (min, max) = spec.scale.range();
                let span = i64::from(max) - i64::from(min);
                for (row, salt) in rows {
                    for (c, column) in spec.columns.iter().enumerate() {
                        // Where this CoP stands on the cell, and a slow drift upwards.
                        let base = i64::from(min)
                            + ((cop * 5 + salt * 3 + c * 7) as i64).rem_euclid(span.max(1) + 1);
                        let drift = (meeting as i64 + rng.below(2) as i64) / 2;
                        let value = (base + drift).clamp(i64::from(min), i64::from(max));
                        record(
                            &mut live,
                            Change::CellSet {
                                step: id.clone(),
                                row: row.clone(),
                                column: column.id.clone(),
                                value: i32::try_from(value).ok(),
                            },
                            &mut rng,
                        );
                    }
                }
            }
            StepKind::Vote(spec) => {
                let Some(board) = scenario
                    .step_index(&spec.on)
                    .and_then(|i| live.state.board(i))
                else {
                    continue;
                };
                // The cards in the order of how popular their text is.
                let mut cards: Vec<(usize, u32)> = board
                    .cards()
                    .map(|c| {
                        let rank = CARDS
                            .iter()
                            .position(|t| c.text.to_lowercase().starts_with(&t.to_lowercase()))
                            .unwrap_or(CARDS.len());
                        (rank, c.id)
                    })
                    .collect();
                cards.sort_unstable();
                let voters = live.state.participants.iter().filter(|p| p.present).count();
                record(
                    &mut live,
                    Change::VotersSet {
                        step: id.clone(),
                        voters: Some(voters.max(1) as u32),
                    },
                    &mut rng,
                );
                for _ in 0..voters.max(1) * spec.dots as usize {
                    let pick = rng.below(cards.len()).min(rng.below(cards.len()));
                    if let Some((_, card)) = cards.get(pick) {
                        record(
                            &mut live,
                            Change::DotAdded {
                                step: id.clone(),
                                target: VoteTarget::Card(*card),
                            },
                            &mut rng,
                        );
                    }
                }
            }
            StepKind::Agreement(spec) => {
                if spec.statement.is_some() && spec.endorse_by == Endorsers::Parties {
                    for p in &parties {
                        if rng.below(4) != 0 {
                            record(
                                &mut live,
                                Change::EndorsementSet {
                                    step: id.clone(),
                                    item: "statement".into(),
                                    endorser: Endorser::Party(p.clone()),
                                    endorsed: true,
                                },
                                &mut rng,
                            );
                        }
                    }
                }
                for _ in 0..2 + rng.below(3) {
                    let day = created.to_zoned(jiff::tz::TimeZone::UTC).date();
                    let due = day
                        .checked_add(Span::new().days(14 + 7 * rng.below(8) as i64))
                        .ok();
                    let owners = rng
                        .pick(&parties)
                        .map(|p| vec![Owner::Party(p.clone())])
                        .unwrap_or_default();
                    let commitment = Commitment {
                        id: live.state.next_id,
                        what: CARDS[popular(&mut rng)].to_string(),
                        owners,
                        due,
                        ..Commitment::default()
                    };
                    record(
                        &mut live,
                        Change::CommitmentAdded {
                            step: id.clone(),
                            commitment,
                            position: None,
                        },
                        &mut rng,
                    );
                }
            }
            // Filled by `generate`, not by the programme (its CoPs do not use them yet).
            StepKind::Grid(_) | StepKind::Consent(_) | StepKind::Poll(_) => {}
            StepKind::Review(spec) => {
                for item in &spec.items {
                    let status = match rng.below(20) {
                        0..=9 => Some(ReviewStatus::Done),
                        10..=14 => Some(ReviewStatus::Open),
                        15..=16 => Some(ReviewStatus::Dropped),
                        _ => None,
                    };
                    record(
                        &mut live,
                        Change::ReviewMarked {
                            step: id.clone(),
                            item: item.id.clone(),
                            status,
                        },
                        &mut rng,
                    );
                }
            }
        }
    }
    live.session
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn the_same_seed_gives_the_same_meeting_and_every_log_folds() {
        let json = include_str!("../../scenarios/stakeholder-doelen.json");
        let scenario: super::super::Scenario = serde_json::from_str(json).expect("built-in");
        let base = Session::new(
            Arc::new(scenario),
            "CoP 1".into(),
            Timestamp::UNIX_EPOCH,
            super::super::Lang::Nl,
        );
        let a = meeting(base.clone(), 0, 0, 7);
        assert_eq!(a, meeting(base.clone(), 0, 0, 7));
        assert_ne!(a, meeting(base, 1, 0, 7));
        let state = a.state().expect("folds");
        assert_eq!(state.applied, a.events.len());
        assert!(a.events.len() > 30, "{}", a.events.len());
    }
}
