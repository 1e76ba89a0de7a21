//! Whole-process figures for scripts/bench.sh, measured on the real binary in a PTY.
//!
//! Usage: measure <binary> <runs> first-frame <wait-text> <args...>
//!        measure <binary> <runs> keypress <session.json>
//!        measure <binary> <runs> edits <session.json> <edits> <paced 0|1>
//!        measure <binary> <runs> idle <seconds> <timer 0|1> <args...>
//!        measure <binary> <runs> burst <keys>
//!        measure parse <file>      (a parse-only pass: serde's IgnoredAny, the reference)
//! Prints one line of `name=value` pairs; times are medians over the runs.
// A measuring or testing tool: a failure should stop it loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::string_slice
)]

mod pty;
#[path = "../support/terminal.rs"]
mod terminal;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pty::{Run, start};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Opens a copy of `session` and waits until it is on screen and saved; returns the run
/// and the number of events in it.
fn open_copy(bin: &Path, home: &Path, session: &str, i: usize) -> (Run, usize) {
    let copy = home.join(format!("run-{i}.json"));
    std::fs::copy(session, &copy).expect("copy session");
    let run = start(bin, &["open".into(), copy.display().to_string()], home);
    run.wait_for("opgeslagen", Instant::now());
    let n = saved_count(&run);
    (run, n)
}

/// The number in "opgeslagen (n)" on the status line, once it says so.
fn saved_count(run: &Run) -> usize {
    run.wait_for("opgeslagen (", Instant::now());
    let screen = run.screen();
    let at = screen.find("opgeslagen (").expect("status") + "opgeslagen (".len();
    screen[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("count")
}

/// Back to the first step (a board) wherever the session was left.
fn to_first_step(run: &mut Run) {
    run.send(b"pppppppp");
    run.wait_for("Stap 1/", Instant::now());
}

/// The average length of the last `n` events of a saved session file (one per line).
fn change_bytes(file: &Path, n: usize) -> f64 {
    let text = std::fs::read_to_string(file).expect("saved file");
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("{\"at\""))
        .collect();
    let last = &lines[lines.len().saturating_sub(n)..];
    let total: usize = last
        .iter()
        .map(|l| l.trim().trim_end_matches(',').len())
        .sum();
    total as f64 / last.len().max(1) as f64
}

fn edits(bin: &Path, runs: usize, home: &Path, session: &str, count: usize, paced: bool) {
    let (mut peaks, mut per_change, mut sizes, mut secs) = (vec![], vec![], vec![], vec![]);
    for i in 0..runs {
        let (mut run, _) = open_copy(bin, home, session, i);
        to_first_step(&mut run);
        // Going back a few steps recorded step changes: count from what is saved now.
        std::thread::sleep(Duration::from_millis(300));
        let base = saved_count(&run);
        let pid = run.pid();
        let before = pty::thread_wchar(pid, "samenspel-writer");
        let t0 = Instant::now();
        for k in 0..count {
            run.send(format!("akaart {k}\r").as_bytes());
            run.wait_gone("Nieuwe kaart", Instant::now());
            if paced {
                run.wait_saved(base + k + 1);
            }
        }
        run.wait_saved(base + count);
        secs.push(t0.elapsed().as_secs_f64());
        let written = pty::thread_wchar(pid, "samenspel-writer") - before;
        peaks.push(pty::status_kb(pid, "VmHWM:") as f64);
        per_change.push(written as f64 / count as f64);
        run.stop();
        sizes.push(change_bytes(&home.join(format!("run-{i}.json")), count));
    }
    let size = median(sizes);
    let per = median(per_change);
    println!(
        "peak_rss_kb={:.0} writer_bytes_per_change={per:.0} change_bytes={size:.0} ratio={:.2} seconds={:.1}",
        median(peaks),
        per / size,
        median(secs)
    );
}

fn idle(bin: &Path, runs: usize, home: &Path, seconds: u64, timer: bool, args: &[String]) {
    let (mut total, mut cpu, mut detail) = (vec![], vec![], String::new());
    for _ in 0..runs {
        let mut run = start(bin, args, home);
        run.wait_for("opgeslagen", Instant::now());
        if timer {
            // A step with a time box (15 or 20 minutes): start it.
            run.send(b"t");
            run.wait_until(Instant::now(), "the timer to run", |s| {
                s.contains("14:5") || s.contains("19:5")
            });
        }
        // Let what starting did settle.
        std::thread::sleep(Duration::from_millis(1500));
        let pid = run.pid();
        let (w0, c0, f0) = (pty::wakeups(pid), pty::cpu_ticks(pid), run.frames());
        std::thread::sleep(Duration::from_secs(seconds));
        let (w1, c1, f1) = (pty::wakeups(pid), pty::cpu_ticks(pid), run.frames());
        let per_s = |a: u64, b: u64| (b - a) as f64 / seconds as f64;
        let mut sum = 0.0;
        detail.clear();
        for (name, after) in &w1 {
            let before = w0.iter().find(|(n, _)| n == name).map_or(0, |(_, b)| *b);
            let rate = per_s(before, *after);
            sum += rate;
            detail.push_str(&format!(" {name}={rate:.2}"));
        }
        detail.push_str(&format!(" frames_per_s={:.2}", per_s(f0, f1)));
        total.push(sum);
        cpu.push((c1 - c0) as f64 * 10.0 / seconds as f64 / 10.0);
        run.stop();
    }
    println!(
        "wakeups_per_s={:.2} cpu_percent={:.2}{detail}",
        median(total),
        median(cpu)
    );
}

