//! The small texts every report needs in both languages: dates, values, step headings.

use jiff::Timestamp;

use super::outcome::{CellOutcome, Outcome, StepOutcome};
use crate::core::Lang;
use crate::core::scenario::Scale;

/// "12 maart 2025, 14:05 (Europe/Amsterdam)" / "12 March 2025, 14:05 (Europe/Amsterdam)":
/// the time in the meeting's zone, which is named so nobody reads it as their own.
pub fn date_time(at: Timestamp, zone: &str, lang: Lang) -> String {
    let z = at.to_zoned(crate::store::zone::named(zone));
    let month = crate::core::dates::long_month(z.date(), lang);
    format!(
        "{} {month} {}, {:02}:{:02} ({zone})",
        z.day(),
        z.year(),
        z.hour(),
        z.minute()
    )
}

/// "Akte 2: Waarden" / "Stap 2: ..." for a step; a review has no number ("Terugblik op de
/// vorige keer"); a title that already says "Akte 1: ..." is not numbered twice.
pub fn step_heading(outcome: &Outcome, step: &StepOutcome, lang: Lang) -> String {
    let word = outcome
        .scenario
        .step_name
        .as_ref()
        .map_or_else(|| lang.pick("Stap", "Step"), |t| t.get(lang));
    crate::core::scenario::step_heading(word, step.number, step.title.get(lang))
}

/// A value as written in a cell: `+2`, `0`, `-1`, or the level's name.
pub fn value_text(scale: &Scale, cell: &CellOutcome, lang: Lang) -> String {
    match (scale, cell.value) {
        (_, None) => String::new(),
        (Scale::Levels { .. }, Some(v)) => cell
            .value_label
            .as_ref()
            .map_or_else(|| v.to_string(), |l| l.get(lang).to_string()),
        (Scale::Numeric { min, .. }, Some(v)) if *min < 0 && v > 0 => format!("+{v}"),
        (Scale::Numeric { .. }, Some(v)) => v.to_string(),
    }
}

/// The scale in one line: "-2 (sterk tegen) … +2 (sterk voor)" or "niet begonnen / bezig / gereed".
pub fn scale_text(scale: &Scale, lang: Lang) -> String {
    match scale {
        Scale::Levels { levels } => levels
            .iter()
            .map(|l| l.label.get(lang).to_string())
            .collect::<Vec<_>>()
            .join(" / "),
        Scale::Numeric { min, max, labels } => {
            let point = |v: i32| {
                let n = if *min < 0 && v > 0 {
                    format!("+{v}")
                } else {
                    v.to_string()
                };
                match labels.iter().find(|l| l.value == v) {
                    Some(l) => format!("{n} ({})", l.label.get(lang)),
                    None => n,
                }
            };
            format!("{} … {}", point(*min), point(*max))
        }
    }
}

/// "1 stip" / "3 stippen".
pub fn dots(n: u32, lang: Lang) -> String {
    match (n, lang) {
        (1, Lang::Nl) => "1 stip".to_string(),
        (n, Lang::Nl) => format!("{n} stippen"),
        (1, Lang::En) => "1 dot".to_string(),
        (n, Lang::En) => format!("{n} dots"),
    }
}

/// "onderschreven door 5 van 7" / "endorsed by 5 of 7".
pub fn endorsed_count(n: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("onderschreven door {n} van {of}"),
        Lang::En => format!("endorsed by {n} of {of}"),
    }
}

/// "Invloed (weinig → veel)": an axis of a grid with its ends.
pub fn axis_text(axis: &crate::core::grid::GridAxis, lang: Lang) -> String {
    format!(
        "{} ({} → {})",
        axis.label.get(lang),
        axis.low.get(lang),
        axis.high.get(lang)
    )
}

/// "Invloed van de zaal: adviseren (het advies van de zaal wordt gevolgd, …)".
pub fn influence_text(influence: crate::core::influence::Influence, lang: Lang) -> String {
    format!(
        "{} {} ({})",
        lang.pick("Invloed van de zaal:", "The room's influence:"),
        influence.label(lang),
        influence.meaning(lang)
    )
}

/// The heading of a poll's average column: "Gemiddeld", or for yes/no "Ja" (the share).
pub fn poll_average_text(p: &super::outcome::PollOutcome, lang: Lang) -> &'static str {
    if is_yes_no(p) {
        lang.pick("Ja (van ja en nee)", "Yes (of yes and no)")
    } else {
        lang.pick("Gemiddeld", "Average")
    }
}

fn is_yes_no(p: &super::outcome::PollOutcome) -> bool {
    p.options.len() == 3
        && p.options.first().is_some_and(|o| o.label.en == "yes")
        && p.options.get(2).is_some_and(|o| o.label.en == "don't know")
}

/// A poll's average as written: "3,4" (one decimal), or for yes/no a share "67%".
pub fn decimal_text(p: &super::outcome::PollOutcome, v: f64, lang: Lang) -> String {
    if is_yes_no(p) {
        return format!("{}%", (v * 100.0).round());
    }
    crate::core::text::decimal(v, false, lang)
}

/// Where a grid item stood last time and stands now: "1,2 → 3,1 (ander kwadrant)".
pub fn moved_text(m: &super::outcome_kinds::MoveOutcome, lang: Lang) -> String {
    use crate::core::grid::point_text;
    let to = m.to.map_or_else(
        || {
            lang.pick("niet meer geplaatst", "no longer placed")
                .to_string()
        },
        point_text,
    );
    let changed = if m.changed_quadrant {
        lang.pick(" (ander kwadrant)", " (another quadrant)")
    } else {
        ""
    };
    format!("{} → {to}{changed}", point_text(m.from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them_in_the_meetings_zone() {
        let at: Timestamp = "2025-03-12T07:56:00Z".parse().unwrap();
        assert_eq!(
            date_time(at, "Europe/Amsterdam", Lang::Nl),
            "12 maart 2025, 08:56 (Europe/Amsterdam)"
        );
        assert_eq!(date_time(at, "UTC", Lang::En), "12 March 2025, 07:56 (UTC)");
        // Summer time.
        let at: Timestamp = "2025-07-01T07:56:00Z".parse().unwrap();
        assert_eq!(
            date_time(at, "Europe/Amsterdam", Lang::En),
            "1 July 2025, 09:56 (Europe/Amsterdam)"
        );
    }

    #[test]
    fn a_grid_item_that_moved_says_from_where_to_where() {
        use crate::core::grid::GridPoint;
        let moved =
            |to: Option<GridPoint>, changed_quadrant| super::super::outcome_kinds::MoveOutcome {
                label: "Gemeente".into(),
                from: GridPoint { x: 1, y: 2 },
                to,
                changed_quadrant,
            };
        assert_eq!(
            moved_text(&moved(Some(GridPoint { x: 3, y: 1 }), true), Lang::Nl),
            "1,2 → 3,1 (ander kwadrant)"
        );
        assert_eq!(
            moved_text(&moved(None, false), Lang::En),
            "1,2 → no longer placed"
        );
    }
}
