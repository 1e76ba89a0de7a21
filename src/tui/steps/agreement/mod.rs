//! An agreement step (Act 4 of De Zwolse Komedie, Het Zwolse Akkoord): the statement and
//! principles from the scenario, each with who endorses it ("onderschreven door 5 van 7"),
//! and the commitments the room makes: what, who, by when.

pub mod endorse;

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use self::endorse::{EndorsePicker, endorser_name};
use super::{Reaction, StepUi};
use crate::core::scenario::{AgreementSpec, Endorsers};
use crate::core::state::Commitment;
use crate::core::tally::{Endorsement, endorsable_items, endorsement};
use crate::core::touch::Touched;
use crate::core::{Change, Lang, SessionState, StepState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Field, Form, Purpose};
use crate::tui::keys::{ARROWS_UP_DOWN, EDIT, KeyTable, bind, ch, code, table};
use crate::tui::participants::party_name;
use crate::tui::question::Question;
use crate::tui::session::view::{Mode, Scene, View};
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::{panel_block, push_wrapped};

/// The keys of an agreement step.
pub static KEYS: KeyTable = table!(
    "Akkoord",
    "Agreement",
    [
        bind!(
            "↑ ↓",
            "kies een onderdeel",
            "select an item",
            ARROWS_UP_DOWN,
        ),
        bind!(
            "Space",
            "wie onderschrijft dit (uitgangspunt of verklaring)",
            "who endorses it (principle or statement)",
            [ch(' ', Action::Toggle)],
        ),
        bind!(
            "a",
            "afspraak toevoegen: wat, wie, wanneer",
            "add a commitment: what, who, by when",
            [ch('a', Action::Add)],
        ),
        bind!("e Enter", "afspraak bewerken", "edit the commitment", EDIT,),
        bind!(
            "d",
            "afspraak verwijderen (vraagt j/n)",
            "delete the commitment (asks y/n)",
            [ch('d', Action::Delete)],
        ),
        bind!(
            "→ ←",
            "naar de afspraken / terug",
            "to the commitments / back",
            [
                code(KeyCode::Right, Action::Right),
                code(KeyCode::Left, Action::Left),
            ],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.agreement().is_some(),
    keys: &KEYS,
    update,
    render,
    focus,
    click: None,
};

/// Selects what a change touched, when it is on the step on screen.
fn focus(view: &mut View, state: &SessionState, touched: &Touched, _lang: Lang) -> bool {
    let Some(id) = touched.commitment else {
        return false;
    };
    match items(state).iter().position(|x| *x == Item::Commitment(id)) {
        Some(i) => {
            view.cursor_mut(state.current).card = i;
            true
        }
        None => false,
    }
}

/// The width from which the agreement and the commitments stand side by side.
const TWO_PANES: u16 = 120;

/// Something that can be selected on an agreement step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// The statement (`statement`) or a principle (its id), to endorse.
    Endorsable(String),
    /// A commitment, by id.
    Commitment(u32),
}

/// The selectable items of the agreement on screen, top to bottom.
fn items(state: &SessionState) -> Vec<Item> {
    let index = state.current;
    let (Some(spec), Some(StepState::Agreement(a))) = (
        state
            .scenario
            .steps
            .get(index)
            .and_then(|s| s.kind.agreement()),
        state.steps.get(index),
    ) else {
        return Vec::new();
    };
    endorsable_items(spec)
        .into_iter()
        .map(Item::Endorsable)
        .chain(a.commitments.iter().map(|c| Item::Commitment(c.id)))
        .collect()
}

/// "onderschreven door 5 van 7".
pub fn endorsed_text(e: &Endorsement, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("onderschreven door {} van {}", e.by.len(), e.of),
        Lang::En => format!("endorsed by {} of {}", e.by.len(), e.of),
    }
}

