//! Who endorses an item of an agreement: the list of parties or participants that can,
//! open over the screen, where `Space` toggles one. Every toggle is a change of its own.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::endorsed_text;
use crate::core::tally::{eligible_endorsers, endorsement};
use crate::core::{Change, Endorser, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::keys::{KeyTable, UP_DOWN, bind, ch, code, table};
use crate::tui::participants::{display_name, party_name};
use crate::tui::session::view::{Mode, Scene, View};
use crate::tui::steps::Reaction;
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::list_overlay;

/// The keys of the list of endorsers.
pub static KEYS: KeyTable = table!(
    "Onderschrijven",
    "Endorsing",
    [
        bind!("↑ ↓", "kies wie", "choose who", UP_DOWN,),
        bind!(
            "Space",
            "onderschrijft wel/niet",
            "endorses or not",
            [ch(' ', Action::Toggle)],
        ),
        bind!(
            "Enter Esc",
            "klaar",
            "done",
            [
                code(KeyCode::Enter, Action::Back),
                code(KeyCode::Esc, Action::Back),
                ch('q', Action::Back),
            ],
        ),
    ],
);

/// The list of endorsers of one item, open over the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndorsePicker {
    /// `statement` or a principle id.
    pub item: String,
    /// The highlighted endorser.
    pub selected: usize,
}

/// What an endorser is called: a party's name, or a participant's.
pub fn endorser_name(state: &SessionState, endorser: &Endorser, lang: Lang) -> String {
    let parties = state.scenario.parties();
    if let Some(name) = party_name(Some(&endorser.key()), parties, lang) {
        return name;
    }
    endorser
        .participant(parties)
        .and_then(|n| state.participants.iter().find(|p| p.id == n))
        .map(|p| display_name(p, parties, lang))
        .unwrap_or_else(|| clean(&endorser.key()).into_owned())
}

/// What an action does while the list of endorsers is open: every toggle is a change.
pub fn update(
    mut picker: EndorsePicker,
    view: &mut View,
    state: &SessionState,
    action: &Action,
) -> Option<Reaction> {
    let index = state.current;
    let eligible = eligible_endorsers(state, index);
    let step = state
        .scenario
        .steps
        .get(index)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let mut reaction = None;
    match action {
        Action::Up => picker.selected = picker.selected.saturating_sub(1),
        Action::Down => {
            picker.selected = (picker.selected + 1).min(eligible.len().saturating_sub(1))
        }
        Action::Toggle => {
            if let Some(endorser) = eligible.get(picker.selected) {
                let e = endorsement(state, index, &picker.item);
                reaction = Some(Reaction::record(Change::EndorsementSet {
                    step,
                    item: picker.item.clone(),
                    endorser: endorser.clone(),
                    endorsed: !e.by.contains(endorser),
                }));
            }
        }
        Action::Back | Action::Confirm(_) | Action::Edit | Action::EditorSave => return None,
        _ => {}
    }
    view.mode = Mode::Endorse(picker);
    reaction
}

/// Draws the list of endorsers over `area`.
pub fn render_picker(
    frame: &mut Frame,
    area: Rect,
    scene: &Scene,
    picker: &EndorsePicker,
    theme: &Theme,
    lang: Lang,
) {
    let state = scene.state();
    let index = state.current;
    let Some(spec) = state
        .scenario
        .steps
        .get(index)
        .and_then(|s| s.kind.agreement())
    else {
        return;
    };
    let text = if picker.item == "statement" {
        spec.statement.as_ref().map(|t| t.get(lang))
    } else {
        spec.principles
            .iter()
            .find(|p| p.id == picker.item)
            .map(|p| p.text.get(lang))
    };
    let e = endorsement(state, index, &picker.item);
    let context = vec![
        Line::styled(clean(text.unwrap_or_default()).into_owned(), theme.title),
        Line::styled(endorsed_text(&e, lang), theme.focus),
    ];
    let eligible = eligible_endorsers(state, index);
    let mut rows: Vec<(String, bool)> = eligible
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let mark = if e.by.contains(id) { "[x]" } else { "[ ]" };
            let absent = id
                .participant(state.scenario.parties())
                .and_then(|n| state.participants.iter().find(|p| p.id == n))
                .is_some_and(|p| !p.present);
            let note = if absent {
                lang.pick(" (afwezig)", " (absent)")
            } else {
                ""
            };
            (
                format!("{mark} {}{note}", endorser_name(state, id, lang)),
                i == picker.selected,
            )
        })
        .collect();
    if rows.is_empty() {
        rows.push((
            lang.pick(
                "Nog niemand aanwezig: Esc, dan P om deelnemers toe te voegen",
                "Nobody present yet: Esc, then P to add participants",
            )
            .to_string(),
            false,
        ));
    }
    let title = lang.pick(" Wie onderschrijft dit? ", " Who endorses this? ");
    let keys = lang.pick(
        " ↑↓ kiezen · spatie wisselt · Enter klaar ",
        " ↑↓ choose · space toggles · Enter done ",
    );
    list_overlay(frame, area, title, &context, &rows, keys, theme);
}
