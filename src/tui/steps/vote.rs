//! A vote step: dots on the cards (or themes) of an earlier board. `+`/`-` put a dot on the
//! selected card or take one off, `v` sets the number of voters, `r` reveals the results.
//! Until then the room sees the cards and how many dots are used, never the count per
//! card, so nobody follows the crowd; after, the cards are ranked with bars and numbers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Reaction, StepUi};
use crate::core::scenario::VoteSpec;
use crate::core::state::VoteTarget;
use crate::core::tally::{Candidate, DotCount, candidates, dot_count, ranked};
use crate::core::{Change, Lang, SessionState, StepState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Field, Form, Purpose};
use crate::tui::keys::{ARROWS_UP_DOWN, HOME_END, KeyTable, bind, ch, table};
use crate::tui::participants::party_name;
use crate::tui::session::view::{Mode, Scene, View};
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::{Entry, fit_parts, offset_for, panel_block, push_wrapped, scrolled};

/// The widest a result bar is drawn.
const MAX_BAR: usize = 24;

/// The keys of a vote step.
pub static KEYS: KeyTable = table!(
    "Stemmen",
    "Vote",
    [
        bind!("↑ ↓", "kies een kaart", "select a card", ARROWS_UP_DOWN,),
        bind!("Home End", "eerste / laatste", "first / last", HOME_END,),
        bind!(
            "+",
            "stip op de kaart",
            "a dot on the card",
            [ch('+', Action::Increase)]
        ),
        bind!(
            "-",
            "stip van de kaart af",
            "a dot off the card",
            [ch('-', Action::Decrease)],
        ),
        bind!(
            "r",
            "uitslag tonen/verbergen",
            "show/hide the results",
            [ch('r', Action::Reveal)],
        ),
        bind!(
            "v",
            "aantal kiezers (leeg: de aanwezigen)",
            "number of voters (empty: those present)",
            [ch('v', Action::Voters)],
        ),
        bind!(
            "c",
            "controle: stippen per kaart, alleen voor de begeleider",
            "check: dots per card, for the facilitator only",
            [ch('c', Action::Check)],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.vote().is_some(),
    keys: &KEYS,
    update,
    render,
    focus: super::no_focus,
    click: None,
};

/// Whether the results of the vote on screen are shown.
fn revealed(state: &SessionState) -> bool {
    matches!(state.steps.get(state.current), Some(StepState::Vote(v)) if v.revealed)
}

/// Draws the vote of the current step: the count of dots fixed at the top, the cards (or
/// the ranking) below, scrolling with the selection and saying what is above and below.
fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let index = state.current;
    let Some(spec) = state.scenario.steps.get(index).and_then(|s| s.kind.vote()) else {
        return;
    };
    let Some(count) = dot_count(state, index) else {
        return;
    };
    let list = candidates(state, index);
    let revealed = revealed(state);
    let selected = scene.cursor().card.min(list.len().saturating_sub(1));
    let inner_w = area.width.saturating_sub(4).max(1) as usize;
    // The counts of a hidden vote, for the facilitator alone (never on a screen that
    // mirrors the room: `follow` and a beamer have no facilitator's view).
    let check = scene.edits() && scene.view.private.vote_counts && !revealed;

    let mut head = header(&count, revealed, scene.edits(), inner_w, theme, lang);
    if check {
        push_wrapped(
            &mut head,
            "",
            lang.pick(
                "Alleen voor de begeleider: stippen per kaart, om te controleren (c verbergt)",
                "For the facilitator only: dots per card, to check (c hides)",
            ),
            inner_w,
            theme.warn,
        );
    }
    if scene.edits()
        && let Some(twice) = duplicate(&list)
    {
        let text = match lang {
            Lang::Nl => format!(
                "Dubbel: “{twice}”. Groepeer ze op het bord (g): dan tellen hun stippen samen."
            ),
            Lang::En => format!(
                "Twice: “{twice}”. Group them on the board (g): then their dots count together."
            ),
        };
        push_wrapped(&mut head, "", &text, inner_w, theme.dim);
    }
    head.push(Line::raw(""));

    let mut blocks: Vec<Entry> = Vec::new();
    let mut sel_block = 0;
    if list.is_empty() {
        blocks.push(Entry::other(vec![Line::styled(
            lang.pick(
                "Nog niets om op te stemmen: de kaarten komen uit een eerdere stap.",
                "Nothing to vote on yet: the cards come from an earlier step.",
            ),
            theme.dim,
        )]));
    } else if revealed {
        let max = list.iter().map(|c| c.dots).max().unwrap_or(0).max(1) as usize;
        let bar_w = MAX_BAR.min(inner_w / 4).max(1);
        for (rank, i) in ranked(&list) {
            let c = &list[i];
            let is_sel = i == selected;
            let style = if is_sel { theme.selected } else { theme.base };
            let filled = c.dots as usize * bar_w / max;
            let bar = format!("{}{}", "█".repeat(filled), " ".repeat(bar_w - filled));
            let lead = format!(
                "{}{rank:>2}. {bar} {:>3}  ",
                if is_sel { "▶" } else { " " },
                c.dots
            );
            let mut lines = Vec::new();
            push_wrapped(&mut lines, &lead, &label(c, state, lang), inner_w, style);
            if is_sel {
                sel_block = blocks.len();
            }
            blocks.push(Entry::item(lines));
        }
    } else {
        let lanes = lane_titles(state, spec, lang);
        let mut last_lane = None;
        for (i, c) in list.iter().enumerate() {
            let lane = lane_of(state, spec, c);
            if lane != last_lane
                && let Some(title) = lane.and_then(|l| lanes.get(l))
            {
                let mut lines = Vec::new();
                if last_lane.is_some() {
                    lines.push(Line::raw(""));
                }
                push_wrapped(&mut lines, "", title, inner_w, theme.title);
                blocks.push(Entry::other(lines));
            }
            last_lane = lane;
            let is_sel = i == selected;
            let style = if is_sel { theme.selected } else { theme.base };
            let lead = if is_sel { "▶ " } else { "• " };
            let mut text = label(c, state, lang);
            if check {
                text = format!("{text}  ({})", c.dots);
            }
            let mut lines = Vec::new();
            push_wrapped(&mut lines, lead, &text, inner_w, style);
            if is_sel {
                sel_block = blocks.len();
            }
            blocks.push(Entry::item(lines));
        }
    }
    let source = state
        .scenario
        .step_index(&spec.on)
        .and_then(|i| state.scenario.steps.get(i))
        .map(|s| clean(s.title.get(lang)).into_owned())
        .unwrap_or_default();
    let title = format!(" {} {source} ", lang.pick("Stemmen op:", "Voting on:"));
    let keys = if scene.edits() {
        let parts: Vec<String> = [
            lang.pick("+ stip", "+ dot"),
            lang.pick("- stip eraf", "- remove dot"),
            lang.pick("r uitslag", "r results"),
            lang.pick("v kiezers", "v voters"),
            lang.pick("c controle", "c check"),
        ]
        .map(String::from)
        .to_vec();
        let text = fit_parts(&parts, area.width.saturating_sub(6) as usize);
        format!(" {text} ")
    } else {
        String::new()
    };
    let block = panel_block(title, keys, theme.border, theme.title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The count stays put at the top; the list scrolls below it.
    let head_h = (head.len() as u16).min(inner.height);
    let [top, rest] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(head).style(theme.base), top);
    let height = rest.height as usize;
    let offset = offset_for(&blocks, sel_block, height);
    let lines = scrolled(blocks, offset, height, theme.dim, lang);
    frame.render_widget(Paragraph::new(lines).style(theme.base), rest);
}

/// A card text that two candidates share (the first), when there is one. Each text is
/// brought to its plain form once (a vote of hundreds of cards is drawn every frame).
fn duplicate(list: &[Candidate]) -> Option<String> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let cards: Vec<(&String, String)> = list
        .iter()
        .filter(|c| matches!(c.target, VoteTarget::Card(_)))
        .filter_map(|c| c.label.as_ref())
        .map(|label| (label, norm(label)))
        .collect();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (_, plain) in &cards {
        *seen.entry(plain.as_str()).or_default() += 1;
    }
    // The first text that is shared is the first of its kind: one like it comes later.
    cards
        .iter()
        .find(|(_, plain)| seen.get(plain.as_str()).is_some_and(|n| *n > 1))
        .map(|(label, _)| clean(label).into_owned())
}