/// Draws the agreement of the current step.
fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let Some(spec) = state.current_step().and_then(|s| s.kind.agreement()) else {
        return;
    };
    let list = items(state);
    let selected = scene.cursor().card.min(list.len().saturating_sub(1));
    let has_items = spec.statement.is_some() || !spec.principles.is_empty();
    let side_by_side = has_items && area.width >= TWO_PANES;
    let (left, right) = if side_by_side {
        let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (Some(l), r)
    } else {
        (None, area)
    };
    let title_agreement = format!(" {} ", lang.pick("Akkoord", "Agreement"));
    let count = list
        .iter()
        .filter(|i| matches!(i, Item::Commitment(_)))
        .count();
    let title_commitments = match lang {
        Lang::Nl => format!(" Afspraken ({count}) "),
        Lang::En => format!(" Commitments ({count}) "),
    };
    let keys = if has_items {
        lang.pick(
            " a afspraak · e bewerken · d verwijderen · spatie wie onderschrijft ",
            " a commitment · e edit · d delete · space who endorses ",
        )
    } else {
        lang.pick(
            " a afspraak · e bewerken · d verwijderen ",
            " a commitment · e edit · d delete ",
        )
    };
    if let Some(left) = left {
        let width = inner_width(left);
        let (lines, range) = endorsable_lines(scene, spec, &list, selected, width, theme, lang);
        pane(frame, left, lines, range, &title_agreement, "", theme);
        let (lines, range) =
            commitment_lines(state, &list, selected, inner_width(right), theme, lang);
        pane(frame, right, lines, range, &title_commitments, keys, theme);
    } else {
        let width = inner_width(right);
        let (mut lines, mut range) =
            endorsable_lines(scene, spec, &list, selected, width, theme, lang);
        if has_items {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                title_commitments.trim().to_string(),
                theme.title,
            ));
        }
        let offset = lines.len();
        let (more, more_range) = commitment_lines(state, &list, selected, width, theme, lang);
        if more_range != (0, 0) {
            range = (more_range.0 + offset, more_range.1 + offset);
        }
        lines.extend(more);
        let title = if has_items {
            title_agreement
        } else {
            title_commitments
        };
        pane(frame, right, lines, range, &title, keys, theme);
    }
}

fn inner_width(area: Rect) -> usize {
    area.width.saturating_sub(4).max(1) as usize
}

/// Draws a bordered list, scrolled so the selected lines show.
fn pane(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line>,
    selected: (usize, usize),
    title: &str,
    keys: &str,
    theme: &Theme,
) {
    let inner_h = area.height.saturating_sub(2) as usize;
    let scroll = selected.1.saturating_sub(inner_h);
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .scroll((scroll as u16, 0))
            .block(panel_block(
                title.to_string(),
                keys.to_string(),
                theme.border,
                theme.title,
                theme,
            )),
        area,
    );
}

/// The statement and principles with their endorsements; also the selected line range.
#[allow(clippy::too_many_arguments)]
fn endorsable_lines<'a>(
    scene: &Scene,
    spec: &AgreementSpec,
    list: &[Item],
    selected: usize,
    width: usize,
    theme: &Theme,
    lang: Lang,
) -> (Vec<Line<'a>>, (usize, usize)) {
    let state = scene.state();
    let mut lines: Vec<Line> = Vec::new();
    let mut range = (0, 0);
    let mut heading = false;
    for (i, item) in list.iter().enumerate() {
        let Item::Endorsable(id) = item else {
            continue;
        };
        let is_statement = id == "statement";
        let text = if is_statement {
            spec.statement.as_ref().map(|t| t.get(lang))
        } else {
            spec.principles
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.text.get(lang))
        };
        let text = clean(text.unwrap_or_default()).into_owned();
        if !is_statement && !heading {
            heading = true;
            lines.push(Line::styled(
                lang.pick("Uitgangspunten", "Principles").to_string(),
                theme.title,
            ));
        }
        let is_sel = i == selected;
        let start = lines.len();
        let (lead, style) = match (is_sel, is_statement) {
            (true, _) => ("▶ ", theme.selected),
            (false, true) => ("  ", theme.title),
            (false, false) => ("• ", theme.base),
        };
        push_wrapped(&mut lines, lead, &text, width, style);
        let e = endorsement(state, state.current, id);
        let mut count = endorsed_text(&e, lang);
        if e.of == 0 && spec.endorse_by == Endorsers::Participants {
            count.push_str(lang.pick(" · P: wie is er aanwezig?", " · P: who is present?"));
        }
        push_wrapped(&mut lines, "  ", &count, width, theme.focus);
        if !e.by.is_empty() {
            let names: Vec<String> =
                e.by.iter()
                    .map(|id| endorser_name(state, id, lang))
                    .collect();
            push_wrapped(&mut lines, "  ", &names.join(", "), width, theme.dim);
        }
        if is_sel {
            range = (start, lines.len());
        }
        lines.push(Line::raw(""));
    }
    (lines, range)
}

