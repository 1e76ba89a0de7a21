//! The analysis on small matrices computed by hand.

use super::*;
use crate::core::scenario::{Level, Scale};
use crate::core::state::Cell;
use crate::core::text::Text;

fn axis(id: &str, party: Option<&str>) -> Axis {
    Axis {
        id: id.into(),
        label: Text::new(id.to_uppercase(), id.to_uppercase()),
        party: party.map(str::to_string),
    }
}

fn spec(columns: &[(&str, Option<&str>)], scale: Scale, analysis: AnalysisKind) -> MatrixSpec {
    MatrixSpec {
        rows: vec![],
        rows_from: None,
        columns: columns.iter().map(|(id, p)| axis(id, *p)).collect(),
        scale,
        analysis,
        results: None,
    }
}

fn rows(labels: &[(&str, Option<&str>)]) -> Vec<MatrixRow> {
    labels
        .iter()
        .map(|(l, p)| MatrixRow {
            key: RowRef::Row(l.to_string()),
            label: l.to_string(),
            party: p.map(str::to_string),
        })
        .collect()
}

/// Cells from a table: one line per row, `.` for empty.
fn make_cells(spec: &MatrixSpec, rows: &[MatrixRow], table: &[&[Option<i32>]]) -> MatrixState {
    let mut m = MatrixState::default();
    for (row, values) in rows.iter().zip(table) {
        for (col, v) in spec.columns.iter().zip(values.iter()) {
            if let Some(v) = v {
                m.cells.insert(
                    (row.key.clone(), col.id.clone()),
                    Cell {
                        value: Some(*v),
                        note: String::new(),
                    },
                );
            }
        }
    }
    m
}

fn numeric(min: i32, max: i32) -> Scale {
    Scale::Numeric {
        min,
        max,
        labels: vec![],
    }
}

fn level(id: &str, counts: bool) -> Level {
    Level {
        id: id.into(),
        label: Text::new(id, id),
        short: None,
        counts,
    }
}

fn labels_of(rows: &[RowInfo]) -> Vec<&str> {
    rows.iter().map(|r| r.label.as_str()).collect()
}

const N: Option<i32> = None;

fn four_parties() -> MatrixSpec {
    spec(
        &[
            ("woco", Some("woningcorporatie")),
            ("gem", Some("gemeente")),
            ("warmte", Some("warmtebedrijf")),
            ("coop", Some("energiecooperatie")),
        ],
        numeric(-2, 2),
        AnalysisKind::Goals,
    )
}

#[test]
fn shared_ground_needs_three_quarters_for_and_nobody_against_ranked_with_ties_by_row() {
    let spec = four_parties();
    let rows = rows(&[
        ("a", None),
        ("b", None),
        ("c", None),
        ("d", None),
        ("e", None),
        ("f", None),
        ("g", None),
    ]);
    let table: &[&[Option<i32>]] = &[
        &[Some(2), Some(2), Some(1), Some(2)],  // a: 4 for, mean 1.75
        &[Some(1), Some(1), Some(1), Some(0)],  // b: 3 for, mean 0.75
        &[Some(2), Some(2), Some(2), Some(-1)], // c: one against: tension 3
        &[Some(2), Some(1), Some(2), Some(2)],  // d: ties a exactly: after a
        &[Some(2), Some(-2), N, N],             // e: tension 4
        &[Some(1), Some(1), N, N],              // f: 2 of 4 for: not shared, spread 0
        &[N, N, N, N],                          // g: not rated
    ];
    let cells = make_cells(&spec, &rows, table);
    let a = goals(
        MatrixInput {
            spec: &spec,
            rows: &rows,
            cells: &cells,
        },
        Lang::Nl,
    );
    assert_eq!(
        labels_of(
            &a.shared_ground
                .iter()
                .map(|s| s.row.clone())
                .collect::<Vec<_>>()
        ),
        vec!["a", "d", "b"]
    );
    assert_eq!(a.shared_ground[0].positive, 4);
    assert_eq!(a.shared_ground[0].mean, 1.75);
    assert_eq!(a.shared_ground[2].positive, 3);
    assert_eq!(a.shared_ground[2].columns, 4);
    let t: Vec<(&str, i32)> = a
        .tension
        .iter()
        .map(|t| (t.row.label.as_str(), t.spread))
        .collect();
    assert_eq!(t, vec![("e", 4), ("c", 3)]);
    assert!(a.indifference.is_empty(), "no row is for and neutral only");
    let c = &a.tension[1];
    assert_eq!(c.high.value.text, "+2");
    assert_eq!(
        c.high
            .columns
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        vec!["woco", "gem", "warmte"]
    );
    assert_eq!(c.low.value.text, "-1");
    assert_eq!(c.low.columns[0].party.as_deref(), Some("energiecooperatie"));
    assert_eq!(labels_of(&a.not_rated), vec!["g"]);
    assert_eq!((a.cells_rated, a.cells_total), (20, 28));
}

