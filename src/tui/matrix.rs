//! A matrix step: rows x columns rated on a scale, drawn as a heat map with the value written
//! in every cell. Row and column headings stay in view while the grid scrolls; the selected
//! cell is told in full below the grid. `A` swaps the grid for the analysis.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use super::action::Action;
use super::app::editor;
use super::matrix_grid::{Grid, detail, detail_height, legend, row_label};
use super::text::clean;
use super::theme::Theme;
use super::workspace::{Cursor, EditTarget, Mode, Workspace};
use crate::core::matrix;
use crate::core::scenario::{MatrixSpec, Scale, StepKind};
use crate::core::{Change, Lang, StepState, analysis};

/// The keys of a matrix step, for the help overlay and README: (keys, nl, en).
pub const KEYS: &[(&str, &str, &str)] = &[
    ("← → ↑ ↓", "kies een cel", "select a cell"),
    (
        "0-9",
        "zet de waarde (niveaus: 1 = het eerste)",
        "set the value (levels: 1 = the first)",
    ),
    (
        "- 2",
        "min twee: eerst -, dan 2",
        "minus two: first -, then 2",
    ),
    ("+ -", "waarde hoger / lager", "value up / down"),
    ("x", "waarde wissen", "clear the value"),
    (
        "e Enter",
        "notitie bij de cel (leeg wist)",
        "note on the cell (empty removes)",
    ),
    (
        "A",
        "analyse tonen / terug naar de matrix",
        "show the analysis / back to the matrix",
    ),
    ("Esc", "analyse sluiten", "close the analysis"),
];

/// What the matrix screens remember between keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixUi {
    /// The step whose analysis is open; shown instead of the grid while that step is on
    /// screen.
    pub analysis: Option<usize>,
    /// `-` or `+` was just typed: (events in the log right after it, whether it was `-`).
    /// A digit that follows at once, with no other change in between, takes that sign.
    sign: Option<(usize, bool)>,
}

/// Whether the step on screen is a matrix.
pub fn on_matrix(ws: &Workspace) -> bool {
    let state = &ws.live.state;
    matches!(
        state.scenario.steps.get(state.current).map(|s| &s.kind),
        Some(StepKind::Matrix(_))
    )
}

