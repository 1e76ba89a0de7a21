//! The board screen as the room reads it, at 80x24 (a small laptop) and 200x50 (a beamer).

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Color;

use super::{Fixture, text};
use crate::core::{Lang, StepState};
use crate::tui::action::Action;
use crate::tui::theme::Theme;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

/// The cards of a lane of the current board, as stored.
fn lane_texts(f: &Fixture, lane: usize) -> Vec<String> {
    let ws = f.ws();
    match &ws.live.state.steps[ws.current()] {
        StepState::Board(b) => b.lanes[lane].cards.iter().map(|c| c.text.clone()).collect(),
        _ => panic!("not a board"),
    }
}

/// The row of the screen on which `needle` first shows.
fn row_of(screen: &str, needle: &str) -> Option<usize> {
    screen.lines().position(|l| l.contains(needle))
}

#[test]
fn facilitator_notes_are_hidden_until_f_and_hidden_again() {
    for (w, h) in SIZES {
        let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
        let s = f.screen(w, h);
        assert!(s.contains("Gemeente over initiatieven"), "{s}");
        assert!(!s.contains("Notities begeleider"), "{s}");
        assert!(!s.contains("misverstanden"), "{s}");
        f.keys("f");
        let s = f.screen(w, h);
        assert!(s.contains("Notities begeleider (f verbergt)"), "{s}");
        assert!(s.contains("misverstanden"), "{s}");
        f.keys("f");
        assert!(!f.screen(w, h).contains("misverstanden"));
    }
}

#[test]
fn a_full_lane_scrolls_counts_what_is_hidden_and_keeps_the_selection_in_view() {
    let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
    for i in 1..=20 {
        f.add(&format!("Kaart {i:02} over het loket"));
    }
    let s = f.screen(80, 24);
    // The last card added is selected and in view; the first ones scrolled away.
    assert!(s.contains("▶• Kaart 20 over het loket"), "{s}");
    assert!(!s.contains("Kaart 01"), "{s}");
    let hidden = s
        .lines()
        .find_map(|l| l.split("20 kaarten, ").nth(1))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no hidden count on\n{s}"));
    let shown = (1..=20)
        .filter(|i| s.contains(&format!("Kaart {i:02} ")))
        .count();
    assert_eq!(hidden + shown, 20, "{s}");
    assert!(hidden >= 1, "{s}");
    // Back to the top: the first card shows, the last is hidden now.
    for _ in 0..19 {
        f.key(KeyCode::Up);
    }
    let s = f.screen(80, 24);
    assert!(s.contains("▶• Kaart 01 over het loket"), "{s}");
    assert!(!s.contains("Kaart 20"), "{s}");
    assert!(
        s.contains(&format!("20 kaarten, {hidden} verborgen ↓")),
        "{s}"
    );
    // On a beamer at 200x50 all twenty fit, and nothing is hidden.
    let s = f.screen(200, 50);
    assert!(s.contains("20 kaarten "), "{s}");
    assert!(!s.contains("verborgen"), "{s}");
    assert!(s.contains("Kaart 20"), "{s}");
    // The other lane says it is empty and how to fill it.
    assert!(s.contains("(nog leeg: a voegt een kaart toe)"), "{s}");
}

#[test]
fn cards_move_between_lanes_and_within_a_lane() {
    for (w, h) in SIZES {
        let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
        f.add("Traag");
        f.add("Star");
        f.add("Ver weg");
        // `K` moves "Ver weg" above "Star"; `J` moves it back down.
        f.keys("K");
        assert_eq!(lane_texts(&f, 0), ["Traag", "Ver weg", "Star"]);
        let s = f.screen(w, h);
        assert!(row_of(&s, "Ver weg") < row_of(&s, "Star"), "{s}");
        f.keys("J");
        assert_eq!(lane_texts(&f, 0), ["Traag", "Star", "Ver weg"]);
        // `>` moves it to the next lane; the selection stays in the lane being sorted
        // (the next card), and the status line says where the card went.
        f.keys(">");
        assert_eq!(lane_texts(&f, 0), ["Traag", "Star"]);
        assert_eq!(lane_texts(&f, 1), ["Ver weg"]);
        let s = f.screen(w, h);
        assert!(s.contains("▶• Star"), "{s}");
        assert!(
            s.contains("kaart naar 2. Initiatieven over gemeente"),
            "{s}"
        );
        assert!(s.contains("2 kaarten"), "{s}");
        assert!(s.contains("1 kaart "), "{s}");
        // At the last lane `>` does nothing; `<` brings it back.
        f.key(KeyCode::Right);
        f.keys(">");
        assert_eq!(lane_texts(&f, 1), ["Ver weg"]);
        f.keys("<");
        assert_eq!(lane_texts(&f, 0), ["Traag", "Star", "Ver weg"]);
    }
}

