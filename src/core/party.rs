//! Parties: the organisations that speak in a Community of Practice.

use serde::{Deserialize, Serialize};

use super::text::Text;

/// A party (stakeholder) that cards are tagged with and that endorses agreements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Stable identifier, e.g. `gemeente`.
    pub id: String,
    /// The name shown on screen.
    pub name: Text,
    /// A short label (at most 6 characters) for tags on cards, e.g. `GEM`.
    pub short: String,
}

/// The parties used when a scenario names none of its own.
pub fn default_parties() -> Vec<Party> {
    let p = |id: &str, nl: &str, en: &str, short: &str| Party {
        id: id.to_string(),
        name: Text::new(nl, en),
        short: short.to_string(),
    };
    vec![
        p("gemeente", "Gemeente", "Municipality", "GEM"),
        p(
            "initiatief",
            "Bewonersinitiatief",
            "Resident initiative",
            "INI",
        ),
        p(
            "woningcorporatie",
            "Woningcorporatie",
            "Housing corporation",
            "WOCO",
        ),
        p("warmtebedrijf", "Warmtebedrijf", "Heat company", "WARMTE"),
        p(
            "energiecooperatie",
            "Energiecoöperatie",
            "Energy cooperative",
            "COOP",
        ),
        p("netbeheerder", "Netbeheerder", "Grid operator", "NET"),
        p("overig", "Overig", "Other", "OVERIG"),
    ]
}
