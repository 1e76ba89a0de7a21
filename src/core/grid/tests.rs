//! The grid's reducer, analysis and series.

use super::*;
use crate::core::kinds_testing::{live, refused, undone_and_redone_exactly};
use crate::core::{Change, ReduceError};

fn place(item: GridItem, x: u8, y: u8) -> Change {
    Change::GridPlaced {
        step: "raster".into(),
        item,
        at: Some(GridPoint { x, y }),
    }
}

fn party(id: &str) -> GridItem {
    GridItem::Party(id.into())
}

#[test]
fn a_grid_lists_the_parties_then_its_typed_items_and_starts_them_in_place() {
    let l = live();
    let index = l.state.scenario.step_index("raster").unwrap();
    let items = entries(&l.state, index, Lang::Nl);
    let labels: Vec<&str> = items.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels[0], "Gemeente");
    assert_eq!(labels.last(), Some(&"Bewoners"));
    assert_eq!(items.last().unwrap().at, Some(GridPoint { x: 4, y: 1 }));
    assert_eq!(items[0].short.as_deref(), Some("GEM"));
    // The start item took the first free id.
    assert!(matches!(items.last().unwrap().key, GridItem::Item(4)));
}

#[test]
fn every_grid_change_is_undone_and_redone_exactly() {
    let mut l = live();
    let card = l.state.board(0).unwrap().lanes[0].cards[0].id;
    let next = l.state.next_id;
    undone_and_redone_exactly(
        &mut l,
        vec![
            place(party("gemeente"), 4, 4),
            place(party("gemeente"), 3, 4),
            place(party("netbeheerder"), 1, 2),
            Change::GridNoted {
                step: "raster".into(),
                item: party("netbeheerder"),
                note: "wacht af".into(),
            },
            Change::GridItemAdded {
                step: "raster".into(),
                item: next,
                label: "Huurdersvereniging".into(),
                party: None,
                position: None,
            },
            place(GridItem::Item(next), 2, 3),
            Change::GridNoted {
                step: "raster".into(),
                item: GridItem::Item(next),
                note: "nog bellen".into(),
            },
            Change::GridItemEdited {
                step: "raster".into(),
                item: next,
                label: "Huurdersver.".into(),
            },
            Change::GridItemRemoved {
                step: "raster".into(),
                item: next,
            },
            Change::GridPlaced {
                step: "raster".into(),
                item: party("gemeente"),
                at: None,
            },
            Change::GridPlaced {
                step: "kaarten".into(),
                item: GridItem::Card(card),
                at: Some(GridPoint { x: 6, y: 6 }),
            },
        ],
    );
}

#[test]
fn refused_grid_changes_leave_state_and_log_untouched() {
    let mut l = live();
    refused(
        &mut l,
        place(party("gemeente"), 5, 1),
        ReduceError::OffGrid(5, 1, 4, 4),
    );
    refused(
        &mut l,
        place(party("gemeente"), 0, 1),
        ReduceError::OffGrid(0, 1, 4, 4),
    );
    refused(
        &mut l,
        place(party("nobody"), 1, 1),
        ReduceError::NoGridItem("raster".into()),
    );
    refused(
        &mut l,
        Change::GridPlaced {
            step: "kaarten".into(),
            item: party("gemeente"),
            at: Some(GridPoint { x: 1, y: 1 }),
        },
        ReduceError::NoGridItem("kaarten".into()),
    );
    refused(
        &mut l,
        Change::GridPlaced {
            step: "ideeen".into(),
            item: party("gemeente"),
            at: None,
        },
        ReduceError::WrongKind("ideeen".into(), "grid"),
    );
    refused(
        &mut l,
        Change::GridItemAdded {
            step: "raster".into(),
            item: 4,
            label: "twee keer".into(),
            party: None,
            position: None,
        },
        ReduceError::GridItemExists(4),
    );
    refused(
        &mut l,
        Change::GridItemAdded {
            step: "raster".into(),
            item: 90,
            label: "  ".into(),
            party: None,
            position: None,
        },
        ReduceError::EmptyText,
    );
    refused(
        &mut l,
        Change::GridItemRemoved {
            step: "raster".into(),
            item: 77,
        },
        ReduceError::NoGridItem("raster".into()),
    );
    refused(
        &mut l,
        Change::GridItemAdded {
            step: "raster".into(),
            item: 90,
            label: "x".into(),
            party: None,
            position: Some(5),
        },
        ReduceError::PastTheEnd(5, 1),
    );
}

