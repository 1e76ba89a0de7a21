//! `samenspel replay` and `samenspel follow`: wiring from the command line to the screens,
//! and the headless `--print` / `--json` of the state at one point.

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;

use samenspel::core::outline::Outline;
use samenspel::core::position::Position;
use samenspel::core::{Lang, Problem};
use samenspel::store::{FileError, load_session};
use samenspel::tui::Screen;
use samenspel::tui::follow::Follow;
use samenspel::tui::replay::Replay;

use crate::args::safe;

fn position_error(path: &Path, p: Problem, lang: Lang) -> anyhow::Error {
    anyhow!(FileError::one(path, p).describe(lang))
}

/// Prints the state at `at` (the end when absent) as text or JSON; exit code 0.
pub fn print_at(path: &Path, at: Option<&str>, json: bool, lang: Lang) -> anyhow::Result<i32> {
    let live = load_session(path).map_err(|e| anyhow!(e.describe(lang)))?;
    let session = &live.session;
    // Clock times are the meeting's, in the zone it was held in.
    let tz = samenspel::store::zone::named(samenspel::store::zone::zone_name(session));
    let n = match at {
        Some(at) => {
            let found = Position::parse(at)
                .locate(session, &tz)
                .map_err(|p| position_error(path, p, lang))?;
            if found.past_end {
                eprintln!("samenspel: {}", past_end(at, session, lang));
            }
            found.at
        }
        None => session.events.len(),
    };
    let state = if n == session.events.len() {
        live.state.clone()
    } else {
        session
            .state_at(n)
            .map_err(|p| position_error(path, p, lang))?
    };
    let outline = Outline::of(session, &state, lang);
    let mut text = String::new();
    if json {
        text = serde_json::to_string_pretty(&outline)?;
        text.push('\n');
    } else {
        let when = match outline.at {
            Some(at) => format!(
                "{} ({} {})",
                at.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M:%S %Z"),
                samenspel::tui::replay::elapsed(session.created, at),
                lang.pick("na de start", "after the start"),
            ),
            None => lang.pick("bij de start", "at the start").to_string(),
        };
        text.push_str(&format!("{} · {when}\n\n", safe(&outline.heading(lang))));
        for line in outline.lines(&state, lang) {
            text.push_str(&safe(&line));
            text.push('\n');
        }
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}

/// The one rule for a position past the end, said: "--at 99 is past the end of the
/// session (57 changes, the last 1:45:00 after the start); shown: the end".
fn past_end(at: &str, session: &samenspel::core::Session, lang: Lang) -> String {
    let n = session.events.len();
    let last = session.events.last().map_or(session.created, |e| e.at);
    let elapsed = samenspel::tui::replay::elapsed(session.created, last);
    match lang {
        Lang::Nl => format!(
            "--at {} ligt na het einde van de sessie ({n} wijzigingen, de laatste {elapsed} na de start); getoond: het einde",
            safe(at)
        ),
        Lang::En => format!(
            "--at {} is past the end of the session ({n} changes, the last {elapsed} after the start); shown: the end",
            safe(at)
        ),
    }
}

/// The replay screen, at `at` when given.
pub fn open(path: &Path, at: Option<&str>, lang: Lang) -> anyhow::Result<Screen> {
    let mut replay = Replay::open(path, lang).map_err(|e| anyhow!(e.describe(lang)))?;
    // Clock times on the replay screen are the meeting's, as with `--print`.
    replay.tz = samenspel::store::zone::named(samenspel::store::zone::zone_name(replay.session()));
    if let Some(at) = at {
        let n = Position::parse(at)
            .resolve(replay.session(), &replay.tz)
            .map_err(|p| position_error(path, p, lang))?;
        replay.seek(n);
    }
    Ok(Screen::Replay(Box::new(replay)))
}

/// The beamer screen: a followed session shown as its console shows it to the room.
pub fn beamer(path: &Path, lang: Lang) -> anyhow::Result<Screen> {
    let follow = Follow::beamer(path, lang).map_err(|e| anyhow!(e.describe(lang)))?;
    Ok(Screen::Follow(Box::new(follow)))
}

/// The follow screen.
pub fn follow(path: &Path, lang: Lang) -> anyhow::Result<Screen> {
    let follow = Follow::open(path, lang).map_err(|e| anyhow!(e.describe(lang)))?;
    Ok(Screen::Follow(Box::new(follow)))
}
