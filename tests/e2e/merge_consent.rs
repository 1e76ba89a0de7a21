//! Merging breakout groups' consent rounds (see merge_kinds.rs for how the tables are made,
//! merged, checked and exported): positions per table, amendments across tables, and when the
//! merged round is decided.

use samenspel::core::consent::{ConsentPhase, Position, Stance};
use samenspel::core::{Change, Endorser};

use crate::common::home;
use crate::example::Recorder;
use crate::merge_kinds::{TABLES, export, merge, rows, section, table};

fn position(stance: Stance, text: &str) -> Option<Position> {
    Some(Position {
        stance,
        text: text.into(),
        resolved_by: None,
    })
}

fn stand(r: &mut Recorder, member: Endorser, stance: Stance, text: &str) {
    r.rec(Change::ConsentPositionSet {
        step: "vorm".into(),
        member,
        position: position(stance, text),
    });
}

fn phase(r: &mut Recorder, step: &str, phase: ConsentPhase) {
    r.rec(Change::ConsentPhaseSet {
        step: step.into(),
        phase,
    });
}

fn decide(r: &mut Recorder, step: &str) {
    r.rec(Change::ConsentDecided {
        step: step.into(),
        decided: true,
    });
}

fn by(party: &str) -> Endorser {
    Endorser::Party(party.into())
}

#[test]
fn consent_positions_come_per_table_and_an_open_objection_at_one_table_keeps_the_decision_open() {
    let dir = home();
    let mut t1 = table("samenwerkingsvorm", 1);
    phase(&mut t1, "vorm", ConsentPhase::Objections);
    stand(&mut t1, by("gemeente"), Stance::Consent, "");
    stand(
        &mut t1,
        by("initiatief"),
        Stance::Concern,
        "Houd de huurders erbij",
    );
    stand(&mut t1, by("vve"), Stance::StandAside, "");
    phase(&mut t1, "vorm", ConsentPhase::Consent);
    decide(&mut t1, "vorm");
    let mut t2 = table("samenwerkingsvorm", 2);
    phase(&mut t2, "vorm", ConsentPhase::Objections);
    stand(&mut t2, by("gemeente"), Stance::Consent, "");
    stand(&mut t2, by("initiatief"), Stance::Consent, "");
    stand(
        &mut t2,
        by("vve"),
        Stance::Objection,
        "De VvE besluit pas na haar ledenvergadering",
    );
    let mut t3 = table("samenwerkingsvorm", 3);
    phase(&mut t3, "vorm", ConsentPhase::Consent);
    stand(
        &mut t3,
        by("gemeente"),
        Stance::Concern,
        "Budget pas na de begroting",
    );
    decide(&mut t3, "vorm");
    let sessions = [t1.live.session, t2.live.session, t3.live.session];
    let (merged, _) = merge(dir.path(), &sessions, TABLES);
    let md = export(dir.path(), &merged, "md");
    let round = section(&md, "Besluit over de samenwerkingsvorm");
    // Each party takes its strongest position; the text says what each table said.
    assert_eq!(
        rows(round, "Gemeente"),
        [
            "| Gemeente | instemming met zorg | Tafel 1: instemming; Tafel 2: instemming; Tafel 3: instemming met zorg (Budget pas na de begroting) |"
        ],
        "{round}"
    );
    assert_eq!(
        rows(round, "Bewonersinitiatief"),
        [
            "| Bewonersinitiatief | instemming met zorg | Tafel 1: instemming met zorg (Houd de huurders erbij); Tafel 2: instemming |"
        ]
    );
    assert_eq!(
        rows(round, "Vereniging van Eigenaren"),
        [
            "| Vereniging van Eigenaren | bezwaar | Tafel 1: staat opzij; Tafel 2: bezwaar (De VvE besluit pas na haar ledenvergadering) |"
        ]
    );
    // Two tables decided, one has an open objection: the merged round is not decided.
    assert!(
        round.contains("*Nog geen besluit (ronde: instemming); 1 bezwaar staat open*"),
        "{round}"
    );
    assert!(!round.contains("Besluit genomen"));

    // The facilitator takes the merged round further: an amendment resolves the objection,
    // and then the decision can be taken.
    let live = samenspel::store::load_session(&merged).unwrap();
    let mut plenary = Recorder::continuing(live.session);
    let amendment = plenary.live.state.next_id;
    plenary.rec(Change::ConsentAmended {
        step: "vorm".into(),
        amendment,
        text: "Zoals voorgesteld; de VvE sluit aan na haar ledenvergadering.".into(),
        resolves: vec![by("vve")],
    });
    decide(&mut plenary, "vorm");
}

