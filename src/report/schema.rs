//! The file formats as a contract: JSON Schemas generated from the types that read and
//! write them, committed under docs/schema/ (a test keeps them equal).

use crate::report::Outcome;

/// Which schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// A session file (`samenspel/session`).
    Session,
    /// A JSON outcome (`samenspel/outcome`, `export --format json`).
    Outcome,
    /// A scenario file (`samenspel/scenario`).
    Scenario,
    /// A programme's view (`samenspel/aggregate`, `aggregate --format json`).
    Aggregate,
}

impl Which {
    /// All four, in the order the docs list them.
    pub const ALL: [Which; 4] = [
        Which::Session,
        Which::Outcome,
        Which::Scenario,
        Which::Aggregate,
    ];

    /// Parses `session`, `outcome`, `scenario` or `aggregate`.
    pub fn parse(s: &str) -> Option<Which> {
        match s.trim().to_ascii_lowercase().as_str() {
            "session" => Some(Which::Session),
            "outcome" => Some(Which::Outcome),
            "scenario" => Some(Which::Scenario),
            "aggregate" => Some(Which::Aggregate),
            _ => None,
        }
    }

    /// The name on the command line and in the file name.
    pub fn name(self) -> &'static str {
        match self {
            Which::Session => "session",
            Which::Outcome => "outcome",
            Which::Scenario => "scenario",
            Which::Aggregate => "aggregate",
        }
    }

    /// Where the committed copy lives, relative to the repository.
    pub fn committed_path(self) -> String {
        format!("docs/schema/{}.schema.json", self.name())
    }
}

/// The schema as JSON text: pretty-printed, with a final newline. The session and
/// scenario schemas are the ones the loader checks files against.
pub fn schema(which: Which) -> String {
    let value = match which {
        Which::Session => crate::store::schema::SESSION.clone(),
        Which::Scenario => crate::store::schema::SCENARIO.clone(),
        Which::Outcome => crate::store::schema::tightened(
            schemars::schema_for!(Outcome),
            "outcome",
            Some((
                crate::report::outcome::OUTCOME_FORMAT,
                crate::report::outcome::OUTCOME_VERSION,
            )),
        ),
        Which::Aggregate => crate::store::schema::tightened(
            schemars::schema_for!(crate::report::aggregate::Aggregate),
            "aggregate",
            Some((
                crate::report::aggregate::AGGREGATE_FORMAT,
                crate::report::aggregate::AGGREGATE_VERSION,
            )),
        ),
    };
    // Printed through schemars, which puts `$schema`, `$id`, `title` and `description`
    // first and `$defs` last, so the file reads from the top.
    let printed = schemars::Schema::try_from(value.clone())
        .ok()
        .and_then(|s| serde_json::to_string_pretty(&s).ok());
    let mut text = printed
        .or_else(|| serde_json::to_string_pretty(&value).ok())
        .unwrap_or_default();
    text.push('\n');
    text
}
