//! What stumbled in a real meeting, at 80x24 and 120x35: lanes reached by their digit,
//! whole cards in a scrolled lane, a goal that takes its new lane's party, commitments that
//! are endorsed, "all present endorse" in one key and one undo, a vote's count that stays.

use crossterm::event::KeyCode::{Down, End, Home, Left, Right, Up};

use super::room::{Room, hides, lines_with, shows};
use crate::core::{Change, Lang};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

#[test]
fn digits_reach_every_lane_and_arrows_stop_at_the_ends() {
    // Four lanes at 80 columns: one at a time, the others named above it.
    let mut room = Room::new("stakeholder-doelen", Lang::Nl);
    room.keys("3");
    let s = room.screen(80, 24);
    shows(&s, "▶3. Warmtebedrijf");
    shows(&s, "Zo veel mogelijk gebouwen");
    room.keys("4");
    room.key(Right);
    shows(&room.screen(80, 24), "▶4. Energiecoöperatie");
    room.keys("1");
    room.key(Left);
    let s = room.screen(80, 24);
    shows(&s, "▶1. Woningcorporatie");
    // Home and End: the first and the last card of the lane.
    room.key(End);
    shows(&room.screen(80, 24), "▶• [WOCO] Huurders gaan erop vooruit");
    room.key(Home);
    shows(&room.screen(80, 24), "▶• [WOCO] 70% van de huurders");
    // The lane a new card goes into is named while it is typed.
    room.keys("2a");
    for (w, h) in SIZES {
        shows(&room.screen(w, h), "Nieuwe kaart → 2. Gemeente");
    }
}

#[test]
fn a_scrolled_lane_shows_whole_cards_only() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    for i in 0..14 {
        room.keys(&format!(
            "aKaart {i}: een energiecoöperatie die al jaren wacht op een antwoord\n"
        ));
    }
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        // The first line inside the lane is the start of a card, never its tail.
        let first = s
            .lines()
            .skip_while(|l| !l.contains("┌ ▶ Gemeente over initiatieven"))
            .nth(1)
            .unwrap_or_default();
        let inside = first.split('│').nth(1).unwrap_or_default();
        assert!(
            inside.starts_with(" • Kaart") || inside.starts_with("▶• Kaart"),
            "a piece of a card at the top at {w}x{h}:\n{s}"
        );
        shows(&s, "▶• Kaart 13");
        shows(&s, "verborgen ↑");
    }
    // Going up shows whole cards at the bottom too, and says what is below.
    for _ in 0..13 {
        room.key(Up);
    }
    let s = room.screen(80, 24);
    shows(&s, "▶• Kaart 0");
    shows(&s, "verborgen ↓");
    let last_inside = s
        .lines()
        .take_while(|l| !l.contains("└"))
        .last()
        .and_then(|l| l.split('│').nth(1))
        .unwrap_or_default()
        .to_string();
    assert!(
        !last_inside.trim_start().starts_with("al jaren")
            || s.contains("Kaart 0: een energiecoöperatie"),
        "{s}"
    );
}

#[test]
fn a_goal_moved_to_another_partys_lane_takes_that_party_in_one_undoable_change() {
    let mut room = Room::new("stakeholder-doelen", Lang::Nl);
    // "Lage aansluitkosten" is the housing corporation's; the room says it is the
    // municipality's too: > moves it, and its label follows the lane.
    room.key(Down);
    room.key(Down);
    room.keys(">");
    // The status line says the party changed with the move, and how to take it back.
    shows(
        &room.screen(120, 35),
        "kaart naar 2. Gemeente, nu van Gemeente (u maakt ongedaan)",
    );
    room.keys("2");
    room.key(End);
    let s = room.screen(80, 24);
    shows(&s, "▶• [GEM] Lage aansluitkosten");
    // The matrix row says the new party.
    room.keys("n");
    shows(&room.screen(120, 35), "[GEM] Lage aansluitkosten");
    room.keys("p");
    let moved = room
        .changes()
        .into_iter()
        .filter(|c| matches!(c, Change::Group { .. }))
        .count();
    assert_eq!(moved, 1, "move and party are one change");
    // One undo: back in the first lane, with its own party.
    room.keys("u");
    room.keys("1");
    let s = room.screen(80, 24);
    shows(&s, "[WOCO] Lage aansluitkosten");
    hides(&s, "[GEM] Lage aansluitkosten");
}

