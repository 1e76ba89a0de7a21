//! A session copy that is safe to share: every participant's name becomes "Deelnemer N"
//! (organisations and parties stay), in the participant list, in every event that carries
//! a participant, and wherever a name was typed into a text (cards, themes, notes,
//! commitments, the title). The copy is still a valid session that folds to the same shape.

use super::names::{Scrubber, numbered, participant_numbers};
use crate::core::state::{Participant, VoteTarget};
use crate::core::{Change, Lang, Session, StepKind};

/// The session with names replaced.
pub fn session(session: &Session, lang: Lang) -> Session {
    let scrub = Scrubber::for_session(session, lang);
    let numbers = participant_numbers(session);
    let person = |p: &Participant| Participant {
        name: p
            .name
            .as_ref()
            .map(|_| numbered(lang, numbers.get(&p.id).copied().unwrap_or(0))),
        organisation: scrub.text(&p.organisation).into_owned(),
        ..p.clone()
    };
    let text = |s: &String| scrub.text(s).into_owned();
    let mut out = session.clone();
    out.title = text(&session.title);
    if let Some(previous) = &mut out.previous {
        previous.title = text(&previous.title);
        // The previous meeting's file is named after its title, names and all.
        previous.file = scrub.file_name(&previous.file);
    }
    // A review step written by `new --from` carries the earlier meeting's names.
    let mut scenario = (*session.scenario).clone();
    for step in &mut scenario.steps {
        if let StepKind::Review(review) = &mut step.kind {
            review.from = review.from.as_ref().map(text);
            for a in &mut review.agreements {
                a.text = text(&a.text);
                for e in &mut a.endorsed_by {
                    *e = scrub.who(e).into_owned();
                }
            }
            for item in &mut review.items {
                item.what = text(&item.what);
                item.who = scrub.who(&item.who).into_owned();
                item.when = text(&item.when);
                item.since = item.since.as_ref().map(text);
                for owner in &mut item.owners {
                    *owner = scrub.who(owner).into_owned();
                }
            }
        }
        // A grid carried over from an earlier meeting names what stood on it then.
        if let StepKind::Grid(grid) = &mut step.kind {
            for place in &mut grid.previous {
                place.label = text(&place.label);
            }
            for item in &mut grid.start {
                item.label = crate::core::Text::new(text(&item.label.nl), text(&item.label.en));
            }
        }
    }
    if scenario != *session.scenario {
        out.scenario = std::sync::Arc::new(scenario);
    }
    out.participants = session.participants.iter().map(person).collect();
    for event in &mut out.events {
        event.change = change_copy(&event.change, &scrub, &person);
    }
    out
}

