//! The commands that share outcomes: export, merge, compare (and schema). Wiring only:
//! the work is done by `samenspel::report`; files are read and written through the store.

use std::path::{Path, PathBuf};

use samenspel::core::transform::merge::{Group, merge};
use samenspel::core::{Lang, Live};
use samenspel::report::{Comparison, Format, Options, export};
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
    /// The CSV separator, when given.
    pub separator: Option<u8>,
    /// An earlier session to compare with.
    pub compare: Option<PathBuf>,
    /// PDF: the full report.
    pub full: bool,
    /// The report's language when `--lang` was given; else the session's.
    pub lang: Option<Lang>,
}

/// Parses the schema name of `samenspel schema`.
pub fn parse_schema(s: &str) -> Result<samenspel::report::schema::Which, String> {
    samenspel::report::schema::Which::parse(s).ok_or_else(|| {
        format!("'{s}' is not a schema; use session, outcome, scenario or aggregate")
    })
}

/// Parses `--format`.
pub fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        format!(
            "'{s}' is not an export format; use md, html, csv, json, session, pdf, xlsx, ics or svg"
        )
    })
}

/// Parses `--separator`: `,` or `;` (also written `comma`, `semicolon`).
pub fn parse_separator(s: &str) -> Result<u8, String> {
    match s.trim() {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        other => Err(format!(
            "'{other}' is not a separator; use ',' (the default) or ';' (for Excel with a Dutch locale)"
        )),
    }
}

/// An error line on standard error, as every samenspel command writes them.
fn say(message: &str) {
    eprintln!("samenspel: {}", safe(message));
}

