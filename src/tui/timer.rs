//! The time box of the step on screen: `t` starts and pauses it, `T` sets its minutes. The
//! countdown is drawn large beside the title where there is room, and in the top bar
//! otherwise; it changes colour at 20% and 5% left, says "tijd is om" at zero with the
//! overrun counting on, and rings the terminal bell once. It never takes the keyboard.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::action::Action;
use super::form::{Check, Field, Form, Purpose};
use super::session::view::Mode;
use super::steps::Reaction;
use super::theme::Theme;
use crate::core::timebox::{TimerPhase, clock_text, ms_to_next_tick, phase};
use crate::core::{Change, Lang, SessionState};

/// What `t` (start/pause) or `T` (set minutes) does on the step on screen.
pub fn update(state: &SessionState, action: &Action) -> Option<Reaction> {
    let index = state.current;
    let (Some(step), Some(timer)) = (state.scenario.steps.get(index), state.timers.get(index))
    else {
        return None;
    };
    let step = step.id.clone();
    let open = |form: Form| Some(Reaction::Open(Mode::Form(Box::new(form))));
    match action {
        Action::TimerToggle => match timer.minutes {
            // No time box yet: ask for one, then start it.
            None => open(minutes_form(None, true)),
            Some(_) if timer.is_running() => Some(Reaction::record(Change::TimerPaused { step })),
            Some(_) => Some(Reaction::record(Change::TimerStarted { step })),
        },
        Action::TimerSet => open(minutes_form(timer.minutes, false)),
        _ => None,
    }
}

fn minutes_form(minutes: Option<u32>, start: bool) -> Form {
    Form::new(
        Purpose::Minutes { start },
        ("Tijd voor deze stap", "Time for this step"),
        vec![Field::Text {
            label: Some(("minuten (1 tot 600)", "minutes (1 to 600)")),
            value: minutes.map(|m| m.to_string()).unwrap_or_default(),
            check: Check::Number {
                min: 1,
                max: 600,
                empty: false,
            },
        }],
    )
}

/// Whether the step on screen has a time box.
pub fn has_time_box(state: &SessionState) -> bool {
    state
        .timers
        .get(state.current)
        .is_some_and(|t| t.minutes.is_some())
}

/// What the countdown of the step on screen shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Countdown {
    /// `mm:ss` left, or `+mm:ss` over.
    pub digits: String,
    /// How urgent it is.
    pub phase: TimerPhase,
    /// Whether it runs.
    pub running: bool,
    /// Whether it has not run at all yet.
    pub fresh: bool,
}

/// The countdown of the step on screen at `now`; none when the step has no time box.
pub fn countdown(state: &SessionState, now: Timestamp) -> Option<Countdown> {
    let timer = state.timers.get(state.current)?;
    let left = timer.remaining_ms(now)?;
    Some(Countdown {
        digits: clock_text(left),
        phase: phase(timer, now)?,
        running: timer.is_running(),
        fresh: !timer.is_running() && timer.elapsed_ms == 0,
    })
}

/// Milliseconds until the running countdown on screen changes; none when nothing runs.
pub fn next_tick_ms(state: &SessionState, now: Timestamp) -> Option<i64> {
    let timer = state.timers.get(state.current)?;
    if !timer.is_running() {
        return None;
    }
    timer.remaining_ms(now).map(ms_to_next_tick)
}

/// Remembers whether the countdown on screen was over, so the bell rings once when it
/// reaches zero (not on every frame, not when a session is reopened after its time).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Bell {
    seen: Option<(usize, bool)>,
}

impl Bell {
    /// Notes the countdown of step `step`; true when it just reached zero.
    pub fn check(&mut self, step: usize, over: bool) -> bool {
        let ring = over && self.seen == Some((step, false));
        self.seen = Some((step, over));
        ring
    }
}

/// Notes the time on screen; true when the bell should ring now.
pub fn ring(bell: &mut Bell, state: &SessionState, now: Timestamp) -> bool {
    let over = countdown(state, now).is_some_and(|c| c.phase == TimerPhase::Over);
    bell.check(state.current, over)
}

