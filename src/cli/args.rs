//! The command line: arguments, and the commands that need no screen.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use samenspel::core::Lang;
use samenspel::room::Bind;
use samenspel::store::FileError;
use samenspel::store::catalog::{self, Source};
use samenspel::store::config::ThemeName;
use samenspel::store::load::{Document, load_document};

/// Exit code of `samenspel open` when the session is open in another samenspel.
pub const EXIT_IN_USE: i32 = 3;

/// samenspel: run Community of Practice exercises on a beamer, capture what the room says.
#[derive(Debug, Parser)]
#[command(
    name = "samenspel",
    version,
    about,
    after_help = "Settings: <data>/config.json, e.g. { \"theme\": \"dark\", \"lang\": \"en\" } \
                  (<data> is $SAMENSPEL_HOME, else ~/.local/share/samenspel on Linux)."
)]
pub struct Cli {
    /// Interface language: nl or en. Else SAMENSPEL_LANG, else "lang" in config.json, else
    /// an nl* or en* locale (LC_ALL, LC_MESSAGES, LANG), else Dutch. Reports are in the
    /// session's language unless this is given.
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Colours: light (default, for beamers), dark, or mono (no colour). Else NO_COLOR
    /// (mono), else "theme" in config.json, else light.
    #[arg(long, global = true, value_parser = parse_theme)]
    pub theme: Option<ThemeName>,
    /// What to do; without a command the home screen opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session of a scenario (built-in id, local id, or a file).
    New {
        /// Scenario id (e.g. zwolse-komedie) or path to a scenario file.
        scenario: String,
        /// The meeting's title (default: the scenario's title).
        #[arg(long)]
        title: Option<String>,
        /// Continue a series: start with a review of this earlier session's agreements.
        #[arg(long, value_name = "PREVIOUS_SESSION")]
        from: Option<PathBuf>,
        /// Where the room listens once it is opened (Z): ADDR or ADDR:PORT; 127.0.0.1 is
        /// this laptop only. Else "bind" in config.json, else the facilitator chooses.
        #[arg(long, value_name = "ADDR[:PORT]", value_parser = parse_bind)]
        bind: Option<Bind>,
    },
    /// Reopen a saved session where it was left.
    Open {
        /// The session file.
        session: PathBuf,
        /// Open without changing the file.
        #[arg(long)]
        read_only: bool,
        /// Where the room listens once it is opened (Z): ADDR or ADDR:PORT; 127.0.0.1 is
        /// this laptop only. Else "bind" in config.json, else the facilitator chooses.
        #[arg(long, value_name = "ADDR[:PORT]", value_parser = parse_bind, conflicts_with = "read_only")]
        bind: Option<Bind>,
    },
    /// Play a saved session back, read-only, or print its state at one point and exit.
    Replay {
        /// The session file.
        session: PathBuf,
        /// Where: a number of changes, HH:MM (local clock time), +H:MM (meeting time),
        /// an RFC 3339 time, or a step id (right before that step was left).
        #[arg(long)]
        at: Option<String>,
        /// Print the state as plain text and exit.
        #[arg(long, conflicts_with = "json")]
        print: bool,
        /// Print the state as JSON and exit.
        #[arg(long)]
        json: bool,
    },
    /// Follow a session another samenspel is editing: a clean read-only second screen.
    Follow {
        /// The session file.
        session: PathBuf,
    },
    /// The room's screen of a session open in another samenspel (the console): what the
    /// console shows the room, live, at this terminal's size; never notes, inbox or names.
    Beamer {
        /// The session file.
        session: PathBuf,
    },
    /// List built-in and local scenarios.
    Scenarios,
    /// List saved sessions.
    Sessions,
    /// Validate scenario and session files; exit 1 when any has a problem.
    Check {
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a session: a report (md, html), the handout (pdf), data (csv, json, xlsx), a
    /// calendar of the actions (ics), images (svg) or a copy to share (session).
    Export {
        /// The session file.
        session: PathBuf,
        /// md, html, csv, json (the outcome), session (a copy of the file), pdf (the one-page
        /// handout; --full for the whole report), xlsx (a workbook), ics (the dated actions
        /// as calendar events) or svg (an image per matrix and vote step).
        #[arg(long, default_value = "md", value_parser = crate::share::parse_format)]
        format: samenspel::report::Format,
        /// The file to write (default: standard output; for pdf, xlsx, ics and with --split:
        /// beside the session); for svg a folder.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace participants' names by "Deelnemer 1", "Deelnemer 2", ...
        #[arg(long)]
        anonymize: bool,
        /// CSV: one file per kind (participants, cards, cells, votes, ...).
        #[arg(long)]
        split: bool,
        /// CSV: the field separator, ',' (default) or ';' (for Excel with a Dutch locale).
        #[arg(long, value_parser = crate::share::parse_separator)]
        separator: Option<u8>,
        /// Add a comparison with an earlier meeting of the same scenario (md, html).
        #[arg(long, value_name = "OLD_SESSION")]
        compare: Option<PathBuf>,
        /// PDF: the whole report instead of the one-page handout.
        #[arg(long)]
        full: bool,
    },
    /// Merge the sessions of breakout groups that ran the same scenario into one.
    Merge {
        /// The groups' session files.
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
        /// The merged session file to write.
        #[arg(short, long, required = true)]
        output: PathBuf,
        /// The groups' names, comma-separated, one per session (default: their titles).
        #[arg(long)]
        names: Option<String>,
        /// The merged session's title.
        #[arg(long)]
        title: Option<String>,
    },
    /// Print the JSON Schema of a file format: session, outcome, scenario or aggregate.
    Schema {
        /// session, outcome, scenario or aggregate.
        #[arg(value_parser = crate::share::parse_schema)]
        which: samenspel::report::schema::Which,
    },
    /// Compare two meetings of the same scenario: new and gone cards, moved matrix cells,
    /// and what became of last time's actions.
    Compare {
        /// The earlier session.
        old: PathBuf,
        /// The later session.
        new: PathBuf,
    },
    /// Read many sessions together (files, or folders searched for .json files) into one
    /// anonymous programme report: cards that come back, how matrix cells spread, what
    /// ends on top of votes, what became of the commitments, and each series in order.
    Aggregate {
        /// Session files and folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the report (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// md, html, csv, json, xlsx or pdf (xlsx and pdf need -o or a redirect).
        #[arg(long, default_value = "md", value_parser = crate::aggregate::parse_format)]
        format: crate::aggregate::AggregateFormat,
        /// scenario, series or party: what the report groups by first.
        #[arg(long, default_value = "scenario", value_parser = crate::aggregate::parse_by)]
        by: samenspel::report::aggregate::By,
        /// The fewest sessions a party or series must cover to get its own figures.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
        min_group: u32,
    },
    /// Tools for developers (benchmarks, tests).
    #[command(hide = true, subcommand)]
    Dev(DevCommand),
}

/// Developer tools.
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Write a realistic large session, the same for the same seed.
    Generate {
        /// Built-in scenario id.
        #[arg(long, default_value = "stakeholder-doelen")]
        scenario: String,
        /// Number of events.
        #[arg(long, default_value_t = 10_000)]
        events: usize,
        /// Seed of the random choices.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the session file (with --programme: the folder).
        #[arg(short, long)]
        output: PathBuf,
        /// Write a programme instead: CoPs that each hold a series of meetings (carried
        /// commitments, drifting ratings), one file per meeting, linked by `previous`.
        #[arg(long)]
        programme: bool,
        /// With --programme: how many CoPs.
        #[arg(long, default_value_t = 3)]
        cops: usize,
        /// With --programme: meetings per CoP, one number for all or one per CoP ("4,3,3").
        #[arg(long, value_delimiter = ',', default_value = "3")]
        meetings: Vec<usize>,
    },
}

