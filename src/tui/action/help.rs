//! The key lists of the help overlay, one per context and step kind.

use super::{KeyContext, StepKey};

/// One line of the key list: the keys, then what they do in Dutch and in English.
pub type KeyHelp = (&'static str, &'static str, &'static str);

/// A headed group of keys in the help overlay.
#[derive(Clone, Copy, Debug)]
pub struct KeySection {
    /// Heading in Dutch.
    pub nl: &'static str,
    /// Heading in English.
    pub en: &'static str,
    /// The keys.
    pub keys: &'static [KeyHelp],
}

const HOME_KEYS: &[KeyHelp] = &[
    (
        "↑ ↓",
        "kies een scenario of sessie",
        "choose a scenario or session",
    ),
    ("Enter", "start of open", "start or open"),
    ("?", "deze hulp", "this help"),
    ("q", "stoppen", "quit"),
];

const BOARD_KEYS: &[KeyHelp] = &[
    ("← → Tab", "andere kolom", "other lane"),
    ("↑ ↓", "kies een kaart", "select a card"),
    (
        "a",
        "kaart toevoegen (Enter bewaart, Esc annuleert)",
        "add a card (Enter saves, Esc cancels)",
    ),
    ("e Enter", "kaart bewerken", "edit the card"),
    (
        "d",
        "kaart verwijderen (vraagt j/n)",
        "delete the card (asks y/n)",
    ),
    (
        "< >",
        "kaart naar vorige/volgende kolom",
        "card to previous/next lane",
    ),
    ("K J", "kaart omhoog/omlaag", "card up/down"),
    ("Space", "kaart aan-/afvinken", "mark/unmark the card"),
    (
        "g",
        "aangevinkte kaarten groeperen in een thema",
        "group the marked cards in a theme",
    ),
    (
        "G",
        "kaart(en) uit het thema halen",
        "take card(s) out of the theme",
    ),
    ("o", "partij die het zei", "party that said it"),
    (
        "s",
        "kaart groot in beeld (Esc terug)",
        "card large on screen (Esc back)",
    ),
    ("Esc", "vinkjes wissen", "clear the marks"),
];

const REVIEW_KEYS: &[KeyHelp] = &[
    ("↑ ↓", "kies een actie", "select an action"),
    (
        "Enter Space",
        "gedaan → loopt nog → vervallen → niet besproken",
        "done → still open → dropped → not discussed",
    ),
];

const VOTE_KEYS: &[KeyHelp] = &[
    ("↑ ↓", "kies een kaart", "select a card"),
    ("+", "stip op de kaart", "a dot on the card"),
    ("-", "stip van de kaart af", "a dot off the card"),
    ("r", "uitslag tonen/verbergen", "show/hide the results"),
    (
        "v",
        "aantal kiezers (leeg: de aanwezigen)",
        "number of voters (empty: those present)",
    ),
];

const AGREEMENT_KEYS: &[KeyHelp] = &[
    ("↑ ↓", "kies een onderdeel", "select an item"),
    (
        "Space",
        "wie onderschrijft dit (uitgangspunt of verklaring)",
        "who endorses it (principle or statement)",
    ),
    (
        "a",
        "afspraak toevoegen: wat, wie, wanneer",
        "add a commitment: what, who, by when",
    ),
    ("e Enter", "afspraak bewerken", "edit the commitment"),
    (
        "d",
        "afspraak verwijderen (vraagt j/n)",
        "delete the commitment (asks y/n)",
    ),
    (
        "→ ←",
        "naar de afspraken / terug",
        "to the commitments / back",
    ),
];

const PARTICIPANT_KEYS: &[KeyHelp] = &[
    ("↑ ↓", "kies een deelnemer", "select a participant"),
    (
        "a",
        "deelnemer toevoegen (naam mag leeg)",
        "add a participant (name may stay empty)",
    ),
    ("e Enter", "deelnemer bewerken", "edit the participant"),
    (
        "d",
        "deelnemer verwijderen (vraagt j/n)",
        "remove the participant (asks y/n)",
    ),
    ("Space", "aanwezig / afwezig", "present / absent"),
    ("t", "timer starten/pauzeren", "start/pause the timer"),
    ("T", "minuten van de timer", "minutes of the timer"),
    ("u", "ongedaan maken", "undo"),
    ("Ctrl-r", "opnieuw doen", "redo"),
    ("Esc P", "paneel sluiten", "close the panel"),
];

const ENDORSE_KEYS: &[KeyHelp] = &[
    ("↑ ↓", "kies wie", "choose who"),
    ("Space", "onderschrijft wel/niet", "endorses or not"),
    ("Enter Esc", "klaar", "done"),
];

const STEP_KEYS: &[KeyHelp] = &[
    ("n PgDn", "volgende stap", "next step"),
    ("p PgUp", "vorige stap", "previous step"),
    ("u", "ongedaan maken", "undo"),
    ("Ctrl-r", "opnieuw doen", "redo"),
    (
        "f",
        "notities voor de begeleider tonen/verbergen",
        "show/hide facilitator notes",
    ),
    ("t", "timer starten/pauzeren", "start/pause the timer"),
    ("T", "minuten van de timer", "minutes of the timer"),
    (
        "P",
        "deelnemers: wie, welke partij, aanwezig",
        "participants: who, which party, present",
    ),
    (
        "X",
        "verslag exporteren (.md .html .csv naast de sessie)",
        "export the report (.md .html .csv beside the session)",
    ),
    ("?", "deze hulp", "this help"),
    (
        "q",
        "stoppen (alles is bewaard)",
        "quit (everything is saved)",
    ),
];

const SPOTLIGHT_KEYS: &[KeyHelp] = &[
    ("↑ ↓", "vorige/volgende kaart", "previous/next card"),
    ("Esc s", "terug naar het bord", "back to the board"),
];

const PICKER_KEYS: &[KeyHelp] = &[
    ("↑ ↓", "kies", "choose"),
    ("0-9", "kies direct", "choose directly"),
    ("Enter", "bevestigen", "confirm"),
    ("Esc", "annuleren", "cancel"),
];

const EDITOR_KEYS: &[KeyHelp] = &[("Enter", "bewaren", "save"), ("Esc", "annuleren", "cancel")];

const CONFIRM_KEYS: &[KeyHelp] = &[("j y", "ja", "yes"), ("n Esc", "nee", "no")];

const ERROR_KEYS: &[KeyHelp] = &[("Esc Enter", "verder", "go on"), ("q", "stoppen", "quit")];

/// The keys of a context with what they do, for the help overlay and the README.
pub fn key_sections(context: KeyContext) -> Vec<KeySection> {
    let section = |nl, en, keys| KeySection { nl, en, keys };
    match context {
        KeyContext::Home => vec![section("Begin", "Start", HOME_KEYS)],
        KeyContext::Step(kind) => {
            let own = match kind {
                StepKey::Board => Some(section("Bord", "Board", BOARD_KEYS)),
                StepKey::Review => Some(section("Terugblik", "Review", REVIEW_KEYS)),
                StepKey::Vote => Some(section("Stemmen", "Vote", VOTE_KEYS)),
                StepKey::Agreement => Some(section("Akkoord", "Agreement", AGREEMENT_KEYS)),
                StepKey::Matrix => Some(section("Matrix", "Matrix", crate::tui::matrix::KEYS)),
            };
            own.into_iter()
                .chain([section("Elke stap", "Every step", STEP_KEYS)])
                .collect()
        }
        KeyContext::Spotlight => vec![section("Uitgelicht", "Spotlight", SPOTLIGHT_KEYS)],
        KeyContext::Participants => {
            vec![section("Deelnemers", "Participants", PARTICIPANT_KEYS)]
        }
        KeyContext::Endorse => vec![section("Onderschrijven", "Endorsing", ENDORSE_KEYS)],
        KeyContext::Picker => vec![section("Kiezen", "Choosing", PICKER_KEYS)],
        KeyContext::Editing => vec![section("Tekst", "Text", EDITOR_KEYS)],
        KeyContext::Confirm => vec![section("Vraag", "Question", CONFIRM_KEYS)],
        KeyContext::Error => vec![section("Fout", "Error", ERROR_KEYS)],
        // The help overlay explains the screen under it, never itself.
        KeyContext::Help => Vec::new(),
        KeyContext::Replay => vec![section("Terugkijken", "Replay", crate::tui::replay::KEYS)],
        KeyContext::Follow => vec![section("Volgen", "Follow", crate::tui::follow::KEYS)],
    }
}
