//! Building an outcome from a session and its folded state: labels resolved, names
//! replaced when anonymizing, votes ranked, endorsers named.

use std::collections::BTreeMap;

use super::analysis;
use super::outcome::*;
use crate::core::party::Party;
use crate::core::scenario::{
    AgreementSpec, BoardSpec, Endorsers, MatrixSpec, ReviewSpec, Scale, VoteSpec, VoteTargets,
};
use crate::core::session::Log;
use crate::core::state::{
    AgreementState, BoardState, MatrixState, ReviewState, RowRef, VoteState, VoteTarget,
};
use crate::core::transform::names::{Scrubber, numbered, participant_numbers_in};
use crate::core::{Lang, Session, SessionState, StepKind, StepState, Text};

mod kinds;
mod scrub;

pub(crate) use scrub::Scrub;

/// How much of an outcome to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Everything a meeting's own reports show.
    Full,
    /// What a programme's view counts (`samenspel aggregate`): cards, cell values, the
    /// analyses, votes, commitments and reviews. Cell notes, card themes, value labels,
    /// endorsements, the parking lot, organisations, the place, the labels of vote results
    /// without dots and what commitments say (what and when) are left empty, so no time
    /// goes into building them or scrubbing names from them.
    Counts,
}

impl Outcome {
    /// Builds the outcome of `session`, whose folded state is `state`.
    pub fn build(session: &Session, state: &SessionState, lang: Lang, anonymize: bool) -> Outcome {
        Outcome::build_with(session, state, lang, anonymize, Detail::Full)
    }

    /// As [`Outcome::build`], with only as much `detail` as asked.
    pub fn build_with(
        session: &Session,
        state: &SessionState,
        lang: Lang,
        anonymize: bool,
        detail: Detail,
    ) -> Outcome {
        Outcome::build_from(
            session,
            Log::of(&session.events),
            state,
            lang,
            anonymize,
            detail,
        )
    }

    /// As [`Outcome::build_with`], with what is read of the log given apart: `session`'s
    /// own log is not looked at (a reader that let it go keeps a [`Log`] of it).
    pub fn build_from(
        session: &Session,
        log: Log<'_>,
        state: &SessionState,
        lang: Lang,
        anonymize: bool,
        detail: Detail,
    ) -> Outcome {
        let full = detail == Detail::Full;
        let scrub = if anonymize {
            Scrubber::for_log(&session.participants, log.naming, lang)
        } else {
            Scrubber::default()
        };
        let scrub = Scrub::new(&scrub);
        let numbers = participant_numbers_in(&session.participants, log.naming);
        let participants: Vec<ParticipantOutcome> = state
            .participants
            .iter()
            .map(|p| {
                let name = p
                    .name
                    .clone()
                    .filter(|n| !anonymize && !n.trim().is_empty());
                let label = name
                    .clone()
                    .unwrap_or_else(|| numbered(lang, numbers.get(&p.id).copied().unwrap_or(0)));
                ParticipantOutcome {
                    id: p.id,
                    label,
                    name,
                    organisation: if full {
                        scrub.text(&p.organisation).into_owned()
                    } else {
                        String::new()
                    },
                    party: p.party.clone(),
                    present: p.present,
                }
            })
            .collect();
        let scenario = &state.scenario;
        let ctx = Ctx {
            state,
            lang,
            scrub: &scrub,
            participants: &participants,
            full,
            today: crate::store::zone::meeting_day(session),
            parties: scenario.parties().to_vec(),
        };
        let steps = scenario
            .steps
            .iter()
            .zip(&state.steps)
            .enumerate()
            .map(|(index, (step, content))| StepOutcome {
                id: step.id.clone(),
                number: scenario.step_number(index),
                title: step.title.clone(),
                prompt: step.prompt.clone(),
                influence: step.influence,
                result: match (&step.kind, content) {
                    (StepKind::Board(spec), StepState::Board(b)) => {
                        StepResult::Board(ctx.board(spec, b))
                    }
                    (StepKind::Matrix(spec), StepState::Matrix(m)) => {
                        StepResult::Matrix(ctx.matrix(index, spec, m))
                    }
                    (StepKind::Vote(spec), StepState::Vote(v)) => {
                        StepResult::Vote(ctx.vote(spec, v))
                    }
                    (StepKind::Agreement(spec), StepState::Agreement(a)) => {
                        StepResult::Agreement(ctx.agreement(spec, a))
                    }
                    (StepKind::Review(spec), StepState::Review(r)) => {
                        StepResult::Review(ctx.review(spec, r))
                    }
                    // The reducer builds state parallel to the steps; a mismatch cannot
                    // come from a folded session. Show an empty board rather than fail.
                    _ => ctx
                        .exercise(index)
                        .unwrap_or(StepResult::Board(BoardOutcome { lanes: Vec::new() })),
                },
            })
            .collect();
        Outcome {
            format: OUTCOME_FORMAT.to_string(),
            version: OUTCOME_VERSION,
            lang,
            anonymized: anonymize,
            scenario: ScenarioInfo {
                id: scenario.id.clone(),
                title: scenario.title.clone(),
                description: scenario.description.clone(),
                step_name: scenario.step_name.clone(),
            },
            session: SessionInfo {
                title: scrub.text(&session.title).into_owned(),
                created: session.created,
                time_zone: crate::store::zone::zone_name(session).to_string(),
                last_change: log.last.unwrap_or(session.created),
                lang: session.lang,
                changes: log.changes,
                place: session
                    .place
                    .as_deref()
                    .filter(|_| full)
                    .map(|p| scrub.text(p).into_owned()),
            },
            parties: ctx.parties.clone(),
            parked: if full { ctx.parked() } else { Vec::new() },
            participants,
            steps,
        }
    }