#[test]
fn marked_cards_are_grouped_under_a_theme_heading_and_ungrouped() {
    for (w, h) in SIZES {
        let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
        f.add("Traag");
        f.add("Star");
        f.add("Bureaucratisch");
        // Mark "Traag" and "Bureaucratisch" (space shows a check mark).
        f.key(KeyCode::Up);
        f.key(KeyCode::Up);
        f.keys(" ");
        let s = f.screen(w, h);
        assert!(s.contains("▶✓ Traag"), "{s}");
        f.key(KeyCode::Down);
        f.key(KeyCode::Down);
        f.keys(" ");
        f.keys("g");
        assert!(f.screen(w, h).contains("Naam van het thema"));
        f.keys("Langzaam");
        f.key(KeyCode::Enter);
        let s = f.screen(w, h);
        // The theme is a headed cluster: its cards together under its name.
        let heading = row_of(&s, "▌Langzaam (2)").unwrap_or_else(|| panic!("{s}"));
        let traag = row_of(&s, "Traag").expect("Traag");
        let bureau = row_of(&s, "Bureaucratisch").expect("Bureaucratisch");
        let star = row_of(&s, "Star").expect("Star");
        assert!(heading < traag && traag < bureau && bureau < star, "{s}");
        assert!(!s.contains('✓'), "marks are cleared after grouping:\n{s}");
        // Esc clears marks that are not wanted.
        f.keys(" ");
        assert!(f.screen(w, h).contains('✓'));
        f.key(KeyCode::Esc);
        assert!(!f.screen(w, h).contains('✓'));
        // `G` takes the selected card out of the theme.
        f.keys("G");
        let s = f.screen(w, h);
        assert!(s.contains("▌Langzaam (1)"), "{s}");
        // `g` on a card in a theme renames the theme, starting from its name.
        f.key(KeyCode::Up);
        f.key(KeyCode::Up);
        f.keys("g");
        f.keys("heid");
        f.key(KeyCode::Enter);
        let s = f.screen(w, h);
        assert!(s.contains("▌Langzaamheid (1)"), "{s}");
    }
}

#[test]
fn a_card_is_tagged_with_a_party_from_the_scenario_as_a_text_label() {
    for (w, h) in SIZES {
        let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
        f.add("Ze hebben geen idee hoe lang een besluit duurt");
        f.keys("o");
        let s = f.screen(w, h);
        // The scenario's own parties, and "no party"; no person's names.
        assert!(s.contains("Wie zei het?"), "{s}");
        assert!(s.contains("1 [GEM] Gemeente"), "{s}");
        assert!(s.contains("2 [INI] Bewonersinitiatief"), "{s}");
        assert!(s.contains("0 geen partij"), "{s}");
        assert!(!s.contains("WOCO"), "{s}");
        // The hint says what the digit does: it chooses at once.
        assert!(s.contains("cijfer kiest direct"), "{s}");
        f.keys("2");
        let s = f.screen(w, h);
        assert!(s.contains("[INI] Ze hebben geen idee"), "{s}");
        assert!(!s.contains("Wie zei het?"), "{s}");
        // Picking with the arrows and Enter: down to "no party" removes the tag.
        f.keys("o");
        f.key(KeyCode::Down);
        f.key(KeyCode::Enter);
        assert!(!f.screen(w, h).contains("[INI]"));
    }
}

