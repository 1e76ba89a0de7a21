//! The room's QR code on screen: large, black on white whatever the theme (scanners expect
//! dark on light), drawn with half blocks so that each module is square, with its quiet zone
//! all round, and never cut: it is drawn whole or not at all. Beside the step where the step
//! keeps room enough (120x35: one column per module; 200x50: two), else alone as the room's
//! "join" view (80x24), with the short address and the join code for those who type.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::RoomShown;
use crate::core::{Lang, SessionState};
use crate::room::Qr;
use crate::room::qr::QUIET;
use crate::tui::action::Action;
use crate::tui::keys::{KeyTable, bind, ch, code, table};
use crate::tui::session::view::{Mode, View};
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::view::wrapped_height;

/// The step keeps at least this many columns beside the QR code.
const MIN_STEP_WIDTH: u16 = 60;
/// The text beside the QR code in the join view needs this many columns.
const MIN_TEXT_WIDTH: u16 = 30;

/// The keys of the join view (the QR code alone on screen).
pub static KEYS: KeyTable = table!(
    "Zaal",
    "Room",
    [
        bind!(
            "Z Esc",
            "QR-code verbergen, terug naar de stap",
            "hide the QR code, back to the step",
            [ch('Z', Action::Room), code(KeyCode::Esc, Action::Room)],
        ),
        bind!(
            "D",
            "zaal dicht (vraagt j/n; niets gaat verloren)",
            "close the room (asks y/n; nothing is lost)",
            [ch('D', Action::CloseRoom)],
        ),
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
        bind!(
            "q",
            "stoppen (alles is bewaard)",
            "quit (everything is saved)",
            [ch('q', Action::Quit)],
        ),
    ],
);

/// Where the QR code goes in a session's screen (without the status line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Not shown: the step has the whole area.
    Hidden,
    /// Beside the step: the step in `step`, the code in `panel`, `scale` columns a module.
    Beside {
        /// Where the step goes.
        step: Rect,
        /// Where the code and the address go.
        panel: Rect,
        /// Columns per module.
        scale: usize,
    },
    /// Alone: the room's join view takes the whole area.
    Alone,
}

/// Where the QR code of `view`'s room goes in `area`: beside the step when both fit (the
/// larger the better), else alone; alone only when nothing else is open (a form, the
/// inbox or the participants panel keep the step on screen, the code hidden meanwhile).
pub fn placement(area: Rect, view: &View) -> Placement {
    let Some(room) = view.room.as_ref().filter(|r| r.shown) else {
        return Placement::Hidden;
    };
    for scale in [2, 1] {
        let (w, h) = size(&room.qr, QUIET, scale);
        let panel_w = w + 2;
        if area.width >= panel_w + MIN_STEP_WIDTH && area.height >= h + 5 {
            let step = Rect::new(area.x, area.y, area.width - panel_w, area.height);
            let panel = Rect::new(step.right(), area.y, panel_w, area.height);
            return Placement::Beside { step, panel, scale };
        }
    }
    let calm = matches!(view.mode, Mode::Normal) && view.people.is_none() && view.inbox.is_none();
    if calm {
        Placement::Alone
    } else {
        Placement::Hidden
    }
}

/// The area the step is drawn in, with the QR code where it goes.
pub fn step_area(area: Rect, view: &View) -> Rect {
    match placement(area, view) {
        Placement::Beside { step, .. } => step,
        _ => area,
    }
}

/// Columns and rows the code takes with `quiet` light modules around, `scale` columns (and
/// `scale` half rows) a module.
pub fn size(qr: &Qr, quiet: usize, scale: usize) -> (u16, u16) {
    let (side, _) = qr.size(quiet);
    let w = side * scale;
    (clamp(w), clamp(w.div_ceil(2)))
}

