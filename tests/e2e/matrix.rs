//! End to end: the stakeholder-goal matrix in a real terminal. Goals per party on the board,
//! ratings in the matrix, the analysis on screen, and the same analysis folded from the file.

use crate::common::{Tui, home, key, only_session, run};
use samenspel::core::Lang;
use samenspel::core::analysis::{Analysis, of_step};

/// Adds a card to the lane on screen and waits until it shows.
fn add_goal(app: &mut Tui, text: &str) {
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text(text);
    app.send(key::ENTER);
    app.wait_for(text);
}

#[test]
fn goals_of_four_parties_rated_and_the_analysis_on_screen_matches_the_file() {
    let home = home();
    let mut app = Tui::start(&["new", "stakeholder-doelen"], home.path(), 200, 50);
    app.wait_for("Stap 1/4");

    // One more goal per party, each in its party's lane.
    add_goal(&mut app, "Betaalbare huur");
    app.send(key::RIGHT);
    add_goal(&mut app, "Wijkaanpak in de begroting");
    app.send(key::RIGHT);
    add_goal(&mut app, "Warmtenet op tijd klaar");
    app.send(key::RIGHT);
    add_goal(&mut app, "Lokaal eigendom");

    app.send("n");
    app.wait_for("Stap 2/4");
    app.wait_for("rij 1/19");
    app.wait_for("[WOCO] Betaalbare huur");
    app.wait_for("[COOP] Lokaal eigendom");

    // Rows in board order; a digit moves on to the next cell (and at the end of a row to
    // the next row), so a whole table is typed in one go. "." leaves a cell empty (→).
    let table = [
        ["2", ".", ".", "."],  // 70% instemming: only the housing corporation
        ["2", "2", "1", "2"],  // Tevreden huurders
        ["2", "1", "-2", "1"], // Lage aansluitkosten: +2 against -2
        ["1", "1", "0", "2"],  // Huurders vooruit
        ["2", ".", ".", "-1"], // Betaalbare huur
        ["2", "2", "2", "2"],  // Tevreden bewoners
        ["0", "2", "2", "-1"], // Duurzaamheidsdoelen
    ];
    for row in table {
        for v in row {
            if v == "." {
                app.send(key::RIGHT);
            } else {
                app.send(v);
            }
        }
    }
    app.wait_for("rij 8/19");
    // 4 cards, the step, 24 cell changes (`-` `2` is two: -1, then -2; `-` `1` is one).
    app.wait_for("opgeslagen (29)");

    app.send("A");
    app.wait_for("1. Tevreden bewoners [GEM]");
    let screen = app.screen();
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let (path, _) = only_session(home.path());
    let live = samenspel::store::load_session(&path).expect("the session loads");
    let Some(Analysis::Goals(goals)) = of_step(&live.state, 1, Lang::Nl) else {
        panic!("the matrix has a goals analysis");
    };
    let short = |party: Option<&str>| match party {
        Some("woningcorporatie") => "WOCO",
        Some("gemeente") => "GEM",
        Some("warmtebedrijf") => "WARMTE",
        Some("energiecooperatie") => "COOP",
        other => panic!("unexpected party {other:?}"),
    };

    let shared: Vec<&str> = goals
        .shared_ground
        .iter()
        .map(|s| s.row.label.as_str())
        .collect();
    assert_eq!(
        shared,
        vec![
            "Tevreden bewoners",
            "Tevreden huurders",
            "Huurders gaan erop vooruit"
        ]
    );
    for (i, s) in goals.shared_ground.iter().enumerate() {
        let line = format!(
            "{}. {} [{}]",
            i + 1,
            s.row.label,
            short(s.row.party.as_deref())
        );
        assert!(screen.contains(&line), "{line:?} not on screen:\n{screen}");
    }

    let tension: Vec<(&str, i32)> = goals
        .tension
        .iter()
        .map(|t| (t.row.label.as_str(), t.spread))
        .collect();
    assert_eq!(
        tension,
        vec![
            ("Lage aansluitkosten", 4),
            ("Betaalbare huur", 3),
            ("Duurzaamheidsdoelen halen", 3),
        ]
    );
    for (i, t) in goals.tension.iter().enumerate() {
        let line = format!(
            "{}. {} [{}]",
            i + 1,
            t.row.label,
            short(t.row.party.as_deref())
        );
        assert!(screen.contains(&line), "{line:?} not on screen:\n{screen}");
        for (arrow, end) in [("▲", &t.high), ("▼", &t.low)] {
            let names: Vec<&str> = end.columns.iter().map(|c| c.label.as_str()).collect();
            let end_line = format!("{arrow}  {}  {}", end.value.text, names.join(", "));
            assert!(
                screen.contains(&end_line),
                "{end_line:?} not on screen:\n{screen}"
            );
        }
    }
    let top = &goals.tension[0];
    assert_eq!(top.high.columns[0].label, "Woningcorporatie");
    assert_eq!(top.low.columns[0].label, "Warmtebedrijf");

    assert_eq!(
        goals
            .own_party_only
            .iter()
            .map(|r| r.label.as_str())
            .collect::<Vec<_>>(),
        vec!["70% van de huurders stemt in"]
    );
    assert!(
        screen.contains("70% van de huurders stemt in [WOCO]"),
        "{screen}"
    );
    assert_eq!(goals.not_rated.len(), 19 - 7);
    assert_eq!((goals.cells_rated, goals.cells_total), (23, 76));
    assert!(screen.contains("23 van 76 cellen ingevuld"), "{screen}");

    // Replayed, the analysis is that of the moment: after the first two rows (10 changes)
    // there is shared ground and no tension yet; at the end, the tension of the screen.
    let file = path.to_str().expect("path");
    let (code, early, err) = run(
        &["replay", file, "--at", "10", "--print", "--lang", "nl"],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    let shared_then = early.split("Gedeelde grond:").nth(1).unwrap_or_default();
    assert!(
        shared_then.trim_start().starts_with("1. Tevreden huurders"),
        "{early}"
    );
    let tension_then = early.split("Spanning:").nth(1).unwrap_or_default();
    assert!(tension_then.trim_start().starts_with("(geen)"), "{early}");
    let (_, end, _) = run(&["replay", file, "--print", "--lang", "nl"], home.path());
    let tension_now = end.split("Spanning:").nth(1).unwrap_or_default();
    assert!(
        tension_now.trim_start().starts_with(
            "1. Lage aansluitkosten: +2 Woningcorporatie <> -2 Warmtebedrijf (verschil 4)"
        ),
        "{end}"
    );
}
