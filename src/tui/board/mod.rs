//! A board step: lanes side by side when they fit, otherwise one lane at a time with the
//! others named above it. Cards move between lanes and within a lane, are grouped into
//! themes and tagged with the party that said them; one card can be spotlighted.

pub mod lane;
mod layout;
pub mod order;
pub mod picker;
pub mod spotlight;

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use self::lane::LaneLook;
use self::layout::{BoardLayout, board_layout, lane_titles, tab_text};
use super::action::Action;
use super::app::editor;
use super::theme::Theme;
use super::workspace::{Cursor, EditTarget, Mode, Picker, Workspace};
use crate::core::scenario::{BoardSpec, StepKind};
use crate::core::state::{BoardState, CardId};
use crate::core::{Change, Lang, StepState};

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
    if matches!(ws.mode, Mode::Spotlight) {
        spotlight::render(frame, area, ws, spec, theme, lang);
        return;
    }
    let cursor = ws.cursor();
    let parties = ws.live.state.scenario.parties();
    let titles = lane_titles(spec, lang);
    let laid = board_layout(area, &titles, cursor.lane);
    if let Some((tabs, names)) = &laid.tabs {
        let spans: Vec<Span> = names
            .iter()
            .map(|&(i, x0, x1)| {
                let w = x1.saturating_sub(x0) as usize;
                let selected = i == cursor.lane;
                let style = if selected { theme.selected } else { theme.dim };
                Span::styled(tab_text(i, &titles[i], w, selected), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.base), *tabs);
    }
    let compact = is_compact(ws, board, &laid, &titles, parties, theme, lang);
    for &(i, lane_area) in &laid.lanes {
        let Some(lane) = board.lanes.get(i) else {
            continue;
        };
        let look = LaneLook {
            title: &titles[i],
            selected: (i == cursor.lane).then_some(cursor.card),
            marked: &ws.marked,
            parties,
            compact,
        };
        lane::render(frame, lane_area, lane, &look, theme, lang);
    }
}

/// Whether any lane drawn needs its cards packed without blank lines.
fn is_compact(
    ws: &Workspace,
    board: &BoardState,
    laid: &BoardLayout,
    titles: &[String],
    parties: &[crate::core::Party],
    theme: &Theme,
    lang: Lang,
) -> bool {
    laid.lanes.iter().any(|&(i, area)| {
        board.lanes.get(i).is_some_and(|lane| {
            let look = LaneLook {
                title: &titles[i],
                selected: None,
                marked: &ws.marked,
                parties,
                compact: false,
            };
            !lane::fits_roomy(area, lane, &look, theme, lang)
        })
    })
}

/// Selects the lane or card drawn at a screen cell of the board in `area`.
pub fn click(ws: &mut Workspace, area: Rect, column: u16, row: u16, theme: &Theme, lang: Lang) {
    let scenario = ws.live.state.scenario.clone();
    let Some(StepKind::Board(spec)) = scenario.steps.get(ws.current()).map(|s| &s.kind) else {
        return;
    };
    let Some(StepState::Board(board)) = ws.live.state.steps.get(ws.current()) else {
        return;
    };
    let cursor = ws.cursor();
    let titles = lane_titles(spec, lang);
    let laid = board_layout(area, &titles, cursor.lane);
    let mut target: Option<Cursor> = None;
    if let Some((tabs, names)) = &laid.tabs
        && row == tabs.y
    {
        target = names
            .iter()
            .find(|(_, x0, x1)| column >= *x0 && column < *x1)
            .map(|&(lane, _, _)| Cursor { lane, card: 0 });
    }
    let parties = scenario.parties();
    let compact = is_compact(ws, board, &laid, &titles, parties, theme, lang);
    for &(i, lane_area) in &laid.lanes {
        let inside = column >= lane_area.x
            && column < lane_area.right()
            && row >= lane_area.y
            && row < lane_area.bottom();
        let Some(lane) = board.lanes.get(i).filter(|_| inside) else {
            continue;
        };
        let look = LaneLook {
            title: &titles[i],
            selected: (i == cursor.lane).then_some(cursor.card),
            marked: &ws.marked,
            parties,
            compact,
        };
        let card = lane::card_at_row(lane_area, row, lane, &look, theme, lang);
        let card = card.unwrap_or(if i == cursor.lane { cursor.card } else { 0 });
        target = Some(Cursor { lane: i, card });
    }
    if let Some(t) = target {
        *ws.cursor_mut() = t;
        ws.clamp_cursors();
    }
}

/// Where a card is on screen: its lane and its place in the lane's shown order (a theme
/// gathers its cards, so that is not where the lane stores it).
pub fn cursor_of(board: &BoardState, card: CardId) -> Option<Cursor> {
    let (lane, index) = board.find(card)?;
    let shown = order::shown_place(board.lanes.get(lane)?, index)?;
    Some(Cursor { lane, card: shown })
}

/// Puts the cursor on a card of the current board, wherever it now is.
pub fn focus_card(ws: &mut Workspace, card: CardId) {
    let Some(StepState::Board(b)) = ws.live.state.steps.get(ws.current()) else {
        return;
    };
    if let Some(cursor) = cursor_of(b, card) {
        *ws.cursor_mut() = cursor;
    }
}

