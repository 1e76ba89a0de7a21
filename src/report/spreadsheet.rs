//! CSV for spreadsheets: RFC 4180 (comma, CRLF, quotes doubled), UTF-8 with a byte order
//! mark so spreadsheet programs read accents right; `;` instead of the comma for Excel with
//! a Dutch locale. One file with a `kind` column, or with `--split` one file per kind with
//! only that kind's columns. The columns are documented in README.md ("Exports, merging
//! and comparing").

use super::outcome::{Outcome, StepResult};
use super::words::value_text;
use super::{ExportFile, Options};
use crate::core::Lang;
use crate::core::state::VoteTarget;

mod kinds;

/// Every column, in the order of the single file.
pub const COLUMNS: [&str; 23] = [
    "kind",
    "step",
    "step_title",
    "lane",
    "row",
    "column",
    "id",
    "text",
    "party",
    "theme",
    "value",
    "value_label",
    "note",
    "rank",
    "count",
    "who",
    "when",
    "endorsed_by",
    "status",
    "organisation",
    "present",
    "x",
    "y",
];

/// The kinds of rows, with the columns each uses (after `kind`).
pub const KINDS: [(&str, &[&str]); 12] = [
    (
        "participant",
        &["id", "text", "organisation", "party", "present"],
    ),
    (
        "card",
        &["step", "step_title", "lane", "id", "text", "party", "theme"],
    ),
    (
        "cell",
        &[
            "step",
            "step_title",
            "row",
            "column",
            "id",
            "party",
            "value",
            "value_label",
            "note",
        ],
    ),
    (
        "vote",
        &[
            "step",
            "step_title",
            "rank",
            "id",
            "text",
            "party",
            "theme",
            "count",
        ],
    ),
    (
        "commitment",
        &["step", "step_title", "id", "text", "who", "when"],
    ),
    (
        "endorsement",
        &["step", "step_title", "id", "text", "count", "endorsed_by"],
    ),
    (
        "review",
        &["step", "step_title", "id", "text", "who", "when", "status"],
    ),
    (
        "grid_item",
        &[
            "step",
            "step_title",
            "id",
            "text",
            "party",
            "x",
            "y",
            "value_label",
            "note",
        ],
    ),
    ("proposal", &["step", "step_title", "text", "status"]),
    (
        "position",
        &[
            "step",
            "step_title",
            "id",
            "text",
            "party",
            "status",
            "note",
        ],
    ),
    (
        "amendment",
        &["step", "step_title", "rank", "text", "note", "who"],
    ),
    (
        "poll",
        &[
            "step",
            "step_title",
            "id",
            "text",
            "value",
            "value_label",
            "count",
            "status",
        ],
    ),
];

