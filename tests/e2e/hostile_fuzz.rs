//! Generated hostile files, many of them: session and scenario files taken from valid ones
//! (the corpus, generated sessions of every kind of step, the built-in scenarios) and
//! mutated at random, by byte and by JSON value (boundary numbers, far times, escape
//! sequences, invisible characters, piles of combining marks, emoji, duplicated and
//! swapped events). Each is read as `check` and `open` read it; a valid one is opened as
//! the app opens it, drawn step by step (with the analysis) and exported as md, html and
//! csv. Counted: panics, hangs over 5 s, files changed by reading them, and escape or
//! invisible characters that reached a screen, the replay text or a report.
//!
//! The suite runs a bounded number of cases; `scripts/hostile-fuzz.sh` runs 100,000 (or
//! as many as asked) in a release build through the ignored test below. Case `n` is the
//! same file every time: a failure names its case, and `SAMENSPEL_FUZZ_KEEP=<dir>` keeps
//! the files that failed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

use samenspel::core::outline::Outline;
use samenspel::core::{Lang, Live, Session};
use samenspel::report::{Format, Options, export};
use samenspel::store::{load_scenario, load_session, try_session_json};
use samenspel::tui::action::Action;
use samenspel::tui::session::SessionScreen as Workspace;
use samenspel::tui::{App, Screen, view};

use crate::hostile_support::{Fingerprint, first_invisible};

/// Cases the normal suite runs (`SAMENSPEL_FUZZ_CASES` changes it).
const SUITE_CASES: usize = 2_000;

/// A case still running after this has hung.
const HANG: Duration = Duration::from_secs(5);

/// A small, fast, reproducible random source (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The valid files mutations start from: (is a scenario, bytes).
fn bases() -> Vec<(bool, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for name in [
        "valid.json",
        "escapes-everywhere.json",
        "invisible-characters.json",
    ] {
        out.push((
            false,
            std::fs::read(root.join("tests/data/hostile").join(name)).expect("corpus"),
        ));
    }
    for (i, id) in [
        "stakeholder-doelen",
        "stappenplan-check",
        "zwolse-akkoord",
        "succesfactoren",
        "cop-bijeenkomst",
        "zwolse-komedie",
    ]
    .into_iter()
    .enumerate()
    {
        let Some(Ok(scenario)) = samenspel::store::builtin::builtin(id) else {
            panic!("built-in {id}");
        };
        let session = samenspel::core::generate::session(scenario, 120, i as u64 + 1);
        out.push((false, try_session_json(&session).expect("JSON")));
        out.push((
            true,
            std::fs::read(root.join("scenarios").join(format!("{id}.json"))).expect("scenario"),
        ));
    }
    out
}

/// Values a hostile editor might put anywhere.
fn hostile_value(rng: &mut Rng) -> Value {
    let pile = format!("e{}", "\u{0301}".repeat(500));
    match rng.below(28) {
        0 => Value::Null,
        1 => Value::Bool(true),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(i32::MIN),
        4 => serde_json::json!(i32::MAX),
        5 => serde_json::json!(u32::MAX),
        6 => serde_json::json!(u64::MAX),
        7 => serde_json::json!(i64::MIN),
        8 => serde_json::json!(1e300),
        9 => serde_json::json!(0),
        10 => serde_json::json!(""),
        11 => serde_json::json!("9999-12-31T23:59:59Z"),
        12 => serde_json::json!("-009999-01-01T00:00:00Z"),
        13 => serde_json::json!("\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{200b}"),
        14 => serde_json::json!(
            "Grapheme\u{34f}joiner\u{115f}\u{3164}\u{ffa0}\u{ad}\u{2060}\u{e0041}"
        ),
        15 => serde_json::json!(pile),
        16 => serde_json::json!("👨‍👩‍👧 ❤️‍🔥 één \u{200d}a\u{fe0f}"),
        17 => serde_json::json!("x".repeat(100_000)),
        18 => serde_json::json!([]),
        19 => serde_json::json!({}),
        20 => serde_json::json!({"type": "numeric", "min": i32::MIN, "max": i32::MAX}),
        21 => serde_json::json!({"type": "numeric", "min": -2147483000, "max": 2147483000}),
        22 => serde_json::json!(-2147483000),
        23 => serde_json::json!(2147483000),
        24 => serde_json::json!(100),
        25 => serde_json::json!(-100),
        26 => serde_json::json!("akte-1"),
        _ => {
            let mut v = serde_json::json!(1);
            for _ in 0..64 {
                v = serde_json::json!([v]);
            }
            v
        }
    }
}

