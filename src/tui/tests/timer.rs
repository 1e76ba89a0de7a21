use crossterm::event::KeyCode::Backspace;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Color;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use super::room::{Room, hides, shows};
use super::text;
use crate::core::Lang;

/// The style of the top bar cells that show `needle`.
fn bar_colours(buffer: &Buffer, needle: &str) -> (Option<Color>, Option<Color>) {
    let row = text(buffer).lines().next().unwrap_or_default().to_string();
    let at = row
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the top bar: {row}"));
    let x = row.get(..at).unwrap_or_default().chars().count() as u16;
    let cell = buffer.cell((x, 0)).expect("cell");
    (cell.style().fg, cell.style().bg)
}

const AMBER: Color = Color::Rgb(215, 130, 0);
const RED: Color = Color::Rgb(190, 0, 0);

#[test]
fn the_countdown_runs_from_the_scenario_and_warns_at_twenty_and_five_percent() {
    // Act 1 of De Zwolse Komedie has 20 minutes: 20% is 4:00, 5% is 1:00.
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    shows(&room.screen(80, 24), "20:00 · t start");
    room.keys("t");
    assert!(!room.app.bell());
    room.wait(65);
    let screen = room.screen(80, 24);
    shows(&screen, " 18:55 ");
    hides(&screen, "t start");
    let (_, bg) = bar_colours(&room.buffer(80, 24), "18:55");
    assert_ne!(bg, Some(AMBER));

    room.wait(16 * 60 - 65);
    assert_eq!(bar_colours(&room.buffer(80, 24), "04:00").1, Some(AMBER));
    room.wait(3 * 60 - 1);
    assert_eq!(bar_colours(&room.buffer(80, 24), "01:01").1, Some(AMBER));
    room.wait(1);
    assert_eq!(bar_colours(&room.buffer(80, 24), "01:00").1, Some(RED));
    assert!(!room.app.bell(), "no bell before zero");

    room.wait(60);
    shows(&room.screen(80, 24), "TIJD IS OM · +00:00");
    assert!(room.app.bell(), "the bell rings at zero");
    assert!(!room.app.bell(), "and only once");
    room.wait(83);
    shows(&room.screen(80, 24), "TIJD IS OM · +01:23");
    assert!(!room.app.bell());

    // Paused, the overrun stands still.
    room.keys("t");
    room.wait(600);
    shows(&room.screen(80, 24), "TIJD IS OM · +01:23 · gepauzeerd");
}

#[test]
fn time_running_out_never_interrupts_typing() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.keys("t");
    assert!(!room.app.bell());
    room.keys("aZe weten niet");
    room.wait(20 * 60);
    assert!(room.app.bell(), "the bell rings");
    let screen = room.screen(80, 24);
    shows(&screen, "TIJD IS OM");
    shows(&screen, "Nieuwe kaart");
    room.keys(" hoe lang het duurt\n");
    shows(&room.screen(80, 24), "Ze weten niet hoe lang het duurt");
}

#[test]
fn capital_t_sets_the_minutes_and_resets_the_countdown() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.keys("t");
    room.wait(90);
    room.keys("T");
    let screen = room.screen(80, 24);
    shows(&screen, "Tijd voor deze stap 1/1 · minuten (1 tot 600)");
    room.key(Backspace);
    room.key(Backspace);
    room.keys("0\n");
    shows(&room.screen(80, 24), "typ een getal van 1 tot 600");
    room.key(Backspace);
    room.keys("5\n");
    shows(&room.screen(80, 24), " 05:00 ");
    room.wait(10);
    shows(&room.screen(80, 24), " 04:50 ");
}

#[test]
fn on_a_beamer_the_countdown_is_drawn_large_beside_the_title() {
    let mut room = Room::new("zwolse-komedie", Lang::En);
    room.keys("t");
    room.wait(5 * 60);
    let buffer = room.buffer(200, 50);
    let screen = text(&buffer);
    // The digits are not in the top bar but large: compare with the big text alone.
    hides(screen.lines().next().unwrap_or_default(), "15:00");
    let mut big = Buffer::empty(Rect::new(0, 0, 58, 4));
    BigText::builder()
        .pixel_size(PixelSize::HalfHeight)
        .alignment(Alignment::Right)
        .lines(vec![Line::from("15:00")])
        .build()
        .render(big.area, &mut big);
    let big = text(&big);
    let rows: Vec<&str> = screen.lines().skip(1).take(4).collect();
    for (row, glyphs) in rows.iter().zip(big.lines()) {
        assert!(
            !glyphs.trim().is_empty() && row.ends_with(glyphs.trim_end()),
            "large 15:00 expected at the right of the title rows:\n{screen}"
        );
    }
    // Time up: the bar says so, the digits turn red and count on.
    room.wait(15 * 60 + 7);
    let buffer = room.buffer(200, 50);
    shows(&text(&buffer), "TIME IS UP");
    let red = (140..200).any(|x| {
        (1..5).any(|y| {
            buffer
                .cell((x, y))
                .is_some_and(|c| c.symbol() != " " && c.style().fg == Some(RED))
        })
    });
    assert!(red, "the large digits are red when time is up");
}

#[test]
fn without_a_time_box_t_asks_for_minutes_and_starts() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    // Remove the time box from the copy of the scenario this session runs.
    if let crate::tui::app::Screen::Session(ws) = &mut room.app.screen {
        ws.live.state.timers[0].minutes = None;
    }
    hides(&room.screen(80, 24), "t start");
    room.keys("t");
    shows(&room.screen(80, 24), "Tijd voor deze stap");
    room.keys("3\n");
    room.wait(1);
    shows(&room.screen(80, 24), " 02:59 ");
}
