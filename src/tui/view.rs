//! Drawing: reads the app, never changes it. One frame = bars, the screen, overlays.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::app::{App, Screen};
use super::session::SessionScreen;
use super::session::view::{Mode, Scene};
use super::text::{clean, truncate};
use super::theme::Theme;
use super::{form, home, participants, room, steps, timer};
use crate::core::{Lang, Scenario};

/// The smallest terminal the screens are drawn in.
pub const MIN_WIDTH: u16 = 20;
/// The smallest terminal height the screens are drawn in.
pub const MIN_HEIGHT: u16 = 6;

/// Draws one frame.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = &app.theme;
    frame.render_widget(Block::default().style(theme.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = app
            .lang
            .pick("Maak het venster groter", "Enlarge the window");
        frame.render_widget(
            Paragraph::new(msg)
                .style(theme.base)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    match &app.screen {
        Screen::Home(h) => {
            let [top, body, bottom] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Min(1),
                Constraint::Length(1),
            ])
            .areas(area);
            bar(frame, top, "samenspel", "", app);
            home::render(frame, body, h, theme, app.lang);
            let hint = home::hint(h, bottom.width, app.lang);
            frame.render_widget(Paragraph::new(hint).style(theme.bar), bottom);
        }
        Screen::Session(s) => session(frame, area, s, app),
        Screen::Replay(r) => super::replay::render(frame, area, r, app),
        Screen::Follow(f) => super::follow::render(frame, area, f, app),
    }
    if app.help {
        super::help::render(frame, area, app);
    }
    if let Some(err) = &app.error {
        error_overlay(frame, area, err, app);
    }
}

fn bar(frame: &mut Frame, area: Rect, left: &str, right: &str, app: &App) {
    bar_with(frame, area, &[left], right, 0, app);
}

/// The top bar: the first of `lefts` that fits beside `right` and `reserved` columns (the
/// countdown), else the last one cut with "…".
fn bar_with(
    frame: &mut Frame,
    area: Rect,
    lefts: &[&str],
    right: &str,
    reserved: usize,
    app: &App,
) {
    let width = area.width as usize;
    let w = |s: &str| Span::raw(s).width();
    let room = width.saturating_sub(w(right) + reserved + 1);
    let left = lefts
        .iter()
        .find(|l| w(l) <= room)
        .map(|l| l.to_string())
        .unwrap_or_else(|| truncate(lefts.last().copied().unwrap_or_default(), room));
    let pad = width.saturating_sub(w(&left) + w(right));
    let line = format!("{left}{}{right}", " ".repeat(pad));
    frame.render_widget(Paragraph::new(line).style(app.theme.bar), area);
}

/// The number a step is shown with (1-based); a review of the previous meeting has none.
pub fn step_number(scenario: &Scenario, index: usize) -> Option<usize> {
    scenario.step_number(index)
}

/// "Akte 2/4" or "Stap 2/4"; "Terugblik" on a review step.
pub fn step_label(state: &crate::core::SessionState, lang: Lang) -> String {
    let scenario = &state.scenario;
    let Some(number) = step_number(scenario, state.current) else {
        return lang.pick("Terugblik", "Review").to_string();
    };
    let total = scenario
        .steps
        .iter()
        .filter(|s| s.kind.review().is_none())
        .count();
    let word = scenario
        .step_name
        .as_ref()
        .map(|t| clean(t.get(lang)).into_owned())
        .unwrap_or_else(|| lang.pick("Stap", "Step").to_string());
    format!("{word} {number}/{total}")
}

/// Where the parts of a session screen go.
struct SessionAreas {
    top: Rect,
    title: Rect,
    big_title: bool,
    /// Width of the large countdown at the right of the title row (0: none).
    clock_w: u16,
    prompt: Rect,
    notes: Rect,
    body: Rect,
    foot: Rect,
}

