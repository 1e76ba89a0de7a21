//! The facilitator's settings: `<data>/config.json` with the theme and the language.
//!
//! ```json
//! { "theme": "dark", "lang": "en" }
//! ```
//! Both fields are optional. Command-line flags win over the file; `NO_COLOR` wins over
//! the file but not over `--theme` (see [`choose_theme`]).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::error::FileError;
use super::load::{parse_shape, read_limited};
use super::paths::data_dir;
use crate::core::Lang;

/// The themes there are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Light, high contrast (the default: beamers wash out dark backgrounds).
    #[default]
    Light,
    /// Dark.
    Dark,
    /// No colour at all.
    Mono,
}

impl ThemeName {
    /// Every theme, in the order they are offered.
    pub const ALL: [ThemeName; 3] = [ThemeName::Light, ThemeName::Dark, ThemeName::Mono];

    /// The name as written on the command line and in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
            ThemeName::Mono => "mono",
        }
    }

    /// Parses `light`, `dark` or `mono`.
    pub fn parse(s: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// The settings file's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemeName>,
    /// The interface language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// `<data>/config.json`.
pub fn config_path() -> PathBuf {
    data_dir().join("config.json")
}

/// Reads the settings file; no file means no settings.
pub fn load_config() -> Result<Config, FileError> {
    let path = config_path();
    if !path.exists() {
        return Ok(Config::default());
    }
    let bytes = read_limited(&path)?;
    parse_shape(&path, &bytes)
}

/// The theme to use: `--theme`, else `NO_COLOR` (set and not empty) means mono, else the
/// settings file, else light. An explicit flag wins over `NO_COLOR`, as no-color.org asks.
pub fn choose_theme(flag: Option<ThemeName>, no_color: bool, file: Option<ThemeName>) -> ThemeName {
    flag.or(no_color.then_some(ThemeName::Mono))
        .or(file)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_no_color_beats_file() {
        use ThemeName::*;
        assert_eq!(choose_theme(None, false, None), Light);
        assert_eq!(choose_theme(None, false, Some(Dark)), Dark);
        assert_eq!(choose_theme(None, true, Some(Dark)), Mono);
        assert_eq!(choose_theme(Some(Dark), true, Some(Light)), Dark);
    }

    #[test]
    fn a_bad_theme_in_the_file_is_named_with_its_path() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("config.json");
        let err = parse_shape::<Config>(&path, br#"{"theme": "neon"}"#).expect_err("bad theme");
        let text = err.describe(Lang::En);
        assert!(text.contains("theme"), "{text}");
        assert!(text.contains("neon"), "{text}");
        let ok: Config = parse_shape(&path, br#"{"theme": "mono", "lang": "en"}"#).expect("good");
        assert_eq!(ok.theme, Some(ThemeName::Mono));
        assert_eq!(ok.lang, Some(Lang::En));
    }
}
