//! One line per event, in words a room understands: what a replay shows as "the change
//! just applied" ("kaart toegevoegd: …", "ongedaan gemaakt: kaart verwijderd: …").

use super::endorser::Endorser;
use super::event::{Change, Event};
use super::replay::Target;
use super::scenario::StepKind;
use super::session::Session;
use super::state::{CardId, RowRef, SessionState, VoteTarget};
use super::text::Lang;

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
        (Change::Undo, Target::Event(j)) => format!(
            "{}: {}",
            lang.pick("ongedaan gemaakt", "undone"),
            d.change(&session.events[j].change)
        ),
        (Change::Redo, Target::Event(j)) => format!(
            "{}: {}",
            lang.pick("opnieuw gedaan", "redone"),
            d.change(&session.events[j].change)
        ),
        (change, _) => d.change(change),
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
        let in_state = self.state.steps.iter().find_map(|s| match s {
            super::state::StepState::Board(b) => b.card(card).map(|c| c.text.clone()),
            _ => None,
        });
        let text = in_state.or_else(|| {
            self.events.iter().rev().find_map(|e| match &e.change {
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

    fn endorser(&self, endorser: &Endorser) -> String {
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

    fn change(&self, change: &Change) -> String {
        let l = self.lang;
        match change {
            Change::StepOpened { step } => {
                format!("{}: {}", self.pick("naar", "to"), self.step_title(step))
            }
            Change::CardAdded { text, .. } => {
                format!(
                    "{}: {}",
                    l.pick("kaart toegevoegd", "card added"),
                    quote(text)
                )
            }
            Change::CardEdited { card, text, .. } => format!(
                "{}: {} → {}",
                l.pick("kaart gewijzigd", "card edited"),
                self.card(*card),
                quote(text)
            ),
            Change::CardDeleted { card, .. } => {
                format!(
                    "{}: {}",
                    l.pick("kaart verwijderd", "card deleted"),
                    self.card(*card)
                )
            }
            Change::CardMoved {
                step, card, lane, ..
            } => format!(
                "{}: {} → {}",
                l.pick("kaart verplaatst", "card moved"),
                self.card(*card),
                self.lane_title(step, lane)
            ),
            Change::CardTagged { card, party, .. } => match party {
                Some(p) => format!(
                    "{}: {} → {}",
                    l.pick("partij", "party"),
                    self.card(*card),
                    self.party(p)
                ),
                None => format!(
                    "{}: {}",
                    l.pick("partij weggehaald", "party removed"),
                    self.card(*card)
                ),
            },
            Change::ThemeSet { cards, theme, .. } => match theme {
                Some(t) => format!(
                    "{} {}: {} {}",
                    l.pick("thema", "theme"),
                    quote(t),
                    cards.len(),
                    l.pick("kaarten", "cards")
                ),
                None => format!(
                    "{}: {} {}",
                    l.pick("thema opgeheven", "theme removed"),
                    cards.len(),
                    l.pick("kaarten", "cards")
                ),
            },
            Change::ParticipantAdded { participant } => format!(
                "{}: {}",
                l.pick("deelnemer toegevoegd", "participant added"),
                participant
                    .name
                    .clone()
                    .unwrap_or(participant.organisation.clone())
            ),
            Change::ParticipantEdited { participant } => format!(
                "{}: {}",
                l.pick("deelnemer gewijzigd", "participant edited"),
                participant
                    .name
                    .clone()
                    .unwrap_or(participant.organisation.clone())
            ),
            Change::ParticipantRemoved { id } => format!(
                "{}: {}",
                l.pick("deelnemer verwijderd", "participant removed"),
                self.participant(*id)
            ),
            Change::VotersSet { voters, .. } => match voters {
                Some(n) => format!("{}: {n}", l.pick("aantal stemmers", "number of voters")),
                None => self.pick(
                    "aantal stemmers: de aanwezigen",
                    "number of voters: those present",
                ),
            },
            Change::DotAdded { target, .. } => {
                format!("{}: {}", l.pick("stip op", "dot on"), self.target(target))
            }
            Change::DotRemoved { target, .. } => format!(
                "{}: {}",
                l.pick("stip weggehaald van", "dot taken off"),
                self.target(target)
            ),
            Change::VoteRevealed { revealed, .. } => {
                if *revealed {
                    self.pick("uitslag getoond", "results shown")
                } else {
                    self.pick("uitslag verborgen", "results hidden")
                }
            }
            Change::CellSet {
                step,
                row,
                column,
                value,
            } => match value {
                Some(v) => format!("{} = {v}", self.cell(step, row, column)),
                None => format!(
                    "{}: {}",
                    l.pick("cel gewist", "cell cleared"),
                    self.cell(step, row, column)
                ),
            },
            Change::CellNoted {
                step, row, column, ..
            } => format!(
                "{}: {}",
                l.pick("notitie", "note"),
                self.cell(step, row, column)
            ),
            Change::CommitmentAdded { commitment, .. } => format!(
                "{}: {}",
                l.pick("afspraak toegevoegd", "commitment added"),
                quote(&commitment.what)
            ),
            Change::CommitmentEdited { commitment, .. } => format!(
                "{}: {}",
                l.pick("afspraak gewijzigd", "commitment edited"),
                quote(&commitment.what)
            ),
            Change::CommitmentRemoved { id, .. } => format!(
                "{}: {}",
                l.pick("afspraak verwijderd", "commitment removed"),
                self.commitment(*id)
            ),
            Change::EndorsementSet {
                endorser, endorsed, ..
            } => format!(
                "{}: {}",
                if *endorsed {
                    l.pick("onderschreven door", "endorsed by")
                } else {
                    l.pick("niet meer onderschreven door", "no longer endorsed by")
                },
                self.endorser(endorser)
            ),
            Change::TimerStarted { .. } => self.pick("timer gestart", "timer started"),
            Change::TimerPaused { .. } => self.pick("timer gepauzeerd", "timer paused"),
            Change::TimerSet { minutes, .. } => {
                format!("{}: {minutes} min", l.pick("timer gezet", "timer set"))
            }
            Change::ReviewMarked { step, item, status } => format!(
                "{}: {}",
                self.review_item(step, item),
                status.map_or(l.pick("niet besproken", "not discussed"), |s| s.label(l))
            ),
            Change::Undo => self.pick("ongedaan gemaakt", "undone"),
            // Redo, and kinds of change added later: still named, if plainly.
            _ => self.pick("wijziging", "change"),
        }
    }
}