fn session_areas(area: Rect, s: &SessionScreen, theme: &Theme, lang: Lang) -> SessionAreas {
    let status_h = super::status::height(s, theme, lang, area.width);
    let [main, _status] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(status_h)]).areas(area);
    let scene = s.scene();
    let (main, _side) = super::side::split(main, s);
    step_areas(room::join::step_area(main, scene.view), &scene, lang)
}

/// The parts of a step screen without the status line.
fn step_areas(area: Rect, scene: &Scene, lang: Lang) -> SessionAreas {
    let state = scene.state();
    let view = scene.view;
    let step = state.current_step();
    let title = step.map_or(0, |s| clean(s.title.get(lang)).chars().count());
    let prompt = step.map_or(String::new(), |s| clean(s.prompt.get(lang)).into_owned());
    let notes = step
        .and_then(|s| s.notes.as_ref())
        .filter(|_| view.show_notes)
        .map(|n| clean(n.get(lang)).into_owned());
    if matches!(view.mode, Mode::Spotlight) {
        // The card alone: everything between the bars.
        let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let none = Rect::new(body.x, body.y, body.width, 0);
        return SessionAreas {
            top,
            title: none,
            big_title: false,
            clock_w: 0,
            prompt: none,
            notes: none,
            body,
            foot: none,
        };
    }
    // The countdown is drawn large beside the title where there is room.
    let clock_w = if timer::has_time_box(state) {
        timer::big_width(area).unwrap_or(0)
    } else {
        0
    };
    // The big title needs 4 cells a letter and room for the board below.
    let big = area.height >= 34
        && (title as u16).saturating_mul(4) <= area.width.saturating_sub(clock_w + 2);
    let title_h = if big || clock_w > 0 { 4 } else { 1 };
    let text_w = area.width.saturating_sub(2).max(1) as usize;
    let prompt_h = wrapped_height(&prompt, text_w).min(4) as u16;
    let notes_h = notes.as_ref().map_or(0, |n| {
        wrapped_height(n, text_w.saturating_sub(4)).min(6) as u16 + 2
    });
    let foot_h = match &view.mode {
        Mode::Confirm(q) => super::question::height(q, area.width),
        Mode::Form(f) => form::foot_height(f, area.width),
        // A beamer: the console's text being typed, when the facilitator lets it show.
        Mode::Normal => view
            .typing
            .as_ref()
            .map_or(0, |t| super::beamer::typing::height(t, area.width)),
        _ => 0,
    };
    let [top, title_area, prompt_area, notes_area, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(title_h),
        Constraint::Length(prompt_h + 1),
        Constraint::Length(notes_h),
        Constraint::Min(1),
        Constraint::Length(foot_h),
    ])
    .areas(area);
    SessionAreas {
        top,
        title: title_area,
        big_title: big,
        clock_w,
        prompt: prompt_area,
        notes: notes_area,
        body,
        foot,
    }
}

/// The area the step's content (board, matrix, ...) is drawn in, in a frame of `area`.
pub fn body_area(area: Rect, s: &SessionScreen, theme: &Theme, lang: Lang) -> Rect {
    session_areas(area, s, theme, lang).body
}

fn session(frame: &mut Frame, area: Rect, s: &SessionScreen, app: &App) {
    let status_h = super::status::height(s, &app.theme, app.lang, area.width);
    let [main, bottom] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(status_h)]).areas(area);
    let (main, side) = super::side::split(main, s);
    room_screen(frame, main, &s.scene(), app);
    if let Some(side) = side {
        super::side::render(frame, side, s, app.now(), &app.theme, app.lang);
    }
    super::status::render(frame, bottom, s, app);
}

