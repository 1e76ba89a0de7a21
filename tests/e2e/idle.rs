//! A laptop on battery should not notice samenspel: with a session open and nobody typing,
//! no thread of the app is woken at all (no polling loop, no heartbeat to nobody, no
//! timer when none runs). The kernel counts it: the third field of each thread's
//! /proc/PID/task/*/schedstat is how often that thread was put on a CPU.

use std::path::Path;
use std::time::Duration;

use crate::common::{Tui, home, skipped};

/// Wake-ups so far per thread (by name), or None where the kernel does not count them.
fn wakeups(pid: u32) -> Option<Vec<(String, u64)>> {
    let mut out = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .flatten()
    {
        let dir = task.path();
        let runs = std::fs::read_to_string(dir.join("schedstat")).ok()?;
        let runs: u64 = runs.split_whitespace().nth(2)?.parse().ok()?;
        out.push((name(&dir), runs));
    }
    out.sort();
    Some(out)
}

fn name(task: &Path) -> String {
    std::fs::read_to_string(task.join("comm"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn an_open_session_nobody_types_in_wakes_no_thread() {
    let home = home();
    let app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("opgeslagen");
    // The start settles: the first save, the watcher's first look.
    std::thread::sleep(Duration::from_millis(500));
    let pid = app.pid().expect("pid");
    let Some(before) = wakeups(pid) else {
        skipped(
            "an_open_session_nobody_types_in_wakes_no_thread",
            "this kernel has no /proc/PID/task/*/schedstat",
        );
        return;
    };
    std::thread::sleep(Duration::from_secs(3));
    let after = wakeups(pid).expect("schedstat");
    let woken: Vec<String> = after
        .iter()
        .filter_map(|(thread, runs)| {
            let was = before
                .iter()
                .find(|(t, _)| t == thread)
                .map_or(0, |(_, r)| *r);
            (*runs > was).then(|| format!("{thread}: {}", runs - was))
        })
        .collect();
    // One wake-up in three seconds is tolerated (a stray signal); a loop or a heartbeat
    // wakes every second or more often.
    let total = after
        .iter()
        .map(|(_, r)| r)
        .sum::<u64>()
        .saturating_sub(before.iter().map(|(_, r)| r).sum());
    assert!(
        total <= 1,
        "woken {total} times in 3 s with nothing happening: {woken:?}"
    );
}
