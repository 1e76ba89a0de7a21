//! Text from files, phones and the keyboard made safe for a terminal and for every
//! report: control characters, escape sequences, direction overrides and invisible
//! characters are shown as visible marks instead. One function for every output.

use std::borrow::Cow;

/// Whether a character must not reach the terminal as is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' // Arabic letter mark (a direction mark)
            | '\u{180E}' // Mongolian vowel separator (invisible)
            | '\u{200B}'..='\u{200F}' // zero-width spaces and joiners, LRM/RLM
            | '\u{2028}'..='\u{202E}' // line/paragraph separators, embeddings, overrides
            | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, isolates
            | '\u{FEFF}' // zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
            | '\u{E0000}'..='\u{E007F}' // tag characters
        )
}

/// The text with every unsafe character replaced by `�` (a tab by a space).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Text typed or pasted for a card: one line, trimmed, without unsafe characters.
pub fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_become_visible() {
        let hostile = "a\u{1b}[2Jb\u{202E}c\u{200B}d\u{7}e\u{9b}31m";
        let out = clean(hostile);
        assert!(!out.chars().any(is_unsafe), "{out:?}");
        assert_eq!(out, "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}31m");
        assert_eq!(clean("Energiecoöperatie één"), "Energiecoöperatie één");
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(one_line("  twee\nregels\t hier "), "twee regels hier");
    }
}
