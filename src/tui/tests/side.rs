//! The console's side panel (`C`): the clock, the agenda with time spent from the log and
//! the running-late line, the next step's prompt, notes and the inbox; never for the room.

use super::{Fixture, now};
use crate::core::Lang;

#[test]
fn c_opens_the_side_panel_with_the_agenda_next_step_notes_and_inbox() {
    let mut f = Fixture::new("succesfactoren", Lang::Nl);
    let before = f.screen(120, 35);
    assert!(!before.contains("Agenda"), "closed by default:\n{before}");
    f.keys("C");
    let screen = f.screen(120, 35);
    for part in [
        "Klok",
        "Agenda",
        "▶ Wat helpt, wat hindert?",
        "0/25",
        "op schema: klaar om",
        "Volgende stap:",
        "Notities",
        "Participatiecoalitie",
        "Inbox · 0 wachten",
        "alleen voor jou · C sluit",
    ] {
        assert!(screen.contains(part), "{part:?} missing:\n{screen}");
    }
    // The board stays beside it, readable.
    assert!(screen.contains("Wat hindert"), "{screen}");
    let small = f.screen(80, 24);
    assert!(small.contains("Agenda"), "{small}");
    // The room never sees it.
    let ws = f.ws();
    assert!(!ws.view.for_the_room().side);
    f.keys("C");
    assert!(!f.screen(120, 35).contains("Agenda"));
}

#[test]
fn the_agenda_says_when_the_meeting_runs_late() {
    let mut f = Fixture::new("succesfactoren", Lang::En);
    // The fixture's clock stands still: the first step took its whole time and more
    // when the session started 40 minutes before now.
    if let crate::tui::app::Screen::Session(ws) = &mut f.app.screen {
        let minutes = jiff::SignedDuration::from_mins(40);
        ws.live.session.created = now().checked_sub(minutes).unwrap();
    }
    f.keys("C");
    let screen = f.screen(120, 35);
    assert!(screen.contains("40/25"), "{screen}");
    assert!(screen.contains("running 15 minutes late"), "{screen}");
}
