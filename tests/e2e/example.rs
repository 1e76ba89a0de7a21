//! The example session the export tests use: built with the library through
//! `Live::record`, using every kind of step (a board with themes and party tags, a numeric
//! and a level matrix with values and notes, a revealed vote, an agreement with
//! endorsements and commitments, a review of an earlier meeting with marks, a grid of the
//! parties with a typed item and notes, a poll that keeps each answer with one statement
//! revealed, a decided consent round whose objection an amendment resolved) and
//! participants with and without names. Its file is
//! committed as tests/data/example-session.json; a test keeps the two equal.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use samenspel::core::consent::{ConsentPhase, Position, Stance};
use samenspel::core::grid::{GridItem, GridPoint};
use samenspel::core::state::{Commitment, Participant, ReviewStatus, RowRef, VoteTarget};
use samenspel::core::{Change, Endorser, Lang, Live, Scenario, Session};

/// A card with a comma, a quote and a line break: must survive every format.
pub const TRICKY: &str = "Kosten, \"eerlijk\" verdeeld\nen betaalbaar";
/// A card full of markup and a terminal escape: must come out as plain text.
pub const HOSTILE: &str = "*Snel* <b>klaar</b> | [link](x) \u{1b}[31mrood";
/// The names in the example (none may appear in an anonymized export).
pub const NAMES: [&str; 4] = ["Anna de Vries", "Bram Jansen", "Bram", "Özlem Çelik"];

/// A path inside the crate.
pub fn path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The example's scenario (tests/example/scenario.json), validated.
pub fn scenario() -> Scenario {
    let file = path("tests/example/scenario.json");
    let bytes = std::fs::read(&file).expect("read the example scenario");
    samenspel::store::parse_scenario(&file, &bytes).expect("the example scenario is valid")
}

/// Records changes one after another, 30 seconds apart.
pub struct Recorder {
    /// The session being built.
    pub live: Live,
    at: Timestamp,
}

impl Recorder {
    /// A new session of `scenario` started at `at`.
    pub fn new(scenario: Scenario, title: &str, at: &str) -> Recorder {
        let at: Timestamp = at.parse().expect("a time");
        let mut session = Session::new(Arc::new(scenario), title.to_string(), at, Lang::Nl);
        // Held in the Netherlands: reports show its times in that zone, named.
        session.time_zone = Some("Europe/Amsterdam".into());
        Recorder {
            live: Live::open(session).expect("a new session folds"),
            at,
        }
    }

    /// Goes on recording in an existing session, 30 seconds after its last change.
    pub fn continuing(session: Session) -> Recorder {
        let at = session.events.last().map_or(session.created, |e| e.at);
        Recorder {
            live: Live::open(session).expect("the session folds"),
            at,
        }
    }

    /// Records one change.
    pub fn rec(&mut self, change: Change) {
        self.at += SignedDuration::from_secs(30);
        if let Err(e) = self.live.record(change.clone(), self.at) {
            panic!("{change:?} was refused: {e}");
        }
    }

    /// Adds a card and returns its id.
    pub fn card(&mut self, step: &str, lane: &str, text: &str, party: Option<&str>) -> u32 {
        let card = self.live.state.next_id;
        self.rec(Change::CardAdded {
            step: step.into(),
            lane: lane.into(),
            card,
            text: text.into(),
            party: party.map(Into::into),
            theme: None,
            position: None,
        });
        card
    }

    /// Adds a participant and returns its id.
    pub fn person(&mut self, name: Option<&str>, organisation: &str, party: &str) -> u32 {
        let id = self.live.state.next_id;
        self.rec(Change::ParticipantAdded {
            participant: Participant {
                id,
                name: name.map(Into::into),
                organisation: organisation.into(),
                party: Some(party.into()),
                present: true,
            },
        });
        id
    }

    /// Rates a cell.
    pub fn cell(&mut self, step: &str, row: RowRef, column: &str, value: i32) {
        self.rec(Change::CellSet {
            step: step.into(),
            row,
            column: column.into(),
            value: Some(value),
        });
    }