#[test]
fn tension_needs_parties_on_both_sides_and_ties_keep_row_order() {
    let spec = four_parties();
    let rows = rows(&[("x", None), ("y", None), ("z", None), ("w", None)]);
    let table: &[&[Option<i32>]] = &[
        &[Some(1), Some(0), N, N],             // for and neutral, spread 1: nothing
        &[Some(1), Some(-1), N, N],            // for and against: tension 2
        &[Some(0), Some(-2), Some(0), N],      // against and neutral: indifference 2
        &[Some(2), Some(2), Some(2), Some(0)], // shared ground, so not tension
    ];
    let cells = make_cells(&spec, &rows, table);
    let a = goals(
        MatrixInput {
            spec: &spec,
            rows: &rows,
            cells: &cells,
        },
        Lang::Nl,
    );
    let t: Vec<&str> = a.tension.iter().map(|t| t.row.label.as_str()).collect();
    assert_eq!(t, vec!["y"]);
    assert_eq!(a.tension[0].spread, 2);
    assert_eq!(a.tension[0].high.value.text, "+1");
    assert_eq!(a.tension[0].low.value.text, "-1");
    let i: Vec<&str> = a
        .indifference
        .iter()
        .map(|t| t.row.label.as_str())
        .collect();
    assert_eq!(i, vec!["z"]);
    // Two columns shrug at 0, one is against at -2.
    assert_eq!(a.indifference[0].high.columns.len(), 2);
    assert_eq!(a.indifference[0].high.value.text, "0");
    assert_eq!(a.indifference[0].low.value.text, "-2");
    assert_eq!(
        labels_of(
            &a.shared_ground
                .iter()
                .map(|s| s.row.clone())
                .collect::<Vec<_>>()
        ),
        vec!["w"]
    );
}

/// The example: +2 against 0 is indifference, not a conflict. Worked by hand on
/// -2..+2 (width 4, so ranks 0..4 and the middle at rank 2):
/// - "businesscase" +2 (warmte) against 0 (gem, coop): for and neutral, spread 4 - 2 = 2,
///   2·2 >= 4: indifference 2;
/// - "klein verschil" +1 against 0: spread 1, 2·1 < 4: nothing;
/// - "verdeeld" +2, -1, 0: for and against: tension, spread 4 - 1 = 3;
/// - "tegen" +1 against -1: tension, spread 3 - 1 = 2.
#[test]
fn plus_two_against_zero_is_indifference_and_tension_is_for_against_by_spread() {
    let spec = four_parties();
    let rows = rows(&[
        ("businesscase", Some("warmtebedrijf")),
        ("klein verschil", None),
        ("tegen", None),
        ("verdeeld", None),
    ]);
    let table: &[&[Option<i32>]] = &[
        &[N, Some(0), Some(2), Some(0)],
        &[Some(1), Some(0), N, N],
        &[Some(1), Some(-1), N, N],
        &[Some(2), Some(-1), Some(0), N],
    ];
    let cells = make_cells(&spec, &rows, table);
    let a = goals(
        MatrixInput {
            spec: &spec,
            rows: &rows,
            cells: &cells,
        },
        Lang::Nl,
    );
    let t: Vec<(&str, i32)> = a
        .tension
        .iter()
        .map(|t| (t.row.label.as_str(), t.spread))
        .collect();
    assert_eq!(t, vec![("verdeeld", 3), ("tegen", 2)]);
    let i: Vec<(&str, i32)> = a
        .indifference
        .iter()
        .map(|t| (t.row.label.as_str(), t.spread))
        .collect();
    assert_eq!(i, vec![("businesscase", 2)]);
    let b = &a.indifference[0];
    assert_eq!(b.high.value.text, "+2");
    assert_eq!(b.high.columns[0].id, "warmte");
    let shrug: Vec<&str> = b.low.columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(shrug, vec!["gem", "coop"]);
    assert!(a.shared_ground.is_empty());
}

