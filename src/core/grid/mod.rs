//! A grid step: items placed on two axes, such as influence × interest ("invloed ×
//! belang"), each axis a short scale with named ends; the four quadrants have names
//! ("nauw betrekken", "tevreden houden", ...). The items are the scenario's parties, the
//! cards of an earlier board step, or typed on the spot (and any grid takes typed items).
//!
//! The spec is what a scenario file says; the state what the room placed. Positions count
//! from 1 (left, bottom) to the axis's `points` (right, top).

mod analysis;
mod reduce;
pub mod series;
#[cfg(test)]
mod tests;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use analysis::{GridAnalysis, Move, analyse, same_label};

use super::state::{CardId, SessionState, StepState};
use super::text::{Lang, Text};

/// Points per axis when the file gives none.
pub const DEFAULT_POINTS: u8 = 4;
/// The points an axis may have: an even number, so the quadrants split it in half.
pub const POINTS: [u8; 4] = [2, 4, 6, 8];

/// The spec of a grid step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridSpec {
    /// The horizontal axis (left to right).
    pub x: GridAxis,
    /// The vertical axis (bottom to top).
    pub y: GridAxis,
    /// The names of the four quadrants.
    pub quadrants: Quadrants,
    /// Where the items come from: the parties, or typed on the spot (the default).
    /// Typed items can be added to any grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<GridSource>,
    /// The id of an earlier board step whose cards are the items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_from: Option<String>,
    /// Typed items the grid starts with (perhaps placed already).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub start: Vec<StartItem>,
    /// Where the items stood at the previous meeting (written by `samenspel new --from`);
    /// the analysis says what moved since.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous: Vec<PreviousPlace>,
}

/// One axis of a grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridAxis {
    /// What the axis measures ("Invloed").
    pub label: Text,
    /// The name of its low end ("weinig").
    pub low: Text,
    /// The name of its high end ("veel").
    pub high: Text,
    /// How many positions it has: 2, 4, 6 or 8 (4 when absent).
    #[serde(default = "default_points", skip_serializing_if = "is_default_points")]
    pub points: u8,
}

fn default_points() -> u8 {
    DEFAULT_POINTS
}

fn is_default_points(p: &u8) -> bool {
    *p == DEFAULT_POINTS
}

/// The names of a grid's quadrants (y is up: "top" is the high end of the vertical axis).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quadrants {
    /// Low x, high y.
    pub top_left: Text,
    /// High x, high y.
    pub top_right: Text,
    /// Low x, low y.
    pub bottom_left: Text,
    /// High x, low y.
    pub bottom_right: Text,
}

/// Where a grid's items come from besides those typed on the spot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GridSource {
    /// The scenario's parties.
    Parties,
    /// Only items typed on the spot (and the `start` items).
    Typed,
}

/// A typed item a grid starts with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StartItem {
    /// Its name; the session's language picks one.
    pub label: Text,
    /// The party it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Where it starts, if placed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<GridPoint>,
}

/// Where an item stood at the previous meeting. A party's item is known by the party; any
/// other by its label (cards and typed items have other ids in each meeting).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousPlace {
    /// The item's name as it was shown then.
    pub label: String,
    /// The party, for a party's item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// Where it stood.
    pub at: GridPoint,
}

/// A position on the grid: 1 is left (bottom), the axis's `points` right (top).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct GridPoint {
    /// Horizontal, from 1.
    pub x: u8,
    /// Vertical, from 1.
    pub y: u8,
}

/// What is placed: a party, a card of the source board, or an item typed on the spot.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum GridItem {
    /// A party of the scenario, by id.
    Party(String),
    /// A card of the `items_from` board, by id.
    Card(CardId),
    /// An item typed on the spot (or a start item), by id.
    Item(u32),
}

/// An item typed on the spot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedItem {
    /// Its id (unique in the session, like a card's).
    pub id: u32,
    /// Its name.
    pub label: String,
    /// The party it belongs to.
    pub party: Option<String>,
}

/// What the room placed on a grid.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct GridState {
    /// Items typed on the spot, in order.
    pub typed: Vec<TypedItem>,
    /// Where items stand; an item without a place is not on the field yet.
    pub places: BTreeMap<GridItem, GridPoint>,
    /// Notes on items (a merge writes each group's place here).
    pub notes: BTreeMap<GridItem, String>,
}

impl GridState {
    /// The state a grid starts in: its start items (ids from `next_id`), and the parties
    /// where they stood last time.
    pub fn new(spec: &GridSpec, lang: Lang, next_id: &mut u32) -> GridState {
        let mut state = GridState::default();
        for item in &spec.start {
            let id = *next_id;
            *next_id = next_id.saturating_add(1);
            state.typed.push(TypedItem {
                id,
                label: item.label.get(lang).to_string(),
                party: item.party.clone(),
            });
            if let Some(at) = item.at.filter(|p| spec.contains(*p)) {
                state.places.insert(GridItem::Item(id), at);
            }
        }
        if spec.items == Some(GridSource::Parties) {
            for p in spec.previous.iter().filter(|p| spec.contains(p.at)) {
                if let Some(party) = &p.party {
                    state.places.insert(GridItem::Party(party.clone()), p.at);
                }
            }
        }
        state
    }

