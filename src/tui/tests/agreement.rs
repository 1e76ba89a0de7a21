use crate::core::state::Owner;
use crossterm::event::KeyCode::{Down, Esc};

use super::room::{Room, SIZES, hides, lines_with, shows};
use crate::core::{Lang, StepState};

#[test]
fn parties_endorse_the_statement_of_act_four() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(4);
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(
            &screen,
            "Met deze afspraken maken gemeente en initiatieven hun",
        );
        shows(&screen, "onderschreven door 0 van 2");
        shows(&screen, "Nog geen afspraken: a voegt er een toe");
    }
    room.keys(" ");
    let screen = room.screen(80, 24);
    shows(&screen, "Wie onderschrijft dit?");
    shows(&screen, "▶ [ ] Gemeente");
    shows(&screen, "[ ] Bewonersinitiatief");
    room.keys(" ");
    shows(&room.screen(80, 24), "▶ [x] Gemeente");
    shows(&room.screen(80, 24), "onderschreven door 1 van 2");
    room.key(Down);
    room.keys(" \n");
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        hides(&screen, "Wie onderschrijft dit?");
        shows(&screen, "onderschreven door 2 van 2");
        shows(&screen, "Gemeente, Bewonersinitiatief");
    }
    // Withdrawn again: space toggles.
    room.keys(" ");
    room.key(Down);
    room.keys(" ");
    room.key(Esc);
    shows(&room.screen(80, 24), "onderschreven door 1 van 2");

    let state = room.saved().state().expect("valid log");
    let Some(StepState::Agreement(a)) = state.steps.get(3) else {
        panic!("act 4 is an agreement");
    };
    let endorsers: Vec<crate::core::Endorser> =
        a.endorsements["statement"].iter().cloned().collect();
    assert_eq!(endorsers, ["gemeente"]);
}

#[test]
fn commitments_are_added_edited_and_deleted_with_what_who_and_when() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(4);
    room.keys("a");
    shows(
        &room.screen(80, 24),
        "Nieuwe afspraak 1/3 · wat gaan we doen?",
    );
    room.keys("\n");
    shows(&room.screen(80, 24), "typ eerst iets");
    room.keys("Maandelijks spreekuur\n");
    shows(
        &room.screen(80, 24),
        "Nieuwe afspraak 2/3 · wie doet het? (partijen of namen, met komma's)",
    );
    room.keys("gemeente\nvoor de zomer\n");
    room.keys("aVerslag delen met de raad\nPetra\n\n");
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "Afspraken (2)");
        shows(&screen, "1. Maandelijks spreekuur");
        shows(&screen, "wie: Gemeente · wanneer: “voor de zomer”");
        shows(&screen, "▶ 2. Verslag delen met de raad");
        shows(&screen, "wie: Petra · wanneer: —");
    }
    // Edit the second: the answers start filled in.
    room.keys("e");
    shows(&room.screen(80, 24), "Afspraak bewerken 1/3");
    shows(&room.screen(80, 24), "Verslag delen met de raad");
    room.keys(" en de wethouder\n\nna de zomer\n");
    shows(
        &room.screen(80, 24),
        "2. Verslag delen met de raad en de wethouder",
    );
    shows(&room.screen(80, 24), "wie: Petra · wanneer: “na de zomer”");
    // Delete asks first; n keeps it.
    room.keys("d");
    shows(&room.screen(80, 24), "Deze afspraak verwijderen? j/n");
    room.keys("n");
    shows(&room.screen(80, 24), "Afspraken (2)");
    room.keys("dj");
    let screen = room.screen(80, 24);
    shows(&screen, "Afspraken (1)");
    hides(&screen, "Verslag delen");

    let state = room.saved().state().expect("valid log");
    let Some(StepState::Agreement(a)) = state.steps.get(3) else {
        panic!("act 4 is an agreement");
    };
    let list: Vec<(&str, &[Owner], &str, &str)> = a
        .commitments
        .iter()
        .map(|c| {
            (
                c.what.as_str(),
                c.owners.as_slice(),
                c.who.as_str(),
                c.when.as_str(),
            )
        })
        .collect();
    assert_eq!(
        list,
        [(
            "Maandelijks spreekuur",
            &[Owner::Party("gemeente".into())][..],
            "",
            "voor de zomer"
        )]
    );
}

