//! The one-page handout: what a municipality forwards after the meeting. Title, date and
//! place; what became of last time's actions; the top results of each vote; shared ground
//! and tension of each matrix in one small table; the agreements with who endorsed them;
//! every action sorted by owner and date; the parking lot. A second page ("vervolg")
//! only when this does not fit.

use super::flow::{Cell, Flow, MARGIN};
use super::{Rgb, Weight};
use crate::core::{Lang, dates};
use crate::report::outcome::{Outcome, StepOutcome, StepResult, VoteResult};
use crate::report::words::{dots, endorsed_count, step_heading};

/// How many results of a vote the handout shows.
const TOP_RESULTS: usize = 5;
/// How many findings per column of a matrix summary.
const TOP_FINDINGS: usize = 3;

/// The handout of an outcome, in `lang`.
pub fn render(outcome: &Outcome, lang: Lang) -> Vec<u8> {
    let mut flow = Flow::new(&outcome.session.title, lang, 7.5);
    header(&mut flow, outcome, lang);
    for step in &outcome.steps {
        if let StepResult::Review(r) = &step.result {
            review(&mut flow, r, lang);
        }
    }
    for step in &outcome.steps {
        match &step.result {
            StepResult::Vote(_) => vote(&mut flow, outcome, step, lang),
            StepResult::Matrix(_) => matrix(&mut flow, outcome, step, lang),
            _ => {}
        }
    }
    agreements(&mut flow, outcome, lang);
    actions(&mut flow, outcome, lang);
    parked(&mut flow, outcome, lang);
    let foot = format!(
        "{} · {} · {}",
        crate::core::clean::one_line(&outcome.session.title),
        outcome.scenario.title.get(lang),
        lang.pick("gemaakt met samenspel", "made with samenspel")
    );
    flow.finish(&foot)
}

fn header(flow: &mut Flow, outcome: &Outcome, lang: Lang) {
    let title_size = 17.0;
    for line in flow.wrap(
        &outcome.session.title,
        Weight::Bold,
        title_size,
        flow.width(),
    ) {
        flow.doc.text(
            MARGIN,
            flow.y + title_size,
            title_size,
            Weight::Bold,
            Rgb::INK,
            &line,
        );
        flow.y += title_size * 1.2;
    }
    let zoned = outcome
        .session
        .created
        .to_zoned(crate::store::zone::named(&outcome.session.time_zone));
    let mut meta = vec![format!(
        "{}, {:02}:{:02}",
        dates::format(zoned.date(), lang),
        zoned.hour(),
        zoned.minute()
    )];
    if let Some(place) = outcome
        .session
        .place
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        meta.push(place.to_string());
    }
    meta.push(outcome.scenario.title.get(lang).to_string());
    let present = outcome.participants.iter().filter(|p| p.present).count();
    if present > 0 {
        meta.push(format!("{present} {}", lang.pick("aanwezig", "present")));
    }
    flow.y += 2.0;
    flow.paragraph(&meta.join(" · "), Weight::Regular, 9.5, Rgb::DIM, 0.0);
    let right = MARGIN + flow.width();
    flow.doc.line(
        (MARGIN, flow.y + 2.0),
        (right, flow.y + 2.0),
        1.2,
        Rgb::ACCENT,
    );
    flow.y += 6.0;
}

fn review(flow: &mut Flow, r: &crate::report::outcome::ReviewOutcome, lang: Lang) {
    use crate::core::state::ReviewStatus;
    let count = |s: Option<ReviewStatus>| r.items.iter().filter(|i| i.status == s).count();
    let heading = match &r.from {
        Some(from) => format!("{} {from}", lang.pick("Terugblik op", "Looking back at")),
        None => lang.pick("Terugblik", "Looking back").to_string(),
    };
    flow.heading(&heading, 9.5, 20.0);
    let mut parts = vec![
        format!(
            "{} {}",
            count(Some(ReviewStatus::Done)),
            ReviewStatus::Done.label(lang)
        ),
        format!(
            "{} {}",
            count(Some(ReviewStatus::Open)),
            ReviewStatus::Open.label(lang)
        ),
        format!(
            "{} {}",
            count(Some(ReviewStatus::Dropped)),
            ReviewStatus::Dropped.label(lang)
        ),
    ];
    let undiscussed = count(None);
    if undiscussed > 0 {
        parts.push(format!(
            "{undiscussed} {}",
            lang.pick("niet besproken", "not discussed")
        ));
    }
    let late = r
        .items
        .iter()
        .filter(|i| i.days_late.is_some() && i.status != Some(ReviewStatus::Done))
        .count();
    if late > 0 {
        parts.push(format!("{late} {}", lang.pick("over tijd", "overdue")));
    }
    let size = flow.size;
    flow.paragraph(&parts.join(" · "), Weight::Regular, size, Rgb::INK, 0.0);
}

fn vote(flow: &mut Flow, outcome: &Outcome, step: &StepOutcome, lang: Lang) {
    let StepResult::Vote(v) = &step.result else {
        return;
    };
    let results: Vec<_> = v
        .results
        .iter()
        .filter(|r| r.dots > 0)
        .take(TOP_RESULTS)
        .collect();
    if results.is_empty() {
        return;
    }
    flow.heading(&step_heading(outcome, step, lang), 9.5, 30.0);
    vote_table(flow, outcome, results, lang);
}

