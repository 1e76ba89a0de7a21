//! Every class of problem in a scenario or session file gives a message with the file, the
//! JSON path and what to do. The cases mutate a real built-in scenario.

use std::path::Path;

use samenspel::core::Lang;
use samenspel::store::{parse_scenario, parse_session};
use serde_json::{Value, json};

fn komedie() -> Value {
    let text = include_str!("../../scenarios/zwolse-komedie.json");
    serde_json::from_str(text).expect("built-in parses")
}

/// The English problem lines for a scenario document.
fn problems(doc: &Value) -> Vec<String> {
    let bytes = serde_json::to_vec(doc).unwrap();
    match parse_scenario(Path::new("scenarios/x.json"), &bytes) {
        Ok(_) => Vec::new(),
        Err(e) => e.lines(Lang::En),
    }
}

fn assert_problem(doc: &Value, expected: &str) {
    let lines = problems(doc);
    assert!(
        lines.iter().any(|l| l == expected),
        "expected {expected:?} among {lines:#?}"
    );
}

#[test]
fn the_unchanged_scenario_is_valid() {
    assert_eq!(problems(&komedie()), Vec::<String>::new());
}

#[test]
fn a_board_without_lanes() {
    let mut d = komedie();
    d["steps"][2]["board"]["lanes"] = json!([]);
    assert_problem(
        &d,
        "scenarios/x.json: steps[2].board.lanes: a board needs at least one lane",
    );
}

#[test]
fn an_unknown_field_is_named_with_its_path() {
    let mut d = komedie();
    d["steps"][1]["colour"] = json!("red");
    let lines = problems(&d);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "scenarios/x.json: steps[1].colour: unknown field (known here: agreement, board, consent, grid, id,"
        ),
        "{lines:?}"
    );
    assert!(
        lines[0].ends_with("; remove it or check its spelling"),
        "{lines:?}"
    );
}

#[test]
fn duplicate_ids() {
    let mut d = komedie();
    d["steps"][1]["id"] = d["steps"][0]["id"].clone();
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].id: id \"akte-1\" is used twice; give each its own id",
    );
    let mut d = komedie();
    d["steps"][0]["board"]["lanes"][1]["id"] = d["steps"][0]["board"]["lanes"][0]["id"].clone();
    assert_problem(
        &d,
        "scenarios/x.json: steps[0].board.lanes[1].id: id \"gemeente-over-initiatieven\" is used twice; give each its own id",
    );
}

#[test]
fn missing_and_empty_translations() {
    let mut d = komedie();
    d["steps"][0]["title"]["en"] = json!("  ");
    assert_problem(
        &d,
        "scenarios/x.json: steps[0].title.en: the \"en\" translation is missing or empty",
    );
    let mut d = komedie();
    d["title"].as_object_mut().unwrap().remove("nl");
    let lines = problems(&d);
    assert_eq!(
        lines,
        vec!["scenarios/x.json: title.nl: this field is missing; add it"]
    );
}

#[test]
fn references_to_missing_and_later_steps() {
    let mut d = komedie();
    d["steps"][1] = json!({"id": "stem", "title": {"nl": "Stem", "en": "Vote"},
        "prompt": {"nl": "?", "en": "?"}, "vote": {"on": "akte-9", "dots": 3}});
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].vote.on: there is no step \"akte-9\"",
    );
    d["steps"][1]["vote"]["on"] = json!("akte-3");
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].vote.on: step \"akte-3\" does not come earlier; refer to an earlier step",
    );
    d["steps"][1]["vote"]["on"] = json!("akte-1");
    d["steps"][1]["vote"]["dots"] = json!(0);
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].vote.dots: each voter has 1 to 100 dots",
    );
}

#[test]
fn a_step_needs_exactly_one_kind() {
    let mut d = komedie();
    d["steps"][0]["agreement"] = json!({});
    let lines = problems(&d);
    assert_eq!(
        lines,
        vec![
            "scenarios/x.json: steps[0]: has more than one (board, agreement); keep one of: board, matrix, vote, agreement, grid, consent, poll, review"
        ]
    );
    d["steps"][0].as_object_mut().unwrap().remove("board");
    d["steps"][0].as_object_mut().unwrap().remove("agreement");
    assert_eq!(
        problems(&d),
        vec![
            "scenarios/x.json: steps[0]: needs one of: board, matrix, vote, agreement, grid, consent, poll, review; add one"
        ]
    );
}

