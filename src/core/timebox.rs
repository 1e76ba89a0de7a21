//! The time box of a step as the room sees it: how urgent the countdown is, and the
//! digits it shows. Computed from the timer's state and a moment passed in, never a clock.

use jiff::Timestamp;

use super::state::TimerState;

/// How much of a time box is left, in the steps the countdown changes colour at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerPhase {
    /// More than 20% left.
    Plenty,
    /// 20% or less left.
    Low,
    /// 5% or less left.
    Critical,
    /// Time is up; the overrun counts on.
    Over,
}

/// The phase of a timer at `now`; none without a time box.
pub fn phase(timer: &TimerState, now: Timestamp) -> Option<TimerPhase> {
    let total = i64::from(timer.minutes?) * 60_000;
    let left = timer.remaining_ms(now)?;
    Some(if left <= 0 {
        TimerPhase::Over
    } else if left * 100 <= total * 5 {
        TimerPhase::Critical
    } else if left * 100 <= total * 20 {
        TimerPhase::Low
    } else {
        TimerPhase::Plenty
    })
}

/// The countdown as `mm:ss` (whole seconds rounded up, so a full time box shows its
/// minutes and `00:00` never shows while time is left), or the overrun as `+mm:ss`.
pub fn clock_text(remaining_ms: i64) -> String {
    let (sign, seconds) = if remaining_ms > 0 {
        ("", (remaining_ms + 999) / 1000)
    } else {
        ("+", -remaining_ms / 1000)
    };
    format!("{sign}{:02}:{:02}", seconds / 60, seconds % 60)
}

/// Milliseconds until the digits of a countdown at `remaining_ms` change next.
pub fn ms_to_next_tick(remaining_ms: i64) -> i64 {
    if remaining_ms > 0 {
        match remaining_ms % 1000 {
            0 => 1000,
            r => r,
        }
    } else {
        1000 - (-remaining_ms) % 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn running(minutes: u32, since_ms: i64) -> TimerState {
        TimerState {
            minutes: Some(minutes),
            elapsed_ms: 0,
            running_since: Some(at(since_ms)),
        }
    }

    #[test]
    fn the_phase_changes_at_twenty_and_five_percent_and_at_zero() {
        // A 10-minute box: 20% is 120 s, 5% is 30 s.
        let t = running(10, 0);
        assert_eq!(phase(&t, at(0)), Some(TimerPhase::Plenty));
        assert_eq!(phase(&t, at(479_999)), Some(TimerPhase::Plenty));
        assert_eq!(phase(&t, at(480_000)), Some(TimerPhase::Low));
        assert_eq!(phase(&t, at(570_000)), Some(TimerPhase::Critical));
        assert_eq!(phase(&t, at(599_999)), Some(TimerPhase::Critical));
        assert_eq!(phase(&t, at(600_000)), Some(TimerPhase::Over));
        assert_eq!(phase(&TimerState::default(), at(0)), None);
    }

    #[test]
    fn a_paused_timer_keeps_its_time() {
        let t = TimerState {
            minutes: Some(5),
            elapsed_ms: 240_000,
            running_since: None,
        };
        assert_eq!(t.remaining_ms(at(9_999_999)), Some(60_000));
        assert_eq!(phase(&t, at(9_999_999)), Some(TimerPhase::Low));
    }

    #[test]
    fn digits_round_up_while_time_is_left_and_count_on_after() {
        assert_eq!(clock_text(20 * 60_000), "20:00");
        assert_eq!(clock_text(61_001), "01:02");
        assert_eq!(clock_text(1), "00:01");
        assert_eq!(clock_text(0), "+00:00");
        assert_eq!(clock_text(-83_500), "+01:23");
        assert_eq!(clock_text(600 * 60_000), "600:00");
    }

    #[test]
    fn the_next_tick_is_when_the_digits_change() {
        assert_eq!(ms_to_next_tick(60_000), 1000);
        assert_eq!(ms_to_next_tick(59_300), 300);
        assert_eq!(ms_to_next_tick(0), 1000);
        assert_eq!(ms_to_next_tick(-200), 800);
    }
}
