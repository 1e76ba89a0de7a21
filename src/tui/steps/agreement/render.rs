//! Drawing an agreement step: the statement and principles, and the commitments, each with
//! who endorses it and who not yet; side by side on a wide screen, one list on a small one.
//! Every list shows whole items and says what is above and below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::endorse::endorser_name;
use super::{Item, items};
use crate::core::scenario::{AgreementSpec, Endorsers};
use crate::core::state::Commitment;
use crate::core::tally::{Endorsement, endorsement, not_endorsed};
use crate::core::{Lang, SessionState, StepState};
use crate::tui::participants::party_name;
use crate::tui::session::view::Scene;
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::{Entry, fit_parts, offset_for, panel_block, push_wrapped, scrolled};

/// The width from which the agreement and the commitments stand side by side.
const TWO_PANES: u16 = 120;

/// "onderschreven door 5 van 7".
pub fn endorsed_text(e: &Endorsement, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("onderschreven door {} van {}", e.by.len(), e.of),
        Lang::En => format!("endorsed by {} of {}", e.by.len(), e.of),
    }
}

/// What the drawing of one list needs.
struct Look<'a> {
    scene: &'a Scene<'a>,
    spec: &'a AgreementSpec,
    selected: usize,
    width: usize,
    theme: &'a Theme,
    lang: Lang,
}

/// Draws the agreement of the current step.
pub(super) fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let Some(spec) = state.current_step().and_then(|s| s.kind.agreement()) else {
        return;
    };
    let list = items(state);
    let selected = scene.cursor().card.min(list.len().saturating_sub(1));
    let has_items = spec.statement.is_some() || !spec.principles.is_empty();
    let count = list
        .iter()
        .filter(|i| matches!(i, Item::Commitment(_)))
        .count();
    let agreement_title = format!(" {} ", lang.pick("Akkoord", "Agreement"));
    let commitments_title = match lang {
        Lang::Nl => format!(" Afspraken ({count}) "),
        Lang::En => format!(" Commitments ({count}) "),
    };
    let look = |width: usize| Look {
        scene,
        spec,
        selected,
        width,
        theme,
        lang,
    };
    if has_items && area.width >= TWO_PANES {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        let blocks = endorsable_blocks(&look(inner_width(left)), &list);
        let keys = keys(scene, None, !list.is_empty(), left, lang);
        pane(frame, left, blocks, &agreement_title, &keys, &look(0));
        let blocks = commitment_blocks(&look(inner_width(right)), &list);
        let keys = keys_for_commitments(scene, count > 0, right, lang);
        pane(frame, right, blocks, &commitments_title, &keys, &look(0));
        return;
    }
    let width = inner_width(area);
    let mut blocks = endorsable_blocks(&look(width), &list);
    if has_items {
        blocks.push((
            Entry::other(vec![Line::styled(
                commitments_title.trim().to_string(),
                theme.title,
            )]),
            None,
        ));
    }
    blocks.extend(commitment_blocks(&look(width), &list));
    let title = if has_items {
        agreement_title
    } else {
        commitments_title
    };
    let keys = keys(scene, Some(count), !list.is_empty(), area, lang);
    pane(frame, area, blocks, &title, &keys, &look(width));
}

/// The keys at the foot of a pane, as many as fit, whole (only in a live session), and
/// only those that do something: nothing to endorse offers no endorsing.
fn keys(
    scene: &Scene,
    commitments: Option<usize>,
    endorsable: bool,
    area: Rect,
    lang: Lang,
) -> String {
    if !scene.edits() {
        return String::new();
    }
    let mut parts: Vec<String> = Vec::new();
    if endorsable {
        parts.push(
            lang.pick("spatie: wie onderschrijft", "space: who endorses")
                .into(),
        );
        parts.push(lang.pick("A: alle aanwezigen", "A: all present").into());
    }
    if let Some(count) = commitments {
        parts.extend(commitment_keys(lang, count > 0));
    }
    let text = fit_parts(&parts, area.width.saturating_sub(6) as usize);
    if text.is_empty() {
        text
    } else {
        format!(" {text} ")
    }
}