/// Every value in a document, as JSON pointers.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{here}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// One mutation of a JSON document; false when it found nothing to change.
fn mutate_value(rng: &mut Rng, doc: &mut Value) -> bool {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let target = all[rng.below(all.len())].clone();
    let (parent, key) = target.rsplit_once('/').unwrap_or(("", ""));
    let key = key.replace("~1", "/").replace("~0", "~");
    match rng.below(6) {
        // Replace the value.
        0 | 1 => {
            let value = hostile_value(rng);
            doc.pointer_mut(&target).map(|slot| *slot = value).is_some()
        }
        // Append hostile text to a string.
        2 => match doc.pointer_mut(&target) {
            Some(Value::String(s)) => {
                if let Value::String(extra) = hostile_value(rng) {
                    s.push_str(&extra);
                }
                true
            }
            _ => false,
        },
        // Remove a key or an element.
        3 => match doc.pointer_mut(parent) {
            Some(Value::Object(map)) => map.remove(&key).is_some(),
            Some(Value::Array(items)) => match key.parse::<usize>() {
                Ok(k) if k < items.len() => {
                    items.remove(k);
                    true
                }
                _ => false,
            },
            _ => false,
        },
        // Duplicate or swap elements of an array (events twice, in another order).
        _ => match doc.pointer_mut(parent) {
            Some(Value::Array(items)) if !items.is_empty() => {
                let a = rng.below(items.len());
                let b = rng.below(items.len());
                if rng.below(2) == 0 {
                    let copy = items[a].clone();
                    items.insert(b, copy);
                } else {
                    items.swap(a, b);
                }
                true
            }
            _ => false,
        },
    }
}

