//! Drawing a replay: the step as the room saw it, then the timeline bar, the change just
//! applied, and the keys. The summary shows the final state one step per page.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Replay, SPEEDS};
use crate::core::Lang;
use crate::core::clean::clean;
use crate::tui::app::App;
use crate::tui::view::{step_label, step_number, step_screen};
use crate::tui::wrapped::fit_parts;

/// Draws the replay screen (or its summary) in `area`.
pub fn render(frame: &mut Frame, area: Rect, replay: &Replay, app: &App) {
    let lang = app.lang;
    let theme = &app.theme;
    if let Some(summary) = &replay.summary {
        let [main, info, keys] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        step_screen(frame, main, &summary.scene(), app);
        let text = format!(
            " {} · {} · {} {} ",
            lang.pick("SAMENVATTING", "SUMMARY"),
            step_label(&summary.live.state, lang),
            lang.pick("eindstand na", "final state after"),
            changes(replay.len(), lang),
        );
        frame.render_widget(Paragraph::new(text).style(theme.selected), info);
        let parts: Vec<String> = [
            lang.pick("← → bladeren", "← → page"),
            lang.pick("↑↓ schuift", "↑↓ scroll"),
            lang.pick("S Esc terug naar afspelen", "S Esc back to replay"),
            lang.pick("Home End eerste/laatste", "Home End first/last"),
            lang.pick("q stoppen", "q quit"),
        ]
        .map(String::from)
        .to_vec();
        let hint = format!(
            " {}",
            fit_parts(&parts, keys.width.saturating_sub(2) as usize)
        );
        frame.render_widget(Paragraph::new(hint).style(theme.bar), keys);
        return;
    }
    let [main, track, info, said, keys] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    step_screen(frame, main, &replay.shown.scene(), app);
    frame.render_widget(
        Paragraph::new(Line::from(track_spans(replay, track.width, app))).style(theme.base),
        track,
    );

    let position = replay.position();
    let state = if replay.is_playing() {
        format!("▶ {}", speed_name(replay.speed, lang))
    } else {
        format!("❚❚ {}", speed_name(replay.speed, lang))
    };
    let now = replay.time_at(position);
    let start = replay.session().created;
    let end = replay.time_at(replay.len());
    let clock = now
        .to_zoned(replay.tz.clone())
        .strftime("%H:%M")
        .to_string();
    let text = format!(
        " {state} │ {} / {} ({clock}) │ {} {position}/{} │ {}",
        elapsed(start, now),
        elapsed(start, end),
        lang.pick("wijziging", "change"),
        replay.len(),
        step_label(&replay.shown.live.state, lang),
    );
    frame.render_widget(Paragraph::new(text).style(theme.bar), info);

    let problem = replay
        .problem
        .as_ref()
        .or(replay.shown.view.status.as_ref().map(|s| &s.text));
    let (said_text, said_style) = match (problem, &replay.last_change) {
        (Some(p), _) => (format!(" {}", clean(p)), theme.error),
        (None, Some(c)) => (format!(" {}", clean(c)), theme.title),
        (None, None) => (
            format!(
                " {}",
                lang.pick(
                    "begin van de bijeenkomst: spatie speelt af",
                    "start of the meeting: space plays"
                )
            ),
            theme.dim,
        ),
    };
    frame.render_widget(Paragraph::new(said_text).style(said_style), said);
    let parts: Vec<String> = [
        lang.pick("spatie speel", "space play"),
        lang.pick("←→ wijziging", "←→ change"),
        lang.pick("[ ] stap", "[ ] step"),
        lang.pick("S samenvatting", "S summary"),
        lang.pick("1-5 snelheid", "1-5 speed"),
        lang.pick("? hulp", "? help"),
        lang.pick("q stoppen", "q quit"),
    ]
    .map(String::from)
    .to_vec();
    let hint = format!(
        " {}",
        fit_parts(&parts, keys.width.saturating_sub(2) as usize)
    );
    frame.render_widget(Paragraph::new(hint).style(theme.bar), keys);
}

/// "5x", or "stap voor stap" for the last speed.
pub fn speed_name(speed: usize, lang: Lang) -> String {
    match SPEEDS.get(speed) {
        Some(x) => format!("{x}x"),
        None => lang.pick("stap voor stap", "step by step").to_string(),
    }
}

fn changes(n: usize, lang: Lang) -> String {
    format!(
        "{n} {}",
        if n == 1 {
            lang.pick("wijziging", "change")
        } else {
            lang.pick("wijzigingen", "changes")
        }
    )
}

/// Meeting time from `start` to `at` as H:MM:SS.
pub fn elapsed(start: Timestamp, at: Timestamp) -> String {
    let secs = ((at.as_millisecond() - start.as_millisecond()) / 1000).max(0);
    format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

/// The bar: meeting time from left to right, step numbers where each step began, the
/// part played drawn heavy, and a dot where the replay is.
fn track_spans(replay: &Replay, width: u16, app: &App) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let w = usize::from(width.saturating_sub(2)).max(1);
    let start = replay.session().created.as_millisecond();
    let end = replay.time_at(replay.len()).as_millisecond();
    let n = replay.len().max(1);
    // Where position `p` falls on the bar: by meeting time, by count when time stands still.
    let x = |p: usize| -> usize {
        let frac = if end > start {
            (replay.time_at(p).as_millisecond() - start) as f64 / (end - start) as f64
        } else {
            p as f64 / n as f64
        };
        ((frac.clamp(0.0, 1.0) * (w - 1) as f64).round()) as usize
    };
    let here = x(replay.position());
    let mut cells: Vec<char> = (0..w).map(|i| if i < here { '━' } else { '─' }).collect();
    for mark in replay.timeline().marks() {
        let label = step_number(&replay.shown.live.state.scenario, mark.step)
            .map_or("↺".to_string(), |n| n.to_string());
        let at = x(mark.at).min(w.saturating_sub(label.len()));
        for (k, c) in label.chars().enumerate() {
            if let Some(cell) = cells.get_mut(at + k) {
                *cell = c;
            }
        }
    }
    if let Some(cell) = cells.get_mut(here) {
        *cell = '●';
    }
    let played: String = cells[..here].iter().collect();
    let dot: String = cells[here..=here.min(w - 1)].iter().collect();
    let rest: String = cells
        .get(here + 1..)
        .map_or(String::new(), |r| r.iter().collect());
    vec![
        Span::styled(" ", theme.base),
        Span::styled(played, theme.focus),
        Span::styled(dot, theme.focus),
        Span::styled(rest, theme.dim),
    ]
}
