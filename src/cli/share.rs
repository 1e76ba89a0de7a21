//! The commands that share outcomes: export, merge, compare (and schema). Wiring only:
//! the work is done by `samenspel::export`; files are read and written through the store.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use samenspel::core::transform::merge::{Group, merge};
use samenspel::core::{Lang, Live};
use samenspel::report::{Comparison, Format, Options, Outcome, export};
use samenspel::store::atomic::write_atomic;
use samenspel::store::load_session;

use crate::args::safe;

/// What `samenspel export` was asked.
pub struct ExportArgs {
    /// The session file.
    pub session: PathBuf,
    /// The format.
    pub format: Format,
    /// Where to write; stdout when absent (next to the session for `--split`).
    pub output: Option<PathBuf>,
    /// Replace names.
    pub anonymize: bool,
    /// One CSV file per kind.
    pub split: bool,
    /// An earlier session to compare with.
    pub compare: Option<PathBuf>,
}

/// Parses the schema name of `samenspel schema`.
pub fn parse_schema(s: &str) -> Result<samenspel::report::schema::Which, String> {
    samenspel::report::schema::Which::parse(s)
        .ok_or_else(|| format!("'{s}' is not a schema; use session, outcome or scenario"))
}

/// Parses `--format`.
pub fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s)
        .ok_or_else(|| format!("'{s}' is not an export format; use md, html, csv, json or session"))
}

fn load(path: &Path, lang: Lang) -> Result<Live, i32> {
    load_session(path).map_err(|e| {
        for line in e.lines(lang) {
            eprintln!("{}", safe(&line));
        }
        1
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn write(path: &Path, bytes: &[u8], lang: Lang) -> Result<(), i32> {
    write_atomic(path, bytes).map_err(|e| {
        eprintln!(
            "{}: {}: {e}",
            path.display(),
            lang.pick("kan niet schrijven", "cannot write")
        );
        1
    })
}

fn refuse_overwrite(output: &Path, inputs: &[&PathBuf], lang: Lang) -> Result<(), i32> {
    if inputs.iter().any(|i| same_file(output, i)) {
        eprintln!(
            "{}: {}",
            output.display(),
            lang.pick(
                "dit is een invoerbestand; kies een andere naam met -o",
                "this is an input file; choose another name with -o"
            )
        );
        return Err(1);
    }
    Ok(())
}

/// `samenspel export`.
pub fn export_cmd(args: &ExportArgs, lang: Lang) -> i32 {
    run(|| {
        let live = load(&args.session, lang)?;
        let mut opts = Options::new(lang);
        opts.anonymize = args.anonymize;
        opts.split = args.split;
        opts.tz = TimeZone::system();
        if let Some(old_path) = &args.compare {
            let old = load(old_path, lang)?;
            opts.compare = Some(compare(&old, &live, lang, args.anonymize)?);
        }
        let files = export(&live, args.format, &opts);
        let base = match (&args.output, args.split) {
            (None, false) => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                for f in &files {
                    out.write_all(&f.bytes).map_err(|_| 1)?;
                }
                return Ok(());
            }
            (Some(o), false) => {
                refuse_overwrite(o, &[&args.session], lang)?;
                return write(
                    o,
                    &files.first().map(|f| f.bytes.clone()).unwrap_or_default(),
                    lang,
                )
                .map(|()| println!("{}", o.display()));
            }
            (Some(o), true) => o.with_extension(""),
            (None, true) => args.session.with_extension(""),
        };
        for f in &files {
            let mut name = base.clone().into_os_string();
            name.push(format!("{}.{}", f.suffix, args.format.extension()));
            let path = PathBuf::from(name);
            refuse_overwrite(&path, &[&args.session], lang)?;
            write(&path, &f.bytes, lang)?;
            println!("{}", path.display());
        }
        Ok(())
    })
}

fn compare(old: &Live, new: &Live, lang: Lang, anonymize: bool) -> Result<Comparison, i32> {
    let a = Outcome::build(&old.session, &old.state, lang, anonymize);
    let b = Outcome::build(&new.session, &new.state, lang, anonymize);
    let changed = old.session.scenario != new.session.scenario;
    Comparison::between(&a, &b, changed).map_err(|e| {
        eprintln!(
            "{}",
            safe(&match lang {
                Lang::Nl => format!(
                    "de sessies liepen verschillende scenario's ('{}' en '{}'); vergelijk bijeenkomsten van hetzelfde scenario",
                    e.old, e.new
                ),
                Lang::En => format!(
                    "{e}; compare meetings of the same scenario"
                ),
            })
        );
        1
    })
}

/// `samenspel compare`.
pub fn compare_cmd(old: &Path, new: &Path, lang: Lang) -> i32 {
    run(|| {
        let a = load(old, lang)?;
        let b = load(new, lang)?;
        let cmp = compare(&a, &b, lang, false)?;
        print!("{}", cmp.to_text(&TimeZone::system(), lang));
        Ok(())
    })
}

/// `samenspel merge`.
pub fn merge_cmd(
    inputs: &[PathBuf],
    output: &Path,
    names: Option<&str>,
    title: Option<String>,
    lang: Lang,
) -> i32 {
    run(|| {
        let lives = inputs
            .iter()
            .map(|p| load(p, lang))
            .collect::<Result<Vec<Live>, i32>>()?;
        let names: Vec<String> = match names {
            Some(list) => {
                let names: Vec<String> = list.split(',').map(|n| n.trim().to_string()).collect();
                if names.len() != inputs.len() {
                    eprintln!(
                        "{}",
                        match lang {
                            Lang::Nl => format!(
                                "--names noemt {} namen voor {} sessies; geef één naam per sessie, met komma's",
                                names.len(),
                                inputs.len()
                            ),
                            Lang::En => format!(
                                "--names gives {} names for {} sessions; give one name per session, separated by commas",
                                names.len(),
                                inputs.len()
                            ),
                        }
                    );
                    return Err(1);
                }
                names
            }
            None => lives.iter().map(|l| l.session.title.clone()).collect(),
        };
        let groups: Vec<Group<'_>> = lives
            .iter()
            .zip(names)
            .map(|(live, name)| Group { name, live })
            .collect();
        let merged = merge(&groups, title, lang).map_err(|e| {
            eprintln!("{}", safe(&e.message(lang)));
            1
        })?;
        let inputs_ref: Vec<&PathBuf> = inputs.iter().collect();
        refuse_overwrite(output, &inputs_ref, lang)?;
        for i in &merged.duplicates {
            eprintln!(
                "{}: {}",
                inputs[*i].display(),
                lang.pick(
                    "dezelfde sessie onder dezelfde naam als een eerdere invoer; één keer meegenomen",
                    "the same session under the same name as an earlier input; merged once"
                )
            );
        }
        for d in &merged.dropped {
            eprintln!(
                "{}: {}",
                lang.pick("niet overgenomen", "not carried over"),
                safe(d)
            );
        }
        // Never write an empty file if the merged session cannot be serialized.
        let bytes = samenspel::store::writer::try_session_json(&merged.session).map_err(|e| {
            eprintln!("samenspel: {e}");
            2
        })?;
        write(output, &bytes, lang)?;
        println!(
            "{} {} ({}) → {}",
            lang.pick("samengevoegd:", "merged:"),
            merged.groups.len(),
            safe(&merged.groups.join(", ")),
            output.display()
        );
        Ok(())
    })
}

fn run(f: impl FnOnce() -> Result<(), i32>) -> i32 {
    match f() {
        Ok(()) => 0,
        Err(code) => code,
    }
}
