//! The writer's own copy of the whole session file as it is saved: an unnamed file beside
//! the session (no one else can open it, and it vanishes with the process), so that
//! writing the session whole (folding the journal in, or a conflict copy) needs neither the
//! log in memory nor the session file itself, which another program may have changed.
//!
//! It holds the file up to where the log ends; the few bytes that close the log and the
//! file are added when it is copied. Adding events writes only them, where the log ends.

use std::fs::File;
use std::io::Write;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::FileExt;

/// What closes a log that holds events, and the file.
pub(super) const TAIL: &[u8] = b"\n  ]\n}\n";
/// What closes an empty log, and the file.
const EMPTY_TAIL: &[u8] = b"[]\n}\n";

/// How much is copied at a time.
const CHUNK: usize = 256 * 1024;

enum Store {
    File(File),
    /// Where no unnamed file can be made: the bytes in memory.
    Memory(Vec<u8>),
}

/// The whole session file, kept up to date by the writer.
pub struct Mirror {
    store: Store,
    /// Where the log ends: the bytes before it are the file up to there.
    end: u64,
    /// Whether the log is still empty (`[]`).
    empty: bool,
}

/// Where the log of a session file's bytes ends, when the file is laid out as samenspel
/// writes it: its head as `head` (everything up to and with `"events": `), then the log,
/// one event per line, and the closing lines. None for any other layout.
pub fn log_end(bytes: &[u8], head: &[u8]) -> Option<(u64, bool)> {
    if !bytes.starts_with(head) {
        return None;
    }
    let rest = bytes.get(head.len()..)?;
    if rest == EMPTY_TAIL {
        return Some((head.len() as u64, true));
    }
    (rest.starts_with(b"[\n") && rest.ends_with(TAIL))
        .then(|| ((bytes.len() - TAIL.len()) as u64, false))
}

impl Mirror {
    fn new(dir: &Path) -> Mirror {
        // An unnamed file in the session's own folder: on the same disk, never in a /tmp
        // that may be memory. Where that cannot be made, memory it is.
        let store = match tempfile::tempfile_in(dir) {
            Ok(f) => Store::File(f),
            Err(_) => Store::Memory(Vec::new()),
        };
        Mirror {
            store,
            end: 0,
            empty: true,
        }
    }

    /// A mirror of a session file's bytes laid out as samenspel writes them; `end` and
    /// `empty` as [`log_end`] found them.
    pub fn of_bytes(
        dir: &Path,
        bytes: &[u8],
        (end, empty): (u64, bool),
    ) -> std::io::Result<Mirror> {
        let mut mirror = Mirror::new(dir);
        let prefix = bytes.get(..end as usize).unwrap_or(bytes);
        mirror.write_at(0, prefix)?;
        mirror.end = end;
        mirror.empty = empty;
        Ok(mirror)
    }

    /// A mirror of the first `end` bytes of an open session file (whose log ends there);
    /// returns it with the CRC-32 of the whole file as read, so the caller can tell that
    /// it is still the file it parsed.
    pub fn of_file(
        dir: &Path,
        file: &File,
        len: u64,
        (end, empty): (u64, bool),
    ) -> std::io::Result<(Mirror, u32)> {
        let mut mirror = Mirror::new(dir);
        let mut crc = crc32fast::Hasher::new();
        let mut buf = vec![0u8; CHUNK];
        let mut at = 0u64;
        while at < len {
            let want = CHUNK.min((len - at) as usize);
            let n = read_at(file, &mut buf[..want], at)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let chunk = &buf[..n];
            crc.update(chunk);
            if at < end {
                let keep = chunk.len().min((end - at) as usize);
                mirror.write_at(at, &chunk[..keep])?;
            }
            at += n as u64;
        }
        mirror.end = end;
        mirror.empty = empty;
        Ok((mirror, crc.finalize()))
    }

    /// The size of the whole file.
    pub fn len(&self) -> u64 {
        self.end + self.tail().len() as u64
    }

