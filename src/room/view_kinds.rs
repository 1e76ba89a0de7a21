//! What phones see of a consent round and a poll. The room's part: the proposal, the round
//! and how many hold each position (never who); a poll's statements, and a statement's
//! distribution only once the facilitator revealed it. A phone's own part: its own position
//! and (unless the poll keeps only counts) its own answers.

use serde_json::{Value, json};

use crate::core::consent::{ConsentPhase, Stance};
use crate::core::poll::{self, PollSpec, PollState};
use crate::core::room::Device;
use crate::core::scenario::{Endorsers, StepKind};
use crate::core::state::{SessionState, StepState};
use crate::core::{Endorser, Lang};

fn both(nl: &str, en: &str) -> Value {
    json!({"nl": nl, "en": en})
}

fn name<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn options(spec: &PollSpec) -> Vec<Value> {
    spec.answers
        .options(Lang::Nl)
        .into_iter()
        .zip(spec.answers.options(Lang::En))
        .map(|((v, nl), (_, en))| json!({"value": v, "label": both(&nl, &en)}))
        .collect()
}

fn statements(state: &SessionState, index: usize, spec: &PollSpec, p: &PollState) -> Vec<Value> {
    let nl = poll::statements(state, index, Lang::Nl);
    let en = poll::statements(state, index, Lang::En);
    nl.into_iter()
        .zip(en)
        .map(|(a, b)| {
            let tally = poll::tally(spec, p, &a.id);
            let revealed = p.revealed.contains(&a.id);
            let results: Value = if revealed {
                tally
                    .iter()
                    .map(|(v, n)| json!({"value": v, "count": n}))
                    .collect()
            } else {
                Value::Null
            };
            json!({
                "id": a.id,
                "text": both(&a.text, &b.text),
                "answered": poll::answered(&tally),
                "revealed": revealed,
                "results": results,
            })
        })
        .collect()
}

/// The room's part of a consent or poll step (`index`, of `kind`).
pub(super) fn room(state: &SessionState, index: usize, kind: &StepKind) -> Value {
    match (kind, state.steps.get(index)) {
        (StepKind::Consent(spec), Some(StepState::Consent(round))) => {
            let count = |s: Stance| round.positions.values().filter(|p| p.stance == s).count();
            json!({
                "proposal": round.proposal,
                "phase": name(&round.phase),
                "phases": ConsentPhase::ALL
                    .iter()
                    .map(|p| json!({"id": name(p), "label": both(p.label(Lang::Nl), p.label(Lang::En))}))
                    .collect::<Vec<_>>(),
                "stances": Stance::ALL
                    .iter()
                    .map(|s| json!({
                        "id": name(s),
                        "label": both(s.label(Lang::Nl), s.label(Lang::En)),
                        "needs_text": s.needs_text(),
                        "count": count(*s),
                    }))
                    .collect::<Vec<_>>(),
                "open_objections": round.open_objections().count(),
                "takes_positions": round.phase.takes_positions(),
                "by": match spec.by {
                    Endorsers::Parties => "parties",
                    Endorsers::Participants => "participants",
                },
                "amendments": round.amendments.len(),
                "decided": round.decided,
            })
        }
        (StepKind::Poll(spec), Some(StepState::Poll(p))) => json!({
            "answers": options(spec),
            "counts_only": spec.counts_only,
            "statements": statements(state, index, spec, p),
        }),
        _ => json!({}),
    }
}

/// Device `d`'s own part of a consent or poll step: its position, its answers.
pub(super) fn own(state: &SessionState, d: &Device) -> Value {
    let index = state.current;
    let kind = state.scenario.steps.get(index).map(|s| &s.kind);
    match (kind, state.steps.get(index)) {
        (Some(StepKind::Consent(spec)), Some(StepState::Consent(round))) => {
            let (as_who, member) = match spec.by {
                Endorsers::Participants => ("self", Some(Endorser::Device(d.id))),
                Endorsers::Parties => match &d.party {
                    Some(p) => ("party", Some(Endorser::Party(p.clone()))),
                    None => ("none", None),
                },
            };
            let position = member
                .as_ref()
                .and_then(|m| round.positions.get(m))
                .map(|p| json!({"stance": name(&p.stance), "text": p.text, "resolved": p.resolved_by.is_some()}));
            json!({"position_as": as_who, "position": position})
        }
        (Some(StepKind::Poll(spec)), Some(StepState::Poll(p))) if !spec.counts_only => {
            let me = Endorser::Device(d.id);
            let answers: serde_json::Map<String, Value> = p
                .answers
                .iter()
                .filter_map(|(statement, m)| Some((statement.clone(), json!(m.get(&me)?))))
                .collect();
            json!({"answers": answers})
        }
        _ => json!({}),
    }
}
