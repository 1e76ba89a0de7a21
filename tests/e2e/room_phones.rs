//! The room, end to end: the real binary in a pseudo-terminal opens the room (`Z`, on
//! 127.0.0.1 only, a free port), three phones in headless Chromium join by the QR code read
//! off the terminal's screen; their cards come through the inbox onto the board, a secret
//! vote is revealed, a phone endorses; quit, reopen, and everything is in the file with its
//! origin; replay shows it in order. SKIPPED (said plainly) without Chromium.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Tui, home, key, run};
use crate::webdriver::{Browser, Driver, tools};

/// The board and vote of `succesfactoren`, then the accord of `zwolse-akkoord`.
fn scenario(dir: &Path) -> std::path::PathBuf {
    let get = |id: &str| samenspel::store::builtin::builtin(id).unwrap().unwrap();
    let mut s = get("succesfactoren");
    s.id = "zaal-test".into();
    s.steps.truncate(2);
    s.steps.push(get("zwolse-akkoord").steps.remove(0));
    let path = dir.join("zaal-test.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&s).unwrap()).unwrap();
    path
}

/// Reads the QR code on the terminal's screen back to its link (every `█ ▀ ▄` dark).
fn scan(screen: &str) -> Option<String> {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let w = rows.iter().map(Vec::len).max()?;
    let (h, scale) = (rows.len() * 2, 3);
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w * scale, h * scale, |x, y| {
        let (cx, py) = (x / scale, y / scale);
        match rows[py / 2].get(cx) {
            Some('█') => true,
            Some('▀') => py % 2 == 0,
            Some('▄') => py % 2 == 1,
            _ => false,
        }
    });
    img.detect_grids()
        .iter()
        .find_map(|g| g.decode().ok())
        .map(|(_, s)| s)
}

/// A phone joins by the link, with a name (or none) and a party (or none).
fn join(b: &Browser, link: &str, name: Option<&str>, party: Option<&str>) {
    b.go(link);
    b.wait_for("#name");
    if let Some(name) = name {
        b.type_into("#name", name);
    }
    if let Some(party) = party {
        b.click(&format!("#party option[value={party}]"));
    }
    b.click("button[type=submit]");
    b.wait_text("Jouw kaarten");
}

fn send_card(b: &Browser, lane: &str, text: &str) {
    b.click(&format!("input[name=lane][value={lane}]"));
    b.type_into("#card", text);
    b.click("form button[type=submit]:not([disabled])");
    b.wait_text("wacht op de begeleider");
    b.wait_value("#card", "");
}

fn dot(b: &Browser, card: &str) {
    b.click(&format!(
        r#"button[aria-label="Stip op: {card}"]:not([disabled])"#
    ));
}

fn events(file: &Value) -> &Vec<Value> {
    file["events"].as_array().unwrap()
}

fn of<'a>(file: &'a Value, kind: &str) -> Vec<&'a Value> {
    events(file)
        .iter()
        .filter(|e| e["change"]["type"] == kind)
        .collect()
}

