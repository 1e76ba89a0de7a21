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

/// Reads "who" as the facilitator typed it: parts separated by commas, `&`, " en " or
/// " and "; a part that is a party (its id or its name in either language) or a
/// participant (their name) becomes an owner, the rest stays free text, in the order typed.
pub fn owners_from_text(state: &super::SessionState, text: &str) -> (Vec<Owner>, String) {
    let normal = |s: &str| s.trim().to_lowercase();
    let parties = state.scenario.parties();
    let mut owners = Vec::new();
    let mut free = Vec::new();
    let spaced = format!(" {text} ");
    let parts = spaced
        .replace(" en ", ",")
        .replace(" and ", ",")
        .replace('&', ",");
    for part in parts.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let key = normal(part);
        let party = parties.iter().find(|p| {
            normal(&p.id) == key || normal(&p.name.nl) == key || normal(&p.name.en) == key
        });
        let person = state
            .participants
            .iter()
            .find(|p| p.name.as_deref().is_some_and(|n| normal(n) == key));
        let owner = match (party, person) {
            (Some(p), _) => Some(Owner::Party(p.id.clone())),
            (None, Some(p)) => Some(Owner::Participant(p.id)),
            (None, None) => None,
        };
        match owner {
            Some(o) if !owners.contains(&o) => owners.push(o),
            Some(_) => {}
            None => free.push(part.to_string()),
        }
    }
    (owners, free.join(", "))
}

/// "who" as a text that [`owners_from_text`] reads back: the owners' names, then the free
/// text.
pub fn who_text(state: &super::SessionState, c: &Commitment, lang: Lang) -> String {
    let mut parts: Vec<String> = c
        .owners
        .iter()
        .map(|o| match o {
            Owner::Party(id) => state
                .scenario
                .parties()
                .iter()
                .find(|p| &p.id == id)
                .map_or_else(|| id.clone(), |p| p.name.get(lang).to_string()),
            Owner::Participant(id) => state
                .participants
                .iter()
                .find(|p| p.id == *id)
                .and_then(|p| p.name.clone())
                .unwrap_or_else(|| format!("{} {id}", lang.pick("deelnemer", "participant"))),
        })
        .collect();
    if !c.who.trim().is_empty() {
        parts.push(c.who.trim().to_string());
    }
    parts.join(", ")
}

/// "when" as a text that reads back to the same: the date as `2027-02-01`, else the free
/// text.
pub fn when_text(c: &Commitment) -> String {
    match c.due {
        Some(d) => d.to_string(),
        None => c.when.clone(),
    }
}

/// What the facilitator typed as "when", read against the meeting's day: a date, a free
/// text (it is no date at all: "voor de zomer"), or a refusal for a date that cannot be
/// (`31-2`, more than twenty years away), with nothing saved.
pub fn when_from_text(
    text: &str,
    today: Date,
) -> Result<(Option<Date>, String), super::dates::DateError> {
    use super::dates::{DateError, parse};
    match parse(text, today) {
        Ok(date) => Ok((Some(date), String::new())),
        Err(DateError::Empty) => Ok((None, String::new())),
        Err(DateError::NotADate(_)) => Ok((None, text.trim().to_string())),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fixture;

    #[test]
    fn who_is_read_as_parties_participants_and_free_text() {
        let mut l = fixture::live();
        let anna = crate::core::state::Participant {
            id: 50,
            name: Some("Anna de Vries".into()),
            organisation: "Gemeente".into(),
            party: None,
            present: true,
        };
        l.record(
            crate::core::Change::ParticipantAdded { participant: anna },
            fixture::at(1),
        )
        .unwrap();
        let (owners, free) = owners_from_text(&l.state, "gemeente, anna de vries en de wethouder");
        assert_eq!(
            owners,
            [Owner::Party("gemeente".into()), Owner::Participant(50)]
        );
        assert_eq!(free, "de wethouder");
        let c = Commitment {
            owners,
            who: free,
            due: Some("2027-02-01".parse().unwrap()),
            ..Commitment::default()
        };
        let text = who_text(&l.state, &c, Lang::Nl);
        assert_eq!(
            owners_from_text(&l.state, &text),
            (c.owners.clone(), c.who.clone())
        );
        assert_eq!(when_text(&c), "2027-02-01");
        let today: Date = "2027-01-12".parse().unwrap();
        assert_eq!(
            when_from_text("voor de zomer", today),
            Ok((None, "voor de zomer".into()))
        );
        assert_eq!(
            when_from_text("1 feb", today),
            Ok((Some("2027-02-01".parse().unwrap()), String::new()))
        );
        assert!(when_from_text("31-2", today).is_err());
    }
}
