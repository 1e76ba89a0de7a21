//! Commitments (actions): who does what by when, and what they came from. The structured
//! fields (`owners`, `due`, `from`) are additive: an older file's commitment has only the
//! free texts `who` and `when`, and opens unchanged.
//!
//! A commitment is plain data that any input can carry (the keyboard, a phone's proposal):
//! ids of participants, parties, cards and steps of the session, and a calendar date.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::state::CardId;
use super::text::Lang;

/// A commitment of an agreement: who does what, by when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// Its id (unique in the session).
    pub id: u32,
    /// What will be done.
    pub what: String,
    /// Who does it, typed free: someone not on the participants list (files from before
    /// `owners` existed hold a party id or a name here).
    #[serde(default)]
    pub who: String,
    /// By when, typed free when the room gave no date ("voor de zomer"); shown as not a
    /// date.
    #[serde(default)]
    pub when: String,
    /// Who does it, chosen from the session: participants and parties, first the one who
    /// takes the lead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Owner>,
    /// By when, as a calendar date (`2027-02-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// What the action came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Source>,
}

/// Someone of the session who does an action.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// A party of the scenario, by id.
    Party(String),
    /// A participant of the session, by id.
    Participant(u32),
}

/// What an action came from.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A card of the session (an act 3 task, a hindrance), by id.
    Card(CardId),
    /// A track of the agreement step the commitment is in (`tracks` in the scenario, such
    /// as the three tracks of the Zwolse Lemniscaat), by id.
    Track(String),
    /// A principle of an agreement step, by id.
    Principle(String),
    /// A step of the scenario, by id.
    Step(String),
}

impl Source {
    /// What it is, for messages: `kaart 12`, `spoor 'beleidsleren'`.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Source::Card(id) => format!("{} {id}", lang.pick("kaart", "card")),
            Source::Track(id) => format!("{} '{id}'", lang.pick("spoor", "track")),
            Source::Principle(id) => format!("{} '{id}'", lang.pick("uitgangspunt", "principle")),
            Source::Step(id) => format!("{} '{id}'", lang.pick("stap", "step")),
        }
    }
}

impl Commitment {
    /// Whether it has a date, or a text that stands for one.
    pub fn has_when(&self) -> bool {
        self.due.is_some() || !self.when.trim().is_empty()
    }

    /// The card it came from, if any.
    pub fn card(&self) -> Option<CardId> {
        match self.from {
            Some(Source::Card(id)) => Some(id),
            _ => None,
        }
    }
}
