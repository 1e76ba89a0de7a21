//! Participants' names in what is shared: stable labels ("Deelnemer 3"), and the rewrite
//! that `--anonymize` applies to every text a name can reach.

use std::borrow::Cow;
use std::collections::BTreeMap;

use unicode_normalization::{UnicodeNormalization, is_nfc};

use crate::core::state::Participant;
use crate::core::{Change, Event, Lang, Session};

/// Whether a change names someone (a participant added or edited, a phone joining): all
/// that [`participant_numbers`] and [`Scrubber`] read of a log.
pub fn names_someone(event: &Event) -> bool {
    event.change.each().any(|change| {
        matches!(
            change,
            Change::ParticipantAdded { .. }
                | Change::ParticipantEdited { .. }
                | Change::DeviceJoined { .. }
        )
    })
}

/// Numbers every participant the session ever had (at the start or added later) by id,
/// so "Deelnemer 3" means the same person in every format and in an anonymized copy.
pub fn participant_numbers(session: &Session) -> BTreeMap<u32, usize> {
    participant_numbers_in(&session.participants, &session.events)
}

/// As [`participant_numbers`], of the participants at the start and the changes of a log
/// that name someone (or the whole log).
pub fn participant_numbers_in(start: &[Participant], naming: &[Event]) -> BTreeMap<u32, usize> {
    let mut ids: Vec<u32> = start.iter().map(|p| p.id).collect();
    for change in naming.iter().flat_map(|e| e.change.each()) {
        if let Change::ParticipantAdded { participant } = change {
            ids.push(participant.id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .enumerate()
        .map(|(i, id)| (id, i + 1))
        .collect()
}

/// "Deelnemer 3" / "Participant 3".
pub fn numbered(lang: Lang, n: usize) -> String {
    format!("{} {n}", lang.pick("Deelnemer", "Participant"))
}

/// Replaces participants' names by their labels wherever they appear in free text.
/// Empty when the export is not anonymized: then every text passes unchanged.
///
/// Names are compared as a person reads them, not byte by byte: in one Unicode form (NFC,
/// so "Zoë" typed with a combining diaeresis is still Zoë), with any run of spaces (also a
/// no-break space) as one, and in any case.
#[derive(Clone, Debug, Default)]
pub struct Scrubber {
    /// (name, label), longest name first so "Jan de Vries" goes before "Jan"; names in
    /// NFC with their whitespace folded to single spaces.
    names: Vec<(String, String)>,
    /// The first word (run of letters and digits, lower case) of every name, to pass over
    /// a text none of whose words starts a name without looking for each name in it;
    /// none when a name has no such word (then every text is searched).
    firsts: std::sync::OnceLock<Option<std::collections::BTreeSet<String>>>,
}

/// The runs of letters and digits of a text, in lower case: the words a name can start at.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
}

/// A name as it is compared: NFC, whitespace runs folded to one space, trimmed.
fn normal(name: &str) -> String {
    name.nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Scrubber {
    /// A scrubber for every name the session ever held (at the start, added or edited).
    pub fn for_session(session: &Session, lang: Lang) -> Scrubber {
        Scrubber::for_log(&session.participants, &session.events, lang)
    }

    /// As [`Scrubber::for_session`], of the participants at the start and the changes of a
    /// log that name someone (or the whole log).
    pub fn for_log(start: &[Participant], naming: &[Event], lang: Lang) -> Scrubber {
        let numbers = participant_numbers_in(start, naming);
        let mut names: Vec<(String, String)> = Vec::new();
        let mut add = |id: u32, name: &Option<String>| {
            if let Some(name) = name.as_deref().map(normal).filter(|n| !n.is_empty()) {
                let label = numbered(lang, numbers.get(&id).copied().unwrap_or(0));
                if !names.iter().any(|(n, _)| eq_fold(n, &name)) {
                    names.push((name, label));
                }
            }
        };
        for p in start {
            add(p.id, &p.name);
        }
        let mut phones: Vec<(String, String)> = Vec::new();
        for change in naming.iter().flat_map(|e| e.change.each()) {
            match change {
                Change::ParticipantAdded { participant }
                | Change::ParticipantEdited { participant } => {
                    add(participant.id, &participant.name)
                }
                // A name typed on a phone becomes the phone's label ("Telefoon 3").
                Change::DeviceJoined {
                    device,
                    name: Some(name),
                    ..
                } if !name.trim().is_empty() => phones.push((
                    name.trim().to_string(),
                    format!("{} {device}", lang.pick("Telefoon", "Phone")),
                )),
                _ => {}
            }
        }
        for (name, label) in phones {
            if !names.iter().any(|(n, _)| *n == name) {
                names.push((name, label));
            }
        }
        names.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        Scrubber {
            names,
            ..Scrubber::default()
        }
    }

    /// Whether there is nothing to replace.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// A "who" field: a participant's name (whole field, any case) becomes the label;
    /// otherwise names inside it are replaced as in [`Scrubber::text`].
    pub fn who<'a>(&self, who: &'a str) -> Cow<'a, str> {
        if self.names.is_empty() {
            return Cow::Borrowed(who);
        }
        let whole = normal(who);
        for (name, label) in &self.names {
            if eq_fold(&whole, name) {
                return Cow::Owned(label.clone());
            }
        }
        self.text(who)
    }

    /// Free text: each participant's full name, as a whole word in any case, Unicode form
    /// or spacing, becomes the label. Names of one or two letters are left alone (too many
    /// false hits). A text without a name comes back as it was, byte for byte.
    pub fn text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.names.is_empty() {
            return Cow::Borrowed(text);
        }
        let nfc = is_nfc(text);
        // A name can only start at a word of the text: one none of whose words begins a
        // name has none (a name begins at a word boundary, and its first word is then a
        // whole word of the text, in any case).
        let firsts = self.firsts.get_or_init(|| {
            self.names
                .iter()
                .filter(|(n, _)| n.chars().count() >= 3)
                .map(|(n, _)| words(n).next())
                .collect()
        });
        if nfc
            && let Some(firsts) = firsts
            && !text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .any(|w| {
                    // Most words are plain lower case: looked up without a copy.
                    if w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    {
                        firsts.contains(w)
                    } else {
                        firsts.contains(&w.chars().flat_map(char::to_lowercase).collect::<String>())
                    }
                })
        {
            return Cow::Borrowed(text);
        }
        let mut out: Cow<'_, str> = if nfc {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.nfc().collect())
        };
        let mut changed = false;
        for (name, label) in &self.names {
            if name.chars().count() < 3 {
                continue;
            }
            if let Some(replaced) = replace_word(&out, name, label) {
                out = Cow::Owned(replaced);
                changed = true;
            }
        }
        if changed {
            Cow::Owned(out.into_owned())
        } else {
            Cow::Borrowed(text)
        }
    }

    /// A file name (such as the previous meeting's, `2026-03-12-zwolse-komedie-overleg-met-
    /// jeroen-bakker.json`) with each participant's name in its slug form replaced by the
    /// label's (`deelnemer-1`).
    pub fn file_name(&self, file: &str) -> String {
        let mut out = file.to_string();
        for (name, label) in &self.names {
            let from = crate::core::text::slug(name, 200);
            if from.len() < 3 {
                continue;
            }
            let to = crate::core::text::slug(label, 200);
            out = replace_slug(&out, &from, &to);
        }
        out
    }
}

