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

/// A time as samenspel writes it (`2025-03-06T19:30:00Z`, whole seconds in UTC), read
/// without the general parser: a session holds one for every change. jiff still checks the
/// date and the time and makes the timestamp; anything else is none, and jiff's parser
/// reads it (and words what is wrong).
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
        digits.iter().try_fold(0i16, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i16::from(d - b'0'))
        })
    };
    let small = |digits: &[u8]| number(digits).and_then(|n| i8::try_from(n).ok());
    let date = jiff::civil::Date::new(
        number(&[y1, y2, y3, y4])?,
        small(&[m1, m2])?,
        small(&[d1, d2])?,
    );
    let time = jiff::civil::Time::new(small(&[h1, h2])?, small(&[i1, i2])?, small(&[s1, s2])?, 0);
    let at = jiff::civil::DateTime::from_parts(date.ok()?, time.ok()?);
    jiff::tz::Offset::UTC.to_timestamp(at).ok()
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
        let mut rng = crate::core::generate::Rng::new(11);
        let mut next = |below: usize| rng.below(below);
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
