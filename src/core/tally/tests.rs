use std::sync::Arc;

use jiff::Timestamp;

use super::*;
use crate::core::event::{Change, Event};
use crate::core::scenario::Scenario;
use crate::core::state::Participant;
use crate::core::text::Lang;

fn scenario() -> Scenario {
    let t = |s: &str| serde_json::json!({"nl": s, "en": s});
    serde_json::from_value(serde_json::json!({
        "format": "samenspel/scenario", "version": 1, "id": "t",
        "title": t("T"), "description": t("D"),
        "parties": [
            {"id": "gemeente", "name": t("Gemeente"), "short": "GEM"},
            {"id": "initiatief", "name": t("Initiatief"), "short": "INI"},
            {"id": "netbeheerder", "name": t("Net"), "short": "NET"}
        ],
        "steps": [
            {"id": "bord", "title": t("Bord"), "prompt": t("?"), "board": {"lanes": [
                {"id": "a", "title": t("A"), "cards": [{"text": t("een")}, {"text": t("twee")}]},
                {"id": "b", "title": t("B"), "cards": [{"text": t("drie")}]}
            ]}},
            {"id": "kaarten", "title": t("K"), "prompt": t("?"), "vote": {"on": "bord", "dots": 2}},
            {"id": "themas", "title": t("T"), "prompt": t("?"),
             "vote": {"on": "bord", "targets": "themes", "dots": 1}},
            {"id": "partijen", "title": t("P"), "prompt": t("?"), "agreement": {
                "statement": t("Samen"), "principles": [{"id": "open", "text": t("Open")}],
                "endorse_by": "parties"}},
            {"id": "mensen", "title": t("M"), "prompt": t("?"), "agreement": {
                "statement": t("Samen"), "endorse_by": "participants"}}
        ]
    }))
    .expect("test scenario")
}

fn person(id: u32, present: bool) -> Participant {
    Participant {
        id,
        name: None,
        organisation: format!("org {id}"),
        party: None,
        present,
    }
}

fn state(people: Vec<Participant>) -> SessionState {
    SessionState::new(Arc::new(scenario()), Lang::Nl, people)
}

fn apply(state: &mut SessionState, change: Change) {
    let event = Event::new(Timestamp::UNIX_EPOCH, change);
    state.apply(&event).expect("change applies");
}

/// The id of the card with this text on the board.
fn card(state: &SessionState, text: &str) -> VoteTarget {
    let id = state
        .board(0)
        .and_then(|b| b.cards().find(|c| c.text == text).map(|c| c.id))
        .expect("card on the board");
    VoteTarget::Card(id)
}

fn dot(state: &mut SessionState, step: &str, target: VoteTarget) {
    apply(
        state,
        Change::DotAdded {
            step: step.into(),
            target,
        },
    );
}

#[test]
fn voters_default_to_the_participants_present_and_dots_left_never_go_below_zero() {
    let mut s = state(vec![person(10, true), person(11, true), person(12, false)]);
    let count = dot_count(&s, 1).expect("vote step");
    assert_eq!(
        (count.voters, count.from_present, count.capacity),
        (2, true, 4)
    );
    let t = card(&s, "een");
    dot(&mut s, "kaarten", t);
    let t = card(&s, "een");
    dot(&mut s, "kaarten", t);
    let t = card(&s, "drie");
    dot(&mut s, "kaarten", t);
    assert_eq!(dot_count(&s, 1).map(|c| (c.used, c.left())), Some((3, 1)));

    apply(
        &mut s,
        Change::VotersSet {
            step: "kaarten".into(),
            voters: Some(1),
        },
    );
    let count = dot_count(&s, 1).expect("vote step");
    assert_eq!(
        (count.voters, count.from_present, count.capacity),
        (1, false, 2)
    );
    assert_eq!(
        count.left(),
        0,
        "3 dots used of 2: nothing left, not an underflow"
    );
    assert_eq!(dot_count(&s, 0), None, "a board is not a vote");
}

#[test]
fn candidates_follow_the_board_and_ranking_shares_ranks_on_ties() {
    let mut s = state(vec![person(10, true), person(11, true), person(12, true)]);
    let t = card(&s, "drie");
    dot(&mut s, "kaarten", t);
    let t = card(&s, "drie");
    dot(&mut s, "kaarten", t);
    let t = card(&s, "twee");
    dot(&mut s, "kaarten", t);
    let t = card(&s, "een");
    dot(&mut s, "kaarten", t);
    let list = candidates(&s, 1);
    let labels: Vec<_> = list.iter().map(|c| c.label.as_deref()).collect();
    assert_eq!(labels, [Some("een"), Some("twee"), Some("drie")]);
    // drie 2, then een and twee tie at 1 in board order, sharing rank 2.
    assert_eq!(ranked(&list), vec![(1, 2), (2, 0), (2, 1)]);
}

