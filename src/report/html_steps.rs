//! The HTML report's matrices (heat maps), votes (bars) and the comparison section.

use std::fmt::Write;

use super::Options;
use super::compare::{Comparison, or_dash};
use super::html::{esc, tag};
use super::outcome::{CellOutcome, MatrixOutcome, Outcome, ReviewOutcome, VoteOutcome};
use super::words::{date_time, scale_text, step_heading, value_text};
use crate::core::Lang;
use crate::core::scenario::Scale;

/// Background and text colour of a value: diverging (orange - grey - blue, as on screen) for
/// scales around zero, light to dark blue otherwise; the text is dark or white, whichever
/// reads better on the colour. "Does not count" levels are hatched by the class.
pub(super) fn heat(scale: &Scale, value: i32) -> (String, &'static str) {
    let (min, max) = scale.range();
    let mix = |from: (f64, f64, f64), to: (f64, f64, f64), t: f64| {
        let c = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
        format!(
            "#{:02x}{:02x}{:02x}",
            c(from.0, to.0),
            c(from.1, to.1),
            c(from.2, to.2)
        )
    };
    let light = (244.0, 244.0, 244.0);
    let blue = (24.0, 78.0, 150.0);
    let orange = (184.0, 84.0, 0.0);
    let colour = if min < 0 && max > 0 {
        let span = f64::from(min).abs().max(f64::from(max));
        let t = f64::from(value) / span;
        if t < 0.0 {
            mix(light, orange, -t)
        } else {
            mix(light, blue, t)
        }
    } else {
        let t = if max > min {
            (f64::from(value) - f64::from(min)) / (f64::from(max) - f64::from(min))
        } else {
            1.0
        };
        mix(light, blue, t)
    };
    let fg = super::html_style::readable_on(&colour);
    (colour, fg)
}

pub(super) fn counts(scale: &Scale, value: i32) -> bool {
    match scale {
        Scale::Levels { levels } => usize::try_from(value)
            .ok()
            .and_then(|i| levels.get(i))
            .is_none_or(|l| l.counts),
        Scale::Numeric { .. } => true,
    }
}

pub(super) fn value_cell(
    h: &mut String,
    m: &MatrixOutcome,
    cell: Option<&CellOutcome>,
    note: Option<usize>,
    lang: Lang,
) {
    let text = cell
        .map(|c| value_text(&m.scale, c, lang))
        .unwrap_or_default();
    let sup = note
        .map(|n| format!("<sup class=\"n\">{n}</sup>"))
        .unwrap_or_default();
    match cell.and_then(|c| c.value) {
        Some(v) if !counts(&m.scale, v) => {
            let _ = write!(h, "<td class=\"v na\">{}{sup}</td>", esc(&text));
        }
        Some(v) => {
            let (bg, fg) = heat(&m.scale, v);
            let _ = write!(
                h,
                "<td class=\"v\" style=\"background:{bg};color:{fg}\">{}{sup}</td>",
                esc(&text)
            );
        }
        None => {
            let _ = write!(h, "<td class=\"v\">{sup}</td>");
        }
    }
}