/// The lines above the cards: dots left, who votes, whether results are hidden.
fn header<'a>(
    count: &DotCount,
    revealed: bool,
    edits: bool,
    width: usize,
    theme: &Theme,
    lang: Lang,
) -> Vec<Line<'a>> {
    let (cap, left, used) = (count.capacity, count.left(), count.used);
    let big = if cap == 0 && used == 0 {
        lang.pick("Nog geen kiezers", "No voters yet").to_string()
    } else if used > cap {
        match lang {
            Lang::Nl => format!("{used} stippen geplaatst, meer dan de {cap} die er zijn"),
            Lang::En => format!("{used} dots placed, more than the {cap} there are"),
        }
    } else if left == 0 {
        match lang {
            Lang::Nl => format!("Alle {cap} stippen zijn geplaatst"),
            Lang::En => format!("All {cap} dots are placed"),
        }
    } else {
        match lang {
            Lang::Nl => format!("nog {left} van {cap} stippen"),
            Lang::En => format!("{left} of {cap} dots left"),
        }
    };
    let (voters, per) = (count.voters, count.per_voter);
    let who = if cap == 0 && count.from_present && edits {
        lang.pick(
            "P voegt deelnemers toe, of v zet het aantal kiezers",
            "P adds participants, or v sets the number of voters",
        )
        .to_string()
    } else if cap == 0 && count.from_present {
        lang.pick("nog geen kiezers", "no voters yet").to_string()
    } else {
        let source = if count.from_present {
            lang.pick("de aanwezige deelnemers", "the participants present")
        } else {
            lang.pick("ingesteld", "set")
        };
        let one = voters == 1;
        match lang {
            Lang::Nl => {
                let kiezers = if one { "kiezer" } else { "kiezers" };
                let stippen = if per == 1 { "stip" } else { "stippen" };
                let v = if edits { "; v past aan" } else { "" };
                format!("{voters} {kiezers} × {per} {stippen} ({source}{v})")
            }
            Lang::En => {
                let voters_word = if one { "voter" } else { "voters" };
                let dots = if per == 1 { "dot" } else { "dots" };
                let v = if edits { "; v changes" } else { "" };
                format!("{voters} {voters_word} × {per} {dots} ({source}{v})")
            }
        }
    };
    let result = match (revealed, edits, lang) {
        (true, true, Lang::Nl) => format!("Uitslag · {used} stippen · r verbergt"),
        (true, true, Lang::En) => format!("Results · {used} dots · r hides"),
        (true, false, Lang::Nl) => format!("Uitslag · {used} stippen"),
        (true, false, Lang::En) => format!("Results · {used} dots"),
        (false, true, Lang::Nl) => format!("{used} stippen geplaatst · uitslag verborgen, r toont"),
        (false, true, Lang::En) => format!("{used} dots placed · results hidden, r shows"),
        (false, false, Lang::Nl) => format!("{used} stippen geplaatst · uitslag verborgen"),
        (false, false, Lang::En) => format!("{used} dots placed · results hidden"),
    };
    let mut lines = Vec::new();
    push_wrapped(&mut lines, "", &big, width, theme.prompt);
    push_wrapped(&mut lines, "", &who, width, theme.dim);
    push_wrapped(&mut lines, "", &result, width, theme.title);
    lines
}

