//! In-process figures of the performance budget (BENCHMARKS.md): reducer throughput, folding
//! a 100,000-event log, drawing a 500-card board and a 30x8 matrix, serializing and parsing
//! sessions of 1,000 / 10,000 / 100,000 events.
// A measuring or testing tool: a failure should stop it loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::string_slice
)]

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use samenspel::core::{Lang, Live, Scenario, Session};
use samenspel::store::{parse_session, try_session_json};
use samenspel::tui::session::SessionScreen;
use samenspel::tui::{App, Screen};

fn scenario(id: &str) -> Scenario {
    match samenspel::store::builtin::builtin(id) {
        Some(Ok(s)) => s,
        _ => panic!("built-in scenario {id}"),
    }
}

fn generated(events: usize) -> Session {
    samenspel::core::generate::session(scenario("stakeholder-doelen"), events, 42)
}

fn reducer(c: &mut Criterion) {
    let session = generated(100_000);
    let mut group = c.benchmark_group("reducer");
    group.sample_size(10);
    group.throughput(Throughput::Elements(session.events.len() as u64));
    group.bench_function("fold 100000 events", |b| {
        b.iter(|| black_box(session.state().map(|s| s.applied)))
    });
    group.finish();
}

fn files(c: &mut Criterion) {
    let mut group = c.benchmark_group("session file");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let session = generated(n);
        let bytes = try_session_json(&session).expect("serializes");
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("serialize", n), &session, |b, s| {
            b.iter(|| black_box(try_session_json(s).map_or(0, |b| b.len())))
        });
        group.bench_with_input(
            BenchmarkId::new("parse+validate+fold", n),
            &bytes,
            |b, bytes| b.iter(|| black_box(parse_session(Path::new("bench.json"), bytes).is_ok())),
        );
    }
    group.finish();

    // What a save costs end to end: serialize, write, fsync, rename, fsync the folder.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("save");
    group.sample_size(20);
    for n in [1_000, 10_000] {
        let session = generated(n);
        let path = dir.path().join(format!("s{n}.json"));
        group.bench_with_input(
            BenchmarkId::new("serialize+write+fsync+rename", n),
            &session,
            |b, s| {
                b.iter(|| {
                    try_session_json(s)
                        .is_ok_and(|b| samenspel::store::atomic::write_atomic(&path, &b).is_ok())
                })
            },
        );
    }
    group.finish();
}

/// A board step with `cards` cards spread over its lanes, on screen.
fn board_app(cards: usize) -> App {
    let sc = scenario("zwolse-komedie");
    let mut live = match Live::open(Session::new(
        Arc::new(sc),
        "Bench".into(),
        jiff::Timestamp::UNIX_EPOCH,
        Lang::Nl,
    )) {
        Ok(l) => l,
        Err(p) => panic!("{p:?}"),
    };
    for i in 0..cards {
        let lane = if i % 2 == 0 {
            "gemeente-over-initiatieven"
        } else {
            "initiatieven-over-gemeente"
        };
        let change = samenspel::core::Change::CardAdded {
            step: "akte-1".into(),
            lane: lane.into(),
            card: live.state.next_id,
            text: format!("Kaart {i}: een opmerking uit de zaal over vertrouwen en tempo"),
            party: None,
            theme: None,
            position: None,
        };
        let _ = live.record(change, jiff::Timestamp::UNIX_EPOCH);
    }
    App::new(
        Screen::Session(Box::new(SessionScreen::viewing(
            live,
            std::path::Path::new(""),
        ))),
        Lang::Nl,
        Box::new(|| jiff::Timestamp::UNIX_EPOCH),
    )
}

fn matrix_app() -> App {
    // 30 goals x the parties of stakeholder-doelen, every cell rated.
    let sc = scenario("stakeholder-doelen");
    let session = samenspel::core::generate::session(sc, 3_000, 3);
    let mut live = match Live::open(session) {
        Ok(l) => l,
        Err(p) => panic!("{p:?}"),
    };
    if let Some(i) = live.state.scenario.step_index("matrix") {
        live.state.current = i;
    }
    App::new(
        Screen::Session(Box::new(SessionScreen::viewing(
            live,
            std::path::Path::new(""),
        ))),
        Lang::Nl,
        Box::new(|| jiff::Timestamp::UNIX_EPOCH),
    )
}

fn drawing(c: &mut Criterion) {
    let mut group = c.benchmark_group("draw");
    let board = board_app(500);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    group.bench_function("board 500 cards 200x50", |b| {
        b.iter(|| {
            terminal
                .draw(|f| samenspel::tui::view::draw(f, &board))
                .map(|_| ())
                .ok();
        })
    });
    let matrix = matrix_app();
    group.bench_function("matrix 200x50", |b| {
        b.iter(|| {
            terminal
                .draw(|f| samenspel::tui::view::draw(f, &matrix))
                .map(|_| ())
                .ok();
        })
    });
    group.finish();
}

/// `clean` runs on every text drawn: per card, per frame.
fn cleaning(c: &mut Criterion) {
    let mut group = c.benchmark_group("clean");
    for (name, text) in [
        (
            "ascii card",
            "Tevreden bewoners en lage aansluitkosten voor de hele wijk",
        ),
        (
            "dutch card",
            "Energiecoöperatie: één loket, naïeve reünie, café en ijs",
        ),
        ("emoji card", "Samen 👨‍👩‍👧‍👦 aan tafel ❤️‍🔥 en 🇳🇱 vlaggen 👍🏾"),
        (
            "hostile card",
            "Kaart\u{1b}]0;x\u{7}\u{202e}\u{200b}\u{34f}\u{3164}e\u{301}\u{301}",
        ),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| samenspel::core::clean::clean(std::hint::black_box(text)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, reducer, files, drawing, cleaning);
criterion_main!(benches);