/// The commitments; also the selected line range.
fn commitment_lines<'a>(
    state: &SessionState,
    list: &[Item],
    selected: usize,
    width: usize,
    theme: &Theme,
    lang: Lang,
) -> (Vec<Line<'a>>, (usize, usize)) {
    let parties = state.scenario.parties();
    let commitments: &[Commitment] = match state.steps.get(state.current) {
        Some(StepState::Agreement(a)) => &a.commitments,
        _ => &[],
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut range = (0, 0);
    let mut number = 0;
    for (i, item) in list.iter().enumerate() {
        let Item::Commitment(id) = item else {
            continue;
        };
        let Some(c) = commitments.iter().find(|c| c.id == *id) else {
            continue;
        };
        number += 1;
        let is_sel = i == selected;
        let style = if is_sel { theme.selected } else { theme.base };
        let lead = format!("{} {number}. ", if is_sel { "▶" } else { " " });
        let start = lines.len();
        push_wrapped(&mut lines, &lead, &clean(&c.what), width, style);
        let who =
            party_name(Some(&c.who), parties, lang).unwrap_or_else(|| clean(&c.who).into_owned());
        let open = |s: String| {
            if s.trim().is_empty() {
                "—".to_string()
            } else {
                s
            }
        };
        let details = format!(
            "{} {} · {} {}",
            lang.pick("wie:", "who:"),
            open(who),
            lang.pick("wanneer:", "when:"),
            open(clean(&c.when).into_owned())
        );
        let indent = " ".repeat(lead.chars().count());
        push_wrapped(&mut lines, &indent, &details, width, theme.dim);
        if is_sel {
            range = (start, lines.len());
        }
    }
    if number == 0 {
        lines.push(Line::styled(
            lang.pick(
                "Nog geen afspraken: a voegt er een toe (wat, wie, wanneer).",
                "No commitments yet: a adds one (what, who, by when).",
            ),
            theme.dim,
        ));
    }
    (lines, range)
}

/// What an action does on an agreement step.
fn update(view: &mut View, state: &SessionState, action: &Action, lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let list = items(state);
    let selected = view.cursor(index).card.min(list.len().saturating_sub(1));
    let current = list.get(selected).cloned();
    let step = state
        .scenario
        .steps
        .get(index)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let open = |mode: Mode| Some(Reaction::Open(mode));
    match (action, current) {
        (Action::Up, _) => view.cursor_mut(index).card = selected.saturating_sub(1),
        (Action::Down, _) => {
            view.cursor_mut(index).card = (selected + 1).min(list.len().saturating_sub(1))
        }
        (Action::Right, _) => {
            if let Some(i) = list.iter().position(|x| matches!(x, Item::Commitment(_))) {
                view.cursor_mut(index).card = i;
            }
        }
        (Action::Left, _) => view.cursor_mut(index).card = 0,
        (Action::Add, _) => return open(Mode::Form(Box::new(commitment_form(None)))),
        (Action::Toggle | Action::Edit, Some(Item::Endorsable(item))) => {
            return open(Mode::Endorse(EndorsePicker { item, selected: 0 }));
        }
        (Action::Edit, Some(Item::Commitment(id))) => {
            let commitment = match state.steps.get(index) {
                Some(StepState::Agreement(a)) => a.commitments.iter().find(|c| c.id == id).cloned(),
                _ => None,
            };
            return commitment.and_then(|c| open(Mode::Form(Box::new(commitment_form(Some(c))))));
        }
        (Action::Delete, Some(Item::Commitment(id))) => {
            return open(Mode::Confirm(Box::new(Question::remove(
                ("Deze afspraak verwijderen?", "Delete this commitment?"),
                Change::CommitmentRemoved { step, id },
                lang,
            ))));
        }
        _ => {}
    }
    None
}

fn commitment_form(existing: Option<Commitment>) -> Form {
    let get = |f: fn(&Commitment) -> &String| existing.as_ref().map(f).cloned().unwrap_or_default();
    let fields = vec![
        Field::Text {
            label: Some(("wat gaan we doen?", "what will be done?")),
            value: get(|c| &c.what),
            check: Check::Required,
        },
        Field::Text {
            label: Some((
                "wie doet het? (partij of naam)",
                "who does it? (party or name)",
            )),
            value: get(|c| &c.who),
            check: Check::Any,
        },
        Field::Text {
            label: Some((
                "wanneer? (bijv. voor de zomer)",
                "by when? (e.g. before summer)",
            )),
            value: get(|c| &c.when),
            check: Check::Any,
        },
    ];
    match existing {
        Some(c) => Form::new(
            Purpose::EditCommitment(c.id),
            ("Afspraak bewerken", "Edit commitment"),
            fields,
        ),
        None => Form::new(
            Purpose::NewCommitment,
            ("Nieuwe afspraak", "New commitment"),
            fields,
        ),
    }
}
