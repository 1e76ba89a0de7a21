//! The layers hold: core is pure (no terminal, no files, no clock, no network) and imports
//! no layer above it; store imports neither report nor the screens; report does not import
//! the screens; the screens touch no file and no lock (the store's `SessionFile` does); the
//! room (the phones' server) imports core and store, never the screens.
//! This test reads the sources, every folder down.

use std::path::{Path, PathBuf};

fn sources(layer: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("layer folder exists")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(layer),
        &mut out,
    );
    out
}

/// Fails with every file of `layer` that contains one of `forbidden`, and when the layer
/// has fewer than `at_least` files (the walk found nothing).
fn forbid(layer: &str, forbidden: &[&str], at_least: usize) {
    let files = sources(layer);
    assert!(
        files.len() >= at_least,
        "only {} files found in src/{layer}",
        files.len()
    );
    let mut found = Vec::new();
    for (path, text) in &files {
        for word in forbidden {
            if text.contains(word) {
                found.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "layer rule broken:\n{}", found.join("\n"));
}

#[test]
fn core_is_pure_and_imports_no_layer_above_it() {
    forbid(
        "core",
        &[
            "ratatui",
            "crossterm",
            "std::fs",
            "fs::",
            "std::net",
            "tokio",
            "axum",
            "Timestamp::now",
            "SystemTime::now",
            "Instant::now",
            "crate::store",
            "crate::report",
            "crate::tui",
            "samenspel::",
        ],
        30,
    );
}

#[test]
fn store_imports_neither_reports_nor_screens() {
    forbid(
        "store",
        &[
            "ratatui",
            "crossterm",
            "crate::report",
            "crate::tui",
            "samenspel::",
        ],
        10,
    );
}

#[test]
fn the_room_imports_core_and_store_never_the_screens() {
    // A layer beside the screens: the session loop hands it requests, it never sees them.
    forbid(
        "room",
        &[
            "ratatui",
            "crossterm",
            "crate::tui",
            "crate::report",
            "crate::cli",
            "samenspel::",
        ],
        10,
    );
}

#[test]
fn no_layer_below_the_screens_serves_the_network_but_the_room() {
    for layer in ["store", "report"] {
        forbid(layer, &["tokio", "axum", "hyper", "std::net"], 5);
    }
}

#[test]
fn reports_do_not_import_the_screens() {
    forbid(
        "report",
        &["ratatui", "crossterm", "crate::tui", "samenspel::"],
        10,
    );
}

#[test]
fn the_screens_leave_files_and_locks_to_the_store() {
    forbid("tui", &["std::fs", "fs::", "SessionLock"], 30);
}

#[test]
fn the_walk_reaches_nested_folders() {
    // core/analysis and core/transform are folders inside core: they must be read too.
    let files = sources("core");
    for nested in ["analysis", "transform"] {
        assert!(
            files
                .iter()
                .any(|(p, _)| p.parent().is_some_and(|d| d.ends_with(nested))),
            "src/core/{nested} was not read"
        );
    }
}
