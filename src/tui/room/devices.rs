//! Phones in the participants panel: below the participants, every phone that joined (its
//! name if it gave one, else "Telefoon 3 · anoniem"; its party if it chose one), counted as
//! present while it is in the room. The facilitator removes a phone (it can no longer send)
//! and lets it back in.

use ratatui::text::Line;

use crate::core::room::{Device, device_label};
use crate::core::{Change, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::participants::party_name;
use crate::tui::question::Question;
use crate::tui::session::view::Mode;
use crate::tui::steps::Reaction;
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::{Entry, push_wrapped};

/// The phone at place `index` of the participants panel (phones come after participants).
pub fn at(state: &SessionState, index: usize) -> Option<&Device> {
    let i = index.checked_sub(state.participants.len())?;
    state.room.devices.values().nth(i)
}

/// What an action does to the selected phone; none when the panel's own handling applies
/// (moving, adding a participant, closing).
pub fn update(device: &Device, action: &Action, lang: Lang) -> Option<Option<Reaction>> {
    let remove = || {
        Some(Reaction::Open(Mode::Confirm(Box::new(Question::remove(
            (
                "Deze telefoon verwijderen? Hij kan dan niets meer sturen.",
                "Remove this phone? It can no longer send.",
            ),
            Change::DeviceRemoved { device: device.id },
            lang,
        )))))
    };
    let readmit = || {
        Some(Reaction::record(Change::DeviceReadmitted {
            device: device.id,
        }))
    };
    Some(match action {
        Action::Delete if device.removed => Some(Reaction::Say(
            crate::tui::session::view::Status::info(lang.pick(
                "Deze telefoon is al verwijderd; spatie laat hem weer toe.",
                "This phone is removed already; space lets it back in.",
            )),
        )),
        Action::Delete => remove(),
        Action::Toggle if device.removed => readmit(),
        Action::Toggle => remove(),
        Action::Edit => Some(Reaction::Say(crate::tui::session::view::Status::info(
            lang.pick(
                "Een telefoon kiest zijn naam en partij zelf.",
                "A phone chooses its name and party itself.",
            ),
        ))),
        _ => return None,
    })
}

/// The keys the panel's foot names while a phone is selected, the most important first.
pub fn keys(device: &Device, lang: Lang) -> Vec<String> {
    let first = if device.removed {
        lang.pick("spatie weer toelaten", "space let back in")
    } else {
        lang.pick("d verwijderen", "d remove")
    };
    [
        first,
        lang.pick("a deelnemer toevoegen", "a add a participant"),
        lang.pick("Esc sluit", "Esc closes"),
    ]
    .map(String::from)
    .to_vec()
}

/// The phones' entries of the panel: a heading (after a blank line below participants),
/// then one entry per phone (`selected` is the panel's selection, phones coming after the
/// participants).
pub fn blocks(
    state: &SessionState,
    selected: usize,
    width: usize,
    theme: &Theme,
    lang: Lang,
) -> Vec<Entry<'static>> {
    let devices = &state.room.devices;
    if devices.is_empty() {
        return Vec::new();
    }
    let first = state.participants.len();
    let mut heading = Vec::new();
    if first > 0 {
        heading.push(Line::raw(""));
    }
    heading.push(Line::styled(
        format!(
            "{} ({})",
            lang.pick("Telefoons in de zaal", "Phones in the room"),
            state.room.active().count()
        ),
        theme.heading,
    ));
    let mut blocks = vec![Entry::other(heading)];
    let parties = state.scenario.parties();
    for (i, d) in devices.values().enumerate() {
        let is_sel = first + i == selected;
        let style = if is_sel { theme.selected } else { theme.base };
        let state_word = if d.removed {
            lang.pick("verwijderd", "removed")
        } else {
            lang.pick("in de zaal", "in the room")
        };
        let mut details = vec![clean(&device_label(d, lang)).into_owned()];
        if d.name.is_none() {
            details.push(lang.pick("anoniem", "anonymous").to_string());
        }
        if let Some(party) = party_name(d.party.as_deref(), parties, lang) {
            details.push(party);
        }
        let marker = if is_sel { "▶" } else { " " };
        let lead = format!("{marker} {state_word:<11} ");
        let mut item: Vec<Line<'static>> = Vec::new();
        push_wrapped(&mut item, &lead, &details.join(" · "), width, style);
        blocks.push(Entry::item(item));
    }
    blocks
}
