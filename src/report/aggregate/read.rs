//! Reading many files for the aggregate: folders walked (recursively, in name order), each
//! file read on its own by one of a few threads (one per core), folded into a small
//! contribution and dropped, so memory holds one session per core plus the summaries. A
//! file that is not a session, is broken, or is not a regular file (a FIFO, a device) is
//! skipped with a note; one bad file never stops the rest.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use std::collections::BTreeMap;

use super::contribution::{Contribution, FileKey, contribution};
use super::fold::Folder;
use crate::core::Lang;
use crate::report::{Detail, Outcome};
use crate::store::counted::parse_session_counted;
use crate::store::error::FileError;
use crate::store::load::{MAX_SESSION_BYTES, read_into_at_most};

/// A file left out, and why (one line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why, in the language asked.
    pub why: String,
}

impl Skipped {
    /// `file: why (overgeslagen)`.
    pub fn line(&self, lang: Lang) -> String {
        format!(
            "{}: {} ({})",
            self.path.display(),
            self.why,
            lang.pick("overgeslagen", "skipped")
        )
    }
}

/// The files to read: each file given, and every `.json` file under each folder given
/// (recursively, in name order; links to folders are not followed, so a loop cannot
/// trap the walk). What cannot be listed is skipped with a note.
pub fn session_files(paths: &[PathBuf], lang: Lang) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut skipped, lang),
            Ok(_) => files.push(path.clone()),
            Err(e) => skipped.push(Skipped {
                path: path.clone(),
                why: format!("{}: {e}", lang.pick("niet gevonden", "not found")),
            }),
        }
    }
    (files, skipped)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>, lang: Lang) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            skipped.push(Skipped {
                path: dir.to_path_buf(),
                why: format!(
                    "{}: {e}",
                    lang.pick("map niet te lezen", "cannot read the folder")
                ),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, files, skipped, lang);
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
}

/// Reads every file on `threads` threads (at least one) and adds each session to
/// `folder` as soon as the ones before it are in, in the order of `files`: memory holds
/// the sessions being read, the few read ahead of their turn, and the fold. The files that
/// are not sessions come back as skipped.
pub fn read_into(
    files: &[PathBuf],
    threads: usize,
    lang: Lang,
    folder: &mut Folder,
) -> Vec<Skipped> {
    let next = AtomicUsize::new(0);
    let threads = threads.clamp(1, files.len().max(1));
    let mut skipped = Vec::new();
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel();
        for _ in 0..threads {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || {
                // One buffer for the bytes of every file this thread reads.
                let mut bytes = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    if send.send((i, read_one(path, lang, &mut bytes))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Sessions read ahead of their turn wait here until the ones before them are in.
        let mut waiting = BTreeMap::new();
        let mut turn = 0;
        for (i, result) in receive {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&turn) {
                match result {
                    Ok(c) => folder.add(c),
                    Err(s) => skipped.push(s),
                }
                turn += 1;
            }
        }
    });
    skipped
}

/// One file: read (into `bytes`), folded, summarised (with names replaced), and let go.
fn read_one(path: &Path, lang: Lang, bytes: &mut Vec<u8>) -> Result<Contribution, Skipped> {
    let skip = |why: String| Skipped {
        path: path.to_path_buf(),
        why,
    };
    // One buffer per reader, used again for every file: a new one of a few hundred
    // kilobytes each time made the allocator gather all the small blocks freed before.
    read_into_at_most(path, MAX_SESSION_BYTES, bytes).map_err(|e| skip(first_problem(&e, lang)))?;
    let read = match parse_session_counted(path, bytes) {
        Ok(read) => read,
        Err(e) => {
            let is_session = bytes.windows(17).any(|w| w == b"samenspel/session");
            return Err(skip(if is_session {
                first_problem(&e, lang)
            } else {
                lang.pick("geen sessiebestand", "not a session file")
                    .to_string()
            }));
        }
    };
    bytes.clear();
    let session = &read.session;
    let log = read.log.log();
    let outcome = Outcome::build_from(session, log, &read.state, lang, true, Detail::Counts);
    let key = FileKey {
        file: file_name(path),
        created: session.created,
    };
    let previous = session.previous.as_ref().map(|p| FileKey {
        file: p.file.clone(),
        created: p.created,
    });
    Ok(contribution(outcome, key, previous))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first problem of a file error, without the file's name (the note names it).
fn first_problem(e: &FileError, lang: Lang) -> String {
    e.problems
        .first()
        .map(|p| {
            let message = crate::core::clean::clean(p.message(lang)).into_owned();
            if p.path.is_empty() {
                message
            } else {
                format!("{}: {message}", p.path)
            }
        })
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
