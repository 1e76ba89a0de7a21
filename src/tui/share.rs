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
    // front of the room), the first whole and the others by what differs from it, so that
    // all of them fit at 80 columns: "geëxporteerd naast de sessie: sessie.md, .html, .csv".
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
        short_names(&names)
    ))
}

/// "a.md, .html, .csv": the first name whole, a later one that shares its stem by the rest.
fn short_names(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let stem = first
        .rsplit_once('.')
        .map_or(first.as_str(), |(stem, _)| stem);
    let mut parts = vec![first.clone()];
    for name in names.iter().skip(1) {
        match name.strip_prefix(stem) {
            Some(rest) if !rest.is_empty() => parts.push(rest.to_string()),
            _ => parts.push(name.clone()),
        }
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::short_names;

    #[test]
    fn later_names_are_shortened_to_what_differs_from_the_first() {
        let names = [
            "2026-12-01-cop.md",
            "2026-12-01-cop.html",
            "2026-12-01-cop-handout.pdf",
            "other.csv",
        ]
        .map(String::from);
        assert_eq!(
            short_names(&names),
            "2026-12-01-cop.md, .html, -handout.pdf, other.csv"
        );
    }
}
