//! The inbox (`I`): cards and commitments that phones proposed, waiting for the facilitator.
//! Facilitator-only: never on what the room sees (a beamer, follow), so a card is only
//! projected once it is accepted. One key accepts, edits then accepts (the one form), or
//! rejects; `A` accepts all; the inbox is switched off for the step or the whole session
//! (cards then appear at once). Each is a change of the log, undone with `u`.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::core::room::{Proposal, Proposed, device_label};
use crate::core::{Change, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Form, Purpose};
use crate::tui::keys::{KeyTable, UP_DOWN, also, bind, ch, code, table};
use crate::tui::session::view::{Mode, Scene, View};
use crate::tui::steps::{MINUTES, REDO, Reaction, TIMER, UNDO};
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::{panel_block, push_wrapped, scroll_to};

/// The keys of the inbox.
pub static KEYS: KeyTable = table!(
    "Inbox",
    "Inbox",
    [
        bind!("↑ ↓", "kies een voorstel", "select a proposal", UP_DOWN),
        bind!(
            "a",
            "aannemen (op het bord of bij de afspraken)",
            "accept (onto the board or the commitments)",
            [ch('a', Action::Accept)],
        ),
        bind!(
            "e Enter",
            "bewerken, dan aannemen",
            "edit, then accept",
            [ch('e', Action::Edit), code(KeyCode::Enter, Action::Edit)],
        ),
        bind!(
            "x",
            "afwijzen (komt niet op het bord)",
            "reject (not put on the board)",
            [
                ch('x', Action::Reject),
                code(KeyCode::Delete, Action::Reject)
            ],
        ),
        bind!(
            "A",
            "alles aannemen",
            "accept all",
            [ch('A', Action::AcceptAll)]
        ),
        bind!(
            "o",
            "inbox aan/uit voor deze stap",
            "inbox on/off for this step",
            [ch('o', Action::InboxStep)],
        ),
        bind!(
            "O",
            "inbox aan/uit voor de hele sessie",
            "inbox on/off for the whole session",
            [ch('O', Action::InboxSession)],
        ),
        TIMER,
        MINUTES,
        UNDO,
        REDO,
        bind!(
            "Esc I",
            "inbox sluiten",
            "close the inbox",
            [code(KeyCode::Esc, Action::Back), ch('I', Action::Back)],
        ),
        also!([ch('?', Action::Help), ch('q', Action::Quit)]),
    ],
);

/// The open inbox: which proposal is selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InboxPanel {
    /// Index into the waiting proposals, oldest first.
    pub selected: usize,
}

/// The proposals waiting, oldest first.
pub fn waiting(state: &SessionState) -> Vec<&Proposal> {
    state.room.inbox().collect()
}

/// What an action does while the inbox is open (undo, redo and the timer are the
/// session's, as on every step).
pub fn update(
    view: &mut View,
    state: &SessionState,
    action: &Action,
    lang: Lang,
) -> Option<Reaction> {
    let panel = view.inbox?;
    let list = waiting(state);
    let selected = list.get(panel.selected).copied();
    let reaction = match action {
        Action::Up => {
            select(view, panel.selected.saturating_sub(1));
            None
        }
        Action::Down => {
            select(view, (panel.selected + 1).min(list.len().saturating_sub(1)));
            None
        }
        Action::Back | Action::Inbox => {
            view.inbox = None;
            None
        }
        Action::Accept => selected.map(|p| {
            Reaction::record(Change::ProposalAccepted {
                proposal: p.id,
                text: None,
                position: None,
            })
        }),
        Action::Edit => selected.map(|p| {
            let title = match p.content {
                Proposed::Card { .. } => (
                    " Kaart van een telefoon: bewerken, Enter neemt aan, Esc annuleert ",
                    " A phone's card: edit, Enter accepts, Esc cancels ",
                ),
                Proposed::Commitment { .. } => (
                    " Afspraak van een telefoon: bewerken, Enter neemt aan, Esc annuleert ",
                    " A phone's commitment: edit, Enter accepts, Esc cancels ",
                ),
            };
            Reaction::Open(Mode::Form(Box::new(Form::text(
                Purpose::AcceptProposal(p.id),
                title,
                p.content.text(),
                Check::Required,
            ))))
        }),
        Action::Reject => {
            selected.map(|p| Reaction::record(Change::ProposalRejected { proposal: p.id }))
        }
        Action::AcceptAll => {
            let proposals: Vec<u32> = list.iter().map(|p| p.id).collect();
            (!proposals.is_empty())
                .then(|| Reaction::record(Change::ProposalsAccepted { proposals }))
        }
        Action::InboxStep => state.current_step().map(|step| {
            let on = !state.room.moderated(&step.id);
            view.info(setting_said(on, true, lang));
            Reaction::record(Change::InboxSet {
                step: Some(step.id.clone()),
                on: Some(on),
            })
        }),
        Action::InboxSession => {
            let on = !state.room.inbox.unwrap_or(true);
            view.info(setting_said(on, false, lang));
            Some(Reaction::record(Change::InboxSet {
                step: None,
                on: Some(on),
            }))
        }
        _ => None,
    };
    view.keep_valid(state);
    reaction
}

fn select(view: &mut View, index: usize) {
    if let Some(panel) = &mut view.inbox {
        panel.selected = index;
    }
}

