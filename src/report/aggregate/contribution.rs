//! What one session gives the aggregate: a small summary read from its [`Outcome`] (built
//! anonymized, so no participant's name is in it), made one session at a time and then
//! forgotten. Only counts, normalised card texts, cell values and the parties' ids stay.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::similar::normalise;
use crate::core::Text;
use crate::core::state::{Owner, ReviewStatus, RowRef};
use crate::report::outcome::{Outcome, StepResult};

/// How a session is known in a series: its file name and when it started, both of which a
/// later meeting's `previous` records. (Not the SHA-256 that `previous` also records: a
/// meeting reopened after the next one began has other bytes but is the same meeting, and
/// hashing every file would cost more than reading it.)
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FileKey {
    /// File name without its folder.
    pub file: String,
    /// When the meeting started.
    pub created: Timestamp,
}

/// One session, summarised for the aggregate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    /// Its file.
    pub key: FileKey,
    /// The file it continues (`previous`), when it does.
    pub previous: Option<FileKey>,
    /// Scenario id and title.
    pub scenario: String,
    /// The scenario's title.
    pub scenario_title: Text,
    /// The meeting's title (names of participants already replaced).
    pub title: String,
    /// When it started.
    pub created: Timestamp,
    /// Party id to its name, for the parties of the scenario.
    pub party_names: BTreeMap<String, Text>,
    /// Participants present, per party id ("" for none).
    pub present: BTreeMap<String, usize>,
    /// Parties that took part: present, tagged a card or own a commitment.
    pub parties: BTreeSet<String>,
    /// Each step's title, by id (kept once, not with every card or cell).
    pub step_titles: BTreeMap<String, Text>,
    /// Each lane's title, by (step, lane).
    pub lane_titles: BTreeMap<(String, String), Text>,
    /// Each matrix column's heading, by (step, column).
    pub column_labels: BTreeMap<(String, String), Text>,
    /// Each matrix row's label, by (step, row as in [`CellSeen::row`]).
    pub row_labels: BTreeMap<(String, String), String>,
    /// Cards, once per (step, lane, normalised text).
    pub cards: Vec<CardSeen>,
    /// Rated cells.
    pub cells: Vec<CellSeen>,
    /// Findings of the matrices' analyses: (step, section id, normalised subject, subject,
    /// finding).
    pub findings: Vec<Finding>,
    /// What ended on top of each vote: (step, normalised label, label, rank).
    pub votes: Vec<VoteSeen>,
    /// Steps with a vote that had results, by id.
    pub voted: BTreeSet<String>,
    /// The commitments made.
    pub made: Vec<Made>,
    /// The earlier meeting's actions as this one's review marked them.
    pub reviewed: Vec<Reviewed>,
}

/// A card as the aggregate counts it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardSeen {
    /// Step id.
    pub step: String,
    /// Lane id.
    pub lane: String,
    /// Normalised text (what "similar" means).
    pub key: String,
    /// The text as written (clean, names replaced).
    pub text: String,
    /// Its party, if any.
    pub party: Option<String>,
}

/// A rated cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellSeen {
    /// Step id.
    pub step: String,
    /// The row: a fixed row's id, or a card row's normalised text.
    pub row: String,
    /// Column id.
    pub column: String,
    /// The value.
    pub value: i32,
}

/// A finding of a matrix analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Step id.
    pub step: String,
    /// `shared_ground`, `tension`, `tracks`, ...
    pub section: String,
    /// Normalised subject.
    pub key: String,
    /// The subject as written.
    pub subject: String,
    /// What was found ("bereikt: Uitwerken: bezig").
    pub finding: String,
}

/// A ranked vote result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VoteSeen {
    /// Step id.
    pub step: String,
    /// Normalised label.
    pub key: String,
    /// The label.
    pub label: String,
    /// 1 for the most dots.
    pub rank: usize,
}

/// A commitment made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Made {
    /// The parties among its owners (a participant owner counts for their party).
    pub parties: Vec<String>,
    /// Whether it has a date.
    pub dated: bool,
}

/// A carried action and its mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewed {
    /// Done, still open or dropped; none when not discussed.
    pub status: Option<ReviewStatus>,
    /// Meetings it has been carried: 1 when made last time, 2 when earlier.
    pub age: usize,
    /// Days past its date on the day of the review, when late.
    pub days_late: Option<i64>,
    /// The parties among its owners.
    pub parties: Vec<String>,
}

