//! A consent round (sociocratic style): one proposal, taken through four rounds shown one
//! at a time (clarifying questions, reactions, objections, consent). Each member of the
//! round (a participant, a phone, or a party) has a turn in order; in the last two rounds
//! their position is recorded: consent, consent with a concern, a reasoned objection, or
//! standing aside. An objection is resolved by amending the proposal (each amendment is
//! kept, with the objections it resolves) or stays open; the decision can only be taken
//! when no objection is open.

mod reduce;
#[cfg(test)]
mod tests;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::endorser::Endorser;
use super::scenario::Endorsers;
use super::state::{SessionState, StepState};
use super::text::{Lang, Text};

/// The spec of a consent step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentSpec {
    /// The proposal the round starts with; without one it is written in the room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Text>,
    /// Who takes part: the participants (and phones) present, or the parties.
    #[serde(default = "participants", skip_serializing_if = "is_participants")]
    pub by: Endorsers,
}

fn participants() -> Endorsers {
    Endorsers::Participants
}

fn is_participants(e: &Endorsers) -> bool {
    *e == Endorsers::Participants
}

/// The rounds of a consent step, in order.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ConsentPhase {
    /// Questions to understand the proposal (no opinions yet).
    #[default]
    Questions,
    /// A first reaction from everyone.
    Reactions,
    /// Does anyone have a reasoned objection?
    Objections,
    /// Everyone's position on the (amended) proposal.
    Consent,
}

impl ConsentPhase {
    /// The four, in order.
    pub const ALL: [ConsentPhase; 4] = [
        ConsentPhase::Questions,
        ConsentPhase::Reactions,
        ConsentPhase::Objections,
        ConsentPhase::Consent,
    ];

    /// The round's name.
    pub fn label(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            ConsentPhase::Questions => ("Verhelderende vragen", "Clarifying questions"),
            ConsentPhase::Reactions => ("Reacties", "Reactions"),
            ConsentPhase::Objections => ("Bezwaren", "Objections"),
            ConsentPhase::Consent => ("Instemming", "Consent"),
        };
        lang.pick(nl, en)
    }

    /// Whether positions are given in this round (the last two).
    pub fn takes_positions(self) -> bool {
        matches!(self, ConsentPhase::Objections | ConsentPhase::Consent)
    }

    /// The next round, if any.
    pub fn next(self) -> Option<ConsentPhase> {
        let i = ConsentPhase::ALL.iter().position(|p| *p == self)?;
        ConsentPhase::ALL.get(i + 1).copied()
    }

    /// The round before, if any.
    pub fn previous(self) -> Option<ConsentPhase> {
        let i = ConsentPhase::ALL.iter().position(|p| *p == self)?;
        i.checked_sub(1)
            .and_then(|j| ConsentPhase::ALL.get(j).copied())
    }
}

/// A member's position on the proposal.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Consent: "I can live with it and will carry it out".
    Consent,
    /// Consent, with a concern to keep an eye on (says what).
    Concern,
    /// A reasoned objection: the proposal would harm what we are here for (says why).
    Objection,
    /// Stands aside: does not block, takes no part.
    StandAside,
}

impl Stance {
    /// The four, as offered.
    pub const ALL: [Stance; 4] = [
        Stance::Consent,
        Stance::Concern,
        Stance::Objection,
        Stance::StandAside,
    ];

    /// The position's name.
    pub fn label(self, lang: Lang) -> &'static str {
        let (nl, en) = match self {
            Stance::Consent => ("instemming", "consent"),
            Stance::Concern => ("instemming met zorg", "consent with a concern"),
            Stance::Objection => ("bezwaar", "objection"),
            Stance::StandAside => ("staat opzij", "stands aside"),
        };
        lang.pick(nl, en)
    }

    /// `n` of this position, as a count reads: "2 bezwaren", "1 stands aside".
    pub fn counted(self, n: usize, lang: Lang) -> String {
        let (nl, en) = match (self, n == 1) {
            (Stance::Consent, true) => ("instemming", "consent"),
            (Stance::Consent, false) => ("instemmingen", "consents"),
            (Stance::Concern, true) => ("instemming met zorg", "consent with a concern"),
            (Stance::Concern, false) => ("instemmingen met zorg", "consents with a concern"),
            (Stance::Objection, true) => ("bezwaar", "objection"),
            (Stance::Objection, false) => ("bezwaren", "objections"),
            (Stance::StandAside, true) => ("staat opzij", "stands aside"),
            (Stance::StandAside, false) => ("staan opzij", "stand aside"),
        };
        format!("{n} {}", lang.pick(nl, en))
    }

    /// Whether this position needs a text (the concern, the objection's reason).
    pub fn needs_text(self) -> bool {
        matches!(self, Stance::Concern | Stance::Objection)
    }
}

