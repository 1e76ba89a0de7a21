//! Where things go on a grid's field: each position is a cell of the field (the halves of
//! each axis split by a middle line, quadrant names on the first and last row), and the
//! items of a cell are stacked in it. Labels are never drawn over each other: when full
//! names do not fit their cells, parties show their short tag and other items a number,
//! and a list beside the field says what each is; when even that does not fit, a crowded
//! cell shows what fits and `+n`, and the list has them all.

use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::core::grid::{Entry, GridItem, GridPoint, GridSpec};
use crate::tui::text::{clean, truncate};

/// How items are named on the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Full names; no list is needed.
    Names,
    /// Parties by their tag, other items by their number; the list says what they are.
    Tags,
    /// Every item by its number.
    Numbers,
    /// Numbers, and crowded cells show what fits and `+n`.
    Crowded,
}

/// One label on the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The item (index into the entries), or none for a `+n` of a crowded cell.
    pub item: Option<usize>,
    /// Column and row of its first character.
    pub x: u16,
    /// Row.
    pub y: u16,
    /// What is written.
    pub text: String,
}

/// The field laid out in an area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// How items are named.
    pub tier: Tier,
    /// The labels, none over another.
    pub labels: Vec<Label>,
    /// The column of the vertical middle line.
    pub mid_x: u16,
    /// The row of the horizontal middle line.
    pub mid_y: u16,
    /// The area inside the field's border.
    pub inner: Rect,
}

fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// The `i`-th of `n` bands of the span `[from, to)`.
fn band(from: u16, to: u16, n: u16, i: u16) -> (u16, u16) {
    let len = u32::from(to.saturating_sub(from));
    let n = u32::from(n.max(1));
    let i = u32::from(i);
    let a = from + (len * i / n) as u16;
    let b = from + (len * (i + 1) / n) as u16;
    (a, b)
}

/// The cell of a position: (x from, x to, y from, y to), half-open.
pub fn cell(inner: Rect, spec: &GridSpec, p: GridPoint) -> (u16, u16, u16, u16) {
    let (mid_x, mid_y) = middles(inner);
    let hx = u16::from(spec.x.points / 2).max(1);
    let hy = u16::from(spec.y.points / 2).max(1);
    let (px, py) = (u16::from(p.x), u16::from(p.y));
    let (x0, x1) = if px <= hx {
        band(inner.x, mid_x, hx, px.saturating_sub(1))
    } else {
        band(mid_x + 1, inner.x + inner.width, hx, px - hx - 1)
    };
    let top = inner.y + 1;
    let bottom = (inner.y + inner.height).saturating_sub(1);
    let (y0, y1) = if py > hy {
        band(top, mid_y, hy, u16::from(spec.y.points).saturating_sub(py))
    } else {
        band(mid_y + 1, bottom, hy, hy - py)
    };
    (x0, x1, y0, y1)
}

fn middles(inner: Rect) -> (u16, u16) {
    let mid_x = inner.x + inner.width / 2;
    let rows = inner.height.saturating_sub(2);
    let mid_y = inner.y + 1 + rows / 2;
    (mid_x, mid_y)
}

/// What an item is called on the field in a tier; `number` is its place in the list.
pub fn marker(entry: &Entry, number: usize, tier: Tier) -> String {
    match (tier, &entry.key, &entry.short) {
        (Tier::Names, _, _) => clean(&entry.label).into_owned(),
        (Tier::Tags, GridItem::Party(_), Some(short)) => clean(short).into_owned(),
        _ => number.to_string(),
    }
}

/// Lays out `entries` on the field inside `inner` in `tier`; none when they do not fit
/// (a cell with more items than rows, or a name wider than its cell).
fn try_tier(inner: Rect, spec: &GridSpec, entries: &[Entry], tier: Tier) -> Option<Vec<Label>> {
    let mut cells: Vec<(GridPoint, Vec<usize>)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(p) = e.at.filter(|p| spec.contains(*p)) {
            match cells.iter_mut().find(|(q, _)| *q == p) {
                Some((_, items)) => items.push(i),
                None => cells.push((p, vec![i])),
            }
        }
    }
    let mut labels = Vec::new();
    for (p, items) in cells {
        let (x0, x1, y0, y1) = cell(inner, spec, p);
        let (w, h) = (usize::from(x1 - x0), usize::from(y1.saturating_sub(y0)));
        // A gap between the labels of neighbouring cells, where there is room for one.
        let room = if w >= 3 { w - 1 } else { w };
        let crowded = items.len() > h;
        if (crowded && tier != Tier::Crowded) || h == 0 || room == 0 {
            if tier == Tier::Crowded {
                continue;
            }
            return None;
        }
        let shown = if crowded { h - 1 } else { items.len() };
        let start = y0 + ((h - shown - usize::from(crowded)) / 2) as u16;
        for (row, &i) in items.iter().take(shown).enumerate() {
            let mut text = marker(&entries[i], i + 1, tier);
            if width(&text) > room {
                if tier != Tier::Crowded {
                    return None;
                }
                text = truncate(&text, room);
            }
            let x = x0 + ((w - width(&text)) / 2) as u16;
            labels.push(Label {
                item: Some(i),
                x,
                y: start + row as u16,
                text,
            });
        }
        if crowded {
            let text = truncate(&format!("+{}", items.len() - shown), room);
            labels.push(Label {
                item: None,
                x: x0 + ((w - width(&text)) / 2) as u16,
                y: start + shown as u16,
                text,
            });
        }
    }
    Some(labels)
}

