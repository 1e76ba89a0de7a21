//! An agreement step: statement, principles, commitments (read-only until its screen lands).

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::action::Action;
use super::text::clean;
use super::theme::Theme;
use super::workspace::{EditTarget, Workspace};
use crate::core::scenario::AgreementSpec;
use crate::core::{Lang, StepState};

/// Draws the agreement of the current step.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    ws: &Workspace,
    spec: &AgreementSpec,
    theme: &Theme,
    lang: Lang,
) {
    let state = &ws.live.state;
    let mut lines: Vec<Line> = Vec::new();
    if let Some(StepState::Agreement(a)) = state.steps.get(state.current) {
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

/// Carries out an action on a agreement step.
pub fn act(ws: &mut Workspace, action: Action, now: Timestamp, lang: Lang) {
    let _ = (ws, action, now, lang);
}

/// Saves an editor's text on a agreement step.
pub fn save_edit(
    ws: &mut Workspace,
    target: &EditTarget,
    text: String,
    now: Timestamp,
    lang: Lang,
) {
    let _ = (ws, target, text, now, lang);
}
