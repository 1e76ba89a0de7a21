//! When two cards say the same. First their texts are normalised: case, accents,
//! punctuation, extra spaces and the articles (de, het, een, the, a, an) left out, so
//! "Tevreden bewoners!" and "tevreden  bewoners" are one; "bewoners tevreden" is another.
//! Then a typo is forgiven: two normalised texts are similar when they have the same words
//! but one, and that one differs by a single letter (added, left out, changed, or two
//! swapped), or in a word of 14 letters or more by about 15 % of its letters. Words of
//! fewer than four letters and words with digits must be equal ("zon" and "zin", "fase 2"
//! and "fase 3" stay apart). No model, no guess: a rule a coordinator can check by hand.
//!
//! Bounded in cost: texts are only compared when they share all words but one (found
//! through a map of each text with one word left out), so grouping the tens of thousands
//! of different cards of a programme is a few map look-ups per card, not every pair.

use std::collections::HashMap;

const ARTICLES: [&str; 6] = ["de", "het", "een", "the", "a", "an"];

/// The text a card is counted by.
pub fn normalise(text: &str) -> String {
    if text.is_ascii() {
        normalise_ascii(text)
    } else {
        normalise_chars(text)
    }
}

/// [`normalise_chars`] of an ASCII text, byte by byte: its words are its runs of ASCII
/// letters and digits, and an article is one in any case.
fn normalise_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let words = text
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    for word in words {
        if ARTICLES
            .iter()
            .any(|a| word.eq_ignore_ascii_case(a.as_bytes()))
        {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.iter().map(|b| char::from(b.to_ascii_lowercase())));
    }
    out
}

/// [`normalise`] of any text, character by character.
fn normalise_chars(text: &str) -> String {
    let mut words = Words {
        out: String::with_capacity(text.len()),
        start: None,
    };
    for c in text.chars() {
        if c.is_ascii() {
            words.push(c.to_ascii_lowercase());
        } else {
            // Accents go: the letter's canonical decomposition without its marks.
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    d.to_lowercase().for_each(|l| words.push(l));
                }
            });
        }
    }
    words.end_word();
    words.out
}

/// Lower-case words of letters and digits, one space between, articles left out.
struct Words {
    out: String,
    /// Where the word being written starts.
    start: Option<usize>,
}

impl Words {
    fn push(&mut self, c: char) {
        if c.is_alphanumeric() {
            if self.start.is_none() {
                if !self.out.is_empty() {
                    self.out.push(' ');
                }
                self.start = Some(self.out.len());
            }
            self.out.push(c);
        } else {
            self.end_word();
        }
    }

    fn end_word(&mut self) {
        if let Some(at) = self.start.take()
            && self.out.get(at..).is_some_and(|w| ARTICLES.contains(&w))
        {
            self.out.truncate(at.saturating_sub(1));
        }
    }
}

/// Whether two words are the same but for a typo.
fn words_similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let short = la.min(lb);
    if short < 4 || a.chars().chain(b.chars()).any(|c| c.is_numeric()) {
        return false;
    }
    // One letter; about 15 % of a long word (14 letters: 2).
    let allowed = (la.max(lb) * 15 / 100).max(1);
    la.abs_diff(lb) <= allowed && strsim::osa_distance(a, b) <= allowed
}

/// Whether two normalised texts are similar (see the module's rule).
pub fn similar(a: &str, b: &str) -> bool {
    // Split as bytes: a `char` pattern compares each space found with memcmp (a tenth of
    // grouping a programme's cards).
    let (mut wa, mut wb) = (a.as_bytes().split(is_space), b.as_bytes().split(is_space));
    let mut differ = None;
    loop {
        match (wa.next(), wb.next()) {
            (None, None) => break,
            (Some(x), Some(y)) => {
                if x != y {
                    if differ.is_some() {
                        return false;
                    }
                    differ = Some((x, y));
                }
            }
            // A different number of words.
            _ => return false,
        }
    }
    // A text cut at a space is cut between two characters: each word is UTF-8.
    differ.is_none_or(
        |(x, y)| match (std::str::from_utf8(x), std::str::from_utf8(y)) {
            (Ok(x), Ok(y)) => words_similar(x, y),
            _ => false,
        },
    )
}

fn is_space(b: &u8) -> bool {
    *b == b' '
}

/// No first text of a group (yet) in a chain of [`group`].
const NONE: u32 = u32::MAX;