/// The field in `inner` with names, if they fit.
pub fn with_names(inner: Rect, spec: &GridSpec, entries: &[Entry]) -> Option<Field> {
    let labels = try_tier(inner, spec, entries, Tier::Names)?;
    Some(field(inner, Tier::Names, labels))
}

/// The field in `inner` without names: tags, numbers, or a crowded field.
pub fn without_names(inner: Rect, spec: &GridSpec, entries: &[Entry]) -> Field {
    for tier in [Tier::Tags, Tier::Numbers] {
        if let Some(labels) = try_tier(inner, spec, entries, tier) {
            return field(inner, tier, labels);
        }
    }
    let labels = try_tier(inner, spec, entries, Tier::Crowded).unwrap_or_default();
    field(inner, Tier::Crowded, labels)
}

fn field(inner: Rect, tier: Tier, labels: Vec<Label>) -> Field {
    let (mid_x, mid_y) = middles(inner);
    Field {
        tier,
        labels,
        mid_x,
        mid_y,
        inner,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Lang;

    fn entries(n: usize, at: GridPoint, long: bool) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                key: GridItem::Item(i as u32),
                label: if long {
                    format!("Een heel lange naam van een partij {i}")
                } else {
                    format!("Item {i}")
                },
                short: None,
                party: None,
                at: Some(at),
                note: String::new(),
            })
            .collect()
    }

    fn spec() -> GridSpec {
        let l = crate::core::kinds_testing::live();
        let g = l.state.scenario.steps[1].kind.grid().unwrap().clone();
        let _ = Lang::Nl;
        g
    }

    /// No two labels share a cell of the screen, and none crosses the middle lines.
    fn apart(f: &Field) {
        let mut used = std::collections::HashSet::new();
        for l in &f.labels {
            for dx in 0..width(&l.text) as u16 {
                assert!(used.insert((l.x + dx, l.y)), "{:?} overlaps", l);
                assert!(l.x + dx != f.mid_x, "{:?} on the middle line", l);
            }
            assert!(l.y != f.mid_y && l.y > f.inner.y && l.y + 1 < f.inner.y + f.inner.height);
        }
    }

    #[test]
    fn names_fit_or_the_field_falls_back_and_nothing_overlaps() {
        let s = spec();
        let inner = Rect::new(1, 1, 60, 12);
        let few = entries(2, GridPoint { x: 3, y: 3 }, false);
        let f = with_names(inner, &s, &few).expect("two short names fit");
        assert_eq!(f.labels.len(), 2);
        apart(&f);
        let long = entries(2, GridPoint { x: 3, y: 3 }, true);
        assert!(
            with_names(inner, &s, &long).is_none(),
            "long names do not fit"
        );
        let f = without_names(inner, &s, &long);
        assert_eq!(f.tier, Tier::Tags);
        assert_eq!(
            f.labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            ["1", "2"]
        );
        apart(&f);
        // More items on one place than the cell has rows: what fits, and +n.
        let many = entries(9, GridPoint { x: 1, y: 1 }, false);
        let f = without_names(inner, &s, &many);
        assert_eq!(f.tier, Tier::Crowded);
        assert!(
            f.labels.iter().any(|l| l.text.starts_with('+')),
            "{:?}",
            f.labels
        );
        apart(&f);
    }

    #[test]
    fn every_position_has_its_own_cell() {
        let s = spec();
        let inner = Rect::new(0, 0, 40, 11);
        let mut seen = Vec::new();
        for x in 1..=4 {
            for y in 1..=4 {
                let c = cell(inner, &s, GridPoint { x, y });
                assert!(c.0 < c.1 && c.2 < c.3, "{x},{y}: {c:?}");
                for other in &seen {
                    let (a, b): &((u16, u16, u16, u16), _) = other;
                    let _ = b;
                    let apart_x = c.1 <= a.0 || a.1 <= c.0;
                    let apart_y = c.3 <= a.2 || a.3 <= c.2;
                    assert!(apart_x || apart_y, "{x},{y} overlaps {a:?}");
                }
                seen.push((c, (x, y)));
            }
        }
        // Higher y is higher on the screen; higher x further right.
        let low = cell(inner, &s, GridPoint { x: 1, y: 1 });
        let high = cell(inner, &s, GridPoint { x: 4, y: 4 });
        assert!(high.2 < low.2 && high.0 > low.0);
    }
}
