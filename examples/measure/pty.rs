//! The real binary in a pseudo-terminal (examples/support/terminal.rs), with what the
//! kernel says about the process: peak memory, wake-ups and bytes written per thread.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use crate::terminal::Run;

/// samenspel at 100x30, where the figures of BENCHMARKS.md are measured.
pub fn start(bin: &Path, args: &[String], home: &Path) -> Run {
    crate::terminal::start(bin, args, home, 100, 30)
}

impl Run {
    pub fn wait_for(&self, text: &str, from: Instant) -> Duration {
        self.wait_until(from, &format!("{text:?}"), |s| s.contains(text))
    }

    pub fn wait_gone(&self, text: &str, from: Instant) -> Duration {
        self.wait_until(from, &format!("{text:?} to go"), |s| !s.contains(text))
    }

    pub fn wait_until(&self, from: Instant, what: &str, done: impl Fn(&str) -> bool) -> Duration {
        self.until_within(from, Duration::from_secs(120), what, done)
    }

    /// Waits until the status line says every change is saved: "opgeslagen (n)".
    pub fn wait_saved(&self, n: usize) {
        let want = format!("opgeslagen ({n})");
        self.wait_until(Instant::now(), &want, |s| s.contains(&want));
    }

    /// Quits with `q` (and `q` again should it ask), waits for the end.
    pub fn stop(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut again = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            if Instant::now() > again {
                let _ = self.writer.write_all(b"q");
                let _ = self.writer.flush();
                again = Instant::now() + Duration::from_secs(2);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
    }
}

/// A field of /proc/PID/status in kB (VmHWM: peak resident memory; VmRSS: now).
pub fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// User plus system CPU time of a process so far (all its threads), in milliseconds.
pub fn cpu_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // After the command name in parentheses: state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|i| fields.get(*i).and_then(|v| v.parse::<f64>().ok()))
        .sum();
    // In clock ticks of 10 ms (USER_HZ is 100 on Linux).
    ticks * 10.0
}

/// The threads of a process: (name, task folder).
pub fn threads(pid: u32) -> Vec<(String, PathBuf)> {
    let Ok(rd) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    rd.filter_map(|e| e.ok())
        .map(|e| {
            let name = std::fs::read_to_string(e.path().join("comm")).unwrap_or_default();
            (name.trim().to_string(), e.path())
        })
        .collect()
}

/// Times each thread was put on a CPU (the third field of schedstat): every wake-up
/// counts once. Per thread name (threads of one name are added up).
pub fn wakeups(pid: u32) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for (name, dir) in threads(pid) {
        let runs = std::fs::read_to_string(dir.join("schedstat"))
            .ok()
            .and_then(|s| s.split_whitespace().nth(2).and_then(|v| v.parse().ok()))
            .unwrap_or(0);
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, r)) => *r += runs,
            None => out.push((name, runs)),
        }
    }
    out.sort();
    out
}

/// CPU time of the whole process so far (user + system), in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The name may hold spaces: the fields counted from after its closing parenthesis.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0)
}

/// Bytes a thread named `name` handed to write calls so far (`wchar` of its io file).
pub fn thread_wchar(pid: u32, name: &str) -> u64 {
    // The kernel keeps the first 15 bytes of a thread's name.
    let short = &name[..name.len().min(15)];
    threads(pid)
        .into_iter()
        .filter(|(n, _)| n == short)
        .map(|(_, dir)| {
            std::fs::read_to_string(dir.join("io"))
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("wchar:"))
                        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
                })
                .unwrap_or(0)
        })
        .sum()
}
