//! The JSON Schemas of the files samenspel reads, generated from the types that read them
//! and made into a tight contract: what a schema accepts is what `samenspel check` accepts
//! for the shape of a file (the format and version it knows, whole numbers within their
//! type's range, a step with exactly one kind), with an `$id` and descriptions that give
//! values rather than names in the code. The loader checks a file that serde refuses
//! against the same schema, to name every misfit at once ([`super::shape`]).

use std::sync::LazyLock;

use serde_json::{Value, json};

use super::config::Config;
use crate::core::scenario::{SCENARIO_FORMAT, SCENARIO_VERSION};
use crate::core::session::{SESSION_FORMAT, SESSION_VERSION};
use crate::core::{Scenario, Session};

/// The session file's schema.
pub static SESSION: LazyLock<Value> = LazyLock::new(|| {
    tightened(
        schemars::schema_for!(Session),
        "session",
        Some((SESSION_FORMAT, SESSION_VERSION)),
    )
});

/// The scenario file's schema.
pub static SCENARIO: LazyLock<Value> = LazyLock::new(|| {
    tightened(
        schemars::schema_for!(Scenario),
        "scenario",
        Some((SCENARIO_FORMAT, SCENARIO_VERSION)),
    )
});

/// The settings file's schema.
pub static CONFIG: LazyLock<Value> =
    LazyLock::new(|| tightened(schemars::schema_for!(Config), "config", None));

/// A generated schema made tight: `$id` `urn:samenspel:schema:<name>`; with `format` the
/// file's `format` must be that value and its `version` between 1 and the newest this
/// build reads; the non-standard integer formats (`uint32`, ...) become the range they
/// stand for; a step needs exactly one kind; rustdoc links in descriptions become plain
/// code.
pub fn tightened(schema: schemars::Schema, name: &str, format: Option<(&str, u32)>) -> Value {
    let mut value = serde_json::to_value(&schema).unwrap_or(Value::Null);
    tighten(&mut value);
    let Some(root) = value.as_object_mut() else {
        return value;
    };
    root.insert("$id".into(), json!(format!("urn:samenspel:schema:{name}")));
    if let Some((format, newest)) = format
        && let Some(props) = root.get_mut("properties").and_then(Value::as_object_mut)
    {
        props.insert(
            "format".into(),
            json!({
                "description": format!("Always \"{format}\": what kind of file this is."),
                "const": format,
            }),
        );
        let versions = if newest == 1 {
            "1 (the only one so far)".to_string()
        } else {
            format!("1 to {newest}; an older one is brought up to date when read")
        };
        props.insert(
            "version".into(),
            json!({
                "description": format!(
                    "The format version: {versions}. A newer version is refused: it was made by a newer samenspel."
                ),
                "type": "integer",
                "minimum": 1,
                "maximum": newest,
            }),
        );
    }
    if let Some(step) = root
        .get_mut("$defs")
        .and_then(|d| d.get_mut("Step"))
        .and_then(Value::as_object_mut)
    {
        let kinds: Vec<Value> = crate::core::scenario::KIND_NAMES
            .iter()
            .filter(|k| step.get("properties").and_then(|p| p.get(**k)).is_some())
            .map(|k| json!({"required": [k], "properties": {*k: {"type": "object"}}}))
            .collect();
        if !kinds.is_empty() {
            step.insert("oneOf".into(), Value::Array(kinds));
        }
    }
    value
}

/// The range of each integer format schemars writes.
fn integer_range(format: &str) -> Option<(Value, Value)> {
    Some(match format {
        "uint8" => (json!(0), json!(u8::MAX)),
        "uint16" => (json!(0), json!(u16::MAX)),
        "uint32" => (json!(0), json!(u32::MAX)),
        "uint64" | "uint" => (json!(0), json!(u64::MAX)),
        "int8" => (json!(i8::MIN), json!(i8::MAX)),
        "int16" => (json!(i16::MIN), json!(i16::MAX)),
        "int32" => (json!(i32::MIN), json!(i32::MAX)),
        "int64" | "int" => (json!(i64::MIN), json!(i64::MAX)),
        _ => return None,
    })
}

fn tighten(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(format) = map.get("format").and_then(Value::as_str) {
                if let Some((min, max)) = integer_range(format) {
                    map.remove("format");
                    let keep_min = map
                        .get("minimum")
                        .and_then(Value::as_f64)
                        .zip(min.as_f64())
                        .is_some_and(|(have, low)| have > low);
                    if !keep_min {
                        map.insert("minimum".into(), min);
                    }
                    map.insert("maximum".into(), max);
                } else if matches!(format, "double" | "float") {
                    map.remove("format");
                }
            }
            if let Some(Value::String(d)) = map.get_mut("description") {
                *d = plain_description(d);
            }
            for v in map.values_mut() {
                tighten(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tighten),
        _ => {}
    }
}

/// A doc comment as a description for readers of the schema: "[`Text`]s" becomes
/// "`Text`s", and the constants of the file formats become their values.
fn plain_description(d: &str) -> String {
    let mut out = d.to_string();
    for (name, value) in [
        ("SESSION_FORMAT", format!("\"{SESSION_FORMAT}\"")),
        ("SESSION_VERSION", SESSION_VERSION.to_string()),
        ("SCENARIO_FORMAT", format!("\"{SCENARIO_FORMAT}\"")),
        ("SCENARIO_VERSION", SCENARIO_VERSION.to_string()),
    ] {
        out = out.replace(&format!("[`{name}`]"), &value);
    }
    // Any other intra-doc link: keep the name, drop the brackets (and a path before it).
    let mut plain = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(start) = rest.find("[`") {
        plain.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 2..).unwrap_or_default();
        match after.find("`]") {
            Some(end) => {
                let name = after.get(..end).unwrap_or_default();
                let short = name.rsplit("::").next().unwrap_or(name);
                plain.push('`');
                plain.push_str(short);
                plain.push('`');
                rest = after.get(end + 2..).unwrap_or_default();
            }
            None => {
                plain.push_str("[`");
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_say_values_not_code() {
        assert_eq!(
            plain_description("Always [`SESSION_FORMAT`]; see [`super::Text`]s."),
            "Always \"samenspel/session\"; see `Text`s."
        );
        let text = SESSION.to_string();
        assert!(!text.contains("[`"), "a rustdoc link in the session schema");
        assert!(!text.contains("uint32"), "a non-standard format");
        assert_eq!(SESSION["$id"], "urn:samenspel:schema:session");
        assert_eq!(SESSION["properties"]["format"]["const"], SESSION_FORMAT);
    }
}
