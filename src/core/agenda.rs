//! The agenda of a meeting: every step with its planned time box and the time actually
//! spent on it (from the log: from each step's opening to the next one), the planned end
//! of the meeting against the expected one, and how late it runs. Computed from the log
//! and a moment passed in, never a clock.

use jiff::Timestamp;

use super::event::Change;
use super::session::Session;
use super::state::SessionState;

/// One step of the agenda.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The step's index.
    pub step: usize,
    /// Its time box in minutes, when it has one.
    pub planned: Option<u32>,
    /// Milliseconds spent on it so far (the step on screen counts until `now`).
    pub spent_ms: i64,
}

/// The whole agenda at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agenda {
    /// Every step, in order.
    pub items: Vec<Item>,
    /// Milliseconds since the session started.
    pub elapsed_ms: i64,
    /// The planned end: the start plus every time box.
    pub planned_end: Timestamp,
    /// The expected end: now, plus what is left of the step on screen's time box, plus the
    /// time boxes of the steps after it.
    pub expected_end: Timestamp,
}

impl Agenda {
    /// Whole minutes the meeting runs late (0 when on time or early).
    pub fn late_minutes(&self) -> i64 {
        let late = self
            .expected_end
            .as_millisecond()
            .saturating_sub(self.planned_end.as_millisecond());
        (late / 60_000).max(0)
    }
}

fn minutes_ms(m: Option<u32>) -> i64 {
    i64::from(m.unwrap_or(0)) * 60_000
}

/// The agenda of `session` (folded into `state`) at `now`.
pub fn agenda(session: &Session, state: &SessionState, now: Timestamp) -> Agenda {
    let steps = &state.scenario.steps;
    let mut spent = vec![0i64; steps.len()];
    let mut on = 0usize;
    let mut since = session.created;
    let add = |on: usize, from: Timestamp, to: Timestamp, spent: &mut Vec<i64>| {
        let ms = to
            .as_millisecond()
            .saturating_sub(from.as_millisecond())
            .max(0);
        if let Some(s) = spent.get_mut(on) {
            *s = s.saturating_add(ms);
        }
    };
    for event in &session.events {
        if let Change::StepOpened { step } = &event.change
            && let Some(i) = steps.iter().position(|s| &s.id == step)
        {
            add(on, since, event.at, &mut spent);
            on = i;
            since = event.at;
        }
    }
    add(on, since, now, &mut spent);
    let items: Vec<Item> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| Item {
            step: i,
            planned: s.minutes,
            spent_ms: spent[i],
        })
        .collect();
    let total: i64 = steps.iter().map(|s| minutes_ms(s.minutes)).sum();
    let current = state.current.min(steps.len().saturating_sub(1));
    let left_here = steps.get(current).map_or(0, |s| {
        minutes_ms(s.minutes)
            .saturating_sub(spent.get(current).copied().unwrap_or(0))
            .max(0)
    });
    let after: i64 = steps
        .iter()
        .skip(current + 1)
        .map(|s| minutes_ms(s.minutes))
        .sum();
    let shift = |t: Timestamp, ms: i64| {
        Timestamp::from_millisecond(t.as_millisecond().saturating_add(ms)).unwrap_or(t)
    };
    Agenda {
        items,
        elapsed_ms: now
            .as_millisecond()
            .saturating_sub(session.created.as_millisecond())
            .max(0),
        planned_end: shift(session.created, total),
        expected_end: shift(now, left_here.saturating_add(after)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::fixture::{at, live};

    #[test]
    fn time_spent_comes_from_the_log_and_lateness_from_what_is_left() {
        let mut live = live();
        // 15 minutes on the board (10 planned), then the matrix for 4 so far.
        live.record(
            Change::StepOpened {
                step: "matrix".into(),
            },
            at(15 * 60),
        )
        .unwrap();
        let a = agenda(&live.session, &live.state, at(19 * 60));
        let spent: Vec<i64> = a.items.iter().map(|i| i.spent_ms / 60_000).collect();
        assert_eq!(spent, vec![15, 4, 0, 0]);
        assert_eq!(a.elapsed_ms, 19 * 60_000);
        // Planned: 40 minutes. Expected: 19 + 6 left of the matrix + 20 = 45.
        assert_eq!(a.planned_end, at(40 * 60));
        assert_eq!(a.expected_end, at(45 * 60));
        assert_eq!(a.late_minutes(), 5);
        // Back to the board: its time adds up.
        live.record(
            Change::StepOpened {
                step: "bord".into(),
            },
            at(20 * 60),
        )
        .unwrap();
        let a = agenda(&live.session, &live.state, at(22 * 60));
        assert_eq!(a.items[0].spent_ms, 17 * 60_000);
        assert_eq!(a.items[1].spent_ms, 5 * 60_000);
        // 22 now + 0 left of the board + 30 after it: 12 minutes late.
        assert_eq!(a.late_minutes(), 12);
    }

    #[test]
    fn on_time_is_not_late() {
        let live = live();
        let a = agenda(&live.session, &live.state, at(5 * 60));
        assert_eq!(a.late_minutes(), 0);
        assert_eq!(a.items[0].spent_ms, 5 * 60_000);
    }
}
