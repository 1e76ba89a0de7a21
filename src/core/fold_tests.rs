//! A log folded as it comes, in pieces of any size, gives exactly the state of folding it
//! at once and of applying it event by event: the board, the undo and the redo history.

use super::super::reducer_fold_tests::{
    one_by_one, record_edits, record_undos_and_redos, scenario, undo_all_the_same_way,
};
use super::*;
use crate::core::fixture::{at, live};
use crate::core::session::Session;

fn in_pieces(session: &Session, piece: usize) -> (Result<SessionState, usize>, Vec<Event>) {
    let mut folder = Folder::new(session.initial_state());
    for chunk in session.events.chunks(piece) {
        folder.feed(chunk.to_vec());
    }
    let (state, log) = folder.finish();
    (state.map_err(|(i, _)| i), log)
}

fn folds_alike(session: &Session) {
    let whole = session.state().expect("folds");
    for piece in [1, 7, 1000, session.events.len().max(1)] {
        let (state, log) = in_pieces(session, piece);
        assert_eq!(log, session.events, "the log, in pieces of {piece}");
        let state = state.expect("folds in pieces");
        assert_eq!(state, whole, "in pieces of {piece}");
    }
    let (state, _) = in_pieces(session, 333);
    undo_all_the_same_way(state.expect("folds"), one_by_one(session));
}

#[test]
fn a_generated_log_folds_the_same_in_pieces() {
    for (json, n, seed) in [
        (
            include_str!("../../scenarios/stakeholder-doelen.json"),
            6_000,
            42,
        ),
        (
            include_str!("../../scenarios/zwolse-komedie.json"),
            5_000,
            7,
        ),
    ] {
        folds_alike(&crate::core::generate::session(scenario(json), n, seed));
    }
}

#[test]
fn undos_far_back_and_long_quiet_stretches_fold_the_same_in_pieces() {
    let mut l = live();
    let mut i = 0;
    // (edits, step changes that touch no history, undos, redos): an inverse that stays on
    // the stack longer than the fold may wait, and undos across the moments it halves.
    for (edits, quiet, undos, redos) in [
        (2 * DEPTH + 5, 0, DEPTH + 3, 2),
        (10, WINDOW + 10, 15, 20),
        (3 * DEPTH, 5, 2 * DEPTH - 1, DEPTH / 2),
        (DEPTH - 1, 2 * WINDOW, 0, 0),
        (5, 0, 3, 1),
    ] {
        record_edits(&mut l, &mut i, edits);
        for _ in 0..quiet {
            let step = Change::StepOpened {
                step: "bord".into(),
            };
            l.record(step, at(i as i64)).expect("step");
        }
        record_undos_and_redos(&mut l, i, undos, redos);
    }
    assert_eq!(l.session.state().expect("folds"), l.state);
    folds_alike(&l.session);
}

#[test]
fn the_first_event_that_does_not_fit_is_named_the_same_in_pieces() {
    let mut session = crate::core::generate::session(
        scenario(include_str!("../../scenarios/zwolse-komedie.json")),
        3_000,
        7,
    );
    // An undo with nothing to undo, then more: the fold stops at the undo.
    let bad = 2_500;
    let mut state = session.initial_state();
    let (mut undo_at, mut undone) = (bad, 0);
    for (i, event) in session.events.iter().enumerate().take(bad) {
        state.apply(event).expect("applies");
        undo_at = i + 1;
    }
    while state.can_undo() {
        state
            .apply(&Event::new(at(0), Change::Undo))
            .expect("undoes");
        undone += 1;
    }
    let undos = std::iter::repeat_n(Event::new(at(0), Change::Undo), undone + 1);
    let tail: Vec<Event> = session.events.split_off(undo_at);
    session.events.extend(undos);
    session.events.extend(tail);
    let expected = reducer_fold_index(&session);
    assert_eq!(expected, undo_at + undone);
    for piece in [1, 100, session.events.len()] {
        let (state, log) = in_pieces(&session, piece);
        assert_eq!(state.err(), Some(expected), "in pieces of {piece}");
        assert_eq!(log, session.events);
    }
}

fn reducer_fold_index(session: &Session) -> usize {
    match crate::core::reducer::fold(session.initial_state(), &session.events) {
        Ok(_) => usize::MAX,
        Err((i, _)) => i,
    }
}
