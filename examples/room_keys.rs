//! The facilitator's key-to-frame time while the room is busy, on the real binary in a
//! pseudo-terminal, loopback only: `samenspel new succesfactoren --bind 127.0.0.1:<free>`,
//! `Z`, the QR code read off the screen; 100 phones join (each from its own loopback
//! address, 127.0.0.2 and on, so the per-address join limit of a real room holds as it is)
//! and each sends 10 cards as fast as it can while the facilitator types into a card's field:
//! each key's time runs from writing it to the terminal until the screen shows it. Also the
//! same keys with an idle room, and each card's time from sending to "saved".
//!
//!     cargo build --release --bin samenspel --example room_keys
//!     target/release/examples/room_keys target/release/samenspel [runs, default 5]
//!
//! Prints one table row per run and one of all runs together. Bounded: 1,000 cards, 100 phones, at most a minute a run.
// A measuring tool: a failure should stop it loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::string_slice
)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream};
use std::os::fd::FromRawFd;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use samenspel::room::harness::phone::{fresh_secret, request, token_of};
use serde_json::{Value, json};

#[path = "support/terminal.rs"]
mod terminal;

use terminal::{Run, start};

const PHONES: usize = 100;
const CARDS: usize = 10;
const COLS: u16 = 120;
const ROWS: u16 = 35;

/// Reads the QR code on the screen back to its link.
fn scan(screen: &str) -> Option<String> {
    let rows: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let w = rows.iter().map(Vec::len).max()?;
    let (h, scale) = (rows.len() * 2, 3);
    let mut img = rqrr::PreparedImage::prepare_from_bitmap(w * scale, h * scale, |x, y| {
        let (cx, py) = (x / scale, y / scale);
        match rows[py / 2].get(cx) {
            Some('█') => true,
            Some('▀') => py % 2 == 0,
            Some('▄') => py % 2 == 1,
            _ => false,
        }
    });
    img.detect_grids()
        .iter()
        .find_map(|g| g.decode().ok())
        .map(|(_, s)| s)
}

/// A TCP connection to `to` from the loopback address `from` (a phone of its own).
fn connect_from(from: Ipv4Addr, to: SocketAddr) -> std::io::Result<TcpStream> {
    let sockaddr = |a: SocketAddrV4| libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: a.port().to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from(*a.ip()).to_be(),
        },
        sin_zero: [0; 8],
    };
    let SocketAddr::V4(to) = to else {
        panic!("loopback IPv4 only")
    };
    let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: a fresh socket is bound and connected with addresses that live on the stack
    // for the calls; its descriptor is handed to TcpStream, which closes it.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let stream = TcpStream::from_raw_fd(fd);
        let local = sockaddr(SocketAddrV4::new(from, 0));
        if libc::bind(fd, (&raw const local).cast(), len) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let remote = sockaddr(to);
        if libc::connect(fd, (&raw const remote).cast(), len) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(stream)
    }
}

