//! An outline of a session's state at one moment: plain data (serializable as JSON) and
//! plain text lines, for `samenspel replay --at … --print/--json` and anything else that
//! needs the content without a screen. Texts from the file are returned as they are:
//! whoever prints them makes them safe for a terminal.

use jiff::Timestamp;
use serde::Serialize;

use super::endorser::Endorser;
use super::scenario::{Scale, StepKind};
use super::session::Session;
use super::state::{
    Card, Commitment, Participant, ReviewStatus, RowRef, SessionState, StepState, VoteTarget,
};
use super::text::Lang;

mod kinds;

pub use kinds::{ConsentOutline, GridOutline, PollOutline};

/// The state of a session at one moment, as plain data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outline {
    /// The meeting's title.
    pub title: String,
    /// The scenario's id.
    pub scenario: String,
    /// Number of events folded in.
    pub applied: usize,
    /// Number of events in the whole log.
    pub total: usize,
    /// When the last folded event happened (none before the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    /// The id of the step on screen.
    pub current_step: String,
    /// The participants.
    pub participants: Vec<Participant>,
    /// Every step with its content.
    pub steps: Vec<StepOutline>,
}

/// One step of an outline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepOutline {
    /// Step id.
    pub id: String,
    /// Title in the outline's language.
    pub title: String,
    /// The content, by kind.
    #[serde(flatten)]
    pub content: Content,
}

/// The content of a step, by kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    /// Lanes with their cards.
    Board {
        /// The lanes in order.
        lanes: Vec<LaneOutline>,
    },
    /// The rated cells.
    Matrix {
        /// Cells with a value or a note, row by row.
        cells: Vec<CellOutline>,
        /// The analysis at this moment ([`super::analysis::of_step`]), when the matrix has one.
        #[serde(skip_serializing_if = "Option::is_none")]
        analysis: Option<super::analysis::Analysis>,
    },
    /// Dots per card or theme, most first.
    Vote {
        /// Whether the results were shown to the room.
        revealed: bool,
        /// Targets with their dots.
        results: Vec<VoteLine>,
    },
    /// Endorsed items and commitments.
    Agreement {
        /// Statement and principles with who endorsed them.
        items: Vec<EndorsedItem>,
        /// Commitments in order.
        commitments: Vec<Commitment>,
    },
    /// Items on a grid.
    Grid(GridOutline),
    /// A consent round.
    Consent(ConsentOutline),
    /// A poll's statements and answers.
    Poll(PollOutline),
    /// Actions carried over with their marks.
    Review {
        /// The earlier meeting's title.
        #[serde(skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        /// The actions.
        items: Vec<ReviewLine>,
    },
}

/// A lane of a board.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LaneOutline {
    /// Lane id.
    pub id: String,
    /// Title in the outline's language.
    pub title: String,
    /// The cards, top to bottom.
    pub cards: Vec<Card>,
}

/// A matrix cell that holds something.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellOutline {
    /// Row label (a card's text for rows from a board).
    pub row: String,
    /// Column label.
    pub column: String,
    /// The value on the scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<i32>,
    /// The value's name on a named scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The note.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A card or theme with its dots.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VoteLine {
    /// The card's text or the theme's name.
    pub target: String,
    /// Dots.
    pub dots: u32,
}

/// A statement or principle with its endorsers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EndorsedItem {
    /// `statement` or the principle's id.
    pub id: String,
    /// The text in the outline's language.
    pub text: String,
    /// Party ids, or `p` + participant id.
    pub endorsed_by: Vec<String>,
}

/// An action of a review step with its mark.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewLine {
    /// Item id.
    pub id: String,
    /// What would be done.
    pub what: String,
    /// Who.
    pub who: String,
    /// By when.
    pub when: String,
    /// Its mark; none when not discussed yet.
    pub status: Option<ReviewStatus>,
}

impl Outline {
    /// The outline of `state`, a state of `session`, in `lang`.
    pub fn of(session: &Session, state: &SessionState, lang: Lang) -> Outline {
        let scenario = &state.scenario;
        let at = state
            .applied
            .checked_sub(1)
            .and_then(|i| session.events.get(i))
            .map(|e| e.at);
        let steps = scenario
            .steps
            .iter()
            .zip(&state.steps)
            .enumerate()
            .map(|(index, (step, content))| StepOutline {
                id: step.id.clone(),
                title: step.title.get(lang).to_string(),
                content: content_of(state, index, &step.kind, content, lang),
            })
            .collect();
        Outline {
            title: session.title.clone(),
            scenario: scenario.id.clone(),
            applied: state.applied,
            total: session.events.len(),
            at,
            current_step: scenario
                .steps
                .get(state.current)
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            participants: state.participants.clone(),
            steps,
        }
    }

