//! Errors of the store: a file that cannot be read, parsed, validated or written.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::core::{Lang, Problem};

/// A file-level error: which file, and every problem found in it.
#[derive(Debug)]
pub struct FileError {
    /// The file.
    pub file: PathBuf,
    /// What is wrong, each with its JSON path (empty path: the file as a whole).
    pub problems: Vec<Problem>,
}

impl FileError {
    /// An error with one problem.
    pub fn one(file: &Path, problem: Problem) -> FileError {
        FileError {
            file: file.to_path_buf(),
            problems: vec![problem],
        }
    }

    /// An error for an I/O failure on the file.
    pub fn io(file: &Path, what_nl: &str, what_en: &str, err: &std::io::Error) -> FileError {
        FileError::one(
            file,
            Problem::new("", format!("{what_nl}: {err}"), format!("{what_en}: {err}")),
        )
    }

    /// One line per problem: `file: path: message`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                if p.path.is_empty() {
                    format!("{}: {}", self.file.display(), p.message(lang))
                } else {
                    format!("{}: {}: {}", self.file.display(), p.path, p.message(lang))
                }
            })
            .collect()
    }

    /// All lines joined, in the given language.
    pub fn describe(&self, lang: Lang) -> String {
        self.lines(lang).join("\n")
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for FileError {}
