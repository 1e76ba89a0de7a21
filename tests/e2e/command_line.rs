//! The command line right the first time: `check` names every problem of a file at once,
//! in the interface language; a local scenario with a built-in id replaces it, visibly;
//! a settings file with a mistake is said once and the defaults go on; Dutch unless a
//! Dutch or English locale (or a setting) says otherwise; one Rust version.

use crate::common::{Tui, home, run, run_with};

/// A scenario with three shape problems in different places.
fn broken_scenario() -> String {
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../../scenarios/zwolse-komedie.json")).unwrap();
    doc["title"].as_object_mut().unwrap().remove("en");
    doc["steps"][0]["minutes"] = serde_json::json!(-5);
    doc["steps"][2]["kleur"] = serde_json::json!("rood");
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn check_names_every_problem_at_once_in_the_interface_language() {
    let home = home();
    let file = home.path().join("mijn-werkvorm.json");
    std::fs::write(&file, broken_scenario()).unwrap();
    let f = file.to_str().unwrap();
    let (code, out, _) = run_with(
        &["check", f],
        home.path(),
        &[("SAMENSPEL_LANG", Some("nl"))],
    );
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{f}: steps[0].minutes: moet een heel getal van 0 tot en met 4294967295 zijn, niet -5"
            ),
            format!(
                "{f}: steps[2].kleur: onbekend veld (bekend hier: agreement, board, consent, grid, id, influence, matrix, minutes, notes, poll, prompt, review, title, vote); verwijder het of controleer de spelling"
            ),
            format!("{f}: title.en: dit veld ontbreekt; voeg het toe"),
        ],
        "{out}"
    );
    for english in [
        "missing field",
        "invalid value",
        "expected",
        "unknown field",
    ] {
        assert!(
            !out.contains(english),
            "English in Dutch: {english:?} in {out}"
        );
    }
    let (_, out, _) = run_with(
        &["check", f],
        home.path(),
        &[("SAMENSPEL_LANG", Some("en"))],
    );
    assert!(
        out.contains("title.en: this field is missing; add it"),
        "{out}"
    );
    assert!(out.contains("steps[0].minutes: must be a whole number from 0 to 4294967295, not -5"));
    // A session too: every misfit, in its events and in its copy of the scenario.
    let mut session: serde_json::Value =
        serde_json::from_slice(&std::fs::read(crate::example::path(crate::example::FILE)).unwrap())
            .unwrap();
    session["events"][0]["at"] = serde_json::json!("gisteren");
    session["events"][3]["change"]["type"] = serde_json::json!("kaart_ontploft");
    session["scenario"]["steps"][1]["title"] = serde_json::json!(7);
    let sfile = home.path().join("sessie.json");
    std::fs::write(&sfile, serde_json::to_vec(&session).unwrap()).unwrap();
    let (code, out, _) = run_with(
        &["check", sfile.to_str().unwrap()],
        home.path(),
        &[("SAMENSPEL_LANG", Some("nl"))],
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 3, "{out}");
    for part in [
        "events[0].at: \"gisteren\" is geen tijdstip",
        "events[3].change.type: de tekst \"kaart_ontploft\" is geen bekende soort; gebruik een van:",
        "scenario.steps[1].title: moet een object ({ ... }) zijn, niet het getal 7",
    ] {
        assert!(out.contains(part), "no {part:?} in:\n{out}");
    }
}

