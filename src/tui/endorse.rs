//! Who endorses an item of an agreement: the list of parties or participants that can,
//! open over the screen, where `Space` toggles one. Every toggle is a change of its own.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::action::Action;
use super::agreement::endorsed_text;
use super::participants::{display_name, party_name};
use super::text::clean;
use super::theme::Theme;
use super::workspace::{Mode, Workspace};
use super::wrapped::list_overlay;
use crate::core::tally::{eligible_endorsers, endorsement};
use crate::core::{Change, Endorser, Lang, StepKind};

/// The list of endorsers of one item, open over the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndorsePicker {
    /// `statement` or a principle id.
    pub item: String,
    /// The highlighted endorser.
    pub selected: usize,
}

/// What an endorser is called: a party's name, or a participant's.
pub fn endorser_name(ws: &Workspace, endorser: &Endorser, lang: Lang) -> String {
    let state = &ws.live.state;
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

/// Carries out an action while the list of endorsers is open.
pub fn pick(
    ws: &mut Workspace,
    mut picker: EndorsePicker,
    action: Action,
    now: Timestamp,
    lang: Lang,
) {
    let index = ws.current();
    let eligible = eligible_endorsers(&ws.live.state, index);
    let step = ws
        .live
        .state
        .scenario
        .steps
        .get(index)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    match action {
        Action::Up => picker.selected = picker.selected.saturating_sub(1),
        Action::Down => {
            picker.selected = (picker.selected + 1).min(eligible.len().saturating_sub(1))
        }
        Action::Toggle => {
            if let Some(endorser) = eligible.get(picker.selected) {
                let e = endorsement(&ws.live.state, index, &picker.item);
                let endorsed = !e.by.contains(endorser);
                ws.record(
                    Change::EndorsementSet {
                        step,
                        item: picker.item.clone(),
                        endorser: endorser.clone(),
                        endorsed,
                    },
                    now,
                    lang,
                );
            }
        }
        Action::Back | Action::Confirm(_) | Action::Edit | Action::EditorSave => return,
        _ => {}
    }
    ws.mode = Mode::Endorse(picker);
}

/// Draws the list of endorsers over `area`.
pub fn render_picker(
    frame: &mut Frame,
    area: Rect,
    ws: &Workspace,
    picker: &EndorsePicker,
    theme: &Theme,
    lang: Lang,
) {
    let state = &ws.live.state;
    let index = ws.current();
    let Some(StepKind::Agreement(spec)) = state.scenario.steps.get(index).map(|s| &s.kind) else {
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
                format!("{mark} {}{note}", endorser_name(ws, id, lang)),
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
