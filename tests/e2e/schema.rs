//! The JSON Schemas under docs/schema/ are what the types generate, and every session,
//! outcome and scenario file the tests use (and the built-in scenarios) passes them.

use std::path::{Path, PathBuf};

use samenspel::core::transform::merge::{Group, merge};
use samenspel::report::schema::{Which, schema};
use serde_json::Value;

use crate::json_schema::Schema;

fn parsed(which: Which) -> Value {
    serde_json::from_str(&schema(which)).expect("the schema is JSON")
}

/// Checks each file against its schema in one run of the validator per schema; false when
/// the validator is not here (said as SKIPPED).
fn check_all(test: &str, files: &[(Which, String, Value)]) -> bool {
    for which in Which::ALL {
        let mine: Vec<&(Which, String, Value)> = files.iter().filter(|f| f.0 == which).collect();
        if mine.is_empty() {
            continue;
        }
        let values: Vec<&Value> = mine.iter().map(|f| &f.2).collect();
        let errors = match Schema::new(parsed(which)).errors(&values) {
            Ok(errors) => errors,
            Err(why) => {
                crate::common::skipped(test, &why);
                return false;
            }
        };
        for ((_, name, _), errors) in mine.iter().zip(errors) {
            assert!(
                errors.is_empty(),
                "{name} does not match the {} schema:\n{}",
                which.name(),
                errors.join("\n")
            );
        }
    }
    true
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
    let mut checked = [0usize; Which::ALL.len()];
    let mut to_check = Vec::new();
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
            Some("samenspel/aggregate") => Which::Aggregate,
            _ => continue,
        };
        // Files that tests keep broken on purpose are for the loader, not the schema.
        let readable = match which {
            Which::Session => samenspel::store::load_session(&file).is_ok(),
            Which::Scenario => samenspel::store::load_scenario(&file).is_ok(),
            Which::Outcome | Which::Aggregate => true,
        };
        if readable {
            to_check.push((which, file.display().to_string(), value));
            checked[Which::ALL.iter().position(|w| *w == which).unwrap_or(0)] += 1;
        }
    }
    assert!(
        checked.iter().all(|n| *n > 0),
        "checked {checked:?} (session, outcome, scenario, aggregate)"
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
    to_check.push((Which::Session, "<merged>".into(), value));
    for scenario in samenspel::store::catalog::scenarios().0 {
        let value = serde_json::to_value(&scenario.scenario).unwrap();
        to_check.push((Which::Scenario, scenario.scenario.id.clone(), value));
    }
    check_all("every file passes its schema", &to_check);
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let mut value: Value =
        serde_json::from_slice(&std::fs::read(crate::example::path(crate::example::FILE)).unwrap())
            .unwrap();
    let unchanged = value.clone();
    value["colour"] = Value::from("blauw");
    let mut change = unchanged.clone();
    change["events"][0]["change"]["type"] = Value::from("card_exploded");
    match Schema::new(parsed(Which::Session)).valid(&[&unchanged, &value, &change]) {
        Ok(valid) => assert_eq!(
            valid,
            [true, false, false],
            "the example, then an unknown field, then an unknown change"
        ),
        Err(why) => crate::common::skipped("the schema rejects what the loader rejects", &why),
    }
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

/// The schemas as a tight contract: what a schema accepts is what `check` accepts for the
/// shape of a file. Each broken file here is refused by `check` for its shape, and by the
/// schema as well (checked with an independent validator, Python's jsonschema).
#[test]
fn a_file_check_refuses_for_its_shape_the_schema_refuses_too() {
    use serde_json::json;
    let session = || -> Value {
        serde_json::from_slice(&std::fs::read(crate::example::path(crate::example::FILE)).unwrap())
            .unwrap()
    };
    let scenario = || -> Value {
        serde_json::from_str(include_str!("../../scenarios/zwolse-komedie.json")).unwrap()
    };
    type Edit = fn(&mut Value);
    let session_cases: Vec<(&str, Edit)> = vec![
        ("format bogus", |d| d["format"] = json!("bogus")),
        ("version 99", |d| d["version"] = json!(99)),
        ("version 0", |d| d["version"] = json!(0)),
        ("version as text", |d| d["version"] = json!("1")),
        ("unknown field", |d| d["colour"] = json!("blauw")),
        ("title a number", |d| d["title"] = json!(42)),
        ("created not a time", |d| d["created"] = json!("gisteren")),
        ("language fr", |d| d["lang"] = json!("fr")),
        ("events an object", |d| d["events"] = json!({})),
        ("unknown change", |d| {
            d["events"][0]["change"]["type"] = json!("card_exploded")
        }),
        ("change without type", |d| {
            d["events"][0]["change"]
                .as_object_mut()
                .unwrap()
                .remove("type");
        }),
        (
            "card id negative",
            |d| {
                d["events"][0]["change"] =
                    json!({"type": "card_deleted", "step": "doelen", "card": -5})
            },
        ),
        (
            "card id past u32",
            |d| {
                d["events"][0]["change"] =
                    json!({"type": "card_deleted", "step": "doelen", "card": 4294967296u64})
            },
        ),
        ("event without at", |d| {
            d["events"][0].as_object_mut().unwrap().remove("at");
        }),
        (
            "participant id text",
            |d| d["participants"] = json!([{"id": "een", "organisation": "x", "present": true}]),
        ),
        ("translation missing", |d| {
            d["scenario"]["title"].as_object_mut().unwrap().remove("en");
        }),
        ("step with two kinds", |d| {
            d["scenario"]["steps"][1]["vote"] = json!({"on": "x", "dots": 3})
        }),
        ("minutes negative", |d| {
            d["scenario"]["steps"][1]["minutes"] = json!(-5)
        }),
        (
            "origin without sha",
            |d| {
                d["previous"] =
                    json!({"file": "a.json", "title": "A", "created": "2025-03-12T13:00:00Z"})
            },
        ),
    ];
    let scenario_cases: Vec<(&str, Edit)> = vec![
        ("format bogus", |d| d["format"] = json!("bogus")),
        ("version 99", |d| d["version"] = json!(99)),
        ("step without kind", |d| {
            d["steps"][0].as_object_mut().unwrap().remove("board");
        }),
        ("step with two kinds", |d| {
            d["steps"][0]["agreement"] = json!({})
        }),
        ("party without short", |d| {
            d["parties"][0].as_object_mut().unwrap().remove("short");
        }),
        ("unknown lane field", |d| {
            d["steps"][0]["board"]["lanes"][0]["colour"] = json!(1);
        }),
        ("lane title a list", |d| {
            d["steps"][0]["board"]["lanes"][0]["title"] = json!(["a"])
        }),
    ];
    let dir = crate::common::home();
    for (which, base, cases) in [
        (Which::Session, session(), session_cases),
        (Which::Scenario, scenario(), scenario_cases),
    ] {
        let mut docs = vec![base.clone()];
        let mut names = vec!["the unchanged file"];
        let mut refusals = vec![String::new()];
        for (name, edit) in cases {
            let mut doc = base.clone();
            edit(&mut doc);
            let file = dir.path().join(format!("{}.json", name.replace(' ', "-")));
            std::fs::write(&file, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
            let refused = match which {
                Which::Session => samenspel::store::load_session(&file).err(),
                _ => samenspel::store::load_scenario(&file).err(),
            };
            let refused = refused
                .unwrap_or_else(|| panic!("check accepts the {} case {name:?}", which.name()));
            names.push(name);
            docs.push(doc);
            refusals.push(refused.describe(samenspel::core::Lang::En));
        }
        let valid = match Schema::strict(parsed(which)).valid(&docs.iter().collect::<Vec<_>>()) {
            Ok(valid) => valid,
            Err(why) => {
                return crate::common::skipped("the schema refuses what check refuses", &why);
            }
        };
        assert!(valid[0], "the unchanged {} is valid", which.name());
        for ((name, valid), refused) in names.iter().zip(&valid).zip(&refusals).skip(1) {
            assert!(
                !valid,
                "check refuses the {} case {name:?} ({refused}), the schema accepts it",
                which.name(),
            );
        }
    }
}

#[test]
fn the_schemas_have_an_id_plain_descriptions_and_standard_formats() {
    for which in Which::ALL {
        let text = schema(which);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["$id"],
            format!("urn:samenspel:schema:{}", which.name()),
            "{}",
            which.name()
        );
        assert!(
            !text.contains("[`"),
            "a rustdoc link in the {} schema",
            which.name()
        );
        for format in ["uint", "int32", "int64", "uint32", "uint64", "double"] {
            assert!(
                !text.contains(&format!("\"format\": \"{format}\"")),
                "the {} schema uses the non-standard format {format}",
                which.name()
            );
        }
        assert!(value["properties"]["format"]["const"].is_string());
        assert_eq!(value["properties"]["version"]["minimum"], 1);
    }
}
