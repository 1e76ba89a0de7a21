//! A board step: lanes side by side when they fit, otherwise one lane at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::text::clean;
use super::theme::Theme;
use jiff::Timestamp;

use super::action::Action;
use super::app::editor;
use super::workspace::{EditTarget, Mode, Workspace};
use crate::core::scenario::{BoardSpec, StepKind};
use crate::core::state::LaneState;
use crate::core::{Change, Lang, StepState};

/// The narrowest a lane is drawn side by side with the others.
const MIN_LANE_WIDTH: u16 = 26;

/// Draws the board of the current step.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    ws: &Workspace,
    spec: &BoardSpec,
    theme: &Theme,
    lang: Lang,
) {
    let Some(StepState::Board(board)) = ws.live.state.steps.get(ws.current()) else {
        return;
    };
    let cursor = ws.cursor();
    let parties = ws.live.state.scenario.parties();
    let n = spec.lanes.len().max(1) as u16;
    if area.width / n >= MIN_LANE_WIDTH {
        let areas =
            Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, u32::from(n)))).split(area);
        for (i, lane_area) in areas.iter().enumerate() {
            let (Some(lane_spec), Some(lane)) = (spec.lanes.get(i), board.lanes.get(i)) else {
                continue;
            };
            let title = clean(lane_spec.title.get(lang)).into_owned();
            let selected = (i == cursor.lane).then_some(cursor.card);
            lane_view(
                frame, *lane_area, &title, lane, selected, &parties, theme, lang,
            );
        }
    } else {
        // One lane at a time; the others are named on a line above it.
        let [tabs, lane_area] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let spans: Vec<Span> = spec
            .lanes
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                let name = clean(l.title.get(lang)).into_owned();
                let style = if i == cursor.lane {
                    theme.selected
                } else {
                    theme.dim
                };
                [Span::styled(format!(" {name} "), style), Span::raw(" ")]
            })
            .collect();
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.base), tabs);
        if let (Some(lane_spec), Some(lane)) =
            (spec.lanes.get(cursor.lane), board.lanes.get(cursor.lane))
        {
            let title = clean(lane_spec.title.get(lang)).into_owned();
            lane_view(
                frame,
                lane_area,
                &title,
                lane,
                Some(cursor.card),
                &parties,
                theme,
                lang,
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn lane_view(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lane: &LaneState,
    selected: Option<usize>,
    parties: &[crate::core::Party],
    theme: &Theme,
    lang: Lang,
) {
    let focused = selected.is_some();
    let inner_w = area.width.saturating_sub(4).max(1) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_range = (0, 0);
    for (i, card) in lane.cards.iter().enumerate() {
        let tag = card
            .party
            .as_ref()
            .and_then(|p| parties.iter().find(|q| &q.id == p))
            .map(|p| format!("[{}] ", clean(&p.short)))
            .unwrap_or_default();
        let text = format!("{tag}{}", clean(&card.text));
        let is_sel = selected == Some(i);
        let style = if is_sel { theme.selected } else { theme.base };
        let marker = if is_sel { "▶ " } else { "• " };
        let start = lines.len();
        let wrapped = wrap(&text, inner_w);
        for (j, part) in wrapped.into_iter().enumerate() {
            let lead = if j == 0 { marker } else { "  " };
            lines.push(Line::from(Span::styled(format!("{lead}{part}"), style)));
        }
        if is_sel {
            sel_range = (start, lines.len());
        }
        lines.push(Line::raw(""));
    }
    if lane.cards.is_empty() {
        lines.push(Line::styled(
            lang.pick(
                "(nog leeg: a voegt een kaart toe)",
                "(empty: a adds a card)",
            ),
            theme.dim,
        ));
    }
    // Keep the selected card in view.
    let scroll = sel_range.1.saturating_sub(inner_h);
    let count = lane.cards.len();
    let count_text = format!(
        " {count} {} ",
        lang.pick(
            if count == 1 { "kaart" } else { "kaarten" },
            if count == 1 { "card" } else { "cards" }
        )
    );
    let border = if focused { theme.focus } else { theme.border };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Span::styled(
            format!(" {title} "),
            if focused { theme.focus } else { theme.title },
        ))
        .title_bottom(Span::styled(count_text, theme.dim));
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .scroll((scroll as u16, 0))
            .block(block),
        area.inner(ratatui::layout::Margin::new(0, 0)),
    );
}

/// Carries out an action on a board step.
pub fn act(ws: &mut Workspace, action: Action, _now: Timestamp, _lang: Lang) {
    let step_index = ws.current();
    let Some(StepState::Board(board)) = ws.live.state.steps.get(step_index) else {
        return;
    };
    let lanes = board.lanes.len();
    let cursor = ws.cursor();
    let cards = board.lanes.get(cursor.lane).map_or(0, |l| l.cards.len());
    match action {
        Action::Left => ws.cursor_mut().lane = (cursor.lane + lanes - 1) % lanes.max(1),
        Action::Right => ws.cursor_mut().lane = (cursor.lane + 1) % lanes.max(1),
        Action::Up => ws.cursor_mut().card = cursor.card.saturating_sub(1),
        Action::Down => ws.cursor_mut().card = (cursor.card + 1).min(cards.saturating_sub(1)),
        Action::Add => {
            ws.mode = Mode::Edit(Box::new(editor(
                "",
                EditTarget::NewCard { lane: cursor.lane },
            )))
        }
        Action::Edit => {
            if let Some(card) = ws.selected_card().and_then(|id| board.card(id)) {
                ws.mode = Mode::Edit(Box::new(editor(&card.text, EditTarget::Card(card.id))));
            }
        }
        Action::Delete => {
            if let Some(id) = ws.selected_card() {
                ws.mode = Mode::ConfirmDelete(id);
            }
        }
        _ => {}
    }
    ws.clamp_cursors();
}

/// Saves the editor's text to a new or existing card.
pub fn save_edit(
    ws: &mut Workspace,
    target: &EditTarget,
    text: String,
    now: Timestamp,
    lang: Lang,
) {
    let step_index = ws.current();
    let scenario = ws.live.state.scenario.clone();
    let Some(step) = scenario.steps.get(step_index) else {
        return;
    };
    let StepKind::Board(spec) = &step.kind else {
        return;
    };
    match target {
        EditTarget::NewCard { lane } => {
            let Some(lane_spec) = spec.lanes.get(*lane) else {
                return;
            };
            let card = ws.live.state.next_id;
            let added = ws.record(
                Change::CardAdded {
                    step: step.id.clone(),
                    lane: lane_spec.id.clone(),
                    card,
                    text,
                    party: lane_spec.party.clone(),
                    theme: None,
                    position: None,
                },
                now,
                lang,
            );
            if added
                && let Some(StepState::Board(b)) = ws.live.state.steps.get(step_index)
                && let Some((l, p)) = b.find(card)
            {
                *ws.cursor_mut() = super::workspace::Cursor { lane: l, card: p };
            }
        }
        EditTarget::Card(card) => {
            ws.record(
                Change::CardEdited {
                    step: step.id.clone(),
                    card: *card,
                    text,
                },
                now,
                lang,
            );
        }
    }
}

/// Splits text into lines of at most `width` characters, at spaces where possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: String = word.to_string();
        loop {
            let cur_len = current.chars().count();
            let w_len = word.chars().count();
            if cur_len == 0 && w_len > width {
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                lines.push(head);
                continue;
            }
            if cur_len > 0 && cur_len + 1 + w_len > width {
                lines.push(std::mem::take(&mut current));
                continue;
            }
            if cur_len > 0 {
                current.push(' ');
            }
            current.push_str(&word);
            break;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}