    /// The name of a party in `lang`, or the id itself for an unknown party.
    pub fn party_name(&self, id: &str, lang: Lang) -> String {
        party_name(&self.parties, id, lang)
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&StepOutcome> {
        self.steps.iter().find(|s| s.id == id)
    }
}

/// The name of a party in `lang`, or the id itself for an unknown party.
pub fn party_name(parties: &[Party], id: &str, lang: Lang) -> String {
    parties
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_string(), |p| p.name.get(lang).to_string())
}

/// What building a step's outcome needs to look things up.
pub(super) struct Ctx<'a> {
    pub(super) state: &'a SessionState,
    pub(super) lang: Lang,
    pub(super) scrub: &'a Scrub<'a>,
    pub(super) participants: &'a [ParticipantOutcome],
    /// Everything, or only what the aggregate counts ([`Detail`]).
    pub(super) full: bool,
    pub(super) parties: Vec<crate::core::Party>,
    /// The day of the meeting, for how late carried actions are.
    pub(super) today: jiff::civil::Date,
}

impl Ctx<'_> {
    pub(super) fn card(&self, c: &crate::core::state::Card) -> CardOutcome {
        CardOutcome {
            id: c.id,
            text: self.scrub.text(&c.text).into_owned(),
            party: c.party.clone(),
            theme: c
                .theme
                .as_deref()
                .filter(|_| self.full)
                .map(|t| self.scrub.text(t).into_owned()),
        }
    }

    /// A party's name for a party id, else the text as it is.
    pub(super) fn who_label(&self, who: &str) -> String {
        if self.parties.iter().any(|p| p.id == who) {
            party_name(&self.parties, who, self.lang)
        } else {
            who.to_string()
        }
    }

    fn review(&self, spec: &ReviewSpec, review: &ReviewState) -> ReviewOutcome {
        let scrub = self.scrub;
        ReviewOutcome {
            from: spec.from.as_deref().map(|f| scrub.text(f).into_owned()),
            agreements: spec
                .agreements
                .iter()
                .map(|a| ReviewedAgreement {
                    text: scrub.text(&a.text).into_owned(),
                    endorsed_by: a
                        .endorsed_by
                        .iter()
                        .map(|e| scrub.who(e).into_owned())
                        .collect(),
                })
                .collect(),
            items: spec
                .items
                .iter()
                .map(|i| ReviewedItem {
                    id: i.id.clone(),
                    what: scrub.text(&i.what).into_owned(),
                    who_label: self.who_label(&scrub.who(&i.who)),
                    who: scrub.who(&i.who).into_owned(),
                    when: scrub.text(&i.when).into_owned(),
                    since: i.since.as_deref().map(|s| scrub.text(s).into_owned()),
                    status: review.marks.get(&i.id).copied(),
                    due: i.due,
                    days_late: i
                        .due
                        .map(|d| crate::core::dates::days_late(d, self.today))
                        .filter(|d| *d > 0 && i.parked_from.is_none()),
                    owners: i.owners.iter().map(|o| scrub.who(o).into_owned()).collect(),
                    parked_from: i.parked_from.as_deref().map(|s| scrub.text(s).into_owned()),
                })
                .collect(),
        }
    }

    fn board(&self, spec: &BoardSpec, board: &BoardState) -> BoardOutcome {
        BoardOutcome {
            lanes: spec
                .lanes
                .iter()
                .zip(&board.lanes)
                .map(|(lane, content)| LaneOutcome {
                    id: lane.id.clone(),
                    title: lane.title.clone(),
                    party: lane.party.clone(),
                    cards: content.cards.iter().map(|c| self.card(c)).collect(),
                })
                .collect(),
        }
    }

    fn matrix(&self, step: usize, spec: &MatrixSpec, matrix: &MatrixState) -> MatrixOutcome {
        // The rows as the matrix screen has them: fixed rows, or the cards of a board.
        let rows: Vec<RowOutcome> = crate::core::matrix::rows(self.state, spec, self.lang)
            .into_iter()
            .map(|r| RowOutcome {
                key: r.key,
                label: self.scrub.text(&r.label).into_owned(),
                party: r.party,
            })
            .collect();
        let columns: Vec<ColumnOutcome> = spec
            .columns
            .iter()
            .map(|c| ColumnOutcome {
                id: c.id.clone(),
                label: c.label.clone(),
                party: c.party.clone(),
            })
            .collect();
        let row_index: BTreeMap<&RowRef, usize> =
            rows.iter().enumerate().map(|(i, r)| (&r.key, i)).collect();
        let column_index: BTreeMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut cells: Vec<CellOutcome> = matrix
            .cells
            .iter()
            .filter_map(|((row, column), cell)| {
                Some(CellOutcome {
                    row: *row_index.get(row)?,
                    column: *column_index.get(column.as_str())?,
                    value: cell.value,
                    value_label: cell
                        .value
                        .filter(|_| self.full)
                        .and_then(|v| value_label(&spec.scale, v)),
                    note: if self.full {
                        self.scrub.text(&cell.note).into_owned()
                    } else {
                        String::new()
                    },
                })
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.column));
        let mut out = MatrixOutcome {
            scale: spec.scale.clone(),
            analysis_kind: spec.analysis,
            rows,
            columns,
            cells,
            analysis: None,
        };
        out.analysis = analysis::of(self.state, step, &out.rows, self.lang, self.scrub);
        out
    }

    fn vote(&self, spec: &VoteSpec, vote: &VoteState) -> VoteOutcome {
        let board = self
            .state
            .scenario
            .step_index(&spec.on)
            .and_then(|i| self.state.board(i));
        // Every target on the board, in board order; themes at their first card.
        let mut targets: Vec<(VoteTarget, String, Option<String>, bool)> = Vec::new();
        if let Some(board) = board {
            for card in board.cards() {
                let target = match (&card.theme, spec.targets) {
                    (Some(theme), VoteTargets::Themes) => VoteTarget::Theme(theme.clone()),
                    _ => VoteTarget::Card(card.id),
                };
                if targets.iter().any(|t| t.0 == target) {
                    continue;
                }
                let (label, party) = match &target {
                    VoteTarget::Theme(theme) => (theme.clone(), None),
                    VoteTarget::Card(_) => (card.text.clone(), card.party.clone()),
                };
                targets.push((target, label, party, false));
            }
        }
        // Dots on what is no longer on the board still count: nothing is dropped.
        for target in vote.dots.keys() {
            if !targets.iter().any(|t| &t.0 == target) {
                let label = match target {
                    VoteTarget::Theme(theme) => theme.clone(),
                    VoteTarget::Card(id) => format!("#{id}"),
                };
                targets.push((target.clone(), label, None, true));
            }
        }
        let mut results: Vec<VoteResult> = targets
            .into_iter()
            .map(|(target, label, party, removed)| {
                let dots = vote.dots.get(&target).copied().unwrap_or(0);
                VoteResult {
                    rank: 0,
                    dots,
                    // The aggregate counts only what got dots.
                    label: if self.full || dots > 0 {
                        self.scrub.text(&label).into_owned()
                    } else {
                        String::new()
                    },
                    target,
                    party,
                    removed,
                }
            })
            .collect();
        // A stable sort keeps board order among equals.
        results.sort_by_key(|r| std::cmp::Reverse(r.dots));
        let dots: Vec<u32> = results.iter().map(|r| r.dots).collect();
        for r in &mut results {
            r.rank = 1 + dots.iter().filter(|d| **d > r.dots).count();
        }
        VoteOutcome {
            on: spec.on.clone(),
            targets: spec.targets,
            dots_per_voter: spec.dots,
            voters: vote.voters.unwrap_or_else(|| self.state.present_count()),
            dots_used: vote.dots.values().sum(),
            revealed: vote.revealed,
            results,
        }
    }

    fn agreement(&self, spec: &AgreementSpec, agreement: &AgreementState) -> AgreementOutcome {
        let mut items: Vec<(String, Text)> = Vec::new();
        if let Some(statement) = &spec.statement {
            items.push(("statement".to_string(), statement.clone()));
        }
        items.extend(
            spec.principles
                .iter()
                .map(|p| (p.id.clone(), p.text.clone())),
        );
        let candidates: Vec<Endorser> = match spec.endorse_by {
            Endorsers::Parties => self
                .parties
                .iter()
                .map(|p| Endorser {
                    id: p.id.clone(),
                    label: p.name.get(self.lang).to_string(),
                })
                .collect(),
            // The participants, then the room's phones (a phone endorses for itself).
            Endorsers::Participants => self
                .participants
                .iter()
                .map(|p| Endorser {
                    id: crate::core::Endorser::Participant(p.id).key().into_owned(),
                    label: p.label.clone(),
                })
                .chain(self.state.room.active().map(|d| {
                    Endorser {
                        id: crate::core::room::device_endorser(d.id).key().into_owned(),
                        label: self
                            .scrub
                            .text(&crate::core::room::device_label(d, self.lang))
                            .into_owned(),
                    }
                }))
                .collect(),
        };
        // Who endorsed an item, in the order of the list; endorsers no longer on it (a
        // removed participant) are kept, after them.
        let endorsed = |key: &str| -> Vec<Endorser> {
            if !self.full {
                return Vec::new();
            }
            let set = agreement.endorsements.get(key);
            let mut endorsed_by: Vec<Endorser> = candidates
                .iter()
                .filter(|c| set.is_some_and(|s| s.contains(&crate::core::Endorser::parse(&c.id))))
                .cloned()
                .collect();
            if let Some(set) = set {
                for e in set {
                    let id = e.key();
                    if !candidates.iter().any(|c| c.id == id) {
                        let label =
                            crate::core::room::device_endorser_label(self.state, e, self.lang)
                                .map_or_else(
                                    || id.to_string(),
                                    |l| self.scrub.text(&l).into_owned(),
                                );
                        endorsed_by.push(Endorser {
                            id: id.to_string(),
                            label,
                        });
                    }
                }
            }
            endorsed_by
        };
        let items = items
            .into_iter()
            .map(|(id, text)| {
                let endorsed_by = endorsed(&id);
                EndorsedItem {
                    id,
                    text,
                    endorsed_by,
                }
            })
            .collect();
        let commitments = agreement
            .commitments
            .iter()
            .map(|c| {
                let endorsed_by = endorsed(&crate::core::tally::commitment_item(c.id));
                self.commitment(spec, c, endorsed_by)
            })
            .collect();
        AgreementOutcome {
            endorse_by: spec.endorse_by,
            endorsers: candidates.len(),
            items,
            commitments,
        }
    }
}

/// The name of a value on a scale: its level, or a named point of a numeric scale.
pub fn value_label(scale: &Scale, value: i32) -> Option<Text> {
    match scale {
        Scale::Levels { levels } => usize::try_from(value)
            .ok()
            .and_then(|i| levels.get(i))
            .map(|l| l.label.clone()),
        Scale::Numeric { labels, .. } => labels
            .iter()
            .find(|l| l.value == value)
            .map(|l| l.label.clone()),
    }
}
