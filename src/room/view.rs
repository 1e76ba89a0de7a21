//! What phones may see: a snapshot of the session built on the session loop's thread each
//! time it changes, in two parts. The room's part is what the beamer shows of the current
//! step (its prompt, a board's lanes, a vote's cards, an agreement's text); each device's
//! own part is what only that phone may see (its cards and whether they were accepted, its
//! dots, its endorsements). The server sends a phone the room's part and its own part,
//! never another's: the inbox, other phones' pending cards and, until the reveal, anyone's
//! dots never leave the laptop.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::core::room::{Device, Proposal, ProposalStatus, Proposed};
use crate::core::scenario::{Endorsers, StepKind};
use crate::core::state::{SessionState, StepState, VoteTarget};
use crate::core::tally::{candidates, ranked};
use crate::core::text::Text;
use crate::core::{Lang, Live};

/// A device as the server knows it from the snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceEntry {
    /// Its number.
    pub id: u32,
    /// Removed by the facilitator.
    pub removed: bool,
}

/// What phones may see at one moment.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The room's part, JSON.
    pub(crate) public: String,
    /// Each device's own part, JSON.
    pub(crate) private: HashMap<u32, String>,
    /// Devices by the SHA-256 of their secret.
    pub(crate) devices: HashMap<String, DeviceEntry>,
    /// Devices that joined, removed ones included.
    pub(crate) device_count: usize,
    /// What a phone sees before it joins: the meeting's title, the parties, the language.
    pub(crate) hello: String,
}

fn text(t: &Text) -> Value {
    json!({"nl": t.nl, "en": t.en})
}

fn same(s: &str) -> Value {
    json!({"nl": s, "en": s})
}

fn target(t: &VoteTarget) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

impl Snapshot {
    /// The snapshot of `live` for phones whose page starts in `lang`.
    pub fn build(live: &Live, lang: Lang) -> Snapshot {
        let state = &live.state;
        let scenario = &state.scenario;
        let parties: Vec<Value> = scenario
            .parties()
            .iter()
            .map(|p| json!({"id": p.id, "name": text(&p.name)}))
            .collect();
        let hello = json!({
            "title": live.session.title,
            "scenario": text(&scenario.title),
            "parties": parties,
            "lang": lang.code(),
        });
        let public = json!({
            "title": live.session.title,
            "scenario": text(&scenario.title),
            "step_name": scenario
                .step_name
                .as_ref()
                .map(text)
                .unwrap_or_else(|| json!({"nl": "Stap", "en": "Step"})),
            "parties": parties,
            "lang": lang.code(),
            "step": step_view(state),
        });
        // Each device's proposals of the current step, found in one pass.
        let step_id = scenario
            .steps
            .get(state.current)
            .map_or("", |s| s.id.as_str());
        let mut theirs: HashMap<u32, Vec<&Proposal>> = HashMap::new();
        for p in state.room.proposals.values().filter(|p| p.step == step_id) {
            theirs.entry(p.device).or_default().push(p);
        }
        let mut devices = HashMap::new();
        let mut private = HashMap::new();
        for d in state.room.devices.values() {
            devices.insert(
                d.secret.clone(),
                DeviceEntry {
                    id: d.id,
                    removed: d.removed,
                },
            );
            let proposals = theirs.get(&d.id).map_or(&[][..], Vec::as_slice);
            private.insert(d.id, own_view(state, d, proposals).to_string());
        }
        Snapshot {
            public: public.to_string(),
            private,
            devices,
            device_count: state.room.devices.len(),
            hello: hello.to_string(),
        }
    }

    /// The device with the secret whose SHA-256 is `hash`.
    pub(crate) fn device(&self, hash: &str) -> Option<DeviceEntry> {
        self.devices.get(hash).copied()
    }

