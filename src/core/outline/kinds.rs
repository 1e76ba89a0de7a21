//! The outline of grid, consent and poll steps: as data, and as plain text lines.

use serde::Serialize;

use crate::core::consent::{ConsentPhase, Stance, members};
use crate::core::grid::{GridAnalysis, GridPoint, analyse, entries, point_text};
use crate::core::poll::{answered, statements, tally};
use crate::core::state::{SessionState, StepState};
use crate::core::text::Lang;

/// A grid's items and what they say.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridOutline {
    /// Every item, in list order.
    pub items: Vec<GridLine>,
    /// Items per quadrant, unplaced ones, what moved since last time.
    pub analysis: GridAnalysis,
}

/// An item of a grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridLine {
    /// Its name.
    pub label: String,
    /// Where it stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<GridPoint>,
    /// The name of the quadrant it stands in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quadrant: Option<String>,
    /// Its note.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A consent round.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConsentOutline {
    /// The proposal as it is now.
    pub proposal: String,
    /// The round it is in.
    pub phase: ConsentPhase,
    /// Whether the decision was taken.
    pub decided: bool,
    /// Every member with a position.
    pub positions: Vec<PositionLine>,
    /// Every amendment, oldest first: the text after it.
    pub amendments: Vec<String>,
}

/// A member's position.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PositionLine {
    /// The member's name.
    pub member: String,
    /// Its position.
    pub stance: Stance,
    /// The concern or objection.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// For an objection: whether an amendment resolved it.
    pub resolved: bool,
}

/// A poll's statements with their answers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PollOutline {
    /// Every statement.
    pub statements: Vec<PollLine>,
}

/// A statement and how it was answered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PollLine {
    /// Its id.
    pub id: String,
    /// The statement.
    pub text: String,
    /// Whether its answers were shown to the room.
    pub revealed: bool,
    /// The number of answers.
    pub answered: u32,
    /// Each answer's name and count, in scale order.
    pub results: Vec<(String, u32)>,
}

pub(super) fn grid(state: &SessionState, index: usize, lang: Lang) -> Option<GridOutline> {
    let spec = state.scenario.steps.get(index)?.kind.grid()?;
    let items = entries(state, index, lang)
        .into_iter()
        .map(|e| GridLine {
            label: e.label,
            quadrant: e
                .at
                .map(|p| spec.quadrants.name(spec.quadrant(p)).get(lang).to_string()),
            at: e.at,
            note: e.note,
        })
        .collect();
    Some(GridOutline {
        items,
        analysis: analyse(state, index, lang)?,
    })
}

pub(super) fn consent(state: &SessionState, index: usize, lang: Lang) -> Option<ConsentOutline> {
    let Some(StepState::Consent(round)) = state.steps.get(index) else {
        return None;
    };
    let positions = members(state, index, lang)
        .into_iter()
        .filter_map(|m| {
            let p = round.positions.get(&m.who)?;
            Some(PositionLine {
                member: m.label,
                stance: p.stance,
                text: p.text.clone(),
                resolved: p.resolved_by.is_some(),
            })
        })
        .collect();
    Some(ConsentOutline {
        proposal: round.proposal.clone(),
        phase: round.phase,
        decided: round.decided,
        positions,
        amendments: round.amendments.iter().map(|a| a.text.clone()).collect(),
    })
}

pub(super) fn poll(state: &SessionState, index: usize, lang: Lang) -> Option<PollOutline> {
    let spec = state.scenario.steps.get(index)?.kind.poll()?;
    let Some(StepState::Poll(p)) = state.steps.get(index) else {
        return None;
    };
    let names = spec.answers.options(lang);
    let statements = statements(state, index, lang)
        .into_iter()
        .map(|s| {
            let t = tally(spec, p, &s.id);
            PollLine {
                revealed: p.revealed.contains(&s.id),
                answered: answered(&t),
                results: t
                    .iter()
                    .map(|(v, n)| {
                        let name = names
                            .iter()
                            .find(|(x, _)| x == v)
                            .map_or_else(|| v.to_string(), |(_, n)| n.clone());
                        (name, *n)
                    })
                    .collect(),
                id: s.id,
                text: s.text,
            }
        })
        .collect();
    Some(PollOutline { statements })
}

/// The text lines of a grid.
pub(super) fn grid_lines(g: &GridOutline, lang: Lang, out: &mut Vec<String>) {
    for item in &g.items {
        let place = match (&item.at, &item.quadrant) {
            (Some(p), Some(q)) => format!("{} ({q})", point_text(*p)),
            _ => lang.pick("niet geplaatst", "not placed").to_string(),
        };
        let note = if item.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", item.note)
        };
        out.push(format!("  {}: {place}{note}", item.label));
    }
    for m in &g.analysis.moved {
        let to =
            m.to.map_or_else(|| lang.pick("weg", "gone").to_string(), point_text);
        out.push(format!(
            "  {} {}: {} → {to}",
            lang.pick("verschoven", "moved"),
            m.label,
            point_text(m.from)
        ));
    }
}

/// The text lines of a consent round.
pub(super) fn consent_lines(c: &ConsentOutline, lang: Lang, out: &mut Vec<String>) {
    out.push(format!("  “{}”", c.proposal));
    let state = if c.decided {
        lang.pick("besluit genomen", "decision taken").to_string()
    } else {
        format!("{}: {}", lang.pick("ronde", "round"), c.phase.label(lang))
    };
    out.push(format!("  {state}"));
    for p in &c.positions {
        let text = if p.text.is_empty() {
            String::new()
        } else {
            format!(": {}", p.text)
        };
        let resolved = if p.resolved {
            lang.pick(" (opgelost)", " (resolved)")
        } else {
            ""
        };
        out.push(format!(
            "  {} · {}{text}{resolved}",
            p.member,
            p.stance.label(lang)
        ));
    }
    for (i, a) in c.amendments.iter().enumerate() {
        out.push(format!(
            "  {} {}: {a}",
            lang.pick("wijziging", "amendment"),
            i + 1
        ));
    }
}

/// The text lines of a poll.
pub(super) fn poll_lines(p: &PollOutline, lang: Lang, out: &mut Vec<String>) {
    for s in &p.statements {
        let hidden = if s.revealed {
            ""
        } else {
            lang.pick(" (nog niet getoond)", " (not shown yet)")
        };
        out.push(format!(
            "  “{}” · {} {}{hidden}",
            s.text,
            s.answered,
            lang.pick("antwoorden", "answers")
        ));
        let results: Vec<String> = s
            .results
            .iter()
            .map(|(name, n)| format!("{name}: {n}"))
            .collect();
        out.push(format!("    {}", results.join(" · ")));
    }
}
