//! The console's side panel (`C`), the facilitator's alone: the meeting clock, the agenda
//! (planned time boxes against the time spent, from the log; the step on screen marked; how
//! late the meeting runs), whether the beamer shows what is typed, the step's notes, the
//! next step's prompt and the inbox. On a short screen it scrolls by whole lines: the view
//! follows the step chosen in the agenda, and ↓ past the last step goes on below it. It is never part of what the room sees: a beamer
//! mirrors the step beside it, and with a single screen it stays closed until `C` opens it.
//!
//! `C` opens it with the keys in its agenda: ↑ ↓ choose a step, Enter goes there (a step
//! change like `n`, recorded in the log, so undo, replay and the beamer follow it), `b`
//! lets the beamer show the card being typed (or not), Esc gives the keys back to the step
//! (the panel stays open beside it); `C` closes it, from the panel or the step.

use crossterm::event::KeyCode;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};

use super::action::Action;
use super::keys::{HOME_END, KeyTable, UP_DOWN, also, bind, ch, code, table};
use super::session::SessionScreen;
use super::session::view::View;
use super::steps::{MINUTES, REDO, Reaction, TIMER, UNDO};
use super::text::{clean, truncate};
use super::theme::Theme;
use super::wrapped::{self, Entry};
use crate::core::agenda::agenda;
use crate::core::room::Proposed;
use crate::core::{Change, Lang, SessionState};

/// The keys of the side panel while it has them.
pub static KEYS: KeyTable = table!(
    "Zijpaneel (C)",
    "Side panel (C)",
    [
        bind!(
            "↑ ↓",
            "kies een stap in de agenda",
            "choose a step in the agenda",
            UP_DOWN
        ),
        bind!(
            "Enter",
            "naar die stap (de beamer gaat mee)",
            "go to that step (the beamer follows)",
            [code(KeyCode::Enter, Action::Open)],
        ),
        bind!(
            "b",
            "beamer toont de kaart die je typt: aan/uit (onthouden)",
            "the beamer shows the card you type: on/off (remembered)",
            [ch('b', Action::BeamerTyping)],
        ),
        TIMER,
        MINUTES,
        UNDO,
        REDO,
        bind!(
            "Esc",
            "terug naar de stap (het paneel blijft open)",
            "back to the step (the panel stays open)",
            [code(KeyCode::Esc, Action::Back)],
        ),
        bind!(
            "C",
            "zijpaneel sluiten",
            "close the side panel",
            [ch('C', Action::SidePanel)],
        ),
        bind!("", "", "", HOME_END),
        also!([ch('?', Action::Help), ch('q', Action::Quit)]),
    ],
);

/// `C` on a step: the panel opens with the keys, the step on screen chosen in its agenda;
/// open beside the step, it closes.
pub fn toggle(view: &mut View, state: &SessionState) {
    view.side = !view.side;
    view.agenda = view.side.then_some(state.current);
}

/// What an action does while the panel has the keys (the timer, undo and redo are the
/// session's, as on every step; `b` is the setting's).
pub fn update(view: &mut View, state: &SessionState, action: &Action) -> Option<Reaction> {
    let chosen = view.agenda?;
    let last = state.scenario.steps.len().saturating_sub(1);
    match action {
        // Past the last step, ↓ scrolls on to what is below the agenda, ↑ back first.
        Action::Up if view.side_below > 0 => view.side_below -= 1,
        Action::Up => view.agenda = Some(chosen.saturating_sub(1)),
        Action::Down if chosen < last => view.agenda = Some(chosen + 1),
        Action::Down if view.side_below < view.side_more.get() => view.side_below += 1,
        Action::First => {
            view.agenda = Some(0);
            view.side_below = 0;
        }
        Action::Last => {
            view.agenda = Some(last);
            view.side_below = 0;
        }
        Action::Back => view.agenda = None,
        Action::SidePanel => {
            view.side = false;
            view.agenda = None;
        }
        Action::Open => {
            // The keys go back to the step, which the facilitator now talks about.
            view.agenda = None;
            let step = state.scenario.steps.get(chosen)?;
            return (chosen != state.current).then(|| {
                Reaction::record(Change::StepOpened {
                    step: step.id.clone(),
                })
            });
        }
        _ => {}
    }
    if view.agenda.is_none() {
        view.side_below = 0;
    }
    None
}

/// The panel's width, when the screen is wide enough to keep the step readable beside it.
pub fn width(total: u16) -> Option<u16> {
    (total >= 70).then(|| (total / 3).clamp(30, 48))
}