#[test]
fn a_typed_when_becomes_a_date_of_the_meeting_and_an_impossible_one_is_refused() {
    let mut room = Room::new("zwolse-komedie", Lang::Nl);
    room.go_to_step(4);
    // The meeting's day is the clock's day of the key press (the harness's clock).
    room.keys(
        "aBrief aan de raad
gemeente, initiatief en de wethouder
over 2 weken
",
    );
    let state = room.saved().state().expect("valid log");
    let Some(StepState::Agreement(a)) = state.steps.get(3) else {
        panic!("act 4 is an agreement");
    };
    let c = &a.commitments[0];
    assert_eq!(
        c.owners,
        [
            Owner::Party("gemeente".into()),
            Owner::Party("initiatief".into())
        ]
    );
    assert_eq!(c.who, "de wethouder");
    let due = c.due.expect("a date");
    assert!(c.when.is_empty());
    let shown = crate::core::dates::format(due, Lang::Nl);
    for (w, h) in SIZES {
        // The year may wrap to the next line on a narrow screen.
        let (day, _year) = shown.rsplit_once(' ').expect("a year");
        shows(&room.screen(w, h), &format!("wanneer: {day}"));
    }
    // 31 February: said, and nothing saved.
    let before = room.saved().events.len();
    room.keys(
        "aNog een
gemeente
31-2
",
    );
    shows(&room.screen(80, 24), "31 februari bestaat niet");
    assert_eq!(room.saved().events.len(), before);
}

#[test]
fn participants_endorse_principles_of_the_akkoord_out_of_those_present() {
    let mut room = Room::new("zwolse-akkoord", Lang::Nl);
    room.keys(" ");
    shows(&room.screen(80, 24), "Nog niemand aanwezig: Esc, dan P");
    room.key(Esc);
    room.keys("PaAnna\n\n\naBram\n\n\naCor\n\n\n");
    room.key(Esc);
    // The second principle: down twice from the statement.
    room.key(Down);
    room.key(Down);
    room.keys(" ");
    room.keys(" ");
    room.key(Down);
    room.key(Down);
    room.keys(" \n");
    for (w, h) in SIZES {
        let screen = room.screen(w, h);
        shows(&screen, "Anna, Cor");
        let counts = lines_with(&screen, "onderschreven door");
        assert!(
            counts
                .iter()
                .any(|l| l.contains("onderschreven door 2 van 3")),
            "{screen}"
        );
    }
    // Cor leaves the room: the endorsement stays and still counts.
    room.keys("P");
    room.key(Down);
    room.key(Down);
    room.keys(" ");
    room.key(Esc);
    shows(&room.screen(200, 50), "onderschreven door 2 van 3");
    room.keys(" ");
    shows(&room.screen(80, 24), "[x] Cor (afwezig)");
    // Every item of the step counts out of the same people: Cor endorsed here, so the
    // statement is also "out of 3", and Cor can still endorse it.
    room.key(Esc);
    room.key(crossterm::event::KeyCode::Up);
    room.key(crossterm::event::KeyCode::Up);
    room.keys(" ");
    let screen = room.screen(80, 24);
    shows(&screen, "onderschreven door 0 van 3");
    shows(&screen, "[ ] Cor (afwezig)");
}

#[test]
fn in_english_endorsements_read_endorsed_by() {
    let mut room = Room::new("zwolse-komedie", Lang::En);
    room.go_to_step(4);
    room.keys("  \n");
    let screen = room.screen(80, 24);
    shows(&screen, "endorsed by 1 of 2");
    shows(&screen, "Municipality");
    shows(
        &screen,
        "No commitments yet: a adds one (what, who, by when).",
    );
}
