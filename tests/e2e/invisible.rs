//! Characters that hide in text (the combining grapheme joiner, Hangul fillers, a soft
//! hyphen, tags, a word joiner) and a pile of 500 combining marks on one letter: none
//! reaches the terminal, `replay --print`, `samenspel sessions` or a report, while Dutch
//! diacritics and emoji joined by ZWJ stay whole.

use std::path::{Path, PathBuf};

use crate::common::{Tui, home, run};
use crate::hostile_support::{assert_no_hostile_sequences, assert_nothing_invisible};

const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
const HEART_ON_FIRE: &str = "\u{2764}\u{FE0F}\u{200D}\u{1F525}";
const DUTCH: &str = "Energiecoöperatie één, naïef, reünie";

fn corpus(home: &Path) -> PathBuf {
    let sessions = home.join("sessions");
    std::fs::create_dir_all(&sessions).expect("folder");
    let file = sessions.join("onzichtbaar.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile/invisible-characters.json"),
        &file,
    )
    .expect("copy");
    file
}

#[test]
fn invisible_characters_and_piles_of_marks_never_reach_the_terminal() {
    let home = home();
    let file = corpus(home.path());
    let mut app = Tui::start(
        &["open", file.to_str().expect("path")],
        home.path(),
        160,
        40,
    );
    app.wait_for("Energiecoöperatie één");
    app.wait_for("einde");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let out = String::from_utf8_lossy(&app.output()).into_owned();
    assert_no_hostile_sequences(out.as_bytes());
    assert!(out.contains(FAMILY), "the family emoji stays whole");
    assert!(out.contains(HEART_ON_FIRE), "the heart on fire stays whole");
}

#[test]
fn invisible_characters_never_reach_replay_the_session_list_or_a_report() {
    let home = home();
    let file = corpus(home.path());
    let f = file.to_str().expect("path");
    for args in [
        vec!["replay", "--print", f],
        vec!["sessions"],
        vec!["export", f],
        vec!["export", "--format", "html", f],
        vec!["export", "--format", "csv", f],
    ] {
        let (code, out, err) = run(&args, home.path());
        assert_eq!(code, 0, "{args:?}: {err}");
        // The CSV starts with a byte order mark on purpose (spreadsheets read it as UTF-8).
        // Its records end in CRLF, as RFC 4180 has them.
        let text = out
            .strip_prefix('\u{FEFF}')
            .unwrap_or(&out)
            .replace("\r\n", "\n");
        assert_nothing_invisible(&text, &format!("`samenspel {}`", args.join(" ")));
        assert!(!out.contains('\u{1b}'), "{args:?}");
        if args[0] != "sessions" {
            assert!(out.contains(DUTCH), "{args:?} keeps the Dutch: {out}");
            assert!(out.contains(FAMILY), "{args:?} keeps the emoji whole");
        }
    }
}
