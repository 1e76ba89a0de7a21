//! The core stays pure: no terminal, no files, no clock. This test reads its sources.

use std::path::Path;

#[test]
fn core_uses_no_terminal_no_files_and_no_clock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let forbidden = [
        "ratatui",
        "crossterm",
        "std::fs",
        "fs::",
        "Timestamp::now",
        "SystemTime::now",
        "Instant::now",
    ];
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("src/core exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        for word in forbidden {
            assert!(!text.contains(word), "{} uses {word}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} core files found");
}

#[test]
fn store_uses_no_terminal() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    for entry in std::fs::read_dir(&dir).expect("src/store exists") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("source");
        for word in ["ratatui", "crossterm"] {
            assert!(!text.contains(word), "{} uses {word}", path.display());
        }
    }
}
