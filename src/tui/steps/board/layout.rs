//! Where a board's lanes go: side by side when each gets at least [`MIN_LANE_WIDTH`]
//! columns, otherwise one lane at a time under a line that names them all.

use crate::tui::text::truncate;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::core::Lang;
use crate::core::clean::clean;
use crate::core::scenario::BoardSpec;

/// The narrowest a lane is drawn side by side with the others.
const MIN_LANE_WIDTH: u16 = 26;

/// A lane's name on the line above the lane: lane index, first and one-past-last column.
pub type Tab = (usize, u16, u16);

/// Where the parts of a board go on screen.
pub struct BoardLayout {
    /// One lane at a time: the line naming the lanes, with each name's columns.
    pub tabs: Option<(Rect, Vec<Tab>)>,
    /// The lanes drawn, with their areas.
    pub lanes: Vec<(usize, Rect)>,
}

pub fn board_layout(area: Rect, titles: &[String], focus: usize) -> BoardLayout {
    let n = titles.len().max(1) as u16;
    if area.width / n >= MIN_LANE_WIDTH {
        let areas =
            Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, u32::from(n)))).split(area);
        return BoardLayout {
            tabs: None,
            lanes: areas.iter().copied().enumerate().collect(),
        };
    }
    let [tabs, lane_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    // Every lane named in full when the line has room; otherwise the selected lane in
    // full (up to half the line) and the others share the rest, cut with "…".
    let need: Vec<u16> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| tab_label(i, t).chars().count() as u16 + 2)
        .collect();
    let total: u16 = need.iter().fold(0u16, |a, b| a.saturating_add(*b));
    let widths: Vec<u16> = if total <= area.width {
        need.clone()
    } else {
        let mine = need.get(focus).copied().unwrap_or(0).min(area.width / 2);
        let share = (area.width - mine) / n.saturating_sub(1).max(1);
        need.iter()
            .enumerate()
            .map(|(i, w)| if i == focus { mine } else { (*w).min(share) })
            .collect()
    };
    let mut x = area.x;
    let names = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x0 = x;
            x = (x + w).min(area.right());
            (i, x0, x)
        })
        .collect();
    BoardLayout {
        tabs: Some((tabs, names)),
        lanes: vec![(focus, lane_area)],
    }
}

fn tab_label(index: usize, title: &str) -> String {
    format!("{}. {title}", index + 1)
}

/// A lane's name on the line above the lane, cut to `width` cells.
pub fn tab_text(index: usize, title: &str, width: usize, selected: bool) -> String {
    let label = tab_label(index, title);
    let room = width.saturating_sub(2);
    let cut = truncate(&label, room);
    let marker = if selected { "▶" } else { " " };
    format!("{marker}{cut:<room$} ")
        .chars()
        .take(width)
        .collect()
}

pub fn lane_titles(spec: &BoardSpec, lang: Lang) -> Vec<String> {
    spec.lanes
        .iter()
        .map(|l| clean(l.title.get(lang)).into_owned())
        .collect()
}