#[test]
fn a_deleted_card_keeps_its_dots_as_a_nameless_candidate() {
    let mut s = state(vec![person(10, true)]);
    let t = card(&s, "twee");
    dot(&mut s, "kaarten", t);
    let twee = card(&s, "twee");
    let VoteTarget::Card(id) = twee else {
        unreachable!()
    };
    apply(
        &mut s,
        Change::CardDeleted {
            step: "bord".into(),
            card: id,
        },
    );
    let list = candidates(&s, 1);
    assert_eq!(list.len(), 3);
    assert_eq!(list[2].target, twee);
    assert_eq!((list[2].label.as_deref(), list[2].dots), (None, 1));
}

#[test]
fn a_theme_vote_offers_each_theme_where_its_first_card_is() {
    let mut s = state(vec![person(10, true)]);
    let cards = [card(&s, "een"), card(&s, "drie")];
    apply(
        &mut s,
        Change::ThemeSet {
            step: "bord".into(),
            cards: cards
                .into_iter()
                .filter_map(|t| match t {
                    VoteTarget::Card(id) => Some(id),
                    VoteTarget::Theme(_) => None,
                })
                .collect(),
            theme: Some("Contact".into()),
        },
    );
    dot(&mut s, "themas", VoteTarget::Theme("Contact".into()));
    let list = candidates(&s, 2);
    let view: Vec<_> = list
        .iter()
        .map(|c| (c.label.as_deref(), c.cards, c.dots))
        .collect();
    assert_eq!(view, [(Some("Contact"), 2, 1), (Some("twee"), 1, 0)]);
    // A theme of later cards comes after the loose card before them, as the board shows.
    let later = [card(&s, "twee"), card(&s, "drie")];
    let ids: Vec<u32> = later
        .into_iter()
        .filter_map(|t| match t {
            VoteTarget::Card(id) => Some(id),
            VoteTarget::Theme(_) => None,
        })
        .collect();
    let first = match card(&s, "een") {
        VoteTarget::Card(id) => id,
        VoteTarget::Theme(_) => unreachable!("a card"),
    };
    apply(
        &mut s,
        Change::ThemeSet {
            step: "bord".into(),
            cards: vec![first],
            theme: None,
        },
    );
    apply(
        &mut s,
        Change::ThemeSet {
            step: "bord".into(),
            cards: ids,
            theme: Some("Later".into()),
        },
    );
    let labels: Vec<_> = candidates(&s, 2)
        .iter()
        .map(|c| c.label.clone().unwrap_or_default())
        .collect();
    // "Contact" is gone (its cards left it), its dot waits last to be taken off.
    assert_eq!(labels, ["een", "Later", ""]);
}

#[test]
fn parties_endorse_out_of_all_parties() {
    let mut s = state(Vec::new());
    assert_eq!(
        endorsable_items(match &s.scenario.steps[3].kind {
            StepKind::Agreement(a) => a,
            _ => unreachable!(),
        }),
        ["statement", "open"]
    );
    for party in ["netbeheerder", "gemeente"] {
        apply(
            &mut s,
            Change::EndorsementSet {
                step: "partijen".into(),
                item: "statement".into(),
                endorser: party.into(),
                endorsed: true,
            },
        );
    }
    let e = endorsement(&s, 3, "statement");
    assert_eq!(
        e.by,
        ["gemeente", "netbeheerder"],
        "in the scenario's order"
    );
    assert_eq!(e.of, 3);
    assert_eq!(endorsement(&s, 3, "open").by.len(), 0);
}

#[test]
fn participants_endorse_out_of_those_present_plus_absent_endorsers() {
    let mut s = state(vec![person(10, true), person(11, true), person(12, false)]);
    assert_eq!(endorsement(&s, 4, "statement").of, 2, "only those present");
    apply(
        &mut s,
        Change::EndorsementSet {
            step: "mensen".into(),
            item: "statement".into(),
            endorser: Endorser::Participant(11),
            endorsed: true,
        },
    );
    // 11 leaves the room: its endorsement still counts, and so does it in the total.
    let mut gone = person(11, false);
    gone.organisation = "org 11".into();
    apply(&mut s, Change::ParticipantEdited { participant: gone });
    let e = endorsement(&s, 4, "statement");
    assert_eq!((e.by, e.of), (vec![Endorser::parse("p11")], 2));
    // Removed participants no longer count at all.
    apply(&mut s, Change::ParticipantRemoved { id: 11 });
    let e = endorsement(&s, 4, "statement");
    assert_eq!((e.by.len(), e.of), (0, 1));
}
