//! The matrix and analysis screens as a person sees them, at 80x24 and 200x50, driven by the
//! keys a facilitator types.

use crossterm::event::{KeyCode, KeyModifiers};

use super::Fixture;
use crate::core::matrix;
use crate::core::{Lang, StepKind, StepState};

/// A new session of `id` in Dutch, on its step `step`.
fn on_step(id: &str, step: usize) -> Fixture {
    let mut f = Fixture::new(id, Lang::Nl);
    for _ in 0..step {
        f.keys("n");
    }
    f
}

/// The value of a cell, by row and column index.
fn cell(f: &Fixture, step: usize, row: usize, column: usize) -> Option<i32> {
    let state = &f.ws().live.state;
    let StepKind::Matrix(spec) = &state.scenario.steps[step].kind else {
        panic!("step {step} is not a matrix");
    };
    let rows = matrix::rows(state, spec, Lang::Nl);
    let Some(StepState::Matrix(cells)) = state.steps.get(step) else {
        panic!("no cells");
    };
    matrix::value(cells, &rows[row].key, &spec.columns[column].id)
}

fn right(f: &mut Fixture) {
    f.key(KeyCode::Right);
}

#[test]
fn rows_are_the_goals_tagged_with_their_party_and_values_are_written_in_the_cells() {
    let mut f = on_step("stakeholder-doelen", 1);
    // A digit moves on to the next cell of the row; `+` stays.
    f.keys("2-1+");
    assert_eq!(cell(&f, 1, 0, 0), Some(2));
    assert_eq!(cell(&f, 1, 0, 1), Some(-1));
    assert_eq!(cell(&f, 1, 0, 2), Some(1));
    let s = f.screen(80, 24);
    assert!(s.contains("[WOCO] 70%"), "{s}");
    assert!(s.contains("[GEM] Tevreden bewoners"), "{s}");
    assert!(s.contains("Gemeente") && s.contains("WARMTE"), "{s}");
    assert!(
        s.contains(" +2 ") && s.contains(" -1 ") && s.contains("[+1]"),
        "{s}"
    );
    // The selected cell in full below the grid, and the scale as a legend.
    assert!(s.contains("[WOCO] 70% van de huurders stemt in"), "{s}");
    assert!(s.contains("Warmtebedrijf:  +1"), "{s}");
    assert!(s.contains("-2  sterk tegen"), "{s}");
}

#[test]
fn minus_then_a_digit_sets_a_negative_value_and_x_clears() {
    let mut f = on_step("stakeholder-doelen", 1);
    f.keys("-2");
    assert_eq!(cell(&f, 1, 0, 0), Some(-2));
    f.keys("1");
    assert_eq!(cell(&f, 1, 0, 1), Some(1), "a digit alone is positive");
    f.keys("-");
    assert_eq!(cell(&f, 1, 0, 2), Some(-1), "- lowers the cell at once");
    right(&mut f);
    f.keys("2");
    assert_eq!(
        cell(&f, 1, 0, 3),
        Some(2),
        "the sign is for the next key only"
    );
    // The digit moved on to the next row; back to the +2 and clear it.
    f.key(KeyCode::Left);
    f.keys("x");
    assert_eq!(cell(&f, 1, 0, 3), None);
    f.keys("7");
    let s = f.screen(80, 24);
    assert!(s.contains("7 valt buiten de schaal -2..2"), "{s}");
    // Undo goes back through the log: the cleared +2 returns.
    f.keys("u");
    assert_eq!(cell(&f, 1, 0, 3), Some(2));
}

#[test]
fn a_digit_and_right_at_the_end_of_a_row_go_on_to_the_next_row() {
    let mut f = on_step("stakeholder-doelen", 1);
    // Five values in five keys (and one for the sign): along the row, then the next.
    f.keys("210-12");
    assert_eq!(cell(&f, 1, 0, 3), Some(-1));
    assert_eq!(cell(&f, 1, 1, 0), Some(2));
    let s = f.screen(80, 24);
    assert!(s.contains("rij 2/15"), "{s}");
    assert!(s.contains("cijfer zet, daarna →"), "{s}");
    // → at the end of a row goes on to the next row too.
    for _ in 0..3 {
        right(&mut f);
    }
    assert!(f.screen(80, 24).contains("rij 3/15"));
}

