//! Counting what the room decided: the dots of a vote (what can be voted on, how many dots
//! are left, the ranking) and who endorsed the items of an agreement. Pure reads of the
//! state, so the screen, an export and a replay count the same way.

use std::collections::BTreeSet;

use super::endorser::Endorser;
use super::scenario::{AgreementSpec, Endorsers, StepKind, VoteTargets};
use super::state::{SessionState, StepState, VoteTarget};

/// Something a dot can be put on, in the order the voted board shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// What a dot on it records.
    pub target: VoteTarget,
    /// The card's text or the theme's name; none when it no longer exists (its dots remain
    /// until they are taken off).
    pub label: Option<String>,
    /// How many cards it stands for (1 for a card, the size of a theme).
    pub cards: usize,
    /// The party the card is tagged with (cards only).
    pub party: Option<String>,
    /// Dots on it.
    pub dots: u32,
}

/// The dots of a vote step: how many there are in all and how many are used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DotCount {
    /// Number of voters counted.
    pub voters: u32,
    /// Whether the voters are the participants present (none set by the facilitator).
    pub from_present: bool,
    /// Dots each voter has (from the scenario).
    pub per_voter: u32,
    /// All dots: voters times dots per voter.
    pub capacity: u32,
    /// Dots placed.
    pub used: u32,
}

impl DotCount {
    /// Dots still to place (never below zero, even when voters were lowered afterwards).
    pub fn left(&self) -> u32 {
        self.capacity.saturating_sub(self.used)
    }
}

/// The dot count of vote step `step`; none if it is not a vote step.
pub fn dot_count(state: &SessionState, step: usize) -> Option<DotCount> {
    let (StepKind::Vote(spec), StepState::Vote(vote)) = (
        &state.scenario.steps.get(step)?.kind,
        state.steps.get(step)?,
    ) else {
        return None;
    };
    let voters = vote.voters.unwrap_or_else(|| state.present_count());
    Some(DotCount {
        voters,
        from_present: vote.voters.is_none(),
        per_voter: spec.dots,
        capacity: voters.saturating_mul(spec.dots),
        used: vote.dots.values().sum(),
    })
}

/// What can be voted on in vote step `step`, in board order: every card, or the themes
/// (each where its first card is) and the cards without a theme. Targets that are gone but still hold dots come
/// last, so their dots can be taken off.
pub fn candidates(state: &SessionState, step: usize) -> Vec<Candidate> {
    let (Some(StepKind::Vote(spec)), Some(StepState::Vote(vote))) = (
        state.scenario.steps.get(step).map(|s| &s.kind),
        state.steps.get(step),
    ) else {
        return Vec::new();
    };
    let board = state
        .scenario
        .step_index(&spec.on)
        .and_then(|i| state.board(i));
    let dots = |t: &VoteTarget| vote.dots.get(t).copied().unwrap_or(0);
    let mut list: Vec<Candidate> = Vec::new();
    if let Some(board) = board {
        // In board order; a theme where its first card is, as the board shows it.
        let mut seen: Vec<&String> = Vec::new();
        for card in board.cards() {
            match (&card.theme, spec.targets) {
                (Some(theme), VoteTargets::Themes) => {
                    if seen.contains(&theme) {
                        continue;
                    }
                    seen.push(theme);
                    let target = VoteTarget::Theme(theme.clone());
                    list.push(Candidate {
                        dots: dots(&target),
                        target,
                        label: Some(theme.clone()),
                        cards: board
                            .cards()
                            .filter(|c| c.theme.as_ref() == Some(theme))
                            .count(),
                        party: None,
                    });
                }
                _ => {
                    let target = VoteTarget::Card(card.id);
                    list.push(Candidate {
                        dots: dots(&target),
                        target,
                        label: Some(card.text.clone()),
                        cards: 1,
                        party: card.party.clone(),
                    });
                }
            }
        }
    }
    for (target, n) in &vote.dots {
        if !list.iter().any(|c| &c.target == target) {
            // A card that went into a theme after it got dots is still there: named.
            let card = match target {
                VoteTarget::Card(id) => board.and_then(|b| b.card(*id)),
                VoteTarget::Theme(_) => None,
            };
            list.push(Candidate {
                target: target.clone(),
                label: card.map(|c| c.text.clone()),
                cards: usize::from(card.is_some()),
                party: card.and_then(|c| c.party.clone()),
                dots: *n,
            });
        }
    }
    list
}

