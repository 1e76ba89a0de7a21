//! Matrix, vote and agreement steps, shown read-only until their own screens land.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::text::clean;
use super::theme::Theme;
use super::workspace::Workspace;
use crate::core::{Lang, StepKind, StepState};

/// Draws the content of a non-board step as text.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    ws: &Workspace,
    kind: &StepKind,
    theme: &Theme,
    lang: Lang,
) {
    let state = &ws.live.state;
    let mut lines: Vec<Line> = Vec::new();
    match (kind, state.steps.get(state.current)) {
        (StepKind::Matrix(spec), Some(StepState::Matrix(_))) => {
            let cols: Vec<String> = spec
                .columns
                .iter()
                .map(|c| clean(c.label.get(lang)).into_owned())
                .collect();
            lines.push(Line::styled(cols.join(" | "), theme.title));
            for row in &spec.rows {
                lines.push(Line::styled(
                    clean(row.label.get(lang)).into_owned(),
                    theme.base,
                ));
            }
            if let Some(from) = &spec.rows_from {
                if let Some(board) = state.scenario.step_index(from).and_then(|i| state.board(i)) {
                    for card in board.cards() {
                        lines.push(Line::styled(format!("• {}", clean(&card.text)), theme.base));
                    }
                }
            }
        }
        (StepKind::Vote(spec), Some(StepState::Vote(_))) => {
            if let Some(board) = state
                .scenario
                .step_index(&spec.on)
                .and_then(|i| state.board(i))
            {
                for card in board.cards() {
                    lines.push(Line::styled(format!("• {}", clean(&card.text)), theme.base));
                }
            }
        }
        (StepKind::Agreement(spec), Some(StepState::Agreement(a))) => {
            if let Some(st) = &spec.statement {
                lines.push(Line::styled(clean(st.get(lang)).into_owned(), theme.title));
            }
            for p in &spec.principles {
                lines.push(Line::styled(
                    format!("• {}", clean(p.text.get(lang))),
                    theme.base,
                ));
            }
            for c in &a.commitments {
                lines.push(Line::styled(
                    format!(
                        "→ {} — {} — {}",
                        clean(&c.what),
                        clean(&c.who),
                        clean(&c.when)
                    ),
                    theme.base,
                ));
            }
        }
        _ => {}
    }
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border),
            ),
        area,
    );
}
