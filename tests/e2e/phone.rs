//! The phone page in a real browser (headless Chromium at 360 x 740, over WebDriver): join
//! by the QR code's link, a card through the inbox, a send while the room is gone that
//! arrives once it is back (exactly once), another phone's hostile card shown as text, a
//! secret vote and its reveal, an endorsement, the language switch. The room runs in this
//! process with the test session loop and a real writer, on 127.0.0.1 only.

use std::sync::Arc;

use samenspel::core::scenario::Scenario;
use samenspel::core::{Change, Lang, Live, Session};
use samenspel::room::harness::Harness;
use samenspel::room::{Bind, Limits, RoomConfig};
use serde_json::{Value, json};

use crate::webdriver::{Browser, Driver, tools};

/// A meeting of three steps from the built-in exercises: the board and vote of
/// `succesfactoren`, then the accord of `zwolse-akkoord` (each participant endorses).
fn scenario() -> Scenario {
    let get = |id: &str| {
        samenspel::store::builtin::builtin(id)
            .expect("built in")
            .expect("parses")
    };
    let mut s = get("succesfactoren");
    s.steps.truncate(2);
    let akkoord = get("zwolse-akkoord").steps.remove(0);
    s.steps.push(akkoord);
    assert!(samenspel::core::validate::validate_scenario(&s).is_empty());
    s
}

/// Reads the QR code (as the beamer would draw it) back to its link, as a phone's camera.
fn scan(lines: &[String]) -> String {
    let rows: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    let (w, h, scale) = (rows[0].len(), rows.len() * 2, 4);
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w * scale, h * scale, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        match rows[my / 2][mx] {
            '█' => true,
            '▀' => my % 2 == 0,
            '▄' => my % 2 == 1,
            _ => false,
        }
    });
    let grids = img.detect_grids();
    grids[0].decode().expect("the QR code reads").1
}

fn start(live: Live, file: &std::path::Path, port: u16) -> Harness {
    Harness::start(
        live,
        Some(file.to_path_buf()),
        RoomConfig {
            bind: Bind::loopback(Some(port)),
            lang: Lang::Nl,
            limits: Limits::default(),
        },
    )
    .expect("the room opens on loopback")
}

fn shot(b: &Browser, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("phone-page");
    std::fs::create_dir_all(&dir).unwrap();
    b.screenshot(&dir.join(format!("{name}.png")));
}

/// The changes of `kind` in the session as saved (its file with its journal).
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

