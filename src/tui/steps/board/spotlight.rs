//! Spotlight: the selected card alone, in the largest letters that fit, so the room can
//! read it from the back while it is discussed.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use crossterm::event::KeyCode;

use super::lane::party_label;
use super::order;
use crate::core::clean::clean;
use crate::core::scenario::BoardSpec;
use crate::core::{Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::keys::{KeyTable, UP_DOWN, also, bind, ch, code, table};
use crate::tui::session::view::{Mode, Scene, View};
use crate::tui::theme::Theme;

/// The keys of the spotlight.
pub static KEYS: KeyTable = table!(
    "Uitgelicht",
    "Spotlight",
    [
        bind!(
            "↑ ↓",
            "vorige/volgende kaart",
            "previous/next card",
            UP_DOWN,
        ),
        bind!(
            "Esc s",
            "terug naar het bord",
            "back to the board",
            [
                code(KeyCode::Esc, Action::Back),
                ch('s', Action::Back),
                ch('q', Action::Back),
                code(KeyCode::Enter, Action::Back),
            ],
        ),
        also!([ch('?', Action::Help)]),
    ],
);

/// The pixel sizes tried, largest first, with the cells one letter takes (wide, high).
/// The finer sizes of tui-big-text look odd in many terminals, so they are not used.
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// The text as the 8x8 font can draw it, or none when it has letters the font lacks.
fn big_letters(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '‘' | '’' | '‚' => out.push('\''),
            '“' | '”' | '„' => out.push('"'),
            '–' | '—' => out.push('-'),
            '…' => out.push_str("..."),
            ' '..='~' | '\u{A0}'..='\u{FF}' => out.push(c),
            _ => return None,
        }
    }
    Some(out)
}

/// Words into lines of at most `cols` letters, never splitting a word; none if one is longer.
fn lines_of(text: &str, cols: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if w > cols {
            return None;
        }
        let len = current.chars().count();
        if len > 0 && len + 1 + w > cols {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    Some(lines)
}

/// The largest letters in which `text` fits `area`, with its lines.
pub fn fit(text: &str, area: Rect) -> Option<(PixelSize, u16, Vec<String>)> {
    let text = big_letters(text)?;
    SIZES.iter().find_map(|&(size, cw, ch)| {
        let cols = (area.width / cw) as usize;
        let rows = (area.height / ch) as usize;
        if cols == 0 || rows == 0 {
            return None;
        }
        let lines = lines_of(&text, cols)?;
        (!lines.is_empty() && lines.len() <= rows).then_some((size, ch, lines))
    })
}

/// Draws the spotlighted card in `area` (the whole screen between the bars).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    scene: &Scene,
    spec: &BoardSpec,
    theme: &Theme,
    lang: Lang,
) {
    let state = scene.state();
    let Some(board) = state.board(state.current) else {
        return;
    };
    let cursor = scene.cursor();
    let Some(lane) = board.lanes.get(cursor.lane) else {
        return;
    };
    let Some(card) = order::card_at(lane, cursor.card) else {
        return;
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focus)
        .title_bottom(Span::styled(
            lang.pick(
                " Esc terug · ↑↓ andere kaart ",
                " Esc back · ↑↓ other card ",
            ),
            theme.dim,
        ));
    let inner = block.inner(area);
    frame.render_widget(block.style(theme.base), area);
    let [head, _, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner.inner(ratatui::layout::Margin::new(1, 0)));

    // What the card is: its lane, its place, its party and theme, in words.
    let lane_title = spec
        .lanes
        .get(cursor.lane)
        .map(|l| clean(l.title.get(lang)).into_owned())
        .unwrap_or_default();
    let mut spans = vec![Span::styled(
        format!("{lane_title} · {}/{}", cursor.card + 1, lane.cards.len()),
        theme.dim,
    )];
    let parties = state.scenario.parties();
    if let Some(p) = &card.party {
        let (label, i) = party_label(parties, p);
        spans.push(Span::raw("  "));
        spans.push(Span::styled(label, theme.party(i)));
    }
    if let Some(t) = &card.theme {
        spans.push(Span::styled(
            format!("  {}: {}", lang.pick("thema", "theme"), clean(t)),
            theme.heading,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), head);

    let text = clean(&card.text).into_owned();
    match fit(&text, body) {
        Some((size, letter_h, lines)) => {
            let h = (lines.len() as u16 * letter_h).min(body.height);
            let top = body.y + (body.height - h) / 2;
            let big = BigText::builder()
                .pixel_size(size)
                .style(theme.title)
                .alignment(Alignment::Center)
                .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
                .build();
            frame.render_widget(big, Rect::new(body.x, top, body.width, h));
        }
        None => {
            let h = crate::tui::view::wrapped_height(&text, body.width.max(1) as usize) as u16;
            let h = h.min(body.height);
            let top = body.y + (body.height - h) / 2;
            frame.render_widget(
                Paragraph::new(text)
                    .style(theme.title)
                    .alignment(Alignment::Center)
                    .wrap(Wrap { trim: true }),
                Rect::new(body.x, top, body.width, body.height - (top - body.y)),
            );
        }
    }
}

/// Keys in the spotlight: other cards of the lane, or back to the board.
pub fn update(view: &mut View, state: &SessionState, action: &Action) {
    let step = state.current;
    let count = state
        .board(step)
        .and_then(|b| b.lanes.get(view.cursor(step).lane))
        .map_or(0, |l| l.cards.len());
    match action {
        Action::Back => return,
        Action::Up => {
            let c = view.cursor_mut(step);
            c.card = c.card.saturating_sub(1);
        }
        Action::Down => {
            let c = view.cursor_mut(step);
            c.card = (c.card + 1).min(count.saturating_sub(1));
        }
        _ => {}
    }
    if count > 0 {
        view.mode = Mode::Spotlight;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_letters_that_fit_are_chosen() {
        let wide = Rect::new(0, 0, 200, 40);
        let (size, _, lines) = fit("Vertrouwen", wide).expect("fits");
        assert_eq!(size, PixelSize::Full);
        assert_eq!(lines, ["Vertrouwen"]);
        let small = Rect::new(0, 0, 76, 14);
        let (size, _, lines) = fit("Ze hebben geen idee hoe lang een besluit duurt", small)
            .expect("fits in quadrants");
        assert_eq!(size, PixelSize::Quadrant);
        assert_eq!(lines.len(), 3);
        // A word longer than a line, or a letter the font lacks: no big letters.
        assert!(fit("Samenwerkingsovereenkomstenonderhandelingen", small).is_none());
        assert!(fit("Warmte 🔥", wide).is_none());
        assert_eq!(
            big_letters("“één” – ok…").as_deref(),
            Some("\"één\" - ok...")
        );
    }
}
