use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::tui::app::{App, Screen};
use crate::tui::follow::Follow;
use crate::tui::form::{Check, Form, Purpose};
use crate::tui::tests::{Fixture, now, text};

/// What a beamer of the fixture's session shows at `w` x `h` once it heard the console.
fn beamer_sees(console: &Fixture, w: u16, h: u16) -> String {
    let ws = console.ws();
    let mut follow = Follow::beamer(ws.path(), Lang::Nl).unwrap();
    let line = serde_json::to_string(&Mirror::of(&ws.view, &ws.live.state, ws.typing.on)).unwrap();
    assert!(follow.heard(Heard::Line(line)));
    let app = App::new(Screen::Follow(Box::new(follow)), Lang::Nl, Box::new(now));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| crate::tui::view::draw(f, &app)).unwrap();
    text(terminal.backend().buffer())
}

#[test]
fn the_beamer_shows_the_spotlight_and_the_step_never_the_notes() {
    let mut console = Fixture::new("succesfactoren", Lang::Nl);
    console.keys("f");
    let with_notes = console.screen(120, 35);
    let beamer = beamer_sees(&console, 80, 24);
    assert!(beamer.contains("Wat helpt"), "{beamer}");
    // A line of the notes on the console never reaches the beamer.
    let notes: Vec<&str> = with_notes
        .lines()
        .filter(|l| l.contains("otitie"))
        .collect();
    assert!(!notes.is_empty(), "the console shows notes:\n{with_notes}");
    assert!(!beamer.contains("otitie"), "{beamer}");
    console.keys("s");
    let ws = console.ws();
    assert!(
        matches!(ws.view.mode, Mode::Spotlight),
        "s opens the spotlight"
    );
    let mirror = Mirror::of(&ws.view, &ws.live.state, false);
    assert!(mirror.spotlight);
    assert_eq!(
        mirror.sign(&ws.live.state, Lang::Nl),
        "beamer: Stap 1/3 · grote kaart"
    );
    let big = beamer_sees(&console, 80, 24);
    assert!(!big.contains("Wat hindert"), "the spotlight alone:\n{big}");
}

#[test]
fn a_mirror_from_a_stranger_cannot_reach_beyond_the_session() {
    let console = Fixture::new("succesfactoren", Lang::Nl);
    let ws = console.ws();
    let mut follow = Follow::beamer(ws.path(), Lang::Nl).unwrap();
    let wild = Mirror {
        step: 99,
        cursors: vec![[usize::MAX, usize::MAX]; 5000],
        marked: (0..5000).collect(),
        ..Mirror::default()
    };
    assert!(follow.heard(Heard::Line(serde_json::to_string(&wild).unwrap())));
    let shown = &follow.shown;
    assert_eq!(shown.live.state.current, 0);
    assert_eq!(shown.view.cursors.len(), shown.live.state.steps.len());
    assert!(shown.view.marked.len() <= MAX_MARKED);
    assert!(!follow.heard(Heard::Line("{not json".into())));
}

fn typing_on(console: &mut Fixture) {
    if let Screen::Session(ws) = &mut console.app.screen {
        ws.typing.on = true;
    }
}

#[test]
fn the_card_being_typed_reaches_the_beamer_only_when_the_setting_is_on() {
    let mut console = Fixture::new("succesfactoren", Lang::Nl);
    console.keys("a");
    console.keys("Halve zin van de zaal");
    // Off (the default): nothing of the typing is in the mirror.
    let ws = console.ws();
    assert!(!ws.typing.on);
    assert_eq!(Mirror::of(&ws.view, &ws.live.state, false).typing, None);
    for (w, h) in [(80, 24), (120, 35)] {
        let beamer = beamer_sees(&console, w, h);
        assert!(!beamer.contains("Halve zin"), "{beamer}");
        assert!(!beamer.contains("wordt getypt"), "{beamer}");
    }
    // On: the text as it is typed, with what it is and where it goes, no keys.
    typing_on(&mut console);
    let ws = console.ws();
    let mirror = Mirror::of(&ws.view, &ws.live.state, true);
    assert_eq!(
        mirror.typing.as_ref().map(|t| t.text.as_str()),
        Some("Halve zin van de zaal")
    );
    assert_eq!(
        mirror.sign(&ws.live.state, Lang::Nl),
        "beamer: Stap 1/3 · ziet wat je typt"
    );
    for (w, h) in [(80, 24), (120, 35)] {
        let beamer = beamer_sees(&console, w, h);
        for part in [
            "Nieuwe kaart → 1. Wat helpt",
            "Halve zin van de zaal▏",
            "wordt getypt",
        ] {
            assert!(beamer.contains(part), "{part:?} at {w}x{h}:\n{beamer}");
        }
        for hint in ["Enter", "Esc", "bewaart"] {
            assert!(!beamer.contains(hint), "{hint:?} at {w}x{h}:\n{beamer}");
        }
        // The board is still there above it.
        assert!(beamer.contains("Een open houding"), "{beamer}");
    }
    // The console gone (quit, crashed): what was typed and never saved goes with it.
    let ws = console.ws();
    let mut follow = Follow::beamer(ws.path(), Lang::Nl).unwrap();
    let line = serde_json::to_string(&Mirror::of(&ws.view, &ws.live.state, true)).unwrap();
    follow.heard(Heard::Line(line));
    assert!(follow.shown.view.typing.is_some());
    follow.heard(Heard::Lost);
    assert_eq!(follow.shown.view.typing, None);
    // Saved: the card is the file's now, and nothing is being typed.
    console.key(crossterm::event::KeyCode::Enter);
    let ws = console.ws();
    assert_eq!(Mirror::of(&ws.view, &ws.live.state, true).typing, None);
}

