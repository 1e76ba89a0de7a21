//! Text from files, phones and the keyboard made safe for a terminal and for every
//! report. One function for every output, deciding by Unicode property rather than by a
//! list of code points:
//!
//! - control characters (Cc), format characters (Cf), line and paragraph separators,
//!   bidirectional controls (Bidi_Control) and every Default_Ignorable_Code_Point (the
//!   combining grapheme joiner U+034F, the Hangul fillers U+115F and U+3164, tags,
//!   variation selectors, ...) become a visible `�`, one for a run of them;
//! - combining marks are kept up to [`MAX_MARKS`] on one base character (Dutch needs one;
//!   Vietnamese two); the rest of a pile such as 500 marks on one letter becomes one `�`;
//! - emoji stay whole: a zero-width joiner between two pictographs (👨‍👩‍👧), a variation
//!   selector after an emoji (❤️, 1️⃣) are kept.
//!
//! The properties come from ICU4X (`icu_properties`, compiled data). Plain ASCII, most of
//! what is drawn, is returned as it is without a lookup.

use std::borrow::Cow;

use icu_properties::props::{
    BidiControl, BinaryProperty, DefaultIgnorableCodePoint, Emoji, EmojiModifier,
    EnumeratedProperty, ExtendedPictographic, GeneralCategory, GeneralCategoryGroup,
};

/// The most combining marks kept on one base character.
pub const MAX_MARKS: usize = 4;

/// What shows that something was taken out.
const MARK: char = '\u{FFFD}';

const ZWJ: char = '\u{200D}';

/// What to do with one character, given what came before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Keep,
    /// A tab or line break: a space.
    Space,
    /// Shown as `�` (once for a run).
    Replace,
    /// Left out: the rest of a pile of marks, already shown as one `�`.
    Drop,
}

/// What the characters so far mean for the next one.
#[derive(Default)]
struct Context {
    /// A base character stands before (marks may follow it).
    base: bool,
    /// Combining marks on the current base so far.
    marks: usize,
    /// The current base is an emoji (a variation selector may follow).
    emoji: bool,
    /// The current base is a pictograph, maybe with a skin tone or a variation selector
    /// (a zero-width joiner may follow, when a pictograph comes after it).
    pictograph: bool,
}

impl Context {
    fn judge(&mut self, c: char, next: Option<char>) -> Verdict {
        if c.is_ascii() {
            return self.ascii(c);
        }
        if ('\u{A0}'..'\u{300}').contains(&c) {
            // Latin-1 and Latin Extended (all of Dutch): no marks, nothing invisible but
            // the soft hyphen (Cf), no emoji but © and ®. Decided without a lookup.
            if c == '\u{AD}' {
                return self.replaced();
            }
            let emoji = matches!(c, '©' | '®');
            *self = Context {
                base: true,
                marks: 0,
                emoji,
                pictograph: emoji,
            };
            return Verdict::Keep;
        }
        if c == ZWJ {
            let joins = self.pictograph && next.is_some_and(ExtendedPictographic::for_char);
            return if joins {
                self.base = false;
                Verdict::Keep
            } else {
                self.replaced()
            };
        }
        if matches!(c, '\u{FE0E}' | '\u{FE0F}') {
            return if self.emoji {
                // Text or emoji presentation of the emoji before; one, not a pile.
                self.emoji = false;
                Verdict::Keep
            } else {
                self.replaced()
            };
        }
        let category = GeneralCategory::for_char(c);
        let unsafe_category = matches!(
            category,
            GeneralCategory::Control
                | GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
                | GeneralCategory::Surrogate
        );
        // Default ignorables are Cf, Mn, Lo or unassigned; bidi controls are Cf today,
        // asked anyway for whatever a later Unicode adds. Letters and symbols elsewhere
        // need neither lookup.
        let may_hide = matches!(
            category,
            GeneralCategory::NonspacingMark
                | GeneralCategory::OtherLetter
                | GeneralCategory::Unassigned
        );
        if unsafe_category
            || (may_hide && DefaultIgnorableCodePoint::for_char(c))
            || BidiControl::for_char(c)
        {
            return self.replaced();
        }
        if GeneralCategoryGroup::Mark.contains(category) {
            if !self.base {
                // A mark with nothing of this text under it would land on what the
                // screen has beside the text.
                return self.replaced();
            }
            self.marks += 1;
            self.emoji = false;
            return if self.marks <= MAX_MARKS {
                Verdict::Keep
            } else if self.marks == MAX_MARKS + 1 {
                Verdict::Replace
            } else {
                Verdict::Drop
            };
        }
        // Every emoji past Latin-1 lies from U+203C on: letters of other scripts below
        // that need no emoji lookup.
        let maybe_emoji = c >= '\u{203C}';
        let modifier = maybe_emoji && EmojiModifier::for_char(c);
        let pictograph =
            maybe_emoji && (ExtendedPictographic::for_char(c) || (modifier && self.pictograph));
        *self = Context {
            base: true,
            marks: 0,
            emoji: maybe_emoji && Emoji::for_char(c) && !modifier,
            pictograph,
        };
        Verdict::Keep
    }

    fn ascii(&mut self, c: char) -> Verdict {
        if matches!(c, '\t' | '\n' | '\r') {
            *self = Context::default();
            return Verdict::Space;
        }
        if c.is_ascii_control() {
            return self.replaced();
        }
        *self = Context {
            base: c != ' ',
            marks: 0,
            // Keycaps: 1️⃣, #️⃣, *️⃣.
            emoji: c.is_ascii_digit() || c == '#' || c == '*',
            pictograph: false,
        };
        Verdict::Keep
    }