/// Draws the matrix of the current step, or its analysis when `A` opened it.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    ws: &Workspace,
    spec: &MatrixSpec,
    theme: &Theme,
    lang: Lang,
) {
    let state = &ws.live.state;
    if ws.matrix.analysis == Some(state.current) {
        super::analysis::render(frame, area, ws, theme, lang);
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
    let cursor = clamped(ws.cursor(), rows.len(), spec.columns.len());

    // The grid takes the height it needs (two lines a row when all rows fit so), and the
    // selected cell is told right below it.
    let room = area.height.saturating_sub(1 + detail_height(area)) as usize;
    let rows_h = if 2 + rows.len() * 2 <= room {
        rows.len() * 2
    } else {
        rows.len()
    };
    let grid_h = (2 + rows_h).clamp(3, room.max(3)) as u16;
    let [legend_area, grid_area, detail_area, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(grid_h),
        Constraint::Length(detail_height(area)),
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
    detail(
        frame,
        detail_area,
        &rows,
        &labels,
        cells,
        spec,
        cursor,
        theme,
        lang,
    );
}

fn clamped(c: Cursor, rows: usize, cols: usize) -> Cursor {
    Cursor {
        lane: c.lane.min(cols.saturating_sub(1)),
        card: c.card.min(rows.saturating_sub(1)),
    }
}

/// Carries out an action on a matrix step.
pub fn act(ws: &mut Workspace, action: Action, now: Timestamp, lang: Lang) {
    let step_index = ws.current();
    let scenario = ws.live.state.scenario.clone();
    let Some(step) = scenario.steps.get(step_index) else {
        return;
    };
    let StepKind::Matrix(spec) = &step.kind else {
        return;
    };
    let sign = ws.matrix.sign.take();
    if action == Action::ToggleAnalysis {
        toggle_analysis(ws, step_index, lang);
        return;
    }
    if ws.matrix.analysis == Some(step_index) {
        ws.notice = Some(
            lang.pick(
                "dit is de analyse: A of Esc gaat terug naar de matrix",
                "this is the analysis: A or Esc returns to the matrix",
            )
            .to_string(),
        );
        return;
    }
    let rows = matrix::rows(&ws.live.state, spec, lang);
    let k = spec.columns.len();
    let cursor = clamped(ws.cursor(), rows.len(), k);
    *ws.cursor_mut() = cursor;
    let (Some(row), Some(column)) = (rows.get(cursor.card), spec.columns.get(cursor.lane)) else {
        return;
    };
    let Some(StepState::Matrix(cells)) = ws.live.state.steps.get(step_index) else {
        return;
    };
    let current = matrix::value(cells, &row.key, &column.id);
    let set = |value: Option<i32>| Change::CellSet {
        step: step.id.clone(),
        row: row.key.clone(),
        column: column.id.clone(),
        value,
    };
    match action {
        Action::Left if cursor.lane > 0 => ws.cursor_mut().lane -= 1,
        // At the row's ends, Left and Right go on to the row before or after (reading order).
        Action::Left if cursor.card > 0 => {
            *ws.cursor_mut() = Cursor {
                lane: k.saturating_sub(1),
                card: cursor.card - 1,
            }
        }
        Action::Right if cursor.lane + 1 < k => ws.cursor_mut().lane += 1,
        Action::Right if cursor.card + 1 < rows.len() => {
            *ws.cursor_mut() = Cursor {
                lane: 0,
                card: cursor.card + 1,
            }
        }
        Action::Up => ws.cursor_mut().card = cursor.card.saturating_sub(1),
        Action::Down => ws.cursor_mut().card = (cursor.card + 1).min(rows.len() - 1),
        Action::Increase | Action::Decrease => {
            let delta = if action == Action::Increase { 1 } else { -1 };
            if let Some(v) = matrix::nudge(&spec.scale, current, delta) {
                ws.record(set(Some(v)), now, lang);
            }
            ws.matrix.sign = Some((ws.live.session.events.len(), delta < 0));
        }
        Action::Digit(d) => {
            let negative = sign == Some((ws.live.session.events.len(), true));
            match matrix::digit_value(&spec.scale, d, negative) {
                Some(v) if Some(v) != current => {
                    ws.record(set(Some(v)), now, lang);
                }
                Some(_) => {}
                None => ws.notice = Some(off_scale(&spec.scale, d, lang)),
            }
        }
        Action::Clear | Action::Delete if current.is_some() => {
            ws.record(set(None), now, lang);
        }
        Action::Edit => {
            let note = matrix::note(cells, &row.key, &column.id).to_string();
            ws.mode = Mode::Edit(Box::new(editor(
                &note,
                EditTarget::CellNote {
                    row: row.key.clone(),
                    column: column.id.clone(),
                },
            )));
        }
        _ => {}
    }
}

/// Opens or closes the analysis of matrix step `step_index` (also on the replay and follow
/// screens); says so when the matrix has none.
pub fn toggle_analysis(ws: &mut Workspace, step_index: usize, lang: Lang) {
    if ws.matrix.analysis == Some(step_index) {
        ws.matrix.analysis = None;
    } else if analysis::shown_for(&ws.live.state, step_index).is_some() {
        ws.matrix.analysis = Some(step_index);
    } else {
        ws.notice = Some(
            lang.pick(
                "deze matrix heeft geen analyse",
                "this matrix has no analysis",
            )
            .to_string(),
        );
    }
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

/// Saves the editor's text as the note of a cell (empty removes the note).
pub fn save_edit(
    ws: &mut Workspace,
    target: &EditTarget,
    text: String,
    now: Timestamp,
    lang: Lang,
) {
    let EditTarget::CellNote { row, column } = target else {
        return;
    };
    let Some(step) = ws.live.state.scenario.steps.get(ws.current()) else {
        return;
    };
    let step = step.id.clone();
    if let Some(StepState::Matrix(cells)) = ws.live.state.steps.get(ws.current())
        && matrix::note(cells, row, column) == text
    {
        return;
    }
    ws.record(
        Change::CellNoted {
            step,
            row: row.clone(),
            column: column.clone(),
            note: text,
        },
        now,
        lang,
    );
}