/// The ranked results of a vote as a table: rank, what (with its party), dots.
pub(super) fn vote_table<'a>(
    flow: &mut Flow,
    outcome: &Outcome,
    results: impl IntoIterator<Item = &'a VoteResult>,
    lang: Lang,
) {
    let rows: Vec<Vec<Cell>> = results
        .into_iter()
        .map(|r| {
            let mut label = r.label.clone();
            if let Some(p) = &r.party {
                label = format!("{label} ({})", outcome.party_name(p, lang));
            }
            vec![
                Cell::bold(format!("{}.", r.rank)),
                Cell::plain(label),
                Cell::plain(dots(r.dots, lang)),
            ]
        })
        .collect();
    flow.table(
        &[0.06, 0.8, 0.14],
        &["", lang.pick("Wat", "What"), lang.pick("Stippen", "Dots")],
        &rows,
    );
}

fn matrix(flow: &mut Flow, outcome: &Outcome, step: &StepOutcome, lang: Lang) {
    let StepResult::Matrix(m) = &step.result else {
        return;
    };
    let Some(analysis) = &m.analysis else { return };
    let mut sections: Vec<_> = ["shared_ground", "tension"]
        .iter()
        .filter_map(|id| analysis.sections.iter().find(|s| s.id == *id))
        .collect();
    if sections.is_empty() {
        sections = analysis.sections.iter().take(2).collect();
    }
    if sections.iter().all(|s| s.items.is_empty()) {
        return;
    }
    flow.heading(&step_heading(outcome, step, lang), 9.5, 30.0);
    let depth = sections
        .iter()
        .map(|s| s.items.len().min(TOP_FINDINGS))
        .max()
        .unwrap_or(0);
    let rows: Vec<Vec<Cell>> = (0..depth)
        .map(|i| {
            sections
                .iter()
                .map(|s| match s.items.get(i) {
                    Some(item) => Cell::plain(format!("{} — {}", item.subject, item.finding)),
                    None => Cell::plain(""),
                })
                .collect()
        })
        .collect();
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    let share = 1.0 / titles.len().max(1) as f32;
    flow.table(&vec![share; titles.len()], &titles, &rows);
}

fn agreements(flow: &mut Flow, outcome: &Outcome, lang: Lang) {
    for step in &outcome.steps {
        let StepResult::Agreement(a) = &step.result else {
            continue;
        };
        if a.items.is_empty() {
            continue;
        }
        flow.heading(&step_heading(outcome, step, lang), 9.5, 24.0);
        let rows: Vec<Vec<Cell>> = a
            .items
            .iter()
            .map(|item| {
                let names: Vec<&str> = item.endorsed_by.iter().map(|e| e.label.as_str()).collect();
                let by = if names.is_empty() {
                    lang.pick("nog door niemand onderschreven", "not endorsed yet")
                        .to_string()
                } else {
                    format!(
                        "{}: {}",
                        endorsed_count(names.len(), a.endorsers, lang),
                        names.join(", ")
                    )
                };
                vec![Cell::plain(item.text.get(lang)), Cell::dim(by)]
            })
            .collect();
        flow.table(
            &[0.62, 0.38],
            &[
                lang.pick("Akkoord", "Agreement"),
                lang.pick("Onderschreven door", "Endorsed by"),
            ],
            &rows,
        );
    }
}

fn actions(flow: &mut Flow, outcome: &Outcome, lang: Lang) {
    let rows = outcome.actions();
    if rows.is_empty() {
        return;
    }
    flow.heading(lang.pick("Afspraken", "Commitments"), 9.5, 30.0);
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| {
            let c = row.commitment;
            let who = if c.who_label.trim().is_empty() {
                Cell::dim(lang.pick("(nog niemand)", "(no one yet)"))
            } else {
                Cell::bold(c.who_label.clone())
            };
            let when = match c.due {
                Some(d) => Cell::plain(dates::format(d, lang)),
                None if c.when.trim().is_empty() => Cell::dim("—"),
                // Free text is not a date: quoted, in grey.
                None => Cell::dim(format!("“{}”", c.when.trim())),
            };
            let from = c.from.as_ref().map_or_else(String::new, |f| {
                flow.fit(
                    &f.label,
                    Weight::Regular,
                    flow.size,
                    flow.width() * 0.2 - 4.0,
                )
            });
            vec![who, Cell::plain(c.what.clone()), when, Cell::dim(from)]
        })
        .collect();
    flow.table(
        &[0.18, 0.48, 0.12, 0.22],
        &[
            lang.pick("Wie", "Who"),
            lang.pick("Wat", "What"),
            lang.pick("Wanneer", "When"),
            lang.pick("Komt van", "Comes from"),
        ],
        &cells,
    );
}

fn parked(flow: &mut Flow, outcome: &Outcome, lang: Lang) {
    if outcome.parked.is_empty() {
        return;
    }
    flow.heading(
        lang.pick(
            "Parkeerplaats: voor een volgende keer",
            "Parking lot: for another time",
        ),
        9.5,
        16.0,
    );
    let size = flow.size;
    for p in &outcome.parked {
        let text = format!("• {} ({})", p.card.text, p.step_title.get(lang));
        flow.paragraph(&text, Weight::Regular, size, Rgb::INK, 4.0);
    }
}
