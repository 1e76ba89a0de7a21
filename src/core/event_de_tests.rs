use super::*;
use crate::core::Event;

/// The kinds of change the JSON Schema of [`Change`] names (its `type` values).
fn kinds() -> Vec<String> {
    let schema = serde_json::to_value(schemars::schema_for!(Change)).unwrap();
    let mut kinds = Vec::new();
    collect(&schema, &mut kinds);
    kinds.sort();
    kinds.dedup();
    kinds
}

fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(t) = m.get("properties").and_then(|p| p.get("type")) {
                for key in ["const", "enum"] {
                    match t.get(key) {
                        Some(serde_json::Value::String(s)) => out.push(s.clone()),
                        Some(serde_json::Value::Array(a)) => {
                            out.extend(a.iter().filter_map(|s| s.as_str().map(String::from)))
                        }
                        _ => {}
                    }
                }
            }
            m.values().for_each(|x| collect(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        _ => {}
    }
}

#[test]
fn every_kind_of_change_is_known_to_the_fast_reader() {
    let kinds = kinds();
    assert!(kinds.len() > 30, "{kinds:?}");
    for kind in kinds {
        let err = serde_json::from_str::<Change>(&format!(r#"{{"type": "{kind}"}}"#))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(!err.contains("unknown variant"), "{kind}: {err}");
    }
}

#[test]
fn changes_read_back_the_same_whatever_the_order_of_their_fields() {
    let scenario: crate::core::Scenario =
        serde_json::from_str(include_str!("../../scenarios/stakeholder-doelen.json"))
            .expect("built-in scenario");
    let session = crate::core::generate::session(scenario, 3000, 9);
    let mut seen = std::collections::BTreeSet::new();
    for event in &session.events {
        let text = serde_json::to_string(event).unwrap();
        let back: Event = serde_json::from_str(&text).unwrap();
        assert_eq!(&back, event, "{text}");
        // The same fields with `type` last: the slow way, the same change.
        let mut value = serde_json::to_value(&event.change).unwrap();
        let kind = value["type"].as_str().unwrap().to_string();
        seen.insert(kind.clone());
        let obj = value.as_object_mut().unwrap();
        obj.remove("type");
        let mut reordered = serde_json::to_string(obj).unwrap();
        reordered.pop();
        let sep = if obj.is_empty() { "" } else { "," };
        let reordered = format!("{reordered}{sep}\"type\":\"{kind}\"}}");
        let back: Change =
            serde_json::from_str(&reordered).unwrap_or_else(|e| panic!("{reordered}: {e}"));
        assert_eq!(back, event.change);
    }
    assert!(seen.len() >= 15, "{seen:?}");
}

#[test]
fn what_does_not_fit_is_refused_as_before() {
    let bad = [
        (
            r#"{"type": "card_exploded"}"#,
            "unknown variant `card_exploded`",
        ),
        (r#"{"step": "a"}"#, "missing field `type`"),
        (
            r#"{"type": "step_opened", "step": "a", "extra": 1}"#,
            "unknown field `extra`",
        ),
        (r#"{"type": "step_opened"}"#, "missing field `step`"),
        (r#"{"type": "undo", "step": "a"}"#, "unknown field `step`"),
        (
            r#"{"step": "a", "type": "step_opened", "step": "b"}"#,
            "duplicate field `step`",
        ),
        (r#"[1]"#, "expected internally tagged enum Change"),
    ];
    for (text, says) in bad {
        let err = serde_json::from_str::<Change>(text)
            .unwrap_err()
            .to_string();
        assert!(err.contains(says), "{text}: {err}");
    }
    assert_eq!(
        serde_json::from_str::<Change>(r#"{"type": "undo"}"#).unwrap(),
        Change::Undo
    );
}
