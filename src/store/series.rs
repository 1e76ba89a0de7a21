//! Continuing a series from a previous session file: read it, fingerprint it, and build
//! the new session that starts by looking back at it.

use std::path::Path;

use jiff::Timestamp;
use sha2::{Digest, Sha256};

use super::error::FileError;
use super::load::{parse_session, read_session_bytes};
use crate::core::series::continue_series;
use crate::core::session::Origin;
use crate::core::{Lang, Scenario, Session};

/// SHA-256 of some bytes as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new session of `scenario` that continues the session in `previous`: its review step
/// first, its participants carried over, and its file name and SHA-256 recorded.
/// `title` defaults to the scenario's title.
pub fn continue_from(
    previous: &Path,
    scenario: Scenario,
    title: Option<String>,
    now: Timestamp,
    lang: Lang,
) -> Result<Session, FileError> {
    let bytes = read_session_bytes(previous)?;
    let live = parse_session(previous, &bytes)?;
    // While the previous meeting's changes are partly in its journal, name the file as it
    // will be once they are taken in (as it is after samenspel closes it).
    let bytes = if super::journal::journal_path(previous).exists() {
        let mut shape: crate::core::Session = match serde_json::from_slice(&bytes) {
            Ok(s) => s,
            Err(_) => live.session.clone(),
        };
        let journal = super::on_disk::apply_journal(previous, &bytes, &mut shape)?;
        super::on_disk::folded_bytes(&bytes, &shape, &journal)
    } else {
        bytes
    };
    let origin = Origin {
        file: previous
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sha256: sha256_hex(&bytes),
        title: live.session.title.clone(),
        created: live.session.created,
    };
    let title = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| scenario.title.get(lang).to_string());
    let mut session = continue_series(
        scenario,
        &live.session,
        &live.state,
        origin,
        title,
        now,
        lang,
    );
    super::zone::stamp(&mut session);
    Ok(session)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_nothing_is_the_known_digest() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
