//! Undo and redo on every step kind: an undo is itself an event in the log (so replay shows
//! it), and a short, calm notice says what was undone.

use jiff::Timestamp;

use super::workspace::Workspace;
use crate::core::{Change, Lang};

/// What a change did, in a few words ("kaart toegevoegd").
pub fn describe(change: &Change, lang: Lang) -> &'static str {
    let (nl, en) = match change {
        Change::CardAdded { .. } => ("kaart toegevoegd", "card added"),
        Change::CardDeleted { .. } => ("kaart verwijderd", "card deleted"),
        Change::CardEdited { .. } => ("kaart bewerkt", "card edited"),
        Change::CardMoved { .. } => ("kaart verplaatst", "card moved"),
        Change::CardTagged { .. } => ("partij van kaart", "party of a card"),
        Change::ThemeSet { .. } => ("thema", "theme"),
        Change::ParticipantAdded { .. } => ("deelnemer toegevoegd", "participant added"),
        Change::ParticipantEdited { .. } => ("deelnemer bewerkt", "participant edited"),
        Change::ParticipantRemoved { .. } => ("deelnemer verwijderd", "participant removed"),
        Change::VotersSet { .. } => ("aantal stemmers", "number of voters"),
        Change::DotAdded { .. } => ("stip gezet", "dot added"),
        Change::DotRemoved { .. } => ("stip weggehaald", "dot removed"),
        Change::VoteRevealed { .. } => ("uitslag tonen", "showing results"),
        Change::CellSet { .. } => ("waarde in de matrix", "matrix value"),
        Change::CellNoted { .. } => ("notitie in de matrix", "matrix note"),
        Change::CommitmentAdded { .. } => ("afspraak toegevoegd", "commitment added"),
        Change::CommitmentEdited { .. } => ("afspraak bewerkt", "commitment edited"),
        Change::CommitmentRemoved { .. } => ("afspraak verwijderd", "commitment removed"),
        Change::EndorsementSet { .. } => ("onderschrijving", "endorsement"),
        Change::ReviewMarked { .. } => ("actie gemarkeerd", "action marked"),
        Change::StepOpened { .. }
        | Change::TimerStarted { .. }
        | Change::TimerPaused { .. }
        | Change::TimerSet { .. }
        | Change::Undo
        | Change::Redo => ("wijziging", "change"),
    };
    lang.pick(nl, en)
}

/// What the change was that `inverse` reverts, in a few words.
fn describe_undone(inverse: &Change, lang: Lang) -> &'static str {
    let (nl, en) = match inverse {
        Change::CardDeleted { .. } => ("kaart toegevoegd", "card added"),
        Change::CardAdded { .. } => ("kaart verwijderd", "card deleted"),
        Change::ParticipantRemoved { .. } => ("deelnemer toegevoegd", "participant added"),
        Change::ParticipantAdded { .. } => ("deelnemer verwijderd", "participant removed"),
        Change::DotRemoved { .. } => ("stip gezet", "dot added"),
        Change::DotAdded { .. } => ("stip weggehaald", "dot removed"),
        Change::CommitmentRemoved { .. } => ("afspraak toegevoegd", "commitment added"),
        Change::CommitmentAdded { .. } => ("afspraak verwijderd", "commitment removed"),
        other => return describe(other, lang),
    };
    lang.pick(nl, en)
}

/// The step a change is about, if it names one.
fn step_of(change: &Change) -> Option<&str> {
    match change {
        Change::StepOpened { step }
        | Change::CardAdded { step, .. }
        | Change::CardEdited { step, .. }
        | Change::CardDeleted { step, .. }
        | Change::CardMoved { step, .. }
        | Change::CardTagged { step, .. }
        | Change::ThemeSet { step, .. }
        | Change::VotersSet { step, .. }
        | Change::DotAdded { step, .. }
        | Change::DotRemoved { step, .. }
        | Change::VoteRevealed { step, .. }
        | Change::CellSet { step, .. }
        | Change::CellNoted { step, .. }
        | Change::CommitmentAdded { step, .. }
        | Change::CommitmentEdited { step, .. }
        | Change::CommitmentRemoved { step, .. }
        | Change::EndorsementSet { step, .. }
        | Change::ReviewMarked { step, .. }
        | Change::TimerStarted { step }
        | Change::TimerPaused { step }
        | Change::TimerSet { step, .. } => Some(step),
        Change::ParticipantAdded { .. }
        | Change::ParticipantEdited { .. }
        | Change::ParticipantRemoved { .. }
        | Change::Undo
        | Change::Redo => None,
    }
}

/// The card a change is about, if it is about one.
fn card_of(change: &Change) -> Option<u32> {
    match change {
        Change::CardAdded { card, .. }
        | Change::CardEdited { card, .. }
        | Change::CardMoved { card, .. }
        | Change::CardTagged { card, .. } => Some(*card),
        Change::ThemeSet { cards, .. } => cards.first().copied(),
        _ => None,
    }
}

/// Undoes (or, with `redo`, redoes) the last change, on whatever step it was made, and
/// says so in the status line. Nothing to undo is said calmly too.
pub fn undo(ws: &mut Workspace, redo: bool, now: Timestamp, lang: Lang) {
    let state = &ws.live.state;
    let next = if redo {
        state.next_redo()
    } else {
        state.next_undo()
    };
    let Some(first) = next.and_then(|c| c.first()).cloned() else {
        ws.info = Some(
            if redo {
                lang.pick("niets om opnieuw te doen", "nothing to redo")
            } else {
                lang.pick("niets om ongedaan te maken", "nothing to undo")
            }
            .to_string(),
        );
        return;
    };
    let what = if redo {
        describe(&first, lang)
    } else {
        describe_undone(&first, lang)
    };
    let scenario = state.scenario.clone();
    let current = state.current;
    let change = if redo { Change::Redo } else { Change::Undo };
    if !ws.record(change, now, lang) {
        return;
    }
    let verb = if redo {
        lang.pick("opnieuw gedaan", "redone")
    } else {
        lang.pick("ongedaan gemaakt", "undone")
    };
    // "(Akte 1)": short, so the notice fits the status line at 80 columns.
    let word = scenario
        .step_name
        .as_ref()
        .map(|t| super::text::clean(t.get(lang)).into_owned())
        .unwrap_or_else(|| lang.pick("Stap", "Step").to_string());
    let elsewhere = step_of(&first)
        .and_then(|id| scenario.step_index(id))
        .filter(|i| *i != current)
        .map(|i| match super::view::step_number(&scenario, i) {
            Some(n) => format!(" ({word} {n})"),
            None => format!(" ({})", lang.pick("Terugblik", "Review")),
        })
        .unwrap_or_default();
    ws.info = Some(format!("{verb}: {what}{elsewhere}"));
    if let Some(card) = card_of(&first) {
        super::board::focus_card(ws, card);
    }
}
