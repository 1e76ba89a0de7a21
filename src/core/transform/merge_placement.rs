//! Where a merge keeps the starting cards of a board (see [`super::merge`]): a three-way
//! merge of the groups' lanes and themes with the scenario as the base.

use std::collections::{BTreeMap, BTreeSet};

use super::merge::{Group, starting_cards};
use crate::core::{Lang, Text};

/// Where the merge keeps a starting card of a board: the groups whose card is that one,
/// and its lane and theme.
pub(super) struct Placement {
    /// Groups (indexes) that share the card; the others keep their own tagged copy.
    pub(super) groups: BTreeSet<usize>,
    /// Lane index.
    pub(super) lane: usize,
    /// Theme.
    pub(super) theme: Option<String>,
    /// The groups' different placements, when they could not be reconciled.
    pub(super) conflict: Option<Conflict>,
}

/// Where one group has a starting card: (group, lane index, theme).
type Placed = (usize, usize, Option<String>);

/// Groups that placed a starting card in different lanes or themes.
pub(super) struct Conflict {
    /// The card's text.
    text: String,
    /// Where every group that kept the card has it.
    placements: Vec<Placed>,
}

/// For each starting card of board step `s` (by its place in the scenario), where the
/// merged board keeps it. A three-way merge with the scenario as the base: a group that
/// moved the card to another lane, or put it in a theme, wins over groups that left it;
/// groups that changed it in different ways conflict, and then the card stays where the
/// scenario put it for the groups that left it there, while every other group keeps its
/// own placement as a tagged copy (nothing is lost, and the conflict is reported).
pub(super) fn shared_placements(
    groups: &[&Group<'_>],
    s: usize,
) -> BTreeMap<(usize, usize), Placement> {
    let mut seen: BTreeMap<(usize, usize), (String, Vec<Placed>)> = BTreeMap::new();
    for (g, group) in groups.iter().enumerate() {
        let start = starting_cards(&group.live.session.initial_state(), s);
        let Some(board) = group.live.state.board(s) else {
            continue;
        };
        for (l, lane) in board.lanes.iter().enumerate() {
            for card in &lane.cards {
                if let Some((place, text, party)) = start.get(&card.id)
                    && *text == card.text
                    && *party == card.party
                {
                    seen.entry(*place)
                        .or_insert_with(|| (text.clone(), Vec::new()))
                        .1
                        .push((g, l, card.theme.clone()));
                }
            }
        }
    }
    seen.into_iter()
        .map(|(place, (text, placements))| {
            let base_lane = place.0;
            let lanes: BTreeSet<usize> = placements
                .iter()
                .map(|(_, l, _)| *l)
                .filter(|l| *l != base_lane)
                .collect();
            let themes: BTreeSet<&String> = placements
                .iter()
                .filter_map(|(_, _, t)| t.as_ref())
                .collect();
            let placement = if lanes.len() <= 1 && themes.len() <= 1 {
                Placement {
                    groups: placements.iter().map(|(g, _, _)| *g).collect(),
                    lane: lanes.first().copied().unwrap_or(base_lane),
                    theme: themes.first().map(|t| (*t).clone()),
                    conflict: None,
                }
            } else {
                Placement {
                    groups: placements
                        .iter()
                        .filter(|(_, l, t)| *l == base_lane && t.is_none())
                        .map(|(g, _, _)| *g)
                        .collect(),
                    lane: base_lane,
                    theme: None,
                    conflict: Some(Conflict { text, placements }),
                }
            };
            (place, placement)
        })
        .collect()
}

/// The report of a conflict, for standard error.
pub(super) fn describe_conflict(
    conflict: &Conflict,
    names: &[String],
    spec: &crate::core::scenario::BoardSpec,
    step: &str,
) -> Text {
    let part = |lang: Lang| {
        conflict
            .placements
            .iter()
            .map(|(g, l, theme)| {
                let lane = spec.lanes.get(*l).map_or("?", |x| x.title.get(lang));
                let name = names.get(*g).map_or("?", String::as_str);
                match theme {
                    Some(t) => format!(
                        "{name}: {} '{lane}', {} '{t}'",
                        lang.pick("kolom", "lane"),
                        lang.pick("thema", "theme")
                    ),
                    None => format!("{name}: {} '{lane}'", lang.pick("kolom", "lane")),
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    Text::new(
        format!(
            "startkaart '{}' in stap '{step}' is door de groepen verschillend geplaatst ({}); elke andere plaatsing staat als eigen kaart van die groep in de samengevoegde sessie",
            conflict.text,
            part(Lang::Nl)
        ),
        format!(
            "starting card '{}' in step '{step}' was placed differently by the groups ({}); each other placement is in the merged session as that group's own card",
            conflict.text,
            part(Lang::En)
        ),
    )
}
