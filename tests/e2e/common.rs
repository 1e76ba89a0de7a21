//! Runs the real samenspel binary in a pseudo-terminal and reads its screen the way a
//! person would (through a vt100 emulator). Shared by the end-to-end tests.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_samenspel"))
}

/// Keys as the terminal sends them.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const CTRL_R: &str = "\x12";
}

/// A running samenspel in a pseudo-terminal.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

/// A fresh data folder for one test.
pub fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

impl Tui {
    /// Starts `samenspel <args>` at `cols`x`rows` with `SAMENSPEL_HOME=home`, in Dutch.
    pub fn start(args: &[&str], home: &Path, cols: u16, rows: u16) -> Tui {
        Tui::start_env(args, home, cols, rows, &[])
    }

    /// As [`Tui::start`], with extra environment variables.
    pub fn start_env(
        args: &[&str],
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        Tui::start_program(&bin(), args, home, cols, rows, env)
    }

    /// As [`Tui::start_env`], running `program` (e.g. a wrapper that starts samenspel).
    pub fn start_program(
        program: &Path,
        args: &[&str],
        home: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("SAMENSPEL_HOME", home);
        cmd.env("SAMENSPEL_LANG", "nl");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start samenspel");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Tui {
            child,
            master: pair.master,
            writer,
            parser,
            raw,
        }
    }

    /// Sends bytes as typed keys.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("type");
        self.writer.flush().expect("flush");
    }

    /// Types text, then waits briefly so a following Esc is not read as Alt.
    pub fn type_text(&mut self, text: &str) {
        self.send(text);
    }

    /// Sends Esc alone (crossterm tells it from an escape sequence by a pause).
    pub fn esc(&mut self) {
        std::thread::sleep(Duration::from_millis(60));
        self.send(key::ESC);
        std::thread::sleep(Duration::from_millis(60));
    }

    /// The screen as text, one line per row, trailing spaces removed.
    pub fn screen(&self) -> String {
        let parser = self.parser.lock().unwrap();
        parser
            .screen()
            .rows(0, parser.screen().size().1)
            .map(|r| r.trim_end().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Everything the program wrote, raw.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `text`; panics with the screen when it does not.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(text, |s| s.contains(text));
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(text, |s| !s.contains(text));
    }

    /// Waits until `check` holds for the screen (10 s at most).
    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if check(&screen) {
                return;
            }
            if Instant::now() > deadline {
                panic!("waited for {what:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resizes the terminal. The screen takes the new size before the program hears of it,
    /// and the reader waits meanwhile, so a frame drawn at the new size is never read into
    /// a screen of the old one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// The process id.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Waits for the program to end (10 s at most); returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Give the reader a moment to take the last bytes.
                std::thread::sleep(Duration::from_millis(50));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "samenspel did not exit; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Tui {
    /// Waits at most `limit` for the program to end; its exit code, or none if it runs on.
    pub fn exited_within(&mut self, limit: Duration) -> Option<u32> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status.exit_code());
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Sends a signal (e.g. `libc::SIGTERM`) to the program.
    pub fn signal(&self, signal: i32) {
        let pid = self.pid().expect("running") as i32;
        // SAFETY: kill(2) with a pid of our own child and a valid signal number.
        let rc = unsafe { libc::kill(pid, signal) };
        assert_eq!(rc, 0, "kill {pid} {signal}");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The session files in `<home>/sessions`.
pub fn session_files(home: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(home.join("sessions"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The one session file in `<home>/sessions`, parsed.
pub fn only_session(home: &Path) -> (PathBuf, serde_json::Value) {
    let files = session_files(home);
    assert_eq!(files.len(), 1, "expected one session file, found {files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("read session");
    (
        files[0].clone(),
        serde_json::from_str(&text).expect("session is JSON"),
    )
}

/// Runs samenspel without a terminal; returns (exit code, stdout, stderr).
pub fn run(args: &[&str], home: &Path) -> (i32, String, String) {
    let out = std::process::Command::new(bin())
        .args(args)
        .current_dir(home)
        .env("SAMENSPEL_HOME", home)
        .env("SAMENSPEL_LANG", "en")
        .output()
        .expect("run samenspel");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// As [`run`], with the environment changed: `Some` sets a variable, `None` removes it
/// (the language variables are removed first, so only what is given counts).
pub fn run_with(args: &[&str], home: &Path, env: &[(&str, Option<&str>)]) -> (i32, String, String) {
    let mut cmd = std::process::Command::new(bin());
    cmd.args(args)
        .current_dir(home)
        .env("SAMENSPEL_HOME", home)
        .env_remove("SAMENSPEL_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (k, v) in env {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let out = cmd.output().expect("run samenspel");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Draws one frame of `app` at `width`x`height` and returns the text a person would read.
pub fn render(app: &samenspel::tui::App, width: u16, height: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal
        .draw(|f| samenspel::tui::view::draw(f, app))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A fixed clock for screens: 2026-11-21 10:00 UTC plus `seconds`.
pub fn clock(seconds: i64) -> samenspel::tui::Clock {
    Box::new(move || {
        jiff::Timestamp::from_second(1_795_255_200 + seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH)
    })
}

/// A new session of a built-in scenario in a temporary folder, on screen in `lang`.
pub fn session_app(scenario: &str, lang: samenspel::core::Lang, dir: &Path) -> samenspel::tui::App {
    let scenario = match samenspel::store::builtin::builtin(scenario) {
        Some(Ok(s)) => s,
        _ => panic!("no built-in scenario {scenario}"),
    };
    let ws = samenspel::tui::session::SessionScreen::create_at(
        dir.join("sessie.json"),
        scenario,
        "Testsessie".to_string(),
        jiff::Timestamp::UNIX_EPOCH,
        lang,
    )
    .expect("create session");
    samenspel::tui::App::new(
        samenspel::tui::Screen::Session(Box::new(ws)),
        lang,
        clock(0),
    )
}

/// Says that a test did not run and why, visibly also in a plain `cargo test` (which
/// hides what tests print): written straight to the terminal, past the harness's capture.
/// The test then returns, and counts as passed; this line is how a reader knows it was not.
pub fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// The CSV filter's options LibreOffice converts with: comma (44), double quote (34),
/// UTF-8 (76), from the first line; `EVERY_SHEET` adds the last option (-1): each sheet to
/// its own CSV.
pub const LIBREOFFICE_CSV: &str = "csv:Text - txt - csv (StarCalc):44,34,76,1";
pub const EVERY_SHEET: &str = ",,0,false,true,false,false,false,-1";

/// Converts `file` to CSV in `outdir` with headless LibreOffice in a profile of its own (no
/// dialog, no error asserted); `Err` says why it could not be tried here (said as SKIPPED).
pub fn libreoffice_csv(file: &Path, outdir: &Path, every_sheet: bool) -> Result<(), String> {
    if std::process::Command::new("libreoffice")
        .arg("--version")
        .output()
        .is_err()
    {
        return Err(
            "LibreOffice is not installed, so its headless conversion was not tried".into(),
        );
    }
    let filter = if every_sheet {
        format!("{LIBREOFFICE_CSV}{EVERY_SHEET}")
    } else {
        LIBREOFFICE_CSV.to_string()
    };
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", &filter, "--outdir"])
        .arg(outdir)
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    Ok(())
}