/// What a candidate is called on screen.
fn label(c: &Candidate, state: &SessionState, lang: Lang) -> String {
    let parties = state.scenario.parties();
    let Some(text) = &c.label else {
        return lang
            .pick("(verwijderde kaart)", "(removed card)")
            .to_string();
    };
    let text = clean(text).into_owned();
    match &c.target {
        VoteTarget::Theme(_) => match lang {
            Lang::Nl => format!("Thema: {text} ({} kaarten)", c.cards),
            Lang::En => format!("Theme: {text} ({} cards)", c.cards),
        },
        VoteTarget::Card(_) => match party_name(c.party.as_deref(), parties, lang) {
            Some(party) => format!("{text} [{party}]"),
            None => text,
        },
    }
}

fn lane_titles(state: &SessionState, spec: &VoteSpec, lang: Lang) -> Vec<String> {
    let scenario = &state.scenario;
    match scenario
        .step_index(&spec.on)
        .and_then(|i| scenario.steps.get(i))
        .and_then(|s| s.kind.board())
    {
        Some(b) => b
            .lanes
            .iter()
            .map(|l| clean(l.title.get(lang)).into_owned())
            .collect(),
        None => Vec::new(),
    }
}

/// The lane of the voted board a card (or a theme's first card) sits in.
fn lane_of(state: &SessionState, spec: &VoteSpec, c: &Candidate) -> Option<usize> {
    let board = state
        .scenario
        .step_index(&spec.on)
        .and_then(|i| state.board(i))?;
    match &c.target {
        VoteTarget::Card(id) => board.find(*id).map(|(lane, _)| lane),
        // A theme under the lane of its first card.
        VoteTarget::Theme(name) => board
            .lanes
            .iter()
            .position(|l| l.cards.iter().any(|c| c.theme.as_deref() == Some(name))),
    }
}

