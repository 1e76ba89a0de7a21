//! End to end: the four built-in scenarios of the grid, the consent round and the poll, each
//! run in the real binary as a facilitator would at 80x24 (lean coffee in English at
//! 120x35): items placed on the grid, a consent round through its rounds with an objection
//! that an amendment resolves, a poll counted and revealed; then quit, reopen with
//! `samenspel open`, and check the screen and the saved file.

use crate::common::{Tui, home, key, only_session};
use samenspel::core::StepState;
use samenspel::core::consent::Stance;

/// Adds a card to the selected lane and waits until it shows.
fn card(app: &mut Tui, text: &str) {
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text(text);
    app.send(key::ENTER);
    let start: Vec<&str> = text.split_whitespace().take(2).collect();
    app.wait_for(&start.join(" "));
}

/// Adds participants (present, each of party `1`) through the participants panel.
fn people(app: &mut Tui, names: &[&str]) {
    app.send("P");
    app.wait_for("Deelnemers");
    for name in names {
        app.send("a");
        app.type_text(name);
        app.send(key::ENTER);
        app.type_text("Gemeente Zwolle");
        app.send(key::ENTER);
        app.send("1");
        app.wait_for(&format!("{name} · Gemeente Zwolle"));
    }
    app.esc();
}

/// Places the selected grid item at `x`,`y` and waits for its line.
fn place(app: &mut Tui, x: u8, y: u8, quadrant: &str) {
    app.send(&format!("{x}{y}"));
    app.wait_for(&format!("· {x},{y} · {quadrant}"));
}

/// Quits, checks the exit code, and reads the session back as the store folds it.
fn quit_and_load(
    app: &mut Tui,
    home: &std::path::Path,
) -> (std::path::PathBuf, samenspel::core::Live) {
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (path, _) = only_session(home);
    let live = samenspel::store::load_session(&path).unwrap();
    (path, live)
}

