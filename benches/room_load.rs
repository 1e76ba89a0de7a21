//! The room under load, on loopback only: 100 phones join and each sends 10 cards as fast as
//! it can, through the test session loop with a real writer (fsync on every save). Reports
//! how long a phone waits from sending to "saved" (p50, p99, max), the throughput, what was
//! lost or doubled (both must be 0), and how long a facilitator's change waits for the loop
//! meanwhile. `cargo bench --bench room_load` (ROOM_RUNS=N repeats the run; default 3).
// A measuring tool: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use samenspel::core::{Change, Lang};
use samenspel::room::harness::Harness;
use samenspel::room::harness::phone::{Phone, token_of};
use samenspel::room::{Bind, Limits, RoomConfig};
use serde_json::{Value, json};

const PHONES: usize = 100;
const CARDS: usize = 10;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn run() -> (Vec<Duration>, Vec<Duration>, Duration, usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessie.json");
    let live = samenspel::core::fixture::live();
    let harness = Arc::new(
        Harness::start(
            live,
            Some(file.clone()),
            RoomConfig {
                bind: Bind::loopback(Some(0)),
                lang: Lang::Nl,
                limits: Limits {
                    // Every phone here comes from 127.0.0.1.
                    joins_per_minute: 10_000,
                    ..Limits::default()
                },
            },
        )
        .unwrap(),
    );
    let token = token_of(&harness.join_url);
    let phones: Vec<Phone> = (0..PHONES)
        .map(|_| Phone::join(harness.address, &token, None, None).unwrap())
        .collect();
    // Meanwhile the facilitator moves between steps every 20 ms: how long does each wait?
    let busy = Arc::new(AtomicBool::new(true));
    let facilitator = {
        let (h, busy) = (harness.clone(), busy.clone());
        std::thread::spawn(move || {
            let mut waits = Vec::new();
            let mut step = 0;
            while busy.load(Ordering::Relaxed) {
                step = (step + 1) % 2;
                let id = ["bord", "matrix"][step];
                let t = Instant::now();
                h.facilitator(move |_| Some(Change::StepOpened { step: id.into() }))
                    .unwrap();
                waits.push(t.elapsed());
                std::thread::sleep(Duration::from_millis(20));
            }
            waits
        })
    };
    let started = Instant::now();
    let threads: Vec<_> = phones
        .into_iter()
        .enumerate()
        .map(|(p, mut phone)| {
            std::thread::spawn(move || {
                let mut waits = Vec::new();
                for c in 0..CARDS {
                    let key = phone.key();
                    let body = json!({"kind": "card", "step": "bord", "lane": "links",
                        "text": format!("telefoon {p} kaart {c}")});
                    let t = Instant::now();
                    let ok = (0..5).any(|_| phone.send_keyed(&key, body.clone()).status == 200);
                    assert!(ok, "never saved");
                    waits.push(t.elapsed());
                }
                waits
            })
        })
        .collect();
    let mut waits: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let total = started.elapsed();
    busy.store(false, Ordering::Relaxed);
    let mut facilitator = facilitator.join().unwrap();
    let harness = Arc::try_unwrap(harness).ok().unwrap();
    harness.stop();
    // The file with its journal, as samenspel reads it.
    let saved: Value =
        serde_json::to_value(&samenspel::store::load_session(&file).unwrap().session).unwrap();
    let texts: Vec<String> = saved["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"]["type"] == "card_proposed")
        .map(|e| e["change"]["text"].as_str().unwrap().to_string())
        .collect();
    let distinct: BTreeSet<&String> = texts.iter().collect();
    let lost = PHONES * CARDS - distinct.len();
    let doubled = texts.len() - distinct.len();
    waits.sort();
    facilitator.sort();
    (waits, facilitator, total, lost, doubled)
}

fn main() {
    let runs: usize = std::env::var("ROOM_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    println!("{PHONES} phones x {CARDS} cards, loopback, real writer; {runs} runs");
    println!(
        "| run | p50 send->saved | p99 | max | cards/s | facilitator change p50 / p99 | lost | doubled |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for r in 1..=runs {
        let (w, f, total, lost, doubled) = run();
        println!(
            "| {r} | {} | {} | {} | {:.0} | {} / {} | {lost} | {doubled} |",
            ms(percentile(&w, 0.5)),
            ms(percentile(&w, 0.99)),
            ms(*w.last().unwrap()),
            w.len() as f64 / total.as_secs_f64(),
            ms(percentile(&f, 0.5)),
            ms(percentile(&f, 0.99)),
        );
        assert_eq!((lost, doubled), (0, 0));
    }
}