/// Groups normalised texts, given in order of importance (most sessions first): each text
/// joins the first text before it that started a group and is similar to it, or starts
/// its own. Returns, per text, the index of the text that started its group. The same
/// texts in the same order always give the same groups.
pub fn group(keys: &[&str]) -> Vec<usize> {
    // Each text with one of its words left out (as a hash: a collision only costs one
    // more comparison), to the groups' first texts that have it: a chain through `links`
    // (the group's first text, the next link), newest first.
    let mut by_gap: HashMap<u64, u32, foldhash::fast::FixedState> =
        HashMap::with_capacity_and_hasher(keys.len() * 2, foldhash::fast::FixedState::default());
    let mut links: Vec<(u32, u32)> = Vec::with_capacity(keys.len() * 2);
    let mut leader = Vec::with_capacity(keys.len());
    let mut gaps = Vec::new();
    let mut words = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        gapped(key, &mut words, &mut gaps);
        let mut found: Option<usize> = None;
        for gap in &gaps {
            let mut at = by_gap.get(gap).copied().unwrap_or(NONE);
            while let Some(&(j, next)) = links.get(at as usize) {
                let j = j as usize;
                if found.is_none_or(|f| j < f) && similar(keys[j], key) {
                    found = Some(j);
                }
                at = next;
            }
        }
        match found {
            Some(j) => leader.push(j),
            None => {
                leader.push(i);
                let me = u32::try_from(i).unwrap_or(NONE);
                for gap in &gaps {
                    let head = by_gap.entry(*gap).or_insert(NONE);
                    let link = u32::try_from(links.len()).unwrap_or(NONE);
                    links.push((me, *head));
                    *head = link;
                }
            }
        }
    }
    leader
}

/// For each word of `key`, a hash of the text with that word left out (and its place and
/// the number of words): two texts that differ in one word share one.
fn gapped(key: &str, words: &mut Vec<u64>, out: &mut Vec<u64>) {
    const P: u64 = 0x0100_0000_01b3;
    words.clear();
    words.extend(key.as_bytes().split(is_space).map(|w| {
        w.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(P)
        })
    }));
    let n = words.len() as u64;
    // The sum of each word's hash times its place's weight; leaving one out subtracts it.
    let weight = |i: usize| P.wrapping_pow(u32::try_from(i).unwrap_or(u32::MAX).wrapping_add(1));
    let whole = words
        .iter()
        .enumerate()
        .fold(0u64, |h, (i, w)| h.wrapping_add(w.wrapping_mul(weight(i))));
    out.clear();
    out.extend(words.iter().enumerate().map(|(g, w)| {
        let rest = whole.wrapping_sub(w.wrapping_mul(weight(g)));
        (rest ^ (g as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ n.rotate_left(32)).wrapping_mul(P)
    }));
}

#[cfg(test)]
mod tests {
    use super::{group, normalise, similar};

    #[test]
    fn case_accents_punctuation_spaces_and_articles_do_not_count() {
        assert_eq!(
            normalise("Tevreden bewoners!"),
            normalise("tevreden  bewoners")
        );
        assert_eq!(normalise("De coöperatie."), "cooperatie");
        assert_eq!(normalise("  Een   warmtenet? "), "warmtenet");
        assert_eq!(normalise("Zon, de wind en het net"), "zon wind en net");
        assert_eq!(normalise("the a an"), "");
        assert_ne!(
            normalise("bewoners tevreden"),
            normalise("tevreden bewoners")
        );
        assert_eq!(normalise("?!"), "");
    }

    #[test]
    fn an_ascii_text_is_normalised_byte_by_byte_as_character_by_character() {
        let pieces = [
            "De", "het", "EEN", "the", "A", "an", "and", "Tevreden", "bewoners", "fase", "2", "x",
            " ", "  ", "!", "?", ", ", "-", "_", "a1", "ANd", "\t", "\n",
        ];
        let mut rng = crate::core::generate::Rng::new(7);
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..rng.below(9) {
                text.extend(rng.pick(&pieces).copied());
            }
            assert_eq!(
                super::normalise_ascii(&text),
                super::normalise_chars(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_typo_counts_as_the_same_card() {
        let n = |s: &str| normalise(s);
        // Real cards of the seeds, as facilitators typed them in a hurry.
        assert!(similar(&n("tevreden bewoners"), &n("Tevreden bewonrs")));
        assert!(similar(
            &n("Betaalbare aansluitkosten"),
            &n("betaalbare aanslutikosten")
        ));
        assert!(similar(
            &n("Zeggenschap bij de buurt"),
            &n("zegenschap bij de buurt")
        ));
        assert!(similar(
            &n("draagvlak in de wijk"),
            &n("draagvlak in de wijkk")
        ));
        assert!(similar(
            &n("gebiedsgerichte warmtetransitievisie"),
            &n("gebiedsgerichte warmtetransitievissie")
        ));
    }

    #[test]
    fn different_cards_stay_apart() {
        let n = |s: &str| normalise(s);
        assert!(!similar(&n("warmtenet"), &n("warmtevisie")));
        assert!(!similar(&n("zon op het dak"), &n("zin op het dak")));
        assert!(!similar(&n("fase 2 klaar"), &n("fase 3 klaar")));
        assert!(!similar(&n("tevreden bewoners"), &n("tevreden huurders")));
        // Two words changed is not a typo.
        assert!(!similar(
            &n("tevreden bewonrs gemeete"),
            &n("tevreden bewoners gemeente")
        ));
        assert!(!similar(&n("bewoners tevreden"), &n("tevreden bewoners")));
    }

    #[test]
    fn groups_join_the_first_similar_leader_and_do_not_chain() {
        let keys = [
            "tevreden bewoners",
            "warmtenet",
            "tevreden bewonrs",
            "warmtevisie",
            "tevreden bewonr",
        ];
        // "tevreden bewonr" is one letter from "tevreden bewonrs" (not a leader) and two
        // from "tevreden bewoners": it starts its own group rather than chaining.
        assert_eq!(group(&keys), vec![0, 1, 0, 3, 4]);
    }
}