    /// The first line: the meeting's title and how far into the log this is.
    pub fn heading(&self, lang: Lang) -> String {
        format!(
            "{} · {} {}/{}",
            self.title,
            lang.pick("wijzigingen", "changes"),
            self.applied,
            self.total
        )
    }

    /// The steps as plain text lines (texts from the file unchanged), each step headed
    /// by `## title`, the step on screen marked.
    pub fn lines(&self, state: &SessionState, lang: Lang) -> Vec<String> {
        let parties = state.scenario.parties();
        let short = |id: &Option<String>| {
            id.as_ref()
                .and_then(|p| parties.iter().find(|q| &q.id == p))
                .map(|p| format!("[{}] ", p.short))
                .unwrap_or_default()
        };
        let endorser = |id: &String| -> String {
            let e = Endorser::parse(id);
            if let Some(p) = e.party(parties) {
                return p.name.get(lang).to_string();
            }
            if let Some(device) = super::room::device_endorser_label(state, &e, lang) {
                return device;
            }
            e.participant(parties)
                .and_then(|n| self.participants.iter().find(|p| p.id == n))
                .map_or(id.clone(), |p| {
                    p.name.clone().unwrap_or_else(|| p.organisation.clone())
                })
        };
        let mut out = Vec::new();
        for step in &self.steps {
            if !out.is_empty() {
                out.push(String::new());
            }
            let here = if step.id == self.current_step {
                lang.pick("  ◀ op het scherm", "  ◀ on screen")
            } else {
                ""
            };
            out.push(format!("## {}{here}", step.title));
            match &step.content {
                Content::Board { lanes } => {
                    for lane in lanes {
                        out.push(format!("{} ({})", lane.title, lane.cards.len()));
                        for card in &lane.cards {
                            let theme = card
                                .theme
                                .as_ref()
                                .map(|t| format!(" {{{t}}}"))
                                .unwrap_or_default();
                            out.push(format!("  • {}{}{theme}", short(&card.party), card.text));
                        }
                    }
                }
                Content::Matrix { cells, analysis } => {
                    if cells.is_empty() {
                        out.push(
                            lang.pick("(nog niets beoordeeld)", "(nothing rated yet)")
                                .into(),
                        );
                    }
                    for c in cells {
                        let value = match (&c.label, c.value) {
                            (Some(l), _) => l.clone(),
                            (None, Some(v)) => format!("{v:+}"),
                            (None, None) => "-".into(),
                        };
                        let note = if c.note.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", c.note)
                        };
                        out.push(format!("  {} × {}: {value}{note}", c.row, c.column));
                    }
                    if let Some(a) = analysis {
                        out.extend(super::analysis::text_lines(a, lang));
                    }
                }
                Content::Vote { revealed, results } => {
                    if !revealed {
                        out.push(
                            lang.pick("(uitslag nog niet getoond)", "(results not shown yet)")
                                .into(),
                        );
                    }
                    for r in results {
                        out.push(format!("  {:>3}  {}", r.dots, r.target));
                    }
                }
                Content::Agreement { items, commitments } => {
                    for item in items {
                        let by = if item.endorsed_by.is_empty() {
                            lang.pick("nog door niemand onderschreven", "not endorsed yet")
                                .to_string()
                        } else {
                            format!(
                                "{} {}",
                                lang.pick("onderschreven door", "endorsed by"),
                                item.endorsed_by
                                    .iter()
                                    .map(endorser)
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        };
                        out.push(format!("  “{}” ({by})", item.text));
                    }
                    for c in commitments {
                        let who = parties
                            .iter()
                            .find(|p| p.id == c.who)
                            .map_or(c.who.clone(), |p| p.name.get(lang).to_string());
                        out.push(format!("  → {} · {who} · {}", c.what, c.when));
                    }
                }
                Content::Grid(g) => kinds::grid_lines(g, lang, &mut out),
                Content::Consent(c) => kinds::consent_lines(c, lang, &mut out),
                Content::Poll(p) => kinds::poll_lines(p, lang, &mut out),
                Content::Review { from, items } => {
                    if let Some(from) = from {
                        out.push(format!("{}: {from}", lang.pick("uit", "from")));
                    }
                    for i in items {
                        let status = i
                            .status
                            .map_or(lang.pick("niet besproken", "not discussed"), |s| {
                                s.label(lang)
                            });
                        out.push(format!("  [{status}] {} · {} · {}", i.what, i.who, i.when));
                    }
                }
            }
        }
        out
    }
}