/// The file of case `n`: a base, mutated one to four times.
fn case(n: u64, bases: &[(bool, Vec<u8>)]) -> Vec<u8> {
    let mut rng = Rng(n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5EED);
    let (_, base) = &bases[rng.below(bases.len())];
    let mut bytes = base.clone();
    for _ in 0..1 + rng.below(4) {
        // Mostly by value (the file stays JSON and gets past the parser), sometimes by byte.
        if rng.below(4) != 0
            && let Ok(mut doc) = serde_json::from_slice::<Value>(&bytes)
        {
            if mutate_value(&mut rng, &mut doc) {
                bytes = serde_json::to_vec_pretty(&doc).expect("JSON");
            }
            continue;
        }
        let len = bytes.len().max(1);
        let at = rng.below(len).min(bytes.len());
        match rng.below(5) {
            0 => bytes.truncate(at),
            1 => {
                if at < bytes.len() {
                    bytes[at] ^= (rng.next() as u8) | 1;
                }
            }
            2 => {
                let extra: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
                bytes.splice(at..at, extra);
            }
            3 => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            _ => {
                let end = (at + 1 + rng.below(200)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                bytes.splice(at..at, piece);
            }
        }
    }
    bytes
}

/// What one case did.
#[derive(Debug)]
enum Outcome {
    /// Refused with an error.
    Refused,
    /// Valid: opened, drawn, exported, all clean.
    Opened,
    /// Something reached an output that must not.
    Leaked(String),
}

/// Text a person would read on a test terminal of `w`x`h`.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| view::draw(f, app)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..h {
        for x in 0..w {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// None when `text` is clean; else what leaked, and where.
fn leak(text: &str, place: &str) -> Option<String> {
    if let Some(found) = first_invisible(text) {
        return Some(format!("{found} in {place}"));
    }
    text.contains('\u{1b}').then(|| format!("ESC in {place}"))
}

/// Draws every step (and the analysis, where there is one) of the session in `file`,
/// opened read-only: the step is set on the state directly, so walking writes nothing.
fn walk(file: &Path, n: u64) -> Option<String> {
    let ws = match Workspace::open(file, true) {
        Ok(ws) => ws,
        Err(e) => {
            return Some(format!(
                "valid, but not opened read-only: {}",
                e.describe(Lang::En)
            ));
        }
    };
    let at = ws.live.session.created;
    let steps = ws.live.state.steps.len();
    let mut app = App::new(
        Screen::Session(Box::new(ws)),
        Lang::Nl,
        Box::new(move || at),
    );
    let sizes = [(80, 24), (120, 35), (200, 50)];
    let (w, h) = sizes[n as usize % sizes.len()];
    for step in 0..steps.min(8) {
        if let Screen::Session(ws) = &mut app.screen {
            ws.live.state.current = step;
        }
        if let Some(l) = leak(&screen(&app, w, h), &format!("step {step} at {w}x{h}")) {
            return Some(l);
        }
        app.dispatch(Action::ToggleAnalysis);
        if let Some(l) = leak(&screen(&app, w, h), &format!("the analysis of step {step}")) {
            return Some(l);
        }
        app.dispatch(Action::ToggleAnalysis);
    }
    None
}

fn reports(live: &Live) -> Option<String> {
    for format in [Format::Markdown, Format::Html, Format::Csv] {
        let Ok(files) = export(live, format, &Options::new(Lang::Nl)) else {
            return Some(format!("the {format:?} report could not be made"));
        };
        for file in files {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            let text = text
                .strip_prefix('\u{FEFF}')
                .unwrap_or(&text)
                .replace("\r\n", "\n");
            if let Some(l) = leak(&text, &format!("the {format:?} report")) {
                return Some(l);
            }
        }
    }
    None
}

/// Reads, opens, draws and exports one file as the app would.
fn run_case(file: &Path, n: u64) -> Outcome {
    let bytes = std::fs::read(file).expect("read");
    let is_scenario = bytes.windows(18).any(|w| w == b"samenspel/scenario")
        && !bytes.windows(17).any(|w| w == b"samenspel/session");
    if is_scenario {
        let Ok(scenario) = load_scenario(file) else {
            return Outcome::Refused;
        };
        let at = jiff::Timestamp::UNIX_EPOCH;
        let session = Session::new(Arc::new(scenario), "t".into(), at, Lang::Nl);
        let Ok(live) = Live::open(session) else {
            return Outcome::Leaked("a valid scenario gave no session".into());
        };
        if let Some(l) = reports(&live) {
            return Outcome::Leaked(l);
        }
        // A session of the scenario, beside it for as long as it is drawn.
        let started = file.with_file_name("begonnen.json");
        std::fs::write(&started, try_session_json(&live.session).expect("JSON")).expect("write");
        let leaked = walk(&started, n);
        let _ = std::fs::remove_file(&started);
        return leaked.map_or(Outcome::Opened, Outcome::Leaked);
    }
    let Ok(live) = load_session(file) else {
        // `open` refuses it too, and leaves it alone.
        return match Workspace::open(file, false) {
            Ok(_) => Outcome::Leaked("load refused what open accepted".into()),
            Err(_) => Outcome::Refused,
        };
    };
    // Opened as `samenspel open` does (lock, writer) and closed without a change.
    match Workspace::open(file, false) {
        Ok(mut ws) => {
            ws.close();
        }
        Err(e) => {
            return Outcome::Leaked(format!(
                "check accepted, open refused: {}",
                e.describe(Lang::En)
            ));
        }
    }
    let state = &live.state;
    for line in Outline::of(&live.session, state, Lang::Nl).lines(state, Lang::Nl) {
        if let Some(l) = leak(&samenspel::core::clean::clean(&line), "the replay text") {
            return Outcome::Leaked(l);
        }
    }
    if let Some(l) = reports(&live) {
        return Outcome::Leaked(l);
    }
    walk(file, n).map_or(Outcome::Opened, Outcome::Leaked)
}

/// The counts of a run.
#[derive(Debug, Default)]
struct Tally {
    cases: usize,
    opened: usize,
    refused: usize,
    panics: Vec<(u64, String)>,
    hangs: Vec<u64>,
    changed: Vec<u64>,
    leaks: Vec<(u64, String)>,
}

impl Tally {
    fn bad(&self) -> usize {
        self.panics.len() + self.hangs.len() + self.changed.len() + self.leaks.len()
    }

    fn summary(&self) -> String {
        format!(
            "{} cases ({} valid, drawn and exported; {} refused): {} panics, {} hangs over {}s, {} files changed, {} escape or invisible characters in the output",
            self.cases,
            self.opened,
            self.refused,
            self.panics.len(),
            self.hangs.len(),
            HANG.as_secs(),
            self.changed.len(),
            self.leaks.len()
        )
    }
}

fn keep(n: u64, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("SAMENSPEL_FUZZ_KEEP") {
        let dir = PathBuf::from(dir);
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("case-{n}.json")), bytes);
    }
}