#[test]
fn one_party_makes_no_shared_ground_or_tension_only_blind_spots() {
    let spec = spec(
        &[("gem", Some("gemeente"))],
        numeric(-2, 2),
        AnalysisKind::Goals,
    );
    let rows = rows(&[
        ("eigen", Some("gemeente")),
        ("ander", Some("warmtebedrijf")),
        ("leeg", Some("gemeente")),
    ]);
    let cells = make_cells(&spec, &rows, &[&[Some(2)], &[Some(-2)], &[N]]);
    let a = goals(
        MatrixInput {
            spec: &spec,
            rows: &rows,
            cells: &cells,
        },
        Lang::En,
    );
    assert!(a.shared_ground.is_empty());
    assert!(a.tension.is_empty());
    assert_eq!(labels_of(&a.own_party_only), vec!["eigen"]);
    assert_eq!(labels_of(&a.not_rated), vec!["leeg"]);
}

#[test]
fn own_party_only_is_a_blind_spot_when_others_could_have_rated() {
    let spec = four_parties();
    let rows = rows(&[
        ("70% instemming", Some("woningcorporatie")),
        ("businesscase", Some("warmtebedrijf")),
        ("zonder partij", None),
    ]);
    let table: &[&[Option<i32>]] = &[
        &[Some(2), N, N, N],
        &[N, Some(0), Some(2), N],
        &[Some(1), N, N, N],
    ];
    let cells = make_cells(&spec, &rows, table);
    let a = goals(
        MatrixInput {
            spec: &spec,
            rows: &rows,
            cells: &cells,
        },
        Lang::Nl,
    );
    assert_eq!(labels_of(&a.own_party_only), vec!["70% instemming"]);
    assert!(a.not_rated.is_empty());
}

#[test]
fn on_a_scale_without_negatives_the_lower_half_counts_against() {
    let spec = spec(
        &[("a", None), ("b", None), ("c", None)],
        numeric(0, 3),
        AnalysisKind::Goals,
    );
    let rows = rows(&[("belangrijk", None), ("verdeeld", None), ("lauw", None)]);
    let table: &[&[Option<i32>]] = &[
        &[Some(3), Some(2), Some(2)],
        &[Some(3), Some(2), Some(1)],
        &[Some(1), Some(1), Some(0)],
    ];
    let cells = make_cells(&spec, &rows, table);
    let a = goals(
        MatrixInput {
            spec: &spec,
            rows: &rows,
            cells: &cells,
        },
        Lang::Nl,
    );
    assert_eq!(a.shared_ground.len(), 1);
    assert_eq!(a.shared_ground[0].row.label, "belangrijk");
    assert!((a.shared_ground[0].mean - 7.0 / 3.0).abs() < 1e-9);
    let t: Vec<(&str, i32)> = a
        .tension
        .iter()
        .map(|t| (t.row.label.as_str(), t.spread))
        .collect();
    assert_eq!(t, vec![("verdeeld", 2)]);
    // "lauw" (1, 1, 0) is against all round: no tension, and 0..3 has no middle value, so
    // no indifference either.
    assert!(a.indifference.is_empty());
}

