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
