//! Every screen of every built-in scenario, at 80x24 (a large projected font) and 120x35,
//! with what a real meeting puts on them (long titles, long cards, long notes, many
//! commitments, participants), with the panels, lists, forms and overlays open: no word is
//! ever cut, unless the design cut it with "…". A word on screen must be a whole word of a
//! text that can be shown (the scenarios, what was typed, the interface's own words), or end
//! in "…"; a "…" is never glued to the next word.

use std::collections::BTreeSet;
use std::path::Path;

mod check;
mod kinds;

use check::{cut_words, known_words, words};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use samenspel::core::Lang;
use samenspel::tui::app::{App, Screen};
use samenspel::tui::session::SessionScreen;

/// The sizes of the issue: a projected 80x24 and a laptop's 120x35.
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

/// What a meeting types: long and short, accents, a party's words.
const CARDS: [&str; 8] = [
    "Ze hebben geen idee hoe lang een besluit in de gemeenteraad werkelijk duurt",
    "Enthousiast maar onervaren",
    "Het loket is één grote doolhof van formulieren en wachttijden",
    "Samenwerkingsovereenkomst",
    "Bewoners willen eerst weten wat het hun per maand kost",
    "Ze willen alles tegelijk",
    "De energiecoöperatie heeft een vaste contactpersoon nodig bij de gemeente",
    "Korte lijnen",
];
const THEME: &str = "Vertrouwen en tempo";
const NOTE: &str = "Alleen als het ACM-tarief omlaag gaat en de gemeente de aansluitkosten van huurders in de eerste twee jaar voor haar rekening neemt";
const COMMITMENTS: [(&str, &str, &str); 5] = [
    (
        "Een vast aanspreekpunt voor initiatieven op het gemeentehuis aanwijzen",
        "gemeente",
        "voor de zomer",
    ),
    (
        "Wijkavond organiseren over de warmtevisie en de kosten per huishouden",
        "Anna de Vries",
        "1 maart",
    ),
    (
        "Lijst van vergunningen en termijnen delen",
        "Gemeente Zwolle",
        "volgende bijeenkomst",
    ),
    (
        "Afspraken over wie de bewonersbrief schrijft",
        "initiatief",
        "",
    ),
    ("Terugkoppelen in de raadscommissie", "", "najaar"),
];
const PEOPLE: [(&str, &str); 7] = [
    (
        "Anna de Vries",
        "Gemeente Zwolle, afdeling Wonen en Duurzaamheid",
    ),
    ("Bert Jansen", "Energiecoöperatie Zwolle-Zuid"),
    ("", "Woningcorporatie deltaWonen"),
    ("Carla Yılmaz", "Bewonersinitiatief Aa-landen"),
    ("Dirk", "Warmtebedrijf"),
    ("Eva van den Berg-Smit", "Provincie Overijssel"),
    ("Femke", ""),
];
const TITLE: &str = "NWN CoP 2 Participatie en draagvlak in de wijk Aa-landen";

fn at() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_764_600_000).unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_uppercase() || "+<>?*".contains(c) => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    app.handle_event(Event::Key(KeyEvent::new(code, modifiers)));
}

/// Types `text` (`\n` is Enter).
fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => key(app, KeyCode::Enter),
            c => key(app, KeyCode::Char(c)),
        }
    }
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| samenspel::tui::view::draw(f, app))
        .unwrap();
    app.area = ratatui::layout::Rect::new(0, 0, w, h);
    let buffer = terminal.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Looks at the screen at every size and notes every cut word, with where it was.
struct Inspector {
    known: BTreeSet<String>,
    found: Vec<String>,
    screens: usize,
    /// The screens under the overlay about to open, per size.
    under: Vec<String>,
}

impl Inspector {
    fn look(&mut self, app: &mut App, what: &str) {
        for (w, h) in SIZES {
            let s = screen(app, w, h);
            self.screens += 1;
            for b in cut_words(&s, &self.known, None) {
                self.found.push(format!("{what} at {w}x{h}, {b}"));
            }
        }
    }