/// `samenspel dev generate`.
pub fn generate(scenario: &str, events: usize, seed: u64, output: &Path) -> anyhow::Result<i32> {
    let scenario = samenspel::store::builtin::builtin(scenario)
        .ok_or_else(|| anyhow::anyhow!("no built-in scenario '{scenario}'"))?
        .map_err(|e| anyhow::anyhow!(e.describe(Lang::En)))?;
    let session = samenspel::core::generate::session(scenario, events, seed);
    let bytes = samenspel::store::try_session_json(&session)?;
    let max = samenspel::store::load::MAX_SESSION_BYTES;
    if bytes.len() as u64 > max {
        // A file samenspel would refuse to open is no test of it: say so, write nothing.
        let fits = (session.events.len() as u128 * u128::from(max) / bytes.len() as u128) as u64;
        anyhow::bail!(
            "{} events make a session file of {} MB, more than the {} MiB samenspel opens; \
             not written (about {fits} events of this scenario fit; see BENCHMARKS.md)",
            session.events.len(),
            bytes.len() / 1_000_000,
            max / (1024 * 1024),
        );
    }
    samenspel::store::atomic::write_atomic(output, &bytes)?;
    println!("{}: {} events", output.display(), session.events.len());
    Ok(0)
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    match s {
        "nl" => Ok(Lang::Nl),
        "en" => Ok(Lang::En),
        other => Err(format!(
            "'{other}' is not a language samenspel speaks; use nl or en"
        )),
    }
}