    /// Writes a note on a cell.
    pub fn note(&mut self, step: &str, row: RowRef, column: &str, note: &str) {
        self.rec(Change::CellNoted {
            step: step.into(),
            row,
            column: column.into(),
            note: note.into(),
        });
    }

    /// Puts `n` dots on a card.
    pub fn dots(&mut self, step: &str, card: u32, n: u32) {
        for _ in 0..n {
            self.rec(Change::DotAdded {
                step: step.into(),
                target: VoteTarget::Card(card),
            });
        }
    }

    /// Adds a commitment.
    pub fn commit(&mut self, step: &str, what: &str, who: &str, when: &str) {
        let id = self.live.state.next_id;
        self.rec(Change::CommitmentAdded {
            step: step.into(),
            commitment: Commitment {
                id,
                what: what.into(),
                who: who.into(),
                when: when.into(),
                ..Default::default()
            },
            position: None,
        });
    }

    /// Endorses an item.
    pub fn endorse(&mut self, step: &str, item: &str, participant: u32) {
        self.rec(Change::EndorsementSet {
            step: step.into(),
            item: item.into(),
            endorser: samenspel::core::Endorser::Participant(participant),
            endorsed: true,
        });
    }

    /// Places a grid item at (`x`, `y`).
    pub fn place(&mut self, step: &str, item: GridItem, x: u8, y: u8) {
        self.rec(Change::GridPlaced {
            step: step.into(),
            item,
            at: Some(GridPoint { x, y }),
        });
    }

    /// Writes a note on a grid item.
    pub fn grid_note(&mut self, step: &str, item: GridItem, note: &str) {
        self.rec(Change::GridNoted {
            step: step.into(),
            item,
            note: note.into(),
        });
    }

    /// Records a participant's answer to a poll statement.
    pub fn answer(&mut self, step: &str, statement: &str, participant: u32, answer: i32) {
        self.rec(Change::PollAnswered {
            step: step.into(),
            statement: statement.into(),
            respondent: samenspel::core::Endorser::Participant(participant),
            answer: Some(answer),
        });
    }

    /// Moves a consent round to `phase`.
    pub fn consent_phase(&mut self, step: &str, phase: ConsentPhase) {
        self.rec(Change::ConsentPhaseSet {
            step: step.into(),
            phase,
        });
    }

    /// Records a member's position in a consent round.
    pub fn stance(&mut self, step: &str, member: Endorser, stance: Stance, text: &str) {
        self.rec(Change::ConsentPositionSet {
            step: step.into(),
            member,
            position: Some(Position {
                stance,
                text: text.into(),
                resolved_by: None,
            }),
        });
    }

    /// Opens a step.
    pub fn open(&mut self, step: &str) {
        self.rec(Change::StepOpened { step: step.into() });
    }
}

/// The state of the step with this id.
pub fn step<'a>(
    state: &'a samenspel::core::SessionState,
    id: &str,
) -> &'a samenspel::core::StepState {
    let index = state.scenario.step_index(id).expect("a step with this id");
    &state.steps[index]
}

