//! Older file versions, read as the newest one. A file of version `n` is brought up to
//! date in memory, one version at a time, by the steps registered here; then it is read
//! and validated like a file of the newest version. The file itself is left as it is:
//! it is written again (in the newest version) only when the user changes something,
//! because only a new change makes the writer write.
//!
//! To change a file format: raise `SESSION_VERSION` (or `SCENARIO_VERSION`) in core and
//! add a [`Migration`] from the old version to the list below, with a test that reads a
//! file of the old version. Only version 1 exists today, so both lists are empty.

use serde_json::Value;

use crate::core::Problem;

/// One step: turns a document of version `from` into version `from + 1`.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// The version this step reads.
    pub from: u32,
    /// Changes the document in place; a problem names the JSON path that could not be
    /// carried over.
    pub apply: fn(&mut Value) -> Result<(), Problem>,
}

/// Steps for session files (a session's scenario copy goes through
/// [`SCENARIO_MIGRATIONS`] too).
pub const SESSION_MIGRATIONS: &[Migration] = &[];

/// Steps for scenario files.
pub const SCENARIO_MIGRATIONS: &[Migration] = &[];

/// Brings `doc` from version `from` up to `to` with `steps`, and sets its `version`.
pub fn migrate(doc: &mut Value, from: u32, to: u32, steps: &[Migration]) -> Result<(), Problem> {
    for version in from..to {
        let step = steps.iter().find(|m| m.from == version).ok_or_else(|| {
            Problem::new(
                "version",
                format!(
                    "versie {version} kan deze samenspel niet meer lezen; open het bestand met een oudere samenspel"
                ),
                format!(
                    "version {version} can no longer be read by this samenspel; open the file with an older samenspel"
                ),
            )
        })?;
        (step.apply)(doc)?;
    }
    if let Some(obj) = doc.as_object_mut() {
        obj.insert("version".into(), Value::from(to));
    }
    Ok(())
}

/// Brings a session document from version `from` up to date, with its scenario copy.
pub fn migrate_session(doc: &mut Value, from: u32, to: u32) -> Result<(), Problem> {
    migrate(doc, from, to, SESSION_MIGRATIONS)?;
    migrate_embedded_scenario(doc)
}

/// Brings the scenario copy inside a session document up to date.
fn migrate_embedded_scenario(doc: &mut Value) -> Result<(), Problem> {
    use crate::core::scenario::SCENARIO_VERSION;
    let Some(scenario) = doc.get_mut("scenario") else {
        return Ok(());
    };
    let Some(from) = scenario
        .get("version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
    else {
        return Ok(());
    };
    if from == 0 || from >= SCENARIO_VERSION {
        return Ok(());
    }
    migrate(scenario, from, SCENARIO_VERSION, SCENARIO_MIGRATIONS).map_err(|p| Problem {
        path: format!("scenario.{}", p.path),
        ..p
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Lang;

    /// A made-up step: version 1 called the title "name".
    fn rename_name(doc: &mut Value) -> Result<(), Problem> {
        let obj = doc
            .as_object_mut()
            .ok_or_else(|| Problem::new("", "geen object", "not an object"))?;
        if let Some(name) = obj.remove("name") {
            obj.insert("title".into(), name);
        }
        Ok(())
    }

    const STEPS: &[Migration] = &[Migration {
        from: 1,
        apply: rename_name,
    }];

    #[test]
    fn an_older_document_is_carried_over_step_by_step() {
        let mut doc = serde_json::json!({"version": 1, "name": "CoP 3"});
        migrate(&mut doc, 1, 2, STEPS).unwrap();
        assert_eq!(doc, serde_json::json!({"version": 2, "title": "CoP 3"}));
    }

    #[test]
    fn a_version_without_a_step_is_refused_with_a_reason() {
        let mut doc = serde_json::json!({"version": 1});
        let p = migrate(&mut doc, 1, 3, &[]).unwrap_err();
        assert_eq!(p.path, "version");
        assert!(
            p.message(Lang::En)
                .contains("version 1 can no longer be read")
        );
    }

    #[test]
    fn the_newest_version_is_left_alone() {
        let mut doc = serde_json::json!({"version": 1, "title": "x"});
        migrate_session(&mut doc, 1, 1).unwrap();
        assert_eq!(doc, serde_json::json!({"version": 1, "title": "x"}));
    }
}
