//! Where samenspel keeps its files: the data folder with sessions/ and scenarios/.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

/// The environment variable that replaces the data folder (tests and the README use it).
pub const HOME_VAR: &str = "SAMENSPEL_HOME";

/// The data folder: `$SAMENSPEL_HOME`, else the platform's data folder for samenspel,
/// else `./samenspel-data` when the platform has none.
pub fn data_dir() -> PathBuf {
    if let Some(home) = std::env::var_os(HOME_VAR).filter(|h| !h.is_empty()) {
        return PathBuf::from(home);
    }
    directories::ProjectDirs::from("nl", "samenspel", "samenspel")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("samenspel-data"))
}

/// `<data>/sessions`.
pub fn sessions_dir() -> PathBuf {
    data_dir().join("sessions")
}

/// `<data>/scenarios`.
pub fn scenarios_dir() -> PathBuf {
    data_dir().join("scenarios")
}

/// Lowercase ASCII letters and digits joined by single dashes; at most 40 characters.
/// Letters of every script are transliterated first (`Yılmaz` → `yilmaz`, `Straße` →
/// `strasse`, `Ærø` → `aero`), so a title loses no letters.
pub fn slug(title: &str) -> String {
    let slug = crate::core::text::slug(title, 40);
    if slug.is_empty() {
        "sessie".to_string()
    } else {
        slug
    }
}

/// A free file name for a new session: `<dir>/<date>-<scenario>-<slug>.json`, with `-2`,
/// `-3`, ... added when the name is taken.
pub fn new_session_path(dir: &Path, created: Timestamp, scenario: &str, title: &str) -> PathBuf {
    let date = created.strftime("%Y-%m-%d").to_string();
    let base = format!("{date}-{scenario}-{}", slug(title));
    let mut path = dir.join(format!("{base}.json"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.json"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_letters_and_folds_dutch_accents() {
        assert_eq!(
            slug("CoP Zwolle: sessie 3 — één keer"),
            "cop-zwolle-sessie-3-een-keer"
        );
        assert_eq!(slug("!!!"), "sessie");
    }

    #[test]
    fn slug_transliterates_every_letter() {
        assert_eq!(
            slug("Overleg Yılmaz & Çelik — Straße, Ærø"),
            "overleg-yilmaz-celik-strasse-aero"
        );
        assert_eq!(slug("Łódź, Ελλάδα"), "lodz-ellada");
    }
}
