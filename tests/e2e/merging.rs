//! Merging breakout groups and comparing meetings, through the library and the CLI.

use std::collections::BTreeMap;

use samenspel::core::consent::{ConsentPhase, Stance};
use samenspel::core::grid::GridItem;
use samenspel::core::state::RowRef;
use samenspel::core::transform::merge::{Group, MergeError, merge};
use samenspel::core::{Change, Endorser, Lang, Live, Session, SessionState, StepState};
use samenspel::store::try_session_json;

/// A second group's session of the example scenario: other cards, other ratings.
fn group_b() -> Session {
    let mut r = crate::example::Recorder::new(
        crate::example::scenario(),
        "Tafel 2",
        "2025-03-12T12:45:00Z",
    );
    let p = r.person(Some("Karin Smit"), "Gemeente Zwolle", "gemeente");
    let q = r.person(None, "Buurtinitiatief Assendorp", "initiatief");
    let lokaal = r.card(
        "doelen",
        "initiatief",
        "Lokaal eigenaarschap",
        Some("initiatief"),
    );
    r.card("doelen", "gemeente", "Tevreden bewoners", Some("gemeente"));
    r.rec(Change::CardEdited {
        step: "doelen".into(),
        card: 2,
        text: "Klimaatdoelen 2030 halen".into(),
    });
    r.rec(Change::ThemeSet {
        step: "doelen".into(),
        cards: vec![lokaal],
        theme: Some("Eerlijk & open".into()),
    });
    r.cell("matrix", RowRef::Card(1), "gemeente", 1);
    r.cell("matrix", RowRef::Card(1), "initiatief", 2);
    r.note(
        "matrix",
        RowRef::Card(1),
        "gemeente",
        "hangt af van de kosten",
    );
    r.cell("matrix", RowRef::Card(lokaal), "initiatief", 2);
    r.cell("fase", RowRef::Row("ambitie".into()), "opstarten", 1);
    r.cell("fase", RowRef::Row("wijk".into()), "uitwerken", 0);
    r.dots("stemmen", 1, 2);
    r.dots("stemmen", lokaal, 3);
    r.endorse("akkoord", "statement", p);
    r.endorse("akkoord", "leren", q);
    r.commit("akkoord", "Energiecafé starten", "initiatief", "september");
    // The grid: some parties where Tafel 1 put them, some elsewhere, one Tafel 1 left
    // alone, the typed item again in other letters.
    let party = |id: &str| GridItem::Party(id.into());
    r.place("krachtenveld", party("gemeente"), 3, 4);
    r.place("krachtenveld", party("initiatief"), 3, 4);
    r.grid_note(
        "krachtenveld",
        party("initiatief"),
        "Trekker van de wijkaanpak",
    );
    r.place("krachtenveld", party("energiecooperatie"), 2, 2);
    let huurders = r.live.state.next_id;
    r.rec(Change::GridItemAdded {
        step: "krachtenveld".into(),
        item: huurders,
        label: "huurdersvereniging".into(),
        party: None,
        position: None,
    });
    r.place("krachtenveld", GridItem::Item(huurders), 4, 1);
    r.answer("peiling", "tempo", p, 5);
    r.answer("peiling", "tempo", q, 4);
    r.answer("peiling", "betaalbaar", p, 2);
    for statement in ["tempo", "betaalbaar"] {
        r.rec(Change::PollRevealed {
            step: "peiling".into(),
            statement: statement.into(),
            revealed: true,
        });
    }
    // The consent round: an objection nobody resolved at this table.
    r.consent_phase("besluit", ConsentPhase::Objections);
    r.stance("besluit", Endorser::Participant(p), Stance::Consent, "");
    r.stance(
        "besluit",
        Endorser::Participant(q),
        Stance::Objection,
        "Eerst de huurders horen",
    );
    r.live.session
}

fn live(session: Session) -> Live {
    Live::open(session).expect("folds")
}