#[test]
fn three_phones_take_part_through_the_real_binary_and_everything_is_in_the_file() {
    let (chromium, chromedriver) = match tools() {
        Ok(t) => t,
        Err(why) => {
            crate::common::skipped(
                "the room with three phones",
                &format!("{why}; the room was not tested end to end with phones"),
            );
            return;
        }
    };
    let home = home();
    let file_of_scenario = scenario(home.path());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bind = format!("127.0.0.1:{port}");
    let scenario_arg = file_of_scenario.display().to_string();
    let mut tui = Tui::start(
        &[
            "new",
            &scenario_arg,
            "--title",
            "CoP Zwolle 4",
            "--bind",
            &bind,
        ],
        home.path(),
        80,
        24,
    );
    tui.wait_for("Stap 1/3");
    tui.send("Z");
    tui.wait_for("Doe mee met je telefoon");
    tui.wait_until("a whole QR code", |s| scan(s).is_some());
    let link = scan(&tui.screen()).unwrap();
    assert!(link.starts_with(&format!("HTTP://{bind}/J/")), "{link}");
    tui.wait_for("zaal: 0 telefoons");

    let driver = Driver::start(&chromedriver);
    let b = driver.browser(&chromium, &home.path().join("profile"));
    join(&b, &link, Some("Anna"), Some("gemeente"));
    let anna = b.tab();
    b.new_tab();
    join(&b, &link, None, None);
    let bram = b.tab();
    b.new_tab();
    join(&b, &link, Some("Chris"), None);
    let chris = b.tab();
    tui.wait_for("zaal: 3 telefoons");

    // Three cards: each waits in the inbox, never on the board before it is accepted.
    b.switch(&anna);
    send_card(&b, "hindert", "Wisselende ambtenaren");
    b.switch(&bram);
    send_card(&b, "helpt", "Korte lijnen");
    b.switch(&chris);
    send_card(&b, "helpt", "Reclame voor mijn bedrijf");
    tui.wait_for("inbox 3");
    tui.send("Z");
    tui.wait_for("Een open houding");
    let board = tui.screen();
    for card in ["Wisselende ambtenaren", "Korte lijnen", "Reclame"] {
        assert!(
            !board.contains(card),
            "{card} before it was accepted:\n{board}"
        );
    }
    // The inbox: accept Anna's, edit Bram's then accept, reject Chris's.
    tui.send("I");
    tui.wait_for("Inbox · 3 wachten");
    tui.wait_for("Anna · Wat hindert");
    tui.send("a");
    tui.wait_for("Inbox · 2 wachten");
    tui.send("e");
    tui.wait_for("Kaart van een telefoon: bewerken");
    tui.type_text(" met de wijk");
    tui.send(key::ENTER);
    tui.wait_for("Inbox · 1 wachten");
    tui.send("x");
    tui.wait_for("Niets te doen");
    tui.esc();
    tui.wait_for("Wisselende ambtenaren");
    tui.wait_for("Korte lijnen met de wijk");
    assert!(!tui.screen().contains("Reclame"));
    b.switch(&anna);
    b.wait_text("op het bord");

    // A secret vote: the phones place their dots, the screen shows none until the reveal.
    tui.send("n");
    tui.wait_for("Stap 2/3");
    for (tab, cards) in [
        (
            &anna,
            vec!["Wisselende ambtenaren", "Wisselende ambtenaren"],
        ),
        (&bram, vec!["Korte lijnen met de wijk"]),
        (&chris, vec!["Wisselende ambtenaren"]),
    ] {
        b.switch(tab);
        b.wait_text("stippen");
        for card in cards {
            let left = b.text();
            dot(&b, card);
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while b.text() == left && std::time::Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
    b.switch(&anna);
    b.wait_text("Je hebt nog 1 van 3 stippen.");
    assert!(
        !b.text().contains("Uitslag"),
        "no results before the reveal"
    );
    tui.send("r");
    tui.wait_until("the results", |s| {
        s.lines()
            .any(|l| l.contains("Wisselende ambtenaren") && l.contains('3'))
    });
    b.wait_text("Uitslag");

    // Anna endorses the accord from her phone.
    tui.send("n");
    tui.wait_for("Stap 3/3");
    b.wait_text("Ik onderschrijf dit");
    b.click("button.endorse:not([disabled])");
    b.wait_for(r#"button.endorse[aria-pressed="true"]"#);
    tui.wait_for("Anna");
    let endorsed = tui.screen();
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0, "quit cleanly:\n{endorsed}");
    b.wait_text("De zaal is gesloten");
    drop(b);
    drop(driver);

    // Reopened: everything is there.
    let (path, saved) = crate::common::only_session(home.path());
    let path_arg = path.display().to_string();
    let mut again = Tui::start(&["open", &path_arg], home.path(), 120, 35);
    again.wait_for("Stap 3/3");
    again.send("p");
    again.wait_for("Wisselende ambtenaren");
    again.send("P");
    again.wait_for("Telefoons in de zaal (3)");
    again.wait_for("Anna · Gemeente");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);

    // Each phone's change carries its origin (a device number, nothing else); the
    // facilitator's carry none.
    let joined = of(&saved, "device_joined");
    assert_eq!(joined.len(), 3);
    for (i, e) in joined.iter().enumerate() {
        assert_eq!(e["origin"]["device"], json!(i + 1));
        let origin = e["origin"].as_object().unwrap();
        assert_eq!(origin.keys().collect::<Vec<_>>(), ["device", "key"]);
    }
    let proposed = of(&saved, "card_proposed");
    let by: Vec<(u64, &str)> = proposed
        .iter()
        .map(|e| {
            (
                e["origin"]["device"].as_u64().unwrap(),
                e["change"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            (1, "Wisselende ambtenaren"),
            (2, "Korte lijnen"),
            (3, "Reclame voor mijn bedrijf")
        ]
    );
    let accepted = of(&saved, "proposal_accepted");
    assert_eq!(accepted.len(), 2);
    assert!(accepted.iter().all(|e| e.get("origin").is_none()));
    assert_eq!(accepted[1]["change"]["text"], "Korte lijnen met de wijk");
    assert_eq!(of(&saved, "proposal_rejected").len(), 1);
    let dots = of(&saved, "dot_added");
    assert_eq!(dots.len(), 4);
    assert!(dots.iter().all(|e| e["origin"]["device"].is_u64()));
    let endorsements = of(&saved, "endorsement_set");
    assert_eq!(endorsements[0]["origin"]["device"], 1);
    assert_eq!(endorsements[0]["change"]["endorser"], "d1");

    // Replay shows it in order: before the first acceptance no card of a phone is on the
    // board, right after it Anna's is; the results only after the reveal.
    let index = |kind: &str| {
        events(&saved)
            .iter()
            .position(|e| e["change"]["type"] == kind)
            .unwrap()
    };
    let at = |n: usize| {
        let (code, out, err) = run(
            &["replay", &path_arg, "--at", &n.to_string(), "--print"],
            home.path(),
        );
        assert_eq!(code, 0, "{err}");
        out
    };
    let first_accept = index("proposal_accepted");
    assert!(!at(first_accept).contains("Wisselende ambtenaren"));
    assert!(at(first_accept + 1).contains("Wisselende ambtenaren"));
    let reveal = index("vote_revealed");
    let end = at(events(&saved).len());
    assert!(end.contains("Korte lijnen met de wijk"), "{end}");
    assert!(!end.contains("Reclame"), "{end}");
    assert!(at(reveal).contains("(results not shown yet)"));
    let revealed = at(reveal + 1);
    assert!(!revealed.contains("(results not shown yet)"), "{revealed}");
    assert!(revealed.contains("3  Wisselende ambtenaren"), "{revealed}");
    assert!(!revealed.contains("Anna"), "not endorsed yet at the reveal");
    assert!(end.contains("Anna"), "the endorsement, named:\n{end}");
}

#[test]
fn bind_is_checked_where_it_is_typed() {
    let home = home();
    let (code, _, err) = run(
        &["new", "succesfactoren", "--bind", "laptop\u{1b}[2J:80"],
        home.path(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("is not an address; write e.g. 192.168.1.20 or 192.168.1.20:8421"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "no escape reaches the terminal: {err:?}"
    );
    let (code, _, err) = run(
        &["open", "x.json", "--read-only", "--bind", "127.0.0.1"],
        home.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--bind"), "{err}");
}
