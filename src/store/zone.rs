//! The time zone of a meeting: recorded in the session when it is created (the laptop's
//! zone), so that a report made later, on another machine, shows the times the room saw.

use jiff::tz::TimeZone;

use crate::core::Session;

/// The zone of a session that records none (files from before the zone was recorded),
/// and of a new session on a machine that does not know its own zone: the facilitators
/// are Dutch.
pub const DEFAULT_ZONE: &str = "Europe/Amsterdam";

/// The zone to record in a new session: the system's IANA name (`TZ`, else
/// `/etc/localtime`), else [`DEFAULT_ZONE`].
pub fn local_zone_name() -> String {
    TimeZone::try_system()
        .ok()
        .and_then(|tz| tz.iana_name().map(str::to_string))
        .filter(|name| TimeZone::get(name).is_ok())
        .unwrap_or_else(|| DEFAULT_ZONE.to_string())
}

/// Records the local zone in a session that is being created.
pub fn stamp(session: &mut Session) {
    session.time_zone = Some(local_zone_name());
}

/// The name of the zone a session's times are shown in: its own, else [`DEFAULT_ZONE`].
pub fn zone_name(session: &Session) -> &str {
    session
        .time_zone
        .as_deref()
        .filter(|name| TimeZone::get(name).is_ok())
        .unwrap_or(DEFAULT_ZONE)
}

/// The zone with this IANA name; UTC for a name the time zone database does not know
/// (validation refuses such names, so only a hand-made outcome can hold one).
pub fn named(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// The day of `at` in the session's zone: "today" for the dates of actions typed then.
pub fn day_of(session: &Session, at: jiff::Timestamp) -> jiff::civil::Date {
    at.to_zoned(named(zone_name(session))).date()
}

/// The day the meeting was held (its start, in its zone).
pub fn meeting_day(session: &Session) -> jiff::civil::Date {
    day_of(session, session.created)
}

/// Whether the time zone database knows this name.
pub fn is_known(name: &str) -> bool {
    TimeZone::get(name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_zone_is_known_even_without_a_system_database() {
        // The database is bundled into the binary, so this holds on any machine.
        assert!(is_known(DEFAULT_ZONE));
        assert!(!is_known("Mars/Olympus_Mons"));
        let at: jiff::Timestamp = "2025-03-12T07:56:00Z".parse().unwrap();
        assert_eq!(at.to_zoned(named(DEFAULT_ZONE)).hour(), 8);
    }
}