/// Whether the countdown is drawn large in a title row of this size, and how wide.
pub fn big_width(area: Rect) -> Option<u16> {
    (area.height >= 34 && area.width >= 100).then_some(if area.width >= 160 { 58 } else { 28 })
}

/// The style of the countdown in a bar: plain while there is time, then the warning and
/// alarm styles, then the error style when time is up.
pub fn bar_style(phase: TimerPhase, theme: &Theme) -> Style {
    match phase {
        TimerPhase::Plenty => theme.bar.add_modifier(Modifier::BOLD),
        TimerPhase::Low => theme.warn,
        TimerPhase::Critical => theme.alarm,
        TimerPhase::Over => theme.error,
    }
}

/// The style of the large digits: the colour of the phase on the screen's background.
fn big_style(phase: TimerPhase, theme: &Theme) -> Style {
    let from = match phase {
        TimerPhase::Plenty => return theme.title,
        TimerPhase::Low => theme.warn,
        TimerPhase::Critical | TimerPhase::Over => theme.alarm,
    };
    match from.bg {
        Some(colour) => theme.base.fg(colour).add_modifier(Modifier::BOLD),
        // Without colours the digits stay plain; the top bar says when time is up.
        None => theme.title,
    }
}

/// The words of the countdown in the top bar: the digits (unless drawn large) and its state;
/// `t start` only where `t` works (a live session, not a replay or follow).
pub fn bar_text(c: &Countdown, big: bool, edits: bool, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if c.phase == TimerPhase::Over {
        parts.push(lang.pick("TIJD IS OM", "TIME IS UP").to_string());
    }
    if !big {
        parts.push(c.digits.clone());
    }
    if c.fresh && edits {
        parts.push("t start".to_string());
    } else if !c.running && !c.fresh {
        parts.push(lang.pick("gepauzeerd", "paused").to_string());
    }
    parts.join(" · ")
}

/// Draws the countdown's words in the top bar `area`, left of `right_used` columns.
pub fn render_bar(
    frame: &mut Frame,
    area: Rect,
    right_used: u16,
    c: &Countdown,
    text: &str,
    theme: &Theme,
) {
    if text.is_empty() {
        return;
    }
    let text = format!(" {text} ");
    let width = text.chars().count() as u16;
    let room = area.width.saturating_sub(right_used + 1);
    if width > room {
        return;
    }
    let rect = Rect::new(area.x + room - width, area.y, width, 1);
    frame.render_widget(Paragraph::new(text).style(bar_style(c.phase, theme)), rect);
}

/// Draws the countdown in large digits, right-aligned in `area`.
pub fn render_big(frame: &mut Frame, area: Rect, c: &Countdown, theme: &Theme) {
    let glyphs = c.digits.chars().count() as u16;
    let pixel_size = if area.width >= glyphs * 8 {
        PixelSize::HalfHeight
    } else {
        PixelSize::Quadrant
    };
    let big = BigText::builder()
        .pixel_size(pixel_size)
        .style(big_style(c.phase, theme))
        .alignment(Alignment::Right)
        .lines(vec![Line::from(c.digits.clone())])
        .build();
    frame.render_widget(big, area);
}

#[cfg(test)]
mod tests {
    use super::Bell;

    #[test]
    fn the_bell_rings_once_when_zero_is_reached_on_screen() {
        let mut bell = Bell::default();
        assert!(!bell.check(0, false));
        assert!(bell.check(0, true), "reached zero");
        assert!(!bell.check(0, true), "not again on the next frame");
        assert!(!bell.check(0, false), "the time box was set again");
        assert!(bell.check(0, true), "and rings when it runs out again");
        // Opening a step (or a session) whose time is already up does not ring.
        assert!(!bell.check(1, true));
        let mut fresh = Bell::default();
        assert!(!fresh.check(0, true));
    }
}
