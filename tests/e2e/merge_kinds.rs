//! Merging breakout groups that placed parties on a grid, held a consent round or answered a
//! poll: three tables of a built-in scenario each recorded through the library's reducer
//! (`Live::record`, the path every key press takes) and saved as session files, merged
//! with `samenspel merge`, checked with `samenspel check` and read back in the report a
//! facilitator hands out. Grids and polls here; consent rounds in merge_consent.rs.

use std::path::{Path, PathBuf};

use samenspel::core::grid::{GridItem, GridPoint};
use samenspel::core::{Change, Scenario, Session};

use crate::common::{home, run};
use crate::example::Recorder;

pub const TABLES: &str = "Tafel 1,Tafel 2,Tafel 3";

fn builtin(id: &str) -> Scenario {
    samenspel::store::catalog::find_scenario(id)
        .expect("a built-in scenario")
        .scenario
}

pub fn table(scenario: &str, n: usize) -> Recorder {
    let at = format!("2026-03-12T1{n}:00:00Z");
    Recorder::new(builtin(scenario), &format!("Tafel {n}"), &at)
}

fn save(dir: &Path, name: &str, session: &Session) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, samenspel::store::try_session_json(session).unwrap()).unwrap();
    path
}

/// `samenspel merge` of the tables' files, then `samenspel check` of the result; returns
/// the merged file and what merge said on standard error.
pub fn merge(dir: &Path, sessions: &[Session], names: &str) -> (PathBuf, String) {
    let mut args = vec!["merge".to_string()];
    for (i, s) in sessions.iter().enumerate() {
        let path = save(dir, &format!("tafel-{}.json", i + 1), s);
        args.push(path.to_str().unwrap().to_string());
    }
    let out = dir.join("samen.json");
    args.extend([
        "-o".to_string(),
        out.to_str().unwrap().to_string(),
        "--names".to_string(),
        names.to_string(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, said) = run(&args, dir);
    assert_eq!(code, 0, "{said}");
    assert!(stdout.contains("merged: "), "{stdout}");
    let (code, stdout, stderr) = run(&["check", out.to_str().unwrap()], dir);
    assert_eq!(code, 0, "check: {stdout}{stderr}");
    (out, said)
}

/// The merged session's report in `format`, as `samenspel export` writes it.
pub fn export(dir: &Path, session: &Path, format: &str) -> String {
    let file = dir.join(format!("verslag.{format}"));
    let (code, _, err) = run(
        &[
            "export",
            session.to_str().unwrap(),
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(&file).unwrap()
}

fn place(r: &mut Recorder, item: GridItem, x: u8, y: u8) {
    r.rec(Change::GridPlaced {
        step: "partijen".into(),
        item,
        at: Some(GridPoint { x, y }),
    });
}

fn party(id: &str) -> GridItem {
    GridItem::Party(id.into())
}

/// Types an item onto the grid and places it.
fn typed(r: &mut Recorder, label: &str, x: u8, y: u8) {
    let item = r.live.state.next_id;
    r.rec(Change::GridItemAdded {
        step: "partijen".into(),
        item,
        label: label.into(),
        party: None,
        position: None,
    });
    place(r, GridItem::Item(item), x, y);
}

/// The rows of a Markdown table whose first cell is `first`.
pub fn rows<'a>(md: &'a str, first: &str) -> Vec<&'a str> {
    let start = format!("| {first} |");
    md.lines().filter(|l| l.starts_with(&start)).collect()
}

/// The Markdown section of the step titled `title`, up to the next step.
pub fn section<'a>(md: &'a str, title: &str) -> &'a str {
    let start = md.find(title).unwrap_or_else(|| panic!("{title} in {md}"));
    let rest = &md[start..];
    let end = rest[1..].find("\n## ").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

#[test]
fn a_merged_grid_stands_at_the_average_and_names_each_tables_place() {
    let dir = home();
    let mut t1 = table("samenwerkingsvorm", 1);
    t1.open("partijen");
    place(&mut t1, party("gemeente"), 4, 4);
    place(&mut t1, party("netbeheerder"), 2, 4);
    place(&mut t1, party("vve"), 3, 1);
    t1.rec(Change::GridNoted {
        step: "partijen".into(),
        item: party("vve"),
        note: "beslist per gebouw".into(),
    });
    typed(&mut t1, "Zorginstelling", 1, 2);
    let mut t2 = table("samenwerkingsvorm", 2);
    place(&mut t2, party("gemeente"), 3, 3);
    place(&mut t2, party("netbeheerder"), 3, 4);
    // The same item typed at another table, in other letters: one item.
    typed(&mut t2, "zorginstelling ", 2, 2);
    let mut t3 = table("samenwerkingsvorm", 3);
    place(&mut t3, party("gemeente"), 4, 3);
    typed(&mut t3, "Basisschool", 1, 1);
    let sessions = [t1.live.session, t2.live.session, t3.live.session];
    let (merged, _) = merge(dir.path(), &sessions, TABLES);

    let md = export(dir.path(), &merged, "md");
    // Belang (x) and invloed (y): the average rounded, every table's place in the note.
    assert_eq!(
        rows(&md, "Gemeente"),
        [
            "| Gemeente | 4 | 3 | Nauw betrekken | Tafel 1: 4,4; Tafel 2: 3,3; Tafel 3: 4,3 · gemiddeld: 3,7 / 3,3 |"
        ],
        "{md}"
    );
    // Only the tables that placed it count: 2,5 rounds up to 3.
    assert_eq!(
        rows(&md, "Netbeheerder"),
        [
            "| Netbeheerder | 3 | 4 | Nauw betrekken | Tafel 1: 2,4; Tafel 2: 3,4 · gemiddeld: 2,5 / 4 |"
        ]
    );
    // Placed by one table of three: its place, its note, and which table it was.
    assert_eq!(
        rows(&md, "Vereniging van Eigenaren"),
        [
            "| Vereniging van Eigenaren | 3 | 1 | Goed informeren | Tafel 1: 3,1 (beslist per gebouw) |"
        ]
    );
    assert_eq!(
        rows(&md, "Zorginstelling"),
        [
            "| Zorginstelling | 2 | 2 | In de gaten houden | Tafel 1: 1,2; Tafel 2: 2,2 · gemiddeld: 1,5 / 2 |"
        ]
    );
    assert_eq!(
        rows(&md, "Basisschool"),
        ["| Basisschool | 1 | 1 | In de gaten houden | Tafel 3: 1,1 |"]
    );
    assert!(
        rows(&md, "zorginstelling").is_empty(),
        "typed twice, one item"
    );
    // What no table placed is listed as not placed, not invented.
    let unplaced = md
        .lines()
        .find(|l| l.starts_with("**Niet geplaatst:**"))
        .expect("a list of unplaced parties");
    for name in ["Bewonersinitiatief", "Woningcorporatie", "Energiepartijen"] {
        assert!(unplaced.contains(name), "{unplaced}");
    }
    let quadrants = rows(&md, "Nauw betrekken");
    assert_eq!(quadrants, ["| Nauw betrekken | Gemeente, Netbeheerder |"]);

    // Opened in samenspel (read-only), the grid shows the merged places and the notes.
    let mut app = crate::common::Tui::start(
        &["open", merged.to_str().unwrap(), "--read-only"],
        dir.path(),
        80,
        24,
    );
    app.wait_for("alleen lezen");
    app.send("n");
    app.wait_for("Stap 2/4");
    app.wait_for("▶ Gemeente · 4,3 · Nauw betrekken · Tafel 1: 4,4; Tafel 2: 3,3;");
    // The list beside the field: one typed item for both tables, the unplaced without a place.
    for (item, at) in [
        ("Zorginstelling", "2,2"),
        ("Basisschool", "1,1"),
        ("Bewonersinitia", "–"),
    ] {
        app.wait_until(&format!("{item} at {at} in the list"), |screen| {
            screen
                .lines()
                .any(|l| l.contains(item) && l.trim_end_matches('│').trim_end().ends_with(at))
        });
    }
    app.send("q");
    app.wait_exit();

    // The spreadsheet has the same places as numbers.
    let csv = export(dir.path(), &merged, "csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let gemeente = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[col("kind")] == "grid_item" && &r[col("id")] == "gemeente")
        .expect("a row for the municipality");
    assert_eq!((&gemeente[col("x")], &gemeente[col("y")]), ("4", "3"));
}

fn count(r: &mut Recorder, statement: &str, answer: i32, n: usize) {
    for _ in 0..n {
        r.rec(Change::PollCounted {
            step: "doorgaan".into(),
            statement: statement.into(),
            answer,
            added: true,
        });
    }
}

fn added(r: &mut Recorder, id: &str, text: &str) {
    r.rec(Change::PollStatementAdded {
        step: "doorgaan".into(),
        id: id.into(),
        text: text.into(),
        position: None,
    });
}

fn reveal(r: &mut Recorder, statement: &str) {
    r.rec(Change::PollRevealed {
        step: "doorgaan".into(),
        statement: statement.into(),
        revealed: true,
    });
}

#[test]
fn poll_counts_add_up_per_statement_and_answer_and_name_nobody() {
    use samenspel::core::poll::{DONT_KNOW, NO, YES};
    let dir = home();
    let mut t1 = table("lean-coffee", 1);
    t1.person(Some("Anna de Vries"), "Gemeente Zwolle", "gemeente");
    count(&mut t1, "doorgaan", YES, 3);
    count(&mut t1, "doorgaan", NO, 1);
    added(&mut t1, "warmtenet", "Doorgaan met het warmtenet?");
    count(&mut t1, "warmtenet", YES, 2);
    reveal(&mut t1, "doorgaan");
    reveal(&mut t1, "warmtenet");
    let mut t2 = table("lean-coffee", 2);
    t2.person(
        Some("Karin Smit"),
        "Woonstichting De Kamp",
        "woningcorporatie",
    );
    count(&mut t2, "doorgaan", YES, 2);
    count(&mut t2, "doorgaan", DONT_KNOW, 1);
    // The same statement added at another table, under another id: one statement.
    added(&mut t2, "extra-1", "doorgaan met het warmtenet?");
    count(&mut t2, "extra-1", NO, 1);
    // A table that never got to the poll adds nothing.
    let t3 = table("lean-coffee", 3);
    let sessions = [t1.live.session, t2.live.session, t3.live.session];
    let (merged, _) = merge(dir.path(), &sessions, TABLES);
    let md = export(dir.path(), &merged, "md");
    let poll = section(&md, "Doorgaan?");
    assert!(
        poll.contains("*Anoniem: alleen de aantallen zijn bewaard, niet wie wat antwoordde.*"),
        "{poll}"
    );
    // ja, nee, weet niet, answers, the share of yes among yes and no.
    assert_eq!(
        rows(poll, "Doorgaan met dit onderwerp?"),
        ["| Doorgaan met dit onderwerp? | 5 | 1 | 1 | 7 | 83% |"],
        "{poll}"
    );
    assert_eq!(
        rows(poll, "Doorgaan met het warmtenet?"),
        ["| Doorgaan met het warmtenet? | 2 | 1 | 0 | 3 | 67% |"],
        "{poll}"
    );
    assert!(rows(poll, "doorgaan met het warmtenet?").is_empty());

    // The merged file holds counts only: no poll event names a person or a phone.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&merged).unwrap()).unwrap();
    let polls: Vec<&serde_json::Value> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["change"])
        .filter(|c| c["type"].as_str().is_some_and(|t| t.starts_with("poll_")))
        .collect();
    assert_eq!(
        polls.iter().filter(|e| e["type"] == "poll_counted").count(),
        10
    );
    for e in &polls {
        assert!(e.get("respondent").is_none(), "{e}");
        assert_ne!(e["type"], "poll_answered", "{e}");
    }
}

#[test]
fn an_empty_poll_at_every_table_merges_into_an_empty_poll() {
    let dir = home();
    let sessions = [
        table("lean-coffee", 1).live.session,
        table("lean-coffee", 2).live.session,
    ];
    let (merged, _) = merge(dir.path(), &sessions, "Tafel 1,Tafel 2");
    let md = export(dir.path(), &merged, "md");
    let poll = section(&md, "Doorgaan?");
    assert_eq!(
        rows(poll, "Doorgaan met dit onderwerp? *(niet getoond)*"),
        ["| Doorgaan met dit onderwerp? *(niet getoond)* | 0 | 0 | 0 | 0 | – |"],
        "{poll}"
    );
}

#[test]
fn a_table_whose_grid_has_another_scale_is_refused_and_nothing_is_written() {
    let dir = home();
    let t1 = table("samenwerkingsvorm", 1);
    let mut other = builtin("samenwerkingsvorm");
    let index = other.step_index("partijen").unwrap();
    let samenspel::core::scenario::StepKind::Grid(spec) = &mut other.steps[index].kind else {
        panic!("a grid")
    };
    spec.x.points = 6;
    let t2 = Recorder::new(other, "Tafel 2", "2026-03-12T12:00:00Z");
    let a = save(dir.path(), "a.json", &t1.live.session);
    let b = save(dir.path(), "b.json", &t2.live.session);
    let out = dir.path().join("samen.json");
    let (code, _, err) = run(
        &[
            "merge",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("input 2 ran another version of scenario 'samenwerkingsvorm' than the first input (differs in: step 'partijen'); only sessions of the same scenario can be merged"),
        "{err}"
    );
    assert!(!out.exists(), "no merged file");
}
