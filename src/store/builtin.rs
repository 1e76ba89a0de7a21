//! The built-in scenarios, embedded in the binary so the app runs with no files at all.

use std::path::Path;

use super::error::FileError;
use super::load::parse_scenario;
use crate::core::Scenario;

/// The built-in scenario files: (id, JSON text).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "zwolse-komedie",
        include_str!("../../scenarios/zwolse-komedie.json"),
    ),
    (
        "stakeholder-doelen",
        include_str!("../../scenarios/stakeholder-doelen.json"),
    ),
    (
        "stappenplan-check",
        include_str!("../../scenarios/stappenplan-check.json"),
    ),
    (
        "succesfactoren",
        include_str!("../../scenarios/succesfactoren.json"),
    ),
    (
        "zwolse-akkoord",
        include_str!("../../scenarios/zwolse-akkoord.json"),
    ),
    (
        "cop-bijeenkomst",
        include_str!("../../scenarios/cop-bijeenkomst.json"),
    ),
    (
        "samenwerkingsvorm",
        include_str!("../../scenarios/samenwerkingsvorm.json"),
    ),
    (
        "krachtenveld",
        include_str!("../../scenarios/krachtenveld.json"),
    ),
    (
        "consent-besluit",
        include_str!("../../scenarios/consent-besluit.json"),
    ),
    (
        "lean-coffee",
        include_str!("../../scenarios/lean-coffee.json"),
    ),
];

/// Parses the built-in scenario with this id.
pub fn builtin(id: &str) -> Option<Result<Scenario, FileError>> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(i, json)| {
        let name = format!("<built-in>/{i}.json");
        parse_scenario(Path::new(&name), json.as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_of_every_builtin_says_what_the_room_can_influence() {
        for (id, _) in BUILTIN {
            let Some(Ok(scenario)) = builtin(id) else {
                panic!("{id} does not parse");
            };
            for step in &scenario.steps {
                assert!(
                    step.influence.is_some(),
                    "{id}: step '{}' has no influence",
                    step.id
                );
            }
        }
    }

    #[test]
    fn every_builtin_validates_and_round_trips() {
        for (id, _) in BUILTIN {
            let scenario = match builtin(id) {
                Some(Ok(s)) => s,
                Some(Err(e)) => panic!("{id}: {}", e.describe(crate::core::Lang::En)),
                None => panic!("{id} missing"),
            };
            assert_eq!(&scenario.id, id);
            let json = serde_json::to_string_pretty(&scenario).expect("serializes");
            let again = parse_scenario(Path::new("again.json"), json.as_bytes())
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(again, scenario, "{id} changed in a round trip");
        }
    }
}
