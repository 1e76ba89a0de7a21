//! Data right the first time: CSV a spreadsheet cannot turn into formulas and that reads
//! back row by row, anonymised copies that miss no name, file names that keep every
//! letter, merges that lose nothing a group did.

use std::collections::BTreeMap;
use std::path::Path;

use samenspel::core::state::RowRef;
use samenspel::core::transform::merge::{Group, merge};
use samenspel::core::{Change, Live, StepState};
use samenspel::store::try_session_json;

use crate::common::{home, run};
use crate::example::Recorder;

/// The CSV of `file` (with `extra` arguments), read back with the csv crate: the header
/// and the rows as maps.
fn csv_rows(home: &Path, file: &Path, extra: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut args = vec!["export", file.to_str().unwrap(), "--format", "csv"];
    args.extend(extra);
    let (code, out, err) = run(&args, home);
    assert_eq!(code, 0, "{err}");
    let bytes = out.into_bytes();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "UTF-8 with a BOM");
    let separator = if extra.contains(&";") { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn no_formula_hides_behind_spaces_tabs_or_wide_signs() {
    let home = home();
    let mut r = Recorder::continuing(crate::example::session());
    let risky = [
        " =1+1",
        "\t=HYPERLINK(\"http://x\")",
        "\r+1",
        "  @SUM(A1:A9)",
        "＝1+1",
        "\u{a0}-2+3",
    ];
    for text in risky {
        r.card("doelen", "overig", text, None);
    }
    let file = home.path().join("s.json");
    std::fs::write(&file, try_session_json(&r.live.session).unwrap()).unwrap();
    let rows = csv_rows(home.path(), &file, &[]);
    let texts: Vec<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "card")
        .map(|r| r["text"].as_str())
        .collect();
    for text in risky {
        let shown = texts
            .iter()
            .find(|t| {
                t.trim_start_matches('\'').trim() == samenspel::core::clean::clean(text).trim()
            })
            .unwrap_or_else(|| panic!("{text:?} is not among {texts:?}"));
        assert!(
            shown.starts_with('\''),
            "{text:?} is written as {shown:?}: a spreadsheet that trims would run it"
        );
    }
}

#[test]
fn cell_rows_carry_the_row_id_and_endorsements_read_back_whole() {
    let home = home();
    let mut r = Recorder::continuing(crate::example::session());
    // Two goals with the same text, of two parties.
    let same = r.card(
        "doelen",
        "initiatief",
        "Tevreden bewoners",
        Some("initiatief"),
    );
    r.cell("matrix", RowRef::Card(same), "gemeente", -1);
    // A name with the old separator in it.
    let odd = r.person(Some("Jansen; Bram"), "Buurtkracht", "initiatief");
    r.endorse("akkoord", "leren", odd);
    let file = home.path().join("s.json");
    std::fs::write(&file, try_session_json(&r.live.session).unwrap()).unwrap();
    let rows = csv_rows(home.path(), &file, &[]);
    let cells: Vec<&BTreeMap<String, String>> = rows
        .iter()
        .filter(|r| {
            r["kind"] == "cell" && r["row"] == "Tevreden bewoners" && r["column"] == "Gemeente"
        })
        .collect();
    assert_eq!(cells.len(), 2, "{cells:?}");
    let ids: Vec<&str> = cells.iter().map(|c| c["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["1", &same.to_string()],
        "the rows are told apart by id"
    );
    // The id is the card's: the card row with that id is the row's goal.
    let card = rows
        .iter()
        .find(|r| r["kind"] == "card" && r["id"] == same.to_string())
        .expect("the card");
    assert_eq!(card["party"], "Bewonersinitiatief");
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "cell" && r["id"] == "ambitie")
    );
    // One row per endorsement: every name whole, the count on each row.
    let leren: Vec<&BTreeMap<String, String>> = rows
        .iter()
        .filter(|r| r["kind"] == "endorsement" && r["id"] == "leren")
        .collect();
    assert_eq!(leren.len(), 1);
    assert_eq!(leren[0]["endorsed_by"], "Jansen; Bram");
    assert_eq!(leren[0]["count"], "1");
    let statement: Vec<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "endorsement" && r["id"] == "statement")
        .map(|r| r["endorsed_by"].as_str())
        .collect();
    assert_eq!(statement, ["Anna de Vries", "Bram Jansen", "Deelnemer 3"]);
}

