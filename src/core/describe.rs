//! One line per event, in words a room understands: what a replay shows as "the change
//! just applied" ("kaart toegevoegd: …", "ongedaan gemaakt: kaart verwijderd: …").

use super::endorser::Endorser;
use super::event::{Change, Event};
use super::replay::Target;
use super::scenario::StepKind;
use super::session::Session;
use super::state::{CardId, RowRef, SessionState, VoteTarget};
use super::text::Lang;

mod kinds;

/// Quoted texts are cut to this many characters.
const QUOTE_CHARS: usize = 48;

/// Describes event `index` of `session`; `before` is the state just before it, and
/// `target` what it acts on when it is an undo or redo ([`super::replay::Timeline::target`]).
pub fn describe(
    session: &Session,
    before: &SessionState,
    index: usize,
    target: Target,
    lang: Lang,
) -> String {
    let Some(event) = session.events.get(index) else {
        return String::new();
    };
    let d = Describer {
        events: &session.events[..index],
        state: before,
        lang,
    };
    match (&event.change, target) {
        (Change::Undo | Change::Redo, Target::Event(j)) => format!(
            "{}: {}",
            label(&event.change, lang),
            d.change(&session.events[j].change)
        ),
        // A phone's change ends with which phone (a join names the phone itself).
        (change @ Change::DeviceJoined { .. }, _) => d.change(change),
        (change, _) => match &event.origin {
            Some(origin) => format!("{} · {}", d.change(change), d.device(origin.device)),
            None => d.change(change),
        },
    }
}

struct Describer<'a> {
    /// The events before the one described, to find texts no longer in the state.
    events: &'a [Event],
    state: &'a SessionState,
    lang: Lang,
}

fn quote(text: &str) -> String {
    let mut cut: String = text.chars().take(QUOTE_CHARS).collect();
    if text.chars().count() > QUOTE_CHARS {
        cut.push('…');
    }
    format!("“{cut}”")
}

