//! What a form is for, and what it makes once every field is answered: always decided by
//! the purpose, never by the kind of step on screen.

use super::Form;
use crate::core::commitment;
use crate::core::state::{CardId, Commitment, Participant, RowRef};
use crate::core::{Change, SessionState, StepState, matrix};
use crate::tui::room::RoomAsk;
use crate::tui::session::view::Status;
use crate::tui::steps::Reaction;

/// What the form makes when it is complete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// A new card at the end of a lane of the board on screen.
    NewCard {
        /// Lane index.
        lane: usize,
    },
    /// The text of an existing card.
    Card(CardId),
    /// The name of a theme for these cards.
    Theme(Vec<CardId>),
    /// The note on a cell of the matrix on screen (an empty note removes it).
    CellNote {
        /// The row.
        row: RowRef,
        /// The column id.
        column: String,
    },
    /// A participant (name, organisation, party), present.
    NewParticipant,
    /// Changes to a participant (presence is kept).
    EditParticipant(Participant),
    /// A commitment (what, who, when) in the agreement on screen.
    NewCommitment,
    /// Changes to a commitment.
    EditCommitment(u32),
    /// What a commitment comes from (`l`).
    CommitmentSource(u32),
    /// An offered card that becomes a commitment (`o`).
    FromOffered,
    /// The number of voters of the vote on screen.
    Voters,
    /// The minutes of the time box on screen; `start` starts it once set.
    Minutes {
        /// Start the timer after setting it.
        start: bool,
    },
    /// The title of a session about to start (the home screen starts it itself).
    SessionTitle,
    /// A phone's proposal from the inbox, its text edited, then accepted.
    AcceptProposal(u32),
    /// The address the room listens on, from the laptop's addresses.
    RoomAddress,
    /// A form of a kind of step, which makes its change with the module's own function.
    Step(StepForm),
}

impl Purpose {
    /// Whether only the facilitator may see this form (never the room's screen): a phone's
    /// proposal is the inbox's, the laptop's addresses are the facilitator's choice.
    pub fn facilitator_only(&self) -> bool {
        matches!(self, Purpose::AcceptProposal(_) | Purpose::RoomAddress)
    }

    /// Whether what is typed here becomes the room's content on the step on screen, so that
    /// a beamer may show it as it is typed (when the facilitator lets it): a card, a theme's
    /// name, a commitment (what, who and when: the agreement shows all three to the room,
    /// and the room makes it aloud), a poll's statement, a grid's item and its name. Never
    /// a phone's proposal (the inbox stays anonymous until accepted), a note (a cell's, an
    /// item's), a participant (names), a number, an address, the position or concern of
    /// one member of a consent round.
    pub fn room_content(&self) -> bool {
        match self {
            Purpose::NewCard { .. }
            | Purpose::Card(_)
            | Purpose::Theme(_)
            | Purpose::NewCommitment
            | Purpose::EditCommitment(_) => true,
            Purpose::Step(form) => matches!(form.name, "poll-add" | "grid-add" | "grid-rename"),
            _ => false,
        }
    }
}

/// A form a step module owns: what it makes is decided by the module's `finish`, so a new
/// kind of step needs no purpose of its own here.
#[derive(Clone)]
pub struct StepForm {
    /// What it is for ("grid-note"), to tell forms apart.
    pub name: &'static str,
    /// What it is about: ids the module reads back in `finish`.
    pub about: Vec<String>,
    /// Makes the reaction from the answers.
    pub finish: fn(&Form, &[String], &SessionState) -> Option<Reaction>,
}

impl StepForm {
    /// A form `name` about `about`, finished by `finish`.
    pub fn new(
        name: &'static str,
        about: Vec<String>,
        finish: fn(&Form, &[String], &SessionState) -> Option<Reaction>,
    ) -> StepForm {
        StepForm {
            name,
            about,
            finish,
        }
    }
}

impl PartialEq for StepForm {
    fn eq(&self, other: &StepForm) -> bool {
        self.name == other.name && self.about == other.about
    }
}

impl Eq for StepForm {}

impl std::fmt::Debug for StepForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StepForm")
            .field("name", &self.name)
            .field("about", &self.about)
            .finish()
    }
}