fn content_of(
    state: &SessionState,
    index: usize,
    kind: &StepKind,
    content: &StepState,
    lang: Lang,
) -> Content {
    match (kind, content) {
        (StepKind::Board(spec), StepState::Board(board)) => Content::Board {
            lanes: spec
                .lanes
                .iter()
                .zip(&board.lanes)
                .map(|(l, lane)| LaneOutline {
                    id: l.id.clone(),
                    title: l.title.get(lang).to_string(),
                    cards: lane.cards.clone(),
                })
                .collect(),
        },
        (StepKind::Matrix(spec), StepState::Matrix(matrix)) => Content::Matrix {
            analysis: super::analysis::of_step(state, index, lang),
            cells: matrix
                .cells
                .iter()
                .map(|((row, column), cell)| CellOutline {
                    row: match row {
                        RowRef::Row(id) => spec
                            .rows
                            .iter()
                            .find(|r| &r.id == id)
                            .map_or(id.clone(), |r| r.label.get(lang).to_string()),
                        RowRef::Card(card) => card_text(state, *card),
                    },
                    column: spec
                        .columns
                        .iter()
                        .find(|c| &c.id == column)
                        .map_or(column.clone(), |c| c.label.get(lang).to_string()),
                    value: cell.value,
                    label: match (&spec.scale, cell.value) {
                        (Scale::Levels { levels }, Some(v)) => usize::try_from(v)
                            .ok()
                            .and_then(|v| levels.get(v))
                            .map(|l| l.label.get(lang).to_string()),
                        _ => None,
                    },
                    note: cell.note.clone(),
                })
                .collect(),
        },
        (StepKind::Vote(_), StepState::Vote(vote)) => {
            let mut results: Vec<VoteLine> = vote
                .dots
                .iter()
                .map(|(target, dots)| VoteLine {
                    target: match target {
                        VoteTarget::Card(card) => card_text(state, *card),
                        VoteTarget::Theme(t) => t.clone(),
                    },
                    dots: *dots,
                })
                .collect();
            results.sort_by(|a, b| b.dots.cmp(&a.dots).then(a.target.cmp(&b.target)));
            Content::Vote {
                revealed: vote.revealed,
                results,
            }
        }
        (StepKind::Agreement(spec), StepState::Agreement(agreement)) => {
            let endorsers = |id: &str| -> Vec<String> {
                agreement
                    .endorsements
                    .get(id)
                    .map(|s| s.iter().map(|e| e.key().into_owned()).collect())
                    .unwrap_or_default()
            };
            let mut items = Vec::new();
            if let Some(st) = &spec.statement {
                items.push(EndorsedItem {
                    id: "statement".into(),
                    text: st.get(lang).to_string(),
                    endorsed_by: endorsers("statement"),
                });
            }
            items.extend(spec.principles.iter().map(|p| EndorsedItem {
                id: p.id.clone(),
                text: p.text.get(lang).to_string(),
                endorsed_by: endorsers(&p.id),
            }));
            Content::Agreement {
                items,
                commitments: agreement.commitments.clone(),
            }
        }
        (StepKind::Review(spec), StepState::Review(review)) => Content::Review {
            from: spec.from.clone(),
            items: spec
                .items
                .iter()
                .map(|i| ReviewLine {
                    id: i.id.clone(),
                    what: i.what.clone(),
                    who: i.who.clone(),
                    when: i.when.clone(),
                    status: review.marks.get(&i.id).copied(),
                })
                .collect(),
        },
        (StepKind::Grid(_), StepState::Grid(_)) => kinds::grid(state, index, lang)
            .map_or(Content::Board { lanes: Vec::new() }, Content::Grid),
        (StepKind::Consent(_), StepState::Consent(_)) => kinds::consent(state, index, lang)
            .map_or(Content::Board { lanes: Vec::new() }, Content::Consent),
        (StepKind::Poll(_), StepState::Poll(_)) => kinds::poll(state, index, lang)
            .map_or(Content::Board { lanes: Vec::new() }, Content::Poll),
        // A state that does not fit its scenario cannot be folded; show it empty.
        _ => Content::Board { lanes: Vec::new() },
    }
}

fn card_text(state: &SessionState, card: u32) -> String {
    state
        .steps
        .iter()
        .find_map(|s| match s {
            StepState::Board(b) => b.card(card).map(|c| c.text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| format!("#{card}"))
}