/// A member's position as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Consent, a concern, an objection, or standing aside.
    pub stance: Stance,
    /// The concern or the objection's reason (empty otherwise).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// For an objection: the amendment that resolved it; an objection without one is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<u32>,
}

impl Position {
    /// Whether this is an objection that no amendment resolved.
    pub fn is_open_objection(&self) -> bool {
        self.stance == Stance::Objection && self.resolved_by.is_none()
    }
}

/// A change to the proposal, with the objections it resolves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    /// Its id (unique in the session).
    pub id: u32,
    /// The proposal before it.
    pub before: String,
    /// The proposal after it.
    pub text: String,
    /// The members whose objections it resolves.
    pub resolves: Vec<Endorser>,
}

/// Where a consent round stands.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ConsentState {
    /// The proposal as it is now.
    pub proposal: String,
    /// The round on screen.
    pub phase: ConsentPhase,
    /// What members said in the first two rounds (a question, a reaction).
    pub said: BTreeMap<(ConsentPhase, Endorser), String>,
    /// Each member's position.
    pub positions: BTreeMap<Endorser, Position>,
    /// Every change to the proposal, oldest first.
    pub amendments: Vec<Amendment>,
    /// Whether the decision was taken.
    pub decided: bool,
}

impl ConsentState {
    /// The state a round starts in: the spec's proposal, the first round.
    pub fn new(spec: &ConsentSpec, lang: Lang) -> ConsentState {
        ConsentState {
            proposal: spec
                .proposal
                .as_ref()
                .map(|t| t.get(lang).to_string())
                .unwrap_or_default(),
            ..ConsentState::default()
        }
    }

    /// The members with an open objection.
    pub fn open_objections(&self) -> impl Iterator<Item = &Endorser> {
        self.positions
            .iter()
            .filter(|(_, p)| p.is_open_objection())
            .map(|(who, _)| who)
    }
}

/// A member of a round as the screen lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// How changes name it.
    pub who: Endorser,
    /// Its name: the party's, the participant's (or organisation), the phone's.
    pub label: String,
    /// The party it speaks for.
    pub party: Option<String>,
    /// Whether it takes part now (a participant present, a phone in the room); members
    /// who are gone stay listed when they said something.
    pub present: bool,
}

/// The members of consent step `index` in turn order: the parties, or the participants
/// present and then the phones in the room; then anyone who spoke and is no longer there.
pub fn members(state: &SessionState, index: usize, lang: Lang) -> Vec<Member> {
    let (Some(spec), Some(StepState::Consent(round))) = (
        state
            .scenario
            .steps
            .get(index)
            .and_then(|s| s.kind.consent()),
        state.steps.get(index),
    ) else {
        return Vec::new();
    };
    let parties = state.scenario.parties();
    let mut out: Vec<Member> = match spec.by {
        Endorsers::Parties => parties
            .iter()
            .map(|p| Member {
                who: Endorser::Party(p.id.clone()),
                label: p.name.get(lang).to_string(),
                party: Some(p.id.clone()),
                present: true,
            })
            .collect(),
        Endorsers::Participants => state
            .present()
            .map(|p| Member {
                who: Endorser::Participant(p.id),
                label: participant_label(p, lang),
                party: p.party.clone(),
                present: true,
            })
            .chain(state.room.active().map(|d| Member {
                who: Endorser::Device(d.id),
                label: super::room::device_label(d, lang),
                party: d.party.clone(),
                present: true,
            }))
            .collect(),
    };
    let spoke = round
        .positions
        .keys()
        .chain(round.said.keys().map(|(_, who)| who));
    for who in spoke {
        if !out.iter().any(|m| &m.who == who) {
            out.push(absent_member(state, who, lang));
        }
    }
    out
}

fn participant_label(p: &super::state::Participant, lang: Lang) -> String {
    match (&p.name, p.organisation.is_empty()) {
        (Some(name), _) => name.clone(),
        (None, false) => p.organisation.clone(),
        (None, true) => format!("{} {}", lang.pick("Deelnemer", "Participant"), p.id),
    }
}

fn absent_member(state: &SessionState, who: &Endorser, lang: Lang) -> Member {
    let parties = state.scenario.parties();
    let (label, party) = if let Some(p) = who.party(parties) {
        (p.name.get(lang).to_string(), Some(p.id.clone()))
    } else if let Some(d) = who.device(parties).and_then(|d| state.room.devices.get(&d)) {
        (super::room::device_label(d, lang), d.party.clone())
    } else if let Some(p) = who
        .participant(parties)
        .and_then(|id| state.participants.iter().find(|p| p.id == id))
    {
        (participant_label(p, lang), p.party.clone())
    } else {
        (who.key().into_owned(), None)
    };
    Member {
        who: who.clone(),
        label,
        party,
        present: false,
    }
}
