//! What one session gives the aggregate: a small summary read from its [`Outcome`] (built
//! anonymized, so no participant's name is in it), made one session at a time and then
//! forgotten. Only counts, normalised card texts, cell values and the parties' ids stay.

use std::collections::{BTreeMap, BTreeSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::similar::normalise;
use crate::core::state::{Owner, ReviewStatus, RowRef};
use crate::core::{Lang, Text};
use crate::report::outcome::{Outcome, StepResult};

type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
type FastSet<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// The normalised texts of one session, each text normalised once: a card's text comes
/// back as a matrix's row and a vote's result.
#[derive(Default)]
struct Keys(FastMap<String, String>);

impl Keys {
    fn of(&mut self, text: &str) -> String {
        if let Some(key) = self.0.get(text) {
            return key.clone();
        }
        let key = normalise(text);
        self.0.insert(text.to_string(), key.clone());
        key
    }
}

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
    /// The board lanes with cards, in board order.
    pub lanes: Vec<LaneSeen>,
    /// The matrices with rated cells, in step order.
    pub matrices: Vec<MatrixSeen>,
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

impl Contribution {
    /// The title of step `step` in `lang` (empty for a step it does not know).
    pub(super) fn step_title(&self, step: &str, lang: Lang) -> String {
        self.step_titles
            .get(step)
            .map(|t| t.get(lang).to_string())
            .unwrap_or_default()
    }
}

/// A lane of a board with its cards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaneSeen {
    /// Step id.
    pub step: String,
    /// Lane id.
    pub lane: String,
    /// Its heading.
    pub title: Text,
    /// Its cards, once per normalised text.
    pub cards: Vec<CardSeen>,
}

/// A card as the aggregate counts it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardSeen {
    /// Normalised text (what "similar" means).
    pub key: String,
    /// The text as written (clean, names replaced).
    pub text: String,
    /// Its party, if any.
    pub party: Option<String>,
}

/// A matrix step's rated cells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixSeen {
    /// Step id.
    pub step: String,
    /// Its rows as rated: a fixed row's id, or a card row's normalised text, with the
    /// row's label (two rows of the same text are one).
    pub rows: Vec<(String, String)>,
    /// Its columns: id and heading.
    pub columns: Vec<(String, Text)>,
    /// The rated cells, once per row and column, in the matrix's order.
    pub cells: Vec<CellSeen>,
}

/// A rated cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellSeen {
    /// Its row in [`MatrixSeen::rows`].
    pub row: u32,
    /// Its column in [`MatrixSeen::columns`].
    pub column: u32,
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
/// (`Outcome::build(.., anonymize = true)`), taken apart: its texts move into the summary.
pub fn contribution(outcome: Outcome, key: FileKey, previous: Option<FileKey>) -> Contribution {
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
        scenario: outcome.scenario.id,
        scenario_title: outcome.scenario.title,
        title: outcome.session.title,
        created: outcome.session.created,
        party_names: outcome
            .parties
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect(),
        present: BTreeMap::new(),
        parties: BTreeSet::new(),
        step_titles: BTreeMap::new(),
        lanes: Vec::new(),
        matrices: Vec::new(),
        findings: Vec::new(),
        votes: Vec::new(),
        voted: BTreeSet::new(),
        made: Vec::new(),
        reviewed: Vec::new(),
    };
    for p in outcome.participants.iter().filter(|p| p.present) {
        let party = p.party.as_deref().unwrap_or_default();
        match c.present.get_mut(party) {
            Some(n) => *n += 1,
            None => {
                c.present.insert(party.to_string(), 1);
            }
        }
        if !party.is_empty() && !c.parties.contains(party) {
            c.parties.insert(party.to_string());
        }
    }
    let parties = &outcome.parties;
    let mut keys = Keys::default();
    for step in outcome.steps {
        c.step_titles.insert(step.id.clone(), step.title);
        match step.result {
            StepResult::Board(board) => {
                for lane in board.lanes {
                    let cards =
                        lane_cards(lane.cards, lane.party.as_deref(), &mut c.parties, &mut keys);
                    if !cards.is_empty() {
                        c.lanes.push(LaneSeen {
                            step: step.id.clone(),
                            lane: lane.id,
                            title: lane.title,
                            cards,
                        });
                    }
                }
            }
            StepResult::Matrix(mut m) => {
                if let Some(seen) = matrix_cells(&step.id, &mut m, &mut keys) {
                    c.matrices.push(seen);
                }
                for section in m.analysis.into_iter().flat_map(|a| a.sections) {
                    for item in section.items {
                        c.findings.push(Finding {
                            step: step.id.clone(),
                            section: section.id.clone(),
                            key: normalise(&item.subject),
                            subject: item.subject,
                            finding: item.finding,
                        });
                    }
                }
            }
            StepResult::Vote(v) => {
                if v.dots_used > 0 {
                    c.voted.insert(step.id.clone());
                }
                for r in v.results.into_iter().filter(|r| r.dots > 0 && r.rank <= 3) {
                    c.votes.push(VoteSeen {
                        step: step.id.clone(),
                        key: keys.of(&r.label),
                        label: r.label,
                        rank: r.rank,
                    });
                }
            }
            StepResult::Agreement(a) => {
                for commitment in &a.commitments {
                    let mut owners: Vec<String> = commitment
                        .owners
                        .iter()
                        .filter_map(|o| match &o.owner {
                            Owner::Party(id) => Some(id.clone()),
                            Owner::Participant(id) => participant_party.get(id).cloned().flatten(),
                        })
                        .collect();
                    if owners.is_empty()
                        && let Some(p) = label_party.get(commitment.who.trim())
                    {
                        owners.push(p.clone());
                    }
                    if owners.is_empty() && parties.iter().any(|p| p.id == commitment.who) {
                        owners.push(commitment.who.clone());
                    }
                    owners.sort();
                    owners.dedup();
                    c.parties.extend(owners.iter().cloned());
                    c.made.push(Made {
                        parties: owners,
                        dated: commitment.due.is_some(),
                    });
                }
            }
            // Not yet part of a programme's report: each meeting's own report has them.
            StepResult::Grid(_) | StepResult::Consent(_) | StepResult::Poll(_) => {}
            StepResult::Review(r) => {
                for item in r.items.iter().filter(|i| i.parked_from.is_none()) {
                    let mut owners: Vec<String> = item
                        .owners
                        .iter()
                        .chain(std::iter::once(&item.who_label))
                        .filter_map(|o| label_party.get(o.trim()).cloned())
                        .collect();
                    owners.sort();
                    owners.dedup();
                    c.reviewed.push(Reviewed {
                        status: item.status,
                        age: if item.since.is_some() { 2 } else { 1 },
                        days_late: item.days_late.filter(|d| *d > 0),
                        parties: owners,
                    });
                }
            }
        }
    }
    c
}

