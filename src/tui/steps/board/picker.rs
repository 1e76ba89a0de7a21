//! The party picker: who said this card? The scenario's parties and "no party"; never a
//! person's name (anonymity by default).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::lane::party_label;
use crate::core::clean::clean;
use crate::core::state::CardId;
use crate::core::{Change, Lang, Party, SessionState};
use crate::tui::action::Action;
use crate::tui::session::view::{Mode, View};
use crate::tui::steps::Reaction;
use crate::tui::theme::Theme;

/// The list of parties open for a card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// The card the choice is for.
    pub card: CardId,
    /// The highlighted choice: an index into the scenario's parties, or one past the
    /// end for "no party".
    pub selected: usize,
}

/// The choices: every party, then "no party" (index `parties.len()`).
fn choices(parties: &[Party], theme: &Theme, lang: Lang) -> Vec<(String, Vec<Span<'static>>)> {
    let mut out: Vec<(String, Vec<Span<'static>>)> = parties
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let key = if i < 9 {
                format!("{}", i + 1)
            } else {
                " ".to_string()
            };
            let (label, _) = party_label(parties, &p.id);
            (
                key,
                vec![
                    Span::styled(label, theme.party(i)),
                    Span::raw(format!(" {}", clean(p.name.get(lang)))),
                ],
            )
        })
        .collect();
    out.push((
        "0".to_string(),
        vec![Span::raw(lang.pick("geen partij", "no party").to_string())],
    ));
    out
}

/// Draws the picker over `area`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    picker: &Picker,
    parties: &[Party],
    theme: &Theme,
    lang: Lang,
) {
    let items = choices(parties, theme, lang);
    let mut lines: Vec<Line> = Vec::new();
    let mut width = 0;
    for (i, (key, spans)) in items.into_iter().enumerate() {
        let chosen = i == picker.selected;
        let lead = if chosen { "▶" } else { " " };
        let mut all = vec![Span::raw(format!("{lead} {key} "))];
        all.extend(spans);
        let mut line = Line::from(all);
        if chosen {
            line = line.style(theme.selected);
        }
        width = width.max(line.width());
        lines.push(line);
    }
    let title = lang.pick(" Wie zei het? ", " Who said it? ");
    // A digit chooses at once, as in every chooser (the participant form says the same).
    let hint = lang.pick(
        " cijfer kiest direct · ↑↓ Enter · Esc ",
        " digit chooses at once · ↑↓ Enter · Esc ",
    );
    let w = (width
        .max(title.chars().count())
        .max(hint.chars().count().saturating_sub(2)) as u16
        + 4)
    .min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).style(theme.base).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.focus)
                .title(Span::styled(title, theme.focus))
                .title_bottom(Span::styled(hint, theme.dim)),
        ),
        rect,
    );
}

/// What an action does in the picker; it closes on a choice or on Esc.
pub fn update(
    mut picker: Picker,
    view: &mut View,
    state: &SessionState,
    action: &Action,
) -> Option<Reaction> {
    let parties = state.scenario.parties();
    let count = parties.len() + 1;
    let choice = match action {
        Action::Up => {
            picker.selected = (picker.selected + count - 1) % count;
            None
        }
        Action::Down => {
            picker.selected = (picker.selected + 1) % count;
            None
        }
        Action::Confirm(true) => Some(picker.selected),
        Action::Digit(0) => Some(parties.len()),
        Action::Digit(d) if usize::from(*d) <= parties.len() => Some(usize::from(*d) - 1),
        Action::Back => return None,
        _ => None,
    };
    let Some(choice) = choice else {
        view.mode = Mode::Picker(picker);
        return None;
    };
    let step = state.current_step()?;
    let party = parties.get(choice).map(|p| p.id.clone());
    let unchanged = state
        .board(state.current)
        .and_then(|b| b.card(picker.card))
        .is_some_and(|c| c.party == party);
    (!unchanged).then(|| {
        Reaction::record(Change::CardTagged {
            step: step.id.clone(),
            card: picker.card,
            party,
        })
    })
}