/// What an action does on a vote step.
fn update(view: &mut View, state: &SessionState, action: &Action, _lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let step = state.scenario.steps.get(index).map(|s| s.id.clone())?;
    let count = dot_count(state, index)?;
    let list = candidates(state, index);
    let revealed = revealed(state);
    let selected = view.cursor(index).card.min(list.len().saturating_sub(1));
    match action {
        Action::Up | Action::Down | Action::First | Action::Last => {
            // In the order on screen: ranked once revealed.
            let order: Vec<usize> = if revealed {
                ranked(&list).into_iter().map(|(_, i)| i).collect()
            } else {
                (0..list.len()).collect()
            };
            let pos = order.iter().position(|i| *i == selected).unwrap_or(0);
            let last = order.len().saturating_sub(1);
            let pos = match action {
                Action::Up => pos.saturating_sub(1),
                Action::Down => (pos + 1).min(last),
                Action::First => 0,
                _ => last,
            };
            view.cursor_mut(index).card = order.get(pos).copied().unwrap_or(0);
            None
        }
        // With no dots left nothing happens; the header already says so, calmly.
        Action::Increase if count.left() > 0 => list.get(selected).map(|c| {
            Reaction::record(Change::DotAdded {
                step,
                target: c.target.clone(),
            })
        }),
        Action::Decrease => list.get(selected).filter(|c| c.dots > 0).map(|c| {
            Reaction::record(Change::DotRemoved {
                step,
                target: c.target.clone(),
            })
        }),
        Action::Check => {
            view.private.vote_counts = !view.private.vote_counts;
            None
        }
        Action::Reveal => Some(Reaction::record(Change::VoteRevealed {
            step,
            revealed: !revealed,
        })),
        Action::Voters => {
            let current = match state.steps.get(index) {
                Some(StepState::Vote(v)) => v.voters,
                _ => None,
            };
            Some(Reaction::Open(Mode::Form(Box::new(Form::new(
                Purpose::Voters,
                ("Aantal kiezers", "Number of voters"),
                vec![Field::Text {
                    label: Some((
                        "leeg = de aanwezige deelnemers",
                        "empty = the participants present",
                    )),
                    value: current.map(|n| n.to_string()).unwrap_or_default(),
                    check: Check::Number {
                        min: 0,
                        max: 999,
                        empty: true,
                    },
                }],
            )))))
        }
        _ => None,
    }
}
