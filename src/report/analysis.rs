//! The matrix analysis as the exports show it: sections of findings (shared ground,
//! tension, blind spots; or tracks, gaps and results), each a list of readable lines in the
//! words the analysis screen uses.
//!
//! The analysis itself is computed by [`crate::core::analysis`]; this file only turns it
//! into what a report shows. [`of`] is the one place that calls it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::outcome::{RowOutcome, party_name};
use super::outcome_build::Scrub;
use crate::core::analysis::{self, Analysis, GoalAnalysis, PhaseAnalysis, RowInfo, ValueInfo};
use crate::core::party::Party;
use crate::core::scenario::{MatrixSpec, Scale};
use crate::core::state::RowRef;
use crate::core::{Lang, SessionState};

/// The analysis of one matrix, ready to read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnalysisOutcome {
    /// One line on how much of the matrix is filled in.
    pub summary: String,
    /// The sections, in reading order.
    pub sections: Vec<AnalysisSection>,
    /// How the findings are made, in one or two sentences.
    pub rules: String,
}

/// One part of the analysis, e.g. "Gedeelde grond".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnalysisSection {
    /// `shared_ground`, `tension`, `indifference` (only when it has items), `blind_spots`,
    /// `tracks`, `gaps` or `results`.
    pub id: String,
    /// Heading.
    pub title: String,
    /// The findings, most important first.
    pub items: Vec<AnalysisItem>,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AnalysisItem {
    /// The row it is about (index into the matrix's rows), if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The row's label with its party, e.g. "Tevreden bewoners (Gemeente)".
    pub subject: String,
    /// What was found about it, e.g. "3 van 3 partijen positief · gemiddeld +1,7".
    pub finding: String,
}

/// What turning the core's analysis into text needs.
struct Words<'a> {
    lang: Lang,
    parties: &'a [Party],
    /// The index of each row of the matrix (its first with that key): a matrix of a
    /// board's cards has hundreds, and every finding looks its row up.
    rows: BTreeMap<&'a RowRef, usize>,
    scrub: &'a Scrub<'a>,
}

impl Words<'_> {
    fn item(&self, row: &RowInfo, finding: String) -> AnalysisItem {
        let label = self.scrub.text(&row.label).into_owned();
        let subject = match &row.party {
            Some(p) => format!("{label} ({})", party_name(self.parties, p, self.lang)),
            None => label,
        };
        AnalysisItem {
            row: self.rows.get(&row.row).copied(),
            subject,
            finding,
        }
    }
}

/// The analysis of matrix step `step` for the exports (none when the step has none).
pub(crate) fn of(
    state: &SessionState,
    step: usize,
    rows: &[RowOutcome],
    lang: Lang,
    scrub: &Scrub<'_>,
) -> Option<AnalysisOutcome> {
    let spec = match &state.scenario.steps.get(step)?.kind {
        crate::core::StepKind::Matrix(spec) => spec,
        _ => return None,
    };
    let parties = state.scenario.parties();
    let mut index = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        index.entry(&r.key).or_insert(i);
    }
    let words = Words {
        lang,
        parties,
        rows: index,
        scrub,
    };
    match analysis::of_step(state, step, lang)? {
        Analysis::Goals(g) => Some(goals(&g, spec, &words)),
        Analysis::Phases(p) => Some(phases(&p, spec, &words)),
    }
}

/// A value's full name when it has one ("niet begonnen"), else as written in the cell.
fn full(v: &ValueInfo) -> &str {
    v.name.as_deref().unwrap_or(&v.text)
}

fn goals(g: &GoalAnalysis, spec: &MatrixSpec, w: &Words) -> AnalysisOutcome {
    let lang = w.lang;
    let signed = matches!(spec.scale, Scale::Numeric { min, .. } if min < 0);
    let shared = g
        .shared_ground
        .iter()
        .map(|s| {
            let mut finding = match lang {
                Lang::Nl => format!("{} van {} partijen positief", s.positive, s.columns),
                Lang::En => format!("{} of {} parties in favour", s.positive, s.columns),
            };
            if let Scale::Numeric { .. } = spec.scale {
                finding.push_str(&format!(
                    " · {} {}",
                    lang.pick("gemiddeld", "mean"),
                    crate::core::text::decimal(s.mean, signed, lang)
                ));
            }
            w.item(&s.row, finding)
        })
        .collect();
    let tension = g
        .tension
        .iter()
        .map(|t| w.item(&t.row, high_and_low(t, lang)))
        .collect();
    let indifference: Vec<AnalysisItem> = g
        .indifference
        .iter()
        .map(|t| w.item(&t.row, high_and_low(t, lang)))
        .collect();
    let mut blind: Vec<AnalysisItem> = g
        .own_party_only
        .iter()
        .map(|r| {
            w.item(
                r,
                lang.pick(
                    "alleen door de eigen partij beoordeeld",
                    "rated only by its own party",
                )
                .to_string(),
            )
        })
        .collect();
    blind.extend(g.not_rated.iter().map(|r| {
        w.item(
            r,
            lang.pick("nog door niemand beoordeeld", "not rated by anyone yet")
                .to_string(),
        )
    }));
    let rows = g.cells_total / spec.columns.len().max(1);
    AnalysisOutcome {
        summary: match lang {
            Lang::Nl => format!(
                "{rows} rijen × {} kolommen · {} van {} cellen ingevuld",
                spec.columns.len(),
                g.cells_rated,
                g.cells_total
            ),
            Lang::En => format!(
                "{rows} rows × {} columns · {} of {} cells rated",
                spec.columns.len(),
                g.cells_rated,
                g.cells_total
            ),
        },
        sections: [
            section(
                "shared_ground",
                lang.pick("Gedeelde grond", "Shared ground"),
                shared,
            ),
            section("tension", lang.pick("Spanning", "Tension"), tension),
            section(
                "indifference",
                lang.pick("Onverschillig", "Indifference"),
                indifference,
            ),
            section(
                "blind_spots",
                lang.pick("Blinde vlekken", "Blind spots"),
                blind,
            ),
        ]
        .into_iter()
        // Indifference only when there is some: most matrices have none.
        .filter(|s| s.id != "indifference" || !s.items.is_empty())
        .collect(),
        rules: analysis::goal_rules(lang).to_string(),
    }
}

