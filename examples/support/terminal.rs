//! The real binary in a pseudo-terminal, read through a vt100 emulator: what the measuring
//! examples share (`#[path]`-included by measure, beamer_delay and room_keys). Waiting for
//! the screen costs no CPU: the reader signals each time the terminal wrote.
// Each example uses part of it.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// A running samenspel.
pub struct Run {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    pub writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Signalled each time the terminal's output was read.
    fresh: Arc<Condvar>,
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

/// Starts `bin args` at `cols`x`rows`, in Dutch, with its data in `home`.
pub fn start<S: AsRef<OsStr>>(bin: &Path, args: &[S], home: &Path, cols: u16, rows: u16) -> Run {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
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
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let fresh = Arc::new(Condvar::new());
    let frames = Arc::new(Mutex::new(0));
    let (p, f, n) = (parser.clone(), fresh.clone(), frames.clone());
    std::thread::spawn(move || {
        let _keep = pair.master;
        let mut counter = FrameCounter { carry: Vec::new() };
        let mut buf = [0u8; 65536];
        while let Ok(read) = reader.read(&mut buf) {
            if read == 0 {
                break;
            }
            *n.lock().expect("frames") += counter.feed(&buf[..read]);
            p.lock().expect("parser").process(&buf[..read]);
            f.notify_all();
        }
    });
    Run {
        child,
        writer,
        parser,
        fresh,
        frames,
    }
}

impl Run {
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Types `keys` (bytes as they are).
    pub fn send(&mut self, keys: impl AsRef<[u8]>) {
        self.writer.write_all(keys.as_ref()).expect("type");
        self.writer.flush().expect("flush");
    }

    pub fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    pub fn frames(&self) -> u64 {
        *self.frames.lock().expect("frames")
    }

    /// Waits (20 s at most) until `done` holds for the screen; how long that took.
    pub fn until(&self, what: &str, done: impl Fn(&str) -> bool) -> Duration {
        self.until_within(Instant::now(), Duration::from_secs(20), what, done)
    }

    /// Waits until `done` holds for the screen, looking again each time the terminal wrote,
    /// at most `limit` after `from`; the time since `from`.
    pub fn until_within(
        &self,
        from: Instant,
        limit: Duration,
        what: &str,
        done: impl Fn(&str) -> bool,
    ) -> Duration {
        let mut parser = self.parser.lock().expect("parser");
        loop {
            let screen = parser.screen().contents();
            if done(&screen) {
                return from.elapsed();
            }
            assert!(from.elapsed() < limit, "no {what}:\n{screen}");
            parser = self
                .fresh
                .wait_timeout(parser, Duration::from_millis(50))
                .expect("parser")
                .0;
        }
    }
}