fn clamp(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The code as lines of half blocks, `scale` columns and `scale` half rows a module, with
/// `quiet` light modules around: the glyphs are the dark modules.
pub fn lines(qr: &Qr, quiet: usize, scale: usize) -> Vec<String> {
    let m = qr.matrix(quiet);
    let side = m.len() * scale.max(1);
    let dark = |x: usize, y: usize| {
        m.get(y / scale.max(1))
            .and_then(|row| row.get(x / scale.max(1)))
            .copied()
            .unwrap_or(false)
    };
    (0..side.div_ceil(2))
        .map(|row| {
            (0..side)
                .map(|x| match (dark(x, 2 * row), dark(x, 2 * row + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect()
}

/// Black on white, in every theme.
fn ink() -> Style {
    Style::default().fg(Color::Black).bg(Color::White)
}

fn draw_code(frame: &mut Frame, at: Rect, qr: &Qr, quiet: usize, scale: usize) {
    let text: Vec<Line> = lines(qr, quiet, scale).into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(text).style(ink()), at);
}

/// The texts beside or under the code: the heading, how to join without a camera, the
/// code, how many phones take part.
fn words(room: &RoomShown, state: &SessionState, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let strong = theme.title.add_modifier(Modifier::BOLD);
    let phones = state.room.active().count();
    let mut out = vec![
        Line::styled(
            lang.pick("Doe mee met je telefoon", "Join in with your phone"),
            strong,
        ),
        Line::raw(""),
        Line::styled(
            lang.pick("Scan de QR-code, of ga naar", "Scan the QR code, or go to"),
            theme.base,
        ),
        Line::styled(clean(&room.url).into_owned(), strong),
        Line::styled(lang.pick("en typ de code", "and type the code"), theme.base),
    ];
    out.push(Line::styled(clean(&room.code).into_owned(), strong));
    if phones > 0 {
        out.push(Line::raw(""));
        out.push(Line::styled(
            match lang {
                Lang::Nl => format!("{} doen mee", super::phones(phones, lang)),
                Lang::En => format!("{} taking part", super::phones(phones, lang)),
            },
            theme.dim,
        ));
    }
    out
}

/// Draws the code with its texts beside the step.
pub fn render_beside(
    frame: &mut Frame,
    panel: Rect,
    scale: usize,
    room: &RoomShown,
    state: &SessionState,
    theme: &Theme,
    lang: Lang,
) {
    frame.render_widget(Clear, panel);
    frame.render_widget(Paragraph::new("").style(theme.base), panel);
    let top = Rect::new(panel.x, panel.y, panel.width, 1);
    frame.render_widget(
        Paragraph::new(format!(
            " {}",
            lang.pick("De zaal doet mee", "The room joins in")
        ))
        .style(theme.bar),
        top,
    );
    let (w, h) = size(&room.qr, QUIET, scale);
    let text: Vec<Line> = words(room, state, lang, theme)
        .into_iter()
        .skip(2)
        .collect();
    let text_w = panel.width.saturating_sub(2);
    let free = panel.height.saturating_sub(1 + h);
    let wanted = words_height(&text, room, text_w, free);
    let y = panel.y + 1 + free.saturating_sub(wanted) / 2;
    let code = Rect::new(panel.x + 1, y, w, h);
    draw_code(frame, code, &room.qr, QUIET, scale);
    let below = Rect::new(
        panel.x + 1,
        code.bottom(),
        text_w,
        panel.bottom().saturating_sub(code.bottom()),
    );
    draw_words(frame, below, text, room, theme);
}

/// Draws the room's join view: the code as large as fits whole, the address and the join
/// code beside it (or under it), over the whole `area`.
pub fn render_alone(
    frame: &mut Frame,
    area: Rect,
    room: &RoomShown,
    state: &SessionState,
    theme: &Theme,
    lang: Lang,
) {
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new("").style(theme.base), area);
    let title = clean(state.scenario.title.get(lang)).into_owned();
    let heading = format!(
        " {title} · {}",
        lang.pick("de zaal doet mee", "the room joins in")
    );
    frame.render_widget(
        Paragraph::new(heading).style(theme.bar),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let body = Rect::new(
        area.x,
        area.y.saturating_add(1),
        area.width,
        area.height.saturating_sub(1),
    );
    let text = words(room, state, lang, theme);
    // Beside the text, the largest that fits; then under it; then the code alone.
    for (scale, quiet) in [(3, QUIET), (2, QUIET), (1, QUIET), (1, 2)] {
        let (w, h) = size(&room.qr, quiet, scale);
        if h <= body.height && w + 3 + MIN_TEXT_WIDTH <= body.width {
            let text_w = (body.width - w - 3).min(48);
            let used = w + 3 + text_w;
            let left = body.x + (body.width - used) / 2;
            let code = Rect::new(left, body.y + (body.height - h) / 2, w, h);
            draw_code(frame, code, &room.qr, quiet, scale);
            let text_h = words_height(&text, room, text_w, body.height);
            let text_area = Rect::new(
                code.right() + 3,
                body.y + body.height.saturating_sub(text_h) / 2,
                text_w,
                body.height.min(text_h),
            );
            draw_words(frame, text_area, text, room, theme);
            return;
        }
        if h + 3 <= body.height && w <= body.width {
            let code = Rect::new(body.x + (body.width - w) / 2, body.y, w, h);
            draw_code(frame, code, &room.qr, quiet, scale);
            let rest = Rect::new(body.x + 1, code.bottom(), body.width - 2, body.height - h);
            let short = vec![
                Line::styled(clean(&room.url).into_owned(), theme.title),
                Line::styled(
                    format!("{} {}", lang.pick("code", "code"), clean(&room.code)),
                    theme.title,
                ),
            ];
            frame.render_widget(
                Paragraph::new(short)
                    .style(theme.base)
                    .alignment(ratatui::layout::Alignment::Center),
                rest,
            );
            return;
        }
    }
    // Too small for the whole code: the address and the code alone (never half a code).
    let mut small = vec![Line::styled(
        lang.pick(
            "Het venster is te klein voor de QR-code.",
            "The window is too small for the QR code.",
        ),
        theme.dim,
    )];
    small.extend(text.into_iter().skip(2));
    frame.render_widget(
        Paragraph::new(small)
            .style(theme.base)
            .wrap(Wrap { trim: true }),
        body,
    );
}

/// The sizes the join code is drawn large in, largest first: (pixel size, columns and
/// rows a character).
const BIG: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

fn text_height(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    clamp(
        lines
            .iter()
            .map(|l| wrapped_height(&l.to_string(), w))
            .sum(),
    )
}

/// How the join code is drawn large in `width` x `height` under the other texts, if it is.
fn big_code(text: &[Line], room: &RoomShown, width: u16, height: u16) -> Option<(PixelSize, u16)> {
    let chars = clamp(room.code.chars().count());
    let head = text_height(text, width);
    BIG.into_iter()
        .find(|(_, w, h)| chars.saturating_mul(*w) <= width && head + h <= height)
        .map(|(size, _, h)| (size, h))
}

/// The rows [`draw_words`] takes in `width` x `height`.
fn words_height(text: &[Line], room: &RoomShown, width: u16, height: u16) -> u16 {
    text_height(text, width) + big_code(text, room, width, height).map_or(0, |(_, h)| h)
}

/// The texts of the join view, the join code also large when there is room (once more as
/// text under it, for a glance and for screen readers).
fn draw_words(
    frame: &mut Frame,
    area: Rect,
    mut text: Vec<Line<'static>>,
    room: &RoomShown,
    theme: &Theme,
) {
    let at = text
        .iter()
        .position(|l| l.to_string() == clean(&room.code))
        .unwrap_or(text.len());
    let tail = text.split_off(at);
    let big = big_code(
        &text,
        room,
        area.width,
        area.height.saturating_sub(clamp(tail.len())),
    );
    let head_h = text_height(&text, area.width).min(area.height);
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.base)
            .wrap(Wrap { trim: true }),
        Rect::new(area.x, area.y, area.width, head_h),
    );
    let mut y = area.y + head_h;
    if let Some((size, h)) = big {
        let code_area = Rect::new(area.x, y, area.width, h);
        frame.render_widget(
            BigText::builder()
                .pixel_size(size)
                .style(theme.title)
                .lines(vec![Line::from(clean(&room.code).into_owned())])
                .build(),
            code_area,
        );
        y += h;
    }
    let rest = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
    frame.render_widget(
        Paragraph::new(tail)
            .style(theme.base)
            .wrap(Wrap { trim: true }),
        rest,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_lines_keep_every_module_square_and_whole() {
        let qr = Qr::new("HTTP://127.0.0.1:8421/J/ABCDEFGHIJKLMNOPQRSTUVWXYZ").unwrap();
        assert_eq!(lines(&qr, QUIET, 1), qr.lines(QUIET));
        let two = lines(&qr, QUIET, 2);
        assert_eq!(size(&qr, QUIET, 2), (74, 37));
        assert_eq!(two.len(), 37);
        assert!(two.iter().all(|l| l.chars().count() == 74));
        // Each module is two columns and one row: a dark module is "██".
        let m = qr.matrix(QUIET);
        for (y, row) in two.iter().enumerate() {
            let cells: Vec<char> = row.chars().collect();
            for (x, dark) in m[y].iter().enumerate() {
                let want = if *dark { '█' } else { ' ' };
                assert_eq!((cells[2 * x], cells[2 * x + 1]), (want, want));
            }
        }
    }
}
