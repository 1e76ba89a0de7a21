//! What a phone asks for, and the change it makes. The room server reads a submission
//! from a request; the session loop turns it into its change with [`Submission::change`]
//! on the state it is about to record it on, and records it with the device's origin.

use super::device_endorser;
use crate::core::error::ReduceError;
use crate::core::event::Change;
use crate::core::scenario::{Endorsers, StepKind};
use crate::core::state::{SessionState, VoteTarget};

/// One submission from a phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submission {
    /// Join the room.
    Join {
        /// The name typed, if any.
        name: Option<String>,
        /// The party chosen, if any.
        party: Option<String>,
        /// SHA-256 (lowercase hex) of the phone's secret.
        secret: String,
    },
    /// A card for a lane of a board step.
    Card {
        /// Step id.
        step: String,
        /// Lane id.
        lane: String,
        /// The text.
        text: String,
    },
    /// A commitment proposal for an agreement step.
    Commitment {
        /// Step id.
        step: String,
        /// What will be done.
        what: String,
        /// Who does it.
        who: String,
        /// By when.
        when: String,
    },
    /// A dot placed or taken back.
    Dot {
        /// Step id.
        step: String,
        /// What the dot is on.
        target: VoteTarget,
        /// Placed (true) or taken back.
        placed: bool,
    },
    /// A position in a consent round, for the device itself or its party (whichever the
    /// round is held by); none takes it back.
    Position {
        /// Step id.
        step: String,
        /// The position.
        position: Option<crate::core::consent::Position>,
    },
    /// An answer to a poll's statement; none takes it back (not in a poll that keeps
    /// only counts).
    Answer {
        /// Step id.
        step: String,
        /// Statement id.
        statement: String,
        /// The answer.
        answer: Option<i32>,
        /// The key of this phone's ballot for this statement (made by the server from the
        /// phone's secret, which the file never holds): a poll that keeps only counts
        /// records the answer under this key instead of the phone's number.
        ballot: String,
    },
    /// An endorsement given or withdrawn, for the device itself or its party (whichever
    /// the step's agreement is endorsed by).
    Endorse {
        /// Step id.
        step: String,
        /// `statement` or a principle id.
        item: String,
        /// Given or withdrawn.
        endorsed: bool,
    },
}

impl Submission {
    /// The key to record this submission under when it must not name the phone (an answer
    /// to a poll that keeps only counts): its ballot.
    pub fn anonymous_key(&self, state: &SessionState) -> Option<&str> {
        match self {
            Submission::Answer { step, ballot, .. } => {
                let index = state.scenario.step_index(step)?;
                let spec = state.scenario.steps.get(index)?.kind.poll()?;
                spec.counts_only.then_some(ballot.as_str())
            }
            _ => None,
        }
    }

    /// The device that makes this submission and the change it makes in `state`. `device`
    /// is the sending device (none for a join: the phone gets the next free number). Fresh
    /// ids come from `state`, so record the change on that same state.
    pub fn change(
        &self,
        state: &SessionState,
        device: Option<u32>,
    ) -> Result<(u32, Change), ReduceError> {
        if let Submission::Join {
            name,
            party,
            secret,
        } = self
        {
            let id = state.room.next_device();
            return Ok((
                id,
                Change::DeviceJoined {
                    device: id,
                    name: name.clone(),
                    party: party.clone(),
                    secret: secret.clone(),
                },
            ));
        }
        let id = device.ok_or(ReduceError::NoDevice(0))?;
        let sender = state
            .room
            .devices
            .get(&id)
            .ok_or(ReduceError::NoDevice(id))?;
        let change = match self {
            Submission::Join { .. } => return Err(ReduceError::NotFromDevice),
            Submission::Card { step, lane, text } => {
                let index = state.step_index(step)?;
                let lane_party = match &state.scenario.steps[index].kind {
                    StepKind::Board(spec) => spec
                        .lanes
                        .iter()
                        .find(|l| &l.id == lane)
                        .ok_or_else(|| ReduceError::NoLane(lane.clone(), step.clone()))?
                        .party
                        .clone(),
                    _ => return Err(ReduceError::WrongKind(step.clone(), "board")),
                };
                Change::CardProposed {
                    step: step.clone(),
                    lane: lane.clone(),
                    proposal: state.next_id,
                    text: text.clone(),
                    party: sender.party.clone().or(lane_party),
                }
            }
            Submission::Commitment {
                step,
                what,
                who,
                when,
            } => Change::CommitmentProposed {
                step: step.clone(),
                proposal: state.next_id,
                what: what.clone(),
                who: who.clone(),
                when: when.clone(),
            },
            Submission::Dot {
                step,
                target,
                placed,
            } => {
                let (step, target) = (step.clone(), target.clone());
                if *placed {
                    Change::DotAdded { step, target }
                } else {
                    Change::DotRemoved { step, target }
                }
            }
            Submission::Position { step, position } => {
                let index = state.step_index(step)?;
                let member = match &state.scenario.steps[index].kind {
                    StepKind::Consent(spec) => match spec.by {
                        Endorsers::Participants => crate::core::Endorser::Device(id),
                        Endorsers::Parties => crate::core::Endorser::Party(
                            sender.party.clone().ok_or(ReduceError::NoPartyChosen)?,
                        ),
                    },
                    _ => return Err(ReduceError::WrongKind(step.clone(), "consent")),
                };
                Change::ConsentPositionSet {
                    step: step.clone(),
                    member,
                    position: position.clone(),
                }
            }
            Submission::Answer {
                step,
                statement,
                answer,
                ..
            } => {
                let index = state.step_index(step)?;
                let Some(spec) = state.scenario.steps[index].kind.poll() else {
                    return Err(ReduceError::WrongKind(step.clone(), "poll"));
                };
                if spec.counts_only {
                    let answer = answer.ok_or_else(|| ReduceError::CountsOnly(step.clone()))?;
                    return Ok((
                        crate::core::poll::ANONYMOUS_DEVICE,
                        Change::PollCounted {
                            step: step.clone(),
                            statement: statement.clone(),
                            answer,
                            added: true,
                        },
                    ));
                }
                Change::PollAnswered {
                    step: step.clone(),
                    statement: statement.clone(),
                    respondent: crate::core::Endorser::Device(id),
                    answer: *answer,
                }
            }
            Submission::Endorse {
                step,
                item,
                endorsed,
            } => {
                let index = state.step_index(step)?;
                let endorser = match &state.scenario.steps[index].kind {
                    StepKind::Agreement(spec) => match spec.endorse_by {
                        Endorsers::Participants => device_endorser(id),
                        Endorsers::Parties => crate::core::endorser::Endorser::Party(
                            sender.party.clone().ok_or(ReduceError::NoPartyChosen)?,
                        ),
                    },
                    _ => return Err(ReduceError::WrongKind(step.clone(), "agreement")),
                };
                Change::EndorsementSet {
                    step: step.clone(),
                    item: item.clone(),
                    endorser,
                    endorsed: *endorsed,
                }
            }
        };
        Ok((id, change))
    }
}