/// Runs cases `first..first + count`, each on a thread of its own so that a hang is seen.
fn fuzz(first: u64, count: usize) -> Tally {
    let bases = Arc::new(bases());
    let mut tally = Tally::default();
    let root = tempfile::tempdir().expect("folder");
    for n in first..first + count as u64 {
        let bytes = case(n, &bases);
        let dir = root.path().join(format!("{n}"));
        std::fs::create_dir_all(&dir).expect("folder");
        let file = dir.join("sessie.json");
        std::fs::write(&file, &bytes).expect("write");
        let before = Fingerprint::of(&file);
        let (tx, rx) = std::sync::mpsc::channel();
        let f = file.clone();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(|| run_case(&f, n));
            let _ = tx.send(result);
        });
        tally.cases += 1;
        match rx.recv_timeout(HANG) {
            Err(_) => {
                tally.hangs.push(n);
                keep(n, &bytes);
                // Left running; its folder stays.
                continue;
            }
            Ok(Err(panic)) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                tally.panics.push((n, msg));
                keep(n, &bytes);
            }
            Ok(Ok(Outcome::Refused)) => tally.refused += 1,
            Ok(Ok(Outcome::Opened)) => tally.opened += 1,
            Ok(Ok(Outcome::Leaked(what))) => {
                tally.leaks.push((n, what));
                keep(n, &bytes);
            }
        }
        if Fingerprint::of(&file) != before {
            tally.changed.push(n);
            keep(n, &bytes);
        }
        let _ = std::fs::remove_dir_all(&dir);
        if count >= 10_000 && (n - first + 1).is_multiple_of(10_000) {
            eprintln!("{} / {count}: {}", n - first + 1, tally.summary());
        }
    }
    tally
}

fn cases_from_env(default: usize) -> usize {
    std::env::var("SAMENSPEL_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn assert_clean(tally: &Tally) {
    eprintln!("{}", tally.summary());
    assert_eq!(
        tally.bad(),
        0,
        "{}\npanics: {:?}\nhangs: {:?}\nchanged: {:?}\nleaks: {:?}",
        tally.summary(),
        &tally.panics[..tally.panics.len().min(5)],
        &tally.hangs[..tally.hangs.len().min(5)],
        &tally.changed[..tally.changed.len().min(5)],
        &tally.leaks[..tally.leaks.len().min(5)]
    );
    // The generator must reach past the parser, or it tests nothing but the parser.
    assert!(
        tally.opened * 10 >= tally.cases,
        "too few valid cases: {}",
        tally.summary()
    );
    assert!(
        tally.refused * 10 >= tally.cases,
        "too few refused cases: {}",
        tally.summary()
    );
}

#[test]
fn generated_hostile_sessions_and_scenarios_never_panic_hang_change_or_leak() {
    assert_clean(&fuzz(0, cases_from_env(SUITE_CASES)));
}

/// The long run: `scripts/hostile-fuzz.sh` (100,000 cases by default, release build).
#[test]
#[ignore = "long: run by scripts/hostile-fuzz.sh"]
fn hostile_fuzz_long_run() {
    let first = std::env::var("SAMENSPEL_FUZZ_FIRST")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    assert_clean(&fuzz(first, cases_from_env(100_000)));
}