pub(super) fn matrix(h: &mut String, outcome: &Outcome, m: &MatrixOutcome, lang: Lang) {
    let _ = write!(
        h,
        "<p class=\"meta\"><b>{}</b> {}</p>\n<div class=\"legend\">",
        lang.pick("Schaal:", "Scale:"),
        esc(&scale_text(&m.scale, lang))
    );
    for v in m.scale.values() {
        let probe = CellOutcome {
            row: 0,
            column: 0,
            value: Some(v),
            value_label: super::outcome::value_label(&m.scale, v),
            note: String::new(),
        };
        let text = esc(&value_text(&m.scale, &probe, lang));
        if counts(&m.scale, v) {
            let (bg, fg) = heat(&m.scale, v);
            let _ = write!(
                h,
                "<span style=\"background:{bg};color:{fg}\">{text}</span>"
            );
        } else {
            let _ = write!(h, "<span class=\"na\">{text}</span>");
        }
    }
    h.push_str("</div>\n");
    if m.rows.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            lang.pick("Geen rijen.", "No rows.")
        );
    } else {
        h.push_str("<div class=\"scroll\">\n<table class=\"heat\">\n<thead><tr><th></th>");
        for c in &m.columns {
            let _ = write!(h, "<th>{}</th>", esc(c.label.get(lang)));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        let noted: Vec<&CellOutcome> = m.cells.iter().filter(|c| !c.note.is_empty()).collect();
        for (r, row) in m.rows.iter().enumerate() {
            let _ = write!(h, "<tr><th class=\"row\">{}", esc(&row.label));
            if let Some(p) = &row.party {
                tag(h, outcome, p, lang);
            }
            h.push_str("</th>");
            for c in 0..m.columns.len() {
                let cell = m.cells.iter().find(|x| x.row == r && x.column == c);
                let note = noted
                    .iter()
                    .position(|x| x.row == r && x.column == c)
                    .map(|i| i + 1);
                value_cell(h, m, cell, note, lang);
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>\n</div>\n");
        if !noted.is_empty() {
            let _ = writeln!(
                h,
                "<h3>{}</h3>\n<ol class=\"notes\">",
                lang.pick("Toelichtingen", "Notes")
            );
            for c in noted {
                let row = m.rows.get(c.row).map_or("", |r| r.label.as_str());
                let column = m.columns.get(c.column).map_or("", |x| x.label.get(lang));
                let _ = writeln!(
                    h,
                    "<li><b>{} × {}:</b> {}</li>",
                    esc(row),
                    esc(column),
                    esc(&c.note)
                );
            }
            h.push_str("</ol>\n");
        }
    }
    if let Some(analysis) = &m.analysis {
        let _ = writeln!(
            h,
            "<p class=\"meta\"><b>{}</b> {}</p>\n<div class=\"analysis\">",
            lang.pick("Analyse:", "Analysis:"),
            esc(&analysis.summary)
        );
        for section in &analysis.sections {
            let _ = writeln!(h, "<div><h3>{}</h3>", esc(&section.title));
            if section.items.is_empty() {
                let _ = writeln!(
                    h,
                    "<p class=\"empty\">{}</p>",
                    lang.pick("Niets gevonden.", "Nothing found.")
                );
            } else {
                h.push_str("<ul>\n");
                for item in &section.items {
                    let _ = writeln!(
                        h,
                        "<li><b>{}</b><br>{}</li>",
                        esc(&item.subject),
                        esc(&item.finding)
                    );
                }
                h.push_str("</ul>\n");
            }
            h.push_str("</div>\n");
        }
        let _ = writeln!(h, "</div>\n<p class=\"rules\">{}</p>", esc(&analysis.rules));
    }
}

pub(super) fn vote(h: &mut String, outcome: &Outcome, v: &VoteOutcome, lang: Lang) {
    let on = outcome
        .step(&v.on)
        .map_or_else(|| v.on.clone(), |s| step_heading(outcome, s, lang));
    let _ = writeln!(
        h,
        "<p class=\"meta\">{}</p>",
        super::markdown_steps::vote_summary(v, &on, lang, esc)
    );
    if !v.revealed {
        let _ = writeln!(
            h,
            "<p class=\"note-hidden\">{}</p>",
            lang.pick(
                "De uitslag was in de sessie nog niet getoond.",
                "The results had not yet been shown in the session."
            )
        );
    }
    let voted: Vec<_> = v.results.iter().filter(|r| r.dots > 0).collect();
    if voted.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            lang.pick("Nog geen stippen.", "No dots yet.")
        );
        return;
    }
    let most = voted.iter().map(|r| r.dots).max().unwrap_or(1).max(1);
    h.push_str("<ol class=\"bars\">\n");
    for r in voted {
        let width = f64::from(r.dots) * 100.0 / f64::from(most);
        let _ = write!(
            h,
            "<li><span class=\"rank\">{}</span><span class=\"label\">{}",
            r.rank,
            esc(&r.label)
        );
        if let Some(p) = &r.party {
            tag(h, outcome, p, lang);
        }
        if r.removed {
            let _ = write!(h, " <i>({})</i>", lang.pick("verwijderd", "removed"));
        }
        let _ = writeln!(
            h,
            "</span><span class=\"bar\"><span style=\"width:{width:.1}%\"></span></span><span class=\"n\">{}</span></li>",
            r.dots
        );
    }
    h.push_str("</ol>\n");
    let rest = v.results.iter().filter(|r| r.dots == 0).count();
    if rest > 0 {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            match lang {
                Lang::Nl => format!("{rest} zonder stippen."),
                Lang::En => format!("{rest} without dots."),
            }
        );
    }
}

