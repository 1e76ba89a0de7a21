//! A consent step: the proposal large, the four rounds with the one on screen marked, and
//! the members in turn order with what each said or their position. ← → go from round to
//! round; in the last two, a digit records the position of whoever has the turn (1 consent,
//! 2 with a concern, 3 an objection, 4 stands aside) and the turn passes on. `w` amends the
//! proposal (and says which objections that resolves); `b` takes the decision, which the
//! round refuses while an objection is open.

use crossterm::event::KeyCode;

mod render;

use super::{Reaction, StepUi};
use crate::core::consent::{ConsentPhase, ConsentState, Member, Position, Stance, members};
use crate::core::touch::Touched;
use crate::core::{Change, Endorser, Lang, SessionState, StepState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Field, Form, Purpose, StepForm};
use crate::tui::keys::{ARROWS_UP_DOWN, EDIT, KeyTable, bind, ch, code, digits, table};
use crate::tui::session::view::{Mode, Status, View};

/// The keys of a consent step.
pub static KEYS: KeyTable = table!(
    "Consentronde",
    "Consent round",
    [
        bind!(
            "↑ ↓",
            "wie is aan de beurt",
            "whose turn it is",
            ARROWS_UP_DOWN,
        ),
        bind!(
            "← →",
            "vorige / volgende ronde",
            "previous / next round",
            [
                code(KeyCode::Left, Action::Left),
                code(KeyCode::Right, Action::Right),
            ],
        ),
        bind!(
            "1-4",
            "standpunt: 1 instemming, 2 met zorg, 3 bezwaar, 4 staat opzij",
            "position: 1 consent, 2 with a concern, 3 objection, 4 stands aside",
            [digits('1', '4')],
        ),
        bind!(
            "e Enter",
            "vraag of reactie opschrijven; in de laatste rondes: standpunt met toelichting",
            "write the question or reaction; in the last rounds: position with its reason",
            EDIT,
        ),
        bind!(
            "x",
            "standpunt of inbreng wissen",
            "clear the position or contribution",
            [ch('x', Action::Clear)],
        ),
        bind!(
            "w",
            "voorstel schrijven of wijzigen (lost het een bezwaar op?)",
            "write or amend the proposal (does it resolve an objection?)",
            [ch('w', Action::Amend)],
        ),
        bind!(
            "b",
            "besluit nemen / terugnemen",
            "take the decision / take it back",
            [ch('b', Action::Decide)],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.consent().is_some(),
    keys: &KEYS,
    update,
    render: render::render,
    focus,
    click: None,
};

fn round(state: &SessionState) -> Option<&ConsentState> {
    match state.steps.get(state.current) {
        Some(StepState::Consent(c)) => Some(c),
        _ => None,
    }
}

/// Selects the member a change touched.
fn focus(view: &mut View, state: &SessionState, touched: &Touched, lang: Lang) -> bool {
    let Some(step) = state.current_step() else {
        return false;
    };
    if touched.step != Some(step.id.as_str()) {
        return false;
    }
    let Some(who) = touched.member else {
        return false;
    };
    match members(state, state.current, lang)
        .iter()
        .position(|m| &m.who == who)
    {
        Some(i) => {
            view.cursor_mut(state.current).card = i;
            true
        }
        None => false,
    }
}

fn stance_of(digit: u8) -> Option<Stance> {
    Stance::ALL.get(usize::from(digit).checked_sub(1)?).copied()
}

fn finish_said(form: &Form, about: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    let phase = if about.first().map(String::as_str) == Some("reactions") {
        ConsentPhase::Reactions
    } else {
        ConsentPhase::Questions
    };
    let member = Endorser::parse(about.get(1)?);
    Some(Reaction::record(Change::ConsentSaid {
        step,
        phase,
        member,
        text: form.text_of(0),
    }))
}

fn finish_position(form: &Form, about: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    let member = Endorser::parse(about.first()?);
    let stance = about.get(1).and_then(|s| serde_json::from_str(s).ok())?;
    Some(Reaction::record(Change::ConsentPositionSet {
        step,
        member,
        position: Some(Position {
            stance,
            text: form.text_of(0),
            resolved_by: None,
        }),
    }))
}

fn finish_amend(form: &Form, _: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    let text = form.text_of(0);
    let open: Vec<Endorser> = round(state)?.open_objections().cloned().collect();
    if round(state)?.proposal == text {
        return None;
    }
    let resolves = match form.choice(1).as_deref() {
        Some("*") => open,
        Some(key) => vec![Endorser::parse(key)],
        None => Vec::new(),
    };
    Some(Reaction::record(Change::ConsentAmended {
        step,
        amendment: state.next_id,
        text,
        resolves,
    }))
}

/// A form asking the reason of a concern or an objection.
fn reason_form(member: &Member, stance: Stance) -> Mode {
    let title = match stance {
        Stance::Objection => (
            " Welk bezwaar, en waarom? · Enter bewaart · Esc annuleert ",
            " Which objection, and why? · Enter saves · Esc cancels ",
        ),
        _ => (
            " Welke zorg? · Enter bewaart · Esc annuleert ",
            " Which concern? · Enter saves · Esc cancels ",
        ),
    };
    Mode::Form(Box::new(Form::text(
        Purpose::Step(StepForm::new(
            "consent-reason",
            vec![
                member.who.key().into_owned(),
                serde_json::to_string(&stance).unwrap_or_default(),
            ],
            finish_position,
        )),
        title,
        "",
        Check::Required,
    )))
}

/// What an action does on a consent step.
fn update(view: &mut View, state: &SessionState, action: &Action, lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let step = state.scenario.steps.get(index)?;
    let r = round(state)?;
    let list = members(state, index, lang);
    let n = list.len();
    let selected = view.cursor(index).card.min(n.saturating_sub(1));
    view.cursor_mut(index).card = selected;
    let member = list.get(selected);
    let step_id = step.id.clone();
    let record = |c: Change| Some(Reaction::record(c));
    match action {
        Action::Up => {
            view.cursor_mut(index).card = selected.saturating_sub(1);
            None
        }
        Action::Down => {
            view.cursor_mut(index).card = (selected + 1).min(n.saturating_sub(1));
            None
        }
        Action::Left => r.phase.previous().and_then(|phase| {
            record(Change::ConsentPhaseSet {
                step: step_id,
                phase,
            })
        }),
        Action::Right => r.phase.next().and_then(|phase| {
            record(Change::ConsentPhaseSet {
                step: step_id,
                phase,
            })
        }),
        Action::Digit(d) if r.phase.takes_positions() => {
            let m = member?;
            let stance = stance_of(*d)?;
            // A reason is asked with the member still marked (whose reason it is shows);
            // otherwise the turn passes on once the position is recorded.
            if stance.needs_text() {
                return Some(Reaction::Open(reason_form(m, stance)));
            }
            view.cursor_mut(index).card = (selected + 1).min(n.saturating_sub(1));
            record(Change::ConsentPositionSet {
                step: step_id,
                member: m.who.clone(),
                position: Some(Position {
                    stance,
                    text: String::new(),
                    resolved_by: None,
                }),
            })
        }
        Action::Digit(_) => Some(Reaction::Say(Status::problem(lang.pick(
            "standpunten komen in de bezwaar- en instemmingsronde: → gaat verder",
            "positions come in the objection and consent rounds: → goes on",
        )))),
        Action::Edit if r.phase.takes_positions() => {
            let m = member?;
            let options: Vec<(Option<String>, String)> = Stance::ALL
                .iter()
                .map(|s| {
                    (
                        Some(serde_json::to_string(s).unwrap_or_default()),
                        s.label(lang).to_string(),
                    )
                })
                .collect();
            let now = r.positions.get(&m.who);
            Some(Reaction::Open(Mode::Form(Box::new(Form::new(
                Purpose::Step(StepForm::new(
                    "consent-position",
                    vec![m.who.key().into_owned()],
                    finish_choice,
                )),
                ("Standpunt", "Position"),
                vec![
                    Field::Choice {
                        label: ("standpunt", "position"),
                        options,
                        selected: now
                            .and_then(|p| Stance::ALL.iter().position(|s| *s == p.stance))
                            .unwrap_or(0),
                    },
                    Field::Text {
                        label: Some((
                            "toelichting (bij een zorg of bezwaar)",
                            "reason (for a concern or objection)",
                        )),
                        value: now.map(|p| p.text.clone()).unwrap_or_default(),
                        check: Check::Any,
                    },
                ],
            )))))
        }
        Action::Edit => {
            let m = member?;
            let phase = r.phase;
            let said = r
                .said
                .get(&(phase, m.who.clone()))
                .cloned()
                .unwrap_or_default();
            let title = match phase {
                ConsentPhase::Reactions => (
                    " Reactie · Enter bewaart (leeg wist) · Esc annuleert ",
                    " Reaction · Enter saves (empty removes) · Esc cancels ",
                ),
                _ => (
                    " Vraag · Enter bewaart (leeg wist) · Esc annuleert ",
                    " Question · Enter saves (empty removes) · Esc cancels ",
                ),
            };
            let name = if phase == ConsentPhase::Reactions {
                "reactions"
            } else {
                "questions"
            };
            Some(Reaction::Open(Mode::Form(Box::new(Form::text(
                Purpose::Step(StepForm::new(
                    "consent-said",
                    vec![name.to_string(), m.who.key().into_owned()],
                    finish_said,
                )),
                title,
                &said,
                Check::Any,
            )))))
        }
        Action::Clear => {
            let m = member?;
            if r.phase.takes_positions() {
                r.positions.get(&m.who).and_then(|_| {
                    record(Change::ConsentPositionSet {
                        step: step_id,
                        member: m.who.clone(),
                        position: None,
                    })
                })
            } else {
                r.said.get(&(r.phase, m.who.clone())).and_then(|_| {
                    record(Change::ConsentSaid {
                        step: step_id,
                        phase: r.phase,
                        member: m.who.clone(),
                        text: String::new(),
                    })
                })
            }
        }
        Action::Amend => {
            let mut fields = vec![Field::Text {
                label: Some(("het voorstel", "the proposal")),
                value: r.proposal.clone(),
                check: Check::Required,
            }];
            let open: Vec<&Endorser> = r.open_objections().collect();
            if !open.is_empty() {
                let mut options = vec![(None, lang.pick("geen", "none").to_string())];
                for who in &open {
                    let name = list
                        .iter()
                        .find(|m| &m.who == *who)
                        .map_or_else(|| who.key().into_owned(), |m| m.label.clone());
                    options.push((Some(who.key().into_owned()), name));
                }
                if open.len() > 1 {
                    options.push((
                        Some("*".to_string()),
                        lang.pick("alle open bezwaren", "every open objection")
                            .to_string(),
                    ));
                }
                fields.push(Field::Choice {
                    label: (
                        "lost dit een bezwaar op?",
                        "does this resolve an objection?",
                    ),
                    options,
                    selected: 0,
                });
            }
            Some(Reaction::Open(Mode::Form(Box::new(Form::new(
                Purpose::Step(StepForm::new("consent-amend", Vec::new(), finish_amend)),
                ("Voorstel", "Proposal"),
                fields,
            )))))
        }
        Action::Decide => record(Change::ConsentDecided {
            step: step_id,
            decided: !r.decided,
        }),
        _ => None,
    }
}

fn finish_choice(form: &Form, about: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    let member = Endorser::parse(about.first()?);
    let stance: Stance = serde_json::from_str(&form.choice(0)?).ok()?;
    Some(Reaction::record(Change::ConsentPositionSet {
        step,
        member,
        position: Some(Position {
            stance,
            text: if stance.needs_text() {
                form.text_of(1)
            } else {
                String::new()
            },
            resolved_by: None,
        }),
    }))
}