#[test]
fn a_phones_proposal_a_note_a_name_or_a_number_is_never_typed_on_the_beamer() {
    let text = |purpose| {
        Form::text(
            purpose,
            ("Iets · Enter bewaart", "Something · Enter saves"),
            "geheim",
            Check::Any,
        )
    };
    for purpose in [
        Purpose::AcceptProposal(1),
        Purpose::CellNote {
            row: crate::core::state::RowRef::Card(1),
            column: "c".into(),
        },
        Purpose::NewParticipant,
        Purpose::Voters,
        Purpose::Minutes { start: false },
        Purpose::RoomAddress,
        Purpose::SessionTitle,
    ] {
        assert_eq!(Typing::of(&text(purpose.clone())), None, "{purpose:?}");
    }
    for purpose in [
        Purpose::NewCard { lane: 0 },
        Purpose::Card(1),
        Purpose::NewCommitment,
    ] {
        let typing = Typing::of(&text(purpose.clone())).expect("the room's content");
        assert_eq!(typing.text, "geheim");
        assert_eq!(typing.what, ["Iets".to_string(), "Something".to_string()]);
    }
    // A phone's card edited in the inbox, on the console with the setting on: not mirrored.
    let mut console = Fixture::new("succesfactoren", Lang::Nl);
    typing_on(&mut console);
    if let Screen::Session(ws) = &mut console.app.screen {
        ws.view.mode = Mode::Form(Box::new(text(Purpose::AcceptProposal(7))));
    }
    let ws = console.ws();
    assert_eq!(Mirror::of(&ws.view, &ws.live.state, true).typing, None);
    assert!(!beamer_sees(&console, 80, 24).contains("geheim"));
}

#[test]
fn the_typed_text_is_bounded_and_cleaned_on_its_way_to_the_beamer() {
    let mut console = Fixture::new("succesfactoren", Lang::Nl);
    typing_on(&mut console);
    console.keys("a");
    // 100 KB pasted, with escapes a terminal would obey, ending in words the room reads.
    let hostile = "x\u{1b}[2J\u{202E}\u{7}".repeat(20_000) + " en dan het einde";
    console
        .app
        .dispatch(crate::tui::action::Action::Paste(hostile));
    let ws = console.ws();
    let mirror = Mirror::of(&ws.view, &ws.live.state, true);
    let line = serde_json::to_string(&mirror).unwrap();
    assert!(
        line.len() <= crate::store::channel::MAX_LINE,
        "{} bytes",
        line.len()
    );
    let typed = mirror.typing.as_ref().unwrap();
    assert!(typed.text.chars().count() <= typing::MAX_TYPED);
    assert!(
        typed.text.ends_with(" en dan het einde"),
        "the end, where the cursor is"
    );
    assert!(
        !typed
            .text
            .chars()
            .any(|c| c.is_control() || c == '\u{202E}')
    );
    // What a beamer takes is bounded again, and its screen shows the end, clean.
    let wild = Mirror {
        typing: Some(Typing {
            text: "\u{1b}]0;x\u{7}".repeat(50_000) + "slot",
            place: Some("p".repeat(10_000)),
            ..Typing::default()
        }),
        ..Mirror::default()
    };
    let mut follow = Follow::beamer(ws.path(), Lang::Nl).unwrap();
    assert!(follow.heard(Heard::Line(serde_json::to_string(&wild).unwrap())));
    let shown = follow.shown.view.typing.as_ref().unwrap();
    assert!(shown.text.chars().count() <= typing::MAX_TYPED);
    assert!(shown.place.as_ref().unwrap().chars().count() <= 200);
    let beamer = beamer_sees(&console, 80, 24);
    assert!(beamer.contains("en dan het einde▏"), "{beamer}");
    assert!(!beamer.contains('\u{1b}'));
}