#[test]
fn r_chooses_down_the_column_or_staying_and_the_hint_says_which() {
    let mut f = on_step("stakeholder-doelen", 1);
    f.keys("r");
    for (w, h) in [(80, 24), (120, 35)] {
        assert!(f.screen(w, h).contains("cijfer zet, daarna ↓"));
    }
    f.keys("212");
    assert_eq!(
        (cell(&f, 1, 0, 0), cell(&f, 1, 1, 0), cell(&f, 1, 2, 0)),
        (Some(2), Some(1), Some(2))
    );
    assert!(f.screen(80, 24).contains("rij 4/15"));
    f.keys("r");
    assert!(f.screen(80, 24).contains("cijfer zet, blijft staan"));
    f.keys("12");
    assert_eq!(cell(&f, 1, 3, 0), Some(2));
    assert_eq!(cell(&f, 1, 4, 0), None);
    // The last cell stays where it is.
    f.keys("r");
    f.key(KeyCode::End);
    for _ in 0..20 {
        f.key(KeyCode::Down);
        right(&mut f);
    }
    f.keys("1");
    assert_eq!(cell(&f, 1, 14, 3), Some(1));
    assert!(f.screen(80, 24).contains("rij 15/15"));
}

#[test]
fn a_note_is_marked_in_the_cell_and_told_below_the_grid() {
    let mut f = on_step("stakeholder-doelen", 1);
    f.keys("2");
    f.key(KeyCode::Left);
    f.keys("e");
    f.keys("alleen bij lage huur");
    f.key(KeyCode::Enter);
    let s = f.screen(80, 24);
    assert!(s.contains("+2*"), "{s}");
    assert!(s.contains("notitie: alleen bij lage huur"), "{s}");
    // An empty note removes it.
    f.keys("e");
    for _ in 0..30 {
        f.key(KeyCode::Backspace);
    }
    f.key(KeyCode::Enter);
    let s = f.screen(80, 24);
    assert!(!s.contains("+2*") && !s.contains("lage huur"), "{s}");
}

#[test]
fn headings_stay_in_view_while_the_rows_scroll_at_80x24() {
    let mut f = on_step("stakeholder-doelen", 1);
    for _ in 0..14 {
        f.key(KeyCode::Down);
    }
    let s = f.screen(80, 24);
    assert!(s.contains("rij 15/15"), "{s}");
    assert!(s.contains("▲"), "{s}");
    assert!(s.contains("Gemeente"), "{s}");
    assert!(s.contains("▶ [COOP] Een minimaal aantal"), "{s}");
    assert!(
        !s.contains("[WOCO] 70%"),
        "the first row scrolled away:\n{s}"
    );
}

#[test]
fn every_goal_fits_at_200x50_and_a_new_card_is_a_new_row() {
    let mut f = Fixture::new("stakeholder-doelen", Lang::Nl);
    f.add("Betaalbare huur");
    f.keys("n");
    let s = f.screen(200, 50);
    assert!(s.contains("rij 1/16"), "{s}");
    assert!(s.contains("[WOCO] 70% van de huurders stemt in"), "{s}");
    assert!(s.contains("[WOCO] Betaalbare huur"), "{s}");
    assert!(s.contains("[COOP] Een minimaal aantal deelnemers"), "{s}");
    assert!(s.contains("Energiecoöperatie"), "{s}");
    assert!(!s.contains("▼"), "{s}");
}

/// Rates the first goals so that shared ground, tension and a blind spot show:
/// row 0 (70% consent): only WOCO +2; row 1 (satisfied tenants): 2 2 1 2;
/// row 2 (low connection costs): +2 . -2 .
fn rate(f: &mut Fixture) {
    f.keys("2");
    f.key(KeyCode::Down);
    f.key(KeyCode::Left);
    f.keys("22122");
    right(f);
    f.keys("-2");
    assert_eq!(cell(f, 1, 2, 2), Some(-2));
}

#[test]
fn the_analysis_names_shared_ground_tension_and_blind_spots_at_80x24() {
    let mut f = on_step("stakeholder-doelen", 1);
    rate(&mut f);
    f.keys("A");
    let s = f.screen(80, 24);
    assert!(s.contains("GEDEELDE GROND"), "{s}");
    assert!(s.contains("1. Tevreden huurders [WOCO]  (4/4)"), "{s}");
    assert!(s.contains("SPANNING"), "{s}");
    assert!(s.contains("1. Lage aansluitkosten [WOCO]"), "{s}");
    assert!(
        s.contains("▲  +2  WOCO") && s.contains("▼  -2  WARMTE"),
        "{s}"
    );
    assert!(s.contains("BLINDE VLEKKEN"), "{s}");
    assert!(
        s.contains("70% van de huurders stemt in [WOCO] — alleen de eigen partij"),
        "{s}"
    );
    // Keys that change cells do nothing while the analysis is up.
    f.keys("1");
    assert_eq!(cell(&f, 1, 2, 2), Some(-2));
    assert!(f.screen(80, 24).contains("A of Esc gaat terug"));
    f.key(KeyCode::Esc);
    assert!(f.screen(80, 24).contains("rij 3/15"));
}

