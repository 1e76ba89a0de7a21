//! Who endorses an item of an agreement: the list of parties or participants that can,
//! open over the screen, where `Space` toggles one. Every toggle is a change of its own.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::endorsed_text;
use crate::core::tally::{commitment_of, eligible_endorsers, endorsement, present_endorsers};
use crate::core::{Change, Endorser, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::keys::{KeyTable, UP_DOWN, bind, ch, code, table};
use crate::tui::participants::{display_name, party_name};
use crate::tui::session::view::{Mode, Scene, Status, View};
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
            "A",
            "alle aanwezigen onderschrijven dit",
            "all present endorse it",
            [ch('A', Action::EndorseAll)],
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
        bind!("?", "deze hulp", "this help", [ch('?', Action::Help)]),
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

/// What an endorser is called: a party's name, a participant's, or a phone's (the name it
/// gave, else "Telefoon 3").
pub fn endorser_name(state: &SessionState, endorser: &Endorser, lang: Lang) -> String {
    let parties = state.scenario.parties();
    if let Some(name) = party_name(Some(&endorser.key()), parties, lang) {
        return name;
    }
    if let Some(phone) = crate::core::room::device_endorser_label(state, endorser, lang) {
        return clean(&phone).into_owned();
    }
    endorser
        .participant(parties)
        .and_then(|n| state.participants.iter().find(|p| p.id == n))
        .map(|p| display_name(p, parties, lang))
        .unwrap_or_else(|| clean(&endorser.key()).into_owned())
}

/// "All present endorse" `item` of the agreement on screen: one change (a group) for
/// everyone present who has not endorsed it yet, so one undo takes it back; said calmly
/// when there is nobody left to endorse.
pub fn all_present(state: &SessionState, item: &str, lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let step = state.scenario.steps.get(index)?.id.clone();
    let e = endorsement(state, index, item);
    let changes: Vec<Change> = present_endorsers(state, index)
        .into_iter()
        .filter(|who| !e.by.contains(who))
        .map(|endorser| Change::EndorsementSet {
            step: step.clone(),
            item: item.to_string(),
            endorser,
            endorsed: true,
        })
        .collect();
    if changes.is_empty() {
        return Some(Reaction::Say(Status::info(if e.of == 0 {
            lang.pick(
                "nog niemand aanwezig: P om deelnemers toe te voegen",
                "nobody present yet: P to add participants",
            )
        } else {
            lang.pick(
                "iedereen die aanwezig is onderschrijft dit al",
                "everyone present endorses this already",
            )
        })));
    }
    let n = changes.len();
    let said = match lang {
        Lang::Nl => format!("{n} erbij onderschreven · u maakt ongedaan"),
        Lang::En => format!("{n} more endorse it · u undoes"),
    };
    Some(Reaction::RecordThenSay(
        vec![Change::Group { changes }],
        Status::info(said),
    ))
}

/// The text of an item of the agreement on screen: the statement, a principle, or a
/// commitment's "what".
pub fn item_text(state: &SessionState, item: &str, lang: Lang) -> String {
    let spec = state.current_step().and_then(|s| s.kind.agreement());
    let text = if item == "statement" {
        spec.and_then(|a| a.statement.as_ref())
            .map(|t| t.get(lang).to_string())
    } else if let Some(id) = commitment_of(item) {
        match state.steps.get(state.current) {
            Some(crate::core::StepState::Agreement(a)) => a
                .commitments
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.what.clone()),
            _ => None,
        }
    } else {
        spec.and_then(|a| a.principles.iter().find(|p| p.id == item))
            .map(|p| p.text.get(lang).to_string())
    };
    clean(&text.unwrap_or_default()).into_owned()
}

/// What an action does while the list of endorsers is open: every toggle is a change.
pub fn update(
    mut picker: EndorsePicker,
    view: &mut View,
    state: &SessionState,
    action: &Action,
    lang: Lang,
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
        Action::EndorseAll => {
            reaction = all_present(state, &picker.item, lang);
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
    let e = endorsement(state, index, &picker.item);
    let context = vec![
        Line::styled(item_text(state, &picker.item, lang), theme.title),
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
        " ↑↓ kiezen · spatie wisselt · A allen · Enter klaar ",
        " ↑↓ choose · space toggles · A all · Enter done ",
    );
    list_overlay(frame, area, title, &context, &rows, keys, theme);
}