    /// Remembers the screen an overlay is about to cover.
    fn before_overlay(&mut self, app: &mut App) {
        self.under = SIZES.iter().map(|&(w, h)| screen(app, w, h)).collect();
    }

    /// Looks at an overlay: only what it drew.
    fn overlay(&mut self, app: &mut App, what: &str) {
        let under = std::mem::take(&mut self.under);
        for (i, (w, h)) in SIZES.into_iter().enumerate() {
            let s = screen(app, w, h);
            self.screens += 1;
            for b in cut_words(&s, &self.known, under.get(i).map(String::as_str)) {
                self.found.push(format!("{what} at {w}x{h}, {b}"));
            }
        }
    }
}

fn session_app(dir: &Path, id: &str, lang: Lang) -> App {
    let scenario = samenspel::store::builtin::builtin(id).unwrap().unwrap();
    let path = dir.join(format!("{id}-{}.json", lang.code()));
    let ws = SessionScreen::create_at(path, scenario, TITLE.into(), at(), lang).unwrap();
    App::new(Screen::Session(Box::new(ws)), lang, Box::new(at))
}

fn session(app: &App) -> &SessionScreen {
    match &app.screen {
        Screen::Session(s) => s,
        _ => panic!("a session"),
    }
}

/// Participants, each with a long organisation, all present.
fn add_people(app: &mut App, look: &mut Inspector) {
    keys(app, "P");
    look.look(app, "participants, empty");
    for (i, (name, org)) in PEOPLE.iter().enumerate() {
        if i == 0 {
            keys(app, &format!("a{name}\n{org}"));
            look.before_overlay(app);
            keys(app, "\n");
            look.overlay(app, "the party list of a participant");
        } else {
            keys(app, &format!("a{name}\n{org}\n"));
        }
        keys(app, &format!("{}", (i % 2) + 1));
    }
    look.look(app, "participants panel");
    keys(app, "d");
    look.look(app, "remove a participant?");
    keys(app, "n");
    key(app, KeyCode::Esc);
}

