//! A grid step: items on two axes with the quadrants named. Tab chooses an item, the arrows
//! move it (an item not on the field yet lands in the middle), two digits put it on a place
//! at once (first across, then up); `A` shows what stands in each quadrant and what moved
//! since last time.

mod field;
mod render;

use crossterm::event::KeyCode;

use super::{Reaction, StepUi};
use crate::core::grid::{GridItem, GridPoint, entries};
use crate::core::touch::Touched;
use crate::core::{Change, Lang, SessionState};
use crate::tui::action::Action;
use crate::tui::form::{Check, Form, Purpose, StepForm};
use crate::tui::keys::{EDIT, KeyTable, bind, ch, code, digits, table};
use crate::tui::question::Question;
use crate::tui::session::view::{Mode, Status, View};

/// The keys of a grid step.
pub static KEYS: KeyTable = table!(
    "Raster",
    "Grid",
    [
        bind!(
            "Tab Shift-Tab",
            "kies het volgende / vorige onderdeel",
            "select the next / previous item",
            [
                code(KeyCode::Tab, Action::Next),
                code(KeyCode::BackTab, Action::Previous),
            ],
        ),
        bind!(
            "← → ↑ ↓",
            "onderdeel verplaatsen (nog niet geplaatst: naar het midden)",
            "move the item (not placed yet: to the middle)",
            [
                code(KeyCode::Left, Action::Left),
                code(KeyCode::Right, Action::Right),
                code(KeyCode::Up, Action::Up),
                code(KeyCode::Down, Action::Down),
            ],
        ),
        bind!(
            "1-8 1-8",
            "plaats in één keer: eerst naar rechts, dan omhoog (3 4)",
            "place at once: first across, then up (3 4)",
            [digits('0', '9')],
        ),
        bind!(
            "x",
            "van het veld halen",
            "take off the field",
            [ch('x', Action::Clear)],
        ),
        bind!(
            "a",
            "onderdeel toevoegen (wie ontbreekt?)",
            "add an item (who is missing?)",
            [ch('a', Action::Add)],
        ),
        bind!(
            "e Enter",
            "notitie bij het onderdeel",
            "note on the item",
            EDIT,
        ),
        bind!(
            "r",
            "toegevoegd onderdeel hernoemen",
            "rename an added item",
            [ch('r', Action::Rename)],
        ),
        bind!(
            "d",
            "toegevoegd onderdeel verwijderen (vraagt j/n)",
            "delete an added item (asks y/n)",
            [ch('d', Action::Delete)],
        ),
        bind!(
            "A",
            "wat staat waar, wat is verschoven / terug naar het raster",
            "what stands where, what moved / back to the grid",
            [ch('A', Action::ToggleAnalysis)],
        ),
        bind!(
            "Esc",
            "overzicht sluiten",
            "close the overview",
            [code(KeyCode::Esc, Action::Back)],
        ),
    ],
);

/// What the session screen needs of this kind of step.
pub static UI: StepUi = StepUi {
    accepts: |kind| kind.grid().is_some(),
    keys: &KEYS,
    update,
    render: render::render,
    focus,
    click: None,
};

/// Selects the item a change touched, when it is on the grid on screen.
fn focus(view: &mut View, state: &SessionState, touched: &Touched, lang: Lang) -> bool {
    let Some(step) = state.current_step() else {
        return false;
    };
    if touched.step != Some(step.id.as_str()) {
        return false;
    }
    let Some(item) = &touched.grid_item else {
        return false;
    };
    match entries(state, state.current, lang)
        .iter()
        .position(|e| &e.key == item)
    {
        Some(i) => {
            view.cursor_mut(state.current).card = i;
            true
        }
        None => false,
    }
}

fn key_of(item: &GridItem) -> String {
    serde_json::to_string(item).unwrap_or_default()
}

fn item_of(about: &[String]) -> Option<GridItem> {
    serde_json::from_str(about.first()?).ok()
}

fn finish_note(form: &Form, about: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    let item = item_of(about)?;
    let note = form.text_of(0);
    let old = entries(state, state.current, state.lang)
        .into_iter()
        .find(|e| e.key == item)
        .map(|e| e.note)
        .unwrap_or_default();
    (old != note).then(|| Reaction::record(Change::GridNoted { step, item, note }))
}

fn finish_add(form: &Form, _: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    Some(Reaction::record(Change::GridItemAdded {
        step,
        item: state.next_id,
        label: form.text_of(0),
        party: form.choice(1),
        position: None,
    }))
}

fn finish_rename(form: &Form, about: &[String], state: &SessionState) -> Option<Reaction> {
    let step = state.current_step()?.id.clone();
    let Some(GridItem::Item(item)) = item_of(about) else {
        return None;
    };
    Some(Reaction::record(Change::GridItemEdited {
        step,
        item,
        label: form.text_of(0),
    }))
}

/// The parties to choose from when an item is added: none first, then each.
fn party_options(state: &SessionState, lang: Lang) -> Vec<(Option<String>, String)> {
    std::iter::once((None, lang.pick("geen partij", "no party").to_string()))
        .chain(
            state
                .scenario
                .parties()
                .iter()
                .map(|p| (Some(p.id.clone()), p.name.get(lang).to_string())),
        )
        .collect()
}

