//! The phone page of a consent round and a poll in a real browser (headless Chromium at
//! 360 x 740, over WebDriver): a phone follows the rounds, gives a reasoned objection (a
//! reason is asked for first; a hostile reason stays text), then answers an anonymous poll
//! whose count reaches the file without naming the phone, and sees the distribution once the
//! facilitator reveals it. The room runs in this process on 127.0.0.1 only.

use std::sync::Arc;

use samenspel::core::consent::ConsentPhase;
use samenspel::core::scenario::Scenario;
use samenspel::core::{Change, Lang, Live, Session};
use samenspel::room::harness::Harness;
use samenspel::room::{Bind, Limits, RoomConfig};
use serde_json::{Value, json};

use crate::webdriver::{Driver, tools};

/// The consent round of `consent-besluit`, then the poll of `lean-coffee`.
fn scenario() -> Scenario {
    let get = |id: &str| {
        samenspel::store::builtin::builtin(id)
            .expect("built in")
            .expect("parses")
    };
    let mut s = get("consent-besluit");
    let ronde = s.steps.remove(1);
    let poll = get("lean-coffee").steps.remove(3);
    s.steps = vec![ronde, poll];
    assert!(samenspel::core::validate::validate_scenario(&s).is_empty());
    s
}

/// The changes of `kind` in the session as samenspel reads it (the file and its journal).
fn changes(file: &std::path::Path, kind: &str) -> Vec<Value> {
    let live = samenspel::store::load_session(file).unwrap();
    let v: Value = serde_json::to_value(&live.session).unwrap();
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"]["type"] == kind)
        .cloned()
        .collect()
}

/// The changes of `kind` once the writer has put one on disk (it saves just after the room
/// shows the change), within 10 seconds.
fn saved(file: &std::path::Path, kind: &str) -> Vec<Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while changes(file, kind).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    changes(file, kind)
}

#[test]
fn a_phone_objects_in_a_consent_round_and_answers_an_anonymous_poll_in_a_real_browser() {
    let (chromium, chromedriver) = match tools() {
        Ok(t) => t,
        Err(why) => {
            crate::common::skipped("phone page of consent and poll", &why);
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessie.json");
    let session = Session::new(
        Arc::new(scenario()),
        "ALV energiecoöperatie".into(),
        "2026-11-21T09:00:00Z".parse().unwrap(),
        Lang::Nl,
    );
    let harness = Harness::start(
        Live::open(session).unwrap(),
        Some(file.clone()),
        RoomConfig {
            bind: Bind::loopback(Some(0)),
            lang: Lang::Nl,
            limits: Limits::default(),
        },
    )
    .expect("the room opens on loopback");
    let driver = Driver::start(&chromedriver);
    let b = driver.browser(&chromium, &dir.path().join("profile"));
    b.go(&harness.join_url);
    b.wait_for("#name");
    b.type_into("#name", "Anna");
    b.click("button[type=submit]");
    b.wait_text("Het voorstel");
    // Questions first: no positions yet.
    b.wait_text("Standpunten worden gegeven in de bezwaar- en instemmingsronde");

    // The facilitator writes the proposal and opens the objections round.
    harness
        .facilitator(|live| {
            Some(Change::ConsentAmended {
                step: "ronde".into(),
                amendment: live.state.next_id,
                text: "We vormen een projectteam dat elke maand bijeenkomt.".into(),
                resolves: Vec::new(),
            })
        })
        .unwrap();
    harness
        .facilitator(|_| {
            Some(Change::ConsentPhaseSet {
                step: "ronde".into(),
                phase: ConsentPhase::Objections,
            })
        })
        .unwrap();
    b.wait_text("We vormen een projectteam dat elke maand bijeenkomt.");
    b.wait_text("Ronde: Bezwaren");
    b.wait_for("input[name=stance][value=objection]");
    b.click("input[name=stance][value=objection]");
    b.click("form button[type=submit]:not([disabled])");
    b.wait_text("Schrijf eerst de toelichting.");
    assert!(changes(&file, "consent_position_set").is_empty());
    let hostile = "Te vaak <img src=x onerror=\"document.title='gehackt'\">";
    b.type_into("#reason", hostile);
    b.click("form button[type=submit]:not([disabled])");
    b.wait_text(&format!("Nu: bezwaar: {hostile}"));
    b.wait_text("1 bezwaar staat open");
    assert_eq!(
        b.js("return document.querySelectorAll('img').length;", json!([])),
        0
    );
    assert_ne!(b.js("return document.title;", json!([])), "gehackt");
    let set = saved(&file, "consent_position_set");
    assert_eq!(set.len(), 1, "{set:?}");
    let change = &set[0]["change"];
    assert_eq!(change["position"]["stance"], "objection");
    assert_eq!(change["position"]["text"], hostile);
    assert!(change["member"].as_str().unwrap().starts_with('d'));

    // The poll: an answer from the phone is counted, never named.
    harness
        .facilitator(|_| {
            Some(Change::StepOpened {
                step: "doorgaan".into(),
            })
        })
        .unwrap();
    b.wait_text("Doorgaan met dit onderwerp?");
    b.wait_text("Anoniem: alleen de aantallen worden bewaard.");
    b.click(r#"button[data-fk="doorgaan/1"]:not([disabled])"#);
    // The room's count says it is recorded; the writer then has it on disk soon after.
    b.wait_text("1 antwoord");
    let counted = saved(&file, "poll_counted");
    assert_eq!(counted.len(), 1, "{counted:?}");
    assert_eq!(counted[0]["change"]["answer"], 1);
    let bytes =
        serde_json::to_string(&samenspel::store::load_session(&file).unwrap().session).unwrap();
    assert!(
        !bytes.contains("\"respondent\""),
        "a respondent in the file"
    );
    // Recorded with no phone's number (0), under its ballot key only.
    let device = &counted[0]["origin"]["device"];
    assert!(
        device.is_null() || *device == 0,
        "the phone named: {:?}",
        counted[0]
    );
    harness
        .facilitator(|_| {
            Some(Change::PollRevealed {
                step: "doorgaan".into(),
                statement: "doorgaan".into(),
                revealed: true,
            })
        })
        .unwrap();
    b.wait_text("Getoond: deze stelling is gesloten.");
    b.wait_text("100%");
    // English, on the phone's own switch.
    b.click("#lang");
    b.wait_text("Shown: this statement is closed.");
    drop(harness);
}
