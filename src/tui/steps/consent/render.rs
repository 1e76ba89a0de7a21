//! Drawing a consent round: the rounds in a line, the proposal in a box, whose turn it is
//! with what each member said or holds, and the count of each position.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};

use super::round;
use crate::core::Lang;
use crate::core::consent::{ConsentPhase, ConsentState, Member, Stance, members};
use crate::tui::session::view::Scene;
use crate::tui::text::clean;
use crate::tui::theme::Theme;
use crate::tui::wrapped::{push_wrapped, scroll_to};

/// The rounds in one line, the one on screen marked.
fn rounds_line<'a>(r: &ConsentState, short: bool, theme: &Theme, lang: Lang) -> Line<'a> {
    let mut spans = Vec::new();
    for (i, p) in ConsentPhase::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.dim));
        }
        let label = format!(
            " {} {} ",
            i + 1,
            if short {
                phase_short(*p, lang)
            } else {
                p.label(lang)
            }
        );
        if *p == r.phase && !r.decided {
            spans.push(Span::styled(format!("▶{label}"), theme.selected));
        } else {
            spans.push(Span::styled(label, theme.dim));
        }
    }
    if r.decided {
        spans.push(Span::styled(
            format!("  ✓ {}", lang.pick("Besluit genomen", "Decision taken")),
            theme.ok,
        ));
    }
    Line::from(spans)
}

/// A round's name in a word, where the line is narrow.
fn phase_short(p: ConsentPhase, lang: Lang) -> &'static str {
    match p {
        ConsentPhase::Questions => lang.pick("Vragen", "Questions"),
        other => other.label(lang),
    }
}

/// A position in a word, for the counts under the list.
fn stance_short(s: Stance, lang: Lang) -> &'static str {
    match s {
        Stance::Consent => lang.pick("instemming", "consent"),
        Stance::Concern => lang.pick("met zorg", "with a concern"),
        Stance::Objection => lang.pick("bezwaar", "objection"),
        Stance::StandAside => lang.pick("opzij", "aside"),
    }
}

/// What a member has in the round on screen: a position, or what they said.
fn member_text(r: &ConsentState, m: &Member, lang: Lang) -> (String, bool) {
    if r.phase.takes_positions() || r.decided {
        return match r.positions.get(&m.who) {
            None => ("–".to_string(), false),
            Some(p) => {
                let mut s = p.stance.label(lang).to_string();
                if !p.text.is_empty() {
                    s.push_str(&format!(": {}", clean(&p.text)));
                }
                if p.resolved_by.is_some() {
                    s.push_str(lang.pick(" (opgelost)", " (resolved)"));
                }
                (s, p.is_open_objection())
            }
        };
    }
    match r.said.get(&(r.phase, m.who.clone())) {
        Some(t) => (clean(t).into_owned(), false),
        None => ("–".to_string(), false),
    }
}

