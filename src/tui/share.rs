//! `X` in a session: the reports (Markdown, HTML) and the CSV written next to the session
//! file, at any moment of the meeting, from what is on screen (saved or not yet).

use std::path::{Path, PathBuf};

use super::workspace::Workspace;
use crate::core::Lang;
use crate::report::{Format, Options, export};
use crate::store::atomic::write_atomic;

/// The formats `X` writes.
pub const FORMATS: [Format; 3] = [Format::Markdown, Format::Html, Format::Csv];

/// The file beside `session` for a format: `<stem>.<extension>`.
pub fn beside(session: &Path, format: Format) -> PathBuf {
    session.with_extension(format.extension())
}

/// Writes the exports beside the session file and says where in the status line.
pub fn export_beside(ws: &mut Workspace, lang: Lang) {
    // The report speaks the meeting's language, as `samenspel export` does by default.
    let opts = Options::for_session(&ws.live.session, None);
    let mut written: Vec<PathBuf> = Vec::new();
    for format in FORMATS {
        let path = beside(&ws.path, format);
        let result = export(&ws.live, format, &opts)
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
            ws.info = None;
            ws.notice = Some(format!(
                "{} {}: {e}",
                lang.pick("exporteren mislukt:", "export failed:"),
                path.display()
            ));
            return;
        }
        written.push(path);
    }
    let Some(first) = written.first() else {
        return;
    };
    let kinds: Vec<String> = FORMATS
        .iter()
        .map(|f| format!(".{}", f.extension()))
        .collect();
    // What was written first, then where: the end of a long path may be cut off.
    let place = first.with_extension("*");
    ws.notice = None;
    ws.info = Some(format!(
        "{} {}: {}",
        lang.pick("geëxporteerd", "exported"),
        kinds.join(" "),
        place.display()
    ));
}
