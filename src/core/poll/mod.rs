//! A poll step: one or more statements, each answered by everyone on a short scale
//! ("helemaal oneens" .. "helemaal eens") or with yes / no / don't know. The facilitator
//! enters answers per participant, or phones answer when the room is open; the answers
//! stay hidden until the facilitator reveals a statement, then a distribution is shown.
//!
//! A poll that says `counts_only` keeps no record of who answered what: only a count per
//! answer. Phones' answers to such a poll are recorded without the phone's number (see
//! [`ANONYMOUS_DEVICE`]); each is known only by a key that the phone alone can make, so a
//! retry or a second answer to the same statement counts once.

mod reduce;
#[cfg(test)]
mod tests;
mod validate;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::endorser::Endorser;
use super::scenario::ScaleLabel;
use super::state::{SessionState, StepState};
use super::text::{Lang, Text};

/// The device number a phone's answer to a `counts_only` poll is recorded with: no phone.
pub const ANONYMOUS_DEVICE: u32 = 0;

/// The most answers a poll offers (each is typed with one digit).
pub const MAX_ANSWERS: usize = 10;

/// The spec of a poll step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PollSpec {
    /// The statements, in order. At least one; more can be added in the room.
    pub statements: Vec<Statement>,
    /// How they are answered.
    pub answers: PollAnswers,
    /// Keep only counts per answer, never who answered what.
    #[serde(default, skip_serializing_if = "is_false")]
    pub counts_only: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A statement of a poll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Stable identifier within the step.
    pub id: String,
    /// The statement.
    pub text: Text,
}

/// How the statements of a poll are answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PollAnswers {
    /// Yes (1), no (2) or don't know (3).
    YesNo,
    /// A whole number from `min` to `max`, within 0..9 (one digit), e.g. 1..5.
    Numeric {
        /// Lowest answer.
        min: i32,
        /// Highest answer.
        max: i32,
        /// Names of some answers (e.g. the ends).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        labels: Vec<ScaleLabel>,
    },
}

/// The answer "yes" of a yes/no poll.
pub const YES: i32 = 1;
/// The answer "no".
pub const NO: i32 = 2;
/// The answer "don't know": counted as an answer, never in a share or an average.
pub const DONT_KNOW: i32 = 3;

impl PollAnswers {
    /// Every answer with its name, in order. Never more than [`MAX_ANSWERS`].
    pub fn options(&self, lang: Lang) -> Vec<(i32, String)> {
        match self {
            PollAnswers::YesNo => vec![
                (YES, lang.pick("ja", "yes").to_string()),
                (NO, lang.pick("nee", "no").to_string()),
                (DONT_KNOW, lang.pick("weet niet", "don't know").to_string()),
            ],
            PollAnswers::Numeric { min, max, labels } => (*min..=*max)
                .take(MAX_ANSWERS)
                .map(|v| {
                    let name = labels
                        .iter()
                        .find(|l| l.value == v)
                        .map_or_else(|| v.to_string(), |l| format!("{v} {}", l.label.get(lang)));
                    (v, name)
                })
                .collect(),
        }
    }

    /// Whether `value` is an answer.
    pub fn contains(&self, value: i32) -> bool {
        match self {
            PollAnswers::YesNo => (YES..=DONT_KNOW).contains(&value),
            PollAnswers::Numeric { min, max, .. } => (*min..=*max).contains(&value),
        }
    }

    /// The answer a digit typed means: the digit itself on a numeric scale, 1 yes, 2 no,
    /// 3 don't know.
    pub fn digit(&self, d: u8) -> Option<i32> {
        let v = i32::from(d);
        self.contains(v).then_some(v)
    }

    /// Whether an answer counts in an average or a share ("don't know" does not).
    pub fn counts(&self, value: i32) -> bool {
        !matches!(self, PollAnswers::YesNo) || value != DONT_KNOW
    }
}

/// A statement added in the room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddedStatement {
    /// Its id (unique in the step).
    pub id: String,
    /// The statement, as typed.
    pub text: String,
}

/// The answers of a poll step.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PollState {
    /// Statements added in the room, in order (after the scenario's).
    pub added: Vec<AddedStatement>,
    /// Per statement, each respondent's answer (not for a `counts_only` poll).
    pub answers: BTreeMap<String, BTreeMap<Endorser, i32>>,
    /// Per statement, the number of each answer (a `counts_only` poll).
    pub counts: BTreeMap<String, BTreeMap<i32, u32>>,
    /// The part of `counts` that phones gave: the facilitator takes off only the others.
    pub from_room: BTreeMap<String, BTreeMap<i32, u32>>,
    /// The statements whose answers are shown.
    pub revealed: BTreeSet<String>,
}