/// The cards grouping acts on: the marked cards of this board, else the selected card.
fn targets(ws: &Workspace, board: &BoardState) -> Vec<CardId> {
    let marked: Vec<CardId> = board
        .cards()
        .map(|c| c.id)
        .filter(|id| ws.marked.contains(id))
        .collect();
    if marked.is_empty() {
        ws.selected_card().into_iter().collect()
    } else {
        marked
    }
}

/// Carries out an action on a board step.
pub fn act(ws: &mut Workspace, action: Action, now: Timestamp, lang: Lang) {
    let step_index = ws.current();
    let scenario = ws.live.state.scenario.clone();
    let Some(step) = scenario.steps.get(step_index) else {
        return;
    };
    let StepKind::Board(spec) = &step.kind else {
        return;
    };
    let Some(StepState::Board(board)) = ws.live.state.steps.get(step_index) else {
        return;
    };
    let board = board.clone();
    let lanes = board.lanes.len();
    let cursor = ws.cursor();
    let cards = board.lanes.get(cursor.lane).map_or(0, |l| l.cards.len());
    let selected = ws.selected_card();
    let step_id = step.id.clone();
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
            if let Some(card) = selected.and_then(|id| board.card(id)) {
                ws.mode = Mode::Edit(Box::new(editor(&card.text, EditTarget::Card(card.id))));
            }
        }
        Action::Delete => {
            if let Some(id) = selected {
                ws.mode = Mode::ConfirmDelete(id);
            }
        }
        Action::MoveLeft | Action::MoveRight => {
            let to = if action == Action::MoveLeft {
                cursor.lane.checked_sub(1)
            } else {
                Some(cursor.lane + 1).filter(|l| *l < lanes)
            };
            if let (Some(card), Some(to)) = (selected, to)
                && let Some(lane) = spec.lanes.get(to)
            {
                let position = board.lanes.get(to).map_or(0, |l| l.cards.len());
                let change = Change::CardMoved {
                    step: step_id,
                    card,
                    lane: lane.id.clone(),
                    position,
                };
                if ws.record(change, now, lang) {
                    focus_card(ws, card);
                }
            }
        }
        Action::MoveUp | Action::MoveDown => {
            let up = action == Action::MoveUp;
            if let (Some(card), Some(lane)) = (selected, board.lanes.get(cursor.lane))
                && let Some((index, position)) = order::reorder(lane, cursor.card, up)
            {
                let change = Change::CardMoved {
                    step: step_id,
                    card: lane.cards[index].id,
                    lane: spec.lanes[cursor.lane].id.clone(),
                    position,
                };
                if ws.record(change, now, lang) {
                    focus_card(ws, card);
                }
            }
        }
        Action::ToggleMark => {
            if let Some(card) = selected
                && !ws.marked.remove(&card)
            {
                ws.marked.insert(card);
            }
        }
        Action::Group => {
            let mut cards = targets(ws, &board);
            // Without marks, `g` on a card in a theme renames that theme.
            if ws.marked.is_empty()
                && let Some(theme) = selected.and_then(|id| board.card(id)?.theme.clone())
            {
                cards = board
                    .cards()
                    .filter(|c| c.theme.as_ref() == Some(&theme))
                    .map(|c| c.id)
                    .collect();
            }
            let themes: Vec<Option<&String>> = cards
                .iter()
                .filter_map(|id| board.card(*id))
                .map(|c| c.theme.as_ref())
                .collect();
            let common = match themes.first() {
                Some(Some(first)) if themes.iter().all(|t| *t == Some(*first)) => first.as_str(),
                _ => "",
            };
            if !cards.is_empty() {
                ws.mode = Mode::Edit(Box::new(editor(common, EditTarget::Theme(cards))));
            }
        }
        Action::Ungroup => {
            let cards: Vec<CardId> = targets(ws, &board)
                .into_iter()
                .filter(|id| board.card(*id).is_some_and(|c| c.theme.is_some()))
                .collect();
            if !cards.is_empty() {
                let change = Change::ThemeSet {
                    step: step_id,
                    cards,
                    theme: None,
                };
                if ws.record(change, now, lang) {
                    ws.marked.clear();
                    if let Some(card) = selected {
                        focus_card(ws, card);
                    }
                }
            }
        }
        Action::Tag => {
            if let Some(card) = selected.and_then(|id| board.card(id)) {
                let parties = scenario.parties();
                let current = card
                    .party
                    .as_ref()
                    .and_then(|p| parties.iter().position(|q| &q.id == p))
                    .unwrap_or(parties.len());
                ws.mode = Mode::Picker(Picker {
                    card: card.id,
                    selected: current,
                });
            }
        }
        Action::Spotlight if selected.is_some() => ws.mode = Mode::Spotlight,
        _ => {}
    }
    ws.clamp_cursors();
}

/// Saves the editor's text to a new or existing card, or as a theme's name.
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
            if added {
                focus_card(ws, card);
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
        EditTarget::Theme(cards) => {
            let selected = ws.selected_card();
            let change = Change::ThemeSet {
                step: step.id.clone(),
                cards: cards.clone(),
                theme: Some(text),
            };
            if ws.record(change, now, lang) {
                ws.marked.clear();
                if let Some(card) = selected {
                    focus_card(ws, card);
                }
            }
        }
        // A matrix's note is saved by the matrix step.
        EditTarget::CellNote { .. } => {}
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