/// What a complete form makes.
pub(super) fn finish(
    form: &Form,
    state: &SessionState,
    meeting: Option<(jiff::civil::Date, crate::core::Lang)>,
) -> Option<Reaction> {
    let step = state.current_step();
    let step_id = step.map(|s| s.id.clone()).unwrap_or_default();
    let next_id = state.next_id;
    let text = form.text_of(0);
    let name = Some(text.clone()).filter(|n| !n.is_empty());
    let change = match form.purpose.clone() {
        Purpose::Step(own) => return (own.finish)(form, &own.about, state),
        Purpose::NewCard { lane } => {
            let lane = step?.kind.board()?.lanes.get(lane)?;
            Change::CardAdded {
                step: step_id,
                lane: lane.id.clone(),
                card: next_id,
                text,
                party: lane.party.clone(),
                theme: None,
                position: None,
            }
        }
        Purpose::Card(card) => Change::CardEdited {
            step: step_id,
            card,
            text,
        },
        Purpose::Theme(cards) => Change::ThemeSet {
            step: step_id,
            cards,
            theme: Some(text),
        },
        Purpose::CellNote { row, column } => {
            let unchanged = match state.steps.get(state.current) {
                Some(StepState::Matrix(cells)) => matrix::note(cells, &row, &column) == text,
                _ => false,
            };
            if unchanged {
                return None;
            }
            Change::CellNoted {
                step: step_id,
                row,
                column,
                note: text,
            }
        }
        Purpose::NewParticipant => Change::ParticipantAdded {
            participant: Participant {
                id: next_id,
                name,
                organisation: form.text_of(1),
                party: form.choice(2),
                present: true,
            },
        },
        Purpose::EditParticipant(old) => Change::ParticipantEdited {
            participant: Participant {
                name,
                organisation: form.text_of(1),
                party: form.choice(2),
                ..old
            },
        },
        Purpose::NewCommitment | Purpose::EditCommitment(_) => {
            let (owners, who) = commitment::owners_from_text(state, &form.text_of(1));
            let (today, lang) = meeting.unwrap_or((jiff::civil::Date::ZERO, state.lang));
            let (due, when) = match commitment::when_from_text(&form.text_of(2), today) {
                Ok(when) => when,
                // A date that cannot be: said, and nothing saved.
                Err(e) => return Some(Reaction::Say(Status::problem(e.message(lang)))),
            };
            let mut c = Commitment {
                id: next_id,
                what: text,
                who,
                when,
                owners,
                due,
                from: None,
            };
            match form.purpose {
                Purpose::EditCommitment(id) => {
                    // The link stays: editing the text does not change where it came from.
                    c.id = id;
                    c.from = current_commitment(state, id).and_then(|old| old.from.clone());
                    Change::CommitmentEdited {
                        step: step_id,
                        commitment: c,
                    }
                }
                _ => Change::CommitmentAdded {
                    step: step_id,
                    commitment: c,
                    position: None,
                },
            }
        }
        Purpose::CommitmentSource(id) => {
            let mut c = current_commitment(state, id)?.clone();
            c.from = form
                .choice(0)
                .as_deref()
                .and_then(crate::tui::steps::agreement::parse_source);
            Change::CommitmentEdited {
                step: step_id,
                commitment: c,
            }
        }
        Purpose::FromOffered => {
            let card = form.choice(0)?.parse().ok()?;
            match state.action_from_card(card, next_id) {
                Ok(change) => change,
                Err(e) => return Some(Reaction::Say(Status::problem(e.message(state.lang)))),
            }
        }
        Purpose::Voters => Change::VotersSet {
            step: step_id,
            voters: text.parse::<u32>().ok(),
        },
        Purpose::SessionTitle => return None,
        Purpose::Minutes { start } => {
            let minutes = text.parse::<u32>().ok()?;
            let running = state
                .timers
                .get(state.current)
                .is_some_and(|t| t.is_running());
            let mut changes = vec![Change::TimerSet {
                step: step_id.clone(),
                minutes,
            }];
            if start && !running {
                changes.push(Change::TimerStarted { step: step_id });
            }
            return Some(Reaction::Record(changes));
        }
        Purpose::AcceptProposal(proposal) => {
            let sent = state.room.proposals.get(&proposal)?.content.text();
            Change::ProposalAccepted {
                proposal,
                text: (text != sent).then_some(text),
                position: None,
            }
        }
        Purpose::RoomAddress => {
            let ip = form.choice(0)?.parse().ok()?;
            return Some(Reaction::Room(RoomAsk::OpenAt(ip)));
        }
    };
    Some(Reaction::record(change))
}

/// The commitment with this id in the agreement on screen.
fn current_commitment(state: &SessionState, id: u32) -> Option<&Commitment> {
    match state.steps.get(state.current) {
        Some(StepState::Agreement(a)) => a.commitments.iter().find(|c| c.id == id),
        _ => None,
    }
}
