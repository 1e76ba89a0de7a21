//! The participants panel (`P`): who takes part, from which organisation and party, and who
//! is present. A vote counts the participants present as its voters unless the facilitator
//! sets a number; agreements can be endorsed by participants. Names are optional.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::action::Action;
use super::form::{Check, Confirm, Field, Form, Purpose};
use super::text::clean;
use super::theme::Theme;
use super::workspace::{Mode, Workspace};
use super::wrapped::{panel_block, push_wrapped};
use crate::core::state::Participant;
use crate::core::{Change, Lang, Party, SessionState};

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

/// Carries out an action while the panel is open.
pub fn act(ws: &mut Workspace, action: Action, now: Timestamp, lang: Lang) {
    let state = &ws.live.state;
    let count = state.participants.len();
    let Some(panel) = ws.people else {
        return;
    };
    let selected = state.participants.get(panel.selected).cloned();
    match action {
        Action::Up => set_selected(ws, panel.selected.saturating_sub(1)),
        Action::Down => set_selected(ws, (panel.selected + 1).min(count.saturating_sub(1))),
        Action::Back | Action::Participants => ws.people = None,
        Action::Add => ws.mode = Mode::Form(Box::new(form(None, state, lang))),
        Action::Edit => {
            if let Some(p) = selected {
                ws.mode = Mode::Form(Box::new(form(Some(p), state, lang)));
            }
        }
        Action::Delete => {
            if let Some(p) = selected {
                ws.mode = Mode::Confirm(Box::new(Confirm {
                    question: (
                        "Deze deelnemer verwijderen? j/n",
                        "Remove this participant? y/n",
                    ),
                    change: Change::ParticipantRemoved { id: p.id },
                }));
            }
        }
        Action::Toggle => {
            if let Some(p) = selected {
                let participant = Participant {
                    present: !p.present,
                    ..p
                };
                ws.record(Change::ParticipantEdited { participant }, now, lang);
            }
        }
        Action::TimerToggle | Action::TimerSet => super::timer::act(ws, action, now, lang),
        Action::Undo => super::undo::undo(ws, false, now, lang),
        Action::Redo => super::undo::undo(ws, true, now, lang),
        _ => {}
    }
    clamp(ws);
}

fn set_selected(ws: &mut Workspace, index: usize) {
    if let Some(panel) = &mut ws.people {
        panel.selected = index;
    }
}

/// Keeps the selection on a participant that exists.
pub fn clamp(ws: &mut Workspace) {
    let count = ws.live.state.participants.len();
    if let Some(panel) = &mut ws.people {
        panel.selected = panel.selected.min(count.saturating_sub(1));
    }
}

/// The form for a new participant, or for changing one.
fn form(existing: Option<Participant>, state: &SessionState, lang: Lang) -> Form {
    let parties = state.scenario.parties();
    let options: Vec<(Option<String>, String)> =
        std::iter::once((None, lang.pick("geen partij", "no party").to_string()))
            .chain(
                parties
                    .iter()
                    .map(|p| (Some(p.id.clone()), clean(p.name.get(lang)).into_owned())),
            )
            .collect();
    let party = existing.as_ref().and_then(|p| p.party.clone());
    let selected = options.iter().position(|(id, _)| *id == party).unwrap_or(0);
    let fields = vec![
        Field::Text {
            label: ("naam (mag leeg blijven)", "name (may stay empty)"),
            value: existing
                .as_ref()
                .and_then(|p| p.name.clone())
                .unwrap_or_default(),
            check: Check::Any,
        },
        Field::Text {
            label: ("organisatie", "organisation"),
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

/// Draws the panel over `area`.
pub fn render(frame: &mut Frame, area: Rect, ws: &Workspace, theme: &Theme, lang: Lang) {
    let Some(panel) = ws.people else {
        return;
    };
    let state = &ws.live.state;
    let parties = state.scenario.parties();
    let inner_w = area.width.saturating_sub(4).max(1) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_end = 0;
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
        push_wrapped(&mut lines, &lead, &details.join(" · "), inner_w, style);
        if is_sel {
            selected_end = lines.len();
        }
    }
    if state.participants.is_empty() {
        lines.push(Line::styled(
            lang.pick(
                "Nog niemand: a voegt een deelnemer toe (naam mag leeg blijven).",
                "Nobody yet: a adds a participant (the name may stay empty).",
            ),
            theme.dim,
        ));
    }
    let present = state.present().count();
    let title = match lang {
        Lang::Nl => format!(
            " Deelnemers · {present} van {} aanwezig ",
            state.participants.len()
        ),
        Lang::En => format!(
            " Participants · {present} of {} present ",
            state.participants.len()
        ),
    };
    let keys = lang.pick(
        " a toevoegen · e bewerken · d verwijderen · spatie aanwezig · Esc sluit ",
        " a add · e edit · d remove · space present · Esc closes ",
    );
    let scroll = selected_end.saturating_sub(inner_h);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .scroll((scroll as u16, 0))
            .block(panel_block(title, keys, theme.focus, theme.focus, theme)),
        area,
    );
}