    /// The typed item with this id.
    pub fn typed(&self, id: u32) -> Option<&TypedItem> {
        self.typed.iter().find(|t| t.id == id)
    }
}

/// Which quadrant a position is in.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// Low x, high y.
    TopLeft,
    /// High x, high y.
    TopRight,
    /// Low x, low y.
    BottomLeft,
    /// High x, low y.
    BottomRight,
}

impl Quadrant {
    /// The four, top row first, as they are read.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::TopRight,
        Quadrant::TopLeft,
        Quadrant::BottomRight,
        Quadrant::BottomLeft,
    ];
}

impl Quadrants {
    /// The name of a quadrant.
    pub fn name(&self, q: Quadrant) -> &Text {
        match q {
            Quadrant::TopLeft => &self.top_left,
            Quadrant::TopRight => &self.top_right,
            Quadrant::BottomLeft => &self.bottom_left,
            Quadrant::BottomRight => &self.bottom_right,
        }
    }
}

impl GridSpec {
    /// Whether a position lies on the field.
    pub fn contains(&self, p: GridPoint) -> bool {
        (1..=self.x.points).contains(&p.x) && (1..=self.y.points).contains(&p.y)
    }

    /// The quadrant of a position: the upper half of an axis is its high end.
    pub fn quadrant(&self, p: GridPoint) -> Quadrant {
        let right = p.x > self.x.points / 2;
        let top = p.y > self.y.points / 2;
        match (right, top) {
            (false, true) => Quadrant::TopLeft,
            (true, true) => Quadrant::TopRight,
            (false, false) => Quadrant::BottomLeft,
            (true, false) => Quadrant::BottomRight,
        }
    }

    /// A position moved by (`dx`, `dy`), kept on the field.
    pub fn nudge(&self, p: GridPoint, dx: i8, dy: i8) -> GridPoint {
        let step = |v: u8, d: i8, max: u8| (i16::from(v) + i16::from(d)).clamp(1, i16::from(max));
        GridPoint {
            x: step(p.x, dx, self.x.points.max(1)) as u8,
            y: step(p.y, dy, self.y.points.max(1)) as u8,
        }
    }

    /// The middle of the field, where an item placed with an arrow key first lands.
    pub fn middle(&self) -> GridPoint {
        GridPoint {
            x: (self.x.points / 2).max(1),
            y: (self.y.points / 2).max(1),
        }
    }
}

/// One item of a grid as the screen and the reports list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// How changes name it.
    pub key: GridItem,
    /// Its name: the party's name, the card's text or the typed label.
    pub label: String,
    /// A short tag, when it has one (a party's), for a crowded field.
    pub short: Option<String>,
    /// The party it belongs to.
    pub party: Option<String>,
    /// Where it stands, if placed.
    pub at: Option<GridPoint>,
    /// Its note.
    pub note: String,
}

/// The items of grid step `index` in the order they are listed: the parties (or the cards
/// of the source board, lane by lane), then the typed items.
pub fn entries(state: &SessionState, index: usize, lang: Lang) -> Vec<Entry> {
    let (Some(spec), Some(StepState::Grid(grid))) = (
        state.scenario.steps.get(index).and_then(|s| s.kind.grid()),
        state.steps.get(index),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |key: GridItem, label: String, short: Option<String>, party: Option<String>| {
        let at = grid.places.get(&key).copied();
        let note = grid.notes.get(&key).cloned().unwrap_or_default();
        out.push(Entry {
            key,
            label,
            short,
            party,
            at,
            note,
        });
    };
    if spec.items == Some(GridSource::Parties) {
        for p in state.scenario.parties() {
            push(
                GridItem::Party(p.id.clone()),
                p.name.get(lang).to_string(),
                Some(p.short.clone()),
                Some(p.id.clone()),
            );
        }
    }
    if let Some(board) = spec
        .items_from
        .as_deref()
        .and_then(|from| state.scenario.step_index(from))
        .and_then(|i| state.board(i))
    {
        for c in board.cards() {
            push(GridItem::Card(c.id), c.text.clone(), None, c.party.clone());
        }
    }
    for t in &grid.typed {
        push(GridItem::Item(t.id), t.label.clone(), None, t.party.clone());
    }
    out
}

/// "3,4": a position as the screen and the reports write it (x first).
pub fn point_text(p: GridPoint) -> String {
    format!("{},{}", p.x, p.y)
}
