//! End to end: the success-factors session (board -> vote -> agreement) as a facilitator runs
//! it in the real binary: participants, a card, dots, the reveal, a commitment, reopened.

use crate::common::{Tui, home, key, only_session};

/// The events of a session file whose change has this type.
fn changes<'a>(file: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    file["events"]
        .as_array()
        .map(|events| {
            events
                .iter()
                .map(|e| &e["change"])
                .filter(|c| c["type"] == kind)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn participants_a_vote_and_a_commitment_survive_reopening() {
    let home = home();
    let mut app = Tui::start(&["new", "succesfactoren"], home.path(), 100, 30);
    app.wait_for("Stap 1/3");

    // Two participants with P: a name is optional, the party comes from a list.
    app.send("P");
    app.wait_for("Deelnemers · 0 van 0 aanwezig");
    app.send("a");
    app.wait_for("Nieuwe deelnemer 1/3");
    app.type_text("Anna de Vries");
    app.send(key::ENTER);
    app.wait_for("Nieuwe deelnemer 2/3");
    app.type_text("Gemeente Zwolle");
    app.send(key::ENTER);
    app.wait_for("Nieuwe deelnemer 3/3");
    app.send("1");
    app.wait_for("Anna de Vries · Gemeente Zwolle · Gemeente");
    app.send("a");
    app.wait_for("Nieuwe deelnemer 1/3");
    app.send(key::ENTER);
    app.wait_for("Nieuwe deelnemer 2/3");
    app.type_text("Energiecoöperatie Zwolle");
    app.send(key::ENTER);
    app.wait_for("Nieuwe deelnemer 3/3");
    app.send("5");
    app.wait_for("Deelnemers · 2 van 2 aanwezig");
    app.esc();
    app.wait_gone("Deelnemers ·");

    // A card of the room's own on the board.
    app.send("a");
    app.wait_for("Nieuwe kaart");
    app.type_text("Samen de wijk in");
    app.send(key::ENTER);
    app.wait_for("▶• Samen de wijk in");

    // The vote: the two present vote, three dots each; counts stay hidden.
    app.send("n");
    app.wait_for("Stap 2/3");
    app.wait_for("2 kiezers × 3 stippen (de aanwezige deelnemers; v past aan)");
    app.send("++");
    app.wait_for("nog 4 van 6 stippen");
    for _ in 0..3 {
        app.send(key::DOWN);
    }
    app.wait_for("▶ Samen de wijk in");
    app.send("+");
    app.wait_for("3 stippen geplaatst · uitslag verborgen, r toont");
    let screen = app.screen();
    assert!(
        !screen.contains('█'),
        "no bars before the reveal:\n{screen}"
    );

    app.send("r");
    app.wait_for("Uitslag · 3 stippen · r verbergt");
    let screen = app.screen();
    let open = screen
        .lines()
        .position(|l| l.contains("2  Een open houding"));
    let own = screen
        .lines()
        .position(|l| l.contains("1  Samen de wijk in"));
    assert!(
        open.is_some() && open < own,
        "ranked, with numbers:\n{screen}"
    );

    // A commitment: what, who, by when.
    app.send("n");
    app.wait_for("Stap 3/3");
    app.send("a");
    app.wait_for("Nieuwe afspraak 1/3");
    app.type_text("Elke maand een spreekuur");
    app.send(key::ENTER);
    app.wait_for("Nieuwe afspraak 2/3");
    app.type_text("gemeente");
    app.send(key::ENTER);
    app.wait_for("Nieuwe afspraak 3/3");
    app.type_text("voor de zomer");
    app.send(key::ENTER);
    app.wait_for("wie: Gemeente · wanneer: “voor de zomer”");
    app.wait_for("opgeslagen (10)");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);

    let (path, file) = only_session(home.path());
    let people: Vec<_> = changes(&file, "participant_added")
        .iter()
        .map(|c| {
            let p = &c["participant"];
            (
                p["name"].as_str(),
                p["organisation"].clone(),
                p["party"].clone(),
                p["present"].clone(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            (
                Some("Anna de Vries"),
                "Gemeente Zwolle".into(),
                "gemeente".into(),
                true.into()
            ),
            (
                None,
                "Energiecoöperatie Zwolle".into(),
                "energiecooperatie".into(),
                true.into()
            ),
        ]
    );
    assert_eq!(changes(&file, "dot_added").len(), 3);
    assert_eq!(
        changes(&file, "vote_revealed"),
        [&serde_json::json!({"type": "vote_revealed", "step": "stemmen", "revealed": true})]
    );
    let commitment = &changes(&file, "commitment_added")[0]["commitment"];
    assert_eq!(commitment["what"], "Elke maand een spreekuur");
    // The party typed as who is an owner; nothing is left as free text.
    assert_eq!(
        commitment["owners"],
        serde_json::json!([{"party": "gemeente"}])
    );
    assert_eq!(commitment["who"], "");
    assert_eq!(commitment["when"], "voor de zomer");

    // Reopened: where it was left, with the vote revealed and the participants kept.
    let mut again = Tui::start(&["open", path.to_str().unwrap()], home.path(), 100, 30);
    again.wait_for("Stap 3/3");
    again.wait_for("1. Elke maand een spreekuur");
    again.send("p");
    again.wait_for("Uitslag · 3 stippen · r verbergt");
    again.wait_for("2  Een open houding");
    again.send("P");
    again.wait_for("Deelnemers · 2 van 2 aanwezig");
    again.wait_for("Anna de Vries · Gemeente Zwolle · Gemeente");
    again.esc();
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}