#[test]
fn named_levels_rank_by_position_and_not_applicable_steps_aside() {
    let scale = Scale::Levels {
        levels: vec![
            level("laag", true),
            level("midden", true),
            level("hoog", true),
            level("nvt", false),
        ],
    };
    let spec = spec(
        &[("a", None), ("b", None), ("c", None)],
        scale,
        AnalysisKind::Goals,
    );
    let rows = rows(&[
        ("twee en nvt", None),
        ("uiteen", None),
        ("alleen nvt", None),
    ]);
    let table: &[&[Option<i32>]] = &[
        &[Some(2), Some(2), Some(3)],
        &[Some(0), Some(2), Some(3)],
        &[Some(3), N, N],
    ];
    let cells = make_cells(&spec, &rows, table);
    let a = goals(
        MatrixInput {
            spec: &spec,
            rows: &rows,
            cells: &cells,
        },
        Lang::Nl,
    );
    assert_eq!(a.shared_ground.len(), 1);
    assert_eq!(a.shared_ground[0].row.label, "twee en nvt");
    assert_eq!(
        (a.shared_ground[0].positive, a.shared_ground[0].columns),
        (2, 2)
    );
    assert_eq!(a.shared_ground[0].mean, 2.0);
    assert_eq!(a.tension.len(), 1);
    assert_eq!(a.tension[0].high.value.text, "hoog");
    assert_eq!(a.tension[0].low.value.text, "laag");
    assert_eq!(a.tension[0].low.columns[0].id, "a");
    // "n.v.t." is a rating: the row is not a blind spot of nobody.
    assert!(a.not_rated.is_empty());
}

fn phase_scale() -> Scale {
    Scale::Levels {
        levels: vec![
            level("niet", true),
            level("bezig", true),
            level("gereed", true),
            level("nvt", false),
        ],
    }
}

#[test]
fn phases_reached_finished_and_gaps_with_results_in_place() {
    let mut spec = spec(
        &[
            ("p0", None),
            ("p1", None),
            ("p2", None),
            ("p3", None),
            ("p4", None),
        ],
        phase_scale(),
        AnalysisKind::Phases,
    );
    spec.results = Some("resultaten".into());
    let tracks = rows(&[
        ("t0", None),
        ("t1", None),
        ("t2", None),
        ("t3", None),
        ("t4", None),
    ]);
    let (niet, bezig, gereed, nvt) = (Some(0), Some(1), Some(2), Some(3));
    let table: &[&[Option<i32>]] = &[
        &[gereed, gereed, bezig, niet, niet],
        &[gereed, niet, bezig, N, N],
        &[nvt, gereed, niet, bezig, gereed],
        &[N, N, N, N, N],
        &[bezig, gereed, gereed, N, N],
    ];
    let cells = make_cells(&spec, &tracks, table);
    let r_spec = MatrixSpec {
        rows: vec![],
        rows_from: None,
        columns: vec![axis("status", None)],
        scale: Scale::Levels {
            levels: vec![
                level("niet", true),
                level("voorbereiding", true),
                level("gereed", true),
            ],
        },
        analysis: AnalysisKind::None,
        results: None,
    };
    let r_rows = rows(&[("intentie", None), ("sok", None), ("plan", None)]);
    let r_cells = make_cells(&r_spec, &r_rows, &[&[Some(2)], &[Some(1)], &[N]]);
    let a = phases(
        MatrixInput {
            spec: &spec,
            rows: &tracks,
            cells: &cells,
        },
        Some(MatrixInput {
            spec: &r_spec,
            rows: &r_rows,
            cells: &r_cells,
        }),
        Lang::Nl,
    );
    let reached: Vec<Option<(usize, &str)>> = a
        .tracks
        .iter()
        .map(|t| t.reached.as_ref().map(|r| (r.index, r.value.text.as_str())))
        .collect();
    assert_eq!(
        reached,
        vec![
            Some((2, "bezig")),
            Some((2, "bezig")),
            Some((4, "gereed")),
            None,
            Some((2, "gereed")),
        ]
    );
    let finished: Vec<usize> = a.tracks.iter().map(|t| t.finished).collect();
    assert_eq!(finished, vec![2, 1, 2, 0, 0]);
    let unrated: Vec<usize> = a.tracks.iter().map(|t| t.unrated).collect();
    assert_eq!(unrated, vec![0, 2, 0, 5, 2]);
    let gaps: Vec<(&str, usize, usize)> = a
        .gaps
        .iter()
        .map(|g| (g.row.label.as_str(), g.earlier.index, g.later.index))
        .collect();
    assert_eq!(
        gaps,
        vec![("t1", 1, 2), ("t2", 2, 4), ("t2", 3, 4), ("t4", 0, 1)]
    );
    // Three results for five phases: the extra phases have none.
    assert_eq!(a.results.len(), 3);
    let r0 = &a.results[0];
    assert_eq!((r0.result.label.as_str(), r0.in_place), ("intentie", true));
    assert_eq!((r0.tracks_finished, r0.tracks_counted), (2, 3));
    let r1 = &a.results[1];
    assert!(!r1.in_place);
    assert_eq!(
        r1.status.as_ref().map(|s| s.text.as_str()),
        Some("voorbereiding")
    );
    assert_eq!((r1.tracks_finished, r1.tracks_counted), (3, 4));
    assert_eq!(a.results[2].status, None);
}

