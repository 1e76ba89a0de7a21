//! Errors of the core: an event that does not fit the state, and problems in a scenario.

use thiserror::Error;

use super::commitment::Source;
use super::state::CardId;
use super::text::Lang;

/// Why an event cannot be applied to the state. Nothing changes when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReduceError {
    /// No step with this id.
    #[error("there is no step '{0}'")]
    NoStep(String),
    /// The step is of another kind.
    #[error("step '{0}' is not a {1} step")]
    WrongKind(String, &'static str),
    /// No lane with this id.
    #[error("there is no lane '{0}' in step '{1}'")]
    NoLane(String, String),
    /// No card with this id in the step.
    #[error("there is no card {0} in step '{1}'")]
    NoCard(CardId, String),
    /// A card id used twice.
    #[error("card {0} exists already")]
    CardExists(CardId),
    /// Unknown party.
    #[error("there is no party '{0}' in this scenario")]
    NoParty(String),
    /// No participant with this id.
    #[error("there is no participant {0}")]
    NoParticipant(u32),
    /// A participant id used twice.
    #[error("participant {0} exists already")]
    ParticipantExists(u32),
    /// All dots are used.
    #[error("all dots of vote '{0}' are used")]
    NoDotsLeft(String),
    /// No dot to take away.
    #[error("there is no dot to remove in vote '{0}'")]
    NoDot(String),
    /// A dot on something that is not in the voted step.
    #[error("vote '{0}' has no such card or theme")]
    NoTarget(String),
    /// Unknown matrix column.
    #[error("there is no column '{0}' in step '{1}'")]
    NoColumn(String, String),
    /// Unknown matrix row.
    #[error("step '{0}' has no such row")]
    NoRow(String),
    /// A value outside the scale.
    #[error("value {0} is outside the scale {1}..{2}")]
    OutOfScale(i32, i32, i32),
    /// No commitment with this id.
    #[error("there is no commitment {0} in step '{1}'")]
    NoCommitment(u32, String),
    /// A commitment id used twice.
    #[error("commitment {0} exists already")]
    CommitmentExists(u32),
    /// Unknown endorsement item.
    #[error("there is no item '{0}' to endorse in step '{1}'")]
    NoItem(String, String),
    /// Unknown action in a review step.
    #[error("there is no commitment '{0}' in review step '{1}'")]
    NoReviewItem(String, String),
    /// Unknown endorser.
    #[error("'{0}' cannot endorse in this step")]
    NoEndorser(String),
    /// The timer already runs.
    #[error("the timer of step '{0}' runs already")]
    TimerRunning(String),
    /// The timer does not run.
    #[error("the timer of step '{0}' does not run")]
    TimerStopped(String),
    /// Undo with an empty history.
    #[error("there is nothing to undo")]
    NothingToUndo,
    /// Redo with nothing undone.
    #[error("there is nothing to redo")]
    NothingToRedo,
    /// A position in a lane or list beyond its end.
    #[error("position {0} lies past the end of the list, which holds {1}")]
    PastTheEnd(usize, usize),
    /// Navigation or timer where a content change was expected.
    #[error("this change cannot be undone")]
    NotContent,
    /// A phone's submission whose key was used before: it is already in the log, as the
    /// event with this index (a retry, not a new change).
    #[error("this was already saved (change {0})")]
    Duplicate(usize),
    /// An idempotency key of the wrong form.
    #[error("the key of this submission is not 8 to 64 letters, digits, '-' or '_'")]
    BadKey,
    /// A device secret that is not a SHA-256 in lowercase hex.
    #[error("the device's secret is not a SHA-256 in lowercase hex")]
    BadSecret,
    /// A text from a phone with control characters or line breaks.
    #[error("the text holds control characters or line breaks")]
    UncleanText,
    /// An empty text where one is needed.
    #[error("the text is empty")]
    EmptyText,
    /// A text from a phone that is too long.
    #[error("the text is longer than {0} characters")]
    TooLong(usize),
    /// No device with this number.
    #[error("there is no device {0} in the room")]
    NoDevice(u32),
    /// A device number used twice.
    #[error("device {0} exists already")]
    DeviceExists(u32),
    /// A removed device tried to send.
    #[error("device {0} was removed from the room")]
    DeviceRemoved(u32),
    /// A device that is not removed was let back in.
    #[error("device {0} is in the room already")]
    DeviceActive(u32),
    /// The room admits no more devices.
    #[error("the room is full ({0} devices)")]
    RoomFull(usize),
    /// A device acted for someone else (another device, another party).
    #[error("a phone can only act for itself or its own party")]
    NotYours,
    /// A change only the facilitator makes came from a phone.
    #[error("a phone cannot make this change")]
    NotFromDevice,
    /// A change only a phone makes came without an origin.
    #[error("only a phone makes this change")]
    DeviceOnly,
    /// A proposal id used twice (or the id of a card or commitment).
    #[error("proposal {0} exists already")]
    ProposalExists(u32),
    /// No proposal with this id.
    #[error("there is no proposal {0}")]
    NoProposal(u32),
    /// The proposal was accepted or rejected already.
    #[error("proposal {0} is no longer in the inbox")]
    NotPending(u32),
    /// The proposal is in the inbox already.
    #[error("proposal {0} is in the inbox already")]
    AlreadyPending(u32),
    /// "Accept all" with nothing to accept.
    #[error("there is nothing in the inbox to accept")]
    NothingToAccept,
    /// A phone endorsed for its party without having chosen one.
    #[error("choose your party first to endorse for it")]
    NoPartyChosen,
    /// A phone's dot after the results were shown.
    #[error("the vote '{0}' is closed")]
    VoteClosed(String),
    /// A group that is empty or holds something other than content changes.
    #[error("a group holds one or more changes to the content, and no group, undo, step or timer")]
    BadGroup,
    /// An action links to a card, track, principle or step that does not exist.
    #[error("the commitment comes from {}, which does not exist", .0.describe(Lang::En))]
    NoLinkTarget(Source),
    /// A card taken out of the parking lot that is not in it.
    #[error("card {0} is not in the parking lot")]
    NotParked(CardId),
    /// A card that should become an action, in a scenario without an agreement step.
    #[error("this scenario has no agreement step to put the commitment in")]
    NoAgreementStep,
    /// A card that is an action already.
    #[error("card {0} is a commitment already")]
    AlreadyAction(CardId),
    /// A grid change about something that is not an item of the grid.
    #[error("grid '{0}' has no such item")]
    NoGridItem(String),
    /// A typed item's id used twice.
    #[error("item {0} exists already")]
    GridItemExists(u32),
    /// A position off a grid's field.
    #[error("position {0},{1} lies off the field (1..{2} × 1..{3})")]
    OffGrid(u8, u8, u8, u8),
    /// A change to a consent round whose decision was taken.
    #[error("the decision of step '{0}' has been taken; undo it to change the round")]
    Decided(String),
    /// A position outside the objection and consent rounds.
    #[error("positions are given in the objection and consent rounds of step '{0}'")]
    NotPositionRound(String),
    /// A question or reaction recorded for a round that takes positions.
    #[error("what members say is kept for the questions and reactions rounds")]
    NotSayingRound,
    /// A concern or objection without its text.
    #[error("a concern or an objection needs its reason")]
    ReasonNeeded,
    /// Someone who does not take part in the step.
    #[error("'{0}' does not take part in this step")]
    NotMember(String),
    /// An amendment resolving an objection that is not open.
    #[error("'{0}' has no open objection to resolve")]
    NoOpenObjection(String),
    /// No amendment with this id.
    #[error("there is no amendment {0} in step '{1}'")]
    NoAmendment(u32, String),
    /// Taking back an amendment that is not the last.
    #[error("amendment {0} is not the last one; take back the later ones first")]
    NotLastAmendment(u32),
    /// An amendment id used twice.
    #[error("amendment {0} exists already")]
    AmendmentExists(u32),
    /// A decision while objections are open.
    #[error("{} still open; amend the proposal first", objections_en(*.0))]
    OpenObjections(usize),
    /// A decision without a proposal.
    #[error("step '{0}' has no proposal to decide on yet")]
    EmptyProposal(String),
    /// No statement with this id.
    #[error("there is no statement '{0}' in poll '{1}'")]
    NoStatement(String, String),
    /// A statement id used twice.
    #[error("statement '{0}' exists already")]
    StatementExists(String),
    /// A statement id that is not an id.
    #[error("'{0}' is not a statement id (lowercase letters, digits and dashes)")]
    BadStatementId(String),
    /// A value that is not one of a poll's answers.
    #[error("{0} is not an answer of poll '{1}'")]
    NotAnAnswer(i32, String),
    /// A person's answer in a poll that keeps only counts.
    #[error("poll '{0}' keeps only counts, not who answered what")]
    CountsOnly(String),
    /// A count in a poll that keeps each answer.
    #[error("poll '{0}' keeps each person's answer; give it per person")]
    NotCountsOnly(String),
    /// Taking off an answer that is not there (or that a phone gave).
    #[error("there is no such answer to take off in poll '{0}'")]
    NoCount(String),
    /// Removing a statement with answers.
    #[error("statement '{0}' has answers; it cannot be removed")]
    StatementAnswered(String),
    /// Removing a statement of the scenario.
    #[error("statement '{0}' comes from the scenario and cannot be removed")]
    FixedStatement(String),
    /// A phone's answer to a statement whose answers are shown.
    #[error("the answers to this statement are shown: it is closed")]
    StatementClosed,
}