    /// Whether the file is empty (it never is: the head is always there).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn tail(&self) -> &'static [u8] {
        if self.empty { EMPTY_TAIL } else { TAIL }
    }

    /// Writes events (their compact JSON) where the log ends, without taking them in yet:
    /// [`Mirror::take`] does that once they are saved. Returns how many bytes to take.
    pub fn stage(&mut self, events: &[Vec<u8>]) -> std::io::Result<u64> {
        let mut bytes = Vec::new();
        for (i, json) in events.iter().enumerate() {
            bytes.extend_from_slice(if self.empty && i == 0 {
                b"[\n    "
            } else {
                b",\n    "
            });
            bytes.extend_from_slice(json);
        }
        self.write_at(self.end, &bytes)?;
        Ok(bytes.len() as u64)
    }

    /// Takes in what [`Mirror::stage`] wrote.
    pub fn take(&mut self, staged: u64) {
        if staged > 0 {
            self.end += staged;
            self.empty = false;
        }
    }

    /// Copies the whole file into `out`; returns its CRC-32.
    pub fn copy_to(&self, out: &mut impl Write) -> std::io::Result<u32> {
        let mut crc = crc32fast::Hasher::new();
        match &self.store {
            Store::Memory(bytes) => {
                let part = bytes.get(..self.end as usize).unwrap_or(bytes);
                crc.update(part);
                out.write_all(part)?;
            }
            Store::File(file) => {
                let mut buf = vec![0u8; CHUNK];
                let mut at = 0u64;
                while at < self.end {
                    let want = CHUNK.min((self.end - at) as usize);
                    let n = read_at(file, &mut buf[..want], at)?;
                    if n == 0 {
                        return Err(std::io::ErrorKind::UnexpectedEof.into());
                    }
                    crc.update(&buf[..n]);
                    out.write_all(&buf[..n])?;
                    at += n as u64;
                }
            }
        }
        crc.update(self.tail());
        out.write_all(self.tail())?;
        Ok(crc.finalize())
    }

    /// The whole file in memory (for tests and small sessions).
    pub fn bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(self.len() as usize);
        self.copy_to(&mut out)?;
        Ok(out)
    }

    fn write_at(&mut self, at: u64, bytes: &[u8]) -> std::io::Result<()> {
        match &mut self.store {
            Store::Memory(v) => {
                let at = at as usize;
                v.truncate(at);
                v.resize(at, 0);
                v.extend_from_slice(bytes);
                Ok(())
            }
            Store::File(f) => write_all_at(f, bytes, at),
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    loop {
        match file.read_at(buf, at) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

#[cfg(unix)]
fn write_all_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    file.write_all_at(bytes, at)
}

#[cfg(not(unix))]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(at))?;
    f.read(buf)
}

#[cfg(not(unix))]
fn write_all_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut f = file;
    f.seek(SeekFrom::Start(at))?;
    f.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mirror_is_the_file_as_samenspel_writes_it_at_every_step() {
        let dir = tempfile::tempdir().unwrap();
        let head = b"{\n  \"format\": \"x\",\n  \"events\": ".to_vec();
        let mut empty = head.clone();
        empty.extend_from_slice(EMPTY_TAIL);
        let found = log_end(&empty, &head).unwrap();
        let mut m = Mirror::of_bytes(dir.path(), &empty, found).unwrap();
        assert_eq!(m.bytes().unwrap(), empty);
        let staged = m.stage(&[b"{\"a\":1}".to_vec()]).unwrap();
        // Not taken in yet: the file is as it was.
        assert_eq!(m.bytes().unwrap(), empty);
        m.take(staged);
        let staged = m
            .stage(&[b"{\"a\":2}".to_vec(), b"{\"a\":3}".to_vec()])
            .unwrap();
        m.take(staged);
        let text = String::from_utf8(m.bytes().unwrap()).unwrap();
        assert_eq!(
            text,
            "{\n  \"format\": \"x\",\n  \"events\": [\n    {\"a\":1},\n    {\"a\":2},\n    {\"a\":3}\n  ]\n}\n"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["events"].as_array().unwrap().len(), 3);
        // Read back from a file, the same.
        let path = dir.path().join("s.json");
        std::fs::write(&path, &text).unwrap();
        let file = File::open(&path).unwrap();
        let found = log_end(text.as_bytes(), &head).unwrap();
        let (again, crc) = Mirror::of_file(dir.path(), &file, text.len() as u64, found).unwrap();
        assert_eq!(crc, crc32fast::hash(text.as_bytes()));
        assert_eq!(again.bytes().unwrap(), text.as_bytes());
        assert_eq!(m.len(), text.len() as u64);
        // Another layout is not taken for ours.
        assert_eq!(log_end(b"{\"events\": [1]}", &head), None);
    }
}
