//! A board step: lanes side by side when they fit, otherwise one lane at a time with the
//! others named above it. Cards move between lanes and within a lane, are grouped into
//! themes and tagged with the party that said them; one card can be spotlighted.

mod import;
pub mod lane;
mod layout;
pub mod order;
pub mod picker;
pub mod spotlight;
mod update;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use self::lane::LaneLook;
use self::layout::{BoardLayout, board_layout, lane_titles, tab_text};
use super::StepUi;
use crate::core::state::{BoardState, CardId};
use crate::core::touch::Touched;
use crate::core::{Change, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::keys::{ARROWS_UP_DOWN, EDIT, KeyTable, bind, ch, code, digits, table};
use crate::tui::session::view::{Cursor, Mode, Scene, View};
use crate::tui::theme::Theme;

/// The keys of a board step.
pub static KEYS: KeyTable = table!(
    "Bord",
    "Board",
    [
        bind!(
            "← → Tab",
            "andere kolom",
            "other lane",
            [
                code(KeyCode::Left, Action::Left),
                code(KeyCode::BackTab, Action::Left),
                code(KeyCode::Right, Action::Right),
                code(KeyCode::Tab, Action::Right),
            ],
        ),
        bind!("↑ ↓", "kies een kaart", "select a card", ARROWS_UP_DOWN,),
        bind!(
            "Home End",
            "eerste / laatste kaart",
            "first / last card",
            [
                code(KeyCode::Home, Action::First),
                code(KeyCode::End, Action::Last),
            ],
        ),
        bind!("1-9", "naar kolom 1-9", "to lane 1-9", [digits('1', '9')],),
        bind!(
            "a",
            "kaart toevoegen (Enter bewaart, Esc annuleert)",
            "add a card (Enter saves, Esc cancels)",
            [ch('a', Action::Add)],
        ),
        bind!("e Enter", "kaart bewerken", "edit the card", EDIT,),
        bind!(
            "d",
            "kaart verwijderen (vraagt j/n)",
            "delete the card (asks y/n)",
            [ch('d', Action::Delete)],
        ),
        bind!(
            "< >",
            "kaart naar vorige/volgende kolom",
            "card to previous/next lane",
            [ch('<', Action::MoveLeft), ch('>', Action::MoveRight)],
        ),
        bind!(
            "K J",
            "kaart omhoog/omlaag",
            "card up/down",
            [ch('K', Action::MoveUp), ch('J', Action::MoveDown)],
        ),
        bind!(
            "Space",
            "kaart aan-/afvinken",
            "mark/unmark the card",
            [ch(' ', Action::ToggleMark)],
        ),
        bind!(
            "g",
            "aangevinkte kaarten groeperen in een thema",
            "group the marked cards in a theme",
            [ch('g', Action::Group)],
        ),
        bind!(
            "G",
            "kaart(en) uit het thema halen",
            "take card(s) out of the theme",
            [ch('G', Action::Ungroup)],
        ),
        bind!(
            "o",
            "partij die het zei",
            "party that said it",
            [ch('o', Action::Tag)],
        ),
        bind!(
            "A",
            "kaart wordt een afspraak (in de afsprakenstap; de kaart blijft)",
            "the card becomes a commitment (in the agreement step; the card stays)",
            [ch('A', Action::ToAction)],
        ),
        bind!(
            "v V",
            "kaart voor later naar de parkeerplaats / laatste terug",
            "card aside to the parking lot / the last one back",
            [ch('v', Action::Park), ch('V', Action::Unpark)],
        ),
        bind!(
            "s",
            "kaart groot in beeld (Esc terug)",
            "card large on screen (Esc back)",
            [ch('s', Action::Spotlight)],
        ),
        bind!(
            "i",
            "kaarten van de eerdere stap ophalen, op volgorde van de stemming",
            "bring the cards of the earlier step over, in the order of the vote",
            [ch('i', Action::Import)],
        ),
        bind!(
            "Esc",
            "vinkjes wissen",
            "clear the marks",
            [code(KeyCode::Esc, Action::Back)],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.board().is_some(),
    keys: &KEYS,
    update: update::update,
    render,
    focus,
    click: Some(click),
};

/// Selects what a change touched, when it is on the step on screen.
fn focus(view: &mut View, state: &SessionState, touched: &Touched, _lang: Lang) -> bool {
    let (Some(card), Some(board)) = (touched.card, state.board(state.current)) else {
        return false;
    };
    match cursor_of(board, card) {
        Some(cursor) => {
            *view.cursor_mut(state.current) = cursor;
            true
        }
        None => false,
    }
}

/// Draws the board of the current step.
fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let (Some(board), Some(spec)) = (
        state.board(state.current),
        state.current_step().and_then(|s| s.kind.board()),
    ) else {
        return;
    };
    if matches!(scene.view.mode, Mode::Spotlight) {
        spotlight::render(frame, area, scene, spec, theme, lang);
        return;
    }
    let cursor = scene.cursor();
    let parties = state.scenario.parties();
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
    let actions = action_cards(state);
    let compact = is_compact(scene.view, board, &laid, &titles, state, theme, lang);
    for &(i, lane_area) in &laid.lanes {
        let Some(lane) = board.lanes.get(i) else {
            continue;
        };
        let look = LaneLook {
            title: &titles[i],
            selected: (i == cursor.lane).then_some(cursor.card),
            marked: &scene.view.marked,
            actions: &actions,
            parties,
            compact,
            hints: scene.edits(),
        };
        lane::render(frame, lane_area, lane, &look, theme, lang);
    }
}

/// Whether any lane drawn needs its cards packed without blank lines.
fn is_compact(
    view: &View,
    board: &BoardState,
    laid: &BoardLayout,
    titles: &[String],
    state: &SessionState,
    theme: &Theme,
    lang: Lang,
) -> bool {
    let parties = state.scenario.parties();
    let actions = &action_cards(state);
    laid.lanes.iter().any(|&(i, area)| {
        board.lanes.get(i).is_some_and(|lane| {
            let look = LaneLook {
                title: &titles[i],
                selected: None,
                marked: &view.marked,
                actions,
                parties,
                compact: false,
                hints: true,
            };
            !lane::fits_roomy(area, lane, &look, theme, lang)
        })
    })
}

/// Selects the lane or card drawn at a screen cell of the board in `area`.
fn click(
    view: &mut View,
    state: &SessionState,
    area: Rect,
    column: u16,
    row: u16,
    theme: &Theme,
    lang: Lang,
) {
    let scenario = &state.scenario;
    let Some(spec) = scenario
        .steps
        .get(state.current)
        .and_then(|s| s.kind.board())
    else {
        return;
    };
    let Some(board) = state.board(state.current) else {
        return;
    };
    let cursor = view.cursor(state.current);
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
    let actions = action_cards(state);
    let compact = is_compact(view, board, &laid, &titles, state, theme, lang);
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
            marked: &view.marked,
            actions: &actions,
            parties,
            compact,
            hints: true,
        };
        let card = lane::card_at_row(lane_area, row, lane, &look, theme, lang);
        let card = card.unwrap_or(if i == cursor.lane { cursor.card } else { 0 });
        target = Some(Cursor { lane: i, card });
    }
    if let Some(t) = target {
        *view.cursor_mut(state.current) = t;
        view.keep_valid(state);
    }
}

