//! The full report as PDF (`--full`): every step as the HTML report shows it (cards per
//! lane, the matrix as a coloured grid with its analysis, every vote result, agreements
//! and commitments, the review), then the parking lot and the participants.

use super::flow::{Cell, Flow};
use super::{Rgb, Weight};
use crate::core::{Lang, dates};
use crate::report::html_steps::heat;
use crate::report::outcome::*;
use crate::report::words::{date_time, endorsed_count, step_heading, value_text};

/// The full report of an outcome, in `lang`.
pub fn render(outcome: &Outcome, lang: Lang) -> Vec<u8> {
    let mut flow = Flow::new(&outcome.session.title, lang, 8.5);
    flow.heading(&outcome.session.title, 16.0, 20.0);
    let meta = format!(
        "{} · {}{}",
        outcome.scenario.title.get(lang),
        date_time(outcome.session.created, &outcome.session.time_zone, lang),
        outcome
            .session
            .place
            .as_deref()
            .map_or_else(String::new, |p| format!(" · {p}"))
    );
    flow.paragraph(&meta, Weight::Regular, 9.0, Rgb::DIM, 0.0);
    for step in &outcome.steps {
        flow.heading(&step_heading(outcome, step, lang), 12.0, 30.0);
        let size = flow.size;
        flow.paragraph(step.prompt.get(lang), Weight::Regular, size, Rgb::DIM, 0.0);
        match &step.result {
            StepResult::Board(b) => board(&mut flow, outcome, b, lang),
            StepResult::Matrix(m) => matrix(&mut flow, m, lang),
            StepResult::Vote(v) => vote(&mut flow, outcome, v, lang),
            StepResult::Agreement(a) => agreement(&mut flow, a, lang),
            StepResult::Review(r) => review(&mut flow, r, lang),
            StepResult::Grid(g) => super::kinds::grid(&mut flow, outcome, g, lang),
            StepResult::Consent(c) => super::kinds::consent(&mut flow, c, lang),
            StepResult::Poll(p) => super::kinds::poll(&mut flow, p, lang),
        }
    }
    if !outcome.parked.is_empty() {
        flow.heading(lang.pick("Parkeerplaats", "Parking lot"), 12.0, 20.0);
        let rows: Vec<Vec<Cell>> = outcome
            .parked
            .iter()
            .map(|p| {
                vec![
                    Cell::plain(p.card.text.clone()),
                    Cell::dim(p.step_title.get(lang)),
                ]
            })
            .collect();
        flow.table(
            &[0.7, 0.3],
            &[
                lang.pick("Kaart", "Card"),
                lang.pick("Uit stap", "From step"),
            ],
            &rows,
        );
    }
    if !outcome.participants.is_empty() {
        flow.heading(lang.pick("Deelnemers", "Participants"), 12.0, 20.0);
        let rows: Vec<Vec<Cell>> = outcome
            .participants
            .iter()
            .map(|p| {
                vec![
                    Cell::plain(p.label.clone()),
                    Cell::plain(p.organisation.clone()),
                    Cell::dim(
                        p.party
                            .as_deref()
                            .map_or_else(String::new, |id| outcome.party_name(id, lang)),
                    ),
                    Cell::dim(if p.present {
                        lang.pick("aanwezig", "present")
                    } else {
                        ""
                    }),
                ]
            })
            .collect();
        flow.table(
            &[0.3, 0.3, 0.25, 0.15],
            &[
                lang.pick("Naam", "Name"),
                lang.pick("Organisatie", "Organisation"),
                lang.pick("Partij", "Party"),
                "",
            ],
            &rows,
        );
    }
    let foot = format!(
        "{} · {}",
        crate::core::clean::one_line(&outcome.session.title),
        lang.pick(
            "volledig verslag, gemaakt met samenspel",
            "full report, made with samenspel"
        )
    );
    flow.finish(&foot)
}

fn board(flow: &mut Flow, outcome: &Outcome, b: &BoardOutcome, lang: Lang) {
    for lane in &b.lanes {
        let size = flow.size;
        flow.ensure(size * 3.0);
        flow.paragraph(
            lane.title.get(lang),
            Weight::Bold,
            size + 0.5,
            Rgb::INK,
            0.0,
        );
        if lane.cards.is_empty() {
            flow.paragraph(
                lang.pick("(geen kaarten)", "(no cards)"),
                Weight::Regular,
                size,
                Rgb::DIM,
                8.0,
            );
        }
        for card in &lane.cards {
            let mut extra = Vec::new();
            if let Some(p) = &card.party {
                extra.push(outcome.party_name(p, lang));
            }
            if let Some(t) = &card.theme {
                extra.push(t.clone());
            }
            let text = if extra.is_empty() {
                format!("• {}", card.text)
            } else {
                format!("• {} ({})", card.text, extra.join(", "))
            };
            flow.paragraph(&text, Weight::Regular, size, Rgb::INK, 8.0);
        }
    }
}