/// Fills the step on screen as a meeting would and looks at it with its overlays open.
fn walk_step(app: &mut App, look: &mut Inspector, name: &str) {
    let state = &session(app).live.state;
    let step = state.current_step().unwrap().clone();
    look.look(app, &format!("{name}: empty"));
    keys(app, "f");
    look.look(app, &format!("{name}: notes"));
    keys(app, "f");
    if kinds::walk_kind(app, look, name, &step.kind) {
        // A grid, a consent round or a poll: walked there.
    } else if let Some(board) = step.kind.board() {
        for lane in 0..board.lanes.len() {
            keys(app, &format!("{}", lane + 1));
            for card in CARDS.iter().skip(lane % 3).take(5) {
                keys(app, &format!("a{card}\n"));
            }
            keys(app, "o1");
        }
        keys(app, "1");
        key(app, KeyCode::Home);
        keys(app, " ");
        key(app, KeyCode::Down);
        keys(app, &format!(" g{THEME}\n"));
        look.look(app, &format!("{name}: a full board"));
        keys(app, &format!("a{}", CARDS[0]));
        look.look(app, &format!("{name}: a card being typed"));
        key(app, KeyCode::Esc);
        look.look(app, &format!("{name}: throw away what was typed?"));
        keys(app, "j");
        look.before_overlay(app);
        keys(app, "o");
        look.overlay(app, &format!("{name}: who said it"));
        key(app, KeyCode::Esc);
        key(app, KeyCode::End);
        keys(app, ">");
        look.look(app, &format!("{name}: a card moved on"));
        keys(app, "s");
        look.look(app, &format!("{name}: spotlight"));
        key(app, KeyCode::Esc);
        keys(app, "d");
        look.look(app, &format!("{name}: delete a card?"));
        keys(app, "n");
    } else if let Some(matrix) = step.kind.matrix() {
        let columns = matrix.columns.len();
        // A realistic mix of ratings, typed as the facilitator does: a digit moves on.
        let values = ["2", "1", "-1", "0", "2", "-2", "1", "3", "2"];
        for i in 0..(columns * 6) {
            keys(app, values[i % values.len()]);
        }
        key(app, KeyCode::Home);
        keys(app, &format!("e{NOTE}\n"));
        look.look(app, &format!("{name}: ratings and a long note"));
        keys(app, "e");
        look.look(app, &format!("{name}: the note being written"));
        key(app, KeyCode::Esc);
        keys(app, "j");
        keys(app, "r");
        look.look(app, &format!("{name}: down the column"));
        keys(app, "rr");
        keys(app, "A");
        look.look(app, &format!("{name}: the analysis"));
        for _ in 0..6 {
            key(app, KeyCode::Down);
        }
        look.look(app, &format!("{name}: the analysis scrolled"));
        keys(app, "A");
    } else if step.kind.vote().is_some() {
        look.look(app, &format!("{name}: a vote without dots"));
        keys(app, "v");
        look.look(app, &format!("{name}: the number of voters"));
        keys(app, "12\n");
        for _ in 0..9 {
            keys(app, "+");
            key(app, KeyCode::Down);
        }
        look.look(app, &format!("{name}: dots placed"));
        keys(app, "c");
        look.look(app, &format!("{name}: the facilitator's check"));
        keys(app, "c");
        keys(app, "r");
        look.look(app, &format!("{name}: the results"));
    } else if step.kind.agreement().is_some() {
        for (what, who, when) in COMMITMENTS {
            keys(app, &format!("a{what}\n{who}\n{when}\n"));
        }
        look.look(app, &format!("{name}: commitments"));
        keys(app, "a");
        look.look(app, &format!("{name}: a commitment being added"));
        key(app, KeyCode::Esc);
        key(app, KeyCode::Home);
        for _ in 0..3 {
            keys(app, "A");
            key(app, KeyCode::Down);
        }
        look.look(app, &format!("{name}: endorsed by all present"));
        look.before_overlay(app);
        keys(app, " ");
        look.overlay(app, &format!("{name}: who endorses"));
        key(app, KeyCode::Esc);
        key(app, KeyCode::End);
        keys(app, " ");
        key(app, KeyCode::Down);
        keys(app, " ");
        key(app, KeyCode::Esc);
        look.look(app, &format!("{name}: a commitment endorsed"));
        keys(app, "d");
        look.look(app, &format!("{name}: delete a commitment?"));
        keys(app, "n");
    } else if step.kind.review().is_some() {
        for _ in 0..3 {
            keys(app, "\n");
            key(app, KeyCode::Down);
        }
        look.look(app, &format!("{name}: reviewed"));
    }
    look.before_overlay(app);
    keys(app, "?");
    look.overlay(app, &format!("{name}: help"));
    keys(app, "?");
    keys(app, "T");
    look.look(app, &format!("{name}: minutes"));
    keys(app, "25\n");
    keys(app, "t");
    look.look(app, &format!("{name}: the timer running"));
    keys(app, "t");
}

#[test]
fn no_screen_of_any_built_in_scenario_cuts_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut known = known_words();
    // The test's own folder shows on the home screen: its name is no cut word.
    known.extend(words(&dir.path().display().to_string()));
    let mut look = Inspector {
        known,
        found: Vec::new(),
        screens: 0,
        under: Vec::new(),
    };
    for lang in [Lang::Nl, Lang::En] {
        walk_all(dir.path(), lang, &mut look);
    }
    // The home screen with every scenario and a recent session selected.
    let entries = samenspel::store::builtin::BUILTIN
        .iter()
        .map(|(id, _)| {
            samenspel::tui::home::HomeItem::Scenario(samenspel::store::catalog::Entry {
                scenario: samenspel::store::builtin::builtin(id).unwrap().unwrap(),
                source: samenspel::store::catalog::Source::Builtin,
            })
        })
        .chain([samenspel::tui::home::HomeItem::Session(
            samenspel::store::catalog::SessionInfo {
                path: dir.path().join("zwolse-komedie-nl.json"),
                title: TITLE.into(),
                created: at(),
                scenario: "zwolse-komedie".into(),
                events: 212,
                copy_of: None,
            },
        )])
        .collect();
    let home = samenspel::tui::home::Home {
        items: entries,
        selected: 0,
        problems: Vec::new(),
        prompt: None,
    };
    let mut app = App::new(Screen::Home(home), Lang::Nl, Box::new(at));
    for i in 0..7 {
        look.look(&mut app, &format!("home, item {}", i + 1));
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Home);
    keys(&mut app, "\n");
    look.look(&mut app, "home: the title asked");
    assert!(
        look.screens > 300,
        "only {} screens looked at",
        look.screens
    );
    assert!(
        look.found.is_empty(),
        "{} cut words on {} screens:\n{}",
        look.found.len(),
        look.screens,
        look.found.join("\n")
    );
}

