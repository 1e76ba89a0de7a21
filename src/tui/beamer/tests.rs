use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::tui::app::{App, Screen};
use crate::tui::follow::Follow;
use crate::tui::tests::{Fixture, now, text};

/// What a beamer of the fixture's session shows at `w` x `h` once it heard the console.
fn beamer_sees(console: &Fixture, w: u16, h: u16) -> String {
    let ws = console.ws();
    let mut follow = Follow::beamer(ws.path(), Lang::Nl).unwrap();
    let line = serde_json::to_string(&Mirror::of(&ws.view, &ws.live.state)).unwrap();
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
    let mirror = Mirror::of(&ws.view, &ws.live.state);
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