/// Splits the console's screen: the step (what the room sees) and the panel, when open.
pub fn split(area: Rect, s: &SessionScreen) -> (Rect, Option<Rect>) {
    match width(area.width).filter(|_| s.view.side) {
        Some(w) => {
            let [main, side] =
                Layout::horizontal([Constraint::Min(1), Constraint::Length(w)]).areas(area);
            (main, Some(side))
        }
        None => (area, None),
    }
}

fn minutes(ms: i64) -> i64 {
    (ms + 30_000) / 60_000
}

fn clock(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone()).strftime("%H:%M").to_string()
}

/// Draws the panel in `area`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    s: &SessionScreen,
    now: Timestamp,
    theme: &Theme,
    lang: Lang,
) {
    let chosen = s.view.agenda;
    let focus = if chosen.is_some() {
        theme.focus
    } else {
        theme.dim
    };
    let block = Block::default()
        .borders(Borders::LEFT)
        .padding(Padding::horizontal(1))
        .border_style(focus)
        .title(Span::styled(
            lang.pick(" alleen voor jou · C sluit ", " yours alone · C closes "),
            focus,
        ));
    let inner = block.inner(area);
    let (blocks, chosen_block) = entries(s, now, theme, lang, usize::from(inner.width));
    let height = usize::from(inner.height);
    // The view follows the step chosen in the agenda, and scrolls on with ↓ past the last
    // step; without the keys it starts at the top: the clock and the agenda.
    let follow = chosen_block.map_or(0, |b| wrapped::offset_for(&blocks, b, height));
    let end = wrapped::clamp_offset(&blocks, usize::MAX, height);
    s.view.side_more.set(end.saturating_sub(follow));
    let offset = follow + s.view.side_below;
    let mut lines = wrapped::scrolled(blocks, offset, height, theme.dim, lang);
    if chosen.is_none()
        && let Some(last) = lines.last_mut()
        && last.spans.iter().any(|span| span.content.starts_with('▼'))
    {
        // ↓ is the step's while the panel does not have the keys.
        *last = Line::styled(
            lang.pick("▼ meer: C C, dan ↓", "▼ more: C C, then ↓"),
            theme.dim,
        );
    }
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).style(theme.base).block(block), area);
}