/// Where a card is on screen: its lane and its place in the lane's shown order (a theme
/// gathers its cards, so that is not where the lane stores it).
pub fn cursor_of(board: &BoardState, card: CardId) -> Option<Cursor> {
    let (lane, index) = board.find(card)?;
    let shown = order::shown_place(board.lanes.get(lane)?, index)?;
    Some(Cursor { lane, card: shown })
}

/// Whether `change`, made by the facilitator, takes the card selected on the board on
/// screen to another lane: then the selection stays in the lane being worked on (sorting
/// cards into lanes goes on there), and the status line says where the card went.
pub fn moves_away(change: &Change, view: &View, state: &SessionState) -> bool {
    let moved = match change {
        Change::Group { changes } => changes.first(),
        other => Some(other),
    };
    let (Some(Change::CardMoved { card, lane, .. }), Some(board), Some(spec)) = (
        moved,
        state.board(state.current),
        state.current_step().and_then(|s| s.kind.board()),
    ) else {
        return false;
    };
    let here = view.cursor(state.current).lane;
    view.selected_card(state) == Some(*card)
        && spec.lanes.get(here).is_some_and(|l| &l.id != lane)
        && board.find(*card).is_some_and(|(l, _)| l == here)
}

/// Splits text into lines of at most `width` characters, at spaces where possible; a word
/// longer than a line is broken with a hyphen at the end of each piece but the last
/// ("Samenwerkingsovereen-" / "komst"), so it never looks cut.
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
                // Pieces of the word with a hyphen where there is room for one (a line of
                // one column has none), all at once: a pasted run of 100,000 letters must
                // not take a pass over the rest per line.
                let take = if width > 1 { width - 1 } else { 1 };
                let chars: Vec<char> = word.chars().collect();
                let pieces = (w_len - width).div_ceil(take);
                let (head, rest) = chars.split_at((pieces * take).min(chars.len()));
                lines.extend(head.chunks(take).map(|c| {
                    let mut piece: String = c.iter().collect();
                    if width > 1 {
                        piece.push('-');
                    }
                    piece
                }));
                word = rest.iter().collect();
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

/// The cards that became actions (marked on the board).
fn action_cards(state: &SessionState) -> std::collections::BTreeSet<CardId> {
    state
        .steps
        .iter()
        .filter_map(|s| match s {
            crate::core::StepState::Agreement(a) => {
                Some(a.commitments.iter().filter_map(|c| c.card()))
            }
            _ => None,
        })
        .flatten()
        .collect()
}
