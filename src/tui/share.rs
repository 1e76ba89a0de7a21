//! `X` in a session: the reports (Markdown, HTML) and the CSV written next to the session
//! file, at any moment of the meeting, from what is on screen (saved or not yet).

use std::path::{Path, PathBuf};

use super::session::view::Status;
use crate::core::{Lang, Live};
use crate::report::{Format, Options, export};
use crate::store::atomic::write_atomic;

/// The formats `X` writes.
pub const FORMATS: [Format; 6] = [
    Format::Markdown,
    Format::Html,
    Format::Csv,
    Format::Pdf,
    Format::Xlsx,
    Format::Ics,
];

/// The file beside `session` for a format: `<stem>.<extension>`.
pub fn beside(session: &Path, format: Format) -> PathBuf {
    session.with_extension(format.extension())
}

/// Writes the exports beside the session file; what the status line says then.
pub fn export_beside(live: &Live, session: &Path, lang: Lang) -> Status {
    // The report speaks the meeting's language, as `samenspel export` does by default.
    let opts = Options::for_session(&live.session, None);
    let mut written: Vec<PathBuf> = Vec::new();
    for format in FORMATS {
        let path = beside(session, format);
        let result = export(live, format, &opts)
            .map_err(|e| e.to_string())
            .and_then(|files| {
                let bytes = files
                    .into_iter()
                    .next()
                    .map(|f| f.bytes)
                    .unwrap_or_default();
                write_atomic(&path, &bytes).map_err(|e| e.to_string())
            });
        if let Err(e) = result {
            return Status::problem(format!(
                "{} {}: {e}",
                lang.pick("exporteren mislukt:", "export failed:"),
                path.display()
            ));
        }
        written.push(path);
    }
    // The file names, beside the session (a folder path is long and says little in
    // front of the room): "geëxporteerd naast de sessie: sessie.md, sessie.html, sessie.csv".
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    Status::info(format!(
        "{}: {}",
        lang.pick(
            "geëxporteerd naast de sessie",
            "exported beside the session"
        ),
        names.join(", ")
    ))
}
