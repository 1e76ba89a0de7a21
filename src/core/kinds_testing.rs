//! What the tests of the grid, consent and poll steps share: a scenario with one of each
//! (and a board for the grid's cards), and the two checks every kind must pass.

use std::sync::Arc;

use super::fixture::at;
use super::state::Participant;
use super::{Change, Lang, Live, ReduceError, Scenario, Session};

/// A board `ideeen`, a grid `raster` of the parties (4 x 4), a grid `kaarten` of the
/// board's cards (6 x 6), a consent round `besluit` of the participants, a consent round
/// `partijen` of the parties, a poll `peiling` (1..5, two statements) and a poll `anoniem`
/// (yes/no, only counts).
pub fn scenario() -> Scenario {
    let json = r#"{
      "format": "samenspel/scenario", "version": 1, "id": "proef-nieuw",
      "title": {"nl": "Proef", "en": "Test"}, "description": {"nl": "Proef", "en": "Test"},
      "steps": [
        {"id": "ideeen", "title": {"nl": "Ideeën", "en": "Ideas"}, "prompt": {"nl": "?", "en": "?"},
         "board": {"lanes": [{"id": "wie", "title": {"nl": "Wie", "en": "Who"},
                   "cards": [{"text": {"nl": "Huurders", "en": "Tenants"}}]}]}},
        {"id": "raster", "title": {"nl": "Raster", "en": "Grid"}, "prompt": {"nl": "?", "en": "?"},
         "influence": "consult",
         "grid": {"x": {"label": {"nl": "Belang", "en": "Interest"}, "low": {"nl": "laag", "en": "low"}, "high": {"nl": "hoog", "en": "high"}},
                  "y": {"label": {"nl": "Invloed", "en": "Influence"}, "low": {"nl": "weinig", "en": "little"}, "high": {"nl": "veel", "en": "much"}},
                  "quadrants": {"top_left": {"nl": "tevreden houden", "en": "keep satisfied"},
                                "top_right": {"nl": "nauw betrekken", "en": "manage closely"},
                                "bottom_left": {"nl": "monitoren", "en": "monitor"},
                                "bottom_right": {"nl": "informeren", "en": "keep informed"}},
                  "items": "parties",
                  "start": [{"label": {"nl": "Bewoners", "en": "Residents"}, "at": {"x": 4, "y": 1}}]}},
        {"id": "kaarten", "title": {"nl": "Kaarten", "en": "Cards"}, "prompt": {"nl": "?", "en": "?"},
         "grid": {"x": {"label": {"nl": "X", "en": "X"}, "low": {"nl": "a", "en": "a"}, "high": {"nl": "b", "en": "b"}, "points": 6},
                  "y": {"label": {"nl": "Y", "en": "Y"}, "low": {"nl": "a", "en": "a"}, "high": {"nl": "b", "en": "b"}, "points": 6},
                  "quadrants": {"top_left": {"nl": "1", "en": "1"}, "top_right": {"nl": "2", "en": "2"},
                                "bottom_left": {"nl": "3", "en": "3"}, "bottom_right": {"nl": "4", "en": "4"}},
                  "items_from": "ideeen"}},
        {"id": "besluit", "title": {"nl": "Besluit", "en": "Decision"}, "prompt": {"nl": "?", "en": "?"},
         "consent": {"proposal": {"nl": "We werken samen als gelijken.", "en": "We work together as equals."}}},
        {"id": "partijen", "title": {"nl": "Partijen", "en": "Parties"}, "prompt": {"nl": "?", "en": "?"},
         "consent": {"by": "parties"}},
        {"id": "peiling", "title": {"nl": "Peiling", "en": "Poll"}, "prompt": {"nl": "?", "en": "?"},
         "poll": {"statements": [{"id": "tempo", "text": {"nl": "Het tempo is goed", "en": "The pace is right"}},
                                 {"id": "samen", "text": {"nl": "We doen het samen", "en": "We do it together"}}],
                  "answers": {"type": "numeric", "min": 1, "max": 5,
                              "labels": [{"value": 1, "label": {"nl": "helemaal oneens", "en": "strongly disagree"}},
                                         {"value": 5, "label": {"nl": "helemaal eens", "en": "strongly agree"}}]}}},
        {"id": "anoniem", "title": {"nl": "Anoniem", "en": "Anonymous"}, "prompt": {"nl": "?", "en": "?"},
         "poll": {"statements": [{"id": "door", "text": {"nl": "Doorgaan?", "en": "Go on?"}}],
                  "answers": {"type": "yes_no"}, "counts_only": true}}
      ]
    }"#;
    match serde_json::from_str(json) {
        Ok(s) => s,
        Err(e) => panic!("the test scenario parses: {e}"),
    }
}