    fn replaced(&mut self) -> Verdict {
        *self = Context::default();
        Verdict::Replace
    }
}

/// Whether a byte is printable ASCII, shown as it is.
fn plain(b: u8) -> bool {
    (0x20..0x7f).contains(&b)
}

/// The text with every unsafe character made visible as `�` (one for a run), a tab or
/// line break as a space, and combining marks beyond [`MAX_MARKS`] on one character cut
/// to one `�`. Text that needs none of this is returned as it is, without a copy.
pub fn clean(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    if bytes.iter().all(|&b| plain(b)) {
        return Cow::Borrowed(s);
    }
    let mut context = Context::default();
    let mut out: Option<String> = None;
    // The last character written was a `�`: a run of unsafe characters shows as one.
    let mut marked = false;
    let mut at = 0;
    while at < bytes.len() {
        // Runs of printable ASCII, most of any text, are taken whole.
        let run = bytes[at..].iter().take_while(|&&b| plain(b)).count();
        if run > 0 {
            let piece = s.get(at..at + run).unwrap_or_default();
            if let Some(out) = out.as_mut() {
                out.push_str(piece);
            }
            if let Some(last) = piece.chars().next_back() {
                context.ascii(last);
            }
            marked = false;
            at += run;
            continue;
        }
        let rest = s.get(at..).unwrap_or_default();
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let verdict = context.judge(c, chars.next());
        if verdict == Verdict::Keep {
            marked = false;
            if let Some(out) = out.as_mut() {
                out.push(c);
            }
        } else {
            let out = out.get_or_insert_with(|| {
                let mut o = String::with_capacity(s.len() + 8);
                o.push_str(s.get(..at).unwrap_or_default());
                o
            });
            match verdict {
                Verdict::Replace if !marked => {
                    out.push(MARK);
                    marked = true;
                }
                Verdict::Space => {
                    out.push(' ');
                    marked = false;
                }
                Verdict::Replace | Verdict::Drop | Verdict::Keep => {}
            }
        }
        at += c.len_utf8();
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(s),
    }
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
        assert_eq!(
            clean(hostile),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}31m"
        );
        // A run of them shows as one mark.
        assert_eq!(clean("x\u{200B}\u{200D}\u{FEFF}\u{2066}y"), "x\u{FFFD}y");
        assert_eq!(
            clean("twee\nregels\tmet\r\nbreuk"),
            "twee regels met  breuk"
        );
    }

    #[test]
    fn invisible_characters_are_found_by_property_not_by_list() {
        for c in [
            '\u{034F}',  // combining grapheme joiner (Mn, default ignorable)
            '\u{115F}',  // Hangul choseong filler (Lo, default ignorable)
            '\u{1160}',  // Hangul jungseong filler
            '\u{3164}',  // Hangul filler
            '\u{FFA0}',  // halfwidth Hangul filler
            '\u{00AD}',  // soft hyphen (Cf)
            '\u{180E}',  // Mongolian vowel separator
            '\u{17B4}',  // Khmer vowel inherent (Mn, default ignorable)
            '\u{2065}',  // unassigned, default ignorable
            '\u{1D173}', // musical symbol begin beam (Cf)
            '\u{E0041}', // tag latin capital letter a
            '\u{E0100}', // variation selector 17
            '\u{FE0F}',  // a variation selector after a letter
            '\u{200D}',  // a joiner between letters
            '\u{2028}',  // line separator
            '\u{0600}',  // Arabic number sign (Cf)
            '\u{061C}',  // Arabic letter mark (bidi control)
        ] {
            let text = format!("a{c}b");
            assert_eq!(clean(&text), "a\u{FFFD}b", "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_pile_of_combining_marks_is_cut_to_four() {
        let pile = format!("e{}x", "\u{0301}".repeat(500));
        assert_eq!(clean(&pile), format!("e{}\u{FFFD}x", "\u{0301}".repeat(4)));
        // A mark with no letter of the text under it.
        assert_eq!(clean("\u{0301}a"), "\u{FFFD}a");
        assert_eq!(clean(" \u{0301}a"), " \u{FFFD}a");
    }

    #[test]
    fn dutch_and_emoji_stay_as_they_are_without_a_copy() {
        for text in [
            "Energiecoöperatie één, ijs, café, naïef, reünie, Curaçao, geëmancipeerd",
            "e\u{0301}e\u{0308}", // decomposed accents
            "Việt Nam",           // two marks on one letter
            "👨‍👩‍👧‍👦 🏳️‍🌈 👩🏽‍💻 ❤️‍🔥 ❤️ 1️⃣ #️⃣ 🇳🇱 ©️ 👍🏾",
            "会議 · —… «» €",
            "plain ASCII",
        ] {
            assert!(matches!(clean(text), Cow::Borrowed(_)), "{text:?}");
        }
        // A joiner at the end, or before a letter, is not part of an emoji.
        assert_eq!(clean("👍\u{200D}"), "👍\u{FFFD}");
        assert_eq!(clean("👍\u{200D}a"), "👍\u{FFFD}a");
        // One variation selector, not a pile.
        assert_eq!(clean("❤\u{FE0F}\u{FE0F}"), "❤\u{FE0F}\u{FFFD}");
    }

    #[test]
    fn one_line_folds_whitespace() {
        assert_eq!(one_line("  twee\nregels\t hier "), "twee regels hier");
    }
}
