//! Texts in the two languages of the product, and the language itself.

use serde::{Deserialize, Serialize};

/// The language the interface and the built-in texts are shown in.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch, the default: the facilitators are Dutch.
    #[default]
    Nl,
    /// English, the second language throughout.
    En,
}

impl Lang {
    /// Picks the Dutch or English variant of a fixed interface text.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// Parses `nl`/`en` (and locale strings such as `nl_NL.UTF-8`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("nl") {
            Some(Lang::Nl)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The short code, `nl` or `en`.
    pub fn code(self) -> &'static str {
        self.pick("nl", "en")
    }
}

/// A number with one decimal as the language writes it: `1,5` in Dutch, `1.5` in English;
/// `signed` always shows the sign (`+0,5`).
pub fn decimal(v: f64, signed: bool, lang: Lang) -> String {
    let s = if signed {
        format!("{v:+.1}")
    } else {
        format!("{v:.1}")
    };
    if lang == Lang::Nl {
        s.replace('.', ",")
    } else {
        s
    }
}

/// `text` as lowercase ASCII letters and digits joined by single dashes, at most `max`
/// bytes long; letters of any script are transliterated (`Yılmaz` → `yilmaz`, `Straße`
/// → `strasse`). Empty when nothing is left.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let ascii = deunicode::deunicode_char(c).unwrap_or("");
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                out.push(a.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        // A character that becomes nothing (a mark) separates nothing.
        if ascii.is_empty() && !c.is_alphanumeric() && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    out.truncate(max);
    out.trim_end_matches('-').to_string()
}

/// A text that a scenario carries in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Text {
    /// Makes a text from its two translations.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The text in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }
}