#[test]
fn undo_and_redo_say_what_they_did_and_restore_the_board() {
    for (w, h) in SIZES {
        let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
        f.add("Eerste kaart");
        f.add("Tweede kaart");
        f.keys("u");
        let s = f.screen(w, h);
        assert!(!s.contains("Tweede kaart"), "{s}");
        assert!(s.contains("ongedaan gemaakt: kaart toegevoegd"), "{s}");
        f.press(KeyCode::Char('r'), KeyModifiers::CONTROL);
        let s = f.screen(w, h);
        assert!(s.contains("Tweede kaart"), "{s}");
        assert!(s.contains("opnieuw gedaan: kaart toegevoegd"), "{s}");
        // The notice is calm and goes with the next key.
        f.key(KeyCode::Up);
        assert!(!f.screen(w, h).contains("opnieuw gedaan"));
        // Undo on another step: the step it belongs to is shown first, and it asks.
        f.keys("n");
        f.keys("u");
        let s = f.screen(w, h);
        assert!(s.contains("Akte 1/4"), "{s}");
        assert!(s.contains("Ongedaan maken? j/n"), "{s}");
        assert!(
            s.contains("Tweede kaart"),
            "not undone before the answer: {s}"
        );
        f.keys("j");
        let s = f.screen(w, h);
        assert!(s.contains("ongedaan gemaakt: kaart toegevoegd"), "{s}");
        assert!(!s.contains("Tweede kaart"), "{s}");
        f.keys("uu");
        assert!(f.screen(w, h).contains("niets om ongedaan te maken"));
        // Every undo and redo is an event in the log.
        let changes: Vec<String> = f
            .ws()
            .live
            .session
            .events
            .iter()
            .map(|e| {
                format!("{:?}", e.change)
                    .split([' ', '{'])
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        assert_eq!(
            changes,
            [
                "CardAdded",
                "CardAdded",
                "Undo",
                "Redo",
                "StepOpened",
                "StepOpened",
                "Undo",
                "Undo"
            ]
        );
    }
}

#[test]
fn spotlight_shows_one_card_large_and_esc_returns() {
    let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
    f.add("Vertrouwen");
    f.add("Ze hebben geen idee hoe lang een besluit in de gemeenteraad werkelijk duurt");
    // On a beamer: big letters (block characters), not the plain text.
    f.key(KeyCode::Up);
    f.keys("s");
    let s = f.screen(200, 50);
    assert!(s.contains("Gemeente over initiatieven · 1/2"), "{s}");
    assert!(s.contains('█'), "{s}");
    assert!(!s.contains("Vertrouwen"), "{s}");
    assert!(
        !s.contains("Ze hebben"),
        "the other cards are not shown:\n{s}"
    );
    assert!(s.contains("Esc terug"), "{s}");
    // The next card is too long for big letters at 80x24: large-ish wrapped text instead.
    f.key(KeyCode::Down);
    let s = f.screen(80, 24);
    assert!(s.contains("· 2/2"), "{s}");
    assert!(s.contains("Ze hebben geen idee"), "{s}");
    // `?` in the spotlight lists the spotlight's own keys.
    f.keys("?");
    let s = f.screen(80, 24);
    assert!(s.contains("vorige/volgende kaart"), "{s}");
    assert!(!s.contains("kaart toevoegen"), "{s}");
    f.keys("?");
    f.key(KeyCode::Esc);
    let s = f.screen(80, 24);
    assert!(s.contains("▶• Ze hebben geen idee"), "{s}");
    assert!(
        s.contains("▶• Vertrouwen") || s.contains(" • Vertrouwen"),
        "{s}"
    );
}

#[test]
fn the_help_overlay_lists_the_board_keys_in_the_language_of_the_screen() {
    for (lang, want, not) in [
        (
            Lang::Nl,
            "kaart naar vorige/volgende kolom",
            "card to previous/next lane",
        ),
        (
            Lang::En,
            "card to previous/next lane",
            "kaart naar vorige/volgende kolom",
        ),
    ] {
        let mut f = Fixture::new("zwolse-komedie", lang);
        f.keys("?");
        let s = f.screen(200, 50);
        assert!(s.contains(want), "{s}");
        assert!(!s.contains(not), "{s}");
        for key in ["< >", "K J", "Ctrl-r", "PgDn"] {
            assert!(s.contains(key), "{key} missing:\n{s}");
        }
        // At 80x24 the list scrolls: the last key comes into view with ↓.
        let s = f.screen(80, 24);
        assert!(
            s.contains(if lang == Lang::Nl {
                "↑↓ meer"
            } else {
                "↑↓ more"
            }),
            "{s}"
        );
        let quit = if lang == Lang::Nl {
            "stoppen (alles is bewaard)"
        } else {
            "quit (everything is saved)"
        };
        assert!(!s.contains(quit), "{s}");
        for _ in 0..20 {
            f.key(KeyCode::Down);
        }
        assert!(f.screen(80, 24).contains(quit));
        f.keys("?");
        assert!(!f.screen(80, 24).contains(quit));
    }
}

#[test]
fn mono_has_no_colour_and_light_marks_the_selection_with_colour_and_a_marker() {
    let mut f = Fixture::new("zwolse-komedie", Lang::Nl);
    f.add("Traag");
    f.keys("o1");
    f.app.theme = Theme::mono();
    let buf = f.draw(80, 24);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let s = text(&buf);
    // Meaning is in the text: the marker, and the party label.
    assert!(s.contains("▶• [GEM] Traag"), "{s}");
    f.app.theme = Theme::light();
    let buf = f.draw(80, 24);
    let s = text(&buf);
    let y = row_of(&s, "Traag").expect("card") as u16;
    let x = s
        .lines()
        .nth(y as usize)
        .and_then(|l| l.chars().position(|c| c == 'T'))
        .expect("x") as u16;
    assert_ne!(
        buf[(x, y)].bg,
        buf[(0, 0)].bg,
        "the selected card stands out"
    );
    f.app.theme = Theme::dark();
    assert!(f.screen(80, 24).contains("[GEM] Traag"));
}

#[test]
fn one_lane_at_a_time_names_the_others_and_a_click_selects() {
    let mut f = Fixture::new("stakeholder-doelen", Lang::Nl);
    let s = f.screen(80, 24);
    // Four lanes do not fit side by side at 80 columns: one at a time, all named on top.
    assert!(s.contains("▶1. Woningcorporatie"), "{s}");
    assert!(s.contains("2. Gemeente"), "{s}");
    assert!(s.contains("4 kaarten"), "{s}");
    let s = f.screen(200, 50);
    assert!(!s.contains("▶1. Woningcorporatie"), "{s}");
    assert!(s.contains("Energiecoöperatie"), "{s}");
    // A click on a card in the third lane selects it.
    let s = text(&f.draw(200, 50));
    let (x, y) = place_of(&s, "Tevreden klanten");
    f.app.dispatch(Action::Click { column: x, row: y });
    assert_eq!((f.ws().cursor().lane, f.ws().cursor().card), (2, 1));
    let s = f.screen(200, 50);
    assert!(s.contains("▶• [WARMTE] Tevreden klanten"), "{s}");
    // The wheel moves the selection.
    f.app.handle_event(crossterm::event::Event::Mouse(
        crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::ScrollDown,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        },
    ));
    assert_eq!((f.ws().cursor().lane, f.ws().cursor().card), (2, 2));
    // A click on a lane's name at the top selects that lane.
    let s = text(&f.draw(80, 24));
    let (x, y) = place_of(&s, "2. Gemeente");
    f.app.dispatch(Action::Click { column: x, row: y });
    assert_eq!(f.ws().cursor().lane, 1);
    assert!(f.screen(80, 24).contains("▶2. Gemeente"));
}

/// The screen cell where `needle` starts.
fn place_of(screen: &str, needle: &str) -> (u16, u16) {
    let y = row_of(screen, needle).unwrap_or_else(|| panic!("{needle:?} not on\n{screen}"));
    let line = screen.lines().nth(y).unwrap_or("");
    let x = line
        .find(needle)
        .map_or(0, |b| line.get(..b).unwrap_or_default().chars().count());
    (x as u16, y as u16)
}
