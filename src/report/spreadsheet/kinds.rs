//! The CSV rows of grid, consent and poll steps.

use super::{Record, cell_text};
use crate::core::Lang;
use crate::core::grid::GridItem;
use crate::report::markdown_kinds::consent_state;
use crate::report::outcome::{ConsentOutcome, GridOutcome, Outcome, PollOutcome};

type Head = Vec<(&'static str, String)>;

fn party(outcome: &Outcome, p: &Option<String>, lang: Lang) -> String {
    p.as_deref()
        .map(|id| cell_text(&outcome.party_name(id, lang)))
        .unwrap_or_default()
}

/// One row per item: its place (x, y from 1) and the quadrant's name.
pub(super) fn grid(
    out: &mut Vec<Record>,
    outcome: &Outcome,
    g: &GridOutcome,
    head: Head,
    lang: Lang,
) {
    for i in &g.items {
        let mut fields = head.clone();
        let id = match &i.key {
            GridItem::Party(p) => cell_text(p),
            GridItem::Card(c) => c.to_string(),
            GridItem::Item(n) => n.to_string(),
        };
        fields.extend([
            ("id", id),
            ("text", cell_text(&i.label)),
            ("party", party(outcome, &i.party, lang)),
            ("x", i.at.map(|p| p.x.to_string()).unwrap_or_default()),
            ("y", i.at.map(|p| p.y.to_string()).unwrap_or_default()),
            (
                "value_label",
                i.quadrant
                    .map(|q| cell_text(g.quadrants.name(q).get(lang)))
                    .unwrap_or_default(),
            ),
            ("note", cell_text(&i.note)),
        ]);
        out.push(Record {
            kind: "grid_item",
            fields,
        });
    }
}

/// The final proposal and where it stands, each position, each amendment.
pub(super) fn consent(
    out: &mut Vec<Record>,
    outcome: &Outcome,
    c: &ConsentOutcome,
    head: Head,
    lang: Lang,
) {
    let mut fields = head.clone();
    fields.extend([
        ("text", cell_text(&c.proposal)),
        ("status", cell_text(&consent_state(c, lang))),
    ]);
    out.push(Record {
        kind: "proposal",
        fields,
    });
    for p in &c.positions {
        let mut fields = head.clone();
        // A party speaks for itself; a participant for the party they sit for.
        let member = crate::core::Endorser::parse(&p.member);
        let member_party = match member.participant(&outcome.parties) {
            Some(id) => outcome
                .participants
                .iter()
                .find(|x| x.id == id)
                .and_then(|x| x.party.clone()),
            None => member.party(&outcome.parties).map(|x| x.id.clone()),
        };
        let mut status = p.stance.label(lang).to_string();
        if let Some(n) = p.resolved_by {
            status.push_str(&match lang {
                Lang::Nl => format!(" (opgelost door wijziging {n})"),
                Lang::En => format!(" (resolved by amendment {n})"),
            });
        }
        fields.extend([
            ("id", cell_text(&p.member)),
            ("text", cell_text(&p.label)),
            ("party", party(outcome, &member_party, lang)),
            ("status", cell_text(&status)),
            ("note", cell_text(&p.text)),
        ]);
        out.push(Record {
            kind: "position",
            fields,
        });
    }
    for a in &c.amendments {
        let mut fields = head.clone();
        fields.extend([
            ("rank", a.number.to_string()),
            ("text", cell_text(&a.text)),
            ("note", cell_text(&a.before)),
            ("who", cell_text(&a.resolves.join(", "))),
        ]);
        out.push(Record {
            kind: "amendment",
            fields,
        });
    }
}

/// One row per statement and answer, with its count.
pub(super) fn poll(out: &mut Vec<Record>, p: &PollOutcome, head: Head, lang: Lang) {
    for s in &p.statements {
        let shown = if s.revealed {
            lang.pick("getoond", "shown")
        } else {
            lang.pick("niet getoond", "not shown")
        };
        for (o, n) in p.options.iter().zip(&s.counts) {
            let mut fields = head.clone();
            fields.extend([
                ("id", cell_text(&s.id)),
                ("text", cell_text(&s.text)),
                ("value", o.value.to_string()),
                ("value_label", cell_text(o.label.get(lang))),
                ("count", n.to_string()),
                ("status", shown.to_string()),
            ]);
            out.push(Record {
                kind: "poll",
                fields,
            });
        }
    }
}