/// A change with every name in it replaced (a group: each change in it).
fn change_copy(
    change: &Change,
    scrub: &Scrubber,
    person: &dyn Fn(&Participant) -> Participant,
) -> Change {
    let text = |s: &String| scrub.text(s).into_owned();
    let theme = |t: &Option<String>| t.as_ref().map(text);
    let target = |t: &VoteTarget| match t {
        VoteTarget::Theme(name) => VoteTarget::Theme(text(name)),
        card => card.clone(),
    };
    match change {
        Change::ParticipantAdded { participant } => Change::ParticipantAdded {
            participant: person(participant),
        },
        Change::ParticipantEdited { participant } => Change::ParticipantEdited {
            participant: person(participant),
        },
        Change::CardAdded {
            step,
            lane,
            card,
            text: t,
            party,
            theme: th,
            position,
        } => Change::CardAdded {
            step: step.clone(),
            lane: lane.clone(),
            card: *card,
            text: text(t),
            party: party.clone(),
            theme: theme(th),
            position: *position,
        },
        Change::CardEdited {
            step,
            card,
            text: t,
        } => Change::CardEdited {
            step: step.clone(),
            card: *card,
            text: text(t),
        },
        Change::ThemeSet {
            step,
            cards,
            theme: th,
        } => Change::ThemeSet {
            step: step.clone(),
            cards: cards.clone(),
            theme: theme(th),
        },
        Change::DotAdded { step, target: t } => Change::DotAdded {
            step: step.clone(),
            target: target(t),
        },
        Change::DotRemoved { step, target: t } => Change::DotRemoved {
            step: step.clone(),
            target: target(t),
        },
        Change::CellNoted {
            step,
            row,
            column,
            note,
        } => Change::CellNoted {
            step: step.clone(),
            row: row.clone(),
            column: column.clone(),
            note: text(note),
        },
        Change::CommitmentAdded {
            step,
            commitment,
            position,
        } => Change::CommitmentAdded {
            step: step.clone(),
            commitment: commitment_copy(scrub, commitment),
            position: *position,
        },
        Change::CommitmentEdited { step, commitment } => Change::CommitmentEdited {
            step: step.clone(),
            commitment: commitment_copy(scrub, commitment),
        },
        // A phone's name goes (its number stays); what phones wrote is scrubbed.
        Change::DeviceJoined {
            device,
            party,
            secret,
            ..
        } => Change::DeviceJoined {
            device: *device,
            name: None,
            party: party.clone(),
            secret: secret.clone(),
        },
        Change::CardProposed {
            step,
            lane,
            proposal,
            text: t,
            party,
        } => Change::CardProposed {
            step: step.clone(),
            lane: lane.clone(),
            proposal: *proposal,
            text: text(t),
            party: party.clone(),
        },
        Change::CommitmentProposed {
            step,
            proposal,
            what,
            who,
            when,
        } => Change::CommitmentProposed {
            step: step.clone(),
            proposal: *proposal,
            what: text(what),
            who: scrub.who(who).into_owned(),
            when: text(when),
        },
        Change::ProposalAccepted {
            proposal,
            text: t,
            position,
        } => Change::ProposalAccepted {
            proposal: *proposal,
            text: t.as_ref().map(text),
            position: *position,
        },
        Change::GridNoted { step, item, note } => Change::GridNoted {
            step: step.clone(),
            item: item.clone(),
            note: text(note),
        },
        Change::GridItemAdded {
            step,
            item,
            label,
            party,
            position,
        } => Change::GridItemAdded {
            step: step.clone(),
            item: *item,
            label: text(label),
            party: party.clone(),
            position: *position,
        },
        Change::GridItemEdited { step, item, label } => Change::GridItemEdited {
            step: step.clone(),
            item: *item,
            label: text(label),
        },
        Change::ConsentSaid {
            step,
            phase,
            member,
            text: t,
        } => Change::ConsentSaid {
            step: step.clone(),
            phase: *phase,
            member: member.clone(),
            text: text(t),
        },
        Change::ConsentPositionSet {
            step,
            member,
            position,
        } => Change::ConsentPositionSet {
            step: step.clone(),
            member: member.clone(),
            position: position.as_ref().map(|p| crate::core::consent::Position {
                text: text(&p.text),
                ..p.clone()
            }),
        },
        Change::ConsentAmended {
            step,
            amendment,
            text: t,
            resolves,
        } => Change::ConsentAmended {
            step: step.clone(),
            amendment: *amendment,
            text: text(t),
            resolves: resolves.clone(),
        },
        Change::PollStatementAdded {
            step,
            id,
            text: t,
            position,
        } => Change::PollStatementAdded {
            step: step.clone(),
            id: id.clone(),
            text: text(t),
            position: *position,
        },
        // Spelled out, so that a new kind of change must be looked at here: could it
        // carry a name?
        other @ (Change::StepOpened { .. }
        | Change::CardDeleted { .. }
        | Change::CardMoved { .. }
        | Change::CardParked { .. }
        | Change::CardUnparked { .. }
        | Change::CardTagged { .. }
        | Change::ParticipantRemoved { .. }
        | Change::VotersSet { .. }
        | Change::VoteRevealed { .. }
        | Change::CellSet { .. }
        | Change::CommitmentRemoved { .. }
        | Change::EndorsementSet { .. }
        | Change::TimerStarted { .. }
        | Change::TimerPaused { .. }
        | Change::TimerSet { .. }
        | Change::ReviewMarked { .. }
        | Change::DeviceRemoved { .. }
        | Change::DeviceReadmitted { .. }
        | Change::ProposalsAccepted { .. }
        | Change::ProposalRejected { .. }
        | Change::ProposalReopened { .. }
        | Change::InboxSet { .. }
        | Change::GridPlaced { .. }
        | Change::GridItemRemoved { .. }
        | Change::ConsentPhaseSet { .. }
        | Change::ConsentAmendmentWithdrawn { .. }
        | Change::ConsentDecided { .. }
        | Change::PollAnswered { .. }
        | Change::PollCounted { .. }
        | Change::PollRevealed { .. }
        | Change::PollStatementRemoved { .. }
        | Change::Undo
        | Change::Redo) => other.clone(),
        Change::Group { changes } => Change::Group {
            changes: changes
                .iter()
                .map(|c| change_copy(c, scrub, person))
                .collect(),
        },
    }
}

fn commitment_copy(
    scrub: &Scrubber,
    c: &crate::core::state::Commitment,
) -> crate::core::state::Commitment {
    crate::core::state::Commitment {
        id: c.id,
        what: scrub.text(&c.what).into_owned(),
        who: scrub.who(&c.who).into_owned(),
        when: scrub.text(&c.when).into_owned(),
        // Owners name participants by id: the participants themselves are anonymized.
        owners: c.owners.clone(),
        due: c.due,
        from: c.from.clone(),
    }
}