/// The panel's lines as entries, each wrapped to `width`: the clock, the agenda and the
/// beamer setting (what the panel's keys work on), this step's notes, the next step and
/// the inbox; and which entry is the step
/// chosen in the agenda while the panel has the keys.
fn entries<'a>(
    s: &SessionScreen,
    now: Timestamp,
    theme: &Theme,
    lang: Lang,
    width: usize,
) -> (Vec<Entry<'a>>, Option<usize>) {
    let state = &s.live.state;
    let tz = s
        .live
        .session
        .time_zone
        .as_deref()
        .and_then(|z| TimeZone::get(z).ok())
        .unwrap_or_else(TimeZone::system);
    let a = agenda(&s.live.session, state, now);
    let mut out: Vec<Entry> = Vec::new();
    let text = |out: &mut Vec<Entry<'a>>, lead: &str, t: &str, style: Style| {
        let mut lines = Vec::new();
        wrapped::push_wrapped(&mut lines, lead, t, width, style);
        out.push(Entry::item(lines));
    };
    let heading = |out: &mut Vec<Entry<'a>>, t: &str| {
        out.push(Entry::other(vec![Line::raw("")]));
        out.push(Entry::other(vec![Line::styled(
            t.to_string(),
            theme.heading,
        )]));
    };
    let elapsed = a.elapsed_ms / 60_000;
    let head = format!(
        "{} {} · {} {}:{:02}",
        lang.pick("Klok", "Clock"),
        clock(now, &tz),
        lang.pick("bezig", "running"),
        elapsed / 60,
        elapsed % 60
    );
    text(&mut out, "", &head, theme.heading);

    heading(&mut out, lang.pick("Agenda", "Agenda"));
    let chosen = s.view.agenda;
    let mut chosen_block = None;
    for item in &a.items {
        let step = &state.scenario.steps[item.step];
        let here = item.step == state.current;
        let planned = item
            .planned
            .map_or_else(|| "–".to_string(), |m| m.to_string());
        let times = format!(" {}/{planned}", minutes(item.spent_ms));
        let title_w = width.saturating_sub(times.chars().count() + 2);
        let title = truncate(&clean(step.title.get(lang)), title_w);
        let marker = match (here, chosen == Some(item.step)) {
            (true, _) => "▶ ",
            (false, true) => "› ",
            (false, false) => "  ",
        };
        let over = item
            .planned
            .is_some_and(|p| item.spent_ms > i64::from(p) * 60_000);
        // The step chosen to go to stands out while the panel has the keys; the step on
        // screen is marked ▶.
        let style = match chosen {
            Some(c) if c == item.step => theme.focus,
            Some(_) if here => theme.heading,
            Some(_) => theme.base,
            None if here => theme.selected,
            None => theme.base,
        };
        if chosen == Some(item.step) {
            chosen_block = Some(out.len());
        }
        out.push(Entry::item(vec![Line::from(vec![
            Span::styled(format!("{marker}{title:<title_w$}"), style),
            Span::styled(times, if over { theme.error } else { theme.dim }),
        ])]));
    }
    text(
        &mut out,
        "",
        lang.pick("(minuten besteed/gepland)", "(minutes spent/planned)"),
        theme.dim,
    );
    let late = a.late_minutes();
    if late > 0 {
        let said = match lang {
            Lang::Nl => format!(
                "loopt {late} minuten uit: klaar om {} (gepland {})",
                clock(a.expected_end, &tz),
                clock(a.planned_end, &tz)
            ),
            Lang::En => format!(
                "running {late} minutes late: done at {} (planned {})",
                clock(a.expected_end, &tz),
                clock(a.planned_end, &tz)
            ),
        };
        text(&mut out, "", &said, theme.error);
    } else {
        let said = format!(
            "{} {}",
            lang.pick("op schema: klaar om", "on time: done at"),
            clock(a.expected_end, &tz)
        );
        text(&mut out, "", &said, theme.ok);
    }
    let keys: &[&str] = match chosen {
        Some(_) => &[
            lang.pick("↑↓ kies, Enter gaat erheen", "↑↓ choose, Enter goes there"),
            lang.pick("Esc: terug naar de stap", "Esc: back to the step"),
        ],
        None => &[lang.pick("C C: een stap kiezen", "C C: choose a step")],
    };
    for k in keys {
        text(&mut out, "", k, theme.dim);
    }
    let (word, style) = if s.typing.on {
        (lang.pick("aan", "on"), theme.info)
    } else {
        (lang.pick("uit", "off"), theme.dim)
    };
    out.push(Entry::item(vec![Line::from(vec![
        Span::styled(
            lang.pick("Typen op beamer: ", "Typing on beamer: "),
            theme.heading,
        ),
        Span::styled(word, style),
        Span::styled(if chosen.is_some() { " (b)" } else { "" }, theme.dim),
    ])]));

    heading(&mut out, lang.pick("Notities", "Notes"));
    match state.current_step().and_then(|s| s.notes.as_ref()) {
        // A line an entry: a long note scrolls whole lines, and the view says what is left.
        Some(notes) => {
            let mut lines = Vec::new();
            wrapped::push_wrapped(&mut lines, "", &clean(notes.get(lang)), width, theme.base);
            out.extend(lines.into_iter().map(|l| Entry::item(vec![l])));
        }
        None => text(
            &mut out,
            "",
            lang.pick("(geen bij deze stap)", "(none for this step)"),
            theme.dim,
        ),
    }

    match state.scenario.steps.get(state.current + 1) {
        Some(next) => {
            let title = format!(
                "{}: {}",
                lang.pick("Volgende stap", "Next step"),
                clean(next.title.get(lang))
            );
            out.push(Entry::other(vec![Line::raw("")]));
            text(&mut out, "", &title, theme.heading);
            text(&mut out, "", &clean(next.prompt.get(lang)), theme.base);
        }
        None => {
            out.push(Entry::other(vec![Line::raw("")]));
            let last = lang.pick("Dit is de laatste stap.", "This is the last step.");
            text(&mut out, "", last, theme.heading);
        }
    }

    let waiting: Vec<_> = state.room.inbox().collect();
    out.push(Entry::other(vec![Line::raw("")]));
    let inbox = format!(
        "{} · {} {}",
        lang.pick("Inbox", "Inbox"),
        waiting.len(),
        lang.pick("wachten (I opent)", "waiting (I opens)")
    );
    text(&mut out, "", &inbox, theme.heading);
    for p in waiting.iter().take(5) {
        let said = match &p.content {
            Proposed::Card { text, .. } => clean(text).into_owned(),
            Proposed::Commitment { what, .. } => clean(what).into_owned(),
        };
        text(&mut out, "• ", &said, theme.base);
    }
    if waiting.len() > 5 {
        let more = format!("… {} {}", waiting.len() - 5, lang.pick("meer", "more"));
        text(&mut out, "", &more, theme.dim);
    }

    (out, chosen_block)
}
