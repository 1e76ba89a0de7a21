//! Reading the times in a file. jiff holds times from -9999-01-02 to 9999-12-30 (UTC); a
//! well-formed time outside those years (`9999-12-31T23:59:59Z`) is refused with a message
//! that says so, instead of the library's words about an overflowed Unix timestamp.

use std::fmt;

use jiff::Timestamp;
use serde::Deserializer;
use serde::de::{Error, Visitor};

/// How the message of a time outside the years samenspel handles begins; the time as
/// written in the file follows. The store turns it into a message in both languages.
pub const OUT_OF_RANGE: &str = "time outside the years samenspel handles: ";

/// Whether `s` reads as a date and time but lies outside the years jiff holds.
pub fn out_of_range(s: &str) -> bool {
    s.parse::<Timestamp>().is_err() && jiff::fmt::temporal::Pieces::parse(s).is_ok()
}

/// Reads an RFC 3339 time, as jiff does, with a clear error for one outside jiff's years.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
    d.deserialize_str(TimeVisitor)
}

struct TimeVisitor;

impl Visitor<'_> for TimeVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 time such as \"2025-03-06T19:30:00Z\"")
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<Timestamp, E> {
        if let Some(at) = plain_utc(s) {
            return Ok(at);
        }
        s.parse::<Timestamp>().map_err(|e| {
            // A date and time that read well but do not fit: out of range, said plainly.
            if out_of_range(s) {
                E::custom(format!("{OUT_OF_RANGE}{s}"))
            } else {
                E::custom(e)
            }
        })
    }
}

/// A time as samenspel writes it (`2025-03-06T19:30:00Z`, whole seconds in UTC, years 1000 to
/// 9998), read without the general parser: a session holds one for every change. Anything
/// else is none, and jiff reads it.
fn plain_utc(s: &str) -> Option<Timestamp> {
    let &[
        y1,
        y2,
        y3,
        y4,
        b'-',
        m1,
        m2,
        b'-',
        d1,
        d2,
        b'T',
        h1,
        h2,
        b':',
        i1,
        i2,
        b':',
        s1,
        s2,
        b'Z',
    ] = s.as_bytes()
    else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0i64, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    let year = number(&[y1, y2, y3, y4])?;
    let (month, day) = (number(&[m1, m2])?, number(&[d1, d2])?);
    let (hour, minute, second) = (number(&[h1, h2])?, number(&[i1, i2])?, number(&[s1, s2])?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        _ => return None,
    };
    if !(1000..=9998).contains(&year)
        || !(1..=days_in_month).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    // Days since 1970-01-01 of a date in the proleptic Gregorian calendar (years counted
    // from March, so that a leap day ends its year).
    let y = if month <= 2 { year - 1 } else { year };
    let (era, of_era) = (y / 400, y % 400);
    let of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let of_cycle = of_era * 365 + of_era / 4 - of_era / 100 + of_year;
    let days = era * 146_097 + of_cycle - 719_468;
    Timestamp::from_second(days * 86_400 + hour * 3_600 + minute * 60 + second).ok()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct At {
        #[serde(deserialize_with = "super::deserialize")]
        at: jiff::Timestamp,
    }

    fn read(text: &str) -> Result<jiff::Timestamp, String> {
        serde_json::from_str::<At>(&format!("{{\"at\": \"{text}\"}}"))
            .map(|a| a.at)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_time_as_samenspel_writes_it_reads_as_jiff_reads_it() {
        let mut seed = 11u64;
        let mut next = |below: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % below
        };
        let mut texts: Vec<String> = Vec::new();
        for _ in 0..200_000 {
            let (y, m, d) = (next(9_200) + 800, next(14), next(33));
            let (h, i, s) = (next(26), next(62), next(62));
            texts.push(format!("{y:04}-{m:02}-{d:02}T{h:02}:{i:02}:{s:02}Z"));
        }
        for y in [1000, 1600, 1700, 1900, 1970, 2000, 2024, 2100, 9998, 9999] {
            for (m, d) in [(2, 28), (2, 29), (2, 30), (3, 1), (12, 31), (1, 1)] {
                texts.push(format!("{y:04}-{m:02}-{d:02}T23:59:59Z"));
            }
        }
        texts.extend(
            [
                "2025-03-06T19:30:00z",
                "2025-03-06 19:30:00Z",
                "2025-3-06T19:30:00Z",
            ]
            .map(String::from),
        );
        let mut quick = 0;
        for text in &texts {
            let plain = super::plain_utc(text);
            quick += usize::from(plain.is_some());
            if let Some(at) = plain {
                assert_eq!(
                    Ok(at),
                    text.parse::<jiff::Timestamp>().map_err(|_| ()),
                    "{text}"
                );
            }
            assert_eq!(
                read(text).ok(),
                text.parse::<jiff::Timestamp>().ok(),
                "{text}"
            );
        }
        assert!(quick > 50_000, "{quick}");
    }

    #[test]
    fn times_read_as_before_and_one_past_the_last_day_says_so() {
        assert_eq!(
            read("2025-03-06T19:30:00Z").unwrap().as_second(),
            1_741_289_400
        );
        assert!(read("9999-12-30T00:00:00Z").is_ok());
        let err = read("9999-12-31T23:59:59Z").unwrap_err();
        assert!(
            err.starts_with("time outside the years samenspel handles: 9999-12-31T23:59:59Z"),
            "{err}"
        );
        let err = read("gisteren").unwrap_err();
        assert!(!err.contains("outside the years"), "{err}");
    }
}
