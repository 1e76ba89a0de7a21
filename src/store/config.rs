//! The facilitator's settings: `<data>/config.json` with the theme, the language, the
//! room's address and whether a beamer shows the card being typed.
//!
//! ```json
//! { "theme": "dark", "lang": "en", "bind": "192.168.1.20:8421", "beamer_typing": true }
//! ```
//! Every field is optional. Command-line flags win over the file; `NO_COLOR` wins over
//! the file but not over `--theme` (see [`choose_theme`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::FileError;
use super::load::{parse_shape, read_limited};
use super::paths::data_dir;
use crate::core::Lang;

/// The themes there are.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<ThemeName>,
    /// The interface language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Where the room listens (`ADDR` or `ADDR:PORT`, as `--bind`): the address the
    /// facilitator chose, remembered. Checked when the room opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    /// Whether a beamer (`samenspel beamer`) shows the card being typed on the console as
    /// it is typed (off when absent: the inbox stays anonymous). Set with `b` in the side
    /// panel, remembered here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beamer_typing: Option<bool>,
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
    parse_shape(&path, &bytes, &super::schema::CONFIG)
}

/// Remembers the room's address the facilitator chose: writes `"bind": bind` into the
/// settings file at `path` (see [`remember`]).
pub fn remember_bind(path: &Path, bind: &str) -> Result<(), FileError> {
    remember(path, "bind", serde_json::Value::String(bind.to_string()))
}

/// Remembers one setting: writes `"key": value` into the settings file at `path`,
/// atomically (a reader, or a crash, sees the old file or the new one), keeping every other
/// setting as it was, also ones this version does not know. A file that is not a JSON
/// object is left alone (the error says why): rewriting it would lose what the user wrote
/// there. The folder is made when it is missing.
pub fn remember(path: &Path, key: &str, value: serde_json::Value) -> Result<(), FileError> {
    let mut settings = serde_json::Map::new();
    if path.exists() {
        let bytes = read_limited(path)?;
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(serde_json::Value::Object(map)) => settings = map,
            _ => {
                return Err(FileError::one(
                    path,
                    crate::core::Problem::new(
                        "",
                        "geen JSON-object; de instelling is niet onthouden (het bestand blijft zoals het is)",
                        "not a JSON object; the setting was not remembered (the file is left as it is)",
                    ),
                ));
            }
        }
    }
    settings.insert(key.to_string(), value);
    let mut bytes = serde_json::to_vec_pretty(&serde_json::Value::Object(settings))
        .map_err(|e| FileError::io(path, "niet te schrijven", "cannot be written", &e.into()))?;
    bytes.push(b'\n');
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| FileError::io(path, "map niet te maken", "cannot make its folder", &e))?;
    }
    super::atomic::write_atomic(path, &bytes)
        .map_err(|e| FileError::io(path, "niet te schrijven", "cannot be written", &e))
}

/// The theme to use: `--theme`, else `NO_COLOR` (set and not empty) means mono, else the
/// settings file, else light. An explicit flag wins over `NO_COLOR`, as no-color.org asks.
pub fn choose_theme(flag: Option<ThemeName>, no_color: bool, file: Option<ThemeName>) -> ThemeName {
    flag.or(no_color.then_some(ThemeName::Mono))
        .or(file)
        .unwrap_or_default()
}

