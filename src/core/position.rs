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
    /// `14:30:15`); a time before the start means the next day when the meeting was still
    /// going then (past midnight).
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
    /// The start, before any change (`start`, `begin`).
    Start,
    /// The end, after every change (`end`, `einde`).
    End,
}

/// Where a position falls in a session's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    /// The number of events applied there.
    pub at: usize,
    /// Whether the position lies past the end of the meeting (a number above the number of
    /// changes, a time after the last change): then it is the end.
    pub past_end: bool,
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
        match s.to_lowercase().as_str() {
            "start" | "begin" => return Position::Start,
            "end" | "einde" => return Position::End,
            _ => {}
        }
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
    /// moments without an offset are read in `tz`. One rule for every kind of position:
    /// past the end is the end (see [`Position::locate`], which also says so).
    pub fn resolve(&self, session: &Session, tz: &TimeZone) -> Result<usize, Problem> {
        self.locate(session, tz).map(|l| l.at)
    }

    /// Where this position falls in `session`, and whether it lies past its end.
    pub fn locate(&self, session: &Session, tz: &TimeZone) -> Result<Located, Problem> {
        let n = session.events.len();
        let last = session.events.last().map_or(session.created, |e| e.at);
        let at_time = |t: Timestamp| Located {
            at: session.events.iter().position(|e| e.at > t).unwrap_or(n),
            past_end: t > last,
        };
        let at_count = |k: usize| Located {
            at: k.min(n),
            past_end: k > n,
        };
        Ok(match self {
            Position::Start => at_count(0),
            Position::End => at_count(n),
            Position::Events(k) => at_count(*k),
            Position::Elapsed(secs) => {
                let ms = session.created.as_millisecond().saturating_add(secs * 1000);
                Timestamp::from_millisecond(ms).map_or(at_count(n + 1), at_time)
            }
            Position::Clock(..) | Position::Moment(_) => at_time(self.moment(session, tz)?),
            Position::Step(id) => at_count(step_left(session, id)?),
        })
    }

    /// The moment a clock time or a date and time stands for (the end for other kinds).
    fn moment(&self, session: &Session, tz: &TimeZone) -> Result<Timestamp, Problem> {
        let last = session.events.last().map_or(session.created, |e| e.at);
        match self {
            Position::Start
            | Position::End
            | Position::Events(_)
            | Position::Elapsed(_)
            | Position::Step(_) => Ok(last),
            Position::Clock(h, m, s) => {
                let start = session.created.to_zoned(tz.clone());
                let at = |date: jiff::civil::Date| {
                    date.at(*h, *m, *s, 0)
                        .to_zoned(tz.clone())
                        .map(|z| z.timestamp())
                };
                let mut t = at(start.date()).map_err(|e| bad_time(&e.to_string()))?;
                // Before the start: the next day, if the meeting ran on until then.
                let last = session.events.last().map(|e| e.at);
                if t < session.created
                    && let Ok(next) = start.date().tomorrow()
                    && let Ok(later) = at(next)
                    && last.is_some_and(|last| later <= last)
                {
                    t = later;
                }
                Ok(t)
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
                Ok(t)
            }
        }
    }
}

/// Right before step `id` was last left (the end when it is still open).
fn step_left(session: &Session, id: &str) -> Result<usize, Problem> {
    let index = session.scenario.step_index(id).ok_or_else(|| {
            Problem::new(
                "--at",
                format!(
                    "\"{id}\" is geen aantal, tijd, start, end of stap van deze sessie (stappen: {})",
                    step_ids(session)
                ),
                format!(
                    "\"{id}\" is not a number, a time, start, end or a step of this session (steps: {})",
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
    use crate::core::Change;
    use crate::core::fixture;
    use crate::core::session::Live;

    /// A meeting from 23:30 to past midnight (at UTC+1): a card at 23:50, the matrix
    /// opened at 00:10, a card at 00:40.
    fn late_meeting() -> Session {
        let start = Timestamp::from_second(1_709_418_600).expect("2024-03-02T22:30:00Z");
        let session = Session::new(
            std::sync::Arc::new(fixture::scenario()),
            "Laat".into(),
            start,
            crate::core::Lang::Nl,
        );
        let mut live = Live::open(session).expect("folds");
        let min = |m: i64| Timestamp::from_second(1_709_418_600 + m * 60).expect("a time");
        let card = |id: u32| Change::CardAdded {
            step: "bord".into(),
            lane: "rechts".into(),
            card: id,
            text: format!("kaart {id}"),
            party: None,
            theme: None,
            position: None,
        };
        live.record(card(50), min(20)).expect("card");
        live.record(
            Change::StepOpened {
                step: "matrix".into(),
            },
            min(40),
        )
        .expect("step");
        live.record(card(51), min(70)).expect("card");
        live.session
    }

    #[test]
    fn clock_times_moments_meeting_times_and_steps_resolve_to_a_count() {
        let session = late_meeting();
        let tz = TimeZone::fixed(jiff::tz::offset(1));
        let at = |s: &str| Position::parse(s).resolve(&session, &tz);
        assert_eq!(at("0"), Ok(0));
        assert_eq!(at("2"), Ok(2));
        // Past the end is the end, whatever kind of position: a count or a time.
        assert_eq!(at("4"), Ok(3));
        assert_eq!(at("end"), Ok(3));
        assert_eq!(at("einde"), Ok(3));
        assert_eq!(at("start"), Ok(0));
        let beyond = |s: &str| Position::parse(s).locate(&session, &tz).unwrap();
        for past in ["4", "99", "+5:00", "2024-03-04T10:00:00Z"] {
            assert_eq!(
                beyond(past),
                Located {
                    at: 3,
                    past_end: true
                },
                "{past}"
            );
        }
        for inside in ["3", "end", "+70", "+0:30", "23:55"] {
            assert!(!beyond(inside).past_end, "{inside}");
        }
        assert_eq!(at("23:55"), Ok(1));
        // Before the start's time of day, in a meeting that ran past midnight: the next day.
        assert_eq!(at("00:20"), Ok(2));
        assert_eq!(at("23:00"), Ok(0));
        assert_eq!(at("+0:30"), Ok(1));
        assert_eq!(at("+70"), Ok(3));
        assert_eq!(at("2024-03-02T23:45:00Z"), Ok(3));
        assert_eq!(at("2024-03-03T00:15"), Ok(2));
        // A step: right before it was left, or the end if it never was.
        assert_eq!(at("bord"), Ok(1));
        assert_eq!(at("matrix"), Ok(3));
        assert!(
            at("akkoord").is_err_and(|p| p.en.contains("never opened")),
            "{:?}",
            at("akkoord")
        );
        assert!(at("nergens").is_err_and(|p| p.en.contains("bord, matrix")));
    }

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
        assert_eq!(Position::parse("End"), Position::End);
        assert_eq!(Position::parse("begin"), Position::Start);
        assert_eq!(Position::parse("25:00"), Position::Step("25:00".into()));
    }
}