/// a, and e and d when there is a commitment to edit or delete.
fn commitment_keys(lang: Lang, any: bool) -> Vec<String> {
    let mut keys = vec![lang.pick("a afspraak", "a commitment").to_string()];
    if any {
        keys.push(lang.pick("e bewerken", "e edit").into());
        keys.push(lang.pick("d verwijderen", "d delete").into());
    }
    keys
}

fn keys_for_commitments(scene: &Scene, any: bool, area: Rect, lang: Lang) -> String {
    if !scene.edits() {
        return String::new();
    }
    let text = fit_parts(
        &commitment_keys(lang, any),
        area.width.saturating_sub(6) as usize,
    );
    if text.is_empty() {
        text
    } else {
        format!(" {text} ")
    }
}

fn inner_width(area: Rect) -> usize {
    area.width.saturating_sub(4).max(1) as usize
}

/// Draws a bordered list whose selected item is in view, whole items only, with a line
/// above and below that says how many are out of view.
fn pane(
    frame: &mut Frame,
    area: Rect,
    blocks: Vec<(Entry<'static>, Option<usize>)>,
    title: &str,
    keys: &str,
    look: &Look,
) {
    let theme = look.theme;
    let inner_h = area.height.saturating_sub(2) as usize;
    let selected = blocks
        .iter()
        .position(|(_, item)| *item == Some(look.selected));
    let blocks: Vec<Entry> = blocks.into_iter().map(|(b, _)| b).collect();
    let offset = selected.map_or(0, |s| offset_for(&blocks, s, inner_h));
    let lines = scrolled(blocks, offset, inner_h, theme.dim, look.lang);
    frame.render_widget(
        Paragraph::new(lines).style(theme.base).block(panel_block(
            title.to_string(),
            keys.to_string(),
            theme.border,
            theme.title,
            theme,
        )),
        area,
    );
}

/// The lines under an item: how many endorse it, who, and who not yet.
fn endorsement_lines(look: &Look, lines: &mut Vec<Line<'static>>, item: &str, indent: &str) {
    let state = look.scene.state();
    let (width, theme, lang) = (look.width, look.theme, look.lang);
    let e = endorsement(state, state.current, item);
    let mut count = endorsed_text(&e, lang);
    if e.of == 0 && look.spec.endorse_by == Endorsers::Participants && look.scene.edits() {
        count.push_str(lang.pick(" · P: wie is er aanwezig?", " · P: who is present?"));
    }
    push_wrapped(lines, indent, &count, width, theme.focus);
    let name = |e: &crate::core::Endorser| endorser_name(state, e, lang);
    if !e.by.is_empty() {
        let names: Vec<String> = e.by.iter().map(name).collect();
        push_wrapped(lines, indent, &names.join(", "), width, theme.dim);
    }
    let missing = not_endorsed(state, state.current, item);
    if !e.by.is_empty() && !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(name).collect();
        let text = format!(
            "{} {}",
            lang.pick("nog niet:", "not yet:"),
            names.join(", ")
        );
        push_wrapped(lines, indent, &text, width, theme.dim);
    }
}

/// The statement and principles with their endorsements, each a block with its place in
/// the list of items.
fn endorsable_blocks(look: &Look, list: &[Item]) -> Vec<(Entry<'static>, Option<usize>)> {
    let (spec, theme, lang) = (look.spec, look.theme, look.lang);
    let mut out = Vec::new();
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
            out.push((
                Entry::other(vec![Line::styled(
                    lang.pick("Uitgangspunten", "Principles").to_string(),
                    theme.title,
                )]),
                None,
            ));
        }
        let is_sel = i == look.selected;
        let (lead, style) = match (is_sel, is_statement) {
            (true, _) => ("▶ ", theme.selected),
            (false, true) => ("  ", theme.title),
            (false, false) => ("• ", theme.base),
        };
        let mut lines = Vec::new();
        push_wrapped(&mut lines, lead, &text, look.width, style);
        endorsement_lines(look, &mut lines, id, "  ");
        lines.push(Line::raw(""));
        out.push((Entry::item(lines), Some(i)));
    }
    out
}

