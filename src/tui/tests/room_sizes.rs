//! The room's screens and overlays (votes, agreements, participants, forms, the timer)
//! drawn at every size from 1x1 to 250x80: nothing panics.

use crossterm::event::KeyCode::{Down, Esc, Up};

use super::room::Room;
use super::sizes::every_size;
use crate::core::Lang;

/// Long texts, the kind a meeting produces.
const LONG: &str =
    "Een heel lange afspraak over het warmtenet, de gemeenteraad en één € voor ieder";

#[test]
fn every_room_screen_and_overlay_draws_at_every_size() {
    let mut room = Room::new("zwolse-akkoord", Lang::Nl);
    // Participants: the panel, the text field, the party list, the yes/no question.
    room.keys("P");
    every_size(&mut room.app, "participants, empty");
    for i in 0..12 {
        room.keys(&format!("aDeelnemer met een lange naam {i}\n{LONG}\n"));
        if i == 0 {
            every_size(&mut room.app, "party list");
        }
        room.keys(&format!("{}", i % 8));
    }
    room.keys("a");
    every_size(&mut room.app, "participant name field");
    room.key(Esc);
    room.keys("d");
    every_size(&mut room.app, "remove participant?");
    room.keys("n");
    room.keys(" ");
    every_size(&mut room.app, "participants panel");
    room.key(Esc);

    // The agreement: endorsements, the endorser list, commitments, their form.
    room.keys(" ");
    for _ in 0..6 {
        room.keys(" ");
        room.key(Down);
    }
    every_size(&mut room.app, "who endorses");
    room.key(Esc);
    for i in 0..8 {
        room.keys(&format!("a{LONG} {i}\n{LONG}\nvoor de zomer\n"));
    }
    every_size(&mut room.app, "agreement with commitments");
    room.keys("e");
    every_size(&mut room.app, "commitment form");
    room.key(Esc);
    room.keys("d");
    every_size(&mut room.app, "delete commitment?");
    room.keys("n");

    // The timer: running, low, over; its minutes prompt.
    room.keys("t");
    room.wait(25 * 60);
    every_size(&mut room.app, "timer low");
    room.wait(10 * 60);
    every_size(&mut room.app, "timer over");
    room.keys("T");
    every_size(&mut room.app, "timer minutes");
    room.key(Esc);

    // A vote, hidden and revealed, with more cards than fit.
    let mut vote = Room::new("succesfactoren", Lang::Nl);
    for i in 0..20 {
        vote.keys(&format!("a{LONG} {i}\n"));
    }
    vote.keys("n");
    every_size(&mut vote.app, "vote without voters");
    vote.keys("v12\n");
    for _ in 0..30 {
        vote.keys("+");
        vote.key(Up);
    }
    every_size(&mut vote.app, "vote hidden");
    vote.keys("r");
    every_size(&mut vote.app, "vote revealed");
    vote.keys("v");
    every_size(&mut vote.app, "voters prompt");
}