#[test]
fn the_analysis_at_200x50_is_large_with_both_ends_named_in_full() {
    let mut f = on_step("stakeholder-doelen", 1);
    rate(&mut f);
    f.keys("A");
    let s = f.screen(200, 50);
    // Big headings are drawn in block characters, not letters.
    assert!(!s.contains("GEDEELDE GROND"), "{s}");
    assert!(s.chars().any(|c| ('▀'..='▟').contains(&c)), "{s}");
    assert!(s.contains("1. Tevreden huurders [WOCO]"), "{s}");
    assert!(
        s.contains("4 van 4 partijen positief · gemiddeld +1,8"),
        "{s}"
    );
    assert!(s.contains("▲  +2  Woningcorporatie"), "{s}");
    assert!(s.contains("▼  -2  Warmtebedrijf"), "{s}");
    assert!(s.contains("Gedeelde grond: minstens ¾"), "{s}");
    assert!(s.contains("Nog door niemand beoordeeld (12):"), "{s}");
    // `A` again is the grid.
    f.keys("A");
    assert!(f.screen(200, 50).contains("rij 3/15"));
}

#[test]
fn the_step_plan_check_shows_tracks_gaps_and_results() {
    let mut f = on_step("stappenplan-check", 0);
    // Ambitie: Gereed, Niet begonnen, Bezig.
    f.keys("312");
    f.key(KeyCode::Left);
    let s = f.screen(80, 24);
    assert!(
        s.contains("Gereed") && s.contains("Nog niet") && s.contains("[Bezig]"),
        "{s}"
    );
    f.keys("A");
    let s = f.screen(80, 24);
    assert!(s.contains("SPOREN"), "{s}");
    assert!(s.contains("Ontwikkelen: Bezig"), "{s}");
    assert!(
        s.contains("Uitwerken (niet begonnen) loopt achter op Ontwikkelen (bezig)"),
        "{s}"
    );
    // The glyphs' columns are named, left to right.
    assert!(s.contains("Fases van links naar rechts"), "{s}");
    // The results are further down: ↓ scrolls to them.
    let mut s = s;
    for _ in 0..10 {
        if s.contains("RESULTATEN") {
            break;
        }
        f.key(KeyCode::Down);
        s = f.screen(80, 24);
    }
    assert!(s.contains("RESULTATEN"), "{s}");
    // The results step shows the same analysis, with the letter of intent in place.
    f.keys("A");
    f.keys("n3A");
    let s = f.screen(200, 50);
    assert!(s.contains("✓ Intentieovereenkomst"), "{s}");
    assert!(s.contains("Opstarten: 1 van 1 sporen gereed"), "{s}");
    assert!(s.contains("? Uitvoeringsplan"), "{s}");
}

#[test]
fn the_help_lists_the_matrix_keys() {
    let mut f = on_step("stakeholder-doelen", 1);
    f.press(KeyCode::Char('?'), KeyModifiers::NONE);
    let s = f.screen(100, 40);
    assert!(s.contains("min twee: eerst -, dan 2"), "{s}");
    assert!(s.contains("analyse tonen"), "{s}");
}

#[test]
fn no_size_makes_it_panic() {
    let mut f = on_step("stakeholder-doelen", 1);
    rate(&mut f);
    for analysis in [false, true] {
        if analysis {
            f.keys("A");
        }
        for (w, h) in [
            (20, 6),
            (24, 8),
            (40, 12),
            (60, 16),
            (80, 24),
            (120, 30),
            (250, 70),
        ] {
            let _ = f.screen(w, h);
        }
    }
    let mut f = on_step("stappenplan-check", 0);
    for (w, h) in [(20, 6), (33, 9), (80, 24), (200, 50)] {
        let _ = f.screen(w, h);
    }
}

#[test]
fn columns_scroll_sideways_when_the_values_would_not_fit() {
    let mut f = on_step("stappenplan-check", 0);
    let s = f.screen(50, 20);
    assert!(s.contains("Opstarten") && s.contains("▶"), "{s}");
    for _ in 0..4 {
        right(&mut f);
    }
    f.keys("4");
    // The digit moved on to the next row; back to the cell.
    f.key(KeyCode::Left);
    let s = f.screen(50, 20);
    assert!(s.contains("◀") && s.contains("Beheren"), "{s}");
    assert!(!s.contains("Opstarten"), "{s}");
    assert!(s.contains("[N.v.t.]"), "{s}");
    // The row headings stay.
    assert!(s.contains("▶ Ambitie"), "{s}");
}
