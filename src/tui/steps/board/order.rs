//! The order a lane is shown in: cards without a theme where they are, and the cards of
//! each theme gathered under its name at the place of the theme's first card. The stored
//! order (the session's) is never changed by showing; moves are computed so that the shown
//! order changes by exactly one step.

use crate::core::state::{Card, LaneState};

/// One row of a lane as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row<'a> {
    /// The name of a theme, above its cards.
    Heading {
        /// The theme's name.
        theme: &'a str,
        /// How many cards it has in this lane.
        count: usize,
    },
    /// A card.
    Card {
        /// Its index in the lane as stored.
        index: usize,
        /// Its place in the shown order (what the cursor counts).
        shown: usize,
    },
}

/// The stored indices of a lane's cards in the shown order.
pub fn shown_order(lane: &LaneState) -> Vec<usize> {
    rows(lane)
        .into_iter()
        .filter_map(|r| match r {
            Row::Card { index, .. } => Some(index),
            Row::Heading { .. } => None,
        })
        .collect()
}

/// The rows of a lane: headings and cards, in the shown order.
pub fn rows(lane: &LaneState) -> Vec<Row<'_>> {
    let cards = &lane.cards;
    let mut done = vec![false; cards.len()];
    let mut out = Vec::with_capacity(cards.len() + 4);
    let mut shown = 0;
    for i in 0..cards.len() {
        if done[i] {
            continue;
        }
        match cards[i].theme.as_deref() {
            None => {
                done[i] = true;
                out.push(Row::Card { index: i, shown });
                shown += 1;
            }
            Some(theme) => {
                let members: Vec<usize> = (i..cards.len())
                    .filter(|&j| cards[j].theme.as_deref() == Some(theme))
                    .collect();
                out.push(Row::Heading {
                    theme,
                    count: members.len(),
                });
                for j in members {
                    done[j] = true;
                    out.push(Row::Card { index: j, shown });
                    shown += 1;
                }
            }
        }
    }
    out
}

/// The card at a place in the shown order.
pub fn card_at(lane: &LaneState, shown: usize) -> Option<&Card> {
    shown_order(lane).get(shown).map(|&i| &lane.cards[i])
}

/// The place in the shown order of the card at stored index `index`.
pub fn shown_place(lane: &LaneState, index: usize) -> Option<usize> {
    shown_order(lane).iter().position(|&i| i == index)
}

/// The move within the lane that shifts the card at place `shown` one place up (or down)
/// in the shown order: which card (by stored index) goes to which stored position, for a
/// `CardMoved`. A card in a theme moves within its theme; a card without one moves past
/// the neighbouring card or the whole neighbouring theme. None when it cannot move further.
pub fn reorder(lane: &LaneState, shown: usize, up: bool) -> Option<(usize, usize)> {
    let order = shown_order(lane);
    let me = *order.get(shown)?;
    let neighbour = if up {
        *order.get(shown.checked_sub(1)?)?
    } else {
        *order.get(shown + 1)?
    };
    let cards = &lane.cards;
    match (&cards[me].theme, &cards[neighbour].theme) {
        // Within a theme the shown order is the stored order. The card that goes up takes
        // the other's place, so the theme stays where its first card was.
        (Some(mine), Some(theirs)) if mine == theirs => {
            Some(if up { (me, neighbour) } else { (neighbour, me) })
        }
        (Some(_), _) => None,
        (None, None) => Some((me, neighbour)),
        // Past a whole theme: it is shown at its first card, so go just before (up) or
        // just after (down) that card.
        (None, Some(theirs)) => cards
            .iter()
            .position(|c| c.theme.as_ref() == Some(theirs))
            .map(|first| (me, first)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::state::Card;

    fn lane(cards: &[(&str, Option<&str>)]) -> LaneState {
        LaneState {
            cards: cards
                .iter()
                .enumerate()
                .map(|(i, (text, theme))| Card {
                    id: i as u32 + 1,
                    text: text.to_string(),
                    party: None,
                    theme: theme.map(str::to_string),
                })
                .collect(),
        }
    }

    fn texts(lane: &LaneState) -> Vec<&str> {
        shown_order(lane)
            .into_iter()
            .map(|i| lane.cards[i].text.as_str())
            .collect()
    }

    /// What the reducer does with a `CardMoved` within one lane.
    fn apply_move(lane: &mut LaneState, from: usize, to: usize) {
        let card = lane.cards.remove(from);
        let to = to.min(lane.cards.len());
        lane.cards.insert(to, card);
    }

    #[test]
    fn themes_gather_at_their_first_card() {
        let l = lane(&[
            ("a", None),
            ("b", Some("T")),
            ("c", None),
            ("d", Some("T")),
            ("e", Some("U")),
        ]);
        assert_eq!(texts(&l), ["a", "b", "d", "c", "e"]);
        let headings: Vec<(&str, usize)> = rows(&l)
            .into_iter()
            .filter_map(|r| match r {
                Row::Heading { theme, count } => Some((theme, count)),
                Row::Card { .. } => None,
            })
            .collect();
        assert_eq!(headings, [("T", 2), ("U", 1)]);
    }

    /// Every possible move shifts the shown order by exactly one unit, as a person expects.
    #[test]
    fn every_move_swaps_neighbours_in_the_shown_order() {
        let start = lane(&[
            ("a", None),
            ("b", Some("T")),
            ("c", None),
            ("d", Some("T")),
            ("e", Some("U")),
            ("f", None),
        ]);
        let cases: &[(usize, bool, Option<&[&str]>)] = &[
            // shown: a b d c e f  (T = b d, U = e)
            (0, true, None),
            (0, false, Some(&["b", "d", "a", "c", "e", "f"])),
            (1, true, None),
            (1, false, Some(&["a", "d", "b", "c", "e", "f"])),
            (2, true, Some(&["a", "d", "b", "c", "e", "f"])),
            (2, false, None),
            (3, true, Some(&["a", "c", "b", "d", "e", "f"])),
            (3, false, Some(&["a", "b", "d", "e", "c", "f"])),
            (4, true, None),
            (4, false, None),
            (5, true, Some(&["a", "b", "d", "c", "f", "e"])),
            (5, false, None),
        ];
        for (shown, up, want) in cases {
            let mut l = start.clone();
            let target = reorder(&l, *shown, *up);
            match want {
                None => assert_eq!(target, None, "place {shown} up={up}"),
                Some(want) => {
                    let (from, to) =
                        target.unwrap_or_else(|| panic!("place {shown} up={up} moves"));
                    apply_move(&mut l, from, to);
                    assert_eq!(texts(&l), *want, "place {shown} up={up}");
                }
            }
        }
    }
}
