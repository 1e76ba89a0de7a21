//! Reading scenario and session files that others wrote: size first, then the version,
//! then the shape (with the JSON path of the first misfit), then every rule.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::FileError;
use super::journal::journal_path;
use super::migrate::{SCENARIO_MIGRATIONS, migrate, migrate_session};
use super::on_disk::{OnDisk, apply_journal, apply_journal_to, layout};
use super::stream::Folded;
use crate::core::scenario::{SCENARIO_FORMAT, SCENARIO_VERSION};
use crate::core::session::{SESSION_FORMAT, SESSION_VERSION};
use crate::core::validate::validate_scenario;
use crate::core::{Live, Problem, Scenario, Session};

/// Scenario (and other) files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Session files larger than this are refused before they are parsed. Higher than
/// [`MAX_FILE_BYTES`] because a session's log grows with every change: a series of meetings
/// with 100,000 changes is about 26 MB, and must still open.
pub const MAX_SESSION_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a file of at most [`MAX_FILE_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    read_at_most(path, MAX_FILE_BYTES)
}

/// Reads a session file of at most [`MAX_SESSION_BYTES`].
pub fn read_session_bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    read_at_most(path, MAX_SESSION_BYTES)
}

/// Reads a file of at most `max` bytes; a larger one is refused before it is read.
pub fn read_at_most(path: &Path, max: u64) -> Result<Vec<u8>, FileError> {
    open_at_most(path, max).map(|(_, bytes)| bytes)
}

/// As [`read_at_most`], keeping the file open (what it held can still be copied from it).
pub fn open_at_most(path: &Path, max: u64) -> Result<(std::fs::File, Vec<u8>), FileError> {
    let mut bytes = Vec::new();
    let file = read_into_at_most(path, max, &mut bytes)?;
    Ok((file, bytes))
}

/// As [`open_at_most`], into `bytes` (emptied first): one who reads many files (the
/// aggregate) uses one buffer for all of them.
pub fn read_into_at_most(
    path: &Path,
    max: u64,
    bytes: &mut Vec<u8>,
) -> Result<std::fs::File, FileError> {
    let (file, len) = open_checked(path, max)?;
    read_whole(path, &file, (len, max), bytes)?;
    Ok(file)
}

/// Opens a file of at most `max` bytes, and says how long it is; a larger one is refused
/// before anything is read, and so are a pipe, a device and a folder.
fn open_checked(path: &Path, max: u64) -> Result<(std::fs::File, u64), FileError> {
    let (file, meta) = super::regular::open_regular(path)?;
    if meta.len() > max {
        return Err(too_large(path, max));
    }
    Ok((file, meta.len()))
}

/// Reads an opened file of `len` bytes (as it was when opened) into `bytes`, never more
/// than `max`.
fn read_whole(
    path: &Path,
    file: &std::fs::File,
    (len, max): (u64, u64),
    bytes: &mut Vec<u8>,
) -> Result<(), FileError> {
    bytes.clear();
    bytes.reserve(usize::try_from(len).unwrap_or(0));
    // The file may grow between the check and the read: never read past the limit.
    file.take(max + 1).read_to_end(bytes).map_err(|e| {
        FileError::io(
            path,
            "kan het bestand niet lezen",
            "cannot read the file",
            &e,
        )
    })?;
    if bytes.len() as u64 > max {
        return Err(too_large(path, max));
    }
    Ok(())
}

/// The refusal of a file over `max` bytes.
pub fn too_large(path: &Path, max: u64) -> FileError {
    let mib = max / (1024 * 1024);
    FileError::one(
        path,
        Problem::new(
            "",
            format!("het bestand is groter dan {mib} MiB; samenspel opent het niet"),
            format!("the file is larger than {mib} MiB; samenspel does not open it"),
        ),
    )
}

/// The bytes without a UTF-8 byte order mark, which some editors (Windows Notepad) put
/// at the start of a file saved by hand.
pub(super) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Just the fields that say what a file is, read before anything else.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Checks format and version, so that a newer file is refused as such; returns the
/// file's version.
fn check_header(path: &Path, bytes: &[u8], format: &str, newest: u32) -> Result<u32, FileError> {
    let header: Header = serde_json::from_slice(bytes).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            // Valid JSON, but a list, a number or null instead of an object.
            FileError::one(
                path,
                Problem::new(
                    "",
                    "het bestand bevat geen JSON-object; is dit wel een samenspel-bestand?",
                    "the file does not hold a JSON object; is this a samenspel file?",
                ),
            )
        } else {
            syntax(path, &e)
        }
    })?;
    match header.format.as_ref().and_then(|f| f.as_str()) {
        Some(f) if f == format => {}
        Some(other) => {
            return Err(FileError::one(
                path,
                Problem::new(
                    "format",
                    format!("dit is geen {format}-bestand maar \"{other}\""),
                    format!("this is not a {format} file but \"{other}\""),
                ),
            ));
        }
        None => {
            return Err(FileError::one(
                path,
                Problem::new(
                    "format",
                    format!(
                        "\"format\": \"{format}\" ontbreekt; is dit wel een samenspel-bestand?"
                    ),
                    format!("\"format\": \"{format}\" is missing; is this a samenspel file?"),
                ),
            ));
        }
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(newest) => Err(FileError::one(
            path,
            Problem::new(
                "version",
                format!(
                    "versie {v} is gemaakt door een nieuwere samenspel (deze kent t/m {newest}); werk samenspel bij"
                ),
                format!(
                    "version {v} was made by a newer samenspel (this one knows up to {newest}); update samenspel"
                ),
            ),
        )),
        Some(v) if v >= 1 => Ok(u32::try_from(v).unwrap_or(newest)),
        _ => Err(FileError::one(
            path,
            Problem::new(
                "version",
                "\"version\" moet een heel getal vanaf 1 zijn",
                "\"version\" must be a whole number from 1",
            ),
        )),
    }
}

fn syntax(path: &Path, e: &serde_json::Error) -> FileError {
    let (nl, en) = match e.classify() {
        serde_json::error::Category::Eof => (
            "het bestand houdt te vroeg op (afgebroken?)".to_string(),
            "the file ends too early (truncated?)".to_string(),
        ),
        _ => super::shape::syntax_words(&e.to_string()),
    };
    // The place in words of each language (a JSON path cannot name it).
    let (line, column) = (e.line(), e.column());
    FileError::one(
        path,
        Problem::new(
            "",
            format!("regel {line} kolom {column}: {nl}"),
            format!("line {line} column {column}: {en}"),
        ),
    )
}

/// Parses the shape of a document; when it does not fit, every misfit is named with its
/// JSON path (checked against `schema`, the file's JSON Schema).
pub(crate) fn parse_shape<T: DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
    schema: &serde_json::Value,
) -> Result<T, FileError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let doc = serde_json::from_slice::<serde_json::Value>(bytes).ok();
        shape_error(path, e, doc.as_ref(), schema)
    })
}

/// Parses a document of an older `version`: carried over to `newest` in memory first.
fn parse_older<T: DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
    (version, newest): (u32, u32),
    migrate: fn(&mut serde_json::Value, u32, u32) -> Result<(), Problem>,
    schema: &serde_json::Value,
) -> Result<T, FileError> {
    let mut doc: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| syntax(path, &e))?;
    migrate(&mut doc, version, newest).map_err(|p| FileError::one(path, p))?;
    serde_path_to_error::deserialize(&doc).map_err(|e| shape_error(path, e, Some(&doc), schema))
}

/// Why a document does not fit: every misfit the schema finds in it; else (serde saw what
/// a schema cannot, such as a field given twice) serde's first.
fn shape_error(
    path: &Path,
    e: serde_path_to_error::Error<serde_json::Error>,
    doc: Option<&serde_json::Value>,
    schema: &serde_json::Value,
) -> FileError {
    let place = e.path().to_string();
    let inner = e.into_inner();
    if inner.is_syntax() || inner.is_eof() || inner.is_io() {
        return syntax(path, &inner);
    }
    let msg = inner.to_string();
    // A field given twice is lost when the document is read as a whole: serde says it.
    if let Some(doc) = doc.filter(|_| !msg.starts_with("duplicate field")) {
        let problems = super::shape::check(schema, doc);
        if !problems.is_empty() {
            return FileError {
                file: path.to_path_buf(),
                problems,
            };
        }
    }
    if let Some(time) = msg
        .split(" at line ")
        .next()
        .unwrap_or(&msg)
        .strip_prefix(crate::core::when::OUT_OF_RANGE)
    {
        return FileError::one(
            path,
            Problem::new(
                if place == "." { String::new() } else { place },
                format!(
                    "de tijd {time} valt buiten de jaren die samenspel aankan (-9999-01-02 tot en met 9999-12-30); verbeter de tijd"
                ),
                format!(
                    "the time {time} lies outside the years samenspel handles (-9999-01-02 up to 9999-12-30); correct it"
                ),
            ),
        );
    }
    let (nl, en) = super::shape::serde_words(&msg);
    FileError::one(
        path,
        Problem::new(if place == "." { String::new() } else { place }, nl, en),
    )
}

/// Reads and validates a scenario from bytes; `path` names it in errors.
pub fn parse_scenario(path: &Path, bytes: &[u8]) -> Result<Scenario, FileError> {
    let bytes = without_bom(bytes);
    let version = check_header(path, bytes, SCENARIO_FORMAT, SCENARIO_VERSION)?;
    let schema = &super::schema::SCENARIO;
    let scenario: Scenario = if version < SCENARIO_VERSION {
        parse_older(
            path,
            bytes,
            (version, SCENARIO_VERSION),
            |doc, from, to| migrate(doc, from, to, SCENARIO_MIGRATIONS),
            schema,
        )?
    } else {
        parse_shape(path, bytes, schema)?
    };
    let problems = validate_scenario(&scenario);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(FileError {
            file: path.to_path_buf(),
            problems,
        })
    }
}

/// Reads and validates a scenario file.
pub fn load_scenario(path: &Path) -> Result<Scenario, FileError> {
    parse_scenario(path, &read_limited(path)?)
}

/// Reads and validates a session from bytes (the file at `path`), with the changes of
/// its journal: its scenario copy and its whole log.
pub fn parse_session(path: &Path, bytes: &[u8]) -> Result<Live, FileError> {
    // The file's bytes are kept until the end anyway: the log is folded while it is read.
    parse_session_on(path, bytes, true)
}

/// [`parse_session`] on this thread only: for a caller that already reads a file on
/// every core (the aggregate), where a fold beside each parse would only compete for them.
pub fn parse_session_here(path: &Path, bytes: &[u8]) -> Result<Live, FileError> {
    parse_session_on(path, bytes, false)
}

fn parse_session_on(path: &Path, bytes: &[u8], beside: bool) -> Result<Live, FileError> {
    let (mut session, folded) = session_shape(path, without_bom(bytes), beside)?;
    apply_journal(path, bytes, &mut session)?;
    finish_session(path, session, folded)
}

/// The shape of a session file. A current, well-formed file is read in one pass (with
/// `on_the_way`, its log folded meanwhile on a second thread, [`super::stream`]); anything
/// else takes the careful path that names the version problem or the JSON path of the
/// misfit.
fn session_shape(
    path: &Path,
    bytes: &[u8],
    on_the_way: bool,
) -> Result<(Session, Option<Folded>), FileError> {
    // The whole file is checked to be UTF-8 at once: then serde need not check every
    // string on its own (about a tenth of the time to read a long log).
    if let Ok(text) = std::str::from_utf8(bytes) {
        let read = if on_the_way {
            super::stream::read(text)
        } else {
            serde_json::from_str::<Session>(text)
                .ok()
                .map(|s| (s, None))
        };
        if let Some((session, folded)) = read
            && session.format == SESSION_FORMAT
            && session.version == SESSION_VERSION
        {
            return Ok((session, folded));
        }
    }
    let version = check_header(path, bytes, SESSION_FORMAT, SESSION_VERSION)?;
    // An older file is read as the newest version; it is written back (in the newest
    // version) only when the user changes something.
    let schema = &super::schema::SESSION;
    let session = if version < SESSION_VERSION {
        parse_older(
            path,
            bytes,
            (version, SESSION_VERSION),
            migrate_session,
            schema,
        )
    } else {
        parse_shape(path, bytes, schema)
    };
    session.map(|s| (s, None))
}

/// Validates a session's scenario copy and folds its log (the rest of it, when it was
/// folded in part while it was read).
fn finish_session(
    path: &Path,
    session: Session,
    folded: Option<Folded>,
) -> Result<Live, FileError> {
    let mut problems: Vec<Problem> = validate_scenario(&session.scenario)
        .into_iter()
        .map(|p| Problem {
            path: format!("scenario.{}", p.path),
            ..p
        })
        .collect();
    if let Some(zone) = session
        .time_zone
        .as_deref()
        .filter(|z| !super::zone::is_known(z))
    {
        problems.push(Problem::new(
            "time_zone",
            format!("onbekende tijdzone \"{zone}\"; gebruik een naam als \"Europe/Amsterdam\" of verwijder het veld"),
            format!("unknown time zone \"{zone}\"; use a name such as \"Europe/Amsterdam\" or remove the field"),
        ));
    }
    if problems.is_empty() {
        let live = match folded {
            Some(folded) => folded.open(session),
            None => Live::open(session),
        };
        match live {
            Ok(live) => return Ok(live),
            Err(p) => problems.push(p),
        }
    }
    Err(FileError {
        file: path.to_path_buf(),
        problems,
    })
}

/// Reads and validates a session file, with the changes of its journal.
pub fn load_session(path: &Path) -> Result<Live, FileError> {
    read_session(path).map(|(live, _)| live)
}

/// As [`load_session`], with what the next writer of the file must know of it.
pub fn read_session(path: &Path) -> Result<(Live, OnDisk), FileError> {
    // The file may be written whole (and its journal begun anew) by its own samenspel
    // between reading the one and the other: then read both again.
    let mut tries = 0;
    loop {
        tries += 1;
        match read_once(path) {
            Err(e) if tries < 3 && e.file != path && journal_path(path) == e.file => {
                std::thread::sleep(std::time::Duration::from_millis(30));
            }
            other => return other,
        }
    }
}

fn read_once(path: &Path) -> Result<(Live, OnDisk), FileError> {
    let (file, len) = open_checked(path, MAX_SESSION_BYTES)?;
    // A long file as samenspel writes it is read on both cores, and partly folded while it
    // is read ([`super::lines`]).
    if let Some(read) = super::lines::read(&file, len) {
        let mut session = read.session;
        let journal = apply_journal_to(path, (len, || read.crc32), &mut session)?;
        let live = finish_session(path, session, read.folded)?;
        let log_end = Some(read.log_end);
        return Ok((live, on_disk(file, (len, read.crc32), log_end, journal)));
    }
    let mut bytes = Vec::new();
    read_whole(path, &file, (len, MAX_SESSION_BYTES), &mut bytes)?;
    let len = bytes.len() as u64;
    let crc32 = crc32fast::hash(&bytes);
    // Opening folds after the file's bytes are let go of, not while the log is read: the
    // state built meanwhile would come on top of them (3.5 MB more at 100,000 events, over
    // the 60 MB budget; BENCHMARKS.md, issue 16 item 5).
    let (mut session, folded) = session_shape(path, without_bom(&bytes), false)?;
    let log_end = layout(&session, &bytes);
    let journal = apply_journal_to(path, (len, || crc32), &mut session)?;
    // The file's bytes are not needed for folding: free them before the state grows.
    drop(bytes);
    let live = finish_session(path, session, folded)?;
    Ok((live, on_disk(file, (len, crc32), log_end, journal)))
}

fn on_disk(
    file: std::fs::File,
    (len, crc32): (u64, u32),
    log_end: Option<(u64, bool)>,
    journal: super::on_disk::JournalState,
) -> OnDisk {
    OnDisk {
        file,
        len,
        crc32,
        log_end,
        journal,
    }
}

/// A samenspel file of either kind, read and validated.
pub enum Document {
    /// A session file, folded.
    Session(Box<Live>),
    /// A scenario file.
    Scenario(Box<Scenario>),
}

/// Reads and validates a scenario or a session file, whichever its `format` says it is
/// (anything else is read as a scenario, whose errors then explain what is missing).
pub fn load_document(path: &Path) -> Result<Document, FileError> {
    // Sessions may be larger than scenarios; the scenario limit is applied below.
    let read = read_session_bytes(path)?;
    let bytes = without_bom(&read);
    if is_session(bytes) {
        return parse_session(path, bytes).map(|live| Document::Session(Box::new(live)));
    }
    if read.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, MAX_FILE_BYTES));
    }
    parse_scenario(path, bytes).map(|s| Document::Scenario(Box::new(s)))
}

/// Whether bytes (without a byte order mark) are a session file by their `format`.
fn is_session(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Format {
        format: Option<serde_json::Value>,
    }
    // samenspel writes "format" first: a look at the start spares a pass over a long log.
    let marker = format!("\"format\": \"{SESSION_FORMAT}\"");
    let start = bytes.get(..bytes.len().min(256)).unwrap_or(bytes);
    start.windows(marker.len()).any(|w| w == marker.as_bytes())
        || serde_json::from_slice::<Format>(bytes)
            .ok()
            .and_then(|f| f.format)
            .is_some_and(|f| f.as_str() == Some(SESSION_FORMAT))
}