/// Phone `i` joins from 127.0.0.(2 + i); returns its secret.
fn join(i: usize, room: SocketAddr, token: &str) -> String {
    let from = Ipv4Addr::new(127, 0, 0, 2 + i as u8);
    let secret = fresh_secret();
    let body = json!({"key": format!("phone{i:03}-join"), "secret": secret}).to_string();
    let req = format!(
        "POST /api/join HTTP/1.1\r\nhost: {room}\r\nconnection: close\r\nauthorization: Bearer {token}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = connect_from(from, room).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(req.as_bytes()).unwrap();
    let mut status = String::new();
    BufReader::new(stream).read_line(&mut status).unwrap();
    assert!(
        status.contains(" 200 "),
        "phone {i} could not join: {status}"
    );
    secret
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[(((sorted.len() - 1) as f64) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Types `@` into the open card field and takes it out again, `n` times or until `busy` is
/// false; each key's time until the screen shows it.
fn keys(run: &mut Run, n: usize, busy: Option<&AtomicBool>) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..n {
        if busy.is_some_and(|b| !b.load(Ordering::Relaxed)) {
            break;
        }
        let t = Instant::now();
        run.send("@");
        run.until("the key", |s| s.contains('@'));
        times.push(t.elapsed());
        let t = Instant::now();
        run.send("\x7f");
        run.until("the key's undoing", |s| !s.contains('@'));
        times.push(t.elapsed());
        std::thread::sleep(Duration::from_millis(3));
    }
    times.sort();
    times
}

fn one(bin: &Path) -> (Vec<Duration>, Vec<Duration>, Vec<Duration>, usize, usize) {
    let home = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let args: Vec<String> = [
        "new",
        "succesfactoren",
        "--bind",
        &format!("127.0.0.1:{port}"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut run = start(bin, &args, home.path(), COLS, ROWS);
    run.until("the first step", |s| s.contains("Stap 1/"));
    run.send("Z");
    run.until("a whole QR code", |s| scan(s).is_some());
    let link = scan(&run.screen()).unwrap();
    let room: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let token = token_of(&link);
    let secrets: Vec<String> = (0..PHONES).map(|i| join(i, room, &token)).collect();
    run.until("every phone", |s| {
        s.contains(&format!("{PHONES} telefoons"))
    });
    // The card field, open: what the facilitator types shows at its foot.
    run.send("Z");
    run.until("the board", |s| !s.contains("Scan de QR-code"));
    run.send("a");
    run.until("the card field", |s| s.contains("Nieuwe kaart"));
    let idle = keys(&mut run, 40, None);

    let busy = Arc::new(AtomicBool::new(true));
    let host = room.to_string();
    let phones: Vec<_> = secrets
        .into_iter()
        .enumerate()
        .map(|(p, secret)| {
            let host = host.clone();
            std::thread::spawn(move || {
                let auth = format!("Bearer {secret}");
                let mut waits = Vec::new();
                for c in 0..CARDS {
                    let body = json!({"kind": "card", "key": format!("phone{p:03}-{c:02}"),
                        "step": "helpt-hindert", "lane": "helpt",
                        "text": format!("telefoon {p} kaart {c}")})
                    .to_string();
                    let t = Instant::now();
                    let saved = (0..5).any(|_| {
                        request(
                            room,
                            &host,
                            "POST",
                            "/api/send",
                            &[("authorization", &auth)],
                            Some(&body),
                        )
                        .is_ok_and(|a| a.status == 200)
                    });
                    assert!(saved, "phone {p}: card {c} never saved");
                    waits.push(t.elapsed());
                }
                waits
            })
        })
        .collect();
    let watcher = {
        let busy = busy.clone();
        std::thread::spawn(move || {
            let mut waits: Vec<Duration> =
                phones.into_iter().flat_map(|t| t.join().unwrap()).collect();
            busy.store(false, Ordering::Relaxed);
            waits.sort();
            waits
        })
    };
    let loaded = keys(&mut run, 10_000, Some(&busy));
    let sends = watcher.join().unwrap();
    run.send("\x1b");
    std::thread::sleep(Duration::from_millis(100));
    run.send("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while run.child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let file = std::fs::read_dir(home.path().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let saved: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let texts: Vec<String> = saved["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"]["type"] == "card_proposed")
        .map(|e| e["change"]["text"].as_str().unwrap().to_string())
        .collect();
    let distinct: BTreeSet<&String> = texts.iter().collect();
    let lost = PHONES * CARDS - distinct.len();
    let doubled = texts.len() - distinct.len();
    (idle, loaded, sends, lost, doubled)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bin = PathBuf::from(
        args.get(1)
            .map_or("target/release/samenspel", String::as_str),
    );
    let bin = bin.canonicalize().unwrap_or(bin);
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    println!(
        "{PHONES} phones x {CARDS} cards, real binary at {COLS}x{ROWS}, loopback; {runs} runs"
    );
    println!(
        "| run | key to frame, idle p50 / p99 | while the phones send: p50 | p99 | max | keys | send -> saved p50 / p99 | lost | doubled |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let (mut all_keys, mut all_sends) = (Vec::new(), Vec::new());
    for r in 1..=runs {
        let (idle, loaded, sends, lost, doubled) = one(&bin);
        println!(
            "| {r} | {} / {} | {} | {} | {} | {} | {} / {} | {lost} | {doubled} |",
            ms(percentile(&idle, 0.5)),
            ms(percentile(&idle, 0.99)),
            ms(percentile(&loaded, 0.5)),
            ms(percentile(&loaded, 0.99)),
            ms(*loaded.last().unwrap()),
            loaded.len(),
            ms(percentile(&sends, 0.5)),
            ms(percentile(&sends, 0.99)),
        );
        assert_eq!((lost, doubled), (0, 0));
        all_keys.extend(loaded);
        all_sends.extend(sends);
    }
    all_keys.sort();
    all_sends.sort();
    println!(
        "| all | | {} | {} | {} | {} | {} / {} | 0 | 0 |",
        ms(percentile(&all_keys, 0.5)),
        ms(percentile(&all_keys, 0.99)),
        ms(*all_keys.last().unwrap()),
        all_keys.len(),
        ms(percentile(&all_sends, 0.5)),
        ms(percentile(&all_sends, 0.99)),
    );
}
