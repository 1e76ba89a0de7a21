//! In-process tests of the room: a real server on 127.0.0.1 (an ephemeral port), the test
//! session loop of [`super::harness`] with a real writer to a temporary file, and phones
//! that speak plain HTTP. Loopback only; every loop is bounded.

mod flow;
mod fuzz;
mod limits;
mod load;
mod retry;
mod security;

use std::time::Duration;

use serde_json::Value;

use super::harness::Harness;
use super::harness::phone::{Answer, Phone, request, token_of};
use super::{Bind, Limits, RoomConfig};
use crate::core::Lang;

/// Limits for tests: every phone comes from 127.0.0.1, so joins and codes per address
/// are raised; the rest as in a meeting unless a test lowers it.
pub(super) fn test_limits() -> Limits {
    Limits {
        joins_per_minute: 10_000,
        code_tries_per_minute: 10_000,
        reply_wait: Duration::from_secs(5),
        read_wait: Duration::from_secs(2),
        update_gap: Duration::from_millis(20),
        ..Limits::default()
    }
}

/// A room of the fixture session with a real writer, and its folder.
pub(super) struct Room {
    pub harness: Harness,
    pub token: String,
    pub host: String,
    pub file: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

pub(super) fn room_with(limits: Limits) -> Room {
    room_of(crate::core::fixture::live(), limits)
}

pub(super) fn room() -> Room {
    room_with(test_limits())
}

pub(super) fn room_of(live: crate::core::Live, limits: Limits) -> Room {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sessie.json");
    let harness = Harness::start(
        live,
        Some(file.clone()),
        RoomConfig {
            bind: Bind::loopback(Some(0)),
            lang: Lang::Nl,
            limits,
        },
    )
    .expect("the room opens on loopback");
    let token = token_of(&harness.join_url);
    let host = super::address::host(harness.address);
    Room {
        harness,
        token,
        host,
        file,
        _dir: dir,
    }
}

impl Room {
    pub fn phone(&self) -> Phone {
        Phone::join(self.harness.address, &self.token, None, None).expect("joins")
    }

    pub fn phone_of(&self, name: &str, party: Option<&str>) -> Phone {
        Phone::join(self.harness.address, &self.token, Some(name), party).expect("joins")
    }

    /// A request with the room's own Host header.
    pub fn ask(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Answer {
        request(
            self.harness.address,
            &self.host,
            method,
            path,
            headers,
            body,
        )
        .expect("the room answers")
    }

    /// The number of events in the log.
    pub fn events(&self) -> usize {
        self.harness
            .inspect(|live| live.session.events.len())
            .expect("the loop runs")
    }

    /// The session as saved: its file with its journal, as samenspel reads it.
    pub fn saved(&self) -> Value {
        let live = crate::store::load_session(&self.file).expect("the saved session");
        serde_json::to_value(&live.session).expect("json")
    }

    /// Opens a step on the laptop.
    pub fn open_step(&self, step: &'static str) {
        self.harness
            .facilitator(move |_| {
                Some(crate::core::Change::StepOpened {
                    step: step.to_string(),
                })
            })
            .expect("step opens");
    }
}