/// Draws what the room sees of a session: the step, with the room's QR code beside it or
/// alone when the room is open and its code shown.
pub fn room_screen(frame: &mut Frame, area: Rect, scene: &Scene, app: &App) {
    let shown = scene.view.room.as_ref();
    match (room::join::placement(area, scene.view), shown) {
        (room::join::Placement::Beside { step, panel, scale }, Some(r)) => {
            step_screen(frame, step, scene, app);
            room::join::render_beside(frame, panel, scale, r, scene.state(), &app.theme, app.lang);
        }
        (room::join::Placement::Alone, Some(r)) => {
            room::join::render_alone(frame, area, r, scene.state(), &app.theme, app.lang);
        }
        _ => step_screen(frame, area, scene, app),
    }
}

/// Draws a session's step as the room sees it (top bar, title, prompt, notes when shown,
/// the step's content, an open editor), without the status line: replay and follow draw
/// their own bars below it.
pub fn step_screen(frame: &mut Frame, area: Rect, scene: &Scene, app: &App) {
    let lang = app.lang;
    let theme = &app.theme;
    let state = scene.state();
    let view = scene.view;
    let Some(step) = state.current_step() else {
        return;
    };
    let title = clean(step.title.get(lang)).into_owned();
    let prompt = clean(step.prompt.get(lang)).into_owned();
    let notes = step
        .notes
        .as_ref()
        .filter(|_| view.show_notes)
        .map(|n| clean(n.get(lang)).into_owned());
    let SessionAreas {
        top,
        title: title_area,
        big_title: big,
        clock_w,
        prompt: prompt_area,
        notes: notes_area,
        body,
        foot,
    } = step_areas(area, scene, lang);

    let scenario_title = clean(state.scenario.title.get(lang)).into_owned();
    let session_title = clean(&scene.live.session.title).into_owned();
    // The scenario and the meeting's title; when that does not fit, the meeting's title
    // alone (the scenario is in the step's title), cut with "…" only as a last resort.
    let both = format!(" {scenario_title} · {session_title}");
    let alone = format!(" {session_title}");
    let lefts: Vec<&str> = if session_title == scenario_title {
        vec![alone.as_str()]
    } else {
        vec![both.as_str(), alone.as_str()]
    };
    let right = format!("{} ", step_label(state, lang));
    // A replay shows the time box as it was at the change on screen.
    let moment = match &app.screen {
        Screen::Replay(r) => r.moment(),
        _ => app.now(),
    };
    let countdown = timer::countdown(state, moment);
    let clock_text = countdown
        .as_ref()
        .map(|c| timer::bar_text(c, clock_w > 0, scene.edits(), lang))
        .unwrap_or_default();
    let clock = if clock_text.is_empty() {
        0
    } else {
        Span::raw(format!(" {clock_text} ")).width()
    };
    bar_with(frame, top, &lefts, &right, clock, app);
    if let Some(c) = &countdown {
        let used = right.chars().count() as u16;
        timer::render_bar(frame, top, used, c, &clock_text, theme);
    }

    let mut title_inner = title_area.inner(ratatui::layout::Margin::new(1, 0));
    if let Some(c) = countdown.as_ref().filter(|_| clock_w > 0) {
        let [rest, clock] = Layout::horizontal([Constraint::Min(1), Constraint::Length(clock_w)])
            .areas(title_inner);
        timer::render_big(frame, clock, c, theme);
        title_inner = rest;
    }
    if big {
        let big_text = BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(theme.title)
            .lines(vec![Line::from(title.clone())])
            .build();
        frame.render_widget(big_text, title_inner);
    } else {
        frame.render_widget(Paragraph::new(title).style(theme.title), title_inner);
    }
    frame.render_widget(
        Paragraph::new(prompt)
            .style(theme.prompt)
            .wrap(Wrap { trim: true }),
        prompt_area.inner(ratatui::layout::Margin::new(1, 0)),
    );
    // What the room can influence, small, on the free line under the prompt.
    if let Some(influence) = step.influence
        && prompt_area.height >= 2
    {
        let line = Rect::new(
            prompt_area.x,
            prompt_area.bottom() - 1,
            prompt_area.width.saturating_sub(1),
            1,
        );
        frame.render_widget(
            Paragraph::new(influence.shown(lang))
                .style(theme.dim)
                .alignment(Alignment::Right),
            line,
        );
    }
    if let Some(n) = notes {
        frame.render_widget(
            Paragraph::new(n)
                .style(theme.notes)
                .wrap(Wrap { trim: true })
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .padding(ratatui::widgets::Padding::horizontal(1))
                        .border_style(theme.notes)
                        .title(lang.pick(
                            " Notities begeleider (f verbergt) ",
                            " Facilitator notes (f hides) ",
                        )),
                ),
            notes_area,
        );
    }

    if let Some(ui) = steps::ui(&step.kind) {
        (ui.render)(frame, body, scene, theme, lang);
    }
    let panel = Rect::new(
        area.x,
        prompt_area.y,
        area.width,
        body.bottom().saturating_sub(prompt_area.y),
    );
    if view.people.is_some() {
        participants::render(frame, panel, scene, theme, lang);
    }
    if view.inbox.is_some() {
        // Facilitator-only: what the room sees has no inbox (View::for_the_room).
        room::inbox::render(frame, panel, scene, theme, lang);
    }

    match &view.mode {
        Mode::Picker(picker) => {
            let parties = state.scenario.parties();
            steps::board::picker::render(frame, body, picker, parties, theme, lang);
        }
        Mode::Form(f) if f.is_choice() => form::render_choice(frame, area, f, theme, lang),
        Mode::Form(f) => form::render_foot(frame, foot, f, theme, lang),
        Mode::Confirm(question) => super::question::render(frame, foot, question, theme),
        Mode::Endorse(picker) => {
            steps::agreement::endorse::render_picker(frame, area, scene, picker, theme, lang)
        }
        Mode::Normal => {
            if let Some(typing) = &view.typing {
                super::beamer::typing::render(frame, foot, typing, theme, lang);
            }
        }
        Mode::Spotlight => {}
    }
}

