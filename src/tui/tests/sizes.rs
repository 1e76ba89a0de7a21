//! Every screen and overlay drawn at every size from 1x1 to 250x80: nothing panics.
//! (A grid of sizes plus every small size, so it stays fast.)

use crossterm::event::KeyCode;

use super::Fixture;
use crate::core::Lang;
use crate::core::Problem;
use crate::store::builtin::{BUILTIN, builtin};
use crate::store::catalog::{Entry, Source};
use crate::store::error::FileError;
use crate::tui::app::{App, Screen};
use crate::tui::home::{Home, HomeItem};

/// Every width and height tried: all small ones, then a grid up to 250x80.
fn sizes() -> Vec<(u16, u16)> {
    // The edges: below and at the smallest drawn size (20x6), lanes side by side or not
    // (26 a lane), the big title (34 rows), 80x24, a beamer, and the largest.
    let widths = [1, 2, 5, 19, 20, 21, 27, 53, 79, 80, 81, 131, 200, 250];
    let heights = [1, 2, 3, 5, 6, 7, 12, 23, 24, 33, 34, 50, 80];
    widths
        .iter()
        .flat_map(|&w| heights.iter().map(move |&h| (w, h)))
        .collect()
}

pub(super) fn every_size(app: &mut App, what: &str) {
    for (w, h) in sizes() {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("terminal");
            terminal
                .draw(|f| crate::tui::view::draw(f, app))
                .map(|_| ())
        }));
        assert!(result.is_ok(), "{what} panicked at {w}x{h}");
    }
}

/// A board full of what a meeting produces: long cards, themes, tags, marks.
fn fill(f: &mut Fixture) {
    f.add("Kort");
    f.add(&"Een heel lange kaart over het warmtenet en de gemeenteraad ".repeat(4));
    f.add("Samenwerkingsovereenkomstenonderhandelingsprocedures");
    f.add("Warmte 🔥 en één € voor ieder");
    f.keys("o1");
    f.keys(" ");
    f.key(KeyCode::Up);
    f.keys(" g");
    f.keys("Een thema met een lange naam die niet past");
    f.key(KeyCode::Enter);
    for i in 0..14 {
        f.add(&format!("Kaart {i}"));
    }
    f.keys(">");
}

#[test]
fn every_screen_and_overlay_draws_at_every_size() {
    let lang = Lang::Nl;
    // Home, with the error overlay over it.
    let entries: Vec<HomeItem> = BUILTIN
        .iter()
        .filter_map(|(id, _)| builtin(id)?.ok())
        .map(|scenario| {
            HomeItem::Scenario(Entry {
                scenario,
                source: Source::Builtin,
            })
        })
        .collect();
    let home = Home {
        items: entries,
        selected: 2,
        problems: vec!["kapot.json: steps: fout".into()],
        prompt: None,
    };
    let mut app = App::new(Screen::Home(home), lang, Box::new(super::now));
    every_size(&mut app, "home");
    app.help = true;
    every_size(&mut app, "home help");
    app.help = false;
    app.show_error(&FileError::one(
        std::path::Path::new("kapot.json"),
        Problem::new("steps[2]", "fout", "wrong"),
    ));
    every_size(&mut app, "error");

    // Every step of every built-in scenario, with its help overlay and notes.
    for (id, _) in BUILTIN {
        let mut f = Fixture::new(id, lang);
        let steps = f.ws().live.state.scenario.steps.len();
        for step in 0..steps {
            if f.ws().live.state.board(step).is_some() {
                fill(&mut f);
            }
            f.keys("f");
            every_size(&mut f.app, &format!("{id} step {step}"));
            f.keys("?");
            every_size(&mut f.app, &format!("{id} step {step} help"));
            f.keys("?f");
            f.keys("n");
        }
    }

    // The board's modes: spotlight, party picker, editor, delete question.
    let mut f = Fixture::new("zwolse-komedie", lang);
    fill(&mut f);
    for (keys, what) in [
        ("s", "spotlight"),
        ("o", "picker"),
        ("e", "editor"),
        ("d", "confirm"),
    ] {
        f.keys(keys);
        every_size(&mut f.app, what);
        f.key(KeyCode::Esc);
    }
    f.key(KeyCode::Up);
    f.keys("s?");
    every_size(&mut f.app, "spotlight help");
}
