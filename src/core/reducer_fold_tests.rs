//! Folding a log at once (inverses no undo reaches are not built) gives exactly the state
//! of applying it event by event: the board, the undo and the redo history alike.

use super::event::{Change, Event};
use super::fixture::{at, live};
use super::history::DEPTH;
use super::scenario::Scenario;
use super::session::{Live, Session};
use super::state::SessionState;

pub(super) fn scenario(json: &str) -> Scenario {
    serde_json::from_str(json).expect("built-in scenario")
}

pub(super) fn one_by_one(session: &Session) -> SessionState {
    let mut state = session.initial_state();
    for event in &session.events {
        state.apply(event).expect("applies");
    }
    state
}

/// Records `n` edits of card 1 on the board, numbered on from `i`.
pub(super) fn record_edits(l: &mut Live, i: &mut usize, n: usize) {
    for _ in 0..n {
        let edit = Change::CardEdited {
            step: "bord".into(),
            card: 1,
            text: format!("tekst {i}"),
        };
        l.record(edit, at(*i as i64)).expect("edit");
        *i += 1;
    }
}

/// Records up to `undos` undos, then up to `redos` redos (as many as there are to take).
pub(super) fn record_undos_and_redos(l: &mut Live, i: usize, undos: usize, redos: usize) {
    for _ in 0..undos {
        if l.state.can_undo() {
            l.record(Change::Undo, at(i as i64)).expect("undo");
        }
    }
    for _ in 0..redos {
        if l.state.can_redo() {
            l.record(Change::Redo, at(i as i64)).expect("redo");
        }
    }
}

/// Undoes from the end as far as undo goes (until nothing is left, or a change no longer
/// fits, in both alike), the two states in step; then redoes it all.
pub(super) fn undo_all_the_same_way(mut a: SessionState, mut b: SessionState) {
    let undo = Event::new(at(0), Change::Undo);
    let mut undone = 0;
    while a.can_undo() {
        let (x, y) = (a.apply(&undo), b.apply(&undo));
        assert_eq!(x, y, "undo {undone}");
        assert_eq!(a, b, "after {undone} undos");
        if x.is_err() {
            break;
        }
        undone += 1;
    }
    assert!(undone > 0, "nothing to undo");
    let redo = Event::new(at(0), Change::Redo);
    while a.can_redo() {
        let (x, y) = (a.apply(&redo), b.apply(&redo));
        assert_eq!(x, y);
        assert_eq!(a, b);
        if x.is_err() {
            break;
        }
    }
}

#[test]
fn a_generated_log_folds_to_the_state_of_applying_it_event_by_event() {
    for (json, n, seed) in [
        (
            include_str!("../../scenarios/stakeholder-doelen.json"),
            300,
            1,
        ),
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
        let session = super::generate::session(scenario(json), n, seed);
        let folded = session.state().expect("folds");
        let applied = one_by_one(&session);
        assert_eq!(folded, applied, "{n} events, seed {seed}");
        undo_all_the_same_way(folded, applied);
    }
}

#[test]
fn undo_and_redo_across_the_moments_the_history_lets_go_fold_the_same() {
    // Runs of edits, undos and redos whose lengths straddle the history's depth: what an
    // undo reaches lies far back, under groups that are let go of, and redo in between.
    let mut l = live();
    let mut i = 0;
    for (edits, undos, redos) in [
        (2 * DEPTH + 5, DEPTH + 3, 2),
        (10, 15, 20),
        (3 * DEPTH, 2 * DEPTH - 1, DEPTH / 2),
        (DEPTH - 1, 0, 0),
        (5, 3, 1),
    ] {
        record_edits(&mut l, &mut i, edits);
        record_undos_and_redos(&mut l, i, undos, redos);
        // Navigation neither pushes nor clears.
        l.record(
            Change::StepOpened {
                step: "bord".into(),
            },
            at(i as i64),
        )
        .expect("step");
        let folded = l.session.state().expect("folds");
        assert_eq!(folded, l.state, "after {i} edits");
        assert_eq!(folded, one_by_one(&l.session));
    }
    let folded = l.session.state().expect("folds");
    undo_all_the_same_way(folded, l.state.clone());
}