pub(super) fn comparison(h: &mut String, cmp: &Comparison, opts: &Options) {
    let lang = opts.lang;
    let _ = writeln!(
        h,
        "<section class=\"compare\">\n<h2>{} {}</h2>\n<p class=\"meta\">{}</p>",
        lang.pick("Vergeleken met", "Compared with"),
        esc(&cmp.old_title),
        esc(&date_time(cmp.old_created, &cmp.old_time_zone, lang))
    );
    if cmp.scenario_changed {
        let _ = writeln!(
            h,
            "<p class=\"note-hidden\">{}</p>",
            lang.pick(
                "Het scenario is tussen de twee bijeenkomsten aangepast.",
                "The scenario was changed between the two meetings."
            )
        );
    }
    if cmp.steps.is_empty() && cmp.followed_up.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            lang.pick("Geen verschillen.", "No differences.")
        );
    }
    if !cmp.followed_up.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul>",
            lang.pick("Afspraken van de vorige keer", "Last time's commitments")
        );
        for f in &cmp.followed_up {
            let _ = writeln!(h, "<li>{}</li>", esc(&f.line(lang)));
        }
        h.push_str("</ul>\n");
    }
    for step in &cmp.steps {
        let _ = writeln!(h, "<h3>{}</h3>", esc(&step.heading));
        for lane in &step.lanes {
            let _ = writeln!(h, "<h4>{}</h4>\n<ul>", esc(lane.lane.get(lang)));
            for t in &lane.added {
                let _ = writeln!(
                    h,
                    "<li class=\"added\">{} {}</li>",
                    lang.pick("nieuw:", "new:"),
                    esc(t)
                );
            }
            for t in &lane.removed {
                let _ = writeln!(h, "<li class=\"removed\">{}</li>", esc(t));
            }
            h.push_str("</ul>\n");
        }
        if !step.cells.is_empty() {
            let _ = writeln!(
                h,
                "<div class=\"scroll\">\n<table>\n<thead><tr><th></th><th></th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                lang.pick("Was", "Was"),
                lang.pick("Nu", "Now")
            );
            for c in &step.cells {
                let _ = writeln!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&c.row_text()),
                    esc(c.column.get(lang)),
                    esc(or_dash(&c.old_text)),
                    esc(or_dash(&c.new_text))
                );
            }
            h.push_str("</tbody>\n</table>\n</div>\n");
        }
        if !step.moved.is_empty() {
            h.push_str("<ul>\n");
            for m in &step.moved {
                let _ = writeln!(
                    h,
                    "<li>{} {}</li>",
                    lang.pick("verschoven:", "moved:"),
                    esc(&m.line(lang))
                );
            }
            h.push_str("</ul>\n");
        }
        if !step.commitments_added.is_empty() || !step.commitments_removed.is_empty() {
            h.push_str("<ul>\n");
            for t in &step.commitments_added {
                let _ = writeln!(
                    h,
                    "<li class=\"added\">{} {}</li>",
                    lang.pick("nieuwe afspraak:", "new commitment:"),
                    esc(t)
                );
            }
            for t in &step.commitments_removed {
                let _ = writeln!(h, "<li class=\"removed\">{}</li>", esc(t));
            }
            h.push_str("</ul>\n");
        }
    }
    h.push_str("</section>\n");
}

pub(super) fn review(h: &mut String, r: &ReviewOutcome, lang: Lang) {
    if let Some(from) = &r.from {
        let _ = writeln!(
            h,
            "<p class=\"meta\"><b>{}</b> {}</p>",
            lang.pick("Terugblik op:", "Looking back on:"),
            esc(from)
        );
    }
    if !r.agreements.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<ul>",
            lang.pick("Akkoord van de vorige keer", "Last time's agreement")
        );
        for a in &r.agreements {
            let _ = write!(h, "<li>{}", esc(&a.text));
            if !a.endorsed_by.is_empty() {
                h.push_str("<br>");
                for e in &a.endorsed_by {
                    let _ = write!(h, "<span class=\"chip\">{}</span>", esc(e));
                }
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    let _ = writeln!(
        h,
        "<h3>{}</h3>",
        lang.pick("Afspraken van de vorige keer", "Last time's commitments")
    );
    if r.items.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"empty\">{}</p>",
            lang.pick("Geen afspraken.", "No commitments.")
        );
        return;
    }
    let _ = writeln!(
        h,
        "<div class=\"scroll\">\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        lang.pick("Wat", "What"),
        lang.pick("Wie", "Who"),
        lang.pick("Wanneer", "When"),
        lang.pick("Stand", "Status")
    );
    for i in &r.items {
        let _ = write!(h, "<tr><td>{}", esc(&i.what));
        if let Some(since) = &i.since {
            let _ = write!(
                h,
                " <i>({} {})</i>",
                lang.pick("sinds", "since"),
                esc(since)
            );
        }
        let _ = writeln!(
            h,
            "</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&i.who_label),
            esc(&i.when),
            super::markdown_steps::status_text(i.status, lang)
        );
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_map_colours_follow_the_scale() {
        let scale = Scale::Numeric {
            min: -2,
            max: 2,
            labels: Vec::new(),
        };
        assert_eq!(heat(&scale, 0).0, "#f4f4f4");
        assert_eq!(heat(&scale, 2), ("#184e96".to_string(), "#ffffff"));
        assert_eq!(heat(&scale, -2).0, "#b85400");
    }

    #[test]
    fn every_value_of_every_scale_is_readable_on_its_colour() {
        use super::super::html_style::contrast;
        let scales = [
            Scale::Numeric {
                min: -2,
                max: 2,
                labels: Vec::new(),
            },
            Scale::Numeric {
                min: 0,
                max: 3,
                labels: Vec::new(),
            },
            Scale::Numeric {
                min: -5,
                max: 5,
                labels: Vec::new(),
            },
            Scale::Numeric {
                min: 1,
                max: 10,
                labels: Vec::new(),
            },
        ];
        for scale in &scales {
            let (min, max) = scale.range();
            for v in min..=max {
                let (bg, fg) = heat(scale, v);
                let ratio = contrast(fg, &bg).unwrap();
                assert!(
                    ratio >= 4.5,
                    "{fg} on {bg} ({v} of {min}..{max}) is {ratio:.2}:1"
                );
            }
        }
    }
}
