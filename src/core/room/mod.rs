//! The room in the session: phones that joined (devices), what they proposed (the inbox),
//! their own dots and endorsements. Everything a phone does is an event with an origin
//! (which device, and the key of its submission), folded by the one reducer like any other
//! change; the reducer's rules for phones live here.
//!
//! A phone's changes are its own: the facilitator's undo never reverts them (and they
//! never clear what the facilitator can redo); a phone takes its own dot back. The
//! facilitator's room changes (removing a device, accepting or rejecting a proposal, the
//! inbox setting) are undone and redone like every other change.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

mod reduce;
pub mod submission;

pub use submission::Submission;

/// The longest card (or commitment) text a phone may send, in characters.
pub const MAX_TEXT_CHARS: usize = 280;
/// The longest name (or "who"/"when" of a commitment) a phone may send, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// The most devices one session's room admits (removed ones included).
pub const MAX_DEVICES: usize = 200;
/// Shortest and longest idempotency key: letters, digits, `-` and `_`.
pub const KEY_CHARS: std::ops::RangeInclusive<usize> = 8..=64;

/// Who made an event: a device of the room, and the key of the submission that made it.
/// A retried submission carries the same key and is recognised, also after a restart,
/// because the key is in the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventOrigin {
    /// The device's number in this session (pseudonymous: never an address or a
    /// fingerprint of the phone).
    pub device: u32,
    /// The submission's idempotency key (8 to 64 letters, digits, `-` or `_`).
    #[schemars(regex(pattern = r"^[A-Za-z0-9_-]{8,64}$"))]
    pub key: String,
}

/// A phone that joined the room.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// Its number in this session.
    pub id: u32,
    /// The name typed on the phone, if any.
    pub name: Option<String>,
    /// The party chosen on the phone, if any.
    pub party: Option<String>,
    /// SHA-256 (lowercase hex) of the phone's secret.
    pub secret: String,
    /// Removed by the facilitator: it can no longer send.
    pub removed: bool,
}

/// What a phone proposed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proposed {
    /// A card for a lane of a board step.
    Card {
        /// Lane id.
        lane: String,
        /// The text as sent.
        text: String,
        /// The party it is tagged with.
        party: Option<String>,
    },
    /// A commitment of an agreement step.
    Commitment {
        /// What will be done.
        what: String,
        /// Who does it.
        who: String,
        /// By when.
        when: String,
    },
}

impl Proposed {
    /// The card's text or the commitment's "what".
    pub fn text(&self) -> &str {
        match self {
            Proposed::Card { text, .. } => text,
            Proposed::Commitment { what, .. } => what,
        }
    }
}

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    /// Waiting in the inbox.
    Pending,
    /// On the board (or in the agreement), with the proposal's id.
    Accepted,
    /// Not taken over.
    Rejected,
}

/// A card or commitment a phone proposed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// Its id (shared with the card or commitment it becomes).
    pub id: u32,
    /// The step id.
    pub step: String,
    /// The device that proposed it.
    pub device: u32,
    /// What was proposed.
    pub content: Proposed,
    /// Where it stands.
    pub status: ProposalStatus,
}

/// The room's part of the session state.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RoomState {
    /// Devices by number.
    pub devices: BTreeMap<u32, Device>,
    /// Proposals by id; the pending ones are the inbox.
    pub proposals: BTreeMap<u32, Proposal>,
    /// The session's inbox setting; none means on.
    pub inbox: Option<bool>,
    /// Steps with their own inbox setting.
    pub step_inbox: BTreeMap<String, bool>,
    /// Every idempotency key used, with the index of the event that used it.
    pub(crate) keys: HashMap<String, usize>,
}

impl RoomState {
    /// The inbox: pending proposals, oldest first.
    pub fn inbox(&self) -> impl Iterator<Item = &Proposal> {
        self.proposals
            .values()
            .filter(|p| p.status == ProposalStatus::Pending)
    }

    /// Whether proposals for step `step` wait in the inbox (the default) or appear at once.
    pub fn moderated(&self, step: &str) -> bool {
        self.step_inbox
            .get(step)
            .copied()
            .or(self.inbox)
            .unwrap_or(true)
    }

    /// Devices that can send (joined and not removed).
    pub fn active(&self) -> impl Iterator<Item = &Device> {
        self.devices.values().filter(|d| !d.removed)
    }

    /// The number the next device gets.
    pub fn next_device(&self) -> u32 {
        self.devices
            .keys()
            .next_back()
            .map_or(1, |n| n.saturating_add(1))
    }

    /// The index of the event that used idempotency key `key`, if one did.
    pub fn used_key(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }
}

/// The endorser of a device (participant endorsements), written `d` and its number.
pub fn device_endorser(id: u32) -> crate::core::endorser::Endorser {
    crate::core::endorser::Endorser::Device(id)
}

/// The label of endorser `endorser` when it is a device of `state` (`d3` is "Telefoon 3",
/// or the name it gave).
pub fn device_endorser_label(
    state: &crate::core::state::SessionState,
    endorser: &crate::core::endorser::Endorser,
    lang: super::text::Lang,
) -> Option<String> {
    let device = state
        .room
        .devices
        .get(&endorser.device(state.scenario.parties())?)?;
    Some(device_label(device, lang))
}

/// How a device is called on the facilitator's screen: its name, else "Telefoon 3".
pub fn device_label(device: &Device, lang: super::text::Lang) -> String {
    match &device.name {
        Some(name) => name.clone(),
        None => format!("{} {}", lang.pick("Telefoon", "Phone"), device.id),
    }
}

#[cfg(test)]
mod tests;