#[test]
fn the_analysis_lists_quadrants_unplaced_items_and_what_moved() {
    let mut l = live();
    let mut scenario = (*l.state.scenario).clone();
    if let crate::core::StepKind::Grid(g) = &mut scenario.steps[1].kind {
        g.previous = vec![
            PreviousPlace {
                label: "Gemeente".into(),
                party: Some("gemeente".into()),
                at: GridPoint { x: 1, y: 4 },
            },
            PreviousPlace {
                label: "bewoners".into(),
                party: None,
                at: GridPoint { x: 4, y: 1 },
            },
            PreviousPlace {
                label: "Netbeheerder".into(),
                party: Some("netbeheerder".into()),
                at: GridPoint { x: 2, y: 2 },
            },
        ];
    }
    l.session.scenario = std::sync::Arc::new(scenario);
    l = crate::core::Live::open(l.session.clone()).unwrap();
    // The parties start where they stood.
    let index = 1;
    assert_eq!(
        entries(&l.state, index, Lang::Nl)[0].at,
        Some(GridPoint { x: 1, y: 4 })
    );
    l.record(place(party("gemeente"), 4, 4), crate::core::fixture::at(1))
        .unwrap();
    l.record(
        Change::GridPlaced {
            step: "raster".into(),
            item: party("netbeheerder"),
            at: None,
        },
        crate::core::fixture::at(2),
    )
    .unwrap();
    let a = analyse(&l.state, index, Lang::Nl).unwrap();
    assert_eq!(
        a.quadrants,
        vec![
            (Quadrant::TopRight, vec!["Gemeente".to_string()]),
            (Quadrant::TopLeft, vec![]),
            (Quadrant::BottomRight, vec!["Bewoners".to_string()]),
            (Quadrant::BottomLeft, vec![]),
        ]
    );
    assert!(a.unplaced.contains(&"Netbeheerder".to_string()));
    assert_eq!(
        a.moved,
        vec![
            Move {
                label: "Gemeente".into(),
                from: GridPoint { x: 1, y: 4 },
                to: Some(GridPoint { x: 4, y: 4 }),
                changed_quadrant: true,
            },
            Move {
                label: "Netbeheerder".into(),
                from: GridPoint { x: 2, y: 2 },
                to: None,
                changed_quadrant: false,
            },
        ],
        "Bewoners stayed, matched by its name in any case"
    );
}

#[test]
fn a_series_carries_where_everything_stood() {
    let mut first = live();
    first
        .record(place(party("gemeente"), 3, 3), crate::core::fixture::at(1))
        .unwrap();
    let mut scenario = (*first.state.scenario).clone();
    series::carry_over(&mut scenario, &first.state, Lang::Nl);
    let g = scenario.steps[1].kind.grid().unwrap();
    assert_eq!(
        g.previous,
        vec![
            PreviousPlace {
                label: "Gemeente".into(),
                party: Some("gemeente".into()),
                at: GridPoint { x: 3, y: 3 },
            },
            PreviousPlace {
                label: "Bewoners".into(),
                party: None,
                at: GridPoint { x: 4, y: 1 },
            },
        ]
    );
    assert_eq!(
        g.start.len(),
        1,
        "the typed item comes back as a start item"
    );
    assert!(crate::core::validate::validate_scenario(&scenario).is_empty());
}

#[test]
fn quadrants_split_each_axis_in_half() {
    let l = live();
    let g = l.state.scenario.steps[1].kind.grid().unwrap();
    let q = |x, y| g.quadrant(GridPoint { x, y });
    assert_eq!(q(2, 3), Quadrant::TopLeft);
    assert_eq!(q(3, 3), Quadrant::TopRight);
    assert_eq!(q(2, 2), Quadrant::BottomLeft);
    assert_eq!(q(3, 2), Quadrant::BottomRight);
    assert_eq!(
        g.nudge(GridPoint { x: 4, y: 1 }, 1, -1),
        GridPoint { x: 4, y: 1 }
    );
    assert_eq!(g.middle(), GridPoint { x: 2, y: 2 });
}
