use super::*;
use crate::core::Event;

/// The kinds of change the JSON Schema of [`Change`] names (the `type` of each of its
/// variants; types inside a change, such as a vote's target, are not kinds).
fn kinds() -> Vec<String> {
    let schema = serde_json::to_value(schemars::schema_for!(Change)).unwrap();
    let variants = schema["oneOf"].as_array().expect("one schema per kind");
    let mut kinds: Vec<String> = variants
        .iter()
        .flat_map(|v| {
            let t = &v["properties"]["type"];
            let one = t["const"].as_str().map(String::from);
            let many = t["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(String::from));
            one.into_iter().chain(many).collect::<Vec<_>>()
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
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

#[test]
fn a_group_reads_its_changes_the_same_whatever_their_order_of_fields() {
    let fast = r#"{"type": "group", "changes": [{"type": "card_tagged", "step": "b", "card": 3, "party": "p"}, {"type": "undo"}]}"#;
    let slow = r#"{"changes": [{"card": 3, "type": "card_tagged", "party": "p", "step": "b"}, {"type": "undo"}], "type": "group"}"#;
    let expected = Change::Group {
        changes: vec![
            Change::CardTagged {
                step: "b".into(),
                card: 3,
                party: Some("p".into()),
            },
            Change::Undo,
        ],
    };
    assert_eq!(serde_json::from_str::<Change>(fast).unwrap(), expected);
    assert_eq!(serde_json::from_str::<Change>(slow).unwrap(), expected);
}