/// `file` with every occurrence of `from` that stands between dashes, dots or the ends
/// (a whole part of a slug) replaced by `to`, compared in any case.
fn replace_slug(file: &str, from: &str, to: &str) -> String {
    let lower = file.to_ascii_lowercase();
    let mut out = String::new();
    let mut i = 0;
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
    while i < file.len() {
        let here = lower.get(i..).unwrap_or_default();
        let before = lower.get(..i).unwrap_or_default().chars().next_back();
        let after = here.get(from.len()..).and_then(|r| r.chars().next());
        if here.starts_with(from) && boundary(before) && boundary(after) {
            out.push_str(to);
            i += from.len();
            continue;
        }
        let c = file.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn eq_fold(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The length in bytes of `name` at the start of `hay` (compared case-insensitively; a
/// space in the name matches any run of whitespace, a no-break space too).
fn match_at(hay: &str, name: &str) -> Option<usize> {
    let mut hay_chars = hay.char_indices().peekable();
    for n in name.chars() {
        if n == ' ' {
            let mut spaces = 0;
            while hay_chars.peek().is_some_and(|(_, h)| h.is_whitespace()) {
                hay_chars.next();
                spaces += 1;
            }
            if spaces == 0 {
                return None;
            }
            continue;
        }
        let (_, h) = hay_chars.next()?;
        if !h.to_lowercase().eq(n.to_lowercase()) {
            return None;
        }
    }
    Some(hay_chars.next().map_or(hay.len(), |(i, _)| i))
}

/// `text` with every whole-word occurrence of `name` replaced; none when there is none.
fn replace_word(text: &str, name: &str, label: &str) -> Option<String> {
    let mut out = String::new();
    let mut changed = false;
    let mut rest_from = 0;
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < text.len() {
        let starts_word = !prev.is_some_and(char::is_alphanumeric);
        if starts_word
            && let Some(len) = match_at(text.get(i..).unwrap_or_default(), name)
            && !text
                .get(i + len..)
                .unwrap_or_default()
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            out.push_str(text.get(rest_from..i).unwrap_or_default());
            out.push_str(label);
            changed = true;
            i += len;
            rest_from = i;
            prev = text.get(..i).unwrap_or_default().chars().next_back();
            continue;
        }
        let c = text
            .get(i..)
            .unwrap_or_default()
            .chars()
            .next()
            .unwrap_or(' ');
        prev = Some(c);
        i += c.len_utf8();
    }
    if !changed {
        return None;
    }
    out.push_str(text.get(rest_from..).unwrap_or_default());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubber(names: &[(&str, &str)]) -> Scrubber {
        Scrubber {
            names: names
                .iter()
                .map(|(n, l)| (n.to_string(), l.to_string()))
                .collect(),
            ..Scrubber::default()
        }
    }

    #[test]
    fn whole_names_are_replaced_not_parts_of_words() {
        let s = scrubber(&[("Jan de Vries", "Deelnemer 2"), ("Jan", "Deelnemer 1")]);
        assert_eq!(
            s.text("Volgens Jan de Vries en jan: in januari, Jan."),
            "Volgens Deelnemer 2 en Deelnemer 1: in januari, Deelnemer 1."
        );
        assert_eq!(s.text("Januari"), "Januari");
        assert_eq!(s.who(" jan de vries "), "Deelnemer 2");
        assert_eq!(s.who("gemeente"), "gemeente");
    }

    #[test]
    fn names_match_in_any_unicode_form_spacing_and_case() {
        let s = scrubber(&[
            (&normal("Zoë Müller"), "Deelnemer 1"),
            ("Jeroen Bakker", "Deelnemer 2"),
        ]);
        // NFD: e + combining diaeresis, u + combining diaeresis.
        assert_eq!(
            s.text("Volgens Zoe\u{308} Mu\u{308}ller klopt het"),
            "Volgens Deelnemer 1 klopt het"
        );
        assert_eq!(s.text("jeroen\u{a0}bakker belt"), "Deelnemer 2 belt");
        assert_eq!(s.text("Jeroen  Bakker belt"), "Deelnemer 2 belt");
        assert_eq!(s.text("Jeroen\n\tBakker"), "Deelnemer 2");
        assert_eq!(s.who(" JEROEN\u{a0}BAKKER "), "Deelnemer 2");
        // A name typed in NFD is found in an NFC text as well.
        let nfd = scrubber(&[(&normal("Zoe\u{308}"), "P1")]);
        assert_eq!(nfd.text("Zoë zei"), "P1 zei");
        // Text without a name is not touched, not even normalised.
        let untouched = "Cafe\u{301} om de hoek";
        assert!(matches!(s.text(untouched), Cow::Borrowed(t) if t == untouched));
        // A name in a file name's slug.
        assert_eq!(
            s.file_name("2026-03-12-zwolse-komedie-overleg-met-jeroen-bakker.json"),
            "2026-03-12-zwolse-komedie-overleg-met-deelnemer-2.json"
        );
        assert_eq!(
            s.file_name("2026-03-12-zoe-muller-2.json"),
            "2026-03-12-deelnemer-1-2.json"
        );
        assert_eq!(s.file_name("jeroen-bakkerij.json"), "jeroen-bakkerij.json");
    }

    #[test]
    fn accented_names_match_in_any_case() {
        let s = scrubber(&[("Özlem Çelik", "Participant 1")]);
        assert_eq!(s.text("(özlem çelik)"), "(Participant 1)");
    }
}
