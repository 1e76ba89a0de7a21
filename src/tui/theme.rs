//! Colours and emphasis, as one set of styles per theme. Meaning never rests on colour
//! alone: selection also has a marker, tags also have text, and the mono theme uses no
//! colour at all (only bold, reverse, underline and italics).

use ratatui::style::{Color, Modifier, Style};

use crate::store::config::ThemeName;

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
    /// A card marked for grouping.
    pub marked: Style,
    /// The heading of a theme (a cluster of cards).
    pub heading: Style,
    /// The top and bottom bars.
    pub bar: Style,
    /// Good news (saved).
    pub ok: Style,
    /// Bad news (not saved, errors).
    pub error: Style,
    /// A calm message (e.g. what was undone).
    pub info: Style,
    /// Facilitator notes.
    pub notes: Style,
    /// Party labels on cards, by the party's place in the scenario's list (repeating).
    pub parties: Vec<Style>,
    /// A timer with 20% or less left (its background colours the large digits).
    pub warn: Style,
    /// A timer with 5% or less left (its background colours the large digits).
    pub alarm: Style,
    /// Matrix cells by value.
    pub heat: super::heat::HeatStyles,
}

impl Theme {
    /// The theme of a name.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme::light(),
            ThemeName::Dark => Theme::dark(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// Light, high contrast: beamers wash out dark backgrounds.
    pub fn light() -> Theme {
        let base = Style::new().fg(Color::Black).bg(Color::White);
        let label = |r, g, b| {
            Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(r, g, b))
                .add_modifier(Modifier::BOLD)
        };
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
            marked: base
                .bg(Color::Rgb(255, 236, 170))
                .add_modifier(Modifier::BOLD),
            heading: base
                .fg(Color::Rgb(0, 60, 150))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bar: Style::new().fg(Color::White).bg(Color::Rgb(30, 30, 30)),
            ok: Style::new().fg(Color::White).bg(Color::Rgb(0, 110, 40)),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(170, 0, 0))
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Black).bg(Color::Rgb(200, 220, 255)),
            notes: base
                .fg(Color::Rgb(120, 60, 0))
                .add_modifier(Modifier::ITALIC),
            parties: vec![
                label(0, 70, 160),
                label(0, 110, 50),
                label(120, 40, 140),
                label(150, 70, 0),
                label(0, 100, 110),
                label(160, 20, 40),
                label(80, 80, 80),
            ],
            warn: label(215, 130, 0).fg(Color::Black),
            alarm: label(190, 0, 0),
            heat: super::heat::HeatStyles::light(),
        }
    }

    /// Dark, for screens and rooms where a light background glares.
    pub fn dark() -> Theme {
        let base = Style::new().fg(Color::Rgb(235, 235, 235)).bg(Color::Black);
        let label = |r, g, b| {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(r, g, b))
                .add_modifier(Modifier::BOLD)
        };
        Theme {
            name: "dark",
            base,
            title: base.fg(Color::White).add_modifier(Modifier::BOLD),
            prompt: base
                .fg(Color::Rgb(150, 200, 255))
                .add_modifier(Modifier::BOLD),
            dim: base.fg(Color::Rgb(175, 175, 175)),
            border: base.fg(Color::Rgb(140, 140, 140)),
            focus: base
                .fg(Color::Rgb(120, 180, 255))
                .add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Rgb(150, 200, 255))
                .add_modifier(Modifier::BOLD),
            marked: base
                .fg(Color::Rgb(255, 220, 120))
                .add_modifier(Modifier::BOLD),
            heading: base
                .fg(Color::Rgb(150, 200, 255))
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bar: Style::new().fg(Color::Black).bg(Color::Rgb(200, 200, 200)),
            ok: Style::new().fg(Color::Black).bg(Color::Rgb(120, 220, 140)),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Rgb(190, 30, 30))
                .add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Black).bg(Color::Rgb(150, 200, 255)),
            notes: base
                .fg(Color::Rgb(255, 200, 120))
                .add_modifier(Modifier::ITALIC),
            parties: vec![
                label(140, 190, 255),
                label(130, 220, 150),
                label(210, 160, 240),
                label(255, 190, 110),
                label(110, 220, 220),
                label(255, 150, 160),
                label(200, 200, 200),
            ],
            warn: label(255, 190, 80),
            alarm: label(230, 60, 60).fg(Color::White),
            heat: super::heat::HeatStyles::dark(),
        }
    }

    /// No colour at all: the terminal's own colours with bold, reverse and underline.
    pub fn mono() -> Theme {
        let base = Style::new();
        let bold = base.add_modifier(Modifier::BOLD);
        let reverse = base.add_modifier(Modifier::REVERSED);
        Theme {
            name: "mono",
            base,
            title: bold,
            prompt: bold,
            dim: base,
            border: base,
            focus: bold,
            selected: reverse.add_modifier(Modifier::BOLD),
            marked: base.add_modifier(Modifier::UNDERLINED),
            heading: bold.add_modifier(Modifier::UNDERLINED),
            bar: reverse,
            ok: reverse,
            error: reverse.add_modifier(Modifier::BOLD),
            info: reverse,
            notes: base.add_modifier(Modifier::ITALIC),
            parties: vec![bold],
            warn: bold.add_modifier(Modifier::UNDERLINED),
            alarm: reverse.add_modifier(Modifier::BOLD),
            heat: super::heat::HeatStyles::mono(),
        }
    }

    /// The label style of the party at `index` in the scenario's list.
    pub fn party(&self, index: usize) -> Style {
        match self.parties.len() {
            0 => self.title,
            n => self.parties[index % n],
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::light()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_uses_no_colour() {
        let t = Theme::mono();
        let styles = [
            t.base, t.title, t.prompt, t.dim, t.border, t.focus, t.selected, t.marked, t.heading,
            t.bar, t.ok, t.error, t.info, t.notes, t.warn, t.alarm,
        ];
        let heat = t
            .heat
            .steps
            .iter()
            .chain([&t.heat.not_counted, &t.heat.empty]);
        for s in styles.iter().chain(t.parties.iter()).chain(heat) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }
}