fn burst(bin: &Path, runs: usize, home: &Path, keys: usize) {
    let (mut frames, mut times) = (vec![], vec![]);
    for _ in 0..runs {
        let mut run = start(bin, &["new".into(), "zwolse-komedie".into()], home);
        run.wait_for("Akte 1/4", Instant::now());
        run.send(b"a");
        run.wait_for("Nieuwe kaart", Instant::now());
        std::thread::sleep(Duration::from_millis(300));
        let text: String = (0..keys)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect::<String>()
            .chars()
            .take(keys - 4)
            .chain("WXYZ".chars())
            .collect();
        let f0 = run.frames();
        let t0 = Instant::now();
        run.send(text.as_bytes());
        let took = run.wait_for("WXYZ", t0);
        // Frames that still come after the last key was shown.
        std::thread::sleep(Duration::from_millis(300));
        frames.push((run.frames() - f0) as f64);
        times.push(ms(took));
        run.send(b"\x1b");
        std::thread::sleep(Duration::from_millis(100));
        run.send(b"y");
        run.stop();
    }
    let max = frames.iter().copied().fold(0.0, f64::max);
    println!(
        "frames_median={:.0} frames_max={max:.0} median_ms={:.1}",
        median(frames),
        median(times)
    );
}

/// Reads a file and parses it as JSON without keeping anything: what any reader must do.
fn parse_only(file: &str) {
    let bytes = std::fs::read(file).expect("read");
    let _: serde::de::IgnoredAny = serde_json::from_slice(&bytes).expect("JSON");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("parse") {
        parse_only(&args[2]);
        return;
    }
    if args.len() < 5 {
        eprintln!("usage: see the top of examples/measure/main.rs");
        std::process::exit(2);
    }
    let bin = PathBuf::from(&args[1]);
    let runs: usize = args[2].parse().unwrap_or(5);
    let home = tempfile::tempdir().expect("temp dir");
    let home = home.path();
    match args[3].as_str() {
        "edits" => {
            let count = args[5].parse().expect("edits");
            return edits(&bin, runs, home, &args[4], count, args[6] == "1");
        }
        "idle" => {
            let secs = args[4].parse().expect("seconds");
            return idle(&bin, runs, home, secs, args[5] == "1", &args[6..]);
        }
        "burst" => return burst(&bin, runs, home, args[4].parse().expect("keys")),
        _ => {}
    }
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut peak = 0;
    for i in 0..runs {
        match args[3].as_str() {
            "first-frame" => {
                let t0 = Instant::now();
                let run = start(&bin, &args[5..], home);
                times.push(ms(run.wait_for(&args[4], t0)));
                // CPU time (user + system, every thread) spent up to the first frame: what
                // the wall time is on an idle machine, whatever else runs on this one.
                cpu.push(pty::cpu_ms(run.pid()));
                peak = peak.max(pty::status_kb(run.pid(), "VmHWM:"));
                run.stop();
            }
            "keypress" => {
                let (mut run, _) = open_copy(&bin, home, &args[4], i);
                to_first_step(&mut run);
                // The first card starts a save of the whole file; the second card's Enter is
                // pressed while that save runs, and its frame must not wait for the disk.
                run.send(b"atweede-kaart");
                run.wait_for("tweede-kaart", Instant::now());
                run.send(b"\raderde-kaart");
                run.wait_for("derde-kaart", Instant::now());
                let t0 = Instant::now();
                run.send(b"\r");
                times.push(ms(run.wait_gone("Nieuwe kaart", t0)));
                peak = peak.max(pty::status_kb(run.pid(), "VmHWM:"));
                run.stop();
            }
            other => {
                eprintln!("unknown mode {other}");
                std::process::exit(2);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let cpu = if cpu.is_empty() {
        String::new()
    } else {
        format!(" cpu_ms={:.1}", median(cpu))
    };
    println!(
        "median_ms={:.1} min_ms={:.1} max_ms={:.1} peak_rss_kb={peak}{cpu}",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