impl ReduceError {
    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            ReduceError::NoStep(s) => format!("er is geen stap '{s}'"),
            ReduceError::WrongKind(s, k) => format!("stap '{s}' is geen {k}-stap"),
            ReduceError::NoLane(l, s) => format!("er is geen kolom '{l}' in stap '{s}'"),
            ReduceError::NoCard(c, s) => format!("er is geen kaart {c} in stap '{s}'"),
            ReduceError::CardExists(c) => format!("kaart {c} bestaat al"),
            ReduceError::NoParty(p) => format!("er is geen partij '{p}' in dit scenario"),
            ReduceError::NoParticipant(p) => format!("er is geen deelnemer {p}"),
            ReduceError::ParticipantExists(p) => format!("deelnemer {p} bestaat al"),
            ReduceError::NoDotsLeft(s) => format!("alle stippen van stemming '{s}' zijn gebruikt"),
            ReduceError::NoDot(s) => format!("er is geen stip om weg te halen in stemming '{s}'"),
            ReduceError::NoTarget(s) => format!("stemming '{s}' heeft zo'n kaart of thema niet"),
            ReduceError::NoColumn(c, s) => format!("er is geen kolom '{c}' in stap '{s}'"),
            ReduceError::NoRow(s) => format!("stap '{s}' heeft zo'n rij niet"),
            ReduceError::OutOfScale(v, a, b) => {
                format!("waarde {v} valt buiten de schaal {a}..{b}")
            }
            ReduceError::NoCommitment(c, s) => format!("er is geen afspraak {c} in stap '{s}'"),
            ReduceError::CommitmentExists(c) => format!("afspraak {c} bestaat al"),
            ReduceError::NoItem(i, s) => {
                format!("er is geen onderdeel '{i}' om te onderschrijven in stap '{s}'")
            }
            ReduceError::NoReviewItem(i, s) => {
                format!("er is geen afspraak '{i}' in terugblik '{s}'")
            }
            ReduceError::NoEndorser(e) => format!("'{e}' kan in deze stap niet onderschrijven"),
            ReduceError::TimerRunning(s) => format!("de timer van stap '{s}' loopt al"),
            ReduceError::TimerStopped(s) => format!("de timer van stap '{s}' loopt niet"),
            ReduceError::NothingToUndo => "er is niets om ongedaan te maken".to_string(),
            ReduceError::NothingToRedo => "er is niets om opnieuw te doen".to_string(),
            ReduceError::PastTheEnd(p, n) => {
                format!("positie {p} ligt voorbij het einde van de lijst, die er {n} heeft")
            }
            ReduceError::NotContent => "deze wijziging kan niet ongedaan worden".to_string(),
            ReduceError::Duplicate(i) => format!("dit was al bewaard (wijziging {i})"),
            ReduceError::BadKey => {
                "de sleutel van deze inzending is niet 8 tot 64 letters, cijfers, '-' of '_'"
                    .to_string()
            }
            ReduceError::BadSecret => {
                "het geheim van het apparaat is geen SHA-256 in kleine hexadecimale tekens"
                    .to_string()
            }
            ReduceError::UncleanText => "de tekst bevat stuurtekens of regeleinden".to_string(),
            ReduceError::EmptyText => "de tekst is leeg".to_string(),
            ReduceError::TooLong(n) => format!("de tekst is langer dan {n} tekens"),
            ReduceError::NoDevice(d) => format!("er is geen apparaat {d} in de zaal"),
            ReduceError::DeviceExists(d) => format!("apparaat {d} bestaat al"),
            ReduceError::DeviceRemoved(d) => format!("apparaat {d} is uit de zaal gehaald"),
            ReduceError::DeviceActive(d) => format!("apparaat {d} is al in de zaal"),
            ReduceError::RoomFull(n) => format!("de zaal is vol ({n} apparaten)"),
            ReduceError::NotYours => {
                "een telefoon kan alleen voor zichzelf of de eigen partij iets doen".to_string()
            }
            ReduceError::NotFromDevice => "een telefoon kan deze wijziging niet maken".to_string(),
            ReduceError::DeviceOnly => "alleen een telefoon maakt deze wijziging".to_string(),
            ReduceError::ProposalExists(p) => format!("voorstel {p} bestaat al"),
            ReduceError::NoProposal(p) => format!("er is geen voorstel {p}"),
            ReduceError::NotPending(p) => format!("voorstel {p} staat niet meer in de inbox"),
            ReduceError::AlreadyPending(p) => format!("voorstel {p} staat al in de inbox"),
            ReduceError::NothingToAccept => {
                "er staat niets in de inbox om over te nemen".to_string()
            }
            ReduceError::NoPartyChosen => {
                "kies eerst je partij om namens haar te onderschrijven".to_string()
            }
            ReduceError::VoteClosed(s) => format!("de stemming '{s}' is gesloten"),
            ReduceError::BadGroup => "een groep bevat een of meer wijzigingen van de inhoud, en geen groep, ongedaan maken, stap of timer".to_string(),
            ReduceError::NoLinkTarget(source) => format!(
                "de afspraak komt van {}, maar die bestaat niet",
                source.describe(Lang::Nl)
            ),
            ReduceError::NotParked(c) => format!("kaart {c} staat niet op de parkeerplaats"),
            ReduceError::NoAgreementStep => {
                "dit scenario heeft geen afsprakenstap om de afspraak in te zetten".to_string()
            }
            ReduceError::AlreadyAction(c) => format!("kaart {c} is al een afspraak"),
            ReduceError::NoGridItem(s) => format!("raster '{s}' heeft zo'n onderdeel niet"),
            ReduceError::GridItemExists(i) => format!("onderdeel {i} bestaat al"),
            ReduceError::OffGrid(x, y, px, py) => {
                format!("positie {x},{y} ligt buiten het veld (1..{px} × 1..{py})")
            }
            ReduceError::Decided(s) => format!(
                "het besluit van stap '{s}' is genomen; maak het ongedaan om de ronde te veranderen"
            ),
            ReduceError::NotPositionRound(s) => format!(
                "standpunten worden gegeven in de bezwaar- en instemmingsronde van stap '{s}'"
            ),
            ReduceError::NotSayingRound => {
                "wat deelnemers zeggen hoort bij de vragen- en reactieronde".to_string()
            }
            ReduceError::ReasonNeeded => {
                "een zorg of een bezwaar heeft een toelichting nodig".to_string()
            }
            ReduceError::NotMember(w) => format!("'{w}' doet niet mee in deze stap"),
            ReduceError::NoOpenObjection(w) => {
                format!("'{w}' heeft geen open bezwaar om op te lossen")
            }
            ReduceError::NoAmendment(a, s) => format!("er is geen wijziging {a} in stap '{s}'"),
            ReduceError::NotLastAmendment(a) => {
                format!("wijziging {a} is niet de laatste; neem eerst de latere terug")
            }
            ReduceError::AmendmentExists(a) => format!("wijziging {a} bestaat al"),
            ReduceError::OpenObjections(1) => {
                "nog 1 bezwaar open; wijzig eerst het voorstel".to_string()
            }
            ReduceError::OpenObjections(n) => {
                format!("nog {n} bezwaren open; wijzig eerst het voorstel")
            }
            ReduceError::EmptyProposal(s) => {
                format!("stap '{s}' heeft nog geen voorstel om over te besluiten")
            }
            ReduceError::NoStatement(st, s) => {
                format!("er is geen stelling '{st}' in peiling '{s}'")
            }
            ReduceError::StatementExists(st) => format!("stelling '{st}' bestaat al"),
            ReduceError::BadStatementId(st) => format!(
                "'{st}' is geen id voor een stelling (kleine letters, cijfers en streepjes)"
            ),
            ReduceError::NotAnAnswer(v, s) => format!("{v} is geen antwoord van peiling '{s}'"),
            ReduceError::CountsOnly(s) => {
                format!("peiling '{s}' houdt alleen aantallen bij, niet wie wat antwoordde")
            }
            ReduceError::NotCountsOnly(s) => {
                format!("peiling '{s}' houdt ieders antwoord bij; geef het per persoon")
            }
            ReduceError::NoCount(s) => {
                format!("er is zo'n antwoord niet om weg te halen in peiling '{s}'")
            }
            ReduceError::StatementAnswered(st) => {
                format!("stelling '{st}' heeft antwoorden; die kan niet weg")
            }
            ReduceError::FixedStatement(st) => {
                format!("stelling '{st}' komt uit het scenario en kan niet weg")
            }
            ReduceError::StatementClosed => {
                "de antwoorden op deze stelling zijn getoond: ze is gesloten".to_string()
            }
        }
    }
}

fn objections_en(n: usize) -> String {
    if n == 1 {
        "1 objection".to_string()
    } else {
        format!("{n} objections")
    }
}

/// One problem found in a file: where (a JSON path such as `steps[2].board.lanes`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the offending value; empty for the whole file.
    pub path: String,
    /// What is wrong and what to do, in Dutch.
    pub nl: String,
    /// What is wrong and what to do, in English.
    pub en: String,
}

impl Problem {
    /// Makes a problem at `path` with its two messages.
    pub fn new(path: impl Into<String>, nl: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }
}