/// The summary of one session, from its outcome built with names replaced
/// (`Outcome::build(.., anonymize = true)`).
pub fn contribution(outcome: &Outcome, key: FileKey, previous: Option<FileKey>) -> Contribution {
    let lang = outcome.lang;
    let participant_party: BTreeMap<u32, Option<String>> = outcome
        .participants
        .iter()
        .map(|p| (p.id, p.party.clone()))
        .collect();
    let label_party: BTreeMap<String, String> = outcome
        .participants
        .iter()
        .filter_map(|p| Some((p.label.clone(), p.party.clone()?)))
        .chain(outcome.parties.iter().flat_map(|p| {
            [
                (p.name.get(crate::core::Lang::Nl).to_string(), p.id.clone()),
                (p.name.get(crate::core::Lang::En).to_string(), p.id.clone()),
            ]
        }))
        .collect();
    let mut c = Contribution {
        key,
        previous,
        scenario: outcome.scenario.id.clone(),
        scenario_title: outcome.scenario.title.clone(),
        title: outcome.session.title.clone(),
        created: outcome.session.created,
        party_names: outcome
            .parties
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect(),
        present: BTreeMap::new(),
        parties: BTreeSet::new(),
        step_titles: BTreeMap::new(),
        lane_titles: BTreeMap::new(),
        column_labels: BTreeMap::new(),
        row_labels: BTreeMap::new(),
        cards: Vec::new(),
        cells: Vec::new(),
        findings: Vec::new(),
        votes: Vec::new(),
        voted: BTreeSet::new(),
        made: Vec::new(),
        reviewed: Vec::new(),
    };
    for p in outcome.participants.iter().filter(|p| p.present) {
        let party = p.party.clone().unwrap_or_default();
        *c.present.entry(party.clone()).or_default() += 1;
        if !party.is_empty() {
            c.parties.insert(party);
        }
    }
    let mut seen_cards = BTreeSet::new();
    for step in &outcome.steps {
        c.step_titles.insert(step.id.clone(), step.title.clone());
        match &step.result {
            StepResult::Board(board) => {
                for lane in &board.lanes {
                    c.lane_titles
                        .insert((step.id.clone(), lane.id.clone()), lane.title.clone());
                    for card in &lane.cards {
                        let key = normalise(&card.text);
                        if key.is_empty()
                            || !seen_cards.insert((step.id.clone(), lane.id.clone(), key.clone()))
                        {
                            continue;
                        }
                        let party = card.party.clone().or_else(|| lane.party.clone());
                        if let Some(p) = &party {
                            c.parties.insert(p.clone());
                        }
                        c.cards.push(CardSeen {
                            step: step.id.clone(),
                            lane: lane.id.clone(),
                            key,
                            text: card.text.clone(),
                            party,
                        });
                    }
                }
            }
            StepResult::Matrix(m) => {
                // A cell counts once per session (two cards of the same text are one row).
                let mut seen_cells = BTreeSet::new();
                for column in &m.columns {
                    c.column_labels
                        .insert((step.id.clone(), column.id.clone()), column.label.clone());
                }
                for cell in &m.cells {
                    let (Some(value), Some(row), Some(column)) =
                        (cell.value, m.rows.get(cell.row), m.columns.get(cell.column))
                    else {
                        continue;
                    };
                    let row_key = match &row.key {
                        RowRef::Row(id) => id.clone(),
                        RowRef::Card(_) => normalise(&row.label),
                    };
                    if !seen_cells.insert((row_key.clone(), column.id.clone())) {
                        continue;
                    }
                    c.row_labels
                        .entry((step.id.clone(), row_key.clone()))
                        .or_insert_with(|| row.label.clone());
                    c.cells.push(CellSeen {
                        step: step.id.clone(),
                        row: row_key,
                        column: column.id.clone(),
                        value,
                    });
                }
                for section in m.analysis.iter().flat_map(|a| a.sections.iter()) {
                    for item in &section.items {
                        c.findings.push(Finding {
                            step: step.id.clone(),
                            section: section.id.clone(),
                            key: normalise(&item.subject),
                            subject: item.subject.clone(),
                            finding: item.finding.clone(),
                        });
                    }
                }
            }
            StepResult::Vote(v) => {
                if v.dots_used > 0 {
                    c.voted.insert(step.id.clone());
                }
                for r in v.results.iter().filter(|r| r.dots > 0 && r.rank <= 3) {
                    c.votes.push(VoteSeen {
                        step: step.id.clone(),
                        key: normalise(&r.label),
                        label: r.label.clone(),
                        rank: r.rank,
                    });
                }
            }
            StepResult::Agreement(a) => {
                for commitment in &a.commitments {
                    let mut parties: Vec<String> = commitment
                        .owners
                        .iter()
                        .filter_map(|o| match &o.owner {
                            Owner::Party(id) => Some(id.clone()),
                            Owner::Participant(id) => participant_party.get(id).cloned().flatten(),
                        })
                        .collect();
                    if parties.is_empty()
                        && let Some(p) = label_party.get(commitment.who.trim())
                    {
                        parties.push(p.clone());
                    }
                    if parties.is_empty() && outcome.parties.iter().any(|p| p.id == commitment.who)
                    {
                        parties.push(commitment.who.clone());
                    }
                    parties.sort();
                    parties.dedup();
                    c.parties.extend(parties.iter().cloned());
                    c.made.push(Made {
                        parties,
                        dated: commitment.due.is_some(),
                    });
                }
            }
            // Not yet part of a programme's report: each meeting's own report has them.
            StepResult::Grid(_) | StepResult::Consent(_) | StepResult::Poll(_) => {}
            StepResult::Review(r) => {
                for item in r.items.iter().filter(|i| i.parked_from.is_none()) {
                    let mut parties: Vec<String> = item
                        .owners
                        .iter()
                        .chain(std::iter::once(&item.who_label))
                        .filter_map(|o| label_party.get(o.trim()).cloned())
                        .collect();
                    parties.sort();
                    parties.dedup();
                    c.reviewed.push(Reviewed {
                        status: item.status,
                        age: if item.since.is_some() { 2 } else { 1 },
                        days_late: item.days_late.filter(|d| *d > 0),
                        parties,
                    });
                }
            }
        }
    }
    let _ = lang;
    c
}