/// The example session.
pub fn session() -> Session {
    let mut r = Recorder::new(
        scenario(),
        "CoP Zwolle 3: doelen & akkoord",
        "2025-03-12T13:00:00Z",
    );
    // Starting cards 1 and 2 are the municipality's goals.
    let anna = r.person(Some("Anna de Vries"), "Gemeente Zwolle", "gemeente");
    let bram = r.person(Some("Bram"), "Energiecoöperatie Zwolle-Zuid", "initiatief");
    let warmte = r.person(None, "Warmtebedrijf Noord", "warmtebedrijf");
    let ozlem = r.person(
        Some("Özlem Çelik"),
        "Woonstichting De Kamp",
        "woningcorporatie",
    );
    r.rec(Change::ReviewMarked {
        step: "terugblik".into(),
        item: "a1".into(),
        status: Some(ReviewStatus::Done),
    });
    r.rec(Change::ReviewMarked {
        step: "terugblik".into(),
        item: "a2".into(),
        status: Some(ReviewStatus::Open),
    });
    r.open("doelen");
    r.rec(Change::ParticipantEdited {
        participant: Participant {
            id: bram,
            name: Some("Bram Jansen".into()),
            organisation: "Energiecoöperatie Zwolle-Zuid".into(),
            party: Some("initiatief".into()),
            present: true,
        },
    });

    let eerlijk = r.card(
        "doelen",
        "initiatief",
        "Eerlijke verdeling van lusten en lasten",
        Some("initiatief"),
    );
    let stem = r.card(
        "doelen",
        "initiatief",
        "Bewoners een stem geven",
        Some("initiatief"),
    );
    let tricky = r.card("doelen", "initiatief", TRICKY, Some("initiatief"));
    let business = r.card("doelen", "overig", "Een businesscase die rond is", None);
    r.rec(Change::CardTagged {
        step: "doelen".into(),
        card: business,
        party: Some("warmtebedrijf".into()),
    });
    let hostile = r.card("doelen", "overig", HOSTILE, None);
    let sneller = r.card(
        "doelen",
        "overig",
        "Volgens anna de vries moet het snellr",
        None,
    );
    r.rec(Change::CardEdited {
        step: "doelen".into(),
        card: sneller,
        text: "Volgens Anna de Vries moet het sneller".into(),
    });
    let weg = r.card("doelen", "overig", "Dubbele kaart", None);
    r.rec(Change::CardDeleted {
        step: "doelen".into(),
        card: weg,
    });
    r.rec(Change::CardMoved {
        step: "doelen".into(),
        card: stem,
        lane: "initiatief".into(),
        position: 0,
    });
    r.rec(Change::ThemeSet {
        step: "doelen".into(),
        cards: vec![eerlijk, stem],
        theme: Some("Eerlijk & open".into()),
    });
    r.rec(Change::ThemeSet {
        step: "doelen".into(),
        cards: vec![1, 2],
        theme: Some("Bewoners centraal".into()),
    });

    r.open("matrix");
    let card = RowRef::Card;
    r.cell("matrix", card(1), "gemeente", 2);
    r.cell("matrix", card(1), "initiatief", 2);
    r.cell("matrix", card(1), "warmtebedrijf", 1);
    r.cell("matrix", card(2), "gemeente", 2);
    r.cell("matrix", card(2), "warmtebedrijf", 0);
    r.cell("matrix", card(eerlijk), "initiatief", 2);
    r.cell("matrix", card(eerlijk), "warmtebedrijf", -1);
    r.cell("matrix", card(business), "warmtebedrijf", 2);
    r.cell("matrix", card(business), "initiatief", -2);
    r.note(
        "matrix",
        card(business),
        "initiatief",
        "Winst mag niet ten koste gaan van bewoners",
    );
    r.note("matrix", card(tricky), "gemeente", "Nog niet besproken");

    r.open("fase");
    let row = |id: &str| RowRef::Row(id.into());
    r.cell("fase", row("ambitie"), "opstarten", 2);
    r.cell("fase", row("ambitie"), "uitwerken", 1);
    r.cell("fase", row("wijk"), "opstarten", 1);
    r.cell("fase", row("wijk"), "uitwerken", 3);
    r.note(
        "fase",
        row("wijk"),
        "opstarten",
        "Eerste wijkavond is gepland",
    );

    r.open("stemmen");
    r.dots("stemmen", 1, 3);
    r.dots("stemmen", eerlijk, 3);
    r.dots("stemmen", business, 2);
    r.dots("stemmen", hostile, 1);
    r.dots("stemmen", tricky, 1);
    r.rec(Change::Undo);
    r.rec(Change::VoteRevealed {
        step: "stemmen".into(),
        revealed: true,
    });

    r.open("krachtenveld");
    let party = |id: &str| GridItem::Party(id.into());
    r.place("krachtenveld", party("gemeente"), 4, 4);
    r.place("krachtenveld", party("woningcorporatie"), 3, 3);
    r.place("krachtenveld", party("warmtebedrijf"), 2, 4);
    r.place("krachtenveld", party("netbeheerder"), 1, 3);
    r.place("krachtenveld", party("initiatief"), 4, 2);
    r.grid_note("krachtenveld", party("initiatief"), "Wil meer zeggenschap");
    let huurders = r.live.state.next_id;
    r.rec(Change::GridItemAdded {
        step: "krachtenveld".into(),
        item: huurders,
        label: "Huurdersvereniging".into(),
        party: None,
        position: None,
    });
    r.place("krachtenveld", GridItem::Item(huurders), 3, 1);
    r.grid_note(
        "krachtenveld",
        GridItem::Item(huurders),
        "Nog niet uitgenodigd",
    );

    r.open("peiling");
    for (who, tempo, betaalbaar) in [
        (anna, 4, Some(3)),
        (bram, 2, Some(1)),
        (warmte, 3, None),
        (ozlem, 2, Some(2)),
    ] {
        r.answer("peiling", "tempo", who, tempo);
        if let Some(v) = betaalbaar {
            r.answer("peiling", "betaalbaar", who, v);
        }
    }
    r.rec(Change::PollRevealed {
        step: "peiling".into(),
        statement: "tempo".into(),
        revealed: true,
    });

    r.open("besluit");
    let who = Endorser::Participant;
    r.rec(Change::ConsentSaid {
        step: "besluit".into(),
        phase: ConsentPhase::Questions,
        member: who(ozlem),
        text: "Wie zit er namens de huurders in het team?".into(),
    });
    r.consent_phase("besluit", ConsentPhase::Reactions);
    r.rec(Change::ConsentSaid {
        step: "besluit".into(),
        phase: ConsentPhase::Reactions,
        member: who(bram),
        text: "Goed dat er een vast team komt.".into(),
    });
    r.consent_phase("besluit", ConsentPhase::Objections);
    r.stance(
        "besluit",
        who(warmte),
        Stance::Objection,
        "Elke maand is te vaak voor een klein bedrijf",
    );
    let amendment = r.live.state.next_id;
    r.rec(Change::ConsentAmended {
        step: "besluit".into(),
        amendment,
        text: "We vormen een wijkteam dat elke zes weken bij elkaar komt.".into(),
        resolves: vec![who(warmte)],
    });
    r.consent_phase("besluit", ConsentPhase::Consent);
    r.stance("besluit", who(anna), Stance::Consent, "");
    r.stance(
        "besluit",
        who(bram),
        Stance::Concern,
        "De huurders krijgen een eigen plek in het team",
    );
    r.stance("besluit", who(ozlem), Stance::StandAside, "");
    r.rec(Change::ConsentDecided {
        step: "besluit".into(),
        decided: true,
    });

    r.open("akkoord");
    for p in [anna, bram, warmte] {
        r.endorse("akkoord", "statement", p);
    }
    r.endorse("akkoord", "elkaar-nodig", anna);
    r.endorse("akkoord", "elkaar-nodig", ozlem);
    r.commit(
        "akkoord",
        "Wijkavond organiseren",
        "Anna de Vries",
        "voor de zomer",
    );
    r.commit(
        "akkoord",
        "Businesscase delen met de coöperatie",
        "warmtebedrijf",
        "1 juni",
    );
    r.commit(
        "akkoord",
        "Verslag rondsturen",
        "Bram Jansen",
        "volgende week",
    );
    r.live.session
}

/// The committed example session file.
pub const FILE: &str = "tests/data/example-session.json";

/// The committed example, read through the store as any session file.
pub fn load() -> Live {
    samenspel::store::load_session(&path(FILE)).expect("the example session loads")
}

/// Compares `actual` with a committed golden file; with UPDATE_GOLDEN=1 (a person, after
/// looking at the difference) writes it instead.
pub fn golden(rel: &str, actual: &[u8]) {
    let file = path(rel);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("create folder");
        std::fs::write(&file, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read(&file).unwrap_or_default();
    if expected != actual {
        // The new output goes to cargo's scratch folder, never into the repository.
        let got = Path::new(env!("CARGO_TARGET_TMPDIR")).join(rel.replace('/', "_"));
        let _ = std::fs::write(&got, actual);
        panic!(
            "{rel} differs from what the exports make now (written to {}).\n\
             Look at the difference (e.g. `diff {rel} {}`); if the new output is right, \
             regenerate with: UPDATE_GOLDEN=1 cargo test --test exports",
            got.display(),
            got.display()
        );
    }
}
