//! Dates of actions: what the facilitator types ("1-2", "1 feb", "volgende week", "in 2
//! weeks") turned into a calendar date, and how a date is shown ("ma 1 feb 2027"). Pure:
//! "today" is the meeting's day, passed in (from the event time, never the clock).
//!
//! Both languages are understood whatever the interface language, because a Dutch room
//! types English month names and the other way round.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::text::Lang;

/// How far from the meeting a date may lie: further is taken as a typing error.
pub const MAX_YEARS_AWAY: i16 = 20;

/// Why a typed text is not a date. Nothing is saved when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Nothing was typed.
    Empty,
    /// A day and month that do not make a date ("31-2").
    NoSuchDay {
        /// The day typed.
        day: i64,
        /// The month typed (1-12), if it was one.
        month: i64,
    },
    /// A date further than [`MAX_YEARS_AWAY`] years from the meeting.
    TooFar,
    /// Text that is no date in any of the understood forms.
    NotADate(String),
}

impl DateError {
    /// The message in the given language, saying what to type instead.
    pub fn message(&self, lang: Lang) -> String {
        let examples = lang.pick(
            "typ bijvoorbeeld 1-2, 1 feb, 2027-02-01, volgende week of over 2 weken",
            "type for example 1-2, 1 Feb, 2027-02-01, next week or in 2 weeks",
        );
        match self {
            DateError::Empty => format!("{}: {examples}", lang.pick("geen datum", "no date")),
            DateError::NoSuchDay { day, month } => match month_name(*month, lang) {
                Some(name) => match lang {
                    Lang::Nl => format!("{day} {name} bestaat niet"),
                    Lang::En => format!("there is no {day} {name}"),
                },
                None => match lang {
                    Lang::Nl => format!("er is geen maand {month}: {examples}"),
                    Lang::En => format!("there is no month {month}: {examples}"),
                },
            },
            DateError::TooFar => match lang {
                Lang::Nl => {
                    format!("die datum ligt meer dan {MAX_YEARS_AWAY} jaar van de bijeenkomst af")
                }
                Lang::En => {
                    format!("that date is more than {MAX_YEARS_AWAY} years away from the meeting")
                }
            },
            DateError::NotADate(text) => match lang {
                Lang::Nl => format!("'{text}' is geen datum: {examples}"),
                Lang::En => format!("'{text}' is not a date: {examples}"),
            },
        }
    }
}

/// The months as each language writes them: the Dutch abbreviation, the Dutch name, the
/// English name.
const MONTHS: [(&str, &str, &str); 12] = [
    ("jan", "januari", "January"),
    ("feb", "februari", "February"),
    ("mrt", "maart", "March"),
    ("apr", "april", "April"),
    ("mei", "mei", "May"),
    ("jun", "juni", "June"),
    ("jul", "juli", "July"),
    ("aug", "augustus", "August"),
    ("sep", "september", "September"),
    ("okt", "oktober", "October"),
    ("nov", "november", "November"),
    ("dec", "december", "December"),
];

/// The English abbreviations of the months, as a date reads on screen ("Mon 1 Feb 2027").
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The month of a date written out in full: "maart" / "March".
pub fn long_month(date: Date, lang: Lang) -> &'static str {
    let (_, nl, en) = MONTHS[usize::try_from(date.month() - 1).unwrap_or(0) % 12];
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// A date as a title: "1 december 2026" / "1 December 2026".
pub fn title(date: Date, lang: Lang) -> String {
    format!("{} {} {}", date.day(), long_month(date, lang), date.year())
}

const WEEKDAYS: [(Weekday, &[&str]); 7] = [
    (Weekday::Monday, &["ma", "maandag", "mon", "monday"]),
    (
        Weekday::Tuesday,
        &["di", "dinsdag", "tue", "tues", "tuesday"],
    ),
    (Weekday::Wednesday, &["wo", "woensdag", "wed", "wednesday"]),
    (
        Weekday::Thursday,
        &["do", "donderdag", "thu", "thur", "thurs", "thursday"],
    ),
    (Weekday::Friday, &["vr", "vrijdag", "fri", "friday"]),
    (Weekday::Saturday, &["za", "zaterdag", "sat", "saturday"]),
    (Weekday::Sunday, &["zo", "zondag", "sun", "sunday"]),
];

/// The full month name (1-12) in a language, as the language writes it ("maart", "March").
fn month_name(month: i64, lang: Lang) -> Option<&'static str> {
    let index = usize::try_from(month.checked_sub(1)?).ok()?;
    let (_, nl, en) = MONTHS.get(index)?;
    Some(match lang {
        Lang::Nl => nl,
        Lang::En => en,
    })
}

/// A month (1-12) from a Dutch or English name or abbreviation ("feb", "mrt", "march"),
/// in lower case (as [`parse`] has made every word).
fn month_of(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|(short, nl, en)| {
            *short == word
                || nl.starts_with(word)
                || en
                    .get(..word.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(word))
        })
        .and_then(|i| i8::try_from(i + 1).ok())
}

