//! The aggregate for people and tools: one list of headings, lines and tables, written as
//! Markdown, HTML or CSV (long form: one figure a row), and the aggregate itself as JSON.

use super::*;
use crate::report::html::esc;
use crate::report::markdown::{cell, inline};

/// A piece of the report: what every format writes, each in its own way.
pub(super) enum Block {
    Heading(usize, String),
    Line(String),
    Table(Vec<String>, Vec<Vec<String>>),
}

/// The report as Markdown.
pub fn markdown(a: &Aggregate) -> String {
    let mut out = String::new();
    for block in blocks(a) {
        match block {
            Block::Heading(level, text) => {
                out.push_str(&format!("{} {}\n\n", "#".repeat(level), inline(&text)));
            }
            Block::Line(text) => out.push_str(&format!("{}\n\n", inline(&text))),
            Block::Table(head, rows) => {
                out.push_str(&format!(
                    "| {} |\n",
                    head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")
                ));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for row in rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                    ));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The report as one HTML page.
pub fn html(a: &Aggregate) -> String {
    let lang = a.lang;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}table{{border-collapse:collapse;margin:0 0 1.5rem}}th,td{{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}}th{{background:#eef2f7}}td.n{{text-align:right}}</style>\n</head>\n<body>\n",
        lang.pick("nl", "en"),
        esc(&title(a))
    );
    for block in blocks(a) {
        match block {
            Block::Heading(level, text) => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", esc(&text)));
            }
            Block::Line(text) => out.push_str(&format!("<p>{}</p>\n", esc(&text))),
            Block::Table(head, rows) => {
                out.push_str("<table>\n<thead><tr>");
                for h in &head {
                    out.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (i, c) in row.iter().enumerate() {
                        let numeric = i > 0 && c.parse::<f64>().is_ok();
                        let class = if numeric { " class=\"n\"" } else { "" };
                        out.push_str(&format!("<td{class}>{}</td>", esc(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The report as CSV in long form: `section,table,item,measure,value`, one figure a row,
/// so a spreadsheet or pandas can pivot it.
pub fn csv(a: &Aggregate) -> Result<Vec<u8>, ::csv::Error> {
    let lang = a.lang;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record([
        lang.pick("onderdeel", "section"),
        lang.pick("tabel", "table"),
        lang.pick("wat", "item"),
        lang.pick("maat", "measure"),
        lang.pick("waarde", "value"),
    ])?;
    let mut section = String::new();
    let mut table = String::new();
    for block in blocks(a) {
        match block {
            Block::Heading(level, text) if level <= 2 => {
                section = text;
                table.clear();
            }
            Block::Heading(_, text) => table = text,
            Block::Line(_) => {}
            Block::Table(head, rows) => {
                for row in rows {
                    let item = row.first().cloned().unwrap_or_default();
                    for (h, v) in head.iter().zip(&row).skip(1) {
                        w.write_record([
                            crate::core::clean::clean(&section).as_ref(),
                            crate::core::clean::clean(&table).as_ref(),
                            crate::core::clean::clean(&item).as_ref(),
                            h.as_str(),
                            crate::core::clean::clean(v).as_ref(),
                        ])?;
                    }
                }
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// The aggregate as JSON (`samenspel/aggregate`), pretty, with a final newline.
pub fn json(a: &Aggregate) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(a)?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub(super) fn title(a: &Aggregate) -> String {
    a.lang
        .pick("Overzicht van het programma", "Programme overview")
        .to_string()
}

fn n(x: usize) -> String {
    x.to_string()
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

pub(super) fn blocks(a: &Aggregate) -> Vec<Block> {
    let lang = a.lang;
    let mut b = vec![Block::Heading(1, title(a))];
    b.push(Block::Line(match lang {
        Lang::Nl => format!(
            "{} sessies gelezen, {} bestanden overgeslagen. Zonder namen van deelnemers; een partij of reeks staat er apart alleen in als ze in minstens {} sessies voorkomt ({} partijen en {} reeksen niet apart).",
            a.sessions, a.skipped, a.min_group, a.parties_not_shown, a.series_not_shown
        ),
        Lang::En => format!(
            "{} sessions read, {} files skipped. Without participants' names; a party or series has its own figures only when it covers at least {} sessions ({} parties and {} series not shown on their own).",
            a.sessions, a.skipped, a.min_group, a.parties_not_shown, a.series_not_shown
        ),
    }));
    match a.by {
        By::Scenario => {
            scenarios(a, &mut b);
            actions_section(a, &mut b);
            parties(a, &mut b);
            series(a, &mut b);
        }
        By::Series => {
            series(a, &mut b);
            actions_section(a, &mut b);
            scenarios(a, &mut b);
            parties(a, &mut b);
        }
        By::Party => {
            parties(a, &mut b);
            actions_section(a, &mut b);
            scenarios(a, &mut b);
            series(a, &mut b);
        }
    }
    b
}

fn scenarios(a: &Aggregate, b: &mut Vec<Block>) {
    let lang = a.lang;
    for s in &a.scenarios {
        b.push(Block::Heading(
            2,
            format!(
                "{} ({} {})",
                s.title,
                s.sessions,
                lang.pick("sessies", "sessions")
            ),
        ));
        for board in &s.boards {
            b.push(Block::Heading(3, board.title.clone()));
            for lane in &board.lanes {
                b.push(Block::Line(match lang {
                    Lang::Nl => format!(
                        "{}: {} verschillende kaarten in {} sessies; wat het vaakst terugkomt:",
                        lane.title, lane.distinct, lane.sessions
                    ),
                    Lang::En => format!(
                        "{}: {} different cards in {} sessions; what comes back most:",
                        lane.title, lane.distinct, lane.sessions
                    ),
                }));
                let rows = lane
                    .cards
                    .iter()
                    .map(|c| {
                        let parties = c
                            .by_party
                            .iter()
                            .map(|p| format!("{} {}", p.label, p.count))
                            .collect::<Vec<_>>()
                            .join(", ");
                        vec![c.text.clone(), n(c.sessions), parties]
                    })
                    .collect();
                b.push(Block::Table(
                    vec![
                        lang.pick("kaart", "card").into(),
                        lang.pick("sessies", "sessions").into(),
                        lang.pick("per partij (sessies)", "per party (sessions)")
                            .into(),
                    ],
                    rows,
                ));
            }
        }
        for m in &s.matrices {
            b.push(Block::Heading(
                3,
                format!(
                    "{} ({} {})",
                    m.title,
                    m.sessions,
                    lang.pick("sessies", "sessions")
                ),
            ));
            if !m.cells.is_empty() {
                let rows = m
                    .cells
                    .iter()
                    .map(|c| {
                        vec![
                            format!("{} × {}", c.row, c.column),
                            c.min.to_string(),
                            num(c.median),
                            c.max.to_string(),
                            n(c.count),
                        ]
                    })
                    .collect();
                b.push(Block::Table(
                    vec![
                        lang.pick("cel", "cell").into(),
                        "min".into(),
                        lang.pick("mediaan", "median").into(),
                        "max".into(),
                        lang.pick("sessies", "sessions").into(),
                    ],
                    rows,
                ));
            }
            for (heading, list) in [
                (
                    lang.pick(
                        "Gedeelde grond in de meeste sessies",
                        "Shared ground in most sessions",
                    ),
                    &m.shared_ground,
                ),
                (
                    lang.pick("Spanning die terugkomt", "Tension that recurs"),
                    &m.tensions,
                ),
            ] {
                if list.is_empty() {
                    continue;
                }
                b.push(Block::Heading(4, heading.to_string()));
                let rows = list
                    .iter()
                    .map(|r| vec![r.subject.clone(), n(r.sessions), n(r.of)])
                    .collect();
                b.push(Block::Table(
                    vec![
                        lang.pick("wat", "what").into(),
                        lang.pick("sessies", "sessions").into(),
                        lang.pick("van", "of").into(),
                    ],
                    rows,
                ));
            }
            if !m.tracks.is_empty() {
                b.push(Block::Heading(
                    4,
                    lang.pick("Fase per spoor", "Phase per track").to_string(),
                ));
                let rows = m
                    .tracks
                    .iter()
                    .flat_map(|t| {
                        t.phases
                            .iter()
                            .map(|p| vec![t.track.clone(), p.label.clone(), n(p.count)])
                    })
                    .collect();
                b.push(Block::Table(
                    vec![
                        lang.pick("spoor", "track").into(),
                        lang.pick("stand", "standing").into(),
                        lang.pick("sessies", "sessions").into(),
                    ],
                    rows,
                ));
            }
        }
        for v in &s.votes {
            b.push(Block::Heading(
                3,
                format!(
                    "{} ({} {})",
                    v.title,
                    v.sessions,
                    lang.pick("sessies", "sessions")
                ),
            ));
            let rows = v
                .top
                .iter()
                .map(|t| vec![t.label.clone(), n(t.first), n(t.top3)])
                .collect();
            b.push(Block::Table(
                vec![
                    lang.pick("bovenaan", "on top").into(),
                    lang.pick("eerste", "first").into(),
                    lang.pick("top 3", "top 3").into(),
                ],
                rows,
            ));
        }
        b.push(Block::Heading(
            3,
            format!("{}: {}", lang.pick("Afspraken", "Commitments"), s.title),
        ));
        actions_table(&s.actions, lang, b);
    }
}

fn actions_section(a: &Aggregate, b: &mut Vec<Block>) {
    let lang = a.lang;
    b.push(Block::Heading(
        2,
        lang.pick(
            "Afspraken en wat ervan werd",
            "Commitments and what became of them",
        )
        .to_string(),
    ));
    actions_table(&a.actions, lang, b);
    if !a.actions.by_age.is_empty() {
        b.push(Block::Heading(
            3,
            lang.pick("Naar leeftijd", "By age").to_string(),
        ));
        let rows = a
            .actions
            .by_age
            .iter()
            .map(|l| {
                vec![
                    l.age.clone(),
                    n(l.done),
                    n(l.open),
                    n(l.dropped),
                    n(l.undiscussed),
                ]
            })
            .collect();
        b.push(Block::Table(
            status_head(lang, lang.pick("leeftijd", "age")),
            rows,
        ));
    }
}

fn status_head(lang: Lang, first: &str) -> Vec<String> {
    vec![
        first.into(),
        lang.pick("gedaan", "done").into(),
        lang.pick("loopt nog", "still open").into(),
        lang.pick("vervallen", "dropped").into(),
        lang.pick("niet besproken", "not discussed").into(),
    ]
}

fn actions_table(x: &ActionsAggregate, lang: Lang, b: &mut Vec<Block>) {
    let rows = [
        (lang.pick("gemaakt", "made"), x.made),
        (lang.pick("met een datum", "with a date"), x.dated),
        (
            lang.pick("met een volgende bijeenkomst", "with a next meeting"),
            x.with_next_meeting,
        ),
        (
            lang.pick(
                "wacht op de volgende bijeenkomst",
                "awaiting the next meeting",
            ),
            x.awaiting_review,
        ),
        (lang.pick("teruggeblikt", "reviewed"), x.reviewed),
        (lang.pick("gedaan", "done"), x.done),
        (lang.pick("loopt nog", "still open"), x.open),
        (lang.pick("vervallen", "dropped"), x.dropped),
        (lang.pick("niet besproken", "not discussed"), x.undiscussed),
        (lang.pick("over tijd", "overdue"), x.overdue),
    ]
    .iter()
    .map(|(l, v)| vec![l.to_string(), n(*v)])
    .collect();
    b.push(Block::Table(
        vec![
            lang.pick("afspraken", "commitments").into(),
            lang.pick("aantal", "number").into(),
        ],
        rows,
    ));
}

fn parties(a: &Aggregate, b: &mut Vec<Block>) {
    let lang = a.lang;
    b.push(Block::Heading(
        2,
        lang.pick("Per partij", "Per party").to_string(),
    ));
    if a.parties.is_empty() {
        b.push(Block::Line(
            lang.pick(
                "Geen partij komt in genoeg sessies voor om apart te tonen.",
                "No party is in enough sessions to be shown on its own.",
            )
            .to_string(),
        ));
        return;
    }
    let mut head = vec![
        lang.pick("partij", "party").to_string(),
        lang.pick("sessies", "sessions").into(),
        lang.pick("aanwezig", "present").into(),
        lang.pick("kaarten", "cards").into(),
        lang.pick("afspraken", "commitments").into(),
    ];
    head.extend(status_head(lang, "").into_iter().skip(1));
    head.push(lang.pick("over tijd", "overdue").into());
    let rows = a
        .parties
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                n(p.sessions),
                n(p.present),
                n(p.cards),
                n(p.made),
                n(p.done),
                n(p.open),
                n(p.dropped),
                n(p.undiscussed),
                n(p.overdue),
            ]
        })
        .collect();
    b.push(Block::Table(head, rows));
}

fn series(a: &Aggregate, b: &mut Vec<Block>) {
    let lang = a.lang;
    b.push(Block::Heading(
        2,
        lang.pick("Reeksen", "Series").to_string(),
    ));
    if a.series.is_empty() {
        b.push(Block::Line(
            lang.pick(
                "Geen reeks met genoeg bijeenkomsten om apart te tonen.",
                "No series with enough meetings to be shown on its own.",
            )
            .to_string(),
        ));
    }
    for s in &a.series {
        b.push(Block::Heading(
            3,
            format!(
                "{} ({}, {} {})",
                s.label,
                s.scenario,
                s.meetings.len(),
                lang.pick("bijeenkomsten", "meetings")
            ),
        ));
        let rows = s
            .meetings
            .iter()
            .map(|m| {
                let by = m
                    .present_by_party
                    .iter()
                    .map(|p| format!("{} {}", p.label, p.count))
                    .collect::<Vec<_>>()
                    .join(", ");
                let moved =
                    m.moved
                        .as_ref()
                        .filter(|mv| mv.cells > 0)
                        .map_or_else(String::new, |mv| match lang {
                            Lang::Nl => format!(
                                "{} cellen: {} hoger, {} lager, {} gelijk (gemiddeld {:+})",
                                mv.cells, mv.up, mv.down, mv.same, mv.mean_change
                            ),
                            Lang::En => format!(
                                "{} cells: {} up, {} down, {} same (mean {:+})",
                                mv.cells, mv.up, mv.down, mv.same, mv.mean_change
                            ),
                        });
                vec![m.date.clone(), m.title.clone(), n(m.present), by, moved]
            })
            .collect();
        b.push(Block::Table(
            vec![
                lang.pick("datum", "date").into(),
                lang.pick("bijeenkomst", "meeting").into(),
                lang.pick("aanwezig", "present").into(),
                lang.pick("per partij", "per party").into(),
                lang.pick("matrix sinds de vorige", "matrix since the one before")
                    .into(),
            ],
            rows,
        ));
        actions_table(&s.actions, lang, b);
    }
}