#[test]
fn krachtenveld_places_the_parties_and_an_added_one_and_keeps_them_on_reopening() {
    let home = home();
    let mut app = Tui::start(
        &["new", "krachtenveld", "--title", "CoP Zwolle 4"],
        home.path(),
        80,
        24,
    );
    app.wait_for("Stap 1/2");
    app.wait_for("Nog te plaatsen:");
    app.wait_for("▶ Gemeente · nog niet geplaatst");
    place(&mut app, 4, 4, "Nauw betrekken");
    app.send(key::TAB);
    place(&mut app, 1, 3, "Tevreden houden");
    app.send(key::TAB);
    place(&mut app, 4, 1, "Goed informeren");
    // An arrow moves it one place up: still in the same quadrant.
    app.send(key::UP);
    app.wait_for("· 4,2 · Goed informeren");
    // A party that was not on the list, typed on the spot.
    app.send("a");
    app.type_text("Provincie Overijssel");
    app.send(key::ENTER);
    app.send("0");
    app.wait_for("▶ Provincie Overijssel · nog niet geplaatst");
    place(&mut app, 2, 2, "In de gaten houden");
    app.send("A");
    app.wait_for("Overzicht per kwadrant");
    app.wait_for("Nauw betrekken (1)");
    app.wait_for("In de gaten houden (1)");
    app.send("A");
    app.wait_gone("Overzicht per kwadrant");
    // Who is missing, on the board of the next step.
    app.send("n");
    app.wait_for("Stap 2/2");
    card(&mut app, "De scholen in de wijk");
    let (path, live) = quit_and_load(&mut app, home.path());

    let StepState::Grid(grid) = &live.state.steps[0] else {
        panic!("a grid first");
    };
    assert_eq!(grid.places.len(), 4, "{:?}", grid.places);
    assert_eq!(grid.typed.len(), 1);
    assert_eq!(grid.typed[0].label, "Provincie Overijssel");
    let points: Vec<(u8, u8)> = grid.places.values().map(|p| (p.x, p.y)).collect();
    for p in [(4, 4), (1, 3), (4, 2), (2, 2)] {
        assert!(points.contains(&p), "{p:?} not in {points:?}");
    }

    // Reopened where it was left; the grid as it was.
    let mut app = Tui::start(&["open", path.to_str().unwrap()], home.path(), 80, 24);
    app.wait_for("Stap 2/2");
    app.wait_for("De scholen in de wijk");
    app.send("p");
    app.wait_for("Stap 1/2");
    // On the field by name, or in the list beside it (cut to fit) when names would overlap.
    app.wait_for("Provincie Over");
    app.send("A");
    app.wait_for("Goed informeren (1)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn consent_besluit_resolves_an_objection_by_amending_and_decides_only_then() {
    let home = home();
    let mut app = Tui::start(
        &["new", "consent-besluit", "--title", "ALV energiecoöperatie"],
        home.path(),
        80,
        24,
    );
    app.wait_for("Stap 1/3");
    card(&mut app, "Een projectteam voor de hele wijk");
    app.send("n");
    app.wait_for("Stap 2/3");
    app.wait_for("▶ 1 Vragen");
    people(&mut app, &["Anna de Vries", "Bert Jansen", "Carla Yılmaz"]);
    app.wait_for("▶ Anna de Vries: –");
    app.send("w");
    app.wait_for("Enter bewaart");
    app.type_text("We vormen een projectteam dat elke maand bijeenkomt.");
    app.send(key::ENTER);
    app.wait_for("│ We vormen een projectteam dat elke maand bijeenkomt.");
    // A clarifying question, then the reactions and objections rounds.
    app.send(key::ENTER);
    app.type_text("Wie zit het team voor?");
    app.send(key::ENTER);
    app.wait_for("Anna de Vries: Wie zit het team voor?");
    app.send(key::RIGHT);
    app.wait_for("▶ 2 Reacties");
    app.send(key::RIGHT);
    app.wait_for("▶ 3 Bezwaren");
    app.send(key::UP);
    app.send(key::UP);
    app.send("1");
    app.wait_for("Anna de Vries: instemming");
    app.wait_for("▶ Bert Jansen");
    app.send("3");
    app.wait_for("Welk bezwaar, en waarom?");
    app.type_text("Elke maand is te vaak voor vrijwilligers");
    app.send(key::ENTER);
    app.wait_for("Bert Jansen: bezwaar: Elke maand is te vaak");
    // No decision while the objection is open.
    app.send("b");
    app.wait_for("nog 1 bezwaar open");
    // The amendment resolves it.
    app.send("w");
    app.wait_for("Enter");
    app.send("\x1b[F");
    app.type_text(" Vrijwilligers sluiten om de maand aan.");
    app.send(key::ENTER);
    app.wait_for("lost dit een bezwaar op?");
    app.send("1");
    app.wait_for("(opgelost)");
    app.wait_for("Voorstel · 1× gewijzigd");
    app.send(key::RIGHT);
    app.wait_for("▶ 4 Instemming");
    for _ in 0..3 {
        app.send(key::UP);
    }
    app.send("1");
    app.send("1");
    app.send("1");
    app.wait_for("3 instemming");
    app.send("b");
    app.wait_for("Besluit genomen");
    let (path, live) = quit_and_load(&mut app, home.path());

    let StepState::Consent(round) = &live.state.steps[1] else {
        panic!("a consent round second");
    };
    assert!(round.decided);
    assert!(
        round
            .proposal
            .ends_with("Vrijwilligers sluiten om de maand aan.")
    );
    // The first writing and the amendment, which resolved Bert's objection.
    assert_eq!(round.amendments.len(), 2);
    assert_eq!(round.amendments[1].resolves.len(), 1);
    assert_eq!(round.positions.len(), 3);
    assert!(
        round
            .positions
            .values()
            .all(|p| p.stance == Stance::Consent)
    );
    assert_eq!(round.open_objections().count(), 0);

    let mut app = Tui::start(&["open", path.to_str().unwrap()], home.path(), 80, 24);
    app.wait_for("Stap 2/3");
    app.wait_for("Besluit genomen");
    app.wait_for("Vrijwilligers sluiten");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn samenwerkingsvorm_runs_board_grid_of_parties_consent_and_commitments() {
    let home = home();
    let mut app = Tui::start(
        &[
            "new",
            "samenwerkingsvorm",
            "--title",
            "Wijkaanpak Aa-landen",
        ],
        home.path(),
        80,
        24,
    );
    app.wait_for("Stap 1/4");
    card(&mut app, "Kennis van de buurt");
    app.send(key::RIGHT);
    card(&mut app, "Een vast aanspreekpunt");
    app.send("n");
    app.wait_for("Stap 2/4");
    // The scenario's parties are the grid's items.
    app.wait_for("▶ Gemeente · nog niet geplaatst");
    place(&mut app, 4, 4, "Nauw betrekken");
    app.send(key::TAB);
    place(&mut app, 3, 2, "Goed informeren");
    app.send("n");
    app.wait_for("Stap 3/4");
    // The proposal of the scenario; the parties take their positions in turn.
    app.wait_for("We vormen een projectteam");
    app.wait_for("▶ Gemeente: –");
    app.send(key::RIGHT);
    app.send(key::RIGHT);
    app.wait_for("▶ 3 Bezwaren");
    app.send(key::RIGHT);
    app.wait_for("▶ 4 Instemming");
    for _ in 0..6 {
        app.send("1");
    }
    app.wait_for("6 instemming");
    app.send("b");
    app.wait_for("Besluit genomen");
    app.send("n");
    app.wait_for("Stap 4/4");
    app.send("a");
    app.type_text("Intentieovereenkomst opstellen");
    app.send(key::ENTER);
    app.type_text("gemeente");
    app.send(key::ENTER);
    app.type_text("1 maart");
    app.send(key::ENTER);
    app.wait_for("Intentieovereenkomst opstellen");
    let (path, live) = quit_and_load(&mut app, home.path());

    let StepState::Grid(grid) = &live.state.steps[1] else {
        panic!("a grid second");
    };
    assert_eq!(grid.places.len(), 2);
    let StepState::Consent(round) = &live.state.steps[2] else {
        panic!("a consent round third");
    };
    assert!(round.decided);
    assert_eq!(round.positions.len(), 6);
    assert!(
        round.amendments.is_empty(),
        "the scenario's proposal, unchanged"
    );
    let StepState::Agreement(agreement) = &live.state.steps[3] else {
        panic!("commitments last");
    };
    // The scenario's own commitment (the draft letter of intent) and the one typed.
    assert_eq!(agreement.commitments.len(), 2);
    assert!(
        agreement
            .commitments
            .iter()
            .any(|c| c.what == "Intentieovereenkomst opstellen")
    );

    let mut app = Tui::start(&["open", path.to_str().unwrap()], home.path(), 80, 24);
    app.wait_for("Stap 4/4");
    app.wait_for("Intentieovereenkomst opstellen");
    app.send("p");
    app.wait_for("Besluit genomen");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn lean_coffee_in_english_votes_brings_the_topics_over_in_order_and_polls_anonymously() {
    let home = home();
    let mut app = Tui::start(
        &[
            "--lang",
            "en",
            "new",
            "lean-coffee",
            "--title",
            "CoP Zwolle 4",
        ],
        home.path(),
        120,
        35,
    );
    app.wait_for("Step 1/4");
    for topic in [
        "Heat pumps in old houses",
        "Who pays the grid",
        "Resident evenings",
    ] {
        app.send("a");
        app.wait_for("New card");
        app.type_text(topic);
        app.send(key::ENTER);
        app.wait_for(topic);
    }
    app.send("n");
    app.wait_for("Step 2/4");
    app.send("v");
    app.type_text("3");
    app.send(key::ENTER);
    app.wait_for("3 voters × 2 dots");
    app.send(key::DOWN);
    app.send("+++");
    app.send(key::DOWN);
    app.send("++");
    app.send(key::UP);
    app.send(key::UP);
    app.send("+");
    app.wait_for("All 6 dots are placed");
    app.send("r");
    app.wait_for("3  Who pays the grid");
    app.send("n");
    app.wait_for("Step 3/4");
    // The topics come over in the order of the vote.
    app.send("i");
    app.wait_for("3 cards");
    let screen = app.screen();
    let at = |t: &str| {
        screen
            .find(t)
            .unwrap_or_else(|| panic!("{t} not on:\n{screen}"))
    };
    assert!(at("Who pays the grid") < at("Resident evenings"));
    assert!(at("Resident evenings") < at("Heat pumps in old houses"));
    app.send("n");
    app.wait_for("Step 4/4");
    app.wait_for("0 answers · hidden (r shows)");
    app.send("1121");
    app.wait_for("4 answers · hidden");
    app.send("r");
    app.wait_for("yes 3, no 1, don't know 0 · 4 answers");
    let (path, live) = quit_and_load(&mut app, home.path());

    let StepState::Poll(poll) = &live.state.steps[3] else {
        panic!("a poll last");
    };
    // Only the counts: nobody's answer.
    assert!(poll.answers.is_empty(), "{:?}", poll.answers);
    let counts = &poll.counts["doorgaan"];
    assert_eq!(counts.get(&1), Some(&3));
    assert_eq!(counts.get(&2), Some(&1));
    assert!(poll.revealed.contains("doorgaan"));
    let bytes = std::fs::read_to_string(&path).unwrap();
    assert!(
        !bytes.contains("\"respondent\""),
        "a respondent in the file"
    );

    let mut app = Tui::start(
        &["--lang", "en", "open", path.to_str().unwrap()],
        home.path(),
        120,
        35,
    );
    app.wait_for("Step 4/4");
    app.wait_for("yes 3, no 1, don't know 0 · 4 answers");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}
