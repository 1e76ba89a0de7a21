//! Comparing two meetings' grids: which items stand elsewhere (parties by party, other
//! items by their name, since cards and typed items have other ids in each meeting).

use serde::{Deserialize, Serialize};

use super::outcome::{GridItemOutcome, GridOutcome};
use crate::core::Lang;
use crate::core::grid::{GridItem, GridPoint, point_text, same_label};

/// An item of a grid that stands elsewhere in the later meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridMove {
    /// The item's name.
    pub label: String,
    /// Where it stood (none: not placed, or not there).
    pub old: Option<GridPoint>,
    /// Where it stands now (none: not placed, or gone).
    pub new: Option<GridPoint>,
    /// The quadrant it stood in, by name.
    pub old_quadrant: Option<String>,
    /// The quadrant it stands in, by name.
    pub new_quadrant: Option<String>,
}

impl GridMove {
    /// "Gemeente: 1,4 (tevreden houden) → 4,4 (nauw betrekken)".
    pub fn line(&self, lang: Lang) -> String {
        let place = |p: Option<GridPoint>, q: &Option<String>| match (p, q) {
            (Some(p), Some(q)) => format!("{} ({q})", point_text(p)),
            (Some(p), None) => point_text(p),
            (None, _) => lang.pick("niet geplaatst", "not placed").to_string(),
        };
        format!(
            "{}: {} → {}",
            self.label,
            place(self.old, &self.old_quadrant),
            place(self.new, &self.new_quadrant)
        )
    }
}

fn same(a: &GridItemOutcome, b: &GridItemOutcome) -> bool {
    match (&a.key, &b.key) {
        (GridItem::Party(x), GridItem::Party(y)) => x == y,
        (GridItem::Party(_), _) | (_, GridItem::Party(_)) => false,
        _ => same_label(&a.label, &b.label),
    }
}

/// The items whose place differs between the two grids, in the later grid's order, then
/// those only the earlier one placed.
pub fn moves(old: &GridOutcome, new: &GridOutcome, lang: Lang) -> Vec<GridMove> {
    let quadrant = |g: &GridOutcome, i: &GridItemOutcome| {
        i.quadrant
            .map(|q| g.quadrants.name(q).get(lang).to_string())
    };
    let mut out = Vec::new();
    for b in &new.items {
        let a = old.items.iter().find(|a| same(a, b));
        let before = a.and_then(|a| a.at);
        if before != b.at {
            out.push(GridMove {
                label: b.label.clone(),
                old: before,
                new: b.at,
                old_quadrant: a.and_then(|a| quadrant(old, a)),
                new_quadrant: quadrant(new, b),
            });
        }
    }
    for a in &old.items {
        if a.at.is_some() && !new.items.iter().any(|b| same(a, b)) {
            out.push(GridMove {
                label: a.label.clone(),
                old: a.at,
                new: None,
                old_quadrant: quadrant(old, a),
                new_quadrant: None,
            });
        }
    }
    out
}
