//! The participants panel (`P`): who takes part, from which organisation and party, and who
//! is present. A vote counts the participants present as its voters unless the facilitator
//! sets a number; agreements can be endorsed by participants. Names are optional.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use super::action::Action;
use super::form::{Check, Field, Form, Purpose};
use super::keys::{EDIT, KeyTable, UP_DOWN, also, bind, ch, code, table};
use super::question::Question;
use super::session::view::{Mode, Scene, View};
use super::steps::{MINUTES, REDO, Reaction, TIMER, UNDO};
use super::text::clean;
use super::theme::Theme;
use super::wrapped::{Entry, fit_parts, offset_for, panel_block, push_wrapped, scrolled};
use crate::core::state::Participant;
use crate::core::{Change, Lang, Party, SessionState};

/// The keys of the participants panel.
pub static KEYS: KeyTable = table!(
    "Deelnemers",
    "Participants",
    [
        bind!("↑ ↓", "kies een deelnemer", "select a participant", UP_DOWN,),
        bind!(
            "a",
            "deelnemer toevoegen (naam mag leeg)",
            "add a participant (name may stay empty)",
            [ch('a', Action::Add)],
        ),
        bind!(
            "e Enter",
            "deelnemer bewerken",
            "edit the participant",
            EDIT,
        ),
        bind!(
            "d",
            "deelnemer of telefoon verwijderen (vraagt j/n)",
            "remove the participant or phone (asks y/n)",
            [
                ch('d', Action::Delete),
                code(KeyCode::Delete, Action::Delete)
            ],
        ),
        bind!(
            "Space",
            "aanwezig / afwezig; een verwijderde telefoon weer toelaten",
            "present / absent; let a removed phone back in",
            [ch(' ', Action::Toggle)],
        ),
        TIMER,
        MINUTES,
        UNDO,
        REDO,
        bind!(
            "Esc P",
            "paneel sluiten",
            "close the panel",
            [code(KeyCode::Esc, Action::Back), ch('P', Action::Back)],
        ),
        also!([ch('?', Action::Help), ch('q', Action::Quit)]),
    ],
);

/// The open panel: which participant is selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panel {
    /// Index into the participants.
    pub selected: usize,
}

/// What the room calls a participant: the name, else the organisation, else the party,
/// else a number.
pub fn display_name(p: &Participant, parties: &[Party], lang: Lang) -> String {
    if let Some(name) = p.name.as_deref().filter(|n| !n.trim().is_empty()) {
        return clean(name).into_owned();
    }
    if !p.organisation.trim().is_empty() {
        return clean(&p.organisation).into_owned();
    }
    if let Some(party) = party_name(p.party.as_deref(), parties, lang) {
        return party;
    }
    format!("{} {}", lang.pick("deelnemer", "participant"), p.id)
}

/// The name of a party by id.
pub fn party_name(id: Option<&str>, parties: &[Party], lang: Lang) -> Option<String> {
    let id = id?;
    parties
        .iter()
        .find(|p| p.id == id)
        .map(|p| clean(p.name.get(lang)).into_owned())
}

/// What an action does while the panel is open (undo, redo and the timer are the
/// session's, as on every step).
pub fn update(
    view: &mut View,
    state: &SessionState,
    action: &Action,
    lang: Lang,
) -> Option<Reaction> {
    let count = state.participants.len() + state.room.devices.len();
    let panel = view.people?;
    if let Some(device) = super::room::devices::at(state, panel.selected)
        && let Some(reaction) = super::room::devices::update(device, action, lang)
    {
        return reaction;
    }
    let selected = state.participants.get(panel.selected).cloned();
    let open = |mode: Mode| Some(Reaction::Open(mode));
    let reaction = match action {
        Action::Up => {
            set_selected(view, panel.selected.saturating_sub(1));
            None
        }
        Action::Down => {
            set_selected(view, (panel.selected + 1).min(count.saturating_sub(1)));
            None
        }
        Action::Back | Action::Participants => {
            view.people = None;
            None
        }
        Action::Add => open(Mode::Form(Box::new(form(None, state, lang)))),
        Action::Edit => {
            selected.and_then(|p| open(Mode::Form(Box::new(form(Some(p), state, lang)))))
        }
        Action::Delete => selected.and_then(|p| {
            open(Mode::Confirm(Box::new(Question::remove(
                ("Deze deelnemer verwijderen?", "Remove this participant?"),
                Change::ParticipantRemoved { id: p.id },
                lang,
            ))))
        }),
        Action::Toggle => selected.map(|p| {
            let participant = Participant {
                present: !p.present,
                ..p
            };
            Reaction::record(Change::ParticipantEdited { participant })
        }),
        _ => None,
    };
    view.keep_valid(state);
    reaction
}

fn set_selected(view: &mut View, index: usize) {
    if let Some(panel) = &mut view.people {
        panel.selected = index;
    }
}