/// Every built-in scenario run through in `lang`: each step filled and looked at with its
/// overlays, then the session read-only, replayed, summarised, and continued.
fn walk_all(dir: &Path, lang: Lang, look: &mut Inspector) {
    for (id, _) in samenspel::store::builtin::BUILTIN {
        let mut app = session_app(dir, id, lang);
        add_people(&mut app, look);
        let steps = session(&app).live.state.scenario.steps.len();
        for i in 0..steps {
            walk_step(&mut app, look, &format!("{id} step {}", i + 1));
            if i + 1 < steps {
                keys(&mut app, "n");
            }
        }
        // The undo of a change on another step asks there.
        keys(&mut app, "p");
        keys(&mut app, "u");
        look.look(&mut app, &format!("{id}: undo on another step?"));
        keys(&mut app, "n");
        keys(&mut app, "X");
        look.look(&mut app, &format!("{id}: exported"));
        let path = session(&app).path().to_path_buf();
        if let Screen::Session(s) = &mut app.screen {
            s.close();
        }
        // The same session read-only, every step.
        let ws = SessionScreen::open(&path, true).unwrap();
        let mut read = App::new(Screen::Session(Box::new(ws)), lang, Box::new(at));
        for i in 0..steps {
            look.look(&mut read, &format!("{id} read-only step {}", i + 1));
            look.before_overlay(&mut read);
            keys(&mut read, "?");
            look.overlay(&mut read, &format!("{id} read-only help"));
            keys(&mut read, "?");
            keys(&mut read, "n");
        }
        keys(&mut read, "P");
        look.look(&mut read, &format!("{id} read-only participants"));
        // Its replay, at the end, and the summary of every step.
        let replay = samenspel::tui::replay::Replay::open(&path, lang).unwrap();
        let mut rep = App::new(Screen::Replay(Box::new(replay)), lang, Box::new(at));
        key(&mut rep, KeyCode::End);
        look.look(&mut rep, &format!("{id} replay at the end"));
        keys(&mut rep, "S");
        key(&mut rep, KeyCode::Home);
        for i in 0..steps {
            look.look(&mut rep, &format!("{id} summary step {}", i + 1));
            for _ in 0..5 {
                key(&mut rep, KeyCode::Down);
            }
            look.look(&mut rep, &format!("{id} summary step {} scrolled", i + 1));
            key(&mut rep, KeyCode::Right);
        }
        // The next meeting of the series, with its review.
        if *id == "zwolse-komedie" {
            let scenario = samenspel::store::builtin::builtin(id).unwrap().unwrap();
            let next =
                samenspel::store::series::continue_from(&path, scenario, None, at(), lang).unwrap();
            let next_path = dir.join(format!("volgende-{}.json", lang.code()));
            let ws = {
                let file = samenspel::store::SessionFile::create_at(next_path, &next).unwrap();
                let live = samenspel::core::Live::open(next).unwrap();
                SessionScreen::on_file(file, live)
            };
            let mut next = App::new(Screen::Session(Box::new(ws)), lang, Box::new(at));
            walk_step(&mut next, look, "the review of the next meeting");
        }
    }
}