/// The commitments (what, who, when, who endorses), each a block with its place in the
/// list of items.
fn commitment_blocks(look: &Look, list: &[Item]) -> Vec<(Entry<'static>, Option<usize>)> {
    let state: &SessionState = look.scene.state();
    let (theme, lang, width) = (look.theme, look.lang, look.width);
    let parties = state.scenario.parties();
    let commitments: &[Commitment] = match state.steps.get(state.current) {
        Some(StepState::Agreement(a)) => &a.commitments,
        _ => &[],
    };
    let mut out = Vec::new();
    let mut number = 0;
    for (i, item) in list.iter().enumerate() {
        let Item::Commitment(id) = item else {
            continue;
        };
        let Some(c) = commitments.iter().find(|c| c.id == *id) else {
            continue;
        };
        number += 1;
        let is_sel = i == look.selected;
        let style = if is_sel { theme.selected } else { theme.base };
        let lead = format!("{} {number}. ", if is_sel { "▶" } else { " " });
        let mut lines = Vec::new();
        push_wrapped(&mut lines, &lead, &clean(&c.what), width, style);
        // Owners by name; an older file's "who" may be a party id.
        let who = if c.owners.is_empty() {
            party_name(Some(&c.who), parties, lang).unwrap_or_else(|| clean(&c.who).into_owned())
        } else {
            clean(&crate::core::commitment::who_text(state, c, lang)).into_owned()
        };
        // A date reads with its weekday; a text the room insisted on is quoted: not a date.
        let when = match c.due {
            Some(d) => crate::core::dates::format(d, lang),
            None if c.when.trim().is_empty() => String::new(),
            None => format!("“{}”", clean(c.when.trim())),
        };
        let from = c
            .from
            .as_ref()
            .and_then(|s| source_text(state, s, lang))
            .map(|t| format!(" · {t}"))
            .unwrap_or_default();
        let open = |s: String| {
            if s.trim().is_empty() {
                "—".to_string()
            } else {
                s
            }
        };
        let details = format!(
            "{} {} · {} {}{from}",
            lang.pick("wie:", "who:"),
            open(who),
            lang.pick("wanneer:", "when:"),
            open(when)
        );
        let indent = " ".repeat(lead.chars().count());
        push_wrapped(&mut lines, &indent, &details, width, theme.dim);
        endorsement_lines(look, &mut lines, &item.key(), &indent);
        out.push((Entry::item(lines), Some(i)));
    }
    if number == 0 {
        let text = if look.scene.edits() {
            lang.pick(
                "Nog geen afspraken: a voegt er een toe (wat, wie, wanneer).",
                "No commitments yet: a adds one (what, who, by when).",
            )
        } else {
            lang.pick("Nog geen afspraken.", "No commitments yet.")
        };
        let mut lines = Vec::new();
        push_wrapped(&mut lines, "", text, width, theme.dim);
        out.push((Entry::other(lines), None));
    }
    out
}

/// Where a commitment came from, as the list shows it: "uit kaart: …", "spoor: …",
/// "uitgangspunt: …", "stap: …"; none when it no longer exists.
fn source_text(
    state: &SessionState,
    source: &crate::core::state::Source,
    lang: Lang,
) -> Option<String> {
    use crate::core::state::Source;
    let scenario = &state.scenario;
    let (label, text) = match source {
        Source::Card(id) => (
            lang.pick("uit kaart:", "from card:"),
            state.any_card(*id)?.text.clone(),
        ),
        Source::Track(id) => (
            lang.pick("spoor:", "track:"),
            state
                .current_step()
                .and_then(|s| s.kind.agreement())
                .and_then(|a| a.tracks.iter().find(|t| &t.id == id))?
                .label
                .get(lang)
                .to_string(),
        ),
        Source::Principle(id) => (
            lang.pick("uitgangspunt:", "principle:"),
            scenario
                .steps
                .iter()
                .filter_map(|s| s.kind.agreement())
                .flat_map(|a| a.principles.iter())
                .find(|p| &p.id == id)?
                .text
                .get(lang)
                .to_string(),
        ),
        Source::Step(id) => (
            lang.pick("stap:", "step:"),
            scenario
                .steps
                .iter()
                .find(|s| &s.id == id)?
                .title
                .get(lang)
                .to_string(),
        ),
    };
    Some(format!("{label} {}", clean(&text)))
}
