//! A matrix step: rows x columns rated on a scale, drawn as a heat map with the value written
//! in every cell. Row and column headings stay in view while the grid scrolls; the selected
//! cell is told in full below the grid. `A` swaps the grid for the analysis.

pub mod analysis;
mod grid;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

pub use self::grid::Advance;
use self::grid::{Detail, Grid, legend, row_label};
use super::{Reaction, StepUi};
use crate::core::matrix;
use crate::core::scenario::Scale;
use crate::core::touch::Touched;
use crate::core::{Change, Lang, SessionState, StepState, analysis as core_analysis};
use crate::tui::action::Action;
use crate::tui::form::{Check, Form, Purpose};
use crate::tui::keys::{EDIT, KeyTable, bind, ch, code, digits, table};
use crate::tui::session::view::{Cursor, Mode, Scene, Status, View};
use crate::tui::text::clean;
use crate::tui::theme::Theme;

/// The keys of a matrix step.
pub static KEYS: KeyTable = table!(
    "Matrix",
    "Matrix",
    [
        bind!(
            "← → ↑ ↓",
            "kies een cel",
            "select a cell",
            [
                code(KeyCode::Left, Action::Left),
                code(KeyCode::Right, Action::Right),
                code(KeyCode::Up, Action::Up),
                code(KeyCode::Down, Action::Down),
            ],
        ),
        bind!(
            "0-9",
            "zet de waarde (niveaus: 1 = het eerste)",
            "set the value (levels: 1 = the first)",
            [digits('0', '9')],
        ),
        bind!(
            "- 2",
            "min twee: eerst -, dan 2",
            "minus two: first -, then 2",
            [],
        ),
        bind!(
            "r",
            "na een cijfer: → volgende in de rij, ↓ in de kolom, of blijven",
            "after a digit: → next in the row, ↓ in the column, or stay",
            [ch('r', Action::Direction)],
        ),
        bind!(
            "+ -",
            "waarde hoger / lager",
            "value up / down",
            [
                ch('+', Action::Increase),
                ch('=', Action::Increase),
                ch('-', Action::Decrease),
            ],
        ),
        bind!(
            "x",
            "waarde wissen",
            "clear the value",
            [ch('x', Action::Clear)]
        ),
        bind!(
            "e Enter",
            "notitie bij de cel (leeg wist)",
            "note on the cell (empty removes)",
            EDIT,
        ),
        bind!(
            "A",
            "analyse tonen / terug naar de matrix (↑↓ schuift)",
            "show the analysis / back to the matrix (↑↓ scroll)",
            [ch('A', Action::ToggleAnalysis)],
        ),
        bind!(
            "Esc",
            "analyse sluiten",
            "close the analysis",
            [code(KeyCode::Esc, Action::Back)],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.matrix().is_some(),
    keys: &KEYS,
    update,
    render,
    focus,
    click: None,
};

/// Selects what a change touched, when it is on the step on screen.
fn focus(view: &mut View, state: &SessionState, touched: &Touched, lang: Lang) -> bool {
    let Some(step) = state.current_step() else {
        return false;
    };
    let (Some(spec), Some((row, column))) = (step.kind.matrix(), touched.cell) else {
        return false;
    };
    if touched.step != Some(step.id.as_str()) {
        return false;
    }
    let rows = matrix::rows(state, spec, lang);
    let found = spec
        .columns
        .iter()
        .position(|c| c.id == column)
        .zip(rows.iter().position(|r| &r.key == row));
    match found {
        Some((lane, card)) => {
            *view.cursor_mut(state.current) = Cursor { lane, card };
            true
        }
        None => false,
    }
}

/// What the matrix screens remember between keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixUi {
    /// The step whose analysis is open; shown instead of the grid while that step is on
    /// screen.
    pub analysis: Option<usize>,
    /// `-` or `+` was just typed: (events in the log right after it, whether it was `-`).
    /// A digit that follows at once, with no other change in between, takes that sign.
    sign: Option<(usize, bool)>,
    /// Where the selection goes after a digit (`r` changes it).
    pub advance: Advance,
    /// How far the open analysis is scrolled (items), `↑ ↓`.
    pub scroll: usize,
}

/// Draws the matrix of the current step, or its analysis when `A` opened it.
fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let Some(spec) = state.current_step().and_then(|s| s.kind.matrix()) else {
        return;
    };
    if scene.view.matrix.analysis == Some(state.current) {
        analysis::render(frame, area, scene, theme, lang);
        return;
    }
    let Some(StepState::Matrix(cells)) = state.steps.get(state.current) else {
        return;
    };
    let rows = matrix::rows(state, spec, lang);
    let parties = state.scenario.parties();
    let labels: Vec<String> = rows
        .iter()
        .map(|r| row_label(r, parties, spec.rows_from.is_some()))
        .collect();
    let cursor = clamped(scene.cursor(), rows.len(), spec.columns.len());

    // The selected cell is told in full below the grid (its whole note wrapped, never
    // cut; up to half the area); the grid takes the rest, two lines a row when all fit.
    let advance = scene.edits().then_some(scene.view.matrix.advance);
    let detail = Detail::of(&rows, &labels, cells, spec, cursor, advance, theme, lang);
    let detail_h = detail.height(area.width).min(area.height / 2);
    let room = area.height.saturating_sub(1 + detail_h) as usize;
    let rows_h = if 2 + rows.len() * 2 <= room {
        rows.len() * 2
    } else {
        rows.len()
    };
    let grid_h = (2 + rows_h).clamp(3, room.max(3)) as u16;
    let [legend_area, grid_area, detail_area, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(grid_h),
        Constraint::Length(detail_h),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(legend(&spec.scale, theme, lang, area.width as usize)).style(theme.base),
        legend_area,
    );
    if rows.is_empty() {
        let from = spec
            .rows_from
            .as_deref()
            .and_then(|id| state.scenario.steps.iter().find(|s| s.id == id))
            .map(|s| clean(s.title.get(lang)).into_owned())
            .unwrap_or_default();
        let text = lang.pick(
            "Nog geen rijen: voeg eerst kaarten toe in de stap",
            "No rows yet: first add cards in the step",
        );
        frame.render_widget(
            Paragraph::new(format!("{text} \"{from}\"."))
                .style(theme.dim)
                .wrap(Wrap { trim: true }),
            grid_area,
        );
        return;
    }
    let grid = Grid::fit(grid_area, &labels, spec, cursor, lang);
    frame.render_widget(
        Paragraph::new(grid.lines(&labels, &rows, cells, spec, theme, lang, parties))
            .style(theme.base),
        grid_area,
    );
    detail.render(frame, detail_area, theme);
}