/// One data row: its kind and (column, value) pairs.
pub(super) struct Record {
    pub(super) kind: &'static str,
    pub(super) fields: Vec<(&'static str, String)>,
}

impl Record {
    fn get(&self, column: &str) -> &str {
        self.fields
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The CSV file(s) of an outcome.
pub fn render(outcome: &Outcome, opts: &Options) -> Vec<ExportFile> {
    let records = records(outcome, opts.lang);
    let separator = opts.separator;
    if opts.split {
        KINDS
            .iter()
            .map(|(kind, columns)| ExportFile {
                suffix: format!("-{kind}s"),
                bytes: write(
                    columns,
                    records.iter().filter(|r| r.kind == *kind),
                    |_, _| None,
                    separator,
                ),
            })
            .collect()
    } else {
        vec![ExportFile {
            suffix: String::new(),
            bytes: write(
                &COLUMNS,
                records.iter(),
                |r, c| (c == "kind").then(|| r.kind.to_string()),
                separator,
            ),
        }]
    }
}

fn write<'a>(
    columns: &[&str],
    records: impl Iterator<Item = &'a Record>,
    extra: impl Fn(&Record, &str) -> Option<String>,
    separator: u8,
) -> Vec<u8> {
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(separator)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        // Writing to memory cannot fail.
        let _ = w.write_record(columns);
        for r in records {
            let row: Vec<String> = columns
                .iter()
                .map(|c| extra(r, c).unwrap_or_else(|| r.get(c).to_string()))
                .collect();
            let _ = w.write_record(&row);
        }
        let _ = w.flush();
    }
    bytes
}

/// Text for a cell: line breaks kept (as `\n`), other control characters made visible,
/// and a text that a spreadsheet could run as a formula guarded by a leading `'`: one that
/// starts, after any spaces, tabs or line breaks (which spreadsheets trim on import), with
/// `=`, `+`, `-` or `@`, or their fullwidth forms (`＝1+1`), or with a tab or carriage
/// return.
pub fn cell_text(s: &str) -> String {
    let risky_start = s.starts_with(['\t', '\r'])
        || s.trim_start().starts_with([
            '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
        ]);
    let s = s.replace("\r\n", "\n");
    let mut out = s
        .split('\n')
        .map(|l| crate::core::clean::clean(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    if risky_start {
        out.insert(0, '\'');
    }
    out
}

fn records(outcome: &Outcome, lang: Lang) -> Vec<Record> {
    let party = |p: &Option<String>| {
        p.as_deref()
            .map(|id| cell_text(&outcome.party_name(id, lang)))
            .unwrap_or_default()
    };
    let yes_no = |b: bool| lang.pick(if b { "ja" } else { "nee" }, if b { "yes" } else { "no" });
    let mut out = Vec::new();
    for p in &outcome.participants {
        out.push(Record {
            kind: "participant",
            fields: vec![
                ("id", p.id.to_string()),
                ("text", cell_text(&p.label)),
                ("organisation", cell_text(&p.organisation)),
                ("party", party(&p.party)),
                ("present", yes_no(p.present).to_string()),
            ],
        });
    }
    for step in &outcome.steps {
        let head = || {
            vec![
                ("step", cell_text(&step.id)),
                ("step_title", cell_text(step.title.get(lang))),
            ]
        };
        match &step.result {
            StepResult::Board(b) => {
                for lane in &b.lanes {
                    for c in &lane.cards {
                        let mut fields = head();
                        fields.extend([
                            ("lane", cell_text(lane.title.get(lang))),
                            ("id", c.id.to_string()),
                            ("text", cell_text(&c.text)),
                            ("party", party(&c.party)),
                            (
                                "theme",
                                c.theme.as_deref().map(cell_text).unwrap_or_default(),
                            ),
                        ]);
                        out.push(Record {
                            kind: "card",
                            fields,
                        });
                    }
                }
            }
            StepResult::Matrix(m) => {
                for cell in &m.cells {
                    let (Some(row), Some(column)) =
                        (m.rows.get(cell.row), m.columns.get(cell.column))
                    else {
                        continue;
                    };
                    let mut fields = head();
                    let row_id = match &row.key {
                        crate::core::state::RowRef::Card(id) => id.to_string(),
                        crate::core::state::RowRef::Row(id) => cell_text(id),
                    };
                    fields.extend([
                        ("row", cell_text(&row.label)),
                        ("column", cell_text(column.label.get(lang))),
                        ("id", row_id),
                        ("party", party(&row.party)),
                        (
                            "value",
                            cell.value.map(|v| v.to_string()).unwrap_or_default(),
                        ),
                        (
                            "value_label",
                            match &m.scale {
                                crate::core::scenario::Scale::Levels { .. } => {
                                    cell_text(&value_text(&m.scale, cell, lang))
                                }
                                _ => cell
                                    .value_label
                                    .as_ref()
                                    .map(|l| cell_text(l.get(lang)))
                                    .unwrap_or_default(),
                            },
                        ),
                        ("note", cell_text(&cell.note)),
                    ]);
                    out.push(Record {
                        kind: "cell",
                        fields,
                    });
                }
            }
            StepResult::Vote(v) => {
                for r in &v.results {
                    let mut fields = head();
                    let (id, theme) = match &r.target {
                        VoteTarget::Card(id) => (id.to_string(), String::new()),
                        VoteTarget::Theme(t) => (String::new(), cell_text(t)),
                    };
                    fields.extend([
                        ("rank", r.rank.to_string()),
                        ("id", id),
                        ("text", cell_text(&r.label)),
                        ("party", party(&r.party)),
                        ("theme", theme),
                        ("count", r.dots.to_string()),
                    ]);
                    out.push(Record {
                        kind: "vote",
                        fields,
                    });
                }
            }
            StepResult::Review(r) => {
                for i in &r.items {
                    let mut fields = head();
                    fields.extend([
                        ("id", cell_text(&i.id)),
                        ("text", cell_text(&i.what)),
                        ("who", cell_text(&i.who_label)),
                        ("when", cell_text(&i.when)),
                        (
                            "status",
                            i.status
                                .map(|s| s.label(lang).to_string())
                                .unwrap_or_default(),
                        ),
                    ]);
                    out.push(Record {
                        kind: "review",
                        fields,
                    });
                }
            }
            StepResult::Grid(g) => kinds::grid(&mut out, outcome, g, head(), lang),
            StepResult::Consent(c) => kinds::consent(&mut out, outcome, c, head(), lang),
            StepResult::Poll(p) => kinds::poll(&mut out, p, head(), lang),
            StepResult::Agreement(a) => {
                // One row per endorsement, so any name (with any separator in it) reads
                // back whole; an item nobody endorsed has one row with an empty endorser.
                for item in &a.items {
                    let count = item.endorsed_by.len().to_string();
                    let endorsers: Vec<String> = if item.endorsed_by.is_empty() {
                        vec![String::new()]
                    } else {
                        item.endorsed_by
                            .iter()
                            .map(|e| cell_text(&e.label))
                            .collect()
                    };
                    for endorser in endorsers {
                        let mut fields = head();
                        fields.extend([
                            ("id", cell_text(&item.id)),
                            ("text", cell_text(item.text.get(lang))),
                            ("count", count.clone()),
                            ("endorsed_by", endorser),
                        ]);
                        out.push(Record {
                            kind: "endorsement",
                            fields,
                        });
                    }
                }
                for c in &a.commitments {
                    let mut fields = head();
                    fields.extend([
                        ("id", c.id.to_string()),
                        ("text", cell_text(&c.what)),
                        ("who", cell_text(&c.who_label)),
                        ("when", cell_text(&c.when)),
                    ]);
                    out.push(Record {
                        kind: "commitment",
                        fields,
                    });
                }
                // An endorsed commitment: one endorsement row per endorser, as an item's,
                // named `commitment:<id>`.
                for c in a.commitments.iter().filter(|c| !c.endorsed_by.is_empty()) {
                    let count = c.endorsed_by.len().to_string();
                    for e in &c.endorsed_by {
                        let mut fields = head();
                        fields.extend([
                            ("id", crate::core::tally::commitment_item(c.id)),
                            ("text", cell_text(&c.what)),
                            ("count", count.clone()),
                            ("endorsed_by", cell_text(&e.label)),
                        ]);
                        out.push(Record {
                            kind: "endorsement",
                            fields,
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_uses_known_columns() {
        for (kind, columns) in KINDS {
            for c in columns {
                assert!(COLUMNS.contains(c), "{kind}: {c}");
            }
        }
    }

    #[test]
    fn cell_text_keeps_line_breaks_and_guards_formulas() {
        assert_eq!(cell_text("a,\"b\"\r\nc"), "a,\"b\"\nc");
        assert_eq!(cell_text("=1+1"), "'=1+1");
        assert_eq!(cell_text("x\u{1b}[2J"), "x\u{FFFD}[2J");
        assert_eq!(cell_text("Kosten - baten"), "Kosten - baten");
    }

    #[test]
    fn no_formula_hides_behind_spaces_tabs_or_wide_signs() {
        for risky in [
            " =1+1",
            "   +31 6 1234",
            "\t=1+1",
            "\r=1+1",
            "\u{a0}@SUM(A1)",
            "\u{3000}-2",
            "＝1+1",
            "＋1",
            "－1",
            "＠x",
            "\tplain",
            "\n=1+1",
        ] {
            assert!(
                cell_text(risky).starts_with('\''),
                "{risky:?} is not guarded"
            );
        }
    }
}