fn load(path: &Path, lang: Lang) -> Result<Live, i32> {
    load_session(path).map_err(|e| {
        for line in e.lines(lang) {
            say(&line);
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
        say(&format!(
            "{}: {}: {e}",
            path.display(),
            lang.pick("kan niet schrijven", "cannot write")
        ));
        1
    })
}

fn refuse_overwrite(output: &Path, inputs: &[&PathBuf], lang: Lang) -> Result<(), i32> {
    if inputs.iter().any(|i| same_file(output, i)) {
        say(&format!(
            "{}: {}",
            output.display(),
            lang.pick(
                "dit is een invoerbestand; kies een andere naam met -o",
                "this is an input file; choose another name with -o"
            )
        ));
        return Err(1);
    }
    Ok(())
}

/// A flag that `format` does not use: refused (exit 2, as for any misused option) with the
/// formats that do take it, rather than silently ignored.
fn refuse_flags(args: &ExportArgs, lang: Lang) -> Result<(), i32> {
    let given = [
        (
            "--compare",
            args.compare.is_some(),
            &[Format::Markdown, Format::Html][..],
            "md, html",
        ),
        ("--split", args.split, &[Format::Csv][..], "csv"),
        ("--full", args.full, &[Format::Pdf][..], "pdf"),
        (
            "--separator",
            args.separator.is_some(),
            &[Format::Csv][..],
            "csv",
        ),
    ];
    for (flag, set, formats, names) in given {
        if set && !formats.contains(&args.format) {
            say(&match lang {
                Lang::Nl => format!(
                    "{flag} werkt alleen met --format {names}, niet met {}; laat {flag} weg of kies een ander formaat",
                    args.format.name()
                ),
                Lang::En => format!(
                    "{flag} works only with --format {names}, not with {}; leave {flag} out or choose another format",
                    args.format.name()
                ),
            });
            return Err(2);
        }
    }
    Ok(())
}

/// `samenspel export`.
pub fn export_cmd(args: &ExportArgs, lang: Lang) -> i32 {
    run(|| {
        refuse_flags(args, lang)?;
        let live = load(&args.session, lang)?;
        let mut opts = Options::for_session(&live.session, args.lang);
        opts.anonymize = args.anonymize;
        opts.split = args.split;
        opts.full = args.full;
        if let Some(separator) = args.separator {
            opts.separator = separator;
        }
        if let Some(old_path) = &args.compare {
            let old = load(old_path, lang)?;
            opts.compare = Some(compare(&old, &live, opts.lang, args.anonymize, lang)?);
        }
        let files = export(&live, args.format, &opts).map_err(|e| {
            eprintln!("samenspel: {}", safe(&e.to_string()));
            2
        })?;
        if files.is_empty() || files.iter().any(|f| f.bytes.is_empty()) {
            say(&match args.format {
                Format::Svg => lang
                    .pick(
                        "deze sessie heeft geen matrix- of stemstap om als afbeelding te maken",
                        "this session has no matrix or vote step to make an image of",
                    )
                    .to_string(),
                _ => lang
                    .pick(
                        "het bestand kon niet gemaakt worden",
                        "the file could not be made",
                    )
                    .to_string(),
            });
            return Err(1);
        }
        // Files, not text: beside the session unless -o says where (for svg a folder).
        let beside = matches!(
            args.format,
            Format::Pdf | Format::Xlsx | Format::Ics | Format::Svg
        );
        let base = match (&args.output, args.split || beside) {
            (Some(folder), _) if args.format == Format::Svg => {
                std::fs::create_dir_all(folder).map_err(|e| {
                    say(&format!("{}: {e}", folder.display()));
                    1
                })?;
                let stem = args.session.file_stem().unwrap_or_default();
                folder.join(stem)
            }
            (None, false) => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                for f in &files {
                    out.write_all(&f.bytes).map_err(|_| 1)?;
                }
                return Ok(());
            }
            (Some(o), _) if !args.split => {
                refuse_overwrite(o, &[&args.session], lang)?;
                return write(
                    o,
                    &files.first().map(|f| f.bytes.clone()).unwrap_or_default(),
                    lang,
                )
                .map(|()| println!("{}", o.display()));
            }
            (Some(o), _) => o.with_extension(""),
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

/// Compares two meetings in `report` language; errors in the interface language.
fn compare(
    old: &Live,
    new: &Live,
    report: Lang,
    anonymize: bool,
    lang: Lang,
) -> Result<Comparison, i32> {
    Comparison::of(old, new, report, anonymize).map_err(|e| {
        say(&match lang {
            Lang::Nl => format!(
                "de sessies liepen verschillende scenario's ('{}' en '{}'); vergelijk bijeenkomsten van hetzelfde scenario",
                e.old, e.new
            ),
            Lang::En => format!("{e}; compare meetings of the same scenario"),
        });
        1
    })
}

/// `samenspel compare`: printed for the facilitator, in the interface language (a report
/// with the comparison, `export --compare`, is in the session's).
pub fn compare_cmd(old: &Path, new: &Path, lang: Lang) -> i32 {
    run(|| {
        let a = load(old, lang)?;
        let b = load(new, lang)?;
        let cmp = compare(&a, &b, lang, false, lang)?;
        print!("{}", cmp.to_text(lang));
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
                    let (given, wanted) = (names.len(), inputs.len());
                    say(&match lang {
                        Lang::Nl => format!(
                            "--names noemt {given} {} voor {wanted} {}; geef één naam per sessie, gescheiden door komma's",
                            if given == 1 { "naam" } else { "namen" },
                            if wanted == 1 { "sessie" } else { "sessies" },
                        ),
                        Lang::En => format!(
                            "--names gives {given} {} for {wanted} {}; give one name per session, separated by commas",
                            if given == 1 { "name" } else { "names" },
                            if wanted == 1 { "session" } else { "sessions" },
                        ),
                    });
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
        let merged = merge(&groups, title).map_err(|e| {
            say(&e.message(lang));
            1
        })?;
        let inputs_ref: Vec<&PathBuf> = inputs.iter().collect();
        refuse_overwrite(output, &inputs_ref, lang)?;
        for i in &merged.duplicates {
            say(&format!(
                "{}: {}",
                inputs[*i].display(),
                lang.pick(
                    "dezelfde sessie onder dezelfde naam als een eerdere invoer; één keer meegenomen",
                    "the same session under the same name as an earlier input; merged once"
                )
            ));
        }
        for d in &merged.dropped {
            say(&format!(
                "{}: {}",
                lang.pick("niet overgenomen", "not carried over"),
                d.get(lang)
            ));
        }
        for c in &merged.conflicts {
            say(&format!("{}: {}", lang.pick("let op", "note"), c.get(lang)));
        }
        // Never write an empty file if the merged session cannot be serialized.
        let bytes = samenspel::store::writer::try_session_json(&merged.session).map_err(|e| {
            say(&e.to_string());
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
