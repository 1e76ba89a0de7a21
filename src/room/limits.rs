//! The room's hard limits and its rate counters: the only state the server keeps besides
//! connections and tokens.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// The limits of a room. [`Limits::default`] is what a meeting gets; tests lower some.
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Largest request body, in bytes.
    pub body_bytes: usize,
    /// Submissions (cards, dots, endorsements, commitments) per device per minute.
    pub per_minute: u32,
    /// Joins per phone address per minute.
    pub joins_per_minute: u32,
    /// Join-code tries per phone address per minute.
    pub code_tries_per_minute: u32,
    /// Wrong join codes per minute from everyone together, after which the code is
    /// refused for the rest of the minute (the QR code still works).
    pub wrong_codes_per_minute: u32,
    /// Connections open at once.
    pub connections: usize,
    /// How long a request waits for the laptop to save it before the phone is told to
    /// try again (with the same key).
    pub reply_wait: Duration,
    /// How long a phone may take to send a request's headers and body.
    pub read_wait: Duration,
    /// Shortest time between two updates sent to one phone (more are combined).
    pub update_gap: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: 8 * 1024,
            per_minute: 30,
            joins_per_minute: 10,
            code_tries_per_minute: 10,
            wrong_codes_per_minute: 60,
            connections: 500,
            reply_wait: Duration::from_secs(10),
            read_wait: Duration::from_secs(10),
            update_gap: Duration::from_millis(100),
        }
    }
}

/// A token bucket: `per_minute` at once, refilled evenly over a minute.
#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(per_minute: u32, now: Instant) -> Bucket {
        Bucket {
            tokens: f64::from(per_minute),
            at: now,
        }
    }

    fn take(&mut self, per_minute: u32, now: Instant) -> bool {
        let cap = f64::from(per_minute);
        let refill = now.saturating_duration_since(self.at).as_secs_f64() * cap / 60.0;
        self.tokens = (self.tokens + refill).min(cap);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// At most this many addresses are remembered; more and the oldest counters are let go
/// (a flood of addresses cannot grow memory).
const MAX_ADDRESSES: usize = 1024;

/// The room's rate counters.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    devices: HashMap<u32, Bucket>,
    joins: HashMap<IpAddr, Bucket>,
    codes: HashMap<IpAddr, Bucket>,
    wrong_codes: Option<Bucket>,
}

fn take_for<K: std::hash::Hash + Eq + Copy>(
    map: &mut HashMap<K, Bucket>,
    key: K,
    per_minute: u32,
    now: Instant,
) -> bool {
    if map.len() >= MAX_ADDRESSES && !map.contains_key(&key) {
        let oldest = map.iter().min_by_key(|(_, b)| b.at).map(|(k, _)| *k);
        if let Some(k) = oldest {
            map.remove(&k);
        }
    }
    map.entry(key)
        .or_insert_with(|| Bucket::full(per_minute, now))
        .take(per_minute, now)
}

impl Counters {
    /// Counts a submission of `device`; false when it is over the limit.
    pub fn submission(&mut self, device: u32, limits: &Limits, now: Instant) -> bool {
        take_for(&mut self.devices, device, limits.per_minute, now)
    }

    /// Counts a join from `addr`; false when it is over the limit.
    pub fn join(&mut self, addr: IpAddr, limits: &Limits, now: Instant) -> bool {
        take_for(&mut self.joins, addr, limits.joins_per_minute, now)
    }

    /// Counts a join-code try from `addr`; false when it is over the limit (or wrong codes
    /// from everyone are).
    pub fn code_try(&mut self, addr: IpAddr, limits: &Limits, now: Instant) -> bool {
        let open = self
            .wrong_codes
            .get_or_insert_with(|| Bucket::full(limits.wrong_codes_per_minute, now));
        // Peek without taking: only a wrong code takes from the room-wide bucket.
        let mut peek = *open;
        if !peek.take(limits.wrong_codes_per_minute, now) {
            return false;
        }
        take_for(&mut self.codes, addr, limits.code_tries_per_minute, now)
    }

    /// Counts a wrong join code against the room-wide limit.
    pub fn wrong_code(&mut self, limits: &Limits, now: Instant) {
        let bucket = self
            .wrong_codes
            .get_or_insert_with(|| Bucket::full(limits.wrong_codes_per_minute, now));
        bucket.take(limits.wrong_codes_per_minute, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_minute_then_refills_evenly() {
        let limits = Limits {
            per_minute: 3,
            ..Limits::default()
        };
        let t = Instant::now();
        let mut c = Counters::default();
        assert!((0..3).all(|_| c.submission(1, &limits, t)));
        assert!(!c.submission(1, &limits, t), "the fourth in a minute");
        assert!(c.submission(2, &limits, t), "another device has its own");
        assert!(c.submission(1, &limits, t + Duration::from_secs(20)));
        assert!(!c.submission(1, &limits, t + Duration::from_secs(21)));
    }

    #[test]
    fn wrong_codes_from_everyone_close_the_code_for_a_while() {
        let limits = Limits {
            code_tries_per_minute: 100,
            wrong_codes_per_minute: 2,
            ..Limits::default()
        };
        let t = Instant::now();
        let mut c = Counters::default();
        let a: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(c.code_try(a, &limits, t));
        c.wrong_code(&limits, t);
        c.wrong_code(&limits, t);
        assert!(!c.code_try(a, &limits, t));
        assert!(c.code_try(a, &limits, t + Duration::from_secs(31)));
    }

    #[test]
    fn many_addresses_do_not_grow_the_counters_without_end() {
        let limits = Limits::default();
        let t = Instant::now();
        let mut c = Counters::default();
        for i in 0..3000u32 {
            let ip = IpAddr::from(std::net::Ipv4Addr::from(0x0a00_0000 + i));
            c.join(ip, &limits, t + Duration::from_millis(u64::from(i)));
        }
        assert!(c.joins.len() <= MAX_ADDRESSES);
    }
}
