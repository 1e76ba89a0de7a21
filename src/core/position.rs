//! A point in a session's log as a person names it (`--at`): a number of changes, a
//! clock time, a meeting time, a moment, or a step. Resolved to a number of events.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use super::error::Problem;
use super::replay::left_at;
use super::session::Session;

/// A point in a session's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Position {
    /// After this many changes (`57`).
    Events(usize),
    /// A clock time on the day the session started, in the given time zone (`14:30`,
    /// `14:30:15`); past midnight when the meeting ran past midnight.
    Clock(i8, i8, i8),
    /// Meeting time since the session started, in seconds (`+1:15`, `+1:15:30`, `+45`
    /// for minutes).
    Elapsed(i64),
    /// A moment, RFC 3339 (`2024-03-02T14:30:00+01:00`) or a date and time in the
    /// given time zone (`2024-03-02T14:30`).
    Moment(String),
    /// Right before the facilitator last left this step (or the end, if it was still
    /// open).
    Step(String),
}

fn numbers(s: &str) -> Option<Vec<i64>> {
    s.split(':')
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
                .then(|| p.parse::<i64>().ok())
                .flatten()
        })
        .collect()
}

impl Position {
    /// Reads a position; anything that is not a number or a time is taken as a step id.
    pub fn parse(s: &str) -> Position {
        let s = s.trim();
        if s.chars().all(|c| c.is_ascii_digit())
            && let Ok(n) = s.parse::<usize>()
        {
            return Position::Events(n);
        }
        if let Some(rest) = s.strip_prefix('+') {
            match numbers(rest).as_deref() {
                Some([m]) => return Position::Elapsed(m * 60),
                Some([h, m]) if *m < 60 => return Position::Elapsed(h * 3600 + m * 60),
                Some([h, m, sec]) if *m < 60 && *sec < 60 => {
                    return Position::Elapsed(h * 3600 + m * 60 + sec);
                }
                _ => {}
            }
        }
        match numbers(s).as_deref() {
            Some([h, m]) if *h < 24 && *m < 60 => return Position::Clock(*h as i8, *m as i8, 0),
            Some([h, m, sec]) if *h < 24 && *m < 60 && *sec < 60 => {
                return Position::Clock(*h as i8, *m as i8, *sec as i8);
            }
            _ => {}
        }
        if s.contains('T') && s.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return Position::Moment(s.to_string());
        }
        Position::Step(s.to_string())
    }

    /// The number of events applied at this position of `session`; clock times and
    /// moments without an offset are read in `tz`.
    pub fn resolve(&self, session: &Session, tz: &TimeZone) -> Result<usize, Problem> {
        let n = session.events.len();
        let until = |t: Timestamp| session.events.iter().position(|e| e.at > t).unwrap_or(n);
        match self {
            Position::Events(k) if *k <= n => Ok(*k),
            Position::Events(k) => Err(Problem::new(
                "--at",
                format!("de sessie heeft {n} wijzigingen, geen {k}"),
                format!("the session has {n} changes, not {k}"),
            )),
            Position::Elapsed(secs) => {
                let ms = session.created.as_millisecond().saturating_add(secs * 1000);
                Ok(Timestamp::from_millisecond(ms).map_or(n, until))
            }
            Position::Clock(h, m, s) => {
                let start = session.created.to_zoned(tz.clone());
                let at = |date: jiff::civil::Date| {
                    date.at(*h, *m, *s, 0)
                        .to_zoned(tz.clone())
                        .map(|z| z.timestamp())
                };
                let mut t = at(start.date()).map_err(|e| bad_time(&e.to_string()))?;
                let last_day = session
                    .events
                    .last()
                    .map(|e| e.at.to_zoned(tz.clone()).date());
                if t < session.created
                    && last_day.is_some_and(|d| d > start.date())
                    && let Ok(next) = start.date().tomorrow()
                {
                    t = at(next).map_err(|e| bad_time(&e.to_string()))?;
                }
                Ok(until(t))
            }
            Position::Moment(s) => {
                let t = match s.parse::<Timestamp>() {
                    Ok(t) => t,
                    Err(_) => s
                        .parse::<DateTime>()
                        .and_then(|dt| dt.to_zoned(tz.clone()))
                        .map(|z| z.timestamp())
                        .map_err(|e| bad_time(&e.to_string()))?,
                };
                Ok(until(t))
            }
            Position::Step(id) => {
                let index = session.scenario.step_index(id).ok_or_else(|| {
                    Problem::new(
                        "--at",
                        format!(
                            "\"{id}\" is geen aantal, tijd of stap van deze sessie (stappen: {})",
                            step_ids(session)
                        ),
                        format!(
                            "\"{id}\" is not a number, a time or a step of this session (steps: {})",
                            step_ids(session)
                        ),
                    )
                })?;
                left_at(session, index).ok_or_else(|| {
                    Problem::new(
                        "--at",
                        format!("stap \"{id}\" is in deze sessie nooit geopend"),
                        format!("step \"{id}\" was never opened in this session"),
                    )
                })
            }
        }
    }
}

fn step_ids(session: &Session) -> String {
    session
        .scenario
        .steps
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn bad_time(e: &str) -> Problem {
    Problem::new(
        "--at",
        format!("geen geldige tijd: {e}"),
        format!("not a valid time: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_read_as_a_person_writes_them() {
        assert_eq!(Position::parse("57"), Position::Events(57));
        assert_eq!(Position::parse("14:30"), Position::Clock(14, 30, 0));
        assert_eq!(Position::parse("09:05:07"), Position::Clock(9, 5, 7));
        assert_eq!(Position::parse("+1:15"), Position::Elapsed(4500));
        assert_eq!(Position::parse("+45"), Position::Elapsed(2700));
        assert_eq!(
            Position::parse("2024-03-02T14:30:00+01:00"),
            Position::Moment("2024-03-02T14:30:00+01:00".into())
        );
        assert_eq!(Position::parse("akte-2"), Position::Step("akte-2".into()));
        assert_eq!(Position::parse("25:00"), Position::Step("25:00".into()));
    }
}