/// A statement of a poll as the screen lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Its id.
    pub id: String,
    /// The statement.
    pub text: String,
    /// Whether it was added in the room (only those can be taken off).
    pub added: bool,
}

/// The statements of poll step `index`: the scenario's, then those added in the room.
pub fn statements(state: &SessionState, index: usize, lang: Lang) -> Vec<Line> {
    let (Some(spec), Some(StepState::Poll(poll))) = (
        state.scenario.steps.get(index).and_then(|s| s.kind.poll()),
        state.steps.get(index),
    ) else {
        return Vec::new();
    };
    spec.statements
        .iter()
        .map(|s| Line {
            id: s.id.clone(),
            text: s.text.get(lang).to_string(),
            added: false,
        })
        .chain(poll.added.iter().map(|s| Line {
            id: s.id.clone(),
            text: s.text.clone(),
            added: true,
        }))
        .collect()
}

/// How a statement was answered: the count of each answer (every answer of the scale
/// listed, also with 0), in scale order.
pub fn tally(spec: &PollSpec, poll: &PollState, statement: &str) -> Vec<(i32, u32)> {
    let mut out: Vec<(i32, u32)> = spec
        .answers
        .options(Lang::Nl)
        .into_iter()
        .map(|(v, _)| (v, 0))
        .collect();
    let mut add = |v: i32, n: u32| {
        if let Some(slot) = out.iter_mut().find(|(x, _)| *x == v) {
            slot.1 = slot.1.saturating_add(n);
        }
    };
    if spec.counts_only {
        for (v, n) in poll.counts.get(statement).into_iter().flatten() {
            add(*v, *n);
        }
    } else {
        for v in poll
            .answers
            .get(statement)
            .into_iter()
            .flat_map(|m| m.values())
        {
            add(*v, 1);
        }
    }
    out
}

/// The number of answers to a statement.
pub fn answered(tally: &[(i32, u32)]) -> u32 {
    tally.iter().map(|(_, n)| *n).sum()
}

/// The average of the answers that count (none when there are none), e.g. 3.4 on 1..5;
/// for yes/no the share of "yes" among yes and no, from 0 to 1.
pub fn average(spec: &PollSpec, tally: &[(i32, u32)]) -> Option<f64> {
    let counting: Vec<(i32, u32)> = tally
        .iter()
        .copied()
        .filter(|(v, _)| spec.answers.counts(*v))
        .collect();
    let n: u32 = counting.iter().map(|(_, n)| *n).sum();
    if n == 0 {
        return None;
    }
    let sum: f64 = counting
        .iter()
        .map(|(v, c)| {
            let v = match spec.answers {
                PollAnswers::YesNo => f64::from(u8::from(*v == YES)),
                PollAnswers::Numeric { .. } => f64::from(*v),
            };
            v * f64::from(*c)
        })
        .sum();
    Some(sum / f64::from(n))
}

/// Who can answer poll step `index` now: the participants present, then the phones in
/// the room; then anyone who answered and is no longer there.
pub fn respondents(state: &SessionState, index: usize, lang: Lang) -> Vec<(Endorser, String)> {
    let person = |p: &super::state::Participant| {
        p.name
            .clone()
            .or_else(|| Some(p.organisation.clone()).filter(|o| !o.is_empty()))
            .unwrap_or_else(|| format!("{} {}", lang.pick("Deelnemer", "Participant"), p.id))
    };
    let mut out: Vec<(Endorser, String)> = state
        .present()
        .map(|p| (Endorser::Participant(p.id), person(p)))
        .chain(
            state
                .room
                .active()
                .map(|d| (Endorser::Device(d.id), super::room::device_label(d, lang))),
        )
        .collect();
    if let Some(StepState::Poll(poll)) = state.steps.get(index) {
        for who in poll.answers.values().flat_map(|m| m.keys()) {
            if out.iter().any(|(w, _)| w == who) {
                continue;
            }
            let label = match who {
                Endorser::Participant(id) => {
                    state.participants.iter().find(|p| p.id == *id).map(person)
                }
                Endorser::Device(id) => state
                    .room
                    .devices
                    .get(id)
                    .map(|d| super::room::device_label(d, lang)),
                Endorser::Party(_) => None,
            };
            out.push((who.clone(), label.unwrap_or_else(|| who.key().into_owned())));
        }
    }
    out
}