fn board_texts(state: &SessionState) -> Vec<String> {
    state
        .steps
        .iter()
        .filter_map(|s| match s {
            StepState::Board(b) => Some(b.cards().map(|c| c.text.clone()).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn groups<'a>(lives: &'a [Live], names: &[&str]) -> Vec<Group<'a>> {
    lives
        .iter()
        .zip(names)
        .map(|(live, name)| Group {
            name: name.to_string(),
            live,
        })
        .collect()
}

#[test]
fn merging_loses_no_card_and_tags_each_group() {
    let lives = [crate::example::load(), live(group_b())];
    let merged = merge(&groups(&lives, &["Tafel 1", "Tafel 2"]), None).expect("merges");
    assert_eq!(merged.session.title, "Samengevoegd: Tafel 1 + Tafel 2");
    // Created: the earliest input.
    assert_eq!(merged.session.created, lives[1].session.created);
    let state = live(merged.session.clone()).state;
    let texts = board_texts(&state);
    for (g, input) in lives.iter().enumerate() {
        let name = ["Tafel 1", "Tafel 2"][g];
        let start = input.session.initial_state();
        let untouched: Vec<String> = board_texts(&start);
        for card in board_texts(&input.state) {
            let tagged = format!("[{name}] {card}");
            assert!(
                texts.contains(&tagged) || (untouched.contains(&card) && texts.contains(&card)),
                "{name}'s card {card:?} is not in the merged session"
            );
        }
    }
    // The starting card both groups kept is there once, rated by both.
    assert_eq!(
        texts.iter().filter(|t| *t == "Tevreden bewoners").count(),
        1
    );
    assert!(texts.contains(&"[Tafel 2] Tevreden bewoners".to_string()));
    assert!(texts.contains(&"[Tafel 2] Klimaatdoelen 2030 halen".to_string()));
    let StepState::Matrix(m) = crate::example::step(&state, "matrix") else {
        panic!("matrix")
    };
    let shared = state
        .board(1)
        .unwrap()
        .cards()
        .find(|c| c.text == "Tevreden bewoners")
        .unwrap()
        .id;
    let cell = &m.cells[&(RowRef::Card(shared), "gemeente".to_string())];
    // Tafel 1: +2, Tafel 2: +1 → mean 1.5, rounded away from zero.
    assert_eq!(cell.value, Some(2));
    assert_eq!(
        cell.note,
        "Tafel 1: +2; Tafel 2: +1 (hangt af van de kosten) · gemiddeld: +1,5"
    );
    let StepState::Matrix(fase) = crate::example::step(&state, "fase") else {
        panic!("fase")
    };
    let ambitie = &fase.cells[&(RowRef::Row("ambitie".into()), "opstarten".to_string())];
    assert_eq!(
        ambitie.value,
        Some(1),
        "median of gereed and bezig is bezig"
    );
    // Dots add up: 3 + 2 on the shared card.
    let StepState::Vote(v) = crate::example::step(&state, "stemmen") else {
        panic!("vote")
    };
    assert_eq!(v.dots[&samenspel::core::state::VoteTarget::Card(shared)], 5);
    assert!(v.revealed);
    let StepState::Agreement(a) = crate::example::step(&state, "akkoord") else {
        panic!("agreement")
    };
    assert_eq!(a.commitments.len(), 4);
    assert!(
        a.commitments
            .iter()
            .any(|c| c.what == "[Tafel 2] Energiecafé starten")
    );
    assert_eq!(a.endorsements["statement"].len(), 4);
    assert_eq!(state.participants.len(), 6);
}

/// The merge of two tables as a golden file (the session merge writes, and its report):
/// grids averaged with each table's place in the note, polls added, the consent round's
/// positions of both tables, undecided while one objection is open.
#[test]
fn golden_merge_of_two_tables() {
    use samenspel::report::{Format, Options, export};
    let lives = [crate::example::load(), live(group_b())];
    let merged = merge(&groups(&lives, &["Tafel 1", "Tafel 2"]), None).expect("merges");
    let bytes = try_session_json(&merged.session).unwrap();
    crate::example::golden("tests/golden/merge.session.json", &bytes);
    let md = export(
        &live(merged.session),
        Format::Markdown,
        &Options::new(Lang::Nl),
    )
    .unwrap();
    crate::example::golden("tests/golden/merge.md", &md[0].bytes);
    let conflicts: Vec<&str> = merged.conflicts.iter().map(|c| c.en.as_str()).collect();
    assert!(
        conflicts.contains(&"step 'besluit': the groups ended with different proposals; the merged round holds each group's amendments one after the other"),
        "{conflicts:?}"
    );
}

#[test]
fn merging_is_deterministic_and_idempotent_with_itself() {
    let a = [crate::example::load()];
    let once = merge(&groups(&a, &["Tafel 1"]), Some("X".into())).unwrap();
    let twice_lives = [crate::example::load(), crate::example::load()];
    let twice = merge(
        &groups(&twice_lives, &["Tafel 1", "Tafel 1"]),
        Some("X".into()),
    )
    .unwrap();
    assert_eq!(twice.duplicates, vec![1]);
    assert_eq!(
        try_session_json(&once.session).unwrap(),
        try_session_json(&twice.session).unwrap(),
        "same inputs, same bytes"
    );
    // The content equals the original session's (only ids and the log differ).
    let merged = live(once.session).state;
    let original = &a[0].state;
    assert_eq!(board_texts(&merged), board_texts(original));
    let cells = |s: &SessionState| -> Vec<(usize, Option<i32>, String)> {
        s.steps
            .iter()
            .enumerate()
            .filter_map(|(i, st)| match st {
                StepState::Matrix(m) => {
                    Some(m.cells.values().map(move |c| (i, c.value, c.note.clone())))
                }
                _ => None,
            })
            .flatten()
            .collect()
    };
    let sorted = |mut v: Vec<(usize, Option<i32>, String)>| {
        v.sort();
        v
    };
    assert_eq!(sorted(cells(&merged)), sorted(cells(original)));
    let dots = |s: &SessionState| match crate::example::step(s, "stemmen") {
        StepState::Vote(v) => (
            v.dots.values().copied().collect::<Vec<_>>(),
            v.voters,
            v.revealed,
        ),
        _ => panic!("vote"),
    };
    let (mut d1, v1, r1) = dots(&merged);
    let (mut d2, v2, r2) = dots(original);
    d1.sort();
    d2.sort();
    assert_eq!((d1, v1, r1), (d2, v2, r2));
    let agreement = |s: &SessionState| match crate::example::step(s, "akkoord") {
        StepState::Agreement(a) => (
            a.commitments
                .iter()
                .map(|c| (c.what.clone(), c.who.clone(), c.when.clone()))
                .collect::<Vec<_>>(),
            a.endorsements.values().map(|e| e.len()).collect::<Vec<_>>(),
        ),
        _ => panic!("agreement"),
    };
    assert_eq!(agreement(&merged), agreement(original));
    let people = |s: &SessionState| {
        s.participants
            .iter()
            .map(|p| (p.name.clone(), p.organisation.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(people(&merged), people(original));
}

#[test]
fn merging_other_scenarios_is_refused_with_a_clear_message() {
    let builtin = samenspel::store::catalog::find_scenario("zwolse-komedie")
        .unwrap()
        .scenario;
    let other = live(Session::new(
        std::sync::Arc::new(builtin),
        "Andere".into(),
        "2025-03-12T13:00:00Z".parse().unwrap(),
        Lang::Nl,
    ));
    let lives = [crate::example::load(), other];
    let err = merge(&groups(&lives, &["A", "B"]), None).unwrap_err();
    assert!(matches!(err, MergeError::OtherScenario { index: 1, .. }));
    assert_eq!(
        err.message(Lang::En),
        "input 2 ran scenario 'zwolse-komedie', but the first input ran 'voorbeeld-export'; only sessions of the same scenario can be merged"
    );

    let mut changed = crate::example::scenario();
    changed.steps[4].title.nl = "Anders".into();
    let lives = [
        crate::example::load(),
        live(Session::new(
            std::sync::Arc::new(changed),
            "B".into(),
            "2025-03-12T13:00:00Z".parse().unwrap(),
            Lang::Nl,
        )),
    ];
    let err = merge(&groups(&lives, &["A", "B"]), None).unwrap_err();
    assert!(
        err.message(Lang::Nl)
            .contains("een andere versie van scenario 'voorbeeld-export'"),
        "{}",
        err.message(Lang::Nl)
    );
    assert!(
        err.message(Lang::Nl).contains("stap 'stemmen'")
            || err.message(Lang::Nl).contains("step 'stemmen'")
    );
}

#[test]
fn merge_and_compare_commands() {
    let home = crate::common::home();
    let a = home.path().join("tafel-1.json");
    let b = home.path().join("tafel-2.json");
    std::fs::copy(crate::example::path(crate::example::FILE), &a).unwrap();
    std::fs::write(&b, try_session_json(&group_b()).unwrap()).unwrap();
    let out_file = home.path().join("samen.json");
    let args = [
        "merge",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
        "--names",
        "Noord,Zuid",
    ];
    let (code, out, err) = crate::common::run(&args, home.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("merged: 2 (Noord, Zuid)"), "{out}");
    let first = std::fs::read(&out_file).unwrap();
    let (code, _, _) = crate::common::run(&args, home.path());
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read(&out_file).unwrap(),
        first,
        "merging twice gives the same bytes"
    );
    let (code, out, _) = crate::common::run(&["check", out_file.to_str().unwrap()], home.path());
    assert_eq!(code, 0, "{out}");

    let (code, _, err) = crate::common::run(
        &[
            "merge",
            a.to_str().unwrap(),
            "-o",
            out_file.to_str().unwrap(),
            "--names",
            "A,B",
        ],
        home.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("samenspel: --names gives 2 names for 1 session;"),
        "{err}"
    );

    // Compare the first table with the second: what is new, gone, and how cells moved.
    let (code, out, err) = crate::common::run(
        &["compare", a.to_str().unwrap(), b.to_str().unwrap()],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("+ Lokaal eigenaarschap"), "{out}");
    assert!(
        out.contains("- Eerlijke verdeling van lusten en lasten"),
        "{out}"
    );
    assert!(
        out.contains("Tevreden bewoners (Municipality) × Municipality: +2 → +1"),
        "{out}"
    );
    assert!(out.contains("- Wijkavond organiseren"), "{out}");

    // And as a section of the report.
    let (code, out, err) = crate::common::run(
        &[
            "export",
            b.to_str().unwrap(),
            "--compare",
            a.to_str().unwrap(),
            "--lang",
            "nl",
        ],
        home.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("## Vergeleken met CoP Zwolle 3: doelen & akkoord"),
        "{out}"
    );
    assert!(out.contains("- nieuw: Lokaal eigenaarschap"), "{out}");

    let builtin = home.path().join("ander.json");
    let scenario = samenspel::store::catalog::find_scenario("zwolse-komedie")
        .unwrap()
        .scenario;
    let other = Session::new(
        std::sync::Arc::new(scenario),
        "Ander".into(),
        "2025-03-12T13:00:00Z".parse().unwrap(),
        Lang::Nl,
    );
    std::fs::write(&builtin, try_session_json(&other).unwrap()).unwrap();
    let (code, _, err) = crate::common::run(
        &["compare", a.to_str().unwrap(), builtin.to_str().unwrap()],
        home.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("different scenarios"), "{err}");
}

/// Every card text in a merged session, counted, equals the inputs' cards counted (for a
/// merge of distinct groups: tagged or shared).
#[test]
fn merged_card_counts_add_up() {
    let lives = [crate::example::load(), live(group_b())];
    let merged = merge(&groups(&lives, &["A", "B"]), None).unwrap();
    let state = live(merged.session).state;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in board_texts(&state) {
        *counts.entry(t).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let inputs: usize = lives.iter().map(|l| board_texts(&l.state).len()).sum();
    // The one starting card both groups kept unchanged is shared.
    assert_eq!(total, inputs - 1);
}