fn parse_bind(s: &str) -> Result<Bind, String> {
    Bind::parse(s).map_err(|e| e.to_string())
}

fn parse_theme(s: &str) -> Result<ThemeName, String> {
    ThemeName::parse(s).ok_or_else(|| format!("'{s}' is not a theme; use light, dark or mono"))
}

/// The interface language (see [`samenspel::store::config::choose_lang`]) and, when
/// `SAMENSPEL_LANG` names no language samenspel speaks, a line that says it was ignored.
pub fn resolve_lang(
    flag: Option<Lang>,
    config: Option<Lang>,
) -> (Lang, Option<samenspel::core::Text>) {
    let var = std::env::var("SAMENSPEL_LANG").ok();
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty());
    samenspel::store::config::choose_lang(flag, var.as_deref(), config, locale.as_deref())
}

/// `samenspel scenarios`.
pub fn list_scenarios(lang: Lang) -> i32 {
    let (entries, errors) = catalog::scenarios();
    let width = entries
        .iter()
        .map(|e| e.scenario.id.len())
        .max()
        .unwrap_or(10);
    for e in &entries {
        let source = match &e.source {
            Source::Builtin => lang.pick("ingebouwd", "built-in").to_string(),
            Source::File(p) => safe(&p.display().to_string()),
            Source::Replaces(p) => format!(
                "{}, {}",
                safe(&p.display().to_string()),
                lang.pick("vervangt het ingebouwde", "replaces the built-in")
            ),
        };
        println!(
            "{:width$}  {}  ({} {}, {source})",
            e.scenario.id,
            safe(e.scenario.title.get(lang)),
            e.scenario.steps.len(),
            lang.pick("stappen", "steps"),
        );
    }
    for e in &errors {
        for line in e.lines(lang) {
            eprintln!("{}", safe(&line));
        }
    }
    0
}

/// `samenspel sessions`.
pub fn list_sessions(lang: Lang) -> i32 {
    let list = catalog::sessions();
    if list.is_empty() {
        println!(
            "{} {}",
            lang.pick("Nog geen sessies in", "No sessions yet in"),
            safe(
                &samenspel::store::paths::sessions_dir()
                    .display()
                    .to_string()
            )
        );
    }
    for s in list {
        println!(
            "{}  {}  {}  {}",
            s.created.strftime("%Y-%m-%d %H:%M"),
            safe(&s.title),
            safe(&s.scenario),
            safe(&s.path.display().to_string())
        );
    }
    0
}

/// `samenspel check`: every file, every problem; 0 when all are valid.
pub fn check(files: &[PathBuf], lang: Lang) -> i32 {
    let mut bad = 0;
    for file in files {
        match check_one(file) {
            Ok(kind) => println!(
                "{}: {} ({kind})",
                safe(&file.display().to_string()),
                lang.pick("in orde", "valid")
            ),
            Err(e) => {
                bad += 1;
                for line in e.lines(lang) {
                    println!("{}", safe(&line));
                }
            }
        }
        for line in conflict_lines(file, lang)
            .into_iter()
            .chain(journal_line(file, lang))
        {
            println!("{}", safe(&line));
        }
    }
    i32::from(bad > 0)
}

/// What `check` says of a journal beside a session file that holds changes.
fn journal_line(file: &Path, lang: Lang) -> Option<String> {
    use samenspel::store::journal::journal_path;
    let journal = journal_path(file);
    if !journal.exists() {
        return None;
    }
    let bytes = samenspel::store::load::read_session_bytes(file).ok()?;
    let n = samenspel::store::on_disk::journal_events(file, &bytes);
    (n > 0).then(|| {
        let (name, journal) = (file.display(), journal.display());
        match lang {
            Lang::Nl => format!(
                "{name}: {n} wijziging(en) staan nog in het journaal {journal} (de sessie is open, of samenspel stopte voor het sluiten); ze zijn hierboven meegeteld en komen in het bestand zodra samenspel de sessie sluit"
            ),
            Lang::En => format!(
                "{name}: {n} change(s) are still in the journal {journal} (the session is open, or samenspel stopped before closing it); they were checked above and go into the file once samenspel closes the session"
            ),
        }
    })
}