/// What an action does on a grid step.
fn update(view: &mut View, state: &SessionState, action: &Action, lang: Lang) -> Option<Reaction> {
    let index = state.current;
    let step = state.scenario.steps.get(index)?;
    let spec = step.kind.grid()?;
    let first_digit = view.memory.take_digit(state.applied, index);
    if *action == Action::ToggleAnalysis {
        view.matrix.analysis = if view.matrix.analysis == Some(index) {
            None
        } else {
            Some(index)
        };
        return None;
    }
    if view.matrix.analysis == Some(index) {
        return Some(Reaction::Say(Status::problem(lang.pick(
            "dit is het overzicht: A of Esc gaat terug naar het raster",
            "this is the overview: A or Esc returns to the grid",
        ))));
    }
    let items = entries(state, index, lang);
    let n = items.len();
    let selected = view.cursor(index).card.min(n.saturating_sub(1));
    view.cursor_mut(index).card = selected;
    let entry = items.get(selected);
    let place = |at: Option<GridPoint>| {
        entry.map(|e| {
            Reaction::record(Change::GridPlaced {
                step: step.id.clone(),
                item: e.key.clone(),
                at,
            })
        })
    };
    let typed = entry.and_then(|e| match e.key {
        GridItem::Item(id) => Some(id),
        _ => None,
    });
    match action {
        Action::Next | Action::Previous if n > 0 => {
            let next = if *action == Action::Next {
                (selected + 1) % n
            } else {
                (selected + n - 1) % n
            };
            view.cursor_mut(index).card = next;
            None
        }
        Action::Left | Action::Right | Action::Up | Action::Down => {
            let e = entry?;
            let (dx, dy) = match action {
                Action::Left => (-1, 0),
                Action::Right => (1, 0),
                Action::Up => (0, 1),
                _ => (0, -1),
            };
            let to = match e.at {
                None => spec.middle(),
                Some(p) => spec.nudge(p, dx, dy),
            };
            (e.at != Some(to)).then(|| place(Some(to))).flatten()
        }
        Action::Digit(d) => {
            entry?;
            match first_digit {
                None => {
                    if *d == 0 || *d > spec.x.points {
                        return Some(Reaction::Say(Status::problem(off_axis(
                            *d,
                            spec.x.points,
                            lang,
                        ))));
                    }
                    view.memory.digit = Some((state.applied, index, *d));
                    Some(Reaction::Say(Status::info(match lang {
                        Lang::Nl => format!("{d}, en omhoog? (1-{})", spec.y.points),
                        Lang::En => format!("{d}, and up? (1-{})", spec.y.points),
                    })))
                }
                Some(x) => {
                    if *d == 0 || *d > spec.y.points {
                        return Some(Reaction::Say(Status::problem(off_axis(
                            *d,
                            spec.y.points,
                            lang,
                        ))));
                    }
                    place(Some(GridPoint { x, y: *d }))
                }
            }
        }
        Action::Clear => entry.filter(|e| e.at.is_some()).and_then(|_| place(None)),
        Action::Add => Some(Reaction::Open(Mode::Form(Box::new(Form::new(
            Purpose::Step(StepForm::new("grid-add", Vec::new(), finish_add)),
            ("Onderdeel toevoegen", "Add an item"),
            vec![
                crate::tui::form::Field::Text {
                    label: Some(("naam", "name")),
                    value: String::new(),
                    check: Check::Required,
                },
                crate::tui::form::Field::Choice {
                    label: ("partij", "party"),
                    options: party_options(state, lang),
                    selected: 0,
                },
            ],
        ))))),
        Action::Edit => {
            let e = entry?;
            Some(Reaction::Open(Mode::Form(Box::new(Form::text(
                Purpose::Step(StepForm::new(
                    "grid-note",
                    vec![key_of(&e.key)],
                    finish_note,
                )),
                (
                    " Notitie bij het onderdeel · Enter bewaart (leeg wist) · Esc annuleert ",
                    " Note on the item · Enter saves (empty removes) · Esc cancels ",
                ),
                &e.note,
                Check::Any,
            )))))
        }
        Action::Rename => match (entry, typed) {
            (Some(e), Some(_)) => Some(Reaction::Open(Mode::Form(Box::new(Form::text(
                Purpose::Step(StepForm::new(
                    "grid-rename",
                    vec![key_of(&e.key)],
                    finish_rename,
                )),
                (
                    " Nieuwe naam · Enter bewaart · Esc annuleert ",
                    " New name · Enter saves · Esc cancels ",
                ),
                &e.label,
                Check::EmptyCancels,
            ))))),
            (Some(_), None) => Some(Reaction::Say(Status::problem(lang.pick(
                "alleen een toegevoegd onderdeel kan een andere naam krijgen",
                "only an added item can be renamed",
            )))),
            _ => None,
        },
        Action::Delete => match (entry, typed) {
            (Some(_), Some(id)) => Some(Reaction::Open(Mode::Confirm(Box::new(Question::remove(
                ("Onderdeel verwijderen?", "Delete this item?"),
                Change::GridItemRemoved {
                    step: step.id.clone(),
                    item: id,
                },
                lang,
            ))))),
            (Some(_), None) => Some(Reaction::Say(Status::problem(lang.pick(
                "alleen een toegevoegd onderdeel kan weg; x haalt het van het veld",
                "only an added item can be deleted; x takes it off the field",
            )))),
            _ => None,
        },
        _ => None,
    }
}

fn off_axis(d: u8, points: u8, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("{d} valt buiten het veld: kies 1 tot {points}"),
        Lang::En => format!("{d} is off the field: choose 1 to {points}"),
    }
}