#[test]
fn a_semicolon_csv_for_a_dutch_excel_keeps_the_bom() {
    let home = home();
    let file = home.path().join("s.json");
    std::fs::copy(crate::example::path(crate::example::FILE), &file).unwrap();
    let comma = csv_rows(home.path(), &file, &[]);
    let semicolon = csv_rows(home.path(), &file, &["--separator", ";"]);
    assert_eq!(comma, semicolon, "the same data with either separator");
    let (_, out, _) = run(
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "csv",
            "--separator",
            ";",
        ],
        home.path(),
    );
    assert!(out.starts_with("\u{FEFF}kind;step;step_title;"), "{out}");
    let (code, _, err) = run(
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "csv",
            "--separator",
            "|",
        ],
        home.path(),
    );
    assert_eq!(code, 2);
    assert!(err.contains("for Excel with a Dutch locale"), "{err}");
}

/// A session whose names are typed in other Unicode forms and spacings than the list has.
fn names_session() -> samenspel::core::Session {
    let mut r = Recorder::new(
        crate::example::scenario(),
        "Overleg met Jeroen Bakker",
        "2025-03-12T13:00:00Z",
    );
    r.person(Some("Zoë Müller"), "Gemeente", "gemeente");
    r.person(Some("Jeroen Bakker"), "Buurtkracht", "initiatief");
    for text in [
        "Volgens Zoe\u{308} Mu\u{308}ller is het te duur", // NFD: combining diaeresis
        "Jeroen\u{a0}Bakker belt de woningcorporatie",     // no-break space
        "Jeroen  Bakker en ZOË MÜLLER trekken samen op",   // two spaces, capitals
        "jeroen\nbakker schrijft het verslag",             // a line break
    ] {
        r.card("doelen", "overig", text, None);
    }
    r.commit("akkoord", "Wijkavond", "Zoe\u{308} Mu\u{308}ller", "mei");
    let mut session = r.live.session;
    session.previous = Some(samenspel::core::session::Origin {
        file: "2025-02-12-voorbeeld-export-overleg-met-jeroen-bakker.json".into(),
        sha256: "0".repeat(64),
        title: "Overleg met Jeroen Bakker".into(),
        created: "2025-02-12T13:00:00Z".parse().unwrap(),
    });
    session
}

#[test]
fn anonymizing_finds_names_in_any_unicode_form_spacing_and_the_previous_file() {
    let home = home();
    let file = home.path().join("s.json");
    std::fs::write(&file, try_session_json(&names_session()).unwrap()).unwrap();
    for format in ["md", "html", "csv", "json", "session"] {
        let (code, out, err) = run(
            &[
                "export",
                file.to_str().unwrap(),
                "--format",
                format,
                "--anonymize",
            ],
            home.path(),
        );
        assert_eq!(code, 0, "{err}");
        let folded: String = unicode_fold(&out);
        for name in ["zoe muller", "jeroen bakker", "jeroen-bakker", "zoe-muller"] {
            assert!(
                !folded.contains(name),
                "{format}: {name:?} is still in the anonymised export"
            );
        }
        assert!(out.contains("Deelnemer 1") || format == "csv" && out.contains("Deelnemer"));
    }
    let (_, copy, _) = run(
        &[
            "export",
            file.to_str().unwrap(),
            "--format",
            "session",
            "--anonymize",
        ],
        home.path(),
    );
    let copy: serde_json::Value = serde_json::from_str(&copy).unwrap();
    assert_eq!(
        copy["previous"]["file"],
        "2025-02-12-voorbeeld-export-overleg-met-deelnemer-2.json"
    );
}