#[test]
fn tables_that_end_with_different_proposals_keep_each_amendment_and_decide_nothing() {
    let dir = home();
    let mut t1 = table("samenwerkingsvorm", 1);
    phase(&mut t1, "vorm", ConsentPhase::Objections);
    stand(&mut t1, by("gemeente"), Stance::Consent, "");
    stand(
        &mut t1,
        by("netbeheerder"),
        Stance::Objection,
        "Elke maand is te vaak voor ons",
    );
    let amendment = t1.live.state.next_id;
    t1.rec(Change::ConsentAmended {
        step: "vorm".into(),
        amendment,
        text: "Het projectteam komt elke zes weken bij elkaar.".into(),
        resolves: vec![by("netbeheerder")],
    });
    phase(&mut t1, "vorm", ConsentPhase::Consent);
    decide(&mut t1, "vorm");
    let mut t2 = table("samenwerkingsvorm", 2);
    phase(&mut t2, "vorm", ConsentPhase::Consent);
    stand(&mut t2, by("gemeente"), Stance::Consent, "");
    stand(&mut t2, by("netbeheerder"), Stance::Consent, "");
    decide(&mut t2, "vorm");
    let (merged, stderr) = merge(
        dir.path(),
        &[t1.live.session, t2.live.session],
        "Tafel 1,Tafel 2",
    );
    assert!(
        stderr.contains("note: step 'vorm': the groups ended with different proposals; the merged round holds each group's amendments one after the other"),
        "{stderr}"
    );
    let md = export(dir.path(), &merged, "md");
    let round = section(&md, "Besluit over de samenwerkingsvorm");
    // Tafel 1's amendment is kept, with its table, and still resolves the objection.
    assert!(
        round.contains("1. \\[Tafel 1\\] Het projectteam komt elke zes weken bij elkaar. *(lost het bezwaar op van Netbeheerder)*"),
        "{round}"
    );
    assert_eq!(
        rows(round, "Netbeheerder"),
        [
            "| Netbeheerder | bezwaar (opgelost door wijziging 1) | Tafel 1: bezwaar (Elke maand is te vaak voor ons); Tafel 2: instemming |"
        ]
    );
    assert!(
        round.contains("**Voorstel (gewijzigd):** \\[Tafel 1\\] Het projectteam komt elke zes weken bij elkaar."),
        "{round}"
    );
    assert_eq!(rows(round, "Gemeente"), ["| Gemeente | instemming |  |"]);
    // Both tables decided, but on different texts: the merge takes no decision.
    assert!(
        round.contains("*Nog geen besluit (ronde: instemming)*"),
        "{round}"
    );
}

#[test]
fn tables_that_wrote_the_same_proposal_decide_it_once_with_every_participant() {
    let dir = home();
    let proposal = "We kopen samen zonnepanelen in voor het dak van de sporthal.";
    let mut sessions = Vec::new();
    for (n, names) in [(1, ["Anna de Vries", "Bram"]), (2, ["Karin Smit", "Özlem"])] {
        let mut t = table("consent-besluit", n);
        let a = t.person(Some(names[0]), "Gemeente Zwolle", "gemeente");
        let b = t.person(Some(names[1]), "Energiecoöperatie", "initiatief");
        let id = t.live.state.next_id;
        t.rec(Change::ConsentAmended {
            step: "ronde".into(),
            amendment: id,
            text: proposal.into(),
            resolves: Vec::new(),
        });
        phase(&mut t, "ronde", ConsentPhase::Consent);
        for (who, stance, text) in [
            (a, Stance::Consent, ""),
            (b, Stance::Concern, "Let op de dakconstructie"),
        ] {
            t.rec(Change::ConsentPositionSet {
                step: "ronde".into(),
                member: Endorser::Participant(who),
                position: position(stance, text),
            });
        }
        decide(&mut t, "ronde");
        sessions.push(t.live.session);
    }
    let (merged, stderr) = merge(dir.path(), &sessions, "Tafel 1,Tafel 2");
    assert!(!stderr.contains("different proposals"), "{stderr}");
    let report = export(dir.path(), &merged, "md");
    let md = section(&report, "De consentronde");
    assert!(
        md.contains(&format!("**Voorstel (gewijzigd):** {proposal}")),
        "{md}"
    );
    assert!(md.contains("*Besluit genomen*"), "{md}");
    // Written at both tables, in the history once.
    assert!(md.contains(&format!("1. {proposal}")), "{md}");
    assert!(!md.contains(&format!("2. {proposal}")), "{md}");
    // Every participant of every table keeps their own position.
    for who in ["Anna de Vries", "Karin Smit"] {
        assert_eq!(
            rows(md, who),
            [format!("| {who} | instemming |  |")],
            "{md}"
        );
    }
    for who in ["Bram", "Özlem"] {
        assert_eq!(
            rows(md, who),
            [format!(
                "| {who} | instemming met zorg | Let op de dakconstructie |"
            )]
        );
    }
    assert!(
        md.contains("*2 instemmingen · 2 instemmingen met zorg*"),
        "{md}"
    );
}

#[test]
fn a_partys_objection_resolved_at_one_table_and_open_at_another_stays_open() {
    let dir = home();
    let mut sessions = Vec::new();
    for n in [1, 2] {
        let mut t = table("samenwerkingsvorm", n);
        phase(&mut t, "vorm", ConsentPhase::Objections);
        stand(
            &mut t,
            by("netbeheerder"),
            Stance::Objection,
            "Elke maand is te vaak voor ons",
        );
        if n == 1 {
            let amendment = t.live.state.next_id;
            t.rec(Change::ConsentAmended {
                step: "vorm".into(),
                amendment,
                text: "Het projectteam komt elke zes weken bij elkaar.".into(),
                resolves: vec![by("netbeheerder")],
            });
        }
        sessions.push(t.live.session);
    }
    let (merged, _) = merge(dir.path(), &sessions, "Tafel 1,Tafel 2");
    let md = export(dir.path(), &merged, "md");
    let round = section(&md, "Besluit over de samenwerkingsvorm");
    assert_eq!(
        rows(round, "Netbeheerder"),
        [
            "| Netbeheerder | bezwaar | Tafel 1: Elke maand is te vaak voor ons; Tafel 2: Elke maand is te vaak voor ons |"
        ],
        "{round}"
    );
    assert!(
        round.contains("*Nog geen besluit (ronde: bezwaren); 1 bezwaar staat open*"),
        "{round}"
    );
    // Tafel 1's amendment is kept, but resolves nothing any more.
    assert!(
        round.contains("1. \\[Tafel 1\\] Het projectteam komt elke zes weken bij elkaar.\n"),
        "{round}"
    );
}
