//! The heat map's styles: a cell's colour follows its value, and the value is always written
//! in the cell too, so nothing rests on colour alone (and a mono theme still reads).

use ratatui::style::{Color, Modifier, Style};

use crate::core::matrix::{rank, top_rank};
use crate::core::scenario::Scale;

/// Styles of matrix cells, one set per theme.
#[derive(Clone, Debug)]
pub struct HeatStyles {
    /// Five steps: strongly against, against, neutral, for, strongly for. Scales without a
    /// negative side (0..3, levels) use the upper three: neutral, for, strongly for.
    pub steps: [Style; 5],
    /// A level that does not count, such as "n.v.t.".
    pub not_counted: Style,
    /// A cell not rated yet.
    pub empty: Style,
}

impl HeatStyles {
    /// For the light theme: orange against, blue for (safe for red-green colour blindness).
    pub fn light() -> HeatStyles {
        let dark = |r, g, b| {
            Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(r, g, b))
                .add_modifier(Modifier::BOLD)
        };
        let pale = |r, g, b| Style::new().fg(Color::Black).bg(Color::Rgb(r, g, b));
        HeatStyles {
            steps: [
                dark(180, 60, 0),
                pale(250, 198, 150),
                pale(222, 222, 222),
                pale(166, 200, 240),
                dark(0, 70, 160),
            ],
            not_counted: Style::new()
                .fg(Color::Rgb(60, 60, 60))
                .bg(Color::Rgb(244, 244, 244))
                .add_modifier(Modifier::ITALIC),
            empty: Style::new().fg(Color::Rgb(90, 90, 90)).bg(Color::White),
        }
    }

    /// For a dark background.
    pub fn dark() -> HeatStyles {
        let strong = |r, g, b| {
            Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(r, g, b))
                .add_modifier(Modifier::BOLD)
        };
        let mild = |r, g, b| Style::new().fg(Color::Black).bg(Color::Rgb(r, g, b));
        HeatStyles {
            steps: [
                strong(200, 80, 0),
                mild(240, 170, 110),
                mild(150, 150, 150),
                mild(130, 175, 235),
                strong(20, 90, 200),
            ],
            not_counted: Style::new()
                .fg(Color::Rgb(200, 200, 200))
                .bg(Color::Rgb(50, 50, 50))
                .add_modifier(Modifier::ITALIC),
            empty: Style::new().fg(Color::Rgb(170, 170, 170)).bg(Color::Black),
        }
    }

    /// No colour at all: the ends are reversed, the mild steps bold, the middle plain.
    pub fn mono() -> HeatStyles {
        let strong = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        let mild = Style::new().add_modifier(Modifier::BOLD);
        HeatStyles {
            steps: [strong, mild, Style::new(), mild, strong],
            not_counted: Style::new().add_modifier(Modifier::ITALIC),
            empty: Style::new(),
        }
    }

    /// The style of a cell with this value (none: empty).
    pub fn cell(&self, scale: &Scale, value: Option<i32>) -> Style {
        match value {
            None => self.empty,
            Some(v) => step(scale, v).map_or(self.not_counted, |s| self.steps[s]),
        }
    }
}

/// The heat step (0..5) of a value: spread over all five on a scale with a negative and a
/// positive side, over the upper three (neutral to strongly for) otherwise. None for levels
/// that do not count.
pub fn step(scale: &Scale, value: i32) -> Option<usize> {
    let r = i64::from(rank(scale, value)?);
    let top = i64::from(top_rank(scale).max(1));
    let diverging = matches!(scale, Scale::Numeric { min, max, .. } if *min < 0 && *max > 0);
    // Rounded to the nearest step, halves up.
    let s = if diverging {
        (8 * r + top) / (2 * top)
    } else {
        2 + (4 * r + top) / (2 * top)
    };
    Some(s.clamp(0, 4) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_scale() {
        let s = Scale::Numeric {
            min: -2,
            max: 2,
            labels: vec![],
        };
        let steps: Vec<_> = (-2..=2).map(|v| step(&s, v)).collect();
        assert_eq!(steps, vec![Some(0), Some(1), Some(2), Some(3), Some(4)]);
        let s = Scale::Numeric {
            min: 0,
            max: 3,
            labels: vec![],
        };
        let steps: Vec<_> = (0..=3).map(|v| step(&s, v)).collect();
        assert_eq!(steps, vec![Some(2), Some(3), Some(3), Some(4)]);
    }
}
