//! A review step: last meeting's agreement for context, and its commitments, each marked
//! done, still open or dropped (Enter cycles the mark of the selected one).

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::board::wrap;
use super::{Reaction, StepUi};
use crate::core::state::ReviewStatus;
use crate::core::{Change, Lang, SessionState, StepState};
use crate::tui::action::Action;
use crate::tui::keys::{ARROWS_UP_DOWN, KeyTable, bind, ch, code, table};
use crate::tui::session::view::{Scene, View};
use crate::tui::text::{clean, truncate};
use crate::tui::theme::Theme;
use crate::tui::wrapped::{Entry, fit_parts, offset_for, push_wrapped, scrolled};

/// The keys of a review step.
pub static KEYS: KeyTable = table!(
    "Terugblik",
    "Review",
    [
        bind!(
            "↑ ↓",
            "kies een afspraak",
            "select a commitment",
            ARROWS_UP_DOWN,
        ),
        bind!(
            "Enter Space",
            "gedaan → loopt nog → vervallen → niet besproken",
            "done → still open → dropped → not discussed",
            [code(KeyCode::Enter, Action::Edit), ch(' ', Action::Edit)],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.review().is_some(),
    keys: &KEYS,
    update,
    render,
    focus: super::no_focus,
    click: None,
};

/// The mark after `status` when Enter is pressed: done, still open, dropped, none.
pub fn next_status(status: Option<ReviewStatus>) -> Option<ReviewStatus> {
    match status {
        None => Some(ReviewStatus::Done),
        Some(ReviewStatus::Done) => Some(ReviewStatus::Open),
        Some(ReviewStatus::Open) => Some(ReviewStatus::Dropped),
        Some(ReviewStatus::Dropped) => None,
    }
}

fn mark(status: Option<ReviewStatus>, lang: Lang) -> String {
    match status {
        Some(ReviewStatus::Done) => format!("✓ {}", ReviewStatus::Done.label(lang)),
        Some(ReviewStatus::Open) => format!("→ {}", ReviewStatus::Open.label(lang)),
        Some(ReviewStatus::Dropped) => format!("✗ {}", ReviewStatus::Dropped.label(lang)),
        None => format!("? {}", lang.pick("niet besproken", "not discussed")),
    }
}

/// Draws the review of the current step: last meeting's agreement for context, and its
/// commitments with what became of each, whole items only, with a sign of what is above
/// and below.
fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let Some(spec) = state.current_step().and_then(|s| s.kind.review()) else {
        return;
    };
    let Some(StepState::Review(review)) = state.steps.get(state.current) else {
        return;
    };
    let selected = scene.cursor().card;
    let today = scene.view.meeting.map_or_else(
        || crate::store::zone::meeting_day(&scene.live.session),
        |(d, _)| d,
    );
    let order = crate::core::series::review_order(spec, today);
    let width = area.width.saturating_sub(4).max(10) as usize;
    let mut blocks: Vec<Entry> = Vec::new();
    if !spec.agreements.is_empty() {
        blocks.push(Entry::other(vec![Line::styled(
            lang.pick("Akkoord van de vorige keer", "Last time's agreement"),
            theme.title,
        )]));
        for a in &spec.agreements {
            let by = a
                .endorsed_by
                .iter()
                .map(|e| clean(e).into_owned())
                .collect::<Vec<_>>()
                .join(", ");
            let text = format!(
                "“{}” — {} {by}",
                clean(&a.text),
                lang.pick("onderschreven door", "endorsed by")
            );
            let mut lines = Vec::new();
            push_wrapped(&mut lines, "• ", &text, width, theme.base);
            blocks.push(Entry::item(lines));
        }
        blocks.push(Entry::other(vec![Line::raw("")]));
    }
    blocks.push(Entry::other(vec![Line::styled(
        format!(
            "{} ({})",
            lang.pick("Afspraken van de vorige keer", "Last time's commitments"),
            spec.items.len()
        ),
        theme.title,
    )]));
    if spec.items.is_empty() {
        blocks.push(Entry::other(vec![Line::styled(
            lang.pick(
                "(de vorige keer zijn geen afspraken gemaakt)",
                "(no commitments were made last time)",
            ),
            theme.dim,
        )]));
    }
    // Overdue first, and who has how many: the room starts with what is late.
    let late = crate::core::series::overdue_by_owner(spec, today);
    if !late.is_empty() {
        let per_owner: Vec<String> = late
            .iter()
            .map(|(owner, items)| {
                let name = if owner.is_empty() {
                    lang.pick("niemand", "no one").to_string()
                } else {
                    clean(owner).into_owned()
                };
                format!("{name} {}", items.len())
            })
            .collect();
        let text = format!(
            "{}: {}",
            lang.pick("Over tijd, per eigenaar", "Overdue, per owner"),
            per_owner.join(" · ")
        );
        let lines = wrap(&text, width)
            .into_iter()
            .map(|part| Line::styled(part, theme.focus))
            .collect();
        blocks.push(Entry::other(lines));
    }
    let mark_w = [
        Some(ReviewStatus::Done),
        Some(ReviewStatus::Open),
        Some(ReviewStatus::Dropped),
        None,
    ]
    .iter()
    .map(|s| mark(*s, lang).chars().count())
    .max()
    .unwrap_or(10);
    let mut sel_block = 0;
    for (i, item) in order.iter().filter_map(|n| spec.items.get(*n)).enumerate() {
        let status = review.marks.get(&item.id).copied();
        let is_sel = i == selected;
        let mark_style = match status {
            _ if is_sel => theme.selected,
            Some(ReviewStatus::Done) => theme.ok,
            Some(ReviewStatus::Dropped) => theme.dim,
            Some(ReviewStatus::Open) => theme.focus,
            None => theme.base,
        };
        let mut text = clean(&item.what).into_owned();
        let when = match item.due {
            Some(d) => crate::core::dates::format(d, lang),
            None => item.when.clone(),
        };
        for extra in [&item.who, &when] {
            if !extra.is_empty() {
                text.push_str(" · ");
                text.push_str(&clean(extra));
            }
        }
        if let Some(late) = item
            .due
            .filter(|_| item.parked_from.is_none())
            .and_then(|d| {
                crate::core::dates::overdue_label(crate::core::dates::days_late(d, today), lang)
            })
        {
            text.push_str(&format!(" · {late}"));
        }
        if let Some(step) = &item.parked_from {
            text.push_str(&format!(
                " ({} {})",
                lang.pick("geparkeerd bij", "parked at"),
                clean(step)
            ));
        }
        if let Some(since) = &item.since {
            text.push_str(&format!(
                " ({} {})",
                lang.pick("sinds", "since"),
                clean(since)
            ));
        }
        let text_style = if is_sel { theme.selected } else { theme.base };
        let parts = wrap(&text, width.saturating_sub(mark_w + 5).max(8));
        let mut lines = Vec::new();
        for (j, part) in parts.into_iter().enumerate() {
            let lead = match (j, is_sel) {
                (0, true) => "▶ ",
                _ => "  ",
            };
            let label = if j == 0 {
                format!("[{:<mark_w$}]", mark(status, lang))
            } else {
                " ".repeat(mark_w + 2)
            };
            lines.push(Line::from(vec![
                Span::styled(lead, text_style),
                Span::styled(label, mark_style),
                Span::styled(format!(" {part}"), text_style),
            ]));
        }
        if is_sel {
            sel_block = blocks.len();
        }
        blocks.push(Entry::item(lines));
    }
    let count = |s: Option<ReviewStatus>| {
        spec.items
            .iter()
            .filter(|i| review.marks.get(&i.id).copied() == s)
            .count()
    };
    let totals: Vec<String> = [
        (
            count(Some(ReviewStatus::Done)),
            ReviewStatus::Done.label(lang),
        ),
        (
            count(Some(ReviewStatus::Open)),
            ReviewStatus::Open.label(lang),
        ),
        (
            count(Some(ReviewStatus::Dropped)),
            ReviewStatus::Dropped.label(lang),
        ),
        (count(None), lang.pick("niet besproken", "not discussed")),
    ]
    .iter()
    .map(|(n, l)| format!("{n} {l}"))
    .collect();
    let totals = fit_parts(&totals, area.width.saturating_sub(6) as usize);
    let title = match &spec.from {
        Some(from) => format!(" {}: {} ", lang.pick("Uit", "From"), clean(from)),
        None => String::new(),
    };
    let title = truncate(&title, area.width.saturating_sub(4) as usize);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title, theme.title))
        .title_bottom(Span::styled(format!(" {totals} "), theme.dim));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    let offset = offset_for(&blocks, sel_block, height);
    let lines = scrolled(blocks, offset, height, theme.dim, lang);
    frame.render_widget(
        Paragraph::new(lines).style(theme.base),
        inner.inner(ratatui::layout::Margin::new(1, 0)),
    );
}

/// What an action does on a review step: ↑↓ choose, Enter (or e) changes the mark.
fn update(view: &mut View, state: &SessionState, action: &Action, _lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let step = state.scenario.steps.get(index)?;
    let spec = step.kind.review()?;
    let n = spec.items.len();
    let selected = view.cursor(index).card.min(n.saturating_sub(1));
    match action {
        Action::Up => view.cursor_mut(index).card = selected.saturating_sub(1),
        Action::Down => view.cursor_mut(index).card = (selected + 1).min(n.saturating_sub(1)),
        Action::Edit => {
            // The rows are in the order the screen shows: overdue first.
            let today = view.meeting.map_or(jiff::civil::Date::MAX, |(d, _)| d);
            let order = crate::core::series::review_order(spec, today);
            let item = spec.items.get(*order.get(selected)?)?;
            let status = match state.steps.get(index) {
                Some(StepState::Review(r)) => r.marks.get(&item.id).copied(),
                _ => None,
            };
            return Some(Reaction::record(Change::ReviewMarked {
                step: step.id.clone(),
                item: item.id.clone(),
                status: next_status(status),
            }));
        }
        _ => {}
    }
    None
}
