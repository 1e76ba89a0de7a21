//! The status line of a session: where the session is, whether it is saved, the room
//! (phones in it, proposals waiting in the inbox), the one message (a problem or a calm word), and `? hulp`. It never cuts a word: when the line is
//! too narrow it leaves out what the top bar already says, and a long message takes a
//! second row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::session::SessionScreen;
use super::session::view::StatusKind;
use super::text::clean;
use super::theme::Theme;
use super::view::{step_label, wrapped_height};
use crate::core::Lang;
use crate::store::SaveStatus;

/// What the status line says, part by part, with the style of each.
fn parts(ws: &SessionScreen, theme: &Theme, lang: Lang) -> Vec<(String, Style, Keep)> {
    let total = ws.live.session.events.len();
    let (save_text, save_style) = match ws.save_status() {
        None => (
            lang.pick("alleen lezen", "read-only").to_string(),
            theme.bar,
        ),
        Some(s) if s.error.is_some() => (
            format!(
                "{} ({}/{total}): {}{}",
                lang.pick("NIET OPGESLAGEN", "NOT SAVED"),
                s.saved,
                s.error
                    .as_ref()
                    .map(|e| clean(&e.message(lang)).into_owned())
                    .unwrap_or_default(),
                super::session::end::quit_hint(ws, lang)
            ),
            theme.error,
        ),
        Some(SaveStatus {
            saved,
            conflict: Some(conflict),
            ..
        }) => (
            format!("{} ({saved}/{total})", conflict.status(lang)),
            theme.error,
        ),
        Some(s) if s.saved >= total => (
            format!("{} ({total})", lang.pick("opgeslagen", "saved")),
            theme.ok,
        ),
        Some(s) => (
            format!("{} ({}/{total})", lang.pick("opslaan…", "saving…"), s.saved),
            theme.bar,
        ),
    };
    let mut out = vec![
        (
            format!(" {} ", step_label(&ws.live.state, lang)),
            theme.bar,
            Keep::Spare,
        ),
        (
            format!("· {} ", lang.code().to_uppercase()),
            theme.bar,
            Keep::Spare,
        ),
        (format!(" {save_text} "), save_style, Keep::Always),
    ];
    if let Some(room) = super::room::status_text(&ws.live.state, ws.room.is_open(), lang) {
        // The waiting proposals stand out: the facilitator always sees how many.
        let style = if ws.live.state.room.inbox().next().is_some() {
            theme.info
        } else {
            theme.bar
        };
        out.push((format!(" {room} "), style, Keep::Always));
    }
    if let Some(beamers) = &ws.beamers
        && beamers.beamers() > 0
    {
        // What the room sees now on the beamer (nothing with a single screen).
        let sign = super::beamer::Mirror::of(&ws.view, &ws.live.state, ws.typing.on)
            .sign(&ws.live.state, lang);
        out.push((format!(" {sign} "), theme.info, Keep::Always));
    }
    if let Some(message) = &ws.view.status {
        let style = match message.kind {
            StatusKind::Problem => theme.error,
            StatusKind::Info => theme.info,
        };
        out.push((format!(" {} ", clean(&message.text)), style, Keep::Always));
    }
    out.push((
        format!(" {}", lang.pick("? hulp", "? help")),
        theme.bar,
        Keep::Help,
    ));
    out
}

/// Which parts give way first when the line is narrow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Said in the top bar too: left out first.
    Spare,
    /// `? hulp`: left out next.
    Help,
    /// The save status and the message: always shown, on two rows if need be.
    Always,
}

fn width(parts: &[(String, Style, Keep)]) -> usize {
    parts
        .iter()
        .map(|(t, _, _)| Span::raw(t.as_str()).width())
        .sum()
}

/// The parts that are drawn at `width` columns.
fn fitted(ws: &SessionScreen, theme: &Theme, lang: Lang, w: u16) -> Vec<(String, Style, Keep)> {
    let mut all = parts(ws, theme, lang);
    let w = w as usize;
    if width(&all) > w {
        all.retain(|p| p.2 != Keep::Spare);
    }
    if width(&all) > w {
        all.retain(|p| p.2 != Keep::Help);
    }
    all
}

/// Rows the status line takes at `width`: one, or two for a long message.
pub fn height(ws: &SessionScreen, theme: &Theme, lang: Lang, w: u16) -> u16 {
    let text: String = fitted(ws, theme, lang, w)
        .iter()
        .map(|p| p.0.as_str())
        .collect();
    wrapped_height(&text, w.max(1) as usize).clamp(1, 2) as u16
}

/// Draws the status line in `area`.
pub fn render(frame: &mut Frame, area: Rect, ws: &SessionScreen, app: &App) {
    let spans: Vec<Span> = fitted(ws, &app.theme, app.lang, area.width)
        .into_iter()
        .map(|(t, s, _)| Span::styled(t, s))
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(spans))
            .style(app.theme.bar)
            .wrap(Wrap { trim: false }),
        area,
    );
}