/// The interface language: `--lang`, else `SAMENSPEL_LANG` (`var`), else the settings
/// file, else the locale (`locale`: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set) when it is a Dutch (`nl*`) or English (`en*`) one, else Dutch. `C.UTF-8` or
/// `POSIX`, common on shared laptops, say nothing about a language: Dutch. A
/// `SAMENSPEL_LANG` that is neither is ignored, and the second value says so.
pub fn choose_lang(
    flag: Option<Lang>,
    var: Option<&str>,
    file: Option<Lang>,
    locale: Option<&str>,
) -> (Lang, Option<crate::core::Text>) {
    let var = var.map(str::trim).filter(|v| !v.is_empty());
    let ignored = var.filter(|v| Lang::parse(v).is_none()).map(|v| {
        crate::core::Text::new(
            format!("SAMENSPEL_LANG={v} wordt genegeerd: samenspel spreekt nl of en"),
            format!("SAMENSPEL_LANG={v} is ignored: samenspel speaks nl or en"),
        )
    });
    let lang = flag
        .or_else(|| var.and_then(Lang::parse))
        .or(file)
        .or_else(|| locale.and_then(Lang::parse))
        .unwrap_or(Lang::Nl);
    (lang, ignored.filter(|_| flag.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_dutch_or_english_locale_chooses_else_dutch() {
        let lang = |var, file, locale| choose_lang(None, var, file, locale).0;
        assert_eq!(lang(None, None, Some("C.UTF-8")), Lang::Nl);
        assert_eq!(lang(None, None, Some("POSIX")), Lang::Nl);
        assert_eq!(lang(None, None, Some("fr_FR.UTF-8")), Lang::Nl);
        assert_eq!(lang(None, None, None), Lang::Nl);
        assert_eq!(lang(None, None, Some("en_GB.UTF-8")), Lang::En);
        assert_eq!(lang(None, None, Some("nl_BE")), Lang::Nl);
        assert_eq!(lang(None, Some(Lang::En), Some("nl_NL")), Lang::En);
        assert_eq!(lang(Some("en"), Some(Lang::Nl), None), Lang::En);
        assert_eq!(
            choose_lang(Some(Lang::Nl), Some("en"), None, None).0,
            Lang::Nl
        );
        // A variable that names no language of samenspel's is ignored, and said so.
        let (lang, said) = choose_lang(None, Some("fr"), None, Some("en_US.UTF-8"));
        assert_eq!(lang, Lang::En);
        assert_eq!(
            said.map(|t| t.en),
            Some("SAMENSPEL_LANG=fr is ignored: samenspel speaks nl or en".to_string())
        );
    }

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
        let schema = &super::super::schema::CONFIG;
        let err =
            parse_shape::<Config>(&path, br#"{"theme": "neon", "lang": "fr", "x": 1}"#, schema)
                .expect_err("bad theme");
        // Every problem at once, each with the key and what is allowed.
        let lines = err.lines(Lang::En);
        assert_eq!(lines.len(), 3, "{lines:?}");
        let text = err.describe(Lang::En);
        assert!(text.contains("theme: the text \"neon\" is not an allowed value; use one of: \"light\", \"dark\", \"mono\""), "{text}");
        assert!(text.contains("lang: the text \"fr\""), "{text}");
        assert!(text.contains("x: unknown field"), "{text}");
        let ok: Config = parse_shape(
            &path,
            br#"{"theme": "mono", "lang": "en", "bind": "192.168.1.20:8421"}"#,
            schema,
        )
        .expect("good");
        assert_eq!(ok.theme, Some(ThemeName::Mono));
        assert_eq!(ok.lang, Some(Lang::En));
        assert_eq!(ok.bind.as_deref(), Some("192.168.1.20:8421"));
        // An older file without it reads as before.
        let old: Config = parse_shape(&path, br#"{"theme": "dark"}"#, schema).expect("old file");
        assert_eq!(old.bind, None);
    }

    #[test]
    fn a_chosen_address_is_remembered_keeping_every_other_setting() {
        let dir = tempfile::tempdir().expect("temp");
        let path = dir.path().join("data").join("config.json");
        // No file (and no folder) yet: one with the address alone.
        remember_bind(&path, "192.168.1.20").expect("written");
        let schema = &super::super::schema::CONFIG;
        let read = |p: &Path| parse_shape::<Config>(p, &std::fs::read(p).unwrap(), schema);
        assert_eq!(read(&path).unwrap().bind.as_deref(), Some("192.168.1.20"));
        // The user's theme and language stay, and so does a key this version does not know.
        std::fs::write(
            &path,
            br#"{"theme": "dark", "lang": "en", "bind": "10.0.0.1", "later": [1, 2]}"#,
        )
        .unwrap();
        remember_bind(&path, "192.168.1.21").expect("written");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"theme": "dark", "lang": "en", "bind": "192.168.1.21", "later": [1, 2]})
        );
        // A file that is not an object is never overwritten.
        std::fs::write(&path, b"theme = dark").unwrap();
        let err = remember_bind(&path, "192.168.1.22").unwrap_err();
        assert!(
            err.describe(Lang::En).contains("not a JSON object"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"theme = dark");
        // No temporary file is left beside it.
        let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["config.json"]);
    }
}