fn weekday_of(word: &str) -> Option<Weekday> {
    let word = word.trim_end_matches('.');
    WEEKDAYS
        .iter()
        .find(|(_, names)| names.contains(&word))
        .map(|(day, _)| *day)
}

/// A small count in digits or words ("2", "twee", "two", "een", "a").
fn count_of(word: &str) -> Option<i64> {
    const WORDS: [(&[&str], i64); 10] = [
        (&["een", "één", "eén", "a", "an", "one"], 1),
        (&["twee", "two"], 2),
        (&["drie", "three"], 3),
        (&["vier", "four"], 4),
        (&["vijf", "five"], 5),
        (&["zes", "six"], 6),
        (&["zeven", "seven"], 7),
        (&["acht", "eight"], 8),
        (&["negen", "nine"], 9),
        (&["tien", "ten"], 10),
    ];
    if !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    WORDS
        .iter()
        .find(|(names, _)| names.contains(&word))
        .map(|(_, n)| *n)
}

/// Parses what the facilitator typed as "when" into a date, relative to `today` (the
/// meeting's day). Understood, in Dutch and English:
/// - `2027-02-01`; `1-2`, `1/2`, `1.2`, with an optional year (`1-2-2027`, `1-2-27`);
/// - `1 feb`, `1 februari 2027`, `feb 1`, `February 1, 2027`;
/// - `vandaag`/`today`, `morgen`/`tomorrow`, `overmorgen`;
/// - `volgende week`/`next week` (the Monday of next week);
/// - `over 2 weken`/`in 2 weeks` (also days, months, years; a count up to 9999 or a word);
/// - a weekday (`vrijdag`, `vr`, `friday`, `volgende dinsdag`, `next tue`): the first such
///   day after today;
/// - `eind maart`/`end of March` (the last day of that month).
///
/// A day and month without a year is the first such day on or after today.
pub fn parse(input: &str, today: Date) -> Result<Date, DateError> {
    let text: String = input
        .trim()
        .to_lowercase()
        .replace(',', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let date = parse_words(&text, today)?.ok_or_else(|| DateError::NotADate(shown(input)))?;
    let away = (date.year() - today.year()).abs();
    if away > MAX_YEARS_AWAY {
        return Err(DateError::TooFar);
    }
    Ok(date)
}

/// The input as quoted in a message: trimmed, control characters dropped, at most 40
/// characters.
fn shown(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(40)
        .collect()
}

fn parse_words(text: &str, today: Date) -> Result<Option<Date>, DateError> {
    let words: Vec<&str> = text.split(' ').collect();
    let far = |_| DateError::TooFar;
    match words.as_slice() {
        ["vandaag" | "today"] => Ok(Some(today)),
        ["morgen" | "tomorrow"] => today.tomorrow().map(Some).map_err(far),
        ["overmorgen"] | ["day", "after", "tomorrow"] => {
            today.checked_add(2.days()).map(Some).map_err(far)
        }
        ["volgende" | "komende", "week"] | ["next", "week"] => {
            let days = 7 - i64::from(today.weekday().to_monday_zero_offset());
            today.checked_add(days.days()).map(Some).map_err(far)
        }
        ["over" | "in", count, unit] => match (count_of(count), unit_of(unit)) {
            (Some(n), Some(unit)) => add(today, n, unit).map(Some),
            _ => Ok(None),
        },
        ["eind" | "einde" | "end", month]
        | ["eind" | "einde", "van", month]
        | ["end", "of", month] => match month_of(month) {
            Some(m) => end_of_month(today, m, None).map(Some),
            None => Ok(None),
        },
        ["eind" | "einde" | "end", month, year]
        | ["end", "of", month, year]
        | ["eind" | "einde", "van", month, year] => match (month_of(month), year_of(year)) {
            (Some(m), Some(y)) => end_of_month(today, m, Some(y)).map(Some),
            _ => Ok(None),
        },
        [prefix, day] if is_next(prefix) => Ok(weekday_of(day).map(|d| next_weekday(today, d))),
        [one] => {
            if let Some(day) = weekday_of(one) {
                return Ok(Some(next_weekday(today, day)));
            }
            numeric(one, today)
        }
        [a, b] => match (day_of(a), month_of(b), month_of(a), day_of(b)) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => {
                day_month(today, d, i64::from(m), None).map(Some)
            }
            _ => Ok(None),
        },
        [a, b, c] => match (day_of(a), month_of(b), month_of(a), day_of(b), year_of(c)) {
            (Some(d), Some(m), _, _, Some(y)) | (_, _, Some(m), Some(d), Some(y)) => {
                day_month(today, d, i64::from(m), Some(y)).map(Some)
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

fn is_next(word: &str) -> bool {
    matches!(
        word,
        "volgende" | "komende" | "aanstaande" | "next" | "coming" | "this"
    )
}

#[derive(Clone, Copy)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn unit_of(word: &str) -> Option<Unit> {
    match word {
        "dag" | "dagen" | "day" | "days" => Some(Unit::Day),
        "week" | "weken" | "weeks" => Some(Unit::Week),
        "maand" | "maanden" | "month" | "months" => Some(Unit::Month),
        "jaar" | "jaren" | "year" | "years" => Some(Unit::Year),
        _ => None,
    }
}

fn add(today: Date, n: i64, unit: Unit) -> Result<Date, DateError> {
    let span = match unit {
        Unit::Day => jiff::Span::new().try_days(n),
        Unit::Week => jiff::Span::new().try_weeks(n),
        Unit::Month => jiff::Span::new().try_months(n),
        Unit::Year => jiff::Span::new().try_years(n),
    }
    .map_err(|_| DateError::TooFar)?;
    today.checked_add(span).map_err(|_| DateError::TooFar)
}

fn day_of(word: &str) -> Option<i64> {
    let word = word.trim_end_matches('.');
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// A year of four digits, or two (`27` is 2027).
fn year_of(word: &str) -> Option<i16> {
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match word.len() {
        4 => word.parse().ok(),
        2 => word.parse::<i16>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

/// `2027-02-01`, or a day and month (and year) with `-`, `/` or `.` between.
fn numeric(word: &str, today: Date) -> Result<Option<Date>, DateError> {
    let parts: Vec<&str> = word.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (year_of(y), day_of(m), day_of(d)) {
            (Some(y), Some(m), Some(d)) => day_month(today, d, m, Some(y)).map(Some),
            _ => Ok(None),
        },
        [d, m] => match (day_of(d), day_of(m)) {
            (Some(d), Some(m)) => day_month(today, d, m, None).map(Some),
            _ => Ok(None),
        },
        [d, m, y] => match (day_of(d), day_of(m), year_of(y)) {
            (Some(d), Some(m), Some(y)) => day_month(today, d, m, Some(y)).map(Some),
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

/// The date of a day and month: in `year`, or the first on or after today.
fn day_month(today: Date, day: i64, month: i64, year: Option<i16>) -> Result<Date, DateError> {
    let bad = DateError::NoSuchDay { day, month };
    let (Ok(d), Ok(m)) = (i8::try_from(day), i8::try_from(month)) else {
        return Err(bad);
    };
    if !(1..=12).contains(&m) {
        return Err(bad);
    }
    match year {
        Some(y) => Date::new(y, m, d).map_err(|_| bad),
        None => {
            // 29 February: the next year that has one, within a leap cycle.
            for y in today.year()..=today.year().saturating_add(8) {
                if let Ok(date) = Date::new(y, m, d)
                    && date >= today
                {
                    return Ok(date);
                }
            }
            Err(bad)
        }
    }
}

fn end_of_month(today: Date, month: i8, year: Option<i16>) -> Result<Date, DateError> {
    let year = match year {
        Some(y) => y,
        None if month < today.month() => today.year().saturating_add(1),
        None => today.year(),
    };
    Date::new(year, month, 1)
        .map(|d| d.last_of_month())
        .map_err(|_| DateError::TooFar)
}

/// The first `day` after `today` (a week on when today is that day).
fn next_weekday(today: Date, day: Weekday) -> Date {
    let ahead = (day.to_monday_zero_offset() - today.weekday().to_monday_zero_offset() + 7) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    today.checked_add(i64::from(ahead).days()).unwrap_or(today)
}

/// A date as the room reads it: `ma 1 feb 2027` / `Mon 1 Feb 2027`.
pub fn format(date: Date, lang: Lang) -> String {
    let index = usize::try_from(date.month() - 1).unwrap_or(0);
    let weekday = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
    match lang {
        Lang::Nl => {
            const DAYS: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
            format!(
                "{} {} {} {}",
                DAYS[weekday % 7],
                date.day(),
                MONTHS[index % 12].0,
                date.year()
            )
        }
        Lang::En => {
            const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            format!(
                "{} {} {} {}",
                DAYS[weekday % 7],
                date.day(),
                EN_MONTHS[index % 12],
                date.year()
            )
        }
    }
}

/// How late an action is, `days` after its date: "2 dagen over tijd", "3 weken over
/// tijd", "4 maanden over tijd" / "3 weeks overdue"; none when it is not late.
pub fn overdue_label(days: i64, lang: Lang) -> Option<String> {
    if days <= 0 {
        return None;
    }
    let (n, nl_one, nl_many, en_one, en_many) = if days < 14 {
        (days, "dag", "dagen", "day", "days")
    } else if days < 9 * 7 {
        (days / 7, "week", "weken", "week", "weeks")
    } else {
        (days / 30, "maand", "maanden", "month", "months")
    };
    Some(match lang {
        Lang::Nl => format!("{n} {} over tijd", if n == 1 { nl_one } else { nl_many }),
        Lang::En => format!("{n} {} overdue", if n == 1 { en_one } else { en_many }),
    })
}

/// Days from `due` to `today`: positive when `due` has passed.
pub fn days_late(due: Date, today: Date) -> i64 {
    (today - due).get_days().into()
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
