//! The delay from a key on the console to the beamer's frame, on the real binary: a console
//! (`samenspel new succesfactoren`, 120x35) and a beamer (`samenspel beamer <session>`,
//! 80x24), each in its own pseudo-terminal. Each key (↓ then ↑, 500 in all) moves the
//! selection between the first two cards; its time runs from writing the key to the
//! console's terminal until the beamer's screen shows the selection on the other card.
//!
//!     cargo build --release --bin samenspel --example beamer_delay
//!     target/release/examples/beamer_delay target/release/samenspel [keys] [pause]
//!
//! `keys` (default 500) with `pause` ms between them (default 40, a fast typist; 0: each key
//! as soon as the previous one is on the beamer, where the console's at most one line every
//! 16 ms shows). Prints the median, p90, p99 and the slowest. Bounded: 20 s a key at most, one session
//! in a fresh temporary folder.
//!
//!     target/release/examples/beamer_delay target/release/samenspel 500 40 typing
//!
//! `typing`: with the setting on (`"beamer_typing": true`), each key is a letter typed in a
//! new card on the console, timed until the beamer shows the text so far; every 50 letters
//! the card is saved and a new one opened (not timed).
// A measuring tool: a failure should stop it loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::string_slice
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

#[path = "support/terminal.rs"]
mod terminal;

use terminal::start;

fn selected_on(screen: &str, card: &str) -> bool {
    screen.lines().any(|l| l.contains('▶') && l.contains(card))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let bin = std::fs::canonicalize(PathBuf::from(args.next().expect("the samenspel binary")))
        .expect("the samenspel binary");
    let keys: usize = args
        .next()
        .map_or(500, |n| n.parse().expect("a number of keys"));
    let pause = Duration::from_millis(
        args.next()
            .map_or(40, |n| n.parse().expect("a pause between keys in ms")),
    );
    let typing = args.next().is_some_and(|m| m == "typing");
    let home = tempfile::tempdir().unwrap();
    if typing {
        std::fs::write(
            home.path().join("config.json"),
            r#"{"beamer_typing": true}"#,
        )
        .unwrap();
    }
    let mut console = start(&bin, &["new", "succesfactoren"], home.path(), 120, 35);
    console.until("console", |s| s.contains("Stap 1/3"));
    let sessions = home.path().join("sessions");
    let session = std::fs::read_dir(&sessions)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap();
    let beamer = start(
        &bin,
        &["beamer", &session.display().to_string()],
        home.path(),
        80,
        24,
    );
    console.until("the sign", |s| s.contains("beamer: Stap 1/3"));
    beamer.until("the first card selected", |s| selected_on(s, "Een open"));
    let mut times = Vec::with_capacity(keys);
    if typing {
        let letters: Vec<char> = "kaartvandezaal".chars().collect();
        let mut text = String::new();
        for i in 0..keys {
            if i % 50 == 0 {
                if !text.is_empty() {
                    console.send("\r");
                    text.clear();
                }
                console.send("a");
                beamer.until("the box", |s| s.contains("wordt getypt"));
            }
            let c = letters[i % letters.len()];
            text.push(c);
            std::thread::sleep(pause);
            let from = Instant::now();
            console.send(c.to_string());
            let shown = format!("{text}▏");
            beamer.until(&shown, |s| s.contains(&shown));
            times.push(from.elapsed());
        }
        console.send("\r");
    }
    for i in (0..keys).filter(|_| !typing) {
        let (key, card) = if i % 2 == 0 {
            ("\x1b[B", "Begrip")
        } else {
            ("\x1b[A", "Een open")
        };
        std::thread::sleep(pause);
        let from = Instant::now();
        console.send(key);
        beamer.until(card, |s| selected_on(s, card));
        times.push(from.elapsed());
    }
    console.send("q");
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "console 120x35 -> beamer 80x24, {keys} keys ({}), {} ms between keys",
        if typing {
            "letters of a card being typed"
        } else {
            "↓ ↑ on a board"
        },
        pause.as_millis()
    );
    println!("| keys | median | p90 | p99 | slowest |");
    println!("|---|---|---|---|---|");
    println!(
        "| {keys} | {} | {} | {} | {} |",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(*times.last().unwrap())
    );
}