/// The form for a new participant, or for changing one.
fn form(existing: Option<Participant>, state: &SessionState, lang: Lang) -> Form {
    let parties = state.scenario.parties();
    // The parties 1, 2, ... and "no party" last as 0, as in the list of `o` on a board.
    let options: Vec<(Option<String>, String)> = parties
        .iter()
        .map(|p| (Some(p.id.clone()), clean(p.name.get(lang)).into_owned()))
        .chain(std::iter::once((
            None,
            lang.pick("geen partij", "no party").to_string(),
        )))
        .collect();
    let party = existing.as_ref().and_then(|p| p.party.clone());
    let selected = options
        .iter()
        .position(|(id, _)| *id == party)
        .unwrap_or(options.len().saturating_sub(1));
    let fields = vec![
        Field::Text {
            label: Some(("naam (mag leeg blijven)", "name (may stay empty)")),
            value: existing
                .as_ref()
                .and_then(|p| p.name.clone())
                .unwrap_or_default(),
            check: Check::Any,
        },
        Field::Text {
            label: Some(("organisatie", "organisation")),
            value: existing
                .as_ref()
                .map(|p| p.organisation.clone())
                .unwrap_or_default(),
            check: Check::Any,
        },
        Field::Choice {
            label: ("partij", "party"),
            options,
            selected,
        },
    ];
    match existing {
        Some(p) => Form::new(
            Purpose::EditParticipant(p),
            ("Deelnemer bewerken", "Edit participant"),
            fields,
        ),
        None => Form::new(
            Purpose::NewParticipant,
            ("Nieuwe deelnemer", "New participant"),
            fields,
        ),
    }
}

/// Draws the panel over `area`: whole entries only, with a sign of who is above and below.
pub fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let Some(panel) = scene.view.people else {
        return;
    };
    let state = scene.state();
    let parties = state.scenario.parties();
    let inner_w = area.width.saturating_sub(4).max(1) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let mut blocks: Vec<Entry> = Vec::new();
    for (i, p) in state.participants.iter().enumerate() {
        let is_sel = i == panel.selected;
        let style = if is_sel { theme.selected } else { theme.base };
        let presence = if p.present {
            lang.pick("aanwezig", "present")
        } else {
            lang.pick("afwezig", "absent")
        };
        let name = p
            .name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(|n| clean(n).into_owned())
            .unwrap_or_else(|| lang.pick("(zonder naam)", "(no name)").to_string());
        let mut details = vec![name];
        if !p.organisation.trim().is_empty() {
            details.push(clean(&p.organisation).into_owned());
        }
        if let Some(party) = party_name(p.party.as_deref(), parties, lang) {
            details.push(party);
        }
        let marker = if is_sel { "▶" } else { " " };
        let lead = format!("{marker} {presence:<10}");
        let mut lines = Vec::new();
        push_wrapped(&mut lines, &lead, &details.join(" · "), inner_w, style);
        blocks.push(Entry::item(lines));
    }
    blocks.extend(super::room::devices::blocks(
        state,
        panel.selected,
        inner_w,
        theme,
        lang,
    ));
    if state.participants.is_empty() && state.room.devices.is_empty() {
        let text = if scene.edits() {
            lang.pick(
                "Nog niemand: a voegt een deelnemer toe (naam mag leeg blijven).",
                "Nobody yet: a adds a participant (the name may stay empty).",
            )
        } else {
            lang.pick("Nog niemand.", "Nobody yet.")
        };
        let mut lines = Vec::new();
        push_wrapped(&mut lines, "", text, inner_w, theme.dim);
        blocks.push(Entry::other(lines));
    }
    let present = state.present().count();
    let phones = state.room.active().count();
    let title = match (lang, state.room.devices.is_empty()) {
        (Lang::Nl, true) => format!(
            " Deelnemers · {present} van {} aanwezig ",
            state.participants.len()
        ),
        (Lang::En, true) => format!(
            " Participants · {present} of {} present ",
            state.participants.len()
        ),
        (Lang::Nl, false) => format!(
            " Deelnemers · {} aanwezig: {present} van {} deelnemers en {} ",
            state.present_count(),
            state.participants.len(),
            super::room::phones(phones, lang)
        ),
        (Lang::En, false) => format!(
            " Participants · {} present: {present} of {} participants and {} ",
            state.present_count(),
            state.participants.len(),
            super::room::phones(phones, lang)
        ),
    };
    let device = super::room::devices::at(state, panel.selected);
    let parts: Vec<String> = if let (true, Some(device)) = (scene.edits(), device) {
        super::room::devices::keys(device, lang)
    } else if scene.edits() {
        [
            lang.pick("a toevoegen", "a add"),
            lang.pick("e bewerken", "e edit"),
            lang.pick("spatie aanwezig", "space present"),
            lang.pick("d verwijderen", "d remove"),
            lang.pick("Esc sluit", "Esc closes"),
        ]
        .map(String::from)
        .to_vec()
    } else {
        vec![lang.pick("Esc sluit", "Esc closes").to_string()]
    };
    let keys = format!(
        " {} ",
        fit_parts(&parts, area.width.saturating_sub(6) as usize)
    );
    // The phones' heading is an entry of its own, between the participants and the phones.
    let selected = if panel.selected >= state.participants.len() {
        panel.selected + 1
    } else {
        panel.selected
    };
    let offset = offset_for(&blocks, selected, inner_h);
    let lines = scrolled(blocks, offset, inner_h, theme.dim, lang);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).style(theme.base).block(panel_block(
            title,
            keys,
            theme.focus,
            theme.focus,
            theme,
        )),
        area,
    );
}
