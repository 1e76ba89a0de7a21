//! Phones in a meeting: join (by code too), a card through the inbox, a secret vote, an
//! endorsement, a commitment proposal; each answer only once the change is on disk.

use std::time::Duration;

use serde_json::{Value, json};

use super::room;
use crate::core::Change;
use crate::room::harness::phone::{Phone, request};

const WAIT: Duration = Duration::from_secs(5);

/// The change types (with origins) in the saved file.
fn saved_changes(file: &Value) -> Vec<(String, Value)> {
    file["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["change"]["type"].as_str().unwrap_or("").to_string(),
                e["origin"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_phone_joins_by_code_sends_a_card_and_sees_it_accepted() {
    let r = room();
    // The code is exchanged for the token; a wrong one is refused.
    let wrong = r.ask("POST", "/api/code", &[], Some(r#"{"code":"AAAAA"}"#));
    assert_eq!(wrong.status, 403);
    let typed = format!(r#"{{"code":"{}"}}"#, r.harness.code.to_lowercase());
    let right = r.ask("POST", "/api/code", &[], Some(&typed));
    assert_eq!(right.status, 200, "{}", right.body);
    let token = right.json()["token"].as_str().unwrap().to_string();
    assert_eq!(token, r.token);
    let auth = format!("Bearer {token}");
    let hello = r.ask("GET", "/api/hello", &[("authorization", &auth)], None);
    assert_eq!(hello.json()["parties"][0]["id"], "gemeente");

    let mut anna = Phone::join(r.harness.address, &token, Some("Anna"), Some("gemeente")).unwrap();
    assert_eq!(anna.device, 1);
    let mut events = anna.events().unwrap();
    let first = events.until(WAIT, |_| true).expect("a first view");
    assert_eq!(first["room"]["step"]["kind"], "board");
    assert_eq!(first["me"]["name"], "Anna");

    let sent = anna.card("bord", "rechts", "Het loket is een doolhof");
    assert_eq!(sent.status, 200, "{}", sent.body);
    // Answered only once saved: the file holds the proposal with its origin already.
    let file = r.saved();
    let (kind, origin) = saved_changes(&file).pop().unwrap();
    assert_eq!(kind, "card_proposed");
    assert_eq!(origin["device"], 1);
    let pending = events
        .until(WAIT, |v| v["me"]["cards"][0]["status"] == "pending")
        .expect("the card shows as waiting");
    assert_eq!(
        pending["me"]["cards"][0]["text"],
        "Het loket is een doolhof"
    );

    r.harness.accept_all().unwrap();
    let accepted = events
        .until(WAIT, |v| v["me"]["cards"][0]["status"] == "accepted")
        .expect("the card shows as accepted");
    assert_eq!(accepted["me"]["cards"][0]["lane"], "rechts");
    // On the board, tagged with the phone's party.
    let party = r
        .harness
        .inspect(|live| {
            let b = live.state.board(0).unwrap();
            b.cards()
                .find(|c| c.text == "Het loket is een doolhof")
                .unwrap()
                .party
                .clone()
        })
        .unwrap();
    assert_eq!(party.as_deref(), Some("gemeente"));
}

#[test]
fn what_a_phone_wrote_reaches_another_only_as_text_and_only_once_on_the_board() {
    let r = room();
    let mut a = r.phone();
    let b = r.phone();
    let hostile = r#"<img src=x onerror="alert(1)"> & </script>"#;
    assert_eq!(a.card("bord", "links", hostile).status, 200);
    // Pending: never in another phone's view, nor in the room's part.
    let seen = b.view().to_string();
    assert!(!seen.contains("onerror"), "{seen}");
    r.harness.accept_all().unwrap();
    r.open_step("stem");
    let v = b.view();
    let labels: Vec<&str> = v["room"]["step"]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["label"].as_str())
        .collect();
    // As data, character for character; the page shows it with textContent.
    assert_eq!(labels, ["start", hostile]);
}

#[test]
fn a_secret_vote_shows_each_phone_only_its_own_dots_until_the_reveal() {
    let r = room();
    let mut a = r.phone();
    let mut b = r.phone();
    r.open_step("stem");
    assert_eq!(a.dot("stem", 1, true).status, 200);
    assert_eq!(a.dot("stem", 1, true).status, 200);
    let third = a.dot("stem", 1, true);
    assert_eq!(third.status, 409);
    assert_eq!(
        third.message_nl(),
        "alle stippen van stemming 'stem' zijn gebruikt"
    );
    let va = a.view();
    assert_eq!(
        va["me"]["dots"],
        json!([{"target": {"card": 1}, "dots": 2}])
    );
    assert_eq!(va["me"]["dots_left"], 0);
    // B sees the cards, none of A's dots and no totals.
    let vb = b.view();
    assert_eq!(vb["me"]["dots"], json!([]));
    assert_eq!(vb["me"]["dots_left"], 2);
    assert_eq!(vb["room"]["step"]["results"], Value::Null);
    for c in vb["room"]["step"]["candidates"].as_array().unwrap() {
        assert!(c.get("dots").is_none(), "{c}");
    }
    assert_eq!(
        vb["room"], va["room"],
        "the room's part is the same for everyone"
    );
    // B cannot take A's dot back.
    assert_eq!(b.dot("stem", 1, false).status, 409);
    r.harness
        .facilitator(|_| {
            Some(Change::VoteRevealed {
                step: "stem".into(),
                revealed: true,
            })
        })
        .unwrap();
    let after = b.view();
    assert_eq!(after["room"]["step"]["results"][0]["dots"], 2);
    assert_eq!(after["room"]["step"]["results"][0]["label"], "start");
    let closed = a.dot("stem", 1, false);
    assert_eq!(closed.status, 409);
    assert_eq!(closed.message_nl(), "de stemming 'stem' is gesloten");
}

#[test]
fn a_phone_endorses_for_its_party_and_proposes_a_commitment_to_the_inbox() {
    let r = room();
    let mut gem = r.phone_of("Gerda", Some("gemeente"));
    let mut nobody = r.phone();
    r.open_step("akkoord");
    assert_eq!(gem.endorse("akkoord", "statement", true).status, 200);
    let v = gem.view();
    assert_eq!(v["me"]["endorse_as"], "party");
    assert_eq!(v["me"]["endorsed"], json!(["statement"]));
    let refused = nobody.endorse("akkoord", "statement", true);
    assert_eq!(refused.status, 409);
    assert_eq!(
        refused.message_nl(),
        "kies eerst je partij om namens haar te onderschrijven"
    );
    let proposed = nobody.send(json!({"kind": "commitment", "step": "akkoord",
        "what": "Notulen delen", "who": "gemeente", "when": "vrijdag"}));
    assert_eq!(proposed.status, 200, "{}", proposed.body);
    let v = nobody.view();
    assert_eq!(v["me"]["commitments"][0]["status"], "pending");
    assert_eq!(v["room"]["step"]["commitments"], json!([]));
    r.harness.accept_all().unwrap();
    let v = nobody.view();
    assert_eq!(v["me"]["commitments"][0]["status"], "accepted");
    assert_eq!(
        v["room"]["step"]["commitments"][0]["who"],
        json!({"nl": "Gemeente", "en": "Municipality"})
    );
    let file = r.saved();
    let endorsement = file["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["change"]["type"] == "endorsement_set")
        .unwrap();
    assert_eq!(endorsement["change"]["endorser"], "gemeente");
    assert_eq!(endorsement["origin"]["device"], gem.device);
}

#[test]
fn with_the_inbox_off_a_card_is_on_the_board_at_once() {
    let r = room();
    r.harness
        .facilitator(|_| {
            Some(Change::InboxSet {
                step: None,
                on: Some(false),
            })
        })
        .unwrap();
    let mut a = r.phone();
    assert_eq!(a.card("bord", "links", "Meteen zichtbaar").status, 200);
    let v = a.view();
    assert_eq!(v["me"]["cards"][0]["status"], "accepted");
    assert_eq!(v["room"]["step"]["inbox"], false);
}

#[test]
fn phones_follow_the_step_and_are_told_when_the_room_closes() {
    let r = room();
    let a = r.phone();
    let mut events = a.events().unwrap();
    events
        .until(WAIT, |v| v["room"]["step"]["id"] == "bord")
        .unwrap();
    r.open_step("matrix");
    let v = events
        .until(WAIT, |v| v["room"]["step"]["id"] == "matrix")
        .expect("the step change reaches the phone");
    assert_eq!(v["room"]["step"]["kind"], "matrix");
    let address = r.harness.address;
    let host = r.host.clone();
    r.harness.stop();
    let mut last = None;
    while let Some((name, _)) = events.next(WAIT) {
        last = Some(name);
        if last.as_deref() == Some("closed") {
            break;
        }
    }
    assert_eq!(last.as_deref(), Some("closed"));
    // And the server is gone.
    assert!(request(address, &host, "GET", "/", &[], None).is_err());
}
