//! A poll step: the statements, each with how many answered; until a statement is revealed
//! nobody sees how it was answered. A digit is an answer: in a poll that keeps only counts,
//! one more of that answer; otherwise the answer of the respondent chosen with ← →, and the
//! turn passes to the next. `r` reveals the selected statement: a bar of every answer's
//! share, each written as its number, and the count of each below it.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Reaction, StepUi};
use crate::core::poll::{
    NO, PollAnswers, PollSpec, PollState, YES, answered, average, respondents, statements, tally,
};
use crate::core::scenario::Scale;
use crate::core::touch::Touched;
use crate::core::{Change, Lang, SessionState, StepState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Form, Purpose, StepForm};
use crate::tui::keys::{ARROWS_UP_DOWN, KeyTable, bind, ch, code, digits, table};
use crate::tui::session::view::{Mode, Scene, Status, View};
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::{panel_block, push_wrapped, scroll_to};

/// The keys of a poll step.
pub static KEYS: KeyTable = table!(
    "Peiling",
    "Poll",
    [
        bind!(
            "↑ ↓",
            "kies een stelling",
            "select a statement",
            ARROWS_UP_DOWN,
        ),
        bind!(
            "0-9",
            "een antwoord (ja/nee: 1 ja, 2 nee, 3 weet niet)",
            "an answer (yes/no: 1 yes, 2 no, 3 don't know)",
            [digits('0', '9')],
        ),
        bind!(
            "← →",
            "wiens antwoord (per persoon)",
            "whose answer (per person)",
            [
                code(KeyCode::Left, Action::Left),
                code(KeyCode::Right, Action::Right),
            ],
        ),
        bind!(
            "- 2",
            "één antwoord 2 minder (alleen aantallen)",
            "one answer 2 fewer (counts only)",
            [ch('-', Action::Decrease)],
        ),
        bind!(
            "x",
            "antwoord van de gekozen persoon wissen",
            "clear the chosen person's answer",
            [ch('x', Action::Clear)],
        ),
        bind!(
            "r",
            "antwoorden tonen / verbergen",
            "show / hide the answers",
            [ch('r', Action::Reveal)],
        ),
        bind!(
            "a",
            "stelling toevoegen",
            "add a statement",
            [ch('a', Action::Add)],
        ),
        bind!(
            "d",
            "toegevoegde stelling verwijderen (zonder antwoorden)",
            "delete an added statement (without answers)",
            [ch('d', Action::Delete)],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.poll().is_some(),
    keys: &KEYS,
    update,
    render,
    focus,
    click: None,
};

fn poll_of(state: &SessionState) -> Option<(&PollSpec, &PollState)> {
    let spec = state.current_step()?.kind.poll()?;
    match state.steps.get(state.current) {
        Some(StepState::Poll(p)) => Some((spec, p)),
        _ => None,
    }
}

/// Selects the statement (and respondent) a change touched.
fn focus(view: &mut View, state: &SessionState, touched: &Touched, lang: Lang) -> bool {
    let Some(step) = state.current_step() else {
        return false;
    };
    if touched.step != Some(step.id.as_str()) {
        return false;
    }
    let Some(id) = touched.statement else {
        return false;
    };
    let Some(i) = statements(state, state.current, lang)
        .iter()
        .position(|s| s.id == id)
    else {
        return false;
    };
    let cursor = view.cursor_mut(state.current);
    cursor.card = i;
    if let Some(who) = touched.member
        && let Some(j) = respondents(state, state.current, lang)
            .iter()
            .position(|(w, _)| w == who)
    {
        view.cursor_mut(state.current).lane = j;
    }
    true
}

/// A fresh id for a statement added in the room: `vraag-1`, `vraag-2`, ...
fn fresh_id(state: &SessionState) -> String {
    let taken = statements(state, state.current, state.lang);
    (1..)
        .map(|n| format!("vraag-{n}"))
        .find(|id| !taken.iter().any(|s| &s.id == id))
        .unwrap_or_default()
}

fn finish_add(form: &Form, _: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    Some(Reaction::record(Change::PollStatementAdded {
        step,
        id: fresh_id(state),
        text: form.text_of(0),
        position: None,
    }))
}

/// What an action does on a poll step.
fn update(view: &mut View, state: &SessionState, action: &Action, lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let step = state.scenario.steps.get(index)?;
    let (spec, poll) = poll_of(state)?;
    let minus = view.memory.take_minus(state.applied);
    let lines = statements(state, index, lang);
    let people = respondents(state, index, lang);
    let cursor = view.cursor(index);
    let selected = cursor.card.min(lines.len().saturating_sub(1));
    let who = cursor.lane.min(people.len().saturating_sub(1));
    *view.cursor_mut(index) = crate::tui::session::view::Cursor {
        card: selected,
        lane: who,
    };
    let line = lines.get(selected);
    let step_id = step.id.clone();
    match action {
        Action::Up => {
            view.cursor_mut(index).card = selected.saturating_sub(1);
            None
        }
        Action::Down => {
            view.cursor_mut(index).card = (selected + 1).min(lines.len().saturating_sub(1));
            None
        }
        Action::Left if !spec.counts_only => {
            view.cursor_mut(index).lane = who.saturating_sub(1);
            None
        }
        Action::Right if !spec.counts_only => {
            view.cursor_mut(index).lane = (who + 1).min(people.len().saturating_sub(1));
            None
        }
        Action::Digit(d) => {
            let line = line?;
            let Some(answer) = spec.answers.digit(*d) else {
                return Some(Reaction::Say(Status::problem(not_an_answer(
                    spec, *d, lang,
                ))));
            };
            if spec.counts_only {
                return Some(Reaction::record(Change::PollCounted {
                    step: step_id,
                    statement: line.id.clone(),
                    answer,
                    added: !minus,
                }));
            }
            let Some((respondent, _)) = people.get(who) else {
                return Some(Reaction::Say(Status::problem(lang.pick(
                    "nog niemand om te antwoorden: P voegt deelnemers toe (aanwezig)",
                    "nobody to answer yet: P adds participants (present)",
                ))));
            };
            // The turn passes to the next respondent.
            view.cursor_mut(index).lane = (who + 1).min(people.len().saturating_sub(1));
            Some(Reaction::record(Change::PollAnswered {
                step: step_id,
                statement: line.id.clone(),
                respondent: respondent.clone(),
                answer: Some(answer),
            }))
        }
        Action::Decrease if spec.counts_only => {
            view.memory.minus = Some(state.applied);
            Some(Reaction::Say(Status::info(lang.pick(
                "min: welk antwoord één minder?",
                "minus: which answer one fewer?",
            ))))
        }
        Action::Clear if !spec.counts_only => {
            let line = line?;
            let (respondent, _) = people.get(who)?;
            poll.answers
                .get(&line.id)
                .and_then(|m| m.get(respondent))
                .map(|_| {
                    Reaction::record(Change::PollAnswered {
                        step: step_id,
                        statement: line.id.clone(),
                        respondent: respondent.clone(),
                        answer: None,
                    })
                })
        }
        Action::Reveal => line.map(|l| {
            Reaction::record(Change::PollRevealed {
                step: step_id,
                statement: l.id.clone(),
                revealed: !poll.revealed.contains(&l.id),
            })
        }),
        Action::Add => Some(Reaction::Open(Mode::Form(Box::new(Form::text(
            Purpose::Step(StepForm::new("poll-add", Vec::new(), finish_add)),
            (
                " Nieuwe stelling · Enter bewaart · Esc annuleert ",
                " New statement · Enter saves · Esc cancels ",
            ),
            "",
            Check::EmptyCancels,
        ))))),
        Action::Delete => {
            let line = line?;
            if !line.added {
                return Some(Reaction::Say(Status::problem(lang.pick(
                    "deze stelling komt uit het scenario en blijft",
                    "this statement comes from the scenario and stays",
                ))));
            }
            Some(Reaction::record(Change::PollStatementRemoved {
                step: step_id,
                id: line.id.clone(),
            }))
        }
        _ => None,
    }
}

fn not_an_answer(spec: &PollSpec, d: u8, lang: Lang) -> String {
    let options = spec.answers.options(lang);
    let first = options.first().map_or(0, |o| o.0);
    let last = options.last().map_or(0, |o| o.0);
    match lang {
        Lang::Nl => format!("{d} is geen antwoord: kies {first} tot {last}"),
        Lang::En => format!("{d} is not an answer: choose {first} to {last}"),
    }
}

/// The style of an answer's part of the bar.
fn answer_style(spec: &PollSpec, value: i32, theme: &Theme) -> Style {
    match spec.answers {
        PollAnswers::YesNo => match value {
            YES => theme.ok,
            NO => theme.error,
            _ => theme.marked,
        },
        PollAnswers::Numeric { min, max, .. } => theme.heat.cell(
            &Scale::Numeric {
                min,
                max,
                labels: Vec::new(),
            },
            Some(value),
        ),
    }
}

/// The bar of a revealed statement: each answer's share of `width`, written as its digit,
/// so it reads without colour too.
fn bar<'a>(spec: &PollSpec, t: &[(i32, u32)], width: usize, theme: &Theme) -> Line<'a> {
    let total = answered(t);
    if total == 0 {
        return Line::styled("·".repeat(width.min(3)), theme.dim);
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    let nonzero: Vec<&(i32, u32)> = t.iter().filter(|(_, n)| *n > 0).collect();
    for (i, (v, n)) in nonzero.iter().enumerate() {
        let share = if i + 1 == nonzero.len() {
            width.saturating_sub(used)
        } else {
            ((*n as usize * width) / total as usize).max(1)
        };
        used += share;
        let digit = v.to_string();
        spans.push(Span::styled(
            digit.repeat(share.max(1)),
            answer_style(spec, *v, theme),
        ));
    }
    Line::from(spans)
}

/// Draws the poll of the current step.
fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let Some((spec, p)) = poll_of(state) else {
        return;
    };
    let index = state.current;
    let lines_of = statements(state, index, lang);
    let people = respondents(state, index, lang);
    let cursor = scene.cursor();
    let selected = cursor.card.min(lines_of.len().saturating_sub(1));
    let who = cursor.lane.min(people.len().saturating_sub(1));
    let width = area.width.saturating_sub(4).max(10) as usize;
    let options = spec.answers.options(lang);
    let mut lines: Vec<Line> = Vec::new();
    let legend: Vec<String> = options
        .iter()
        .map(|(v, name)| {
            if name.starts_with(&v.to_string()) {
                clean(name).into_owned()
            } else {
                format!("{v} {}", clean(name))
            }
        })
        .collect();
    lines.push(Line::styled(
        format!(
            "{} {}",
            lang.pick("Antwoorden:", "Answers:"),
            legend.join(" · ")
        ),
        theme.dim,
    ));
    if spec.counts_only {
        lines.push(Line::styled(
            lang.pick(
                "Anoniem: alleen de aantallen worden bewaard. Een cijfer telt één antwoord.",
                "Anonymous: only the counts are kept. A digit counts one answer.",
            ),
            theme.dim,
        ));
    } else {
        let turn = people.get(who).map_or_else(
            || {
                lang.pick(
                    "nog niemand: P voegt deelnemers toe, of telefoons doen mee",
                    "nobody yet: P adds participants, or phones join",
                )
                .to_string()
            },
            |(_, name)| clean(name).into_owned(),
        );
        lines.push(Line::styled(
            format!("{} {turn} (← →)", lang.pick("Antwoord van:", "Answer of:")),
            theme.title,
        ));
    }
    lines.push(Line::raw(""));
    let mut sel_end = 0;
    for (i, s) in lines_of.iter().enumerate() {
        let is_sel = i == selected;
        let t = tally(spec, p, &s.id);
        let n = answered(&t);
        let shown = p.revealed.contains(&s.id);
        let style = if is_sel { theme.selected } else { theme.base };
        let lead = if is_sel { "▶ " } else { "  " };
        push_wrapped(&mut lines, lead, &clean(&s.text), width, style);
        let count = match (lang, n) {
            (Lang::Nl, 1) => "1 antwoord".to_string(),
            (Lang::Nl, n) => format!("{n} antwoorden"),
            (Lang::En, 1) => "1 answer".to_string(),
            (Lang::En, n) => format!("{n} answers"),
        };
        if shown {
            let mut bar_line = bar(spec, &t, width.saturating_sub(4).min(60), theme);
            bar_line.spans.insert(0, Span::raw("    "));
            lines.push(bar_line);
            // Yes/no reads as words ("ja 3"); a scale as its numbers ("4: 3").
            let counts: Vec<String> = t
                .iter()
                .map(|(v, c)| match spec.answers {
                    PollAnswers::YesNo => {
                        let name = options.iter().find(|(o, _)| o == v).map(|(_, n)| n);
                        format!(
                            "{} {c}",
                            name.map_or_else(|| v.to_string(), |n| clean(n).into_owned())
                        )
                    }
                    PollAnswers::Numeric { .. } => format!("{v}: {c}"),
                })
                .collect();
            let avg = average(spec, &t).map_or_else(String::new, |a| match spec.answers {
                PollAnswers::YesNo => {
                    format!(" · {}% {}", (a * 100.0).round(), lang.pick("ja", "yes"))
                }
                PollAnswers::Numeric { .. } => format!(
                    " · {} {}",
                    lang.pick("gemiddeld", "average"),
                    crate::core::text::decimal(a, false, lang)
                ),
            });
            lines.push(Line::styled(
                format!("    {} · {count}{avg}", counts.join(", ")),
                theme.title,
            ));
        } else {
            let mine = if spec.counts_only {
                String::new()
            } else {
                let answered_here = people
                    .get(who)
                    .and_then(|(w, _)| p.answers.get(&s.id).map(|m| m.contains_key(w)))
                    .unwrap_or(false);
                if is_sel && answered_here {
                    lang.pick(
                        " · deze persoon heeft geantwoord",
                        " · this person answered",
                    )
                    .to_string()
                } else {
                    String::new()
                }
            };
            lines.push(Line::styled(
                format!(
                    "    {count} · {}{mine}",
                    lang.pick("verborgen (r toont)", "hidden (r shows)")
                ),
                theme.dim,
            ));
        }
        if is_sel {
            sel_end = lines.len();
        }
    }
    let keys = if spec.counts_only {
        lang.pick(
            " cijfer telt · - cijfer telt terug · r tonen · a stelling ",
            " digit counts · - digit takes back · r show · a statement ",
        )
    } else {
        lang.pick(
            " cijfer antwoordt · ← → wie · r tonen · a stelling ",
            " digit answers · ← → who · r show · a statement ",
        )
    };
    let inner_h = area.height.saturating_sub(2) as usize;
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .scroll((scroll_to(sel_end, inner_h), 0))
            .block(panel_block(
                format!(" {} ", lang.pick("Peiling", "Poll")),
                keys,
                theme.border,
                theme.title,
                theme,
            )),
        area,
    );
}
