//! Shared by the tests of hostile files: a file's fingerprint, opening a file the way
//! the app does, and what must never appear in the terminal's output.
#![allow(dead_code)]

use std::path::Path;
use std::time::SystemTime;

use sha2::Digest;

/// What must stay the same of a file that samenspel only read.
#[derive(Debug, PartialEq, Eq)]
pub struct Fingerprint {
    hash: Vec<u8>,
    modified: SystemTime,
    /// Everything in the file's folder (no lock or temporary file left behind).
    folder: Vec<String>,
}

impl Fingerprint {
    /// The file's fingerprint now.
    pub fn of(file: &Path) -> Fingerprint {
        let bytes = std::fs::read(file).expect("read");
        let modified = std::fs::metadata(file)
            .and_then(|m| m.modified())
            .expect("modification time");
        let mut folder: Vec<String> = std::fs::read_dir(file.parent().expect("folder"))
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        folder.sort();
        Fingerprint {
            hash: sha2::Sha256::digest(&bytes).to_vec(),
            modified,
            folder,
        }
    }
}

/// Panics unless the file (and its folder) are as they were.
pub fn expect_unchanged(file: &Path, before: &Fingerprint) {
    assert_eq!(
        &Fingerprint::of(file),
        before,
        "{} was changed",
        file.display()
    );
}

/// Opens a session file for writing, as the app does, and closes it again without a
/// change. A panic is caught and reported as an error naming the file.
pub fn open_in_process(file: &Path) -> Result<(), String> {
    let path = file.to_path_buf();
    let result = std::panic::catch_unwind(move || {
        samenspel::tui::session::SessionScreen::open(&path, false).map(|mut ws| {
            ws.close();
        })
    });
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.describe(samenspel::core::Lang::En)),
        Err(_) => panic!("opening {} panicked", file.display()),
    }
}

/// Panics when terminal output holds anything that only a file's text could have put
/// there: OSC and DCS strings, C1 controls, a cursor report request, bidi overrides,
/// zero-width and other invisible characters, a joiner outside an emoji and a pile of
/// combining marks. (ratatui itself writes only CSI sequences and text.)
pub fn assert_no_hostile_sequences(out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    for bad in [
        "\x1b]",
        "\x1bP",
        "\x1b[6n",
        "PWNED\x07",
        "\u{9b}",
        "\u{202e}",
        "\u{200b}",
        "\u{feff}",
    ] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal");
    }
    assert_nothing_invisible(&text, "the terminal");
    // Every escape starts a CSI sequence of parameters and one final letter.
    let bytes = out;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b {
            assert_eq!(
                bytes.get(i + 1),
                Some(&b'['),
                "a bare escape at byte {i}: {:?}",
                &text[i.saturating_sub(20).min(text.len())..]
            );
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || b";?:".contains(&bytes[j])) {
                j += 1;
            }
            assert!(
                j < bytes.len() && bytes[j].is_ascii_alphabetic(),
                "an unexpected escape sequence at byte {i}"
            );
            i = j;
        }
        i += 1;
    }
}

/// Runs samenspel without a terminal like `common::run`, but never waits longer than
/// `limit`: a run still going then is killed and reported as `None`.
pub fn run_within(
    args: &[&str],
    home: &Path,
    limit: std::time::Duration,
) -> Option<(i32, String, String)> {
    use std::io::Read;
    let mut child = std::process::Command::new(crate::common::bin())
        .args(args)
        .current_dir(home)
        .env("SAMENSPEL_HOME", home)
        .env("SAMENSPEL_LANG", "en")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run samenspel");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    status.map(|s| (s.code().unwrap_or(-1), out, err))
}

/// Whether a character is one of those that hide in text: named here one by one (the
/// cleaning itself goes by Unicode property), so the two are checked against each other.
pub fn hides(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
        | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}' | '\u{200C}' | '\u{200E}'
        | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
        || (c.is_control() && c != '\n' && c != '\x1b')
}

/// The first invisible character, stray joiner or pile of combining marks in `text`, with
/// what surrounds it; none when there is none. ESC and line breaks are left to the caller.
pub fn first_invisible(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut marks = 0;
    for (i, &c) in chars.iter().enumerate() {
        let around = || {
            let from = i.saturating_sub(8);
            let to = (i + 8).min(chars.len());
            format!(
                "U+{:04X} in {:?}",
                c as u32,
                chars[from..to].iter().collect::<String>()
            )
        };
        if hides(c) {
            return Some(around());
        }
        // A joiner belongs between two pictographs only (U+1F000 and up, or U+2600..U+27BF).
        let pictograph = |c: char| c >= '\u{1F000}' || ('\u{2600}'..='\u{27BF}').contains(&c);
        if c == '\u{200D}' {
            let before = chars[..i]
                .iter()
                .rev()
                .find(|c| !matches!(**c, '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}'));
            if !(before.is_some_and(|b| pictograph(*b))
                && chars.get(i + 1).is_some_and(|n| pictograph(*n)))
            {
                return Some(around());
            }
        }
        // Combining diacritical marks (the block a pile is made of in practice).
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            marks += 1;
            if marks > 4 {
                return Some(around());
            }
        } else {
            marks = 0;
        }
    }
    None
}

/// Panics when `text` holds an invisible character, a stray joiner or a pile of marks.
pub fn assert_nothing_invisible(text: &str, what: &str) {
    if let Some(found) = first_invisible(text) {
        panic!("{found} reached {what}");
    }
}

/// What the program wrote to its terminal, once it holds `phrase` (the reader may still
/// be taking the last bytes after the program ended); all of it after 2 s otherwise.
pub fn output_once_it_says(app: &crate::common::Tui, phrase: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    loop {
        let said = String::from_utf8_lossy(&app.output()).into_owned();
        if said.contains(phrase) || std::time::Instant::now() > deadline {
            return said;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
