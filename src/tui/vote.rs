//! A vote step: dots on the cards of an earlier board (read-only until its screen lands).

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::action::Action;
use super::text::clean;
use super::theme::Theme;
use super::workspace::{EditTarget, Workspace};
use crate::core::scenario::VoteSpec;
use crate::core::{Lang, StepState};

/// Draws the vote of the current step.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    ws: &Workspace,
    spec: &VoteSpec,
    theme: &Theme,
    _lang: Lang,
) {
    let state = &ws.live.state;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(StepState::Vote(_)) = state.steps.get(state.current)
        && let Some(board) = state
            .scenario
            .step_index(&spec.on)
            .and_then(|i| state.board(i))
    {
        for card in board.cards() {
            lines.push(Line::styled(format!("• {}", clean(&card.text)), theme.base));
        }
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

/// Carries out an action on a vote step.
pub fn act(ws: &mut Workspace, action: Action, now: Timestamp, lang: Lang) {
    let _ = (ws, action, now, lang);
}

/// Saves an editor's text on a vote step.
pub fn save_edit(
    ws: &mut Workspace,
    target: &EditTarget,
    text: String,
    now: Timestamp,
    lang: Lang,
) {
    let _ = (ws, target, text, now, lang);
}