/// Lowercase, without marks, whitespace of any kind folded: how a reader would search.
fn unicode_fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let bare: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .replace("\\n", " ")
        .replace("\\u00a0", " ");
    bare.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_file_name_keeps_every_letter_of_the_title() {
    let home = home();
    let mut app = crate::common::Tui::start(
        &[
            "new",
            "zwolse-komedie",
            "--title",
            "Overleg Yılmaz & Çelik — Straße, Ærø",
        ],
        home.path(),
        100,
        30,
    );
    app.wait_for("Akte 1/4");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (path, _) = crate::common::only_session(home.path());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.ends_with("-zwolse-komedie-overleg-yilmaz-celik-strasse-aero.json"),
        "{name}"
    );
}

/// A group's session of the example scenario that did only `changes`.
fn group(changes: Vec<Change>) -> Live {
    let mut r = Recorder::new(crate::example::scenario(), "Groep", "2025-03-12T13:00:00Z");
    for c in changes {
        r.rec(c);
    }
    r.live
}

fn placed(live: &Live, text: &str) -> Vec<(String, Option<String>)> {
    let Some(StepState::Board(board)) = live.state.steps.get(1) else {
        panic!("the board")
    };
    let spec = match &live.state.scenario.steps[1].kind {
        samenspel::core::StepKind::Board(b) => b,
        _ => panic!("a board"),
    };
    board
        .lanes
        .iter()
        .zip(&spec.lanes)
        .flat_map(|(lane, s)| {
            lane.cards
                .iter()
                .filter(|c| c.text == text)
                .map(|c| (s.id.clone(), c.theme.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn a_merge_keeps_a_groups_move_of_a_starting_card_or_both_and_says_so() {
    // Starting card 1 ("Tevreden bewoners", lane gemeente): group A leaves it, group B
    // moves it to "overig" and puts it in a theme. B's change wins: nothing to lose.
    let moved = vec![
        Change::CardMoved {
            step: "doelen".into(),
            card: 1,
            lane: "overig".into(),
            position: 0,
        },
        Change::ThemeSet {
            step: "doelen".into(),
            cards: vec![1],
            theme: Some("Snel".into()),
        },
    ];
    let (a, b) = (group(Vec::new()), group(moved));
    let groups = [
        Group {
            name: "A".into(),
            live: &a,
        },
        Group {
            name: "B".into(),
            live: &b,
        },
    ];
    let merged = merge(&groups, None).unwrap();
    let live = Live::open(merged.session.clone()).unwrap();
    assert_eq!(
        placed(&live, "Tevreden bewoners"),
        [("overig".to_string(), Some("Snel".to_string()))],
        "group B's lane and theme"
    );
    assert!(merged.conflicts.is_empty());

    // A moves it to "initiatief", B to "overig" in a theme: both kept, and said.
    let a = group(vec![Change::CardMoved {
        step: "doelen".into(),
        card: 1,
        lane: "initiatief".into(),
        position: 0,
    }]);
    let groups = [
        Group {
            name: "A".into(),
            live: &a,
        },
        Group {
            name: "B".into(),
            live: &b,
        },
    ];
    let merged = merge(&groups, None).unwrap();
    let live = Live::open(merged.session.clone()).unwrap();
    assert_eq!(
        placed(&live, "[A] Tevreden bewoners"),
        [("initiatief".to_string(), None)]
    );
    assert_eq!(
        placed(&live, "[B] Tevreden bewoners"),
        [("overig".to_string(), Some("Snel".to_string()))]
    );
    assert_eq!(merged.conflicts.len(), 1);
    assert!(
        merged.conflicts[0].en.contains(
            "starting card 'Tevreden bewoners' in step 'doelen' was placed differently by the groups (A: lane 'Initiative'; B: lane 'Other', theme 'Snel')"
        ),
        "{}",
        merged.conflicts[0].en
    );
    // And on standard error, from the command.
    let home = home();
    let (fa, fb) = (home.path().join("a.json"), home.path().join("b.json"));
    std::fs::write(&fa, try_session_json(&a.session).unwrap()).unwrap();
    std::fs::write(&fb, try_session_json(&b.session).unwrap()).unwrap();
    let out = home.path().join("samen.json");
    let (code, _, err) = run(
        &[
            "merge",
            fa.to_str().unwrap(),
            fb.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--names",
            "A,B",
        ],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("samenspel: note: starting card 'Tevreden bewoners'"),
        "{err}"
    );
}
