//! Participants' names in what is shared: stable labels ("Deelnemer 3"), and the rewrite
//! that `--anonymize` applies to every text a name can reach.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::core::{Change, Lang, Session};

/// Numbers every participant the session ever had (at the start or added later) by id,
/// so "Deelnemer 3" means the same person in every format and in an anonymized copy.
pub fn participant_numbers(session: &Session) -> BTreeMap<u32, usize> {
    let mut ids: Vec<u32> = session.participants.iter().map(|p| p.id).collect();
    for event in &session.events {
        if let Change::ParticipantAdded { participant } = &event.change {
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
#[derive(Clone, Debug, Default)]
pub struct Scrubber {
    /// (name, label), longest name first so "Jan de Vries" goes before "Jan".
    names: Vec<(String, String)>,
}

impl Scrubber {
    /// A scrubber for every name the session ever held (at the start, added or edited).
    pub fn for_session(session: &Session, lang: Lang) -> Scrubber {
        let numbers = participant_numbers(session);
        let mut names: Vec<(String, String)> = Vec::new();
        let mut add = |id: u32, name: &Option<String>| {
            if let Some(name) = name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                let label = numbered(lang, numbers.get(&id).copied().unwrap_or(0));
                if !names.iter().any(|(n, _)| n == name) {
                    names.push((name.to_string(), label));
                }
            }
        };
        for p in &session.participants {
            add(p.id, &p.name);
        }
        for event in &session.events {
            match &event.change {
                Change::ParticipantAdded { participant }
                | Change::ParticipantEdited { participant } => {
                    add(participant.id, &participant.name)
                }
                _ => {}
            }
        }
        names.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        Scrubber { names }
    }

    /// Whether there is nothing to replace.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// A "who" field: a participant's name (whole field, any case) becomes the label;
    /// otherwise names inside it are replaced as in [`Scrubber::text`].
    pub fn who<'a>(&self, who: &'a str) -> Cow<'a, str> {
        let trimmed = who.trim();
        for (name, label) in &self.names {
            if eq_fold(trimmed, name) {
                return Cow::Owned(label.clone());
            }
        }
        self.text(who)
    }

    /// Free text: each participant's full name, as a whole word in any case, becomes the
    /// label. Names of one or two letters are left alone (too many false hits).
    pub fn text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(text);
        for (name, label) in &self.names {
            if name.chars().count() < 3 {
                continue;
            }
            if let Some(replaced) = replace_word(&out, name, label) {
                out = Cow::Owned(replaced);
            }
        }
        out
    }
}

fn eq_fold(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The length in bytes of `name` at the start of `hay` (compared case-insensitively).
fn match_at(hay: &str, name: &str) -> Option<usize> {
    let mut hay_chars = hay.char_indices();
    for n in name.chars() {
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
    fn accented_names_match_in_any_case() {
        let s = scrubber(&[("Özlem Çelik", "Participant 1")]);
        assert_eq!(s.text("(özlem çelik)"), "(Participant 1)");
    }
}
