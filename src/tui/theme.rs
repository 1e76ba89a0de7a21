//! Colours and emphasis, as one set of styles per theme. Meaning never rests on colour
//! alone: selection also has a marker, tags also have text.

use ratatui::style::{Color, Modifier, Style};

/// The styles the views use.
#[derive(Clone, Debug)]
pub struct Theme {
    /// Name as given on the command line.
    pub name: &'static str,
    /// Background and body text.
    pub base: Style,
    /// Titles.
    pub title: Style,
    /// The prompt for the room.
    pub prompt: Style,
    /// Secondary text (hints, counts).
    pub dim: Style,
    /// Borders of lanes and panels.
    pub border: Style,
    /// Border of the focused lane.
    pub focus: Style,
    /// The selected card.
    pub selected: Style,
    /// The top and bottom bars.
    pub bar: Style,
    /// Good news (saved).
    pub ok: Style,
    /// Bad news (not saved, errors).
    pub error: Style,
    /// Facilitator notes.
    pub notes: Style,
}

impl Theme {
    /// Light, high contrast: beamers wash out dark backgrounds.
    pub fn light() -> Theme {
        let base = Style::new().fg(Color::Black).bg(Color::White);
        Theme {
            name: "light",
            base,
            title: base.add_modifier(Modifier::BOLD),
            prompt: base.fg(Color::Rgb(0, 0, 120)).add_modifier(Modifier::BOLD),
            dim: base.fg(Color::Rgb(70, 70, 70)),
            border: base.fg(Color::Rgb(90, 90, 90)),
            focus: base.fg(Color::Rgb(0, 70, 170)).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(0, 60, 150))
                .add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::White).bg(Color::Rgb(30, 30, 30)),
            ok: Style::new().fg(Color::White).bg(Color::Rgb(0, 110, 40)),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(170, 0, 0))
                .add_modifier(Modifier::BOLD),
            notes: base
                .fg(Color::Rgb(120, 60, 0))
                .add_modifier(Modifier::ITALIC),
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::light()
    }
}