/// A live session of [`scenario`] with two participants present (ids 1 and 2).
pub fn live() -> Live {
    let mut session = Session::new(Arc::new(scenario()), "Proef".into(), at(0), Lang::Nl);
    session.participants = vec![
        Participant {
            id: 1,
            name: Some("Anna".into()),
            organisation: "Gemeente".into(),
            party: Some("gemeente".into()),
            present: true,
        },
        Participant {
            id: 2,
            name: None,
            organisation: "Coöperatie".into(),
            party: Some("energiecooperatie".into()),
            present: true,
        },
    ];
    match Live::open(session) {
        Ok(l) => l,
        Err(p) => panic!("the test session folds: {p:?}"),
    }
}

/// Records `changes` in order, then undoes them one by one, checking that every undo
/// brings back exactly the state before that change, and redoes them, checking every
/// state after.
pub fn undone_and_redone_exactly(l: &mut Live, changes: Vec<Change>) {
    let mut states = vec![l.state.steps.clone()];
    for (i, c) in changes.into_iter().enumerate() {
        if let Err(e) = l.record(c.clone(), at(i as i64 + 1)) {
            panic!("change {i} ({c:?}) is refused: {e}");
        }
        states.push(l.state.steps.clone());
    }
    for (i, expected) in states.iter().rev().skip(1).enumerate() {
        if let Err(e) = l.record(Change::Undo, at(1000 + i as i64)) {
            panic!("undo {i} is refused: {e}");
        }
        assert_eq!(&l.state.steps, expected, "undo {i}");
    }
    assert_eq!(
        l.record(Change::Undo, at(2000)),
        Err(ReduceError::NothingToUndo)
    );
    for (i, expected) in states.iter().skip(1).enumerate() {
        if let Err(e) = l.record(Change::Redo, at(3000 + i as i64)) {
            panic!("redo {i} is refused: {e}");
        }
        assert_eq!(&l.state.steps, expected, "redo {i}");
    }
}

/// Records `change`, which must be refused with `expected`, and checks that neither the
/// state nor the log changed.
pub fn refused(l: &mut Live, change: Change, expected: ReduceError) {
    let (state, events) = (l.state.clone(), l.session.events.clone());
    assert_eq!(
        l.record(change.clone(), at(5000)),
        Err(expected),
        "{change:?}"
    );
    assert_eq!(l.state, state, "a refused change left the state as it was");
    assert_eq!(
        l.session.events, events,
        "a refused change is not in the log"
    );
}

#[test]
fn generated_sessions_of_the_new_kinds_fold_and_every_change_is_described() {
    use super::describe::{describe, label};
    use super::replay::Timeline;
    let session = super::generate::session(scenario(), 3_000, 11);
    assert_eq!(session.events.len(), 3_000);
    let state = session.state().expect("the generated log folds");
    let kinds: std::collections::BTreeSet<String> = session
        .events
        .iter()
        .filter_map(|e| {
            serde_json::to_value(&e.change)
                .ok()
                .and_then(|v| v["type"].as_str().map(String::from))
        })
        .collect();
    for kind in [
        "grid_placed",
        "grid_item_added",
        "consent_phase_set",
        "consent_position_set",
        "consent_amended",
        "poll_counted",
        "poll_revealed",
    ] {
        assert!(kinds.contains(kind), "{kind} never generated: {kinds:?}");
    }
    // Replay describes every change, starting with the undo notice's words.
    let timeline = Timeline::new(&session);
    let mut at = session.initial_state();
    for (i, event) in session.events.iter().enumerate() {
        for lang in [Lang::Nl, Lang::En] {
            let said = describe(&session, &at, i, timeline.target(i), lang);
            assert!(said.starts_with(label(&event.change, lang)), "{said:?}");
        }
        at.apply(event).expect("folds");
    }
    assert_eq!(at.steps, state.steps);
    // The outline names every kind.
    let outline = super::outline::Outline::of(&session, &state, Lang::En);
    let text = outline.lines(&state, Lang::En).join("\n");
    assert!(text.contains("## Grid") && text.contains("## Decision") && text.contains("## Poll"));
}
