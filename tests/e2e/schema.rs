//! The JSON Schemas under docs/schema/ are what the types generate, and every session,
//! outcome and scenario file the tests use (and the built-in scenarios) passes them.

use std::path::{Path, PathBuf};

use samenspel::core::transform::merge::{Group, merge};
use samenspel::report::schema::{Which, schema};
use serde_json::Value;

fn validator(which: Which) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema(which)).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn check(which: Which, file: &Path, value: &Value) {
    let errors: Vec<String> = validator(which)
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{} does not match the {} schema:\n{}",
        file.display(),
        which.name(),
        errors.join("\n")
    );
}

/// JSON files under `dir` (recursively).
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(json_files(&path));
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    for which in Which::ALL {
        let rel = which.committed_path();
        let committed = std::fs::read_to_string(crate::example::path(&rel)).unwrap_or_default();
        assert!(
            committed == schema(which),
            "{rel} is not what the types generate; after changing the format, regenerate it with:\n  \
             cargo run -- schema {} > {rel}\nand review the difference",
            which.name()
        );
    }
}

#[test]
fn every_test_file_and_built_in_scenario_passes_its_schema() {
    let mut checked = [0usize; 3];
    let mut files = json_files(&crate::example::path("tests"));
    files.extend(json_files(&crate::example::path("scenarios")));
    for file in files {
        let value: Value = match serde_json::from_slice(&std::fs::read(&file).unwrap()) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let which = match value["format"].as_str() {
            Some("samenspel/session") => Which::Session,
            Some("samenspel/outcome") => Which::Outcome,
            Some("samenspel/scenario") => Which::Scenario,
            _ => continue,
        };
        // Files that tests keep broken on purpose are for the loader, not the schema.
        let readable = match which {
            Which::Session => samenspel::store::load_session(&file).is_ok(),
            Which::Scenario => samenspel::store::load_scenario(&file).is_ok(),
            Which::Outcome => true,
        };
        if readable {
            check(which, &file, &value);
            checked[Which::ALL.iter().position(|w| *w == which).unwrap_or(0)] += 1;
        }
    }
    assert!(
        checked.iter().all(|n| *n > 0),
        "checked {checked:?} (session, outcome, scenario)"
    );

    // Sessions made here: the example merged with itself and anonymized.
    let live = crate::example::load();
    let merged = merge(
        &[Group {
            name: "A".into(),
            live: &live,
        }],
        None,
    )
    .unwrap();
    let value = serde_json::to_value(&merged.session).unwrap();
    check(Which::Session, Path::new("<merged>"), &value);
    for scenario in samenspel::store::catalog::scenarios().0 {
        let value = serde_json::to_value(&scenario.scenario).unwrap();
        check(Which::Scenario, Path::new(&scenario.scenario.id), &value);
    }
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let mut value: Value =
        serde_json::from_slice(&std::fs::read(crate::example::path(crate::example::FILE)).unwrap())
            .unwrap();
    value["colour"] = Value::from("blauw");
    assert!(
        !validator(Which::Session).is_valid(&value),
        "an unknown field passed"
    );
    let mut value: Value =
        serde_json::from_slice(&std::fs::read(crate::example::path(crate::example::FILE)).unwrap())
            .unwrap();
    value["events"][0]["change"]["type"] = Value::from("card_exploded");
    assert!(
        !validator(Which::Session).is_valid(&value),
        "an unknown change passed"
    );
}

#[test]
fn schema_command_prints_each_schema() {
    let home = crate::common::home();
    for which in Which::ALL {
        let (code, out, err) = crate::common::run(&["schema", which.name()], home.path());
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, schema(which));
    }
    let (code, _, err) = crate::common::run(&["schema", "agenda"], home.path());
    assert_eq!(code, 2);
    assert!(err.contains("'agenda' is not a schema"), "{err}");
}