#[test]
fn the_same_input_gives_the_same_analysis() {
    let spec = four_parties();
    let rows = rows(&[("a", None), ("b", None)]);
    let cells = make_cells(
        &spec,
        &rows,
        &[
            &[Some(2), Some(-2), Some(1), N],
            &[Some(1), Some(1), Some(1), Some(1)],
        ],
    );
    let input = MatrixInput {
        spec: &spec,
        rows: &rows,
        cells: &cells,
    };
    let one = serde_json::to_string(&goals(input, Lang::Nl)).expect("serializes");
    let two = serde_json::to_string(&goals(input, Lang::Nl)).expect("serializes");
    assert_eq!(one, two);
    assert!(one.contains("\"shared_ground\""), "{one}");
}

#[test]
fn the_analysis_follows_the_log_through_undo_and_a_deleted_card() {
    use crate::core::Change;
    use crate::core::fixture::{at, live};
    let mut live = live();
    let card = match live.state.board(0).and_then(|b| b.cards().next()) {
        Some(c) => c.id,
        None => panic!("the fixture's board has a starting card"),
    };
    let set = |column: &str, value: i32| Change::CellSet {
        step: "matrix".into(),
        row: RowRef::Card(card),
        column: column.into(),
        value: Some(value),
    };
    let changes = [
        set("gemeente", 2),
        set("initiatief", -2),
        Change::Undo,
        Change::CardDeleted {
            step: "bord".into(),
            card,
        },
    ];
    for (i, c) in changes.into_iter().enumerate() {
        if let Err(e) = live.record(c, at(i as i64)) {
            panic!("change {i}: {e}");
        }
    }
    let tension_at = |n: usize| -> Vec<i32> {
        let state = match live.session.state_at(n) {
            Ok(s) => s,
            Err(p) => panic!("{p:?}"),
        };
        match of_step(&state, 1, Lang::Nl) {
            Some(Analysis::Goals(g)) => g.tension.iter().map(|t| t.spread).collect(),
            other => panic!("expected goals, got {other:?}"),
        }
    };
    assert_eq!(tension_at(1), Vec::<i32>::new());
    assert_eq!(tension_at(2), vec![4]);
    assert_eq!(
        tension_at(3),
        Vec::<i32>::new(),
        "the undo took the -2 away"
    );
    let Some(Analysis::Goals(g)) = of_step(&live.state, 1, Lang::Nl) else {
        panic!("goals");
    };
    assert_eq!(
        (g.cells_rated, g.cells_total),
        (0, 0),
        "a deleted card is no row"
    );
    // The outline of a moment carries the analysis of that moment.
    let state = match live.session.state_at(2) {
        Ok(s) => s,
        Err(p) => panic!("{p:?}"),
    };
    let outline = crate::core::outline::Outline::of(&live.session, &state, Lang::Nl);
    let json = serde_json::to_string(&outline).unwrap_or_default();
    assert!(json.contains("\"tension\":[{"), "{json}");
    let text = outline.lines(&state, Lang::Nl).join("\n");
    assert!(text.contains("Spanning:"), "{text}");
    assert!(text.contains("(verschil 4)"), "{text}");
}
