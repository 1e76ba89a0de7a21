//! A meeting's actions typed in the real app in a pseudo-terminal (a card that becomes an
//! action, owners and dates typed, an impossible date refused, a card parked), then the
//! handout of that session: one A4 page with every action and the parking lot.

use std::process::Command;

use crate::common::{Tui, home, key, only_session, run};

#[test]
fn actions_typed_in_the_app_are_on_the_one_page_handout() {
    let home = home();
    let mut app = Tui::start(
        &["new", "zwolse-komedie", "--title", "CoP Zwolle 5"],
        home.path(),
        100,
        30,
    );
    app.wait_for("Akte 1/4");
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text("De begroting van volgend jaar");
    app.send(key::ENTER);
    app.wait_for("▶• De begroting");
    app.send("v");
    app.wait_gone("De begroting");
    app.send("n");
    app.send("n");
    app.wait_for("Akte 3/4");
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text("Een vast aanspreekpunt per wijk");
    app.send(key::ENTER);
    app.wait_for("▶• Een vast aanspreekpunt");
    app.send("A");
    app.wait_for("Een vast aanspreekpunt per wijk → afspraak");
    app.send("n");
    app.wait_for("Akte 4/4");
    let commitment = |app: &mut Tui, what: &str, who: &str, when: &str| {
        app.send("a");
        app.wait_for("Nieuwe afspraak 1/3");
        app.type_text(what);
        app.send(key::ENTER);
        app.wait_for("Nieuwe afspraak 2/3");
        app.type_text(who);
        app.send(key::ENTER);
        app.wait_for("Nieuwe afspraak 3/3");
        app.type_text(when);
        app.send(key::ENTER);
    };
    commitment(
        &mut app,
        "Maandelijks spreekuur",
        "gemeente, de wethouder",
        "over 2 weken",
    );
    app.wait_for("2. Maandelijks spreekuur");
    commitment(&mut app, "Verslag naar de raad", "initiatief", "31-2");
    app.wait_for("31 februari bestaat niet");
    commitment(
        &mut app,
        "Verslag naar de raad",
        "initiatief",
        "voor de zomer",
    );
    app.wait_for("3. Verslag naar de raad");
    app.send("q");
    app.wait_exit();

    let (session, _) = only_session(home.path());
    let (code, out, err) = run(
        &["export", session.to_str().unwrap(), "--format", "pdf"],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    let pdf = home.path().join(out.trim());
    let info = match Command::new("pdfinfo").arg(&pdf).output() {
        Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
        Err(_) => return eprintln!("SKIPPED handout of a typed meeting: pdfinfo is not installed"),
    };
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("(A4)"), "{info}");
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "CoP Zwolle 5",
        "Maandelijks spreekuur",
        "Gemeente, de",
        "wethouder",
        "Verslag naar de raad",
        "“voor de zomer”",
        "Een vast aanspreekpunt per wijk",
        "Parkeerplaats",
        "De begroting van volgend jaar",
    ] {
        assert!(
            flat.contains(needle),
            "{needle:?} not in the handout:\n{text}"
        );
    }
    // The date, as the handout writes it: two weeks after the meeting's day.
    let live = samenspel::store::load_session(&session).unwrap();
    let day = samenspel::store::zone::meeting_day(&live.session);
    let due = day.checked_add(jiff::Span::new().days(14)).unwrap();
    let shown = samenspel::core::dates::format(due, samenspel::core::Lang::Nl);
    assert!(flat.contains(&shown), "{shown} not in the handout");
    assert!(!flat.contains("31-2"), "the refused date was never saved");
}

#[test]
fn a_wall_of_pasted_text_is_cut_not_fatal_in_every_new_format() {
    let home = home();
    let path = home.path().join("muur.json");
    let (code, _, err) = run(
        &[
            "dev",
            "generate",
            "--scenario",
            "stakeholder-doelen",
            "--events",
            "150",
            "-o",
            path.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    let mut session: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let events = session["events"].as_array_mut().unwrap();
    let card = events
        .iter_mut()
        .find(|e| e["change"]["type"] == "card_added")
        .unwrap();
    card["change"]["text"] = serde_json::json!("x".repeat(100_000));
    let action = events
        .iter_mut()
        .find(|e| e["change"]["type"] == "commitment_added")
        .unwrap();
    action["change"]["commitment"]["what"] = serde_json::json!("heel lang ".repeat(10_000));
    std::fs::write(&path, serde_json::to_vec(&session).unwrap()).unwrap();
    for args in [
        &["--format", "pdf", "-o", "muur.pdf"][..],
        &["--format", "pdf", "--full", "-o", "muur-vol.pdf"],
        &["--format", "xlsx", "-o", "muur.xlsx"],
        &["--format", "ics", "-o", "muur.ics"],
        &["--format", "svg", "-o", "beelden"],
    ] {
        let mut all = vec!["export", path.to_str().unwrap()];
        all.extend_from_slice(args);
        let (code, _, err) = run(&all, home.path());
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let info = Command::new("pdfinfo")
        .arg(home.path().join("muur.pdf"))
        .output();
    if let Ok(info) = info {
        let info = String::from_utf8_lossy(&info.stdout);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|p| p.trim().parse().ok())
            .unwrap();
        assert!(pages <= 3, "a cut action, not a book: {pages} pages");
    }
}