impl Describer<'_> {
    fn pick(&self, nl: &str, en: &str) -> String {
        self.lang.pick(nl, en).to_string()
    }

    /// A card's text: from the state, else from the log (a deleted card), else its id.
    fn card(&self, card: CardId) -> String {
        let in_state = self.state.any_card(card).map(|c| c.text.clone());
        let text = in_state.or_else(|| {
            self.events
                .iter()
                .rev()
                .flat_map(|e| e.change.each())
                .find_map(|c| match c {
                    Change::CardAdded { card: c, text, .. }
                    | Change::CardEdited { card: c, text, .. }
                        if *c == card =>
                    {
                        Some(text.clone())
                    }
                    _ => None,
                })
        });
        match text {
            Some(t) => quote(&t),
            None => format!("#{card}"),
        }
    }

    fn step_title(&self, step: &str) -> String {
        let scenario = &self.state.scenario;
        scenario
            .step_index(step)
            .map(|i| scenario.steps[i].title.get(self.lang).to_string())
            .unwrap_or_else(|| step.to_string())
    }

    fn lane_title(&self, step: &str, lane: &str) -> String {
        let scenario = &self.state.scenario;
        scenario
            .step_index(step)
            .and_then(|i| match &scenario.steps[i].kind {
                StepKind::Board(b) => b.lanes.iter().find(|l| l.id == lane),
                _ => None,
            })
            .map(|l| l.title.get(self.lang).to_string())
            .unwrap_or_else(|| lane.to_string())
    }

    fn party(&self, party: &str) -> String {
        self.state
            .scenario
            .parties()
            .iter()
            .find(|p| p.id == party)
            .map(|p| p.name.get(self.lang).to_string())
            .unwrap_or_else(|| party.to_string())
    }

    fn cell(&self, step: &str, row: &RowRef, column: &str) -> String {
        let scenario = &self.state.scenario;
        let spec = scenario
            .step_index(step)
            .and_then(|i| match &scenario.steps[i].kind {
                StepKind::Matrix(m) => Some(m),
                _ => None,
            });
        let row = match row {
            RowRef::Row(id) => spec
                .and_then(|m| m.rows.iter().find(|r| &r.id == id))
                .map(|r| r.label.get(self.lang).to_string())
                .unwrap_or_else(|| id.clone()),
            RowRef::Card(card) => self.card(*card),
        };
        let column = spec
            .and_then(|m| m.columns.iter().find(|c| c.id == column))
            .map(|c| c.label.get(self.lang).to_string())
            .unwrap_or_else(|| column.to_string());
        format!("{row} × {column}")
    }

    fn review_item(&self, step: &str, item: &str) -> String {
        let scenario = &self.state.scenario;
        scenario
            .step_index(step)
            .and_then(|i| match &scenario.steps[i].kind {
                StepKind::Review(r) => r.items.iter().find(|x| x.id == item),
                _ => None,
            })
            .map(|x| quote(&x.what))
            .unwrap_or_else(|| item.to_string())
    }

    fn commitment(&self, id: u32) -> String {
        let in_state = self.state.steps.iter().find_map(|s| match s {
            super::state::StepState::Agreement(a) => a
                .commitments
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.what.clone()),
            _ => None,
        });
        in_state
            .map(|t| quote(&t))
            .unwrap_or_else(|| format!("#{id}"))
    }

    fn participant(&self, id: u32) -> String {
        self.state
            .participants
            .iter()
            .find(|p| p.id == id)
            .map(|p| match &p.name {
                Some(n) => n.clone(),
                None => p.organisation.clone(),
            })
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// A device by its name or number ("Telefoon 3").
    fn device(&self, id: u32) -> String {
        match self.state.room.devices.get(&id) {
            Some(d) => super::room::device_label(d, self.lang),
            None => format!("{} {id}", self.lang.pick("Telefoon", "Phone")),
        }
    }

    /// A proposal by its text.
    fn proposal(&self, id: u32) -> String {
        self.state
            .room
            .proposals
            .get(&id)
            .map(|p| quote(p.content.text()))
            .unwrap_or_else(|| format!("#{id}"))
    }

    fn endorser(&self, endorser: &Endorser) -> String {
        if let Some(d) = endorser.device(self.state.scenario.parties()) {
            return self.device(d);
        }
        match endorser.participant(self.state.scenario.parties()) {
            Some(id) => self.participant(id),
            None => self.party(&endorser.key()),
        }
    }

    fn target(&self, target: &VoteTarget) -> String {
        match target {
            VoteTarget::Card(card) => self.card(*card),
            VoteTarget::Theme(theme) => quote(theme),
        }
    }

    /// The change in words: what kind of change it is ([`label`]), then what it is about.
    fn change(&self, change: &Change) -> String {
        let label = label(change, self.lang);
        let l = self.lang;
        if kinds::label_only(change) {
            return label.to_string();
        }
        if let Some(detail) = self.exercise(change) {
            return format!("{label}: {detail}");
        }
        let detail = match change {
            Change::StepOpened { step } => self.step_title(step),
            Change::CardAdded { text, .. } => quote(text),
            Change::CardEdited { card, text, .. } => {
                format!("{} → {}", self.card(*card), quote(text))
            }
            Change::CardDeleted { card, .. }
            | Change::CardParked { card, .. }
            | Change::CardUnparked { card, .. } => self.card(*card),
            Change::CardMoved {
                step, card, lane, ..
            } => format!("{} → {}", self.card(*card), self.lane_title(step, lane)),
            Change::CardTagged { card, party, .. } => format!(
                "{} → {}",
                self.card(*card),
                party
                    .as_ref()
                    .map_or_else(|| self.pick("geen", "none"), |p| self.party(p))
            ),
            Change::ThemeSet { cards, theme, .. } => {
                let cards = format!("{} {}", cards.len(), l.pick("kaarten", "cards"));
                match theme {
                    Some(t) => format!("{} · {cards}", quote(t)),
                    None => format!("{} · {cards}", self.pick("geen", "none")),
                }
            }
            Change::ParticipantAdded { participant }
            | Change::ParticipantEdited { participant } => participant
                .name
                .clone()
                .unwrap_or(participant.organisation.clone()),
            Change::ParticipantRemoved { id } => self.participant(*id),
            Change::VotersSet { voters, .. } => match voters {
                Some(n) => n.to_string(),
                None => self.pick("de aanwezigen", "those present"),
            },
            Change::DotAdded { target, .. } | Change::DotRemoved { target, .. } => {
                self.target(target)
            }
            Change::CellSet {
                step,
                row,
                column,
                value,
            } => match value {
                Some(v) => format!("{} = {v}", self.cell(step, row, column)),
                None => self.cell(step, row, column),
            },
            Change::CellNoted {
                step, row, column, ..
            } => self.cell(step, row, column),
            Change::CommitmentAdded { commitment, .. }
            | Change::CommitmentEdited { commitment, .. } => quote(&commitment.what),
            Change::CommitmentRemoved { id, .. } => self.commitment(*id),
            Change::EndorsementSet { endorser, .. } => self.endorser(endorser),
            Change::TimerSet { minutes, .. } => format!("{minutes} min"),
            Change::ReviewMarked { step, item, status } => format!(
                "{} → {}",
                self.review_item(step, item),
                status.map_or(l.pick("niet besproken", "not discussed"), |s| s.label(l))
            ),
            Change::DeviceJoined { device, name, .. } => {
                name.clone().unwrap_or_else(|| self.device(*device))
            }
            Change::DeviceRemoved { device } | Change::DeviceReadmitted { device } => {
                self.device(*device)
            }
            Change::CardProposed { text, .. } => quote(text),
            Change::CommitmentProposed { what, .. } => quote(what),
            Change::ProposalAccepted { proposal, text, .. } => match text {
                Some(t) => format!("{} → {}", self.proposal(*proposal), quote(t)),
                None => self.proposal(*proposal),
            },
            Change::ProposalsAccepted { proposals } => proposals.len().to_string(),
            Change::ProposalRejected { proposal } | Change::ProposalReopened { proposal } => {
                self.proposal(*proposal)
            }
            Change::InboxSet { step, on } => {
                let what = match (on, step) {
                    (Some(false), _) => l.pick(
                        "uit (kaarten verschijnen meteen)",
                        "off (cards appear at once)",
                    ),
                    (None, Some(_)) => l.pick("zoals de sessie", "as the session"),
                    _ => l.pick("aan", "on"),
                };
                match step {
                    Some(s) => format!("{} · {what}", self.step_title(s)),
                    None => what.to_string(),
                }
            }
            // The first change's detail, then every other change: its detail alone when it
            // is of the same kind ("onderschreven: Anna, Bert"), else in full.
            Change::Group { changes } => {
                let parts: Vec<String> = changes
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let said = self.change(c);
                        let own = super::describe::label(c, l);
                        if i == 0 || own == label {
                            said.strip_prefix(own)
                                .and_then(|d| d.strip_prefix(": "))
                                .unwrap_or_default()
                                .to_string()
                        } else {
                            said
                        }
                    })
                    .filter(|p| !p.is_empty())
                    .collect();
                if parts.is_empty() {
                    return label.to_string();
                }
                parts.join(", ")
            }
            Change::VoteRevealed { .. }
            | Change::TimerStarted { .. }
            | Change::TimerPaused { .. }
            | Change::Undo
            | Change::Redo => return label.to_string(),
            // Grid, consent and poll changes are described by `exercise` above.
            _ => return label.to_string(),
        };
        format!("{label}: {detail}")
    }
}

