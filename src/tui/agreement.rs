//! An agreement step (Act 4 of De Zwolse Komedie, Het Zwolse Akkoord): the statement and
//! principles from the scenario, each with who endorses it ("onderschreven door 5 van 7"),
//! and the commitments the room makes: what, who, by when.

use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::endorse::{EndorsePicker, endorser_name};
use super::form::{Check, Confirm, Field, Form, Purpose};
use super::participants::party_name;
use super::text::clean;
use super::theme::Theme;
use super::workspace::{EditTarget, Mode, Workspace};
use super::wrapped::{panel_block, push_wrapped};
use crate::core::scenario::{AgreementSpec, Endorsers};
use crate::core::state::Commitment;
use crate::core::tally::{Endorsement, endorsable_items, endorsement};
use crate::core::{Change, Lang, StepKind, StepState};

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
fn items(ws: &Workspace) -> Vec<Item> {
    let index = ws.current();
    let state = &ws.live.state;
    let (Some(StepKind::Agreement(spec)), Some(StepState::Agreement(a))) = (
        state.scenario.steps.get(index).map(|s| &s.kind),
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

/// Selects the commitment with this id.
pub fn select_commitment(ws: &mut Workspace, id: u32) {
    if let Some(i) = items(ws).iter().position(|x| *x == Item::Commitment(id)) {
        ws.cursor_mut().card = i;
    }
}

/// "onderschreven door 5 van 7".
pub fn endorsed_text(e: &Endorsement, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("onderschreven door {} van {}", e.by.len(), e.of),
        Lang::En => format!("endorsed by {} of {}", e.by.len(), e.of),
    }
}

/// Draws the agreement of the current step.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    ws: &Workspace,
    spec: &AgreementSpec,
    theme: &Theme,
    lang: Lang,
) {
    let list = items(ws);
    let selected = ws.cursor().card.min(list.len().saturating_sub(1));
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
        let (lines, range) = endorsable_lines(ws, spec, &list, selected, width, theme, lang);
        pane(frame, left, lines, range, &title_agreement, "", theme);
        let (lines, range) = commitment_lines(ws, &list, selected, inner_width(right), theme, lang);
        pane(frame, right, lines, range, &title_commitments, keys, theme);
    } else {
        let width = inner_width(right);
        let (mut lines, mut range) =
            endorsable_lines(ws, spec, &list, selected, width, theme, lang);
        if has_items {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                title_commitments.trim().to_string(),
                theme.title,
            ));
        }
        let offset = lines.len();
        let (more, more_range) = commitment_lines(ws, &list, selected, width, theme, lang);
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
    ws: &Workspace,
    spec: &AgreementSpec,
    list: &[Item],
    selected: usize,
    width: usize,
    theme: &Theme,
    lang: Lang,
) -> (Vec<Line<'a>>, (usize, usize)) {
    let state = &ws.live.state;
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
        let e = endorsement(state, ws.current(), id);
        let mut count = endorsed_text(&e, lang);
        if e.of == 0 && spec.endorse_by == Endorsers::Participants {
            count.push_str(lang.pick(" · P: wie is er aanwezig?", " · P: who is present?"));
        }
        push_wrapped(&mut lines, "  ", &count, width, theme.focus);
        if !e.by.is_empty() {
            let names: Vec<String> = e.by.iter().map(|id| endorser_name(ws, id, lang)).collect();
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
    ws: &Workspace,
    list: &[Item],
    selected: usize,
    width: usize,
    theme: &Theme,
    lang: Lang,
) -> (Vec<Line<'a>>, (usize, usize)) {
    let state = &ws.live.state;
    let parties = state.scenario.parties();
    let commitments: &[Commitment] = match state.steps.get(ws.current()) {
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

/// Carries out an action on an agreement step.
pub fn act(ws: &mut Workspace, action: Action, now: Timestamp, lang: Lang) {
    let list = items(ws);
    let selected = ws.cursor().card.min(list.len().saturating_sub(1));
    let current = list.get(selected).cloned();
    let step = ws
        .live
        .state
        .scenario
        .steps
        .get(ws.current())
        .map(|s| s.id.clone())
        .unwrap_or_default();
    match (action, current) {
        (Action::Up, _) => ws.cursor_mut().card = selected.saturating_sub(1),
        (Action::Down, _) => {
            ws.cursor_mut().card = (selected + 1).min(list.len().saturating_sub(1))
        }
        (Action::Right, _) => {
            if let Some(i) = list.iter().position(|x| matches!(x, Item::Commitment(_))) {
                ws.cursor_mut().card = i;
            }
        }
        (Action::Left, _) => ws.cursor_mut().card = 0,
        (Action::Add, _) => ws.mode = Mode::Form(Box::new(commitment_form(None))),
        (Action::Toggle | Action::Edit, Some(Item::Endorsable(item))) => {
            ws.mode = Mode::Endorse(EndorsePicker { item, selected: 0 });
        }
        (Action::Edit, Some(Item::Commitment(id))) => {
            let commitment = match ws.live.state.steps.get(ws.current()) {
                Some(StepState::Agreement(a)) => a.commitments.iter().find(|c| c.id == id).cloned(),
                _ => None,
            };
            if let Some(c) = commitment {
                ws.mode = Mode::Form(Box::new(commitment_form(Some(c))));
            }
        }
        (Action::Delete, Some(Item::Commitment(id))) => {
            ws.mode = Mode::Confirm(Box::new(Confirm {
                question: (
                    "Deze afspraak verwijderen? j/n",
                    "Delete this commitment? y/n",
                ),
                change: Change::CommitmentRemoved { step, id },
            }));
        }
        _ => {}
    }
    let _ = (now, lang);
}

fn commitment_form(existing: Option<Commitment>) -> Form {
    let get = |f: fn(&Commitment) -> &String| existing.as_ref().map(f).cloned().unwrap_or_default();
    let fields = vec![
        Field::Text {
            label: ("wat gaan we doen?", "what will be done?"),
            value: get(|c| &c.what),
            check: Check::Required,
        },
        Field::Text {
            label: (
                "wie doet het? (partij of naam)",
                "who does it? (party or name)",
            ),
            value: get(|c| &c.who),
            check: Check::Any,
        },
        Field::Text {
            label: (
                "wanneer? (bijv. voor de zomer)",
                "by when? (e.g. before summer)",
            ),
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

/// Saves an editor's text on an agreement step (agreements use forms, not the card editor).
pub fn save_edit(
    ws: &mut Workspace,
    target: &EditTarget,
    text: String,
    now: Timestamp,
    lang: Lang,
) {
    let _ = (ws, target, text, now, lang);
}
