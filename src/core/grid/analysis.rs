//! What a grid says: which items stand in which quadrant, which are not placed yet, and
//! which moved since the previous meeting (when `new --from` wrote where they stood).

use serde::Serialize;

use super::{Entry, GridItem, GridPoint, GridSpec, Quadrant, entries};
use crate::core::state::SessionState;
use crate::core::text::Lang;

/// The analysis of a grid step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GridAnalysis {
    /// Per quadrant (top right first), the labels of the items in it, in list order.
    pub quadrants: Vec<(Quadrant, Vec<String>)>,
    /// Items without a place.
    pub unplaced: Vec<String>,
    /// Items that stand elsewhere than at the previous meeting, and items placed then that
    /// are not placed now. Empty without a previous meeting.
    pub moved: Vec<Move>,
    /// Whether the grid knows where things stood at a previous meeting.
    pub has_previous: bool,
}

/// An item that moved since the previous meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Move {
    /// The item's label.
    pub label: String,
    /// Where it stood then.
    pub from: GridPoint,
    /// Where it stands now; none when it is not placed now.
    pub to: Option<GridPoint>,
    /// Whether it changed quadrant (false while it is not placed).
    pub changed_quadrant: bool,
}

/// A label as compared across meetings: trimmed, lower case.
pub fn same_label(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The analysis of grid step `index` of `state`.
pub fn analyse(state: &SessionState, index: usize, lang: Lang) -> Option<GridAnalysis> {
    let spec = state.scenario.steps.get(index)?.kind.grid()?;
    let items = entries(state, index, lang);
    Some(of_entries(spec, &items))
}

/// The analysis of a grid's items.
pub fn of_entries(spec: &GridSpec, items: &[Entry]) -> GridAnalysis {
    let quadrants = Quadrant::ALL
        .iter()
        .map(|q| {
            let labels = items
                .iter()
                .filter(|e| e.at.is_some_and(|p| spec.quadrant(p) == *q))
                .map(|e| e.label.clone())
                .collect();
            (*q, labels)
        })
        .collect();
    let unplaced = items
        .iter()
        .filter(|e| e.at.is_none())
        .map(|e| e.label.clone())
        .collect();
    let mut moved = Vec::new();
    for then in &spec.previous {
        let now = items.iter().find(|e| match (&then.party, &e.key) {
            (Some(p), GridItem::Party(q)) => p == q,
            (None, GridItem::Card(_) | GridItem::Item(_)) => same_label(&e.label, &then.label),
            _ => false,
        });
        let Some(now) = now else {
            continue;
        };
        if now.at == Some(then.at) {
            continue;
        }
        moved.push(Move {
            label: now.label.clone(),
            from: then.at,
            to: now.at,
            changed_quadrant: now
                .at
                .is_some_and(|p| spec.quadrant(p) != spec.quadrant(then.at)),
        });
    }
    GridAnalysis {
        quadrants,
        unplaced,
        moved,
        has_previous: !spec.previous.is_empty(),
    }
}