/// A lane's cards, once per normalised text (empty ones left out); their parties (the
/// card's, else the lane's) join `parties`.
fn lane_cards(
    cards: Vec<crate::report::outcome::CardOutcome>,
    lane_party: Option<&str>,
    parties: &mut BTreeSet<String>,
    keys: &mut Keys,
) -> Vec<CardSeen> {
    let mut out: Vec<CardSeen> = Vec::with_capacity(cards.len());
    for card in cards {
        let key = keys.of(&card.text);
        if key.is_empty() {
            continue;
        }
        let party = card.party.or_else(|| lane_party.map(str::to_string));
        if let Some(p) = &party
            && !parties.contains(p)
        {
            parties.insert(p.clone());
        }
        out.push(CardSeen {
            key,
            text: card.text,
            party,
        });
    }
    // The first card of each text counts (its party is already among the parties).
    if out.len() > 1 {
        let mut first: FastSet<&str> = FastSet::default();
        let keep: Vec<bool> = out.iter().map(|k| first.insert(k.key.as_str())).collect();
        if keep.contains(&false) {
            let mut keep = keep.into_iter();
            out.retain(|_| keep.next().unwrap_or(true));
        }
    }
    out
}

/// A matrix's rated cells, once per row key and column (two cards of the same text are
/// one row); none when nothing was rated. The labels of the rows rated move out of `m`.
fn matrix_cells(
    step: &str,
    m: &mut crate::report::outcome::MatrixOutcome,
    keys: &mut Keys,
) -> Option<MatrixSeen> {
    let mut columns: Vec<(String, Text)> = Vec::new();
    // The outcome's column to ours: the first column of each id.
    let column_at: Vec<u32> = m
        .columns
        .iter()
        .map(|column| {
            let at = match columns.iter().position(|(id, _)| *id == column.id) {
                Some(at) => at,
                None => {
                    columns.push((column.id.clone(), column.label.clone()));
                    columns.len() - 1
                }
            };
            u32::try_from(at).unwrap_or(u32::MAX)
        })
        .collect();
    // Each row's key, normalised once.
    let mut keys: Vec<std::borrow::Cow<'_, str>> = m
        .rows
        .iter()
        .map(|row| match &row.key {
            RowRef::Row(id) => std::borrow::Cow::Borrowed(id.as_str()),
            RowRef::Card(_) => std::borrow::Cow::Owned(keys.of(&row.label)),
        })
        .collect();
    // Our rows (the outcome's row that first had each key), and the cells.
    let mut rows: Vec<usize> = Vec::new();
    let mut cells: Vec<CellSeen> = Vec::new();
    {
        let mut row_at: FastMap<&str, u32> = FastMap::default();
        let mut cells_at: FastSet<(u32, u32)> = FastSet::default();
        for cell in &m.cells {
            let (Some(value), Some(key), Some(column)) =
                (cell.value, keys.get(cell.row), column_at.get(cell.column))
            else {
                continue;
            };
            let row = *row_at.entry(key.as_ref()).or_insert_with(|| {
                rows.push(cell.row);
                u32::try_from(rows.len() - 1).unwrap_or(u32::MAX)
            });
            if cells_at.insert((row, *column)) {
                cells.push(CellSeen {
                    row,
                    column: *column,
                    value,
                });
            }
        }
    }
    if cells.is_empty() {
        return None;
    }
    let rows: Vec<(String, usize)> = rows
        .into_iter()
        .map(|r| (std::mem::take(&mut keys[r]).into_owned(), r))
        .collect();
    drop(keys);
    let rows = rows
        .into_iter()
        .map(|(key, r)| {
            let label = m.rows.get_mut(r).map(|row| std::mem::take(&mut row.label));
            (key, label.unwrap_or_default())
        })
        .collect();
    Some(MatrixSeen {
        step: step.to_string(),
        rows,
        columns,
        cells,
    })
}