/// A tension or indifference as its finding reads: "hoog: 5 Gemeente, Netbeheerder · laag:
/// 1 Bewoners" / "high: … · low: …".
fn high_and_low(t: &analysis::Tension, lang: Lang) -> String {
    let end = |e: &analysis::TensionEnd| {
        let names: Vec<&str> = e.columns.iter().map(|c| c.label.as_str()).collect();
        format!("{} {}", e.value.text, names.join(", "))
    };
    format!(
        "{} {} · {} {}",
        lang.pick("hoog:", "high:"),
        end(&t.high),
        lang.pick("laag:", "low:"),
        end(&t.low)
    )
}

fn section(id: &str, title: &str, items: Vec<AnalysisItem>) -> AnalysisSection {
    AnalysisSection {
        id: id.to_string(),
        title: title.to_string(),
        items,
    }
}

fn phases(p: &PhaseAnalysis, spec: &MatrixSpec, w: &Words) -> AnalysisOutcome {
    let lang = w.lang;
    let tracks = p
        .tracks
        .iter()
        .map(|t| {
            let finding = match &t.reached {
                Some(r) => format!(
                    "{} {}: {}",
                    lang.pick("bereikt:", "reached:"),
                    r.phase.label,
                    full(&r.value)
                ),
                None => lang
                    .pick("nog niet begonnen", "not started yet")
                    .to_string(),
            };
            w.item(&t.row, finding)
        })
        .collect();
    let gaps = p
        .gaps
        .iter()
        .map(|g| {
            let finding = format!(
                "{} ({}) {} {} ({})",
                g.earlier.phase.label,
                full(&g.earlier.value).to_lowercase(),
                lang.pick("loopt achter op", "lags behind"),
                g.later.phase.label,
                full(&g.later.value).to_lowercase(),
            );
            w.item(&g.row, finding)
        })
        .collect();
    let results = p
        .results
        .iter()
        .map(|r| {
            let status = match &r.status {
                Some(s) => full(s).to_string(),
                None => lang.pick("nog niet ingevuld", "not rated yet").to_string(),
            };
            let finding = match lang {
                Lang::Nl => format!(
                    "{status}{} · {}: {} van {} sporen klaar",
                    if r.in_place { " ✓" } else { "" },
                    r.phase.label,
                    r.tracks_finished,
                    r.tracks_counted
                ),
                Lang::En => format!(
                    "{status}{} · {}: {} of {} tracks done",
                    if r.in_place { " ✓" } else { "" },
                    r.phase.label,
                    r.tracks_finished,
                    r.tracks_counted
                ),
            };
            AnalysisItem {
                row: None,
                ..w.item(&r.result, finding)
            }
        })
        .collect();
    let rated: usize = p.tracks.iter().map(|t| p.phases.len() - t.unrated).sum();
    let total = p.tracks.len() * p.phases.len();
    let mut sections = vec![
        section("tracks", lang.pick("Sporen", "Tracks"), tracks),
        section("gaps", lang.pick("Gaten", "Gaps"), gaps),
    ];
    if spec.results.is_some() {
        sections.push(section(
            "results",
            lang.pick("Resultaten", "Results"),
            results,
        ));
    }
    AnalysisOutcome {
        summary: match lang {
            Lang::Nl => format!(
                "{} sporen × {} fases · {rated} van {total} cellen ingevuld",
                p.tracks.len(),
                p.phases.len()
            ),
            Lang::En => format!(
                "{} tracks × {} phases · {rated} of {total} cells rated",
                p.tracks.len(),
                p.phases.len()
            ),
        },
        sections,
        rules: lang
            .pick(
                "Bereikt: de verste fase die begonnen is. Gat: een eerdere fase staat lager dan een latere. n.v.t. en lege cellen tellen niet mee.",
                "Reached: the furthest phase that has started. Gap: an earlier phase is lower than a later one. N/a and empty cells do not count.",
            )
            .to_string(),
    }
}