/// Draws the consent round of the current step.
pub(super) fn render(frame: &mut Frame, area: Rect, scene: &Scene, theme: &Theme, lang: Lang) {
    let state = scene.state();
    let Some(r) = round(state) else {
        return;
    };
    let list = members(state, state.current, lang);
    let selected = scene.cursor().card.min(list.len().saturating_sub(1));
    let width = area.width.saturating_sub(4).max(10) as usize;
    let proposal = if r.proposal.is_empty() {
        lang.pick(
            "(nog geen voorstel: w schrijft het)",
            "(no proposal yet: w writes it)",
        )
        .to_string()
    } else {
        clean(&r.proposal).into_owned()
    };
    let proposal_h = (crate::tui::view::wrapped_height(&proposal, width) as u16 + 2)
        .min(area.height.saturating_sub(5).max(3));
    let [rounds, box_area, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(proposal_h),
        Constraint::Min(1),
    ])
    .areas(area);
    let short = area.width < 100;
    frame.render_widget(Paragraph::new(rounds_line(r, short, theme, lang)), rounds);
    // Writing the first proposal is no amendment.
    let amended = r.amendments.iter().filter(|a| !a.before.is_empty()).count();
    let title = match amended {
        0 => format!(" {} ", lang.pick("Voorstel", "Proposal")),
        n => match lang {
            Lang::Nl => format!(" Voorstel · {n}× gewijzigd "),
            Lang::En => format!(" Proposal · amended {n}× "),
        },
    };
    let style = if r.proposal.is_empty() {
        theme.dim
    } else {
        theme.prompt
    };
    frame.render_widget(
        Paragraph::new(proposal)
            .style(style)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .padding(Padding::horizontal(1))
                    .border_style(if r.decided { theme.ok } else { theme.focus })
                    .title(Span::styled(title, theme.title)),
            ),
        box_area,
    );
    let mut lines: Vec<Line> = Vec::new();
    let mut sel_end = 0;
    if list.is_empty() {
        lines.push(Line::styled(
            lang.pick(
                "Nog niemand in de ronde: P voegt deelnemers toe (aanwezig), of telefoons doen mee.",
                "Nobody in the round yet: P adds participants (present), or phones join.",
            ),
            theme.dim,
        ));
    }
    for (i, m) in list.iter().enumerate() {
        let is_sel = i == selected;
        let (text, open) = member_text(r, m, lang);
        let lead = format!("{} {}: ", if is_sel { "▶" } else { " " }, clean(&m.label));
        let style = match () {
            _ if is_sel => theme.selected,
            _ if open => theme.error,
            _ if text == "–" => theme.dim,
            _ => theme.base,
        };
        push_wrapped(&mut lines, &lead, &text, width, style);
        if is_sel {
            sel_end = lines.len();
        }
    }
    let count = |s: Stance| r.positions.values().filter(|p| p.stance == s).count();
    let mut summary: Vec<String> = Stance::ALL
        .iter()
        .filter(|s| count(**s) > 0)
        .map(|s| format!("{} {}", count(*s), stance_short(*s, lang)))
        .collect();
    let open = r.open_objections().count();
    if open > 0 {
        summary.push(match lang {
            Lang::Nl => format!("{open} open: w wijzigt het voorstel"),
            Lang::En => format!("{open} open: w amends the proposal"),
        });
    }
    // The counts and what to do about an open objection, as much as fits the border.
    let room = rest.width.saturating_sub(4) as usize;
    if open > 0 && Span::raw(format!(" {} ", summary.join(" · "))).width() > room {
        summary.retain(|s| !s.contains(':'));
        summary.push(match lang {
            Lang::Nl => format!("{open} open (w)"),
            Lang::En => format!("{open} open (w)"),
        });
    }
    let hint = if summary.is_empty() {
        match r.phase {
            _ if r.decided => {
                lang.pick(" b neemt het besluit terug ", " b takes the decision back ")
            }
            p if p.takes_positions() => lang.pick(
                " 1 instemming · 2 zorg · 3 bezwaar · 4 opzij · → volgende ronde ",
                " 1 consent · 2 concern · 3 objection · 4 aside · → next round ",
            ),
            _ => lang.pick(
                " Enter schrijft de vraag of reactie · → volgende ronde ",
                " Enter writes the question or reaction · → next round ",
            ),
        }
        .to_string()
    } else {
        format!(" {} ", summary.join(" · "))
    };
    let inner_h = rest.height.saturating_sub(2) as usize;
    let heading = if r.phase.takes_positions() || r.decided {
        lang.pick(" Standpunten ", " Positions ")
    } else {
        lang.pick(" Wie is aan de beurt ", " Whose turn ")
    };
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .scroll((scroll_to(sel_end, inner_h), 0))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .padding(Padding::horizontal(1))
                    .border_style(theme.border)
                    .title(Span::styled(heading, theme.title))
                    .title_bottom(Span::styled(
                        hint,
                        if open > 0 { theme.error } else { theme.dim },
                    )),
            ),
        rest,
    );
}