fn matrix(flow: &mut Flow, m: &MatrixOutcome, lang: Lang) {
    let n = m.columns.len().max(1) as f32;
    let first = if n > 5.0 { 0.3 } else { 0.4 };
    let mut columns = vec![first];
    columns.extend(std::iter::repeat_n((1.0 - first) / n, m.columns.len()));
    let mut header = vec![""];
    header.extend(m.columns.iter().map(|c| c.label.get(lang)));
    let rows: Vec<Vec<Cell>> = m
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut cells = vec![Cell::plain(row.label.clone())];
            for c in 0..m.columns.len() {
                let found = m.cells.iter().find(|x| x.row == r && x.column == c);
                cells.push(match found.and_then(|x| x.value.map(|v| (x, v))) {
                    Some((cell, v)) => {
                        let (bg, fg) = heat(&m.scale, v);
                        Cell {
                            text: value_text(&m.scale, cell, lang),
                            weight: Weight::Bold,
                            ink: Rgb::hex(fg),
                            fill: Some(Rgb::hex(&bg)),
                        }
                    }
                    None => Cell::dim("·"),
                });
            }
            cells
        })
        .collect();
    flow.table(&columns, &header, &rows);
    if let Some(analysis) = &m.analysis {
        let size = flow.size;
        flow.paragraph(&analysis.summary, Weight::Regular, size, Rgb::DIM, 0.0);
        for section in &analysis.sections {
            flow.paragraph(&section.title, Weight::Bold, size, Rgb::INK, 0.0);
            for item in &section.items {
                let text = format!("• {} — {}", item.subject, item.finding);
                flow.paragraph(&text, Weight::Regular, size, Rgb::INK, 8.0);
            }
        }
    }
}

fn vote(flow: &mut Flow, outcome: &Outcome, v: &VoteOutcome, lang: Lang) {
    super::handout::vote_table(flow, outcome, &v.results, lang);
}

fn agreement(flow: &mut Flow, a: &AgreementOutcome, lang: Lang) {
    for item in &a.items {
        let size = flow.size;
        flow.paragraph(item.text.get(lang), Weight::Bold, size, Rgb::INK, 0.0);
        let names: Vec<&str> = item.endorsed_by.iter().map(|e| e.label.as_str()).collect();
        let by = format!(
            "{}{}",
            endorsed_count(names.len(), a.endorsers, lang),
            if names.is_empty() {
                String::new()
            } else {
                format!(": {}", names.join(", "))
            }
        );
        flow.paragraph(&by, Weight::Regular, size, Rgb::DIM, 8.0);
    }
    if a.commitments.is_empty() {
        return;
    }
    let rows: Vec<Vec<Cell>> = a
        .commitments
        .iter()
        .map(|c| {
            vec![
                Cell::plain(c.what.clone()),
                Cell::bold(c.who_label.clone()),
                match c.due {
                    Some(d) => Cell::plain(dates::format(d, lang)),
                    None => Cell::dim(c.when.clone()),
                },
                Cell::dim(
                    c.from
                        .as_ref()
                        .map_or_else(String::new, |f| f.label.clone()),
                ),
            ]
        })
        .collect();
    flow.table(
        &[0.42, 0.2, 0.14, 0.24],
        &[
            lang.pick("Wat", "What"),
            lang.pick("Wie", "Who"),
            lang.pick("Wanneer", "When"),
            lang.pick("Komt van", "Comes from"),
        ],
        &rows,
    );
}

fn review(flow: &mut Flow, r: &ReviewOutcome, lang: Lang) {
    let rows: Vec<Vec<Cell>> = r
        .items
        .iter()
        .map(|i| {
            let when = match (
                i.due,
                i.days_late.and_then(|d| dates::overdue_label(d, lang)),
            ) {
                (Some(d), Some(late)) => format!("{} ({late})", dates::format(d, lang)),
                (Some(d), None) => dates::format(d, lang),
                (None, _) => i.when.clone(),
            };
            let what = match &i.parked_from {
                Some(step) => format!(
                    "{} ({} {step})",
                    i.what,
                    lang.pick("geparkeerd bij", "parked at")
                ),
                None => i.what.clone(),
            };
            vec![
                Cell::plain(what),
                Cell::plain(i.who_label.clone()),
                Cell::plain(when),
                Cell::bold(
                    i.status
                        .map_or(lang.pick("niet besproken", "not discussed"), |s| {
                            s.label(lang)
                        }),
                ),
            ]
        })
        .collect();
    flow.table(
        &[0.45, 0.2, 0.2, 0.15],
        &[
            lang.pick("Afspraak", "Commitment"),
            lang.pick("Wie", "Who"),
            lang.pick("Wanneer", "When"),
            lang.pick("Status", "Status"),
        ],
        &rows,
    );
}
