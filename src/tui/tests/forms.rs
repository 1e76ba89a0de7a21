//! One form for every text: `Esc` never throws away what the room said without asking, a
//! newline is a space, a prefilled number is replaced by what is typed.

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};

use super::room::{Room, hides, lines_with, shows};
use crate::core::{Lang, StepState};

/// The two sizes of this issue: a projected 80x24 and a laptop's 120x35.
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

const ASK: &str = "Wat je typte weggooien? j gooit weg";

fn cards(room: &Room) -> Vec<String> {
    let crate::tui::app::Screen::Session(ws) = &room.app.screen else {
        panic!("a session");
    };
    match &ws.live.state.steps[ws.live.state.current] {
        StepState::Board(b) => b.cards().map(|c| c.text.clone()).collect(),
        _ => Vec::new(),
    }
}

fn ctrl(room: &mut Room, c: char) {
    room.app.handle_event(TermEvent::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

#[test]
fn esc_on_a_card_being_typed_asks_and_enter_goes_on_typing() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.keys("aZe weten niet hoe lang");
    room.key(KeyCode::Esc);
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, ASK);
        // The question wraps whole words, never cuts them.
        shows(&screen.replace('\n', " "), "n, Enter of Esc typt verder");
    }
    // Enter: back to the text, as it was; typing goes on.
    room.key(KeyCode::Enter);
    hides(&room.screen(80, 24), ASK);
    room.keys(" een besluit duurt\n");
    assert_eq!(cards(&room), ["Ze weten niet hoe lang een besluit duurt"]);

    // Esc, then Esc again: still typing. Only `j` throws the text away.
    room.keys("aTweede kaart");
    room.key(KeyCode::Esc);
    room.key(KeyCode::Esc);
    shows(&room.screen(80, 24), "Tweede kaart");
    room.key(KeyCode::Esc);
    room.keys("j");
    let screen = room.screen(80, 24);
    hides(&screen, "Tweede kaart");
    hides(&screen, ASK);
    assert_eq!(cards(&room).len(), 1);

    // Nothing typed, or an edit left as it was: Esc closes at once.
    room.keys("a");
    room.key(KeyCode::Esc);
    hides(&room.screen(80, 24), ASK);
    hides(&room.screen(80, 24), "Nieuwe kaart");
    room.keys("e");
    room.key(KeyCode::Esc);
    hides(&room.screen(80, 24), ASK);
    // An edit that changed the text asks.
    room.keys("e!");
    room.key(KeyCode::Esc);
    shows(&room.screen(80, 24), ASK);
    room.keys("n\n");
    assert_eq!(cards(&room), ["Ze weten niet hoe lang een besluit duurt!"]);
}

#[test]
fn the_same_question_guards_notes_commitments_participants_and_themes() {
    // A commitment, three fields: Esc on the second field asks for the first one's text.
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(4);
    room.keys("aWijkavond organiseren\nGem");
    room.key(KeyCode::Esc);
    shows(&room.screen(80, 24), ASK);
    room.key(KeyCode::Enter);
    let screen = room.screen(120, 35);
    shows(&screen, "Nieuwe afspraak 2/3");
    room.keys("eente\n\n");
    shows(&room.screen(120, 35), "Wijkavond organiseren");

    // A participant: the party list is a question too; Esc there asks for the name.
    room.keys("PaAnna\nGemeente Zwolle\n");
    room.key(KeyCode::Esc);
    shows(&room.screen(80, 24), ASK);
    room.keys("j");
    shows(&room.screen(80, 24), "Deelnemers · 0 van 0 aanwezig");
    room.key(KeyCode::Esc);

    // A note on a matrix cell.
    let mut matrix = Room::new("stappenplan-check", Lang::Nl);
    matrix.keys("eGemeente wacht op de raad");
    matrix.key(KeyCode::Esc);
    shows(&matrix.screen(80, 24), ASK);
    matrix.keys("j");
    hides(&matrix.screen(80, 24), "Gemeente wacht");

    // A theme's name.
    let mut board = Room::new("succesfactoren", Lang::Nl);
    board.keys(" ");
    board.key(KeyCode::Down);
    board.keys(" gOpen houding");
    board.key(KeyCode::Esc);
    shows(&board.screen(80, 24), ASK);
}

#[test]
fn a_newline_typed_or_pasted_becomes_a_space_and_loses_nothing() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    // What `tmux send-keys -l $'eerste regel\ntweede regel'` sends: LF is Ctrl-J.
    room.keys("aeerste regel");
    ctrl(&mut room, 'j');
    room.keys("tweede regel\n");
    // A paste with line breaks.
    room.keys("a");
    room.app
        .handle_event(TermEvent::Paste("derde\nvierde\r\nvijfde".into()));
    room.keys("\n");
    assert_eq!(
        cards(&room),
        ["eerste regel tweede regel", "derde vierde vijfde"]
    );
    for (w, h) in SIZES {
        shows(&room.screen(w, h), "eerste regel tweede regel");
    }
}

#[test]
fn typing_over_a_prefilled_number_replaces_it() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    // Act 1 has 20 minutes: T shows 20, typing 5 makes it 5 (not 205).
    room.keys("T");
    shows(&room.screen(80, 24), "20");
    room.keys("5\n");
    let screen = room.screen(80, 24);
    shows(&screen, "05:00");
    hides(&screen, "205");
    // The voters of a vote the same way.
    let mut vote = Room::new("succesfactoren", Lang::Nl);
    vote.go_to_step(2);
    vote.keys("v12\nv7\n");
    let screen = vote.screen(120, 35);
    assert!(
        !lines_with(&screen, "7 kiezers").is_empty(),
        "7 voters, not 127:\n{screen}"
    );
}

#[test]
fn the_lane_a_card_goes_into_is_named_in_the_frame_of_the_text() {
    let mut room = Room::new("zwolse-akkoord", Lang::Nl);
    room.go_to_step(2);
    room.keys("3a");
    for (w, h) in SIZES {
        shows(
            &room.screen(w, h),
            "Nieuwe kaart → 3. Politieke agendering en institutionalisering",
        );
    }
}
