//! A matrix step at one moment: its rows (fixed by the scenario, or the cards of an earlier
//! board step as they are now), and what a value means on the step's scale.
//!
//! Everything here is derived from the state; nothing is stored.

use serde::Serialize;

use super::scenario::{MatrixSpec, Scale};
use super::state::{MatrixState, RowRef, SessionState};
use super::text::Lang;

/// One row of a matrix as it is now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    /// How cells refer to the row.
    pub key: RowRef,
    /// The row's text: the axis label, or the card's text.
    pub label: String,
    /// The party the row belongs to: the axis's party, or the card's tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
}

/// The rows of a matrix step: its fixed rows, or the cards of its `rows_from` board in board
/// order (lane by lane, top to bottom). A card added later is a new row; a deleted card is no
/// row any more (its cells stay in the log and in [`MatrixState`], and come back with an undo).
pub fn rows(state: &SessionState, spec: &MatrixSpec, lang: Lang) -> Vec<MatrixRow> {
    if let Some(from) = &spec.rows_from {
        return state
            .scenario
            .step_index(from)
            .and_then(|i| state.board(i))
            .map(|board| {
                board
                    .cards()
                    .map(|c| MatrixRow {
                        key: RowRef::Card(c.id),
                        label: c.text.clone(),
                        party: c.party.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    spec.rows
        .iter()
        .map(|r| MatrixRow {
            key: RowRef::Row(r.id.clone()),
            label: r.label.get(lang).to_string(),
            party: r.party.clone(),
        })
        .collect()
}

/// The value of a cell, if it has one.
pub fn value(cells: &MatrixState, row: &RowRef, column: &str) -> Option<i32> {
    cells
        .cells
        .get(&(row.clone(), column.to_string()))
        .and_then(|c| c.value)
}

/// The note on a cell ("" when none).
pub fn note<'a>(cells: &'a MatrixState, row: &RowRef, column: &str) -> &'a str {
    cells
        .cells
        .get(&(row.clone(), column.to_string()))
        .map_or("", |c| c.note.as_str())
}

/// Where a value sits on its scale, counted from the bottom (0 = lowest): `value - min` on a
/// numeric scale, the position among the **counting** levels on a level scale. None for a
/// value off the scale and for a level with `counts: false` (such as "n.v.t."): those take
/// no part in any comparison.
pub fn rank(scale: &Scale, value: i32) -> Option<i32> {
    match scale {
        Scale::Numeric { min, max, .. } => {
            // Checked: on an unvalidated scale `value - min` can overflow.
            (*min..=*max)
                .contains(&value)
                .then(|| value.checked_sub(*min))?
        }
        Scale::Levels { levels } => {
            let index = usize::try_from(value).ok()?;
            if !levels.get(index)?.counts {
                return None;
            }
            Some(levels[..index].iter().filter(|l| l.counts).count() as i32)
        }
    }
}

/// The highest rank on a scale: `max - min`, or the number of counting levels minus one.
pub fn top_rank(scale: &Scale) -> i32 {
    match scale {
        Scale::Numeric { min, max, .. } => max.saturating_sub(*min).max(0),
        Scale::Levels { levels } => (levels.iter().filter(|l| l.counts).count() as i32 - 1).max(0),
    }
}

/// Which side of the middle of the scale a value is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lean {
    /// Below the middle (e.g. -1 and -2 on -2..+2; 0 and 1 on 0..3).
    Against,
    /// Exactly the middle (0 on -2..+2; no value is the middle of 0..3).
    Neutral,
    /// Above the middle (e.g. +1 and +2 on -2..+2; 2 and 3 on 0..3).
    For,
}

/// The lean of a value: above, at or below the middle of the scale (by rank, so on a level
/// scale the middle of the counting levels). None when the value has no rank.
pub fn lean(scale: &Scale, value: i32) -> Option<Lean> {
    let r = rank(scale, value)?;
    let top = top_rank(scale);
    Some(match (2 * i64::from(r)).cmp(&i64::from(top)) {
        std::cmp::Ordering::Less => Lean::Against,
        std::cmp::Ordering::Equal => Lean::Neutral,
        std::cmp::Ordering::Greater => Lean::For,
    })
}

/// The value as written in a cell: `+2`, `0`, `-1` on a scale with negatives, `3` otherwise;
/// a level's short label (or its label) on a level scale.
pub fn value_text(scale: &Scale, value: i32, lang: Lang) -> String {
    match scale {
        Scale::Numeric { min, .. } if *min < 0 && value > 0 => format!("+{value}"),
        Scale::Numeric { .. } => value.to_string(),
        Scale::Levels { levels } => usize::try_from(value)
            .ok()
            .and_then(|i| levels.get(i))
            .map(|l| l.short.as_ref().unwrap_or(&l.label).get(lang).to_string())
            .unwrap_or_else(|| value.to_string()),
    }
}

/// The name of a value, if the scale gives it one: a numeric scale's label for that value,
/// or a level's full label.
pub fn value_name(scale: &Scale, value: i32, lang: Lang) -> Option<String> {
    match scale {
        Scale::Numeric { labels, .. } => labels
            .iter()
            .find(|l| l.value == value)
            .map(|l| l.label.get(lang).to_string()),
        Scale::Levels { levels } => usize::try_from(value)
            .ok()
            .and_then(|i| levels.get(i))
            .map(|l| l.label.get(lang).to_string()),
    }
}

/// The value after `+` (`delta` 1) or `-` (`delta` -1), clamped to the scale; none when it
/// does not change. An empty cell starts from 0 on a numeric scale that holds 0 (so `+` gives
/// 1 and `-` gives -1 on -2..+2), from the end nearest 0 on one that does not, and from the
/// first level on a level scale.
pub fn nudge(scale: &Scale, current: Option<i32>, delta: i32) -> Option<i32> {
    let (min, max) = scale.range();
    let next = match (current, scale) {
        (Some(v), _) => scale.clamp(v.saturating_add(delta)),
        (None, Scale::Levels { .. }) => min,
        (None, Scale::Numeric { .. }) if (min..=max).contains(&0) => scale.clamp(delta),
        (None, Scale::Numeric { .. }) => scale.clamp(0),
    };
    (current != Some(next)).then_some(next)
}

/// The value a digit key sets: on a numeric scale the digit itself, negated when `negative`
/// (the facilitator typed `-` just before) and the scale has negative values; on a level scale
/// the level at that position counted from 1 (`1` = the first level). None when the digit is
/// not on the scale.
pub fn digit_value(scale: &Scale, digit: u8, negative: bool) -> Option<i32> {
    let (min, max) = scale.range();
    let d = i32::from(digit);
    let v = match scale {
        Scale::Numeric { .. } if negative && min < 0 => -d,
        Scale::Numeric { .. } => d,
        Scale::Levels { .. } => d - 1,
    };
    (min..=max).contains(&v).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scenario::Level;
    use crate::core::text::Text;

    fn numeric(min: i32, max: i32) -> Scale {
        Scale::Numeric {
            min,
            max,
            labels: vec![],
        }
    }

    fn levels() -> Scale {
        let l = |id: &str, counts: bool| Level {
            id: id.into(),
            label: Text::new(id, id),
            short: None,
            counts,
        };
        Scale::Levels {
            levels: vec![
                l("niet", true),
                l("nvt", false),
                l("bezig", true),
                l("gereed", true),
            ],
        }
    }

    #[test]
    fn ranks_skip_levels_that_do_not_count() {
        let s = levels();
        assert_eq!(
            (0..5).map(|v| rank(&s, v)).collect::<Vec<_>>(),
            vec![Some(0), None, Some(1), Some(2), None]
        );
        assert_eq!(top_rank(&s), 2);
        assert_eq!(rank(&numeric(-2, 2), -2), Some(0));
        assert_eq!(rank(&numeric(-2, 2), 3), None);
    }

    #[test]
    fn a_scale_that_validation_would_refuse_still_computes_without_overflow() {
        // Validation bounds scales; the arithmetic holds even without it.
        for (min, max) in [(i32::MIN, i32::MAX), (-10, i32::MAX), (i32::MAX, i32::MIN)] {
            let s = numeric(min, max);
            assert_eq!(top_rank(&s), if min < max { i32::MAX } else { 0 });
            for v in [i32::MIN, -1, 0, 1, i32::MAX] {
                let _ = (rank(&s, v), lean(&s, v), nudge(&s, Some(v), 1));
                let _ = nudge(&s, Some(v), -1);
            }
            assert!(s.values().count() <= crate::core::validate::MAX_SCALE_LEVELS);
        }
        assert_eq!(rank(&numeric(i32::MIN, i32::MAX), i32::MAX), None);
        assert_eq!(nudge(&numeric(0, i32::MAX), Some(i32::MAX), 1), None);
    }

    #[test]
    fn lean_is_relative_to_the_middle_of_the_scale() {
        let s = numeric(-2, 2);
        assert_eq!(lean(&s, -1), Some(Lean::Against));
        assert_eq!(lean(&s, 0), Some(Lean::Neutral));
        assert_eq!(lean(&s, 1), Some(Lean::For));
        let s = numeric(0, 3);
        assert_eq!(lean(&s, 1), Some(Lean::Against));
        assert_eq!(lean(&s, 2), Some(Lean::For));
        assert_eq!(lean(&levels(), 2), Some(Lean::Neutral));
        assert_eq!(lean(&levels(), 1), None);
    }

    #[test]
    fn plus_and_minus_start_from_zero_and_stop_at_the_ends() {
        let s = numeric(-2, 2);
        assert_eq!(nudge(&s, None, 1), Some(1));
        assert_eq!(nudge(&s, None, -1), Some(-1));
        assert_eq!(nudge(&s, Some(2), 1), None);
        assert_eq!(nudge(&s, Some(-2), -1), None);
        assert_eq!(nudge(&numeric(1, 5), None, -1), Some(1));
        assert_eq!(nudge(&levels(), None, 1), Some(0));
        assert_eq!(nudge(&levels(), Some(0), 1), Some(1));
    }

    #[test]
    fn digits_set_values_and_minus_makes_them_negative() {
        let s = numeric(-2, 2);
        assert_eq!(digit_value(&s, 2, false), Some(2));
        assert_eq!(digit_value(&s, 2, true), Some(-2));
        assert_eq!(digit_value(&s, 3, false), None);
        assert_eq!(digit_value(&numeric(0, 3), 2, true), Some(2));
        assert_eq!(digit_value(&levels(), 1, false), Some(0));
        assert_eq!(digit_value(&levels(), 4, false), Some(3));
        assert_eq!(digit_value(&levels(), 0, false), None);
    }

    #[test]
    fn values_are_written_with_their_sign_or_level() {
        assert_eq!(value_text(&numeric(-2, 2), 2, Lang::Nl), "+2");
        assert_eq!(value_text(&numeric(-2, 2), -1, Lang::Nl), "-1");
        assert_eq!(value_text(&numeric(0, 3), 2, Lang::Nl), "2");
        assert_eq!(value_text(&levels(), 2, Lang::Nl), "bezig");
    }
}
