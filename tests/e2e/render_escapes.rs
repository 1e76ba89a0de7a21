//! A card full of escape sequences, rendered through the real crossterm backend into a
//! byte buffer: what reaches the terminal holds none of the card's sequences, only
//! ratatui's own cursor moves and colours, and the text itself made visible.

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use samenspel::core::Lang;
use samenspel::tui::action::Action;
use samenspel::tui::session::SessionScreen;
use samenspel::tui::{App, Screen, view};

/// A byte buffer the test keeps a handle on while the backend writes into it.
#[derive(Clone, Default)]
struct Bytes(Rc<RefCell<Vec<u8>>>);

impl Write for Bytes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn render(app: &App, width: u16, height: u16) -> Vec<u8> {
    let bytes = Bytes::default();
    let backend = CrosstermBackend::new(bytes.clone());
    let mut terminal = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    drop(terminal);
    bytes.0.take()
}

#[test]
fn no_escape_sequence_from_a_card_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("folder");
    let file = dir.path().join("escapes.json");
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/escapes-everywhere.json");
    std::fs::copy(corpus, &file).expect("copy");
    let ws = SessionScreen::open(&file, false).expect("opens");
    let at = ws.live.session.created;
    let mut app = App::new(
        Screen::Session(Box::new(ws)),
        Lang::Nl,
        Box::new(move || at),
    );
    // Select the hostile card (the last of the first lane) and show the notes.
    for _ in 0..20 {
        app.dispatch(Action::Down);
    }
    let mut frames = 0;
    for (w, h) in [(80, 24), (200, 50)] {
        let out = render(&app, w, h);
        crate::hostile_support::assert_no_hostile_sequences(&out);
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("Kaart\u{FFFD}[2J"),
            "the card is drawn, made visible, at {w}x{h}"
        );
        frames += 1;
    }
    app.dispatch(Action::ToggleNotes);
    crate::hostile_support::assert_no_hostile_sequences(&render(&app, 120, 40));
    // Every step, the help and the card's editor.
    for _ in 0..3 {
        app.dispatch(Action::NextStep);
        crate::hostile_support::assert_no_hostile_sequences(&render(&app, 120, 40));
        frames += 1;
    }
    app.dispatch(Action::Help);
    crate::hostile_support::assert_no_hostile_sequences(&render(&app, 120, 40));
    app.dispatch(Action::Help);
    for _ in 0..3 {
        app.dispatch(Action::PrevStep);
    }
    app.dispatch(Action::Edit);
    let out = render(&app, 120, 40);
    crate::hostile_support::assert_no_hostile_sequences(&out);
    assert!(
        String::from_utf8_lossy(&out).contains("Kaart\u{FFFD}"),
        "the editor shows the card"
    );
    assert_eq!(frames, 5);
    if let Screen::Session(ws) = &mut app.screen {
        ws.close();
    }
}
