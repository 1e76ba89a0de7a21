//! The crash test (after SQLite's): start the real binary in a pseudo-terminal, type
//! cards at full speed, SIGKILL it at a random moment. After every kill the session
//! file must load (old or new state, never a mix), and every change the status line had
//! called saved must be in it.
//!
//! `KILL_RUNS` sets the number of runs (5 in the normal suite; `scripts/kill-test.sh`
//! runs 200), `KILL_SEED` replays a run's random moments.

use std::time::{Duration, Instant};

use crate::common::{Tui, home, session_files};

/// A small random generator (xorshift), so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The number of changes the status line calls saved: "opgeslagen (N)", or the first
/// number of "opslaan… (s/N)" and "NIET OPGESLAGEN (s/N)".
fn claimed_saved(screen: &str) -> Option<usize> {
    let status = screen.lines().last()?;
    for marker in ["opgeslagen (", "opslaan… (", "NIET OPGESLAGEN ("] {
        if let Some(at) = status.find(marker) {
            let rest = &status[at + marker.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            return digits.parse().ok();
        }
    }
    None
}

#[derive(Default)]
struct Totals {
    runs: usize,
    typed: usize,
    claimed: usize,
    in_files: usize,
    lost: usize,
}

fn one_run(rng: &mut Rng, totals: &mut Totals) {
    let home = home();
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    // Up to a few hundred cards per run: a long meeting's worth, typed as fast as the
    // terminal takes them, and a kill anywhere in the typing or the saving after it.
    let cards = rng.below(300) as usize;
    let kill_at = Instant::now() + Duration::from_millis(rng.below(900));
    let mut typed = 0;
    let mut claimed = 0;
    while Instant::now() < kill_at {
        if typed < cards {
            let burst = (1 + rng.below(8) as usize).min(cards - typed);
            let mut keys = String::new();
            for _ in 0..burst {
                keys.push_str(&format!("akaart {typed}\r"));
                typed += 1;
            }
            app.send(&keys);
        } else {
            std::thread::sleep(Duration::from_millis(2));
        }
        if let Some(n) = claimed_saved(&app.screen()) {
            claimed = claimed.max(n);
        }
    }
    if let Some(n) = claimed_saved(&app.screen()) {
        claimed = claimed.max(n);
    }
    app.signal(libc::SIGKILL);
    app.exited_within(Duration::from_secs(5))
        .expect("killed process ends");

    let files = session_files(home.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let live = samenspel::store::load_session(&files[0])
        .unwrap_or_else(|e| panic!("the file must load after a kill: {e}"));
    let texts: Vec<String> = live
        .session
        .events
        .iter()
        .map(|e| match &e.change {
            samenspel::core::Change::CardAdded { text, .. } => text.clone(),
            other => panic!("unexpected change {other:?}"),
        })
        .collect();
    // Old or new, never a mix: the cards on disk are the first ones typed, in order.
    let expected: Vec<String> = (0..texts.len()).map(|i| format!("kaart {i}")).collect();
    assert_eq!(texts, expected);
    let lost = claimed.saturating_sub(texts.len());
    assert_eq!(
        lost,
        0,
        "the screen said {claimed} saved, the file holds {}",
        texts.len()
    );
    totals.runs += 1;
    totals.typed += typed;
    totals.claimed += claimed;
    totals.in_files += texts.len();
    totals.lost += lost;
}

#[test]
fn killed_at_random_moments_the_file_holds_everything_the_screen_called_saved() {
    let runs: usize = std::env::var("KILL_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let seed: u64 = std::env::var("KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("kill test: KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let mut totals = Totals::default();
    for _ in 0..runs {
        one_run(&mut rng, &mut totals);
    }
    eprintln!(
        "kill test: {} runs, {} changes typed, {} called saved on screen before the kill, {} in the files, {} lost",
        totals.runs, totals.typed, totals.claimed, totals.in_files, totals.lost
    );
    assert_eq!(totals.lost, 0);
}

#[test]
fn the_status_line_is_read_as_a_person_reads_it() {
    assert_eq!(
        claimed_saved("x\n Akte 1/4 · NL  opgeslagen (12)  ? hulp"),
        Some(12)
    );
    assert_eq!(
        claimed_saved("x\n Akte 1/4 · NL  opslaan… (7/9)  ? hulp"),
        Some(7)
    );
    assert_eq!(
        claimed_saved("x\n NIET OPGESLAGEN (3/5): de schijf is vol"),
        Some(3)
    );
    assert_eq!(claimed_saved("x\n Akte 1/4"), None);
}