/// The ranking of candidates: (rank, index into `candidates`), most dots first, ties in
/// board order and sharing their rank ("1, 1, 3").
pub fn ranked(candidates: &[Candidate]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|a, b| candidates[*b].dots.cmp(&candidates[*a].dots)); // stable
    let mut out = Vec::with_capacity(order.len());
    let mut rank = 0;
    for (pos, index) in order.iter().enumerate() {
        if pos == 0 || candidates[order[pos - 1]].dots != candidates[*index].dots {
            rank = pos + 1;
        }
        out.push((rank, *index));
    }
    out
}

/// How a commitment is named as an item to endorse: `commitment:<id>` (a principle's id
/// holds no `:`, so the two never meet).
pub fn commitment_item(id: u32) -> String {
    format!("commitment:{id}")
}

/// The commitment an item names, when it names one ([`commitment_item`]).
pub fn commitment_of(item: &str) -> Option<u32> {
    let id = item.strip_prefix("commitment:")?.parse::<u32>().ok()?;
    (commitment_item(id) == item).then_some(id)
}

/// The items of an agreement that can be endorsed: `statement` (if any), then the
/// principles' ids. (Commitments can be endorsed too, as [`commitment_item`].)
pub fn endorsable_items(spec: &AgreementSpec) -> Vec<String> {
    spec.statement
        .iter()
        .map(|_| "statement".to_string())
        .chain(spec.principles.iter().map(|p| p.id.clone()))
        .collect()
}

/// Who can endorse in agreement step `step`, in order: the scenario's parties, or the
/// participants present plus any other participant who endorsed something in this step
/// (so a count never says "6 of 5" when someone left the room), then the devices in the
/// room (and any removed one that endorsed).
pub fn eligible_endorsers(state: &SessionState, step: usize) -> Vec<Endorser> {
    let (Some(StepKind::Agreement(spec)), Some(StepState::Agreement(agreement))) = (
        state.scenario.steps.get(step).map(|s| &s.kind),
        state.steps.get(step),
    ) else {
        return Vec::new();
    };
    match spec.endorse_by {
        Endorsers::Parties => state
            .scenario
            .parties()
            .iter()
            .map(|p| Endorser::Party(p.id.clone()))
            .collect(),
        Endorsers::Participants => {
            let endorsing: BTreeSet<&Endorser> =
                agreement.endorsements.values().flatten().collect();
            state
                .participants
                .iter()
                .filter(|p| p.present || endorsing.contains(&Endorser::Participant(p.id)))
                .map(|p| Endorser::Participant(p.id))
                // Then the room's devices: those that can send, and any that endorsed.
                .chain(
                    state
                        .room
                        .devices
                        .values()
                        .filter(|d| !d.removed || endorsing.contains(&Endorser::Device(d.id)))
                        .map(|d| Endorser::Device(d.id)),
                )
                .collect()
        }
    }
}

/// How an item is endorsed: by whom (eligible endorsers, in their order) out of how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endorsement {
    /// The endorsers.
    pub by: Vec<Endorser>,
    /// How many could endorse.
    pub of: usize,
}

/// For whom the facilitator records "all present endorse" in agreement step `step`: every
/// party, or the participants present. Never a phone: a phone endorses for itself.
pub fn present_endorsers(state: &SessionState, step: usize) -> Vec<Endorser> {
    let parties = state.scenario.parties();
    eligible_endorsers(state, step)
        .into_iter()
        .filter(|e| e.device(parties).is_none())
        .filter(|e| match e.participant(parties) {
            Some(id) => state.participants.iter().any(|p| p.id == id && p.present),
            None => true,
        })
        .collect()
}

/// Who has not endorsed `item` yet of those who can ([`eligible_endorsers`]), in order.
pub fn not_endorsed(state: &SessionState, step: usize, item: &str) -> Vec<Endorser> {
    let e = endorsement(state, step, item);
    eligible_endorsers(state, step)
        .into_iter()
        .filter(|x| !e.by.contains(x))
        .collect()
}

/// The endorsement of `item` (`statement`, a principle id or a [`commitment_item`]) in
/// agreement step `step`.
pub fn endorsement(state: &SessionState, step: usize, item: &str) -> Endorsement {
    let eligible = eligible_endorsers(state, step);
    let endorsed = match state.steps.get(step) {
        Some(StepState::Agreement(a)) => a.endorsements.get(item),
        _ => None,
    };
    let by = eligible
        .iter()
        .filter(|id| endorsed.is_some_and(|set| set.contains(*id)))
        .cloned()
        .collect();
    Endorsement {
        by,
        of: eligible.len(),
    }
}

#[cfg(test)]
mod tests;
