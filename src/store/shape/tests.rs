//! The shape checker's messages, on small schemas.

use super::*;
use serde_json::json;

fn lines(schema: &Value, doc: &Value) -> Vec<String> {
    check(schema, doc)
        .iter()
        .map(|p| format!("{}: {}", p.path, p.en))
        .collect()
}

#[test]
fn every_misfit_is_named_with_its_path_at_once() {
    let schema = json!({
        "type": "object",
        "properties": {
            "title": {"$ref": "#/$defs/Text"},
            "minutes": {"type": ["integer", "null"], "minimum": 0, "maximum": 4294967295u64},
            "lang": {"oneOf": [{"const": "nl"}, {"const": "en"}]}
        },
        "required": ["title"],
        "additionalProperties": false,
        "$defs": {"Text": {
            "type": "object",
            "properties": {"nl": {"type": "string"}, "en": {"type": "string"}},
            "required": ["nl", "en"],
            "additionalProperties": false
        }}
    });
    let doc = json!({"title": {"nl": "Hallo"}, "minutes": -5, "lang": "fr", "colour": 1});
    assert_eq!(
        lines(&schema, &doc),
        vec![
            "colour: unknown field (known here: lang, minutes, title); remove it or check its spelling",
            "lang: the text \"fr\" is not an allowed value; use one of: \"nl\", \"en\"",
            "minutes: must be a whole number from 0 to 4294967295, not -5",
            "title.en: this field is missing; add it",
        ]
    );
    let nl: Vec<String> = check(&schema, &doc).iter().map(|p| p.nl.clone()).collect();
    assert!(
        nl.contains(&"dit veld ontbreekt; voeg het toe".to_string()),
        "{nl:?}"
    );
    assert!(check(&schema, &json!({"title": {"nl": "a", "en": "b"}})).is_empty());
}

#[test]
fn a_tagged_choice_names_the_known_kinds_or_blames_the_right_one() {
    let schema = json!({"oneOf": [
        {"type": "object", "properties": {"type": {"const": "a"}, "n": {"type": "integer"}},
         "required": ["type", "n"], "additionalProperties": false},
        {"type": "object", "properties": {"type": {"const": "b"}},
         "required": ["type"], "additionalProperties": false}
    ]});
    assert_eq!(
        lines(&schema, &json!({"type": "c"})),
        vec!["type: the text \"c\" is not a known kind; use one of: \"a\", \"b\""]
    );
    assert_eq!(
        lines(&schema, &json!({"type": "a", "n": "x"})),
        vec!["n: must be a whole number, not the text \"x\""]
    );
}

#[test]
fn serdes_own_words_are_said_in_both_languages() {
    let (nl, en) = serde_words("invalid type: sequence, expected a string at line 3 column 9");
    assert_eq!(en, "must be a text, not a list");
    assert_eq!(nl, "moet een tekst zijn, niet een lijst");
    let (nl, _) = serde_words("invalid value: integer `-5`, expected u32");
    assert_eq!(nl, "moet een heel getal zijn, niet het getal -5");
    let (nl, en) = serde_words("duplicate field `title`");
    assert_eq!(en, "the field \"title\" is given twice; keep only one");
    assert!(nl.contains("twee keer"));
    let (nl, en) = syntax_words("expected value at line 1 column 1");
    assert_eq!(
        (nl.as_str(), en.as_str()),
        (
            "ongeldige JSON: hier hoort een waarde",
            "invalid JSON: expected value"
        )
    );
}

#[test]
fn a_step_needs_exactly_one_kind() {
    let kind = |k: &str| json!({"required": [k], "properties": {k: {"type": "object"}}});
    let schema = json!({"type": "object", "oneOf": [kind("board"), kind("vote")]});
    assert_eq!(
        lines(&schema, &json!({})),
        vec![": needs one of: board, vote; add one"]
    );
    assert_eq!(
        lines(&schema, &json!({"board": {}, "vote": {}})),
        vec![": has more than one (board, vote); keep one of: board, vote"]
    );
    assert!(check(&schema, &json!({"board": null, "vote": {}})).is_empty());
}
