//! End to end: De Zwolse Komedie run from start to finish as a facilitator would, in the real
//! binary: cards in every act, a theme, a party tag, an undo, Act 4's agreement with
//! endorsements and a commitment; then quit, reopen with `samenspel open`, and check the
//! screen and the file.

use crate::common::{Tui, home, key, only_session};
use samenspel::core::StepState;

/// Adds a card to the selected lane and waits until it shows.
fn card(app: &mut Tui, text: &str) {
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text(text);
    app.send(key::ENTER);
    // Long cards wrap: their first words are enough.
    let start: Vec<&str> = text.split_whitespace().take(3).collect();
    app.wait_for(&format!("▶• {}", start.join(" ")));
}

#[test]
fn the_whole_komedie_with_theme_tag_undo_and_endorsed_agreements_survives_reopening() {
    let home = home();
    let mut app = Tui::start(
        &["new", "zwolse-komedie", "--title", "CoP Zwolle 4"],
        home.path(),
        100,
        30,
    );
    app.wait_for("Akte 1/4");

    // Act 1: prejudices both ways; two of them grouped into a theme.
    card(&mut app, "Ze hebben geen idee hoe lang een besluit duurt");
    card(&mut app, "Ze willen alles zelf bepalen");
    app.send(" ");
    app.send(key::UP);
    app.send(" ");
    app.wait_for("▶✓ Ze hebben geen idee");
    app.send("g");
    app.wait_for("Naam van het thema");
    app.type_text("Tempo en regie");
    app.send(key::ENTER);
    app.wait_for("▌Tempo en regie (2)");
    // The other lane, with the party that said it.
    app.send(key::RIGHT);
    card(&mut app, "Het loket is een doolhof");
    app.send("o");
    app.wait_for("Wie zei het?");
    app.send("2");
    app.wait_for("[INI] Het loket is een doolhof");

    // Act 2 and Act 3: a card in each lane; a wrong card undone with u.
    app.send("n");
    app.wait_for("Akte 2/4");
    card(&mut app, "Kennis van de buurt");
    app.send(key::RIGHT);
    card(&mut app, "Geld en mandaat");
    app.send("n");
    app.wait_for("Akte 3/4");
    card(&mut app, "Sneller antwoorden op vragen");
    app.send(key::RIGHT);
    card(&mut app, "Een vast aanspreekpunt");
    card(&mut app, "Verkeerde kaart");
    app.send("u");
    app.wait_for("ongedaan gemaakt");
    app.wait_gone("Verkeerde kaart");

    // Act 4: both parties endorse the statement; one commitment.
    app.send("n");
    app.wait_for("Akte 4/4");
    app.wait_for("onderschreven door 0 van 2");
    app.send(" ");
    app.wait_for("Wie onderschrijft dit?");
    app.send(" ");
    app.wait_for("▶ [x] Gemeente");
    app.send(key::DOWN);
    app.send(" ");
    app.wait_for("▶ [x] Bewonersinitiatief");
    app.send(key::ENTER);
    app.wait_gone("Wie onderschrijft dit?");
    app.wait_for("onderschreven door 2 van 2");
    app.wait_for("Gemeente, Bewonersinitiatief");
    app.send("a");
    app.wait_for("Nieuwe afspraak 1/3");
    app.type_text("Elk kwartaal samen terugkijken");
    app.send(key::ENTER);
    app.wait_for("Nieuwe afspraak 2/3");
    app.type_text("initiatief");
    app.send(key::ENTER);
    app.wait_for("Nieuwe afspraak 3/3");
    app.type_text("na de zomer");
    app.send(key::ENTER);
    app.wait_for("wie: Bewonersinitiatief · wanneer: “na de zomer”");
    // Act 1: 3 cards, a theme, a tag; act 2: 2 cards; act 3: 3 cards and an undo; act 4:
    // 2 endorsements and a commitment; and 3 steps opened.
    app.wait_for("opgeslagen (17)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    // The file: every change in order, and the state it folds into.
    let (path, file) = only_session(home.path());
    assert_eq!(file["title"], "CoP Zwolle 4");
    let types: Vec<&str> = file["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["change"]["type"].as_str())
        .collect();
    assert_eq!(types.iter().filter(|t| **t == "undo").count(), 1);
    assert_eq!(types.iter().filter(|t| **t == "endorsement_set").count(), 2);
    let live = samenspel::store::load_session(&path).expect("the file opens");
    let state = &live.state;
    let texts = |step: usize, lane: usize| -> Vec<String> {
        state
            .board(step)
            .map(|b| b.lanes[lane].cards.iter().map(|c| c.text.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        texts(0, 0),
        [
            "Ze hebben geen idee hoe lang een besluit duurt",
            "Ze willen alles zelf bepalen"
        ]
    );
    assert_eq!(texts(1, 1), ["Geld en mandaat"]);
    assert_eq!(
        texts(2, 1),
        ["Een vast aanspreekpunt"],
        "the undone card is gone"
    );
    let act1 = state.board(0).expect("act 1 is a board");
    assert!(
        act1.lanes[0]
            .cards
            .iter()
            .all(|c| c.theme.as_deref() == Some("Tempo en regie"))
    );
    assert_eq!(act1.lanes[1].cards[0].party.as_deref(), Some("initiatief"));
    let Some(StepState::Agreement(act4)) = state.steps.get(3) else {
        panic!("act 4 is an agreement");
    };
    let endorsers: Vec<String> = act4.endorsements["statement"]
        .iter()
        .map(|e| e.key().into_owned())
        .collect();
    assert_eq!(endorsers, ["gemeente", "initiatief"]);
    assert_eq!(act4.commitments.len(), 1);
    // "initiatief" typed as who is the party: an owner, not free text.
    assert_eq!(
        act4.commitments[0].owners,
        [samenspel::core::state::Owner::Party("initiatief".into())]
    );
    assert_eq!(act4.commitments[0].who, "");

    // Reopened: Act 4 as it was left, and every act still holds what was said.
    let mut again = Tui::start(&["open", path.to_str().unwrap()], home.path(), 100, 30);
    again.wait_for("Akte 4/4");
    again.wait_for("onderschreven door 2 van 2");
    again.wait_for("1. Elk kwartaal samen terugkijken");
    again.send("p");
    again.wait_for("Akte 3/4");
    again.wait_for("Een vast aanspreekpunt");
    assert!(!again.screen().contains("Verkeerde kaart"));
    again.send("pp");
    again.wait_for("Akte 1/4");
    again.wait_for("▌Tempo en regie (2)");
    again.wait_for("[INI] Het loket is een doolhof");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}
