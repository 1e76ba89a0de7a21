//! The samenspel binary: parse arguments, then hand over to a command or the screens.

mod aggregate;
mod alloc;
mod args;
mod replay;
mod share;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: alloc::Switched = alloc::Switched;

use samenspel::core::Lang;
use samenspel::store::config::{Config, ThemeName, choose_theme, load_config};
use samenspel::store::{FileError, SessionFile};
use samenspel::tui::home::Home;
use samenspel::tui::room::RoomSettings;
use samenspel::tui::session::SessionScreen;
use samenspel::tui::theme::Theme;
use samenspel::tui::{App, Screen};

fn main() {
    let args = args::Cli::parse();
    // A broken settings file never stops a meeting: defaults, and the error said once on
    // standard error (and on screen when a screen opens).
    let (config, config_error) = match load_config() {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e)),
    };
    let (lang, ignored) = args::resolve_lang(args.lang, config.lang);
    if let Some(said) = ignored {
        eprintln!("samenspel: {}", said.get(lang));
    }
    if let Some(e) = &config_error {
        for line in e.lines(lang) {
            eprintln!("samenspel: {}", args::safe(&line));
        }
        eprintln!(
            "samenspel: {}",
            lang.pick(
                "samenspel gaat verder met de standaardinstellingen",
                "samenspel goes on with the default settings"
            )
        );
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme_name = choose_theme(args.theme, no_color, config.theme);
    if no_color && theme_name != ThemeName::Mono {
        // `--theme` asked for colour although NO_COLOR is set: crossterm would drop it.
        crossterm::style::Colored::set_ansi_color_disabled(false);
    }
    let theme = Theme::named(theme_name);
    let room = RoomSettings {
        flag: match &args.command {
            Some(args::Command::New { bind, .. } | args::Command::Open { bind, .. }) => *bind,
            _ => None,
        },
        remembered: config.bind.clone(),
        config: Some(samenspel::store::config::config_path()),
        limits: samenspel::room::Limits::default(),
    };
    // Whether a beamer shows the card being typed: off unless the facilitator said so.
    let typing = samenspel::tui::beamer::TypingSetting {
        on: config.beamer_typing.unwrap_or(false),
        config: Some(samenspel::store::config::config_path()),
    };
    let code = match run(args, lang, theme, config_error, (room, typing)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("samenspel: {}", args::safe(&format!("{e:#}")));
            2
        }
    };
    std::process::exit(code);
}

fn run(
    args: args::Cli,
    lang: Lang,
    theme: Theme,
    config_error: Option<FileError>,
    (room, typing): (RoomSettings, samenspel::tui::beamer::TypingSetting),
) -> anyhow::Result<i32> {
    let clock: samenspel::tui::Clock = Box::new(jiff::Timestamp::now);
    let screen = match args.command {
        None => Screen::Home(Home::load(lang)),
        Some(args::Command::Scenarios) => return Ok(args::list_scenarios(lang)),
        Some(args::Command::Sessions) => return Ok(args::list_sessions(lang)),
        Some(args::Command::Check { files }) => return Ok(args::check(&files, lang)),
        Some(args::Command::Export {
            session,
            format,
            output,
            anonymize,
            split,
            separator,
            compare,
            full,
        }) => {
            let args = share::ExportArgs {
                session,
                format,
                output,
                anonymize,
                split,
                separator,
                compare,
                full,
                lang: args.lang,
            };
            return Ok(share::export_cmd(&args, lang));
        }
        Some(args::Command::Merge {
            sessions,
            output,
            names,
            title,
        }) => {
            return Ok(share::merge_cmd(
                &sessions,
                &output,
                names.as_deref(),
                title,
                lang,
            ));
        }
        Some(args::Command::Schema { which }) => {
            print!("{}", samenspel::report::schema::schema(which));
            return Ok(0);
        }
        Some(args::Command::Aggregate {
            paths,
            output,
            format,
            by,
            min_group,
        }) => {
            let args = aggregate::AggregateArgs {
                paths,
                output,
                format,
                by,
                min_group: min_group as usize,
            };
            return Ok(aggregate::aggregate_cmd(&args, lang));
        }
        Some(args::Command::Compare { old, new }) => {
            return Ok(share::compare_cmd(&old, &new, lang));
        }
        Some(args::Command::Dev(args::DevCommand::Generate {
            scenario,
            events,
            seed,
            output,
            programme,
            cops,
            meetings,
        })) => {
            if programme {
                return args::generate_programme(cops, &meetings, seed, &output);
            }
            return args::generate(&scenario, events, seed, &output);
        }
        Some(args::Command::New {
            scenario,
            title,
            from,
            ..
        }) => {
            samenspel::tui::terminal::ensure_terminal(lang)?;
            let entry = samenspel::store::catalog::find_scenario(&scenario)
                .map_err(|e| anyhow::anyhow!(e.describe(lang)))?;
            if let samenspel::store::catalog::Source::Replaces(file) = &entry.source {
                eprintln!(
                    "samenspel: {}: {}",
                    args::safe(&file.display().to_string()),
                    lang.pick(
                        "dit lokale scenario vervangt het ingebouwde met hetzelfde id",
                        "this local scenario replaces the built-in one with the same id"
                    )
                );
            }
            let ws = match from {
                None => SessionScreen::create(entry.scenario, title, clock(), lang),
                Some(previous) => samenspel::store::series::continue_from(
                    &previous,
                    entry.scenario,
                    title,
                    clock(),
                    lang,
                )
                .and_then(SessionScreen::create_prepared),
            }
            .map_err(|e| anyhow::anyhow!(e.describe(lang)))?;
            Screen::Session(Box::new(ws))
        }
        Some(args::Command::Replay {
            session,
            at,
            print,
            json,
        }) => {
            if print || json {
                return replay::print_at(&session, at.as_deref(), json, lang);
            }
            replay::open(&session, at.as_deref(), lang)?
        }
        Some(args::Command::Follow { session }) => replay::follow(&session, lang)?,
        Some(args::Command::Beamer { session }) => replay::beamer(&session, lang)?,
        Some(args::Command::Open {
            session, read_only, ..
        }) => {
            // A session open elsewhere is refused here, before the terminal is touched.
            let lock = if read_only {
                None
            } else {
                match samenspel::store::lock_for_open(&session) {
                    Ok(lock) => lock,
                    Err(e) => {
                        eprintln!("samenspel: {}", args::safe(&e.message(lang)));
                        let busy = matches!(e, samenspel::store::lock::LockError::Busy { .. });
                        return Ok(if busy { args::EXIT_IN_USE } else { 1 });
                    }
                }
            };
            let opened = if read_only {
                SessionFile::open_read_only(&session)
                    .map(|live| SessionScreen::viewing(live, &session))
            } else {
                SessionFile::open_locked(&session, lock)
                    .map(|(file, live)| SessionScreen::on_file(file, live))
            };
            match opened {
                Ok(ws) => Screen::Session(Box::new(ws)),
                Err(e) => {
                    // The app stays usable: the home screen with the error over it.
                    let mut app = App::new(Screen::Home(Home::load(lang)), lang, clock);
                    app.theme = theme;
                    app.room = room;
                    app.typing = typing;
                    app.show_error(&e);
                    let code = samenspel::tui::run(app)?;
                    return Ok(if code == 0 { 1 } else { code });
                }
            }
        }
    };
    let mut app = App::new(screen, lang, clock);
    app.theme = theme;
    app.room = room;
    app.typing = typing;
    if let Some(e) = &config_error {
        app.show_settings_error(e);
    }
    samenspel::tui::run(app)
}
