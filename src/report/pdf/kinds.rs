//! The full PDF report's grids, consent rounds and polls, as the Markdown and HTML reports
//! give them: what stands in each quadrant and where, the final proposal with every
//! position and amendment, and per statement the count of each answer.

use super::flow::{Cell, Flow};
use super::{Rgb, Weight};
use crate::core::Lang;
use crate::core::consent::Stance;
use crate::core::grid::point_text;
use crate::report::markdown_kinds::consent_state;
use crate::report::outcome::*;
use crate::report::words::{axis_text, decimal_text, moved_text, poll_average_text};

pub(super) fn grid(flow: &mut Flow, outcome: &Outcome, g: &GridOutcome, lang: Lang) {
    let size = flow.size;
    flow.paragraph(
        &format!(
            "{} {} × {}",
            lang.pick("Assen:", "Axes:"),
            axis_text(&g.x, lang),
            axis_text(&g.y, lang)
        ),
        Weight::Regular,
        size,
        Rgb::DIM,
        0.0,
    );
    let rows: Vec<Vec<Cell>> = g
        .per_quadrant
        .iter()
        .map(|q| {
            let items = if q.items.is_empty() {
                "–".to_string()
            } else {
                q.items.join(", ")
            };
            vec![Cell::bold(q.name.get(lang)), Cell::plain(items)]
        })
        .collect();
    flow.table(
        &[0.3, 0.7],
        &[
            lang.pick("Kwadrant", "Quadrant"),
            lang.pick("Wat er staat", "What stands there"),
        ],
        &rows,
    );
    let placed: Vec<Vec<Cell>> = g
        .items
        .iter()
        .filter_map(|i| {
            let at = i.at?;
            let mut label = i.label.clone();
            if let Some(p) = &i.party
                && !matches!(i.key, crate::core::grid::GridItem::Party(_))
            {
                label = format!("{label} ({})", outcome.party_name(p, lang));
            }
            Some(vec![
                Cell::plain(label),
                Cell::plain(point_text(at)),
                Cell::dim(
                    i.quadrant
                        .map(|q| g.quadrants.name(q).get(lang).to_string())
                        .unwrap_or_default(),
                ),
                Cell::plain(i.note.clone()),
            ])
        })
        .collect();
    if !placed.is_empty() {
        flow.table(
            &[0.3, 0.1, 0.22, 0.38],
            &[
                "",
                &format!("{} × {}", g.x.label.get(lang), g.y.label.get(lang)),
                lang.pick("Kwadrant", "Quadrant"),
                lang.pick("Notitie", "Note"),
            ],
            &placed,
        );
    }
    if !g.unplaced.is_empty() {
        flow.paragraph(
            &format!(
                "{} {}",
                lang.pick("Niet geplaatst:", "Not placed:"),
                g.unplaced.join(", ")
            ),
            Weight::Regular,
            size,
            Rgb::DIM,
            0.0,
        );
    }
    if !g.moved.is_empty() {
        flow.paragraph(
            lang.pick("Verschoven sinds de vorige keer", "Moved since last time"),
            Weight::Bold,
            size,
            Rgb::INK,
            0.0,
        );
        for m in &g.moved {
            flow.paragraph(
                &format!("• {}: {}", m.label, moved_text(m, lang)),
                Weight::Regular,
                size,
                Rgb::INK,
                8.0,
            );
        }
    }
}

