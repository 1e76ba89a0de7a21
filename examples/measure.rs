//! Whole-process figures for scripts/bench.sh: time from start to the first frame, key press
//! to frame while a save runs, and peak memory, measured on the real binary in a PTY.
//!
//! Usage: measure <binary> <runs> first-frame <wait-text> <args...>
//!        measure <binary> <runs> keypress <session.json>
//! Prints one line: `median_ms=<m> min_ms=<a> max_ms=<b> peak_rss_kb=<k>`.
// A measuring or testing tool: a failure should stop it loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::string_slice
)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Run {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
}

fn start(bin: &PathBuf, args: &[String], home: &std::path::Path) -> Run {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(bin);
    cmd.args(args);
    cmd.env("SAMENSPEL_HOME", home);
    cmd.env("SAMENSPEL_LANG", "nl");
    cmd.env("TERM", "xterm-256color");
    let child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let writer = pair.master.take_writer().expect("writer");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
    let p = parser.clone();
    std::thread::spawn(move || {
        let _keep = pair.master;
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().expect("parser").process(&buf[..n]);
        }
    });
    Run {
        child,
        writer,
        parser,
    }
}

fn wait_for(run: &Run, text: &str, from: Instant) -> Duration {
    wait_until(run, from, &format!("{text:?}"), |screen| {
        screen.contains(text)
    })
}

fn wait_gone(run: &Run, text: &str, from: Instant) -> Duration {
    wait_until(run, from, &format!("{text:?} to go"), |screen| {
        !screen.contains(text)
    })
}

fn wait_until(run: &Run, from: Instant, what: &str, done: impl Fn(&str) -> bool) -> Duration {
    loop {
        if done(&run.parser.lock().expect("parser").screen().contents()) {
            return from.elapsed();
        }
        if from.elapsed() > Duration::from_secs(20) {
            panic!("timed out waiting for {what}");
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn peak_rss_kb(pid: Option<u32>) -> u64 {
    let Some(pid) = pid else { return 0 };
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn stop(mut run: Run) {
    let _ = run.writer.write_all(b"q");
    let _ = run.writer.flush();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = run.child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = run.child.kill();
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!(
            "usage: measure <binary> <runs> first-frame <wait-text> <args...> | keypress <session.json>"
        );
        std::process::exit(2);
    }
    let bin = PathBuf::from(&args[1]);
    let runs: usize = args[2].parse().unwrap_or(5);
    let home = tempfile::tempdir().expect("temp dir");
    let mut times = Vec::new();
    let mut peak = 0;
    for i in 0..runs {
        match args[3].as_str() {
            "first-frame" => {
                let t0 = Instant::now();
                let run = start(&bin, &args[5..], home.path());
                times.push(wait_for(&run, &args[4], t0));
                peak = peak.max(peak_rss_kb(run.child.process_id()));
                stop(run);
            }
            "keypress" => {
                // A copy per run, so every run saves the same large file.
                let copy = home.path().join(format!("run-{i}.json"));
                std::fs::copy(&args[4], &copy).expect("copy session");
                let mut run = start(
                    &bin,
                    &["open".into(), copy.display().to_string()],
                    home.path(),
                );
                wait_for(&run, "opgeslagen", Instant::now());
                // Back to the first step (a board) wherever the session was left.
                run.writer.write_all(b"pppppppp").expect("type");
                run.writer.flush().expect("flush");
                wait_for(&run, "Stap 1/", Instant::now());
                // The first card starts a save of the whole file; the second card's Enter is
                // pressed while that save runs, and its frame must not wait for the disk.
                run.writer.write_all(b"atweede-kaart").expect("type");
                run.writer.flush().expect("flush");
                wait_for(&run, "tweede-kaart", Instant::now());
                run.writer.write_all(b"\raderde-kaart").expect("type");
                run.writer.flush().expect("flush");
                wait_for(&run, "derde-kaart", Instant::now());
                let t0 = Instant::now();
                run.writer.write_all(b"\r").expect("type");
                run.writer.flush().expect("flush");
                times.push(wait_gone(&run, "Nieuwe kaart", t0));
                peak = peak.max(peak_rss_kb(run.child.process_id()));
                stop(run);
            }
            other => {
                eprintln!("unknown mode {other}");
                std::process::exit(2);
            }
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "median_ms={:.1} min_ms={:.1} max_ms={:.1} peak_rss_kb={peak}",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}