/// What `check` says of conflict copies: beside a session file, or when it is one.
fn conflict_lines(file: &Path, lang: Lang) -> Vec<String> {
    use samenspel::store::conflict::{copies_of, original_of};
    let name = file.display();
    if let Some(original) = original_of(file) {
        let original = original.display();
        return vec![match lang {
            Lang::Nl => format!(
                "{name}: is een conflictkopie van {original}: wat de zaal deed terwijl dat bestand elders werd gewijzigd"
            ),
            Lang::En => format!(
                "{name}: is a conflict copy of {original}: what the room did while that file was changed elsewhere"
            ),
        }];
    }
    copies_of(file)
        .iter()
        .map(|copy| {
            let copy = copy.display();
            match lang {
                Lang::Nl => format!("{name}: is elders gewijzigd terwijl de sessie open was; de sessie zoals de zaal hem maakte staat in {copy}; vergelijk ze met `samenspel compare {name} {copy}`"),
                Lang::En => format!("{name}: was changed elsewhere while the session was open; the session as the room made it is in {copy}; compare them with `samenspel compare {name} {copy}`"),
            }
        })
        .collect()
}

fn check_one(file: &Path) -> Result<&'static str, FileError> {
    Ok(match load_document(file)? {
        Document::Session(live) => {
            // The process ends right after: let the OS take the folded log back rather
            // than freeing 100,000 events one by one.
            std::mem::forget(live);
            "session"
        }
        Document::Scenario(_) => "scenario",
    })
}

/// Text from files, safe to print to a terminal.
pub fn safe(s: &str) -> String {
    samenspel::tui::text::clean(s).into_owned()
}

/// The exercises the CoPs of a generated programme run, in turn.
const PROGRAMME_SCENARIOS: [&str; 3] =
    ["stakeholder-doelen", "stappenplan-check", "zwolse-komedie"];

/// `samenspel dev generate --programme`: `cops` CoPs, each a series of meetings six weeks
/// apart, written as `cop-<n>-bijeenkomst-<m>.json` in `folder`, the same for the same seed.
pub fn generate_programme(
    cops: usize,
    meetings: &[usize],
    seed: u64,
    folder: &Path,
) -> anyhow::Result<i32> {
    use samenspel::core::session::Origin;
    std::fs::create_dir_all(folder)?;
    let start = jiff::Timestamp::from_second(1_768_204_800)?; // Mon 12 Jan 2026, 08:00 UTC
    let mut written = 0;
    for cop in 0..cops.min(1_000) {
        let id = PROGRAMME_SCENARIOS[cop % PROGRAMME_SCENARIOS.len()];
        let scenario = samenspel::store::builtin::builtin(id)
            .ok_or_else(|| anyhow::anyhow!("no built-in scenario '{id}'"))?
            .map_err(|e| anyhow::anyhow!(e.describe(Lang::En)))?;
        let count = meetings
            .get(cop)
            .or(meetings.last())
            .copied()
            .unwrap_or(3)
            .min(100);
        let mut previous: Option<(samenspel::core::Session, String, Vec<u8>)> = None;
        for m in 0..count {
            let created = start.checked_add(jiff::SignedDuration::from_hours(
                (cop as i64) * 24 + (m as i64) * 6 * 7 * 24,
            ))?;
            let title = format!("CoP {} · bijeenkomst {}", cop + 1, m + 1);
            let base = match &previous {
                None => samenspel::core::Session::new(
                    std::sync::Arc::new(scenario.clone()),
                    title,
                    created,
                    Lang::Nl,
                ),
                Some((session, file, bytes)) => {
                    let state = session
                        .state()
                        .map_err(|p| anyhow::anyhow!(p.message(Lang::En).to_string()))?;
                    let origin = Origin {
                        file: file.clone(),
                        sha256: samenspel::store::series::sha256_hex(bytes),
                        title: session.title.clone(),
                        created: session.created,
                    };
                    samenspel::core::series::continue_series(
                        scenario.clone(),
                        session,
                        &state,
                        origin,
                        title,
                        created,
                        Lang::Nl,
                    )
                }
            };
            let session = samenspel::core::programme::meeting(base, cop, m, seed);
            let bytes = samenspel::store::try_session_json(&session)?;
            let file = format!("cop-{}-bijeenkomst-{}.json", cop + 1, m + 1);
            samenspel::store::atomic::write_atomic(&folder.join(&file), &bytes)?;
            written += 1;
            previous = Some((session, file, bytes));
        }
    }
    println!("{}: {written} sessions", folder.display());
    Ok(0)
}
