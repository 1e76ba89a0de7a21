//! Reading a screen for cut words: the words that may be shown (the interface's texts, the
//! scenarios, what the test types), and the check of each row against them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{CARDS, COMMITMENTS, NOTE, PEOPLE, THEME, TITLE};

/// Every word that may be shown: the interface's texts (string literals of the code that
/// is not a test), every text of the built-in scenarios, and what this test types.
pub(super) fn known_words() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                if !p.ends_with("tests") {
                    walk(&p, out);
                }
            } else if p.extension().is_some_and(|e| e == "rs")
                && !p.to_string_lossy().ends_with("_tests.rs")
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        // The code before its tests.
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        texts.extend(literals(code));
    }
    for entry in std::fs::read_dir(root.join("scenarios")).unwrap().flatten() {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.path()).unwrap()).unwrap();
        strings(&json, &mut texts);
    }
    texts.extend(CARDS.iter().map(|s| s.to_string()));
    texts.extend([THEME, NOTE, TITLE].map(String::from));
    texts.extend([super::kinds::PROPOSAL, super::kinds::AMENDMENT].map(String::from));
    for (what, who, when) in COMMITMENTS {
        texts.extend([what, who, when].map(String::from));
    }
    for (name, org) in PEOPLE {
        texts.extend([name, org].map(String::from));
    }
    texts.iter().flat_map(|t| words(t)).collect()
}

/// The contents of the string literals in some Rust code (roughly: enough for words).
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'/') {
            // A comment: to the end of the line.
            for c in chars.by_ref() {
                if c == '\n' {
                    break;
                }
            }
        } else if c == '\'' {
            // A char literal or a lifetime: skip one char and a closing quote.
            chars.next();
            if chars.peek() == Some(&'\'') {
                chars.next();
            }
        } else if c == '"' {
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                        s.push(' ');
                    }
                    '"' => break,
                    c => s.push(c),
                }
            }
            out.push(s);
        }
    }
    out
}

fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The words of a text: runs of letters, lowercased.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The words cut on a screen: a run of letters that is no known word and is not followed
/// by "…", or a "…" glued to the next letter. With `under` (the screen before an overlay
/// opened), only what the overlay drew is read: the text it covers is not its to cut.
pub(super) fn cut_words(
    screen: &str,
    known: &BTreeSet<String>,
    under: Option<&str>,
) -> Vec<String> {
    let mut bad = Vec::new();
    let below: Vec<Vec<char>> = under
        .map(|u| u.lines().map(|l| l.chars().collect()).collect())
        .unwrap_or_default();
    for (row, line) in screen.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let drawn =
            |i: usize| under.is_none() || below.get(row).and_then(|b| b.get(i)) != chars.get(i);
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphabetic() {
                if chars[i] == '…' && chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
                    bad.push(format!("row {row}: \"…\" glued to a word: {line}"));
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect::<String>().to_lowercase();
            // A designed cut: "…" after it; or a long word broken with a hyphen at the end
            // of a line ("Samenwerkingsovereen-"), whose rest starts the line below.
            let hyphen =
                chars.get(i) == Some(&'-') && !chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
            let rest_of = |r: usize| {
                r.checked_sub(1)
                    .and_then(|p| screen.lines().nth(p))
                    .is_some_and(|above| {
                        hyphenated(above)
                            .iter()
                            .any(|h| known.contains(&format!("{h}{word}")))
                    })
            };
            let designed = chars.get(i) == Some(&'…') || hyphen || rest_of(row);
            let overlays = (start..i).all(drawn);
            // A letter or two against a border or the screen's edge ("een k│", "? h") is
            // what is left of a cut word, even where it spells a key.
            let edge = i == chars.len() || chars.get(i).is_some_and(|c| "│┐┘┤║".contains(*c));
            let stub = word.chars().count() <= 2 && edge;
            if !designed && overlays && (stub || !known.contains(&word)) {
                bad.push(format!("row {row}: {word:?} in: {}", line.trim_end()));
            }
        }
    }
    bad
}

/// The pieces of words broken with a hyphen at the end of a line in `line` ("overeen-").
fn hyphenated(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            if chars.get(i) == Some(&'-') && !chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
                out.push(chars[start..i].iter().collect::<String>().to_lowercase());
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The checker finds the cuts the issue saw, and lets designed cuts pass. (A cut that
/// happens to leave a whole word, "Zichtbaar maken en ver", is beyond a dictionary: the
/// lane titles are checked by their own test.)
#[test]
fn the_checker_finds_the_cuts_a_meeting_saw() {
    let known = known_words();
    let cuts = [
        " NWN CoP 2 Participat                                Akte 1/4",
        "┌ ▶ Zichtbaar maken en versprei┐",
        "│ (nog leeg: a voegt een k│",
        "└ a afspraak · e bewerken · d verwijderen · spatie wi┘",
        "  ○ Intentieovereenk…nog niet ingevuld",
        "   ▲  +2  WOCO, GEM  ▼  -2  COO",
        " Akte 1/4 · NL  alleen lezen  ? h",
        " geëxporteerd .md .html .csv: /home/.../sessions/2026-12-01-zwol",
    ];
    for line in cuts {
        assert!(
            !cut_words(line, &known, None).is_empty(),
            "not found: {line}"
        );
    }
    let fine = [
        " NWN CoP 2 Participatie en draagvlak                 Akte 1/4",
        "│▶ [WOCO] 70% van de huurders stemt…   +2 │",
        "│ Samenwerkingsovereen- │",
        "│ komst                 │",
    ];
    let screen = fine.join("\n");
    assert_eq!(cut_words(&screen, &known, None), Vec::<String>::new());
}