#[test]
fn matrix_rules() {
    let mut d = komedie();
    d["steps"][1] = json!({"id": "m", "title": {"nl": "M", "en": "M"}, "prompt": {"nl": "?", "en": "?"},
        "matrix": {"columns": [], "scale": {"type": "numeric", "min": 2, "max": -2,
                   "labels": [{"value": 5, "label": {"nl": "x", "en": "x"}}]}}});
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].matrix.rows: a matrix needs rows: \"rows\" or \"rows_from\"",
    );
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].matrix.columns: a matrix needs at least one column",
    );
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].matrix.scale: scale 2..-2 is not possible; min must be below max, both between -100 and 100, with at most 21 values (e.g. -2..2 or 1..5)",
    );
    assert_problem(
        &d,
        "scenarios/x.json: steps[1].matrix.scale.labels[0].value: 5 is outside the scale 2..-2",
    );
}

#[test]
fn ids_parties_minutes_and_every_problem_at_once() {
    let mut d = komedie();
    d["id"] = json!("Zwolse Komedie");
    d["steps"][0]["minutes"] = json!(0);
    d["steps"][0]["board"]["lanes"][0]["party"] = json!("bakker");
    let lines = problems(&d);
    assert!(lines.contains(&"scenarios/x.json: id: id \"Zwolse Komedie\" may only hold lowercase letters, digits and dashes (1 to 64 characters)".to_string()), "{lines:?}");
    assert!(
        lines.contains(
            &"scenarios/x.json: steps[0].minutes: 0 minutes is not possible; choose 1 to 600"
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(lines.contains(&"scenarios/x.json: steps[0].board.lanes[0].party: party \"bakker\" does not exist in this scenario".to_string()), "{lines:?}");
    assert_eq!(lines.len(), 3, "all three problems are reported: {lines:?}");
}

#[test]
fn format_version_and_syntax() {
    let mut d = komedie();
    d["version"] = json!(7);
    assert_problem(
        &d,
        "scenarios/x.json: version: version 7 was made by a newer samenspel (this one knows up to 1); update samenspel",
    );
    let mut d = komedie();
    d["format"] = json!("samenspel/session");
    assert_problem(
        &d,
        "scenarios/x.json: format: this is not a samenspel/scenario file but \"samenspel/session\"",
    );
    let err = parse_scenario(
        Path::new("x.json"),
        b"{\"format\": \"samenspel/scenario\", ",
    )
    .unwrap_err();
    assert_eq!(
        err.lines(Lang::En),
        vec!["x.json: line 1 column 33: the file ends too early (truncated?)"]
    );
    let err = parse_scenario(Path::new("x.json"), b"{\"a\" 1}").unwrap_err();
    assert!(
        err.lines(Lang::En)[0].starts_with("x.json: line 1 column 6: invalid JSON: expected `:`"),
        "{err}"
    );
}

#[test]
fn messages_exist_in_dutch() {
    let mut d = komedie();
    d["steps"][2]["board"]["lanes"] = json!([]);
    let bytes = serde_json::to_vec(&d).unwrap();
    let err = parse_scenario(Path::new("x.json"), &bytes).unwrap_err();
    assert_eq!(
        err.lines(Lang::Nl),
        vec!["x.json: steps[2].board.lanes: een bord heeft minstens één kolom nodig"]
    );
}

#[test]
fn a_session_with_an_impossible_event_names_the_event() {
    let scenario = komedie();
    let session = json!({
        "format": "samenspel/session", "version": 1, "title": "t",
        "created": "2026-11-21T10:00:00Z", "lang": "nl", "scenario": scenario,
        "events": [
            {"at": "2026-11-21T10:01:00Z", "change": {"type": "card_added", "step": "akte-1",
              "lane": "gemeente-over-initiatieven", "card": 1, "text": "a"}},
            {"at": "2026-11-21T10:02:00Z", "change": {"type": "card_edited", "step": "akte-1", "card": 5, "text": "b"}}
        ]
    });
    let bytes = serde_json::to_vec(&session).unwrap();
    let err = parse_session(Path::new("s.json"), &bytes).unwrap_err();
    assert_eq!(
        err.lines(Lang::En),
        vec![
            "s.json: events[1]: there is no card 5 in step 'akte-1'; repair or remove this change"
        ]
    );
    let mut bad = session.clone();
    bad["events"][0]["change"]["type"] = json!("card_painted");
    let err = parse_session(Path::new("s.json"), &serde_json::to_vec(&bad).unwrap()).unwrap_err();
    assert!(
        err.lines(Lang::En)[0].starts_with(
            "s.json: events[0].change.type: the text \"card_painted\" is not a known kind; use one of: \"step_opened\", \"card_added\""
        ),
        "{err}"
    );
}
