//! The checks of a grid step in a scenario file.

use super::{GridAxis, GridPoint, GridSpec, POINTS};
use crate::core::scenario::Scenario;
use crate::core::validate::Checker;

fn off_field(p: GridPoint, spec: &GridSpec) -> (String, String) {
    let (x, y, px, py) = (p.x, p.y, spec.x.points, spec.y.points);
    (
        format!("positie {x},{y} ligt buiten het veld (1..{px} × 1..{py})"),
        format!("position {x},{y} lies off the field (1..{px} × 1..{py})"),
    )
}

impl Checker {
    fn grid_axis(&mut self, path: &str, axis: &GridAxis) {
        self.text(&format!("{path}.label"), &axis.label);
        self.text(&format!("{path}.low"), &axis.low);
        self.text(&format!("{path}.high"), &axis.high);
        if !POINTS.contains(&axis.points) {
            let n = axis.points;
            self.push(
                format!("{path}.points"),
                format!("een as heeft 2, 4, 6 of 8 punten, zodat de kwadranten haar doormidden delen (niet {n})"),
                format!("an axis has 2, 4, 6 or 8 points, so that the quadrants split it in half (not {n})"),
            );
        }
    }

    /// Checks a grid step (`here` is its index in `s`).
    pub(crate) fn grid(&mut self, path: &str, g: &GridSpec, s: &Scenario, here: usize) {
        self.grid_axis(&format!("{path}.x"), &g.x);
        self.grid_axis(&format!("{path}.y"), &g.y);
        let q = &g.quadrants;
        for (name, text) in [
            ("top_left", &q.top_left),
            ("top_right", &q.top_right),
            ("bottom_left", &q.bottom_left),
            ("bottom_right", &q.bottom_right),
        ] {
            self.text(&format!("{path}.quadrants.{name}"), text);
        }
        if let Some(from) = &g.items_from {
            if g.items.is_some() {
                self.push(
                    path.to_string(),
                    "geef \"items\" of \"items_from\", niet allebei",
                    "give \"items\" or \"items_from\", not both",
                );
            }
            self.earlier_board(&format!("{path}.items_from"), from, s, here);
        }
        let fits = POINTS.contains(&g.x.points) && POINTS.contains(&g.y.points);
        for (i, item) in g.start.iter().enumerate() {
            let p = format!("{path}.start[{i}]");
            self.text(&format!("{p}.label"), &item.label);
            self.party(&format!("{p}.party"), item.party.as_deref());
            if let Some(at) = item.at
                && fits
                && !g.contains(at)
            {
                let (nl, en) = off_field(at, g);
                self.push(format!("{p}.at"), nl, en);
            }
        }
        for (i, place) in g.previous.iter().enumerate() {
            let p = format!("{path}.previous[{i}]");
            if place.label.trim().is_empty() {
                self.push(
                    format!("{p}.label"),
                    "een plek van de vorige keer heeft de naam van wat er stond nodig",
                    "a place of last time needs the name of what stood there",
                );
            }
            self.party(&format!("{p}.party"), place.party.as_deref());
            if fits && !g.contains(place.at) {
                let (nl, en) = off_field(place.at, g);
                self.push(format!("{p}.at"), nl, en);
            }
        }
    }
}