    /// Everything device `device` may see, as one JSON object: `{"room": ..., "me": ...}`.
    pub(crate) fn view(&self, device: u32) -> String {
        let me = self.private.get(&device).map_or("null", String::as_str);
        format!(r#"{{"room":{},"me":{me}}}"#, self.public)
    }
}

/// The current step as the room sees it.
fn step_view(state: &SessionState) -> Value {
    let index = state.current;
    let Some(step) = state.scenario.steps.get(index) else {
        return Value::Null;
    };
    let mut view = json!({
        "index": index,
        "count": state.scenario.steps.len(),
        "id": step.id,
        "kind": step.kind.name(),
        "title": text(&step.title),
        "prompt": text(&step.prompt),
    });
    let extra = match &step.kind {
        StepKind::Board(spec) => json!({
            "lanes": spec
                .lanes
                .iter()
                .map(|l| json!({"id": l.id, "title": text(&l.title)}))
                .collect::<Vec<_>>(),
            "inbox": state.room.moderated(&step.id),
        }),
        StepKind::Vote(spec) => {
            let list = candidates(state, index);
            let revealed = matches!(state.steps.get(index), Some(StepState::Vote(v)) if v.revealed);
            let results: Value = if revealed {
                ranked(&list)
                    .into_iter()
                    .map(|(rank, i)| {
                        let c = &list[i];
                        json!({"rank": rank, "target": target(&c.target), "label": c.label, "dots": c.dots})
                    })
                    .collect()
            } else {
                Value::Null
            };
            json!({
                "dots": spec.dots,
                "candidates": list
                    .iter()
                    .map(|c| json!({"target": target(&c.target), "label": c.label, "cards": c.cards}))
                    .collect::<Vec<_>>(),
                "revealed": revealed,
                "results": results,
            })
        }
        StepKind::Agreement(spec) => {
            let commitments: Vec<Value> = match state.steps.get(index) {
                Some(StepState::Agreement(a)) => a
                    .commitments
                    .iter()
                    .map(|c| {
                        let who = state
                            .scenario
                            .parties()
                            .iter()
                            .find(|p| p.id == c.who)
                            .map_or_else(|| same(&c.who), |p| text(&p.name));
                        json!({"what": c.what, "who": who, "when": c.when})
                    })
                    .collect(),
                _ => Vec::new(),
            };
            json!({
                "statement": spec.statement.as_ref().map(text),
                "principles": spec
                    .principles
                    .iter()
                    .map(|p| json!({"id": p.id, "text": text(&p.text)}))
                    .collect::<Vec<_>>(),
                "endorse_by": match spec.endorse_by {
                    Endorsers::Parties => "parties",
                    Endorsers::Participants => "participants",
                },
                "commitments": commitments,
                "inbox": state.room.moderated(&step.id),
            })
        }
        StepKind::Consent(_) | StepKind::Poll(_) => {
            super::view_kinds::room(state, index, &step.kind)
        }
        StepKind::Matrix(_) | StepKind::Review(_) | StepKind::Grid(_) => json!({}),
    };
    if let (Value::Object(view), Value::Object(extra)) = (&mut view, extra) {
        view.extend(extra);
    }
    view
}

/// What only device `d` may see of the current step; `proposals` are its proposals there.
fn own_view(state: &SessionState, d: &Device, proposals: &[&Proposal]) -> Value {
    let index = state.current;
    let step = state.scenario.steps.get(index);
    let mut cards = Vec::new();
    let mut commitments = Vec::new();
    for p in proposals {
        match &p.content {
            Proposed::Card { lane, text, .. } => {
                let on_board = state.board(index).and_then(|b| b.card(p.id));
                let (status, text) = match (p.status, on_board) {
                    (ProposalStatus::Accepted, Some(card)) => ("accepted", card.text.as_str()),
                    (ProposalStatus::Accepted, None) => ("gone", text.as_str()),
                    (ProposalStatus::Pending, _) => ("pending", text.as_str()),
                    (ProposalStatus::Rejected, _) => ("rejected", text.as_str()),
                };
                cards.push(json!({"id": p.id, "lane": lane, "text": text, "status": status}));
            }
            Proposed::Commitment { what, who, when } => {
                let status = match p.status {
                    ProposalStatus::Pending => "pending",
                    ProposalStatus::Accepted => "accepted",
                    ProposalStatus::Rejected => "rejected",
                };
                commitments.push(
                    json!({"id": p.id, "what": what, "who": who, "when": when, "status": status}),
                );
            }
        }
    }
    let mut view = json!({
        "device": d.id,
        "name": d.name,
        "party": d.party,
        "removed": d.removed,
        "cards": cards,
        "commitments": commitments,
    });
    let extra = match (step.map(|s| &s.kind), state.steps.get(index)) {
        (Some(StepKind::Vote(spec)), Some(StepState::Vote(vote))) => {
            let mine = vote.by_device.get(&d.id);
            let used: u32 = mine.map_or(0, |m| m.values().sum());
            json!({
                "dots": mine
                    .map(|m| {
                        m.iter()
                            .map(|(t, n)| json!({"target": target(t), "dots": n}))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
                "dots_left": spec.dots.saturating_sub(used),
            })
        }
        (Some(StepKind::Agreement(spec)), Some(StepState::Agreement(a))) => {
            let (endorse_as, endorser) = match spec.endorse_by {
                Endorsers::Participants => ("self", Some(crate::core::room::device_endorser(d.id))),
                Endorsers::Parties => match &d.party {
                    Some(p) => ("party", Some(crate::core::Endorser::Party(p.clone()))),
                    None => ("none", None),
                },
            };
            let endorsed: Vec<&String> = a
                .endorsements
                .iter()
                .filter(|(_, set)| endorser.as_ref().is_some_and(|e| set.contains(e)))
                .map(|(item, _)| item)
                .collect();
            json!({"endorse_as": endorse_as, "endorsed": endorsed})
        }
        _ => super::view_kinds::own(state, d),
    };
    if let (Value::Object(view), Value::Object(extra)) = (&mut view, extra) {
        view.extend(extra);
    }
    view
}
