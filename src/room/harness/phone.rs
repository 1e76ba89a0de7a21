//! A phone for tests and measurements: plain HTTP/1.1 over a TCP stream (one request per
//! connection), so a test controls every byte it sends, headers and all.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// An answer from the room.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl Answer {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON (null when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// The Dutch message of a refusal.
    pub fn message_nl(&self) -> String {
        self.json()["error"]["nl"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

/// Reads a chunked body's next chunk; none at the end.
fn chunk(reader: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
    if size == 0 {
        return Ok(None);
    }
    let mut data = vec![0u8; size.min(1 << 20)];
    reader.read_exact(&mut data)?;
    let mut crlf = [0u8; 2];
    reader.read_exact(&mut crlf)?;
    Ok(Some(data))
}

fn head(reader: &mut impl BufRead) -> std::io::Result<(u16, Vec<(String, String)>)> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = h.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Ok((status, headers))
}

/// Sends `raw` bytes as they are and reads the answer (10 seconds at most).
pub fn raw(addr: SocketAddr, raw: &[u8]) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(raw)?;
    let mut reader = BufReader::new(stream);
    let (status, headers) = head(&mut reader)?;
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let mut body = Vec::new();
    let bodiless = raw.starts_with(b"HEAD ") || status == 204 || status == 304;
    if bodiless {
    } else if chunked {
        while let Some(c) = chunk(&mut reader)? {
            body.extend(c);
        }
    } else if let Some(n) = length {
        body.resize(n.min(1 << 24), 0);
        reader.read_exact(&mut body)?;
    } else {
        reader.read_to_end(&mut body)?;
    }
    Ok(Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// A request to the room at `addr` with Host `host`.
pub fn request(
    addr: SocketAddr,
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> std::io::Result<Answer> {
    let mut req = format!("{method} {path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n");
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!(
            "content-type: application/json\r\ncontent-length: {}\r\n",
            b.len()
        ));
    }
    req.push_str("\r\n");
    if let Some(b) = body {
        req.push_str(b);
    }
    raw(addr, req.as_bytes())
}

/// The token in a join link (`HTTP://HOST/J/TOKEN`).
pub fn token_of(join_url: &str) -> String {
    join_url.rsplit('/').next().unwrap_or("").to_string()
}

/// A fresh secret as the page makes one: 32 lowercase hex digits.
pub fn fresh_secret() -> String {
    let bytes: [u8; 16] = super::super::secret::random_bytes().unwrap_or([7; 16]);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A phone that joined a room.
#[derive(Clone, Debug)]
pub struct Phone {
    /// Where the room listens.
    pub addr: SocketAddr,
    /// The Host header it sends.
    pub host: String,
    /// Its secret.
    pub secret: String,
    /// The number it got.
    pub device: u32,
    prefix: String,
    sent: u64,
}

impl Phone {
    /// Joins the room at `addr` with its token; the refusal when it may not.
    pub fn join(
        addr: SocketAddr,
        token: &str,
        name: Option<&str>,
        party: Option<&str>,
    ) -> Result<Phone, Answer> {
        let host = super::super::address::host(addr);
        let secret = fresh_secret();
        let prefix: String = fresh_secret().chars().take(12).collect();
        let key = format!("{prefix}-join");
        let body = json!({"key": key, "secret": secret, "name": name, "party": party});
        let auth = format!("Bearer {token}");
        let answer = request(
            addr,
            &host,
            "POST",
            "/api/join",
            &[("authorization", &auth)],
            Some(&body.to_string()),
        )
        .map_err(|e| Answer {
            status: 0,
            headers: Vec::new(),
            body: e.to_string(),
        })?;
        match answer.json()["device"].as_u64() {
            Some(device) if answer.status == 200 => Ok(Phone {
                addr,
                host,
                secret,
                device: device as u32,
                prefix,
                sent: 0,
            }),
            _ => Err(answer),
        }
    }

    /// The same phone talking to a room at another address (after a restart).
    pub fn at(&self, addr: SocketAddr) -> Phone {
        Phone {
            addr,
            host: super::super::address::host(addr),
            ..self.clone()
        }
    }

    /// A fresh idempotency key.
    pub fn key(&mut self) -> String {
        self.sent += 1;
        format!("{}-{}", self.prefix, self.sent)
    }

    /// Sends a submission (its fields without the key) with key `key`.
    pub fn send_keyed(&self, key: &str, mut body: Value) -> Answer {
        body["key"] = Value::from(key);
        let auth = format!("Bearer {}", self.secret);
        request(
            self.addr,
            &self.host,
            "POST",
            "/api/send",
            &[("authorization", &auth)],
            Some(&body.to_string()),
        )
        .unwrap_or_else(|e| Answer {
            status: 0,
            headers: Vec::new(),
            body: e.to_string(),
        })
    }

    /// Sends a submission with a fresh key.
    pub fn send(&mut self, body: Value) -> Answer {
        let key = self.key();
        self.send_keyed(&key, body)
    }

    /// Sends a card.
    pub fn card(&mut self, step: &str, lane: &str, text: &str) -> Answer {
        self.send(json!({"kind": "card", "step": step, "lane": lane, "text": text}))
    }

    /// Places (or takes back) a dot on a card.
    pub fn dot(&mut self, step: &str, card: u32, placed: bool) -> Answer {
        self.send(json!({"kind": "dot", "step": step, "target": {"card": card}, "placed": placed}))
    }

    /// Endorses (or withdraws) an item.
    pub fn endorse(&mut self, step: &str, item: &str, endorsed: bool) -> Answer {
        self.send(json!({"kind": "endorse", "step": step, "item": item, "endorsed": endorsed}))
    }

    /// What this phone may see now.
    pub fn view(&self) -> Value {
        let auth = format!("Bearer {}", self.secret);
        request(
            self.addr,
            &self.host,
            "GET",
            "/api/view",
            &[("authorization", &auth)],
            None,
        )
        .map(|a| a.json())
        .unwrap_or(Value::Null)
    }

    /// Opens this phone's stream of updates.
    pub fn events(&self) -> std::io::Result<Events> {
        Events::open(self.addr, &self.host, &self.secret)
    }
}

/// A phone's stream of server-sent events.
pub struct Events {
    stream: TcpStream,
    /// Bytes read and not yet taken apart into chunks.
    raw: Vec<u8>,
    /// Event text taken out of chunks, not yet returned.
    pending: String,
}

/// Takes the first whole chunk off `raw`: Some(Some(data)), Some(None) at the last chunk,
/// None while it is incomplete.
fn take_chunk(raw: &mut Vec<u8>) -> Option<Option<Vec<u8>>> {
    let line_end = raw.windows(2).position(|w| w == b"\r\n")?;
    let size_text = String::from_utf8_lossy(&raw[..line_end]).trim().to_string();
    let size = usize::from_str_radix(&size_text, 16).unwrap_or(0);
    if size == 0 {
        return Some(None);
    }
    let start = line_end + 2;
    if raw.len() < start + size + 2 {
        return None;
    }
    let data = raw[start..start + size].to_vec();
    raw.drain(..start + size + 2);
    Some(Some(data))
}

impl Events {
    /// Opens the stream of the device with `secret`.
    pub fn open(addr: SocketAddr, host: &str, secret: &str) -> std::io::Result<Events> {
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let mut reader = BufReader::new(stream);
        write!(
            reader.get_mut(),
            "GET /api/events?s={secret} HTTP/1.1\r\nhost: {host}\r\naccept: text/event-stream\r\n\r\n"
        )?;
        let (status, _) = head(&mut reader)?;
        if status != 200 {
            return Err(std::io::Error::other(format!("status {status}")));
        }
        let raw = reader.buffer().to_vec();
        let stream = reader.into_inner();
        stream.set_read_timeout(Some(Duration::from_millis(100)))?;
        Ok(Events {
            stream,
            raw,
            pending: String::new(),
        })
    }

    /// The next event (name, data) within `wait`; none when nothing came (or the stream
    /// ended).
    pub fn next(&mut self, wait: Duration) -> Option<(String, String)> {
        let deadline = Instant::now() + wait;
        loop {
            while let Some(c) = take_chunk(&mut self.raw) {
                match c {
                    Some(data) => self.pending.push_str(&String::from_utf8_lossy(&data)),
                    None => {
                        self.raw.clear();
                        break;
                    }
                }
            }
            if let Some(end) = self.pending.find("\n\n") {
                let block: String = self.pending.drain(..end + 2).collect();
                let mut name = String::from("message");
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(n) = line.strip_prefix("event:") {
                        name = n.trim().to_string();
                    } else if let Some(d) = line.strip_prefix("data:") {
                        data.push_str(d.trim_start());
                    }
                }
                if data.is_empty() && name == "message" {
                    continue; // a keep-alive comment
                }
                return Some((name, data));
            }
            if Instant::now() >= deadline {
                return None;
            }
            let mut buf = [0u8; 8192];
            match self.stream.read(&mut buf) {
                Ok(0) => return None,
                Ok(n) => self.raw.extend_from_slice(&buf[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return None,
            }
        }
    }

    /// Waits (up to `wait`) for a `view` event whose data satisfies `ok`; returns it.
    pub fn until(&mut self, wait: Duration, ok: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            if let Some((name, data)) = self.next(left)
                && name == "view"
            {
                let v: Value = serde_json::from_str(&data).unwrap_or(Value::Null);
                if ok(&v) {
                    return Some(v);
                }
            }
        }
    }
}