/// What kind of change this is, in a few words ("kaart toegevoegd"): the start of every
/// description in a replay, and all that the undo notice says of what it undid.
pub fn label(change: &Change, lang: Lang) -> &'static str {
    if let Some((nl, en)) = kinds::label(change) {
        return lang.pick(nl, en);
    }
    let (nl, en) = match change {
        Change::StepOpened { .. } => ("naar", "to"),
        Change::CardAdded { .. } => ("kaart toegevoegd", "card added"),
        Change::CardEdited { .. } => ("kaart bewerkt", "card edited"),
        Change::CardDeleted { .. } => ("kaart verwijderd", "card deleted"),
        Change::CardMoved { .. } => ("kaart verplaatst", "card moved"),
        Change::CardTagged { .. } => ("partij van kaart", "party of a card"),
        Change::ThemeSet { .. } => ("thema", "theme"),
        Change::ParticipantAdded { .. } => ("deelnemer toegevoegd", "participant added"),
        Change::ParticipantEdited { .. } => ("deelnemer bewerkt", "participant edited"),
        Change::ParticipantRemoved { .. } => ("deelnemer verwijderd", "participant removed"),
        Change::VotersSet { .. } => ("aantal stemmers", "number of voters"),
        Change::DotAdded { .. } => ("stip gezet", "dot added"),
        Change::DotRemoved { .. } => ("stip weggehaald", "dot removed"),
        Change::VoteRevealed { revealed: true, .. } => ("uitslag getoond", "results shown"),
        Change::VoteRevealed {
            revealed: false, ..
        } => ("uitslag verborgen", "results hidden"),
        Change::CellSet { value: Some(_), .. } => ("waarde in de matrix", "matrix value"),
        Change::CellSet { value: None, .. } => ("cel gewist", "cell cleared"),
        Change::CellNoted { .. } => ("notitie in de matrix", "matrix note"),
        Change::CommitmentAdded { .. } => ("afspraak toegevoegd", "commitment added"),
        Change::CommitmentEdited { .. } => ("afspraak bewerkt", "commitment edited"),
        Change::CommitmentRemoved { .. } => ("afspraak verwijderd", "commitment removed"),
        Change::EndorsementSet { endorsed: true, .. } => ("onderschreven", "endorsed"),
        Change::EndorsementSet {
            endorsed: false, ..
        } => ("onderschrijving ingetrokken", "endorsement withdrawn"),
        Change::TimerStarted { .. } => ("timer gestart", "timer started"),
        Change::TimerPaused { .. } => ("timer gepauzeerd", "timer paused"),
        Change::TimerSet { .. } => ("timer gezet", "timer set"),
        Change::ReviewMarked { .. } => ("afspraak gemarkeerd", "commitment marked"),
        Change::DeviceJoined { .. } => ("telefoon doet mee", "phone joined"),
        Change::DeviceRemoved { .. } => (
            "telefoon uit de zaal gehaald",
            "phone removed from the room",
        ),
        Change::DeviceReadmitted { .. } => ("telefoon weer toegelaten", "phone let back in"),
        Change::CardProposed { .. } => ("kaart voorgesteld", "card proposed"),
        Change::CommitmentProposed { .. } => ("afspraak voorgesteld", "commitment proposed"),
        Change::ProposalAccepted { text: Some(_), .. } => (
            "voorstel bewerkt en overgenomen",
            "proposal edited and accepted",
        ),
        Change::ProposalAccepted { text: None, .. } => {
            ("voorstel overgenomen", "proposal accepted")
        }
        Change::ProposalsAccepted { .. } => ("voorstellen overgenomen", "proposals accepted"),
        Change::ProposalRejected { .. } => ("voorstel afgewezen", "proposal rejected"),
        Change::ProposalReopened { .. } => {
            ("voorstel terug in de inbox", "proposal back in the inbox")
        }
        Change::InboxSet { .. } => ("inbox", "inbox"),
        Change::CardParked { .. } => ("naar de parkeerplaats", "to the parking lot"),
        Change::CardUnparked { .. } => ("terug van de parkeerplaats", "back from the parking lot"),
        Change::Undo => ("ongedaan gemaakt", "undone"),
        Change::Redo => ("opnieuw gedaan", "redone"),
        // A group is named by its first change.
        Change::Group { changes } => {
            return changes
                .first()
                .map_or(lang.pick("groep", "group"), |c| label(c, lang));
        }
        // Named by `kinds::label` above.
        _ => ("wijziging", "change"),
    };
    lang.pick(nl, en)
}

