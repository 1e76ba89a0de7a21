//! What there is to open: built-in and local scenarios, and saved sessions.

use std::path::{Path, PathBuf};

use super::builtin::{BUILTIN, builtin};
use super::error::FileError;
use super::load::{load_scenario, read_session_bytes};
use super::paths::{scenarios_dir, sessions_dir};
use crate::core::{Problem, Scenario};

/// Where a scenario comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Embedded in the binary.
    Builtin,
    /// A file on disk.
    File(PathBuf),
    /// A file on disk with the id of a built-in scenario, used instead of it.
    Replaces(PathBuf),
}

impl Source {
    /// The file, for a local scenario.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Builtin => None,
            Source::File(p) | Source::Replaces(p) => Some(p),
        }
    }
}

/// A scenario that can be started.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The scenario.
    pub scenario: Scenario,
    /// Where it comes from.
    pub source: Source,
}

/// The folders local scenarios are read from: `<data>/scenarios/` and `./scenarios/`.
pub fn local_scenario_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![scenarios_dir()];
    let here = PathBuf::from("scenarios");
    if here.is_dir() && !dirs.iter().any(|d| same_dir(d, &here)) {
        dirs.push(here);
    }
    dirs
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Built-in scenarios, then local ones, one entry per id: a local file with the id of a
/// built-in one replaces it (in its place in the list, marked [`Source::Replaces`]) unless
/// it is an exact copy (as `./scenarios/` of a source checkout holds); a second local file
/// with an id already taken is not used, and said so among the errors (files that fail to
/// load come back as errors too, to be shown, not hidden).
pub fn scenarios() -> (Vec<Entry>, Vec<FileError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (id, _) in BUILTIN {
        match builtin(id) {
            Some(Ok(scenario)) => entries.push(Entry {
                scenario,
                source: Source::Builtin,
            }),
            Some(Err(e)) => errors.push(e),
            None => {}
        }
    }
    for dir in local_scenario_dirs() {
        for file in json_files(&dir) {
            let scenario = match load_scenario(&file) {
                Ok(scenario) => scenario,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            match entries.iter_mut().find(|e| e.scenario.id == scenario.id) {
                None => entries.push(Entry {
                    scenario,
                    source: Source::File(file),
                }),
                Some(e) if e.source == Source::Builtin => {
                    if e.scenario != scenario {
                        *e = Entry {
                            scenario,
                            source: Source::Replaces(file),
                        };
                    }
                }
                Some(e) => {
                    let first = e
                        .source
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    let id = &scenario.id;
                    errors.push(FileError::one(
                        &file,
                        Problem::new(
                            "id",
                            format!("het id \"{id}\" staat ook in {first}; dit bestand wordt niet gebruikt; geef het een eigen id"),
                            format!("the id \"{id}\" is also in {first}; this file is not used; give it an id of its own"),
                        ),
                    ));
                }
            }
        }
    }
    (entries, errors)
}

/// Finds a scenario by id (a local file with a built-in id replaces the built-in, as the
/// lists show) or loads it from a file path.
pub fn find_scenario(name: &str) -> Result<Entry, FileError> {
    let path = Path::new(name);
    if name.ends_with(".json") || path.is_file() {
        return load_scenario(path).map(|scenario| Entry {
            scenario,
            source: Source::File(path.to_path_buf()),
        });
    }
    let (entries, _) = scenarios();
    entries
        .into_iter()
        .find(|e| e.scenario.id == name)
        .ok_or_else(|| {
            FileError::one(
                path,
                Problem::new(
                    "",
                    "geen scenario met dit id of deze bestandsnaam; `samenspel scenarios` toont ze",
                    "no scenario with this id or file name; `samenspel scenarios` lists them",
                ),
            )
        })
}

/// A saved session as listed: enough to choose one without folding its log.
#[derive(Clone, Debug)]
pub struct SessionInfo {
    /// The file.
    pub path: PathBuf,
    /// Title.
    pub title: String,
    /// When it started.
    pub created: jiff::Timestamp,
    /// Scenario id.
    pub scenario: String,
    /// Number of changes.
    pub events: usize,
    /// The session file this is a conflict copy of, when it is one (see [`super::conflict`]).
    pub copy_of: Option<PathBuf>,
}

#[derive(serde::Deserialize)]
struct Summary {
    title: String,
    created: jiff::Timestamp,
    scenario: ScenarioId,
    #[serde(default)]
    events: Vec<serde::de::IgnoredAny>,
}

#[derive(serde::Deserialize)]
struct ScenarioId {
    id: String,
}

/// Saved sessions in `<data>/sessions/`, newest first; unreadable files are skipped.
pub fn sessions() -> Vec<SessionInfo> {
    let mut list: Vec<SessionInfo> = json_files(&sessions_dir())
        .into_iter()
        .filter_map(|path| {
            let bytes = read_session_bytes(&path).ok()?;
            let s: Summary = serde_json::from_slice(&bytes).ok()?;
            Some(SessionInfo {
                title: s.title,
                created: s.created,
                scenario: s.scenario.id,
                events: s.events.len() + super::on_disk::journal_events(&path, &bytes),
                copy_of: super::conflict::original_of(&path),
                path,
            })
        })
        .collect();
    list.sort_by(|a, b| b.created.cmp(&a.created).then(a.path.cmp(&b.path)));
    list
}