/// Number of lines `text` takes when wrapped at `width` (a close estimate).
pub fn wrapped_height(text: &str, width: usize) -> usize {
    if width == 0 {
        return 1;
    }
    let mut lines = 1;
    let mut col = 0;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if col > 0 && col + 1 + w > width {
            lines += 1;
            col = 0;
        }
        col += if col == 0 { w } else { w + 1 };
        while col > width {
            lines += 1;
            col -= width;
        }
    }
    lines
}

/// A rectangle of at most `width` x `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn error_overlay(frame: &mut Frame, area: Rect, error: &super::app::ErrorScreen, app: &App) {
    let lines = &error.lines;
    let lang = app.lang;
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(10),
        area.height.saturating_sub(2).max(3),
    );
    let (head, foot) = if error.settings {
        (
            lang.pick(
                "De instellingen (config.json) bevatten een fout:",
                "The settings (config.json) have a mistake:",
            ),
            lang.pick(
                "samenspel gaat verder met de standaardinstellingen. Esc gaat verder, q stopt.",
                "samenspel goes on with the default settings. Esc goes on, q quits.",
            ),
        )
    } else {
        (
            lang.pick(
                "Dit bestand kan niet worden geopend:",
                "This file cannot be opened:",
            ),
            lang.pick(
                "Het bestand is niet veranderd. Esc gaat terug, q stopt.",
                "The file was not changed. Esc goes back, q quits.",
            ),
        )
    };
    let mut text: Vec<Line> = vec![Line::styled(head, app.theme.title)];
    text.extend(
        lines
            .iter()
            .map(|l| Line::styled(clean(l).into_owned(), app.theme.base)),
    );
    text.push(Line::raw(""));
    text.push(Line::styled(foot, app.theme.dim));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(text)
            .style(app.theme.base)
            .alignment(Alignment::Left)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(app.theme.error),
            ),
        rect,
    );
}