/// The [`label`] of the change that `inverse` reverts (what the undo history holds is the
/// inverse: undoing an added card deletes it, and the notice says "kaart toegevoegd").
pub fn label_undone(inverse: &Change, lang: Lang) -> &'static str {
    if let Some((nl, en)) = kinds::label_undone(inverse) {
        return lang.pick(nl, en);
    }
    let (nl, en) = match inverse {
        Change::CardDeleted { .. } => ("kaart toegevoegd", "card added"),
        Change::CardAdded { .. } => ("kaart verwijderd", "card deleted"),
        Change::ParticipantRemoved { .. } => ("deelnemer toegevoegd", "participant added"),
        Change::ParticipantAdded { .. } => ("deelnemer verwijderd", "participant removed"),
        Change::DotRemoved { .. } => ("stip gezet", "dot added"),
        Change::DotAdded { .. } => ("stip weggehaald", "dot removed"),
        Change::CommitmentRemoved { .. } => ("afspraak toegevoegd", "commitment added"),
        Change::CommitmentAdded { .. } => ("afspraak verwijderd", "commitment removed"),
        // The inverse shows the state before: the change did the opposite.
        Change::VoteRevealed { revealed, .. }
        | Change::EndorsementSet {
            endorsed: revealed, ..
        } => {
            let mut original = inverse.clone();
            if let Change::VoteRevealed { revealed: r, .. }
            | Change::EndorsementSet { endorsed: r, .. } = &mut original
            {
                *r = !*revealed;
            }
            return label(&original, lang);
        }
        Change::DeviceReadmitted { .. } => (
            "telefoon uit de zaal gehaald",
            "phone removed from the room",
        ),
        Change::DeviceRemoved { .. } => ("telefoon weer toegelaten", "phone let back in"),
        // Undoing an accept or a reject puts the proposal back: either was decided.
        Change::ProposalReopened { .. } => ("voorstel beoordeeld", "proposal decided"),
        Change::ProposalAccepted { .. } | Change::ProposalRejected { .. } => {
            ("voorstel terug in de inbox", "proposal back in the inbox")
        }
        Change::CardUnparked { .. } => ("naar de parkeerplaats", "to the parking lot"),
        Change::CardParked { .. } => ("terug van de parkeerplaats", "back from the parking lot"),
        // The value before may have been none: name the kind, not the direction.
        Change::CellSet { .. } => ("waarde in de matrix", "matrix value"),
        other => return label(other, lang),
    };
    lang.pick(nl, en)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::replay::Timeline;

    /// The undo notice says the label; a replay says the label and then the detail.
    #[test]
    fn every_description_starts_with_the_words_of_the_undo_notice() {
        let scenario: crate::core::Scenario =
            serde_json::from_str(include_str!("../../scenarios/zwolse-komedie.json"))
                .expect("built-in scenario");
        let session = crate::core::generate::session(scenario, 400, 3);
        let timeline = Timeline::new(&session);
        let mut state = session.initial_state();
        for (i, event) in session.events.iter().enumerate() {
            for lang in [Lang::Nl, Lang::En] {
                let said = describe(&session, &state, i, timeline.target(i), lang);
                assert!(
                    said.starts_with(label(&event.change, lang)),
                    "{said:?} for {:?}",
                    event.change
                );
            }
            state.apply(event).expect("the generated log folds");
        }
    }

    #[test]
    fn an_undone_change_is_named_as_it_was_made() {
        let reveal = Change::VoteRevealed {
            step: "v".into(),
            revealed: false,
        };
        // Undoing "results shown" applies "results hidden".
        assert_eq!(label_undone(&reveal, Lang::En), "results shown");
        let added = Change::CardDeleted {
            step: "b".into(),
            card: 1,
        };
        assert_eq!(label_undone(&added, Lang::Nl), "kaart toegevoegd");
    }
}