/// The cell after `c` in the direction chosen; the last cell stays.
fn advanced(c: Cursor, advance: Advance, columns: usize, rows: usize) -> Cursor {
    match advance {
        Advance::Stay => c,
        Advance::Row if c.lane + 1 < columns => Cursor {
            lane: c.lane + 1,
            ..c
        },
        Advance::Row if c.card + 1 < rows => Cursor {
            lane: 0,
            card: c.card + 1,
        },
        Advance::Column if c.card + 1 < rows => Cursor {
            card: c.card + 1,
            ..c
        },
        Advance::Column if c.lane + 1 < columns => Cursor {
            lane: c.lane + 1,
            card: 0,
        },
        _ => c,
    }
}

/// `↑ ↓` (and `Home`) on an open analysis: scroll it by one item.
pub fn scroll_analysis(view: &mut View, action: &Action) {
    let scroll = &mut view.matrix.scroll;
    match action {
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::First => *scroll = 0,
        _ => {}
    }
}

fn clamped(c: Cursor, rows: usize, cols: usize) -> Cursor {
    Cursor {
        lane: c.lane.min(cols.saturating_sub(1)),
        card: c.card.min(rows.saturating_sub(1)),
    }
}

/// What an action does on a matrix step.
fn update(view: &mut View, state: &SessionState, action: &Action, lang: Lang) -> Option<Reaction> {
    let step_index = state.current;
    let step = state.scenario.steps.get(step_index)?;
    let spec = step.kind.matrix()?;
    let sign = view.matrix.sign.take();
    if *action == Action::ToggleAnalysis {
        return toggle_analysis(view, state, step_index, lang).map(Reaction::Say);
    }
    if view.matrix.analysis == Some(step_index) {
        return match action {
            Action::Up | Action::Down | Action::First => {
                scroll_analysis(view, action);
                None
            }
            _ => Some(Reaction::Say(Status::problem(lang.pick(
                "dit is de analyse: ↑↓ schuift, A of Esc gaat terug naar de matrix",
                "this is the analysis: ↑↓ scroll, A or Esc returns to the matrix",
            )))),
        };
    }
    if *action == Action::Direction {
        view.matrix.advance = view.matrix.advance.next();
        return None;
    }
    let rows = matrix::rows(state, spec, lang);
    let k = spec.columns.len();
    let cursor = clamped(view.cursor(step_index), rows.len(), k);
    *view.cursor_mut(step_index) = cursor;
    let (Some(row), Some(column)) = (rows.get(cursor.card), spec.columns.get(cursor.lane)) else {
        return None;
    };
    let Some(StepState::Matrix(cells)) = state.steps.get(step_index) else {
        return None;
    };
    let current = matrix::value(cells, &row.key, &column.id);
    let set = |value: Option<i32>| {
        Some(Reaction::record(Change::CellSet {
            step: step.id.clone(),
            row: row.key.clone(),
            column: column.id.clone(),
            value,
        }))
    };
    let moved = |view: &mut View, c: Cursor| {
        *view.cursor_mut(step_index) = c;
        None
    };
    match action {
        Action::Left if cursor.lane > 0 => moved(
            view,
            Cursor {
                lane: cursor.lane - 1,
                ..cursor
            },
        ),
        // At the row's ends, Left and Right go on to the row before or after (reading order).
        Action::Left if cursor.card > 0 => moved(
            view,
            Cursor {
                lane: k.saturating_sub(1),
                card: cursor.card - 1,
            },
        ),
        Action::Right if cursor.lane + 1 < k => moved(
            view,
            Cursor {
                lane: cursor.lane + 1,
                ..cursor
            },
        ),
        Action::Right if cursor.card + 1 < rows.len() => moved(
            view,
            Cursor {
                lane: 0,
                card: cursor.card + 1,
            },
        ),
        Action::Up => moved(
            view,
            Cursor {
                card: cursor.card.saturating_sub(1),
                ..cursor
            },
        ),
        Action::Down => moved(
            view,
            Cursor {
                card: (cursor.card + 1).min(rows.len() - 1),
                ..cursor
            },
        ),
        Action::Increase | Action::Decrease => {
            let delta = if *action == Action::Increase { 1 } else { -1 };
            let nudged = matrix::nudge(&spec.scale, current, delta);
            // A digit that follows at once, with no other change in between, takes the
            // sign; the change below comes first when there is one.
            let after = state.applied + usize::from(nudged.is_some());
            view.matrix.sign = Some((after, delta < 0));
            nudged.and_then(|v| set(Some(v)))
        }
        Action::Digit(d) => {
            let negative = sign == Some((state.applied, true));
            let value = matrix::digit_value(&spec.scale, *d, negative);
            if value.is_some() {
                // On to the next cell, as the facilitator chose: 4 x 15 cells take 60
                // digits, not 120 keys.
                let next = advanced(cursor, view.matrix.advance, k, rows.len());
                *view.cursor_mut(step_index) = next;
            }
            match value {
                Some(v) if Some(v) != current => set(Some(v)),
                Some(_) => None,
                None => Some(Reaction::Say(Status::problem(off_scale(
                    &spec.scale,
                    *d,
                    lang,
                )))),
            }
        }
        Action::Clear | Action::Delete if current.is_some() => set(None),
        Action::Edit => {
            let note = matrix::note(cells, &row.key, &column.id).to_string();
            Some(Reaction::Open(Mode::Form(Box::new(Form::text(
                Purpose::CellNote {
                    row: row.key.clone(),
                    column: column.id.clone(),
                },
                (
                    " Notitie bij de cel · Enter bewaart (leeg wist) · Esc annuleert ",
                    " Note on the cell · Enter saves (empty removes) · Esc cancels ",
                ),
                &note,
                Check::Any,
            )))))
        }
        _ => None,
    }
}

/// Opens or closes the analysis of matrix step `step_index` (also on the replay and follow
/// screens); what to say when the matrix has none.
pub fn toggle_analysis(
    view: &mut View,
    state: &SessionState,
    step_index: usize,
    lang: Lang,
) -> Option<Status> {
    view.matrix.scroll = 0;
    if view.matrix.analysis == Some(step_index) {
        view.matrix.analysis = None;
    } else if core_analysis::shown_for(state, step_index).is_some() {
        view.matrix.analysis = Some(step_index);
    } else {
        return Some(Status::problem(lang.pick(
            "deze matrix heeft geen analyse",
            "this matrix has no analysis",
        )));
    }
    None
}

fn off_scale(scale: &Scale, digit: u8, lang: Lang) -> String {
    match scale {
        Scale::Levels { levels } => format!(
            "{} {digit}: {} 1-{}",
            lang.pick("geen niveau", "no level"),
            lang.pick("kies", "choose"),
            levels.len()
        ),
        Scale::Numeric { min, max, .. } => format!(
            "{digit} {} {min}..{max}",
            lang.pick("valt buiten de schaal", "is outside the scale")
        ),
    }
}
