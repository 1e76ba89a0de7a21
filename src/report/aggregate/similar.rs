//! When two cards say the same: their texts are equal after leaving out case, accents,
//! punctuation, extra spaces and the articles (de, het, een, the, a, an). "Tevreden
//! bewoners!" and "tevreden  bewoners" are one; "bewoners tevreden" is another. No model,
//! no guess: a rule a coordinator can check by hand.

use unicode_normalization::UnicodeNormalization;

const ARTICLES: [&str; 6] = ["de", "het", "een", "the", "a", "an"];

/// The text a card is counted by.
pub fn normalise(text: &str) -> String {
    let plain: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    plain
        .split_whitespace()
        .filter(|w| !ARTICLES.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn case_accents_punctuation_spaces_and_articles_do_not_count() {
        assert_eq!(
            normalise("Tevreden bewoners!"),
            normalise("tevreden  bewoners")
        );
        assert_eq!(normalise("De coöperatie."), "cooperatie");
        assert_eq!(normalise("  Een   warmtenet? "), "warmtenet");
        assert_ne!(
            normalise("bewoners tevreden"),
            normalise("tevreden bewoners")
        );
        assert_eq!(normalise("?!"), "");
    }
}
