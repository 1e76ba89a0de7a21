//! A session read with its log folded on the way gives what reading it whole and then
//! folding gives; a file laid out otherwise is still read, without folding on the way.

use super::*;
use crate::core::generate;
use crate::store::try_session_json;

fn generated(events: usize) -> Session {
    let scenario: Scenario =
        serde_json::from_str(include_str!("../../scenarios/stakeholder-doelen.json"))
            .expect("built-in");
    generate::session(scenario, events, 42)
}

#[test]
fn a_log_folded_while_it_is_read_is_the_log_folded_after() {
    for events in [0, 1, 1500, 6000] {
        let session = generated(events);
        let bytes = try_session_json(&session).expect("serializes");
        let text = std::str::from_utf8(&bytes).expect("utf-8");
        let (read, folded) = read(text).expect("reads");
        assert_eq!(read, session, "{events} events");
        let folded = folded.expect("folded on the way");
        let live = folded.open(read).expect("folds");
        let whole = Live::open(session).expect("folds");
        assert_eq!(live.state, whole.state, "{events} events");
        assert_eq!(live.session, whole.session);
    }
}

#[test]
fn a_log_before_its_scenario_is_read_without_folding_on_the_way() {
    let session = generated(300);
    let mut doc = serde_json::to_value(&session).expect("value");
    let map = doc.as_object_mut().expect("object");
    let events = map.remove("events").expect("events");
    let mut reordered = serde_json::Map::new();
    reordered.insert("events".into(), events);
    reordered.extend(std::mem::take(map));
    let text = serde_json::Value::Object(reordered).to_string();
    let (read, folded) = read(&text).expect("reads");
    assert!(folded.is_none());
    assert_eq!(read, session);
}

#[test]
fn what_the_derived_reader_refuses_is_refused_here_too() {
    let session = generated(50);
    let text = String::from_utf8(try_session_json(&session).expect("json")).expect("utf-8");
    // Folded from no one on the way, then said after the log: refused here, and read again
    // the careful way (which takes it).
    let participants_after = text.replacen("  \"participants\": [],\n", "", 1).replacen(
        "\n}",
        ",\n  \"participants\": []\n}",
        1,
    );
    assert!(
        participants_after.ends_with("\"participants\": []\n}\n"),
        "moved"
    );
    for (i, bad) in [
        text.replacen("\"title\"", "\"titel\"", 1),
        text.replacen("\"title\"", "\"title\": \"x\", \"title\"", 1),
        text.replacen("\"created\": \"", "\"created\": \"x", 1),
        text.replacen("\"at\":\"", "\"at\":\"x", 1),
        text.replacen("\"type\":\"card_added\"", "\"type\":\"card_add\"", 1),
        format!("{text} x"),
        participants_after,
    ]
    .into_iter()
    .enumerate()
    {
        assert!(read(&bad).is_none(), "{i}: {bad:.300}");
    }
}