#[test]
fn a_phone_joins_by_the_qr_code_sends_votes_and_endorses_in_a_real_browser() {
    let (chromium, chromedriver) = match tools() {
        Ok(t) => t,
        Err(why) => {
            crate::common::skipped(
                "phone page in a browser",
                &format!("{why}; the phone page was not tested in a browser"),
            );
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessie.json");
    let session = Session::new(
        Arc::new(scenario()),
        "CoP Zwolle 4".into(),
        "2026-11-21T09:00:00Z".parse().unwrap(),
        Lang::Nl,
    );
    let harness = start(Live::open(session).unwrap(), &file, 0);
    let port = harness.address.port();
    let link = scan(&harness.qr_lines);
    assert_eq!(link, harness.join_url);
    assert!(link.starts_with(&format!("HTTP://127.0.0.1:{port}/J/")));

    let driver = Driver::start(&chromedriver);
    let b = driver.browser(&chromium, &dir.path().join("profile"));

    // Join by the QR code's link: a name, a party from the scenario's list.
    b.go(&link);
    b.wait_for("#name");
    b.wait_text("Je partij");
    assert_eq!(
        b.js("return window.innerWidth;", json!([])),
        360,
        "a phone's viewport"
    );
    assert_eq!(
        b.js("return location.pathname;", json!([])),
        "/",
        "the token left the address bar"
    );
    shot(&b, "1-join");
    b.type_into("#name", "Anna");
    b.click("#party option[value=gemeente]");
    b.click("button[type=submit]");
    b.wait_text("Wat helpt, wat hindert?");
    b.wait_text("Jouw kaarten");
    shot(&b, "2-board");

    // A card for the second lane goes to the inbox, then onto the board.
    b.click("input[name=lane][value=hindert]");
    b.type_into("#card", "Wisselende ambtenaren");
    b.click("form button[type=submit]:not([disabled])");
    b.wait_text("wacht op de begeleider");
    // The field empties once the laptop has it saved (its answer may come just after the
    // update that shows the card waiting).
    b.wait_value("#card", "");
    shot(&b, "3-card-waiting");
    harness.accept_all().unwrap();
    b.wait_text("op het bord");
    shot(&b, "4-card-accepted");

    // The room closes: the phone says so. A card typed now waits, keeps its text, and
    // arrives (once) when the room is back, with a new token, on the same port.
    let live = harness.stop().unwrap();
    b.wait_text("De zaal is gesloten");
    b.type_into("#card", "Niemand weet wie wat doet");
    b.click("form button[type=submit]:not([disabled])");
    b.wait_text("Nog niet bewaard");
    assert_eq!(b.value("#card"), "Niemand weet wie wat doet");
    shot(&b, "5-room-gone");
    let harness = start(live, &file, port);
    b.wait_text("Niemand weet wie wat doet");
    b.wait_value("#card", "");
    // The page reconnects by itself: the banner goes.
    b.wait_gone("#conn:not([hidden])");
    let proposed = changes(&file, "card_proposed");
    let texts: Vec<&str> = proposed
        .iter()
        .map(|e| e["change"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["Wisselende ambtenaren", "Niemand weet wie wat doet"]
    );
    assert!(proposed.iter().all(|e| e["origin"]["device"] == 1));

    // Another phone (a tab of its own) sends a card that tries to be markup.
    let anna = b.tab();
    let _ = b.new_tab();
    b.go(&scan(&harness.qr_lines));
    b.wait_for("#name");
    b.click("button[type=submit]");
    b.wait_text("Jouw kaarten");
    let hostile = r#"<img src=x onerror="document.title='gehackt'">"#;
    b.type_into("#card", hostile);
    b.click("form button[type=submit]:not([disabled])");
    b.wait_text("wacht op de begeleider");
    harness.accept_all().unwrap();
    harness
        .facilitator(|_| {
            Some(Change::StepOpened {
                step: "stemmen".into(),
            })
        })
        .unwrap();

    // Anna votes: her own dots, placed and taken back; the hostile card is plain text.
    b.switch(&anna);
    b.wait_text("Je hebt nog 3 van 3 stippen.");
    b.wait_text(hostile);
    assert_eq!(
        b.js("return document.querySelectorAll('img').length;", json!([])),
        0
    );
    assert_ne!(b.js("return document.title;", json!([])), "gehackt");
    b.click(r#"button[aria-label="Stip op: Een open houding"]:not([disabled])"#);
    b.wait_text("Je hebt nog 2 van 3 stippen.");
    b.click(r#"button[aria-label="Stip op: Een open houding"]:not([disabled])"#);
    b.wait_text("Je hebt nog 1 van 3 stippen.");
    b.click(r#"button[aria-label="Stip weg van: Een open houding"]:not([disabled])"#);
    b.wait_text("Je hebt nog 2 van 3 stippen.");
    b.click(r#"button[aria-label="Stip op: Wisselende ambtenaren"]:not([disabled])"#);
    b.wait_text("Je hebt nog 1 van 3 stippen.");
    assert!(
        !b.text().contains("Uitslag"),
        "no results before the reveal"
    );
    b.js("window.scrollTo(0, 0);", json!([]));
    shot(&b, "6-vote");
    harness
        .facilitator(|_| {
            Some(Change::VoteRevealed {
                step: "stemmen".into(),
                revealed: true,
            })
        })
        .unwrap();
    b.wait_text("Uitslag");
    b.wait_text("De stemming is gesloten.");
    b.js("window.scrollTo(0, 0);", json!([]));
    shot(&b, "7-results");

    // The accord's statement, endorsed by her phone.
    harness
        .facilitator(|_| {
            Some(Change::StepOpened {
                step: "akkoord".into(),
            })
        })
        .unwrap();
    b.wait_text("Ik onderschrijf dit");
    b.click("button.endorse:not([disabled])");
    b.wait_for(r#"button.endorse[aria-pressed="true"]"#);
    shot(&b, "8-endorsed");
    b.click("#lang");
    b.wait_text("I endorse this");
    assert_eq!(
        b.js("return document.documentElement.lang;", json!([])),
        "en"
    );
    shot(&b, "9-english");

    let live = harness.stop().unwrap();
    let dots = changes(&file, "dot_added");
    assert_eq!(dots.len(), 3);
    assert_eq!(changes(&file, "dot_removed").len(), 1);
    let endorsed = changes(&file, "endorsement_set");
    assert_eq!(endorsed[0]["change"]["endorser"], "d1");
    assert_eq!(endorsed[0]["change"]["item"], "statement");
    assert_eq!(endorsed[0]["origin"]["device"], 1);
    assert_eq!(live.state.room.devices.len(), 2);
    // The saved file opens again and fits the session schema.
    let reopened = samenspel::store::load_session(&file).expect("opens");
    assert_eq!(reopened.state, live.state);
    // The report names the phone among the endorsers, out of the two phones in the room.
    let outcome = samenspel::report::outcome::Outcome::build(
        &reopened.session,
        &reopened.state,
        Lang::Nl,
        false,
    );
    let opts = samenspel::report::Options::new(Lang::Nl);
    let md = samenspel::report::markdown::render(&outcome, &opts);
    assert!(md.contains("onderschreven door 1 van 2"), "{md}");
    assert!(md.contains("Anna"), "{md}");
    let schema: Value = serde_json::from_str(&samenspel::report::schema::schema(
        samenspel::report::schema::Which::Session,
    ))
    .unwrap();
    let value: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    match crate::json_schema::Schema::new(schema).errors(&[&value]) {
        Ok(errors) => assert!(errors[0].is_empty(), "{errors:?}"),
        Err(why) => crate::common::skipped("phone session schema", &why),
    }
}