#[test]
fn a_local_scenario_with_a_built_in_id_replaces_it_visibly() {
    let home = home();
    let dir = home.path().join("scenarios");
    std::fs::create_dir_all(&dir).unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../../scenarios/zwolse-komedie.json")).unwrap();
    doc["title"]["nl"] = serde_json::json!("De Zwolse Komedie (onze versie)");
    doc["title"]["en"] = serde_json::json!("The Zwolle Comedy (our version)");
    std::fs::write(dir.join("komedie.json"), doc.to_string()).unwrap();
    // An exact copy of a built-in is not listed again.
    std::fs::write(
        dir.join("akkoord.json"),
        include_str!("../../scenarios/zwolse-akkoord.json"),
    )
    .unwrap();
    let (code, out, err) = run(&["scenarios"], home.path());
    assert_eq!(code, 0, "{err}");
    let komedie: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("zwolse-komedie "))
        .collect();
    assert_eq!(komedie.len(), 1, "listed once:\n{out}");
    assert!(
        komedie[0].contains("The Zwolle Comedy (our version)")
            && komedie[0].contains("komedie.json, replaces the built-in"),
        "{out}"
    );
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("zwolse-akkoord "))
            .count(),
        1
    );
    // `new` with the id starts the local one; the home screen marks it.
    let mut app = Tui::start(&["new", "zwolse-komedie"], home.path(), 100, 30);
    app.wait_for("Akte 1/4");
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
    let (_, session) = crate::common::only_session(home.path());
    assert_eq!(
        session["scenario"]["title"]["nl"],
        "De Zwolse Komedie (onze versie)"
    );
    let mut app = Tui::start(&[], home.path(), 120, 35);
    app.wait_for("De Zwolse Komedie (onze versie) (lokaal, vervangt ingebouwd)");
    assert!(
        !app.screen().contains("De Zwolse Komedie ·"),
        "{}",
        app.screen()
    );
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_settings_file_with_mistakes_is_said_once_and_the_defaults_go_on() {
    let home = home();
    std::fs::write(
        home.path().join("config.json"),
        r#"{"theme": "neon", "lang": "fr", "kleur": 1}"#,
    )
    .unwrap();
    let (code, out, err) = run(&["scenarios"], home.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("zwolse-komedie"), "the command goes on");
    let config = home.path().join("config.json");
    let config = config.display();
    for line in [
        format!(
            "samenspel: {config}: kleur: unknown field (known here: beamer_typing, bind, lang, theme); remove it or check its spelling"
        ),
        format!(
            "samenspel: {config}: lang: the text \"fr\" is not an allowed value; use one of: \"nl\", \"en\""
        ),
        format!(
            "samenspel: {config}: theme: the text \"neon\" is not an allowed value; use one of: \"light\", \"dark\", \"mono\""
        ),
        "samenspel: samenspel goes on with the default settings".to_string(),
    ] {
        assert_eq!(err.matches(&line).count(), 1, "{line:?} once in:\n{err}");
    }
    // The home screen says it is the settings, and `q` quits from the box.
    let mut app = Tui::start(&[], home.path(), 120, 35);
    app.wait_for("De instellingen (config.json) bevatten een fout");
    app.wait_for("theme: de tekst \"neon\"");
    app.wait_for("samenspel gaat verder met de standaardinstellingen");
    assert!(!app.screen().contains("Dit bestand kan niet worden geopend"));
    app.send("q");
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn dutch_unless_a_dutch_or_english_locale_says_otherwise() {
    let home = home();
    let dutch = |out: &str| out.contains("stappen, ingebouwd");
    for (env, want_dutch) in [
        (vec![("LANG", Some("C.UTF-8"))], true),
        (vec![("LANG", Some("POSIX"))], true),
        (vec![("LC_ALL", Some("C"))], true),
        (vec![("LANG", Some("fr_FR.UTF-8"))], true),
        (vec![], true),
        (vec![("LANG", Some("en_GB.UTF-8"))], false),
        (vec![("LANG", Some("nl_NL.UTF-8"))], true),
        (
            vec![("LANG", Some("C.UTF-8")), ("SAMENSPEL_LANG", Some("en"))],
            false,
        ),
    ] {
        let (code, out, err) = run_with(&["scenarios"], home.path(), &env);
        assert_eq!(code, 0, "{err}");
        assert_eq!(dutch(&out), want_dutch, "{env:?}:\n{out}");
        assert!(err.is_empty(), "{env:?}: {err}");
    }
    let (_, out, err) = run_with(
        &["scenarios"],
        home.path(),
        &[("SAMENSPEL_LANG", Some("fr")), ("LANG", Some("C.UTF-8"))],
    );
    assert!(dutch(&out));
    assert_eq!(
        err,
        "samenspel: SAMENSPEL_LANG=fr wordt genegeerd: samenspel spreekt nl of en\n"
    );
    let (_, help, _) = run(&["--help"], home.path());
    assert!(help.contains("config.json"), "{help}");
    assert!(
        help.contains("SAMENSPEL_LANG") && help.contains("else Dutch"),
        "{help}"
    );
}

#[test]
fn the_readme_names_the_rust_version_cargo_requires() {
    let cargo = include_str!("../../Cargo.toml");
    let readme = include_str!("../../README.md");
    let version = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("rust-version in Cargo.toml");
    let said: Vec<&str> = readme
        .match_indices("Rust toolchain (")
        .map(|(i, m)| {
            let rest = &readme[i + m.len()..];
            rest[..rest.find(' ').unwrap_or(0)].trim()
        })
        .collect();
    assert_eq!(
        said,
        [version],
        "README and Cargo.toml disagree on the Rust version"
    );
}
