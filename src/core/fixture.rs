//! A small scenario with one step of every kind, for tests across the crate.

use std::sync::Arc;

use jiff::Timestamp;

use super::scenario::{
    AgreementSpec, AnalysisKind, Axis, BoardSpec, Endorsers, LaneSpec, MatrixSpec, Principle,
    SCENARIO_FORMAT, SCENARIO_VERSION, Scale, Scenario, StartCard, Step, StepKind, VoteSpec,
    VoteTargets,
};
use super::session::{Live, Session};
use super::text::{Lang, Text};

fn t(s: &str) -> Text {
    Text::new(s, s)
}

fn step(id: &str, kind: StepKind) -> Step {
    Step {
        id: id.to_string(),
        title: t(id),
        prompt: t("?"),
        notes: None,
        minutes: Some(10),
        influence: None,
        kind,
    }
}

/// Board `bord` (lanes `links` with one starting card, `rechts`), matrix `matrix`
/// (rows from `bord`, columns gemeente/initiatief, -2..2), vote `stem` (2 dots),
/// agreement `akkoord` (statement + principle `p1`, endorsed by parties).
pub fn scenario() -> Scenario {
    Scenario {
        format: SCENARIO_FORMAT.to_string(),
        version: SCENARIO_VERSION,
        id: "proef".to_string(),
        title: t("Proef"),
        description: t("Een proef"),
        step_name: None,
        parties: Vec::new(),
        steps: vec![
            step(
                "bord",
                StepKind::Board(BoardSpec {
                    lanes: vec![
                        LaneSpec {
                            id: "links".into(),
                            title: t("Links"),
                            party: None,
                            cards: vec![StartCard {
                                text: Text::new("start", "begin"),
                                party: Some("gemeente".into()),
                            }],
                        },
                        LaneSpec {
                            id: "rechts".into(),
                            title: t("Rechts"),
                            party: None,
                            cards: Vec::new(),
                        },
                    ],
                    cards_from: None,
                }),
            ),
            step(
                "matrix",
                StepKind::Matrix(MatrixSpec {
                    rows: Vec::new(),
                    rows_from: Some("bord".into()),
                    columns: vec![
                        Axis {
                            id: "gemeente".into(),
                            label: t("Gemeente"),
                            party: Some("gemeente".into()),
                        },
                        Axis {
                            id: "initiatief".into(),
                            label: t("Initiatief"),
                            party: Some("initiatief".into()),
                        },
                    ],
                    scale: Scale::Numeric {
                        min: -2,
                        max: 2,
                        labels: Vec::new(),
                    },
                    analysis: AnalysisKind::Goals,
                    results: None,
                }),
            ),
            step(
                "stem",
                StepKind::Vote(VoteSpec {
                    on: "bord".into(),
                    targets: VoteTargets::Cards,
                    dots: 2,
                }),
            ),
            step(
                "akkoord",
                StepKind::Agreement(AgreementSpec {
                    statement: Some(t("Samen")),
                    principles: vec![Principle {
                        id: "p1".into(),
                        text: t("Open"),
                    }],
                    commitments: Vec::new(),
                    endorse_by: Endorsers::Parties,
                    tracks: vec![crate::core::scenario::Track {
                        id: "spoor".into(),
                        label: t("Spoor"),
                    }],
                    offers: Some("bord".into()),
                }),
            ),
        ],
    }
}

/// A moment in a meeting: `s` seconds after 10:00.
pub fn at(s: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + s).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A new live session of [`scenario`] in Dutch.
#[allow(
    clippy::panic,
    reason = "a test fixture: a broken one must stop the test"
)]
pub fn live() -> Live {
    let session = Session::new(Arc::new(scenario()), "Proef".into(), at(0), Lang::Nl);
    match Live::open(session) {
        Ok(l) => l,
        Err(p) => panic!("fixture does not fold: {p:?}"),
    }
}
