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

/// The file a session path really names: symbolic links followed, `.` and `..` resolved.
/// The one place a session's path is resolved, before it is locked and saved: the lock
/// and every write then go to the real file whatever path was used (a link stays a link,
/// and a second editor through another path meets the same lock). For a file that does
/// not exist yet, its folder is resolved. A path that cannot be resolved is kept as given.
pub fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return path.to_path_buf();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    match std::fs::canonicalize(dir) {
        // A dangling link is not followed: it is refused as an existing name elsewhere.
        Ok(real) => real.join(name),
        Err(_) => path.to_path_buf(),
    }
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

    #[cfg(unix)]
    #[test]
    fn a_link_and_its_file_are_one_real_path() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("t.json"), b"{}").unwrap();
        let link = dir.path().join("l.json");
        std::os::unix::fs::symlink("real/t.json", &link).unwrap();
        let expected = std::fs::canonicalize(real.join("t.json")).unwrap();
        assert_eq!(real_path(&link), expected);
        assert_eq!(real_path(&real.join("../real/./t.json")), expected);
        // Not there yet: the folder is resolved, the name kept.
        let linked_dir = dir.path().join("map");
        std::os::unix::fs::symlink("real", &linked_dir).unwrap();
        assert_eq!(
            real_path(&linked_dir.join("nieuw.json")),
            std::fs::canonicalize(&real).unwrap().join("nieuw.json")
        );
    }

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