#[test]
fn a_commitment_is_endorsed_like_a_principle_and_says_who_not_yet() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(4);
    room.keys("aWijkavond organiseren over de warmtevisie\ngemeente\nmei\n");
    // Space on the commitment: who endorses it.
    room.keys(" ");
    shows(&room.screen(80, 24), "Wie onderschrijft dit?");
    room.keys(" ");
    room.key(crossterm::event::KeyCode::Esc);
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        shows(&s, "Wijkavond organiseren over de warmtevisie");
        shows(&s, "onderschreven door 1 van 2");
        shows(&s, "nog niet: Bewonersinitiatief");
    }
    // The foot's keys are whole at both sizes, and Space works as it says.
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        assert!(
            !lines_with(&s, "spatie: wie onderschrijft").is_empty(),
            "{s}"
        );
    }
}

#[test]
fn all_present_endorse_with_one_key_and_one_undo() {
    let mut room = Room::new("zwolse-akkoord", Lang::Nl);
    room.keys("P");
    for name in ["Anna", "Bert", "Carla", "Dirk", "Eva", "Femke", "Gert"] {
        room.keys(&format!("a{name}\nGemeente Zwolle\n1"));
    }
    room.key(crossterm::event::KeyCode::Esc);
    // The statement and six principles: A and ↓ for each, 14 keys for 7 x 7.
    for _ in 0..7 {
        room.keys("A");
        room.key(Down);
    }
    let endorsed = |room: &Room| -> Vec<usize> {
        let crate::tui::app::Screen::Session(ws) = &room.app.screen else {
            panic!("a session");
        };
        let state = &ws.live.state;
        let spec = state
            .current_step()
            .and_then(|s| s.kind.agreement())
            .expect("agreement");
        crate::core::tally::endorsable_items(spec)
            .iter()
            .map(|item| {
                crate::core::tally::endorsement(state, state.current, item)
                    .by
                    .len()
            })
            .collect()
    };
    assert_eq!(endorsed(&room), [7; 7]);
    room.key(Home);
    for (w, h) in SIZES {
        shows(&room.screen(w, h), "onderschreven door 7 van 7");
    }
    let groups = room
        .changes()
        .into_iter()
        .filter(|c| matches!(c, Change::Group { .. }))
        .count();
    assert_eq!(groups, 7, "one change per item");
    // Again: everyone endorses it already.
    room.keys("A");
    shows(
        &room.screen(80, 24),
        "iedereen die aanwezig is onderschrijft dit al",
    );
    // One undo takes a whole item back.
    room.keys("u");
    assert_eq!(endorsed(&room), [7, 7, 7, 7, 7, 7, 0]);
    room.key(End);
    shows(&room.screen(120, 35), "onderschreven door 0 van 7");
    // The keys of the list, and A, are in the help.
    room.keys("?");
    shows(&room.screen(120, 35), "alle aanwezigen onderschrijven dit");
}

#[test]
fn a_vote_keeps_its_count_in_view_and_votes_on_themes() {
    let mut room = Room::new("succesfactoren", Lang::Nl);
    for i in 0..18 {
        room.keys(&format!("aNog een factor {i} die de samenwerking helpt\n"));
    }
    // Two cards grouped in a theme are one thing to vote on.
    room.key(Home);
    room.keys(" ");
    room.key(Down);
    room.keys(" gHouding\n");
    room.go_to_step(2);
    room.keys("v8\n");
    let s = room.screen(120, 35);
    shows(&s, "Thema: Houding (2 kaarten)");
    // The cards of the theme are not voted on apart.
    hides(&s, "• Een open houding");
    for _ in 0..30 {
        room.key(Down);
    }
    // Two goals with the same text: the vote says how to keep their dots together.
    let mut goals = Room::new("stakeholder-doelen", Lang::Nl);
    goals.go_to_step(3);
    for (w, h) in SIZES {
        let s = goals.screen(w, h).replace('\n', " ");
        shows(&s, "Dubbel: “Tevreden bewoners”");
    }
    for (w, h) in SIZES {
        let s = room.screen(w, h);
        shows(&s, "nog 24 van 24 stippen");
        shows(&s, "▲");
        shows(&s, "▶ Initiatief en gemeente werken in een ander tempo");
    }
}