pub(super) fn consent(flow: &mut Flow, c: &ConsentOutcome, lang: Lang) {
    let size = flow.size;
    let proposal = if c.proposal.is_empty() {
        lang.pick("(geen voorstel)", "(no proposal)")
    } else {
        c.proposal.as_str()
    };
    flow.paragraph(proposal, Weight::Bold, size + 1.0, Rgb::INK, 0.0);
    let ink = if c.decided { Rgb::ACCENT } else { Rgb::DIM };
    flow.paragraph(&consent_state(c, lang), Weight::Bold, size, ink, 0.0);
    if !c.positions.is_empty() {
        let rows: Vec<Vec<Cell>> = c
            .positions
            .iter()
            .map(|p| {
                let mut stance = p.stance.label(lang).to_string();
                if let Some(n) = p.resolved_by {
                    stance.push_str(&match lang {
                        Lang::Nl => format!(" (opgelost door wijziging {n})"),
                        Lang::En => format!(" (resolved by amendment {n})"),
                    });
                }
                vec![
                    Cell::plain(p.label.clone()),
                    if p.stance == Stance::Objection && p.resolved_by.is_none() {
                        Cell::bold(stance)
                    } else {
                        Cell::plain(stance)
                    },
                    Cell::plain(p.text.clone()),
                ]
            })
            .collect();
        flow.table(
            &[0.28, 0.3, 0.42],
            &[
                lang.pick("Wie", "Who"),
                lang.pick("Standpunt", "Position"),
                lang.pick("Toelichting", "Why"),
            ],
            &rows,
        );
    }
    if !c.amendments.is_empty() {
        flow.paragraph(
            lang.pick("Wijzigingen van het voorstel", "Amendments of the proposal"),
            Weight::Bold,
            size,
            Rgb::INK,
            0.0,
        );
        if !c.original.is_empty() {
            flow.paragraph(
                &format!(
                    "{} {}",
                    lang.pick("Oorspronkelijk:", "Originally:"),
                    c.original
                ),
                Weight::Regular,
                size,
                Rgb::DIM,
                0.0,
            );
        }
        for a in &c.amendments {
            let resolves = if a.resolves.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} {})",
                    lang.pick("lost het bezwaar op van", "resolves the objection of"),
                    a.resolves.join(", ")
                )
            };
            flow.paragraph(
                &format!("{}. {}{resolves}", a.number, a.text),
                Weight::Regular,
                size,
                Rgb::INK,
                8.0,
            );
        }
    }
    if !c.said.is_empty() {
        let rows: Vec<Vec<Cell>> = c
            .said
            .iter()
            .map(|s| {
                vec![
                    Cell::dim(s.phase.label(lang)),
                    Cell::plain(s.label.clone()),
                    Cell::plain(s.text.clone()),
                ]
            })
            .collect();
        flow.table(
            &[0.22, 0.24, 0.54],
            &[
                lang.pick("Ronde", "Round"),
                lang.pick("Wie", "Who"),
                lang.pick("Vraag of reactie", "Question or reaction"),
            ],
            &rows,
        );
    }
}

pub(super) fn poll(flow: &mut Flow, p: &PollOutcome, lang: Lang) {
    if p.counts_only {
        let size = flow.size;
        flow.paragraph(
            lang.pick(
                "Anoniem: alleen de aantallen zijn bewaard, niet wie wat antwoordde.",
                "Anonymous: only the counts were kept, not who answered what.",
            ),
            Weight::Regular,
            size,
            Rgb::DIM,
            0.0,
        );
    }
    // The statement wide, then a narrow column per answer, the total and the average.
    let answers = p.options.len() as f32;
    let narrow = (0.5 / (answers + 2.0)).min(0.1);
    let mut columns = vec![1.0 - narrow * (answers + 2.0)];
    columns.extend(std::iter::repeat_n(narrow, p.options.len() + 2));
    let labels: Vec<String> = p
        .options
        .iter()
        .map(|o| o.label.get(lang).to_string())
        .collect();
    let mut head: Vec<&str> = vec![lang.pick("Stelling", "Statement")];
    head.extend(labels.iter().map(String::as_str));
    head.push(lang.pick("Antwoorden", "Answers"));
    head.push(poll_average_text(p, lang));
    let rows: Vec<Vec<Cell>> = p
        .statements
        .iter()
        .map(|s| {
            let mut row = vec![if s.revealed {
                Cell::plain(s.text.clone())
            } else {
                Cell::plain(format!(
                    "{} ({})",
                    s.text,
                    lang.pick("niet getoond", "not shown")
                ))
            }];
            row.extend(s.counts.iter().map(|n| Cell::plain(n.to_string())));
            row.push(Cell::bold(s.answered.to_string()));
            row.push(Cell::plain(
                s.average
                    .map(|a| decimal_text(p, a, lang))
                    .unwrap_or_else(|| "–".to_string()),
            ));
            row
        })
        .collect();
    flow.table(&columns, &head, &rows);
}