fn setting_said(on: bool, step: bool, lang: Lang) -> String {
    let whom = match (step, lang) {
        (true, Lang::Nl) => "voor deze stap",
        (true, Lang::En) => "for this step",
        (false, Lang::Nl) => "voor de sessie",
        (false, Lang::En) => "for the session",
    };
    match (on, lang) {
        (true, Lang::Nl) => format!("Inbox aan {whom}: kaarten van telefoons wachten op jou"),
        (true, Lang::En) => format!("Inbox on {whom}: cards from phones wait for you"),
        (false, Lang::Nl) => {
            format!("Inbox uit {whom}: kaarten van telefoons komen meteen op het bord")
        }
        (false, Lang::En) => format!("Inbox off {whom}: cards from phones appear at once"),
    }
}

/// "inbox aan" / "inbox uit" for the step on screen, and whether that is its own setting.
fn setting(state: &SessionState, lang: Lang) -> String {
    let Some(step) = state.current_step() else {
        return String::new();
    };
    let on = state.room.moderated(&step.id);
    let own = state.room.step_inbox.contains_key(&step.id);
    let word = match (on, lang) {
        (true, Lang::Nl) => "aan",
        (false, Lang::Nl) => "uit",
        (true, Lang::En) => "on",
        (false, Lang::En) => "off",
    };
    match (own, lang) {
        (true, Lang::Nl) => format!("inbox {word} voor deze stap"),
        (true, Lang::En) => format!("inbox {word} for this step"),
        (false, Lang::Nl) => format!("inbox {word}"),
        (false, Lang::En) => format!("inbox {word}"),
    }
}

/// Where a proposal goes: the step's title (when it is not the step on screen), a board's
/// lane (when it has several), or "afspraak".
fn place(state: &SessionState, proposal: &Proposal, lang: Lang) -> Vec<String> {
    let Some(step) = state.scenario.steps.iter().find(|s| s.id == proposal.step) else {
        return vec![clean(&proposal.step).into_owned()];
    };
    let mut parts = Vec::new();
    if state.current_step().is_none_or(|s| s.id != step.id) {
        parts.push(clean(step.title.get(lang)).into_owned());
    }
    match &proposal.content {
        Proposed::Card { lane, .. } => {
            let board = step.kind.board().filter(|b| b.lanes.len() > 1);
            if let Some(lane) = board.and_then(|b| b.lanes.iter().find(|l| &l.id == lane)) {
                parts.push(clean(lane.title.get(lang)).into_owned());
            }
        }
        Proposed::Commitment { .. } => {
            parts.push(lang.pick("afspraak", "commitment").to_string());
        }
    }
    parts
}

/// Draws the inbox over `area`.
pub fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let Some(panel) = scene.view.inbox else {
        return;
    };
    let state = scene.state();
    let list = waiting(state);
    let inner_w = area.width.saturating_sub(4).max(1) as usize;
    let inner_h = area.height.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_end = 0;
    for (i, p) in list.iter().enumerate() {
        let is_sel = i == panel.selected;
        let style = if is_sel { theme.selected } else { theme.base };
        let who = state
            .room
            .devices
            .get(&p.device)
            .map(|d| clean(&device_label(d, lang)).into_owned())
            .unwrap_or_else(|| format!("{} {}", lang.pick("Telefoon", "Phone"), p.device));
        if i > 0 {
            lines.push(Line::raw(""));
        }
        let marker = if is_sel { "▶ " } else { "  " };
        let head = std::iter::once(who)
            .chain(place(state, p, lang))
            .collect::<Vec<_>>()
            .join(" · ");
        let head_style = if is_sel { theme.selected } else { theme.dim };
        push_wrapped(&mut lines, marker, &head, inner_w, head_style);
        let text = match &p.content {
            Proposed::Card { text, .. } => clean(text).into_owned(),
            Proposed::Commitment { what, who, when } => {
                let mut parts = vec![clean(what).into_owned()];
                if !who.trim().is_empty() {
                    parts.push(format!("{} {}", lang.pick("wie:", "who:"), clean(who)));
                }
                if !when.trim().is_empty() {
                    parts.push(format!(
                        "{} {}",
                        lang.pick("wanneer:", "when:"),
                        clean(when)
                    ));
                }
                parts.join(" · ")
            }
        };
        push_wrapped(&mut lines, "  ", &text, inner_w, style);
        if is_sel {
            selected_end = lines.len();
        }
    }
    if list.is_empty() {
        lines.push(Line::styled(
            lang.pick(
                "Niets te doen: wat telefoons sturen, wacht hier tot jij het aanneemt.",
                "Nothing to do: what phones send waits here until you accept it.",
            ),
            theme.dim,
        ));
    }
    let title = match lang {
        Lang::Nl => format!(
            " Inbox · {} wachten · {} · alleen voor jou ",
            list.len(),
            setting(state, lang)
        ),
        Lang::En => format!(
            " Inbox · {} waiting · {} · yours alone ",
            list.len(),
            setting(state, lang)
        ),
    };
    let keys = lang.pick(
        " a aannemen · e bewerken · x afwijzen · A alles · o/O aan/uit · Esc sluit ",
        " a accept · e edit · x reject · A all · o/O on/off · Esc closes ",
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .scroll((scroll_to(selected_end, inner_h), 0))
            .block(panel_block(title, keys, theme.focus, theme.focus, theme)),
        area,
    );
}
