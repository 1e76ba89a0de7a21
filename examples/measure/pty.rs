//! The real binary in a pseudo-terminal, read through a vt100 emulator, with what the
//! kernel says about the process: peak memory, wake-ups and bytes written per thread.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// A running samenspel.
pub struct Run {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Frames seen in the output: ratatui ends every frame by hiding or showing the cursor.
    frames: Arc<Mutex<u64>>,
}

/// Counts `\x1b[?25l` and `\x1b[?25h` in a stream cut into reads at any byte.
struct FrameCounter {
    carry: Vec<u8>,
}

impl FrameCounter {
    fn feed(&mut self, bytes: &[u8]) -> u64 {
        let mut all = std::mem::take(&mut self.carry);
        all.extend_from_slice(bytes);
        let n = all
            .windows(6)
            .filter(|w| *w == b"\x1b[?25l" || *w == b"\x1b[?25h")
            .count() as u64;
        let keep = all.len().saturating_sub(5);
        self.carry = all[keep..].to_vec();
        n
    }
}

pub fn start(bin: &Path, args: &[String], home: &Path) -> Run {
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
    let frames = Arc::new(Mutex::new(0));
    let (p, f) = (parser.clone(), frames.clone());
    std::thread::spawn(move || {
        let _keep = pair.master;
        let mut counter = FrameCounter { carry: Vec::new() };
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            *f.lock().expect("frames") += counter.feed(&buf[..n]);
            p.lock().expect("parser").process(&buf[..n]);
        }
    });
    Run {
        child,
        writer,
        parser,
        frames,
    }
}

impl Run {
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("type");
        self.writer.flush().expect("flush");
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn frames(&self) -> u64 {
        *self.frames.lock().expect("frames")
    }

    pub fn wait_for(&self, text: &str, from: Instant) -> Duration {
        self.wait_until(from, &format!("{text:?}"), |s| s.contains(text))
    }

    pub fn wait_gone(&self, text: &str, from: Instant) -> Duration {
        self.wait_until(from, &format!("{text:?} to go"), |s| !s.contains(text))
    }

    pub fn wait_until(&self, from: Instant, what: &str, done: impl Fn(&str) -> bool) -> Duration {
        loop {
            if done(&self.screen()) {
                return from.elapsed();
            }
            if from.elapsed() > Duration::from_secs(120) {
                panic!("timed out waiting for {what}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_micros(200));
        }
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
