//! Who endorses an item of an agreement: a party (by id), a participant (by number) or a
//! phone of the room (by its device number). In a file an endorser is one string, as it
//! always was: the party's id, `p` and the participant's number (`p3`), or `d` and the
//! device's number (`d3`). This type reads and writes exactly that, so no file
//! changes; everything else asks it instead of taking the string apart.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::party::Party;

/// A party or a participant that endorses an item.
///
/// Two endorsers are the same when they are written the same (`p3` as a party id and
/// participant 3 are one endorser), and they sort as they are written, as the strings
/// they were before this type existed.
#[derive(Clone, Debug)]
pub enum Endorser {
    /// A party of the scenario, by id.
    Party(String),
    /// A participant, by id.
    Participant(u32),
    /// A phone of the room, by its device number (it endorses for itself).
    Device(u32),
}

impl Endorser {
    /// The endorser a string names: `p` with a number (written the way samenspel writes
    /// it, `p3` not `p03`) is a participant, anything else a party id.
    pub fn parse(s: &str) -> Endorser {
        let number = |prefix: char| {
            s.strip_prefix(prefix)
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|id| format!("{prefix}{id}") == s)
        };
        if let Some(id) = number('p') {
            Endorser::Participant(id)
        } else if let Some(id) = number('d') {
            Endorser::Device(id)
        } else {
            Endorser::Party(s.to_string())
        }
    }

    /// How the endorser is written in a file: the party id, `p<id>` or `d<device>`.
    pub fn key(&self) -> Cow<'_, str> {
        match self {
            Endorser::Party(id) => Cow::Borrowed(id),
            Endorser::Participant(id) => Cow::Owned(format!("p{id}")),
            Endorser::Device(id) => Cow::Owned(format!("d{id}")),
        }
    }

    /// The participant this endorser is, unless one of `parties` has this id (a party
    /// may be called `p3`; then it is that party).
    pub fn participant(&self, parties: &[Party]) -> Option<u32> {
        match self {
            Endorser::Participant(id) if !parties.iter().any(|p| p.id == self.key()) => Some(*id),
            _ => None,
        }
    }

    /// The device this endorser is, unless one of `parties` has this id.
    pub fn device(&self, parties: &[Party]) -> Option<u32> {
        match self {
            Endorser::Device(id) if !parties.iter().any(|p| p.id == self.key()) => Some(*id),
            _ => None,
        }
    }

    /// The party of `parties` this endorser is, if any.
    pub fn party<'a>(&self, parties: &'a [Party]) -> Option<&'a Party> {
        let key = self.key();
        parties.iter().find(|p| p.id == key)
    }
}

impl From<&str> for Endorser {
    fn from(s: &str) -> Endorser {
        Endorser::parse(s)
    }
}

impl PartialEq for Endorser {
    fn eq(&self, other: &Endorser) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Endorser {}

impl PartialEq<&str> for Endorser {
    fn eq(&self, other: &&str) -> bool {
        self.key() == *other
    }
}

impl PartialEq<String> for Endorser {
    fn eq(&self, other: &String) -> bool {
        self.key() == other.as_str()
    }
}

impl Ord for Endorser {
    fn cmp(&self, other: &Endorser) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Endorser {
    fn partial_cmp(&self, other: &Endorser) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Hash for Endorser {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl fmt::Display for Endorser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for Endorser {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for Endorser {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Endorser, D::Error> {
        let s = Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Endorser::parse(&s))
    }
}

impl schemars::JsonSchema for Endorser {
    fn schema_name() -> Cow<'static, str> {
        // Inlined like a plain string, so the published schema stays as it was.
        String::schema_name()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endorsers_read_and_write_the_strings_of_the_files() {
        for (text, want) in [
            ("gemeente", Endorser::Party("gemeente".into())),
            ("p3", Endorser::Participant(3)),
            ("p03", Endorser::Party("p03".into())),
            ("p", Endorser::Party("p".into())),
            ("d4", Endorser::Device(4)),
            ("d04", Endorser::Party("d04".into())),
        ] {
            let read: Endorser = serde_json::from_str(&format!("\"{text}\"")).unwrap();
            assert!(
                matches!((&read, &want), (Endorser::Party(a), Endorser::Party(b)) if a == b)
                    || matches!((&read, &want), (Endorser::Participant(a), Endorser::Participant(b)) if a == b)
                    || matches!((&read, &want), (Endorser::Device(a), Endorser::Device(b)) if a == b)
            );
            assert_eq!(serde_json::to_string(&read).unwrap(), format!("\"{text}\""));
        }
        // Sorted as the strings were: p10 before p2.
        let mut list = [Endorser::Participant(2), Endorser::Participant(10)];
        list.sort();
        assert_eq!(list[0].key(), "p10");
    }

    #[test]
    fn a_party_called_like_a_participant_stays_a_party() {
        let parties = [Party {
            id: "p3".into(),
            name: crate::core::Text::new("Partij 3", "Party 3"),
            short: "P3".into(),
        }];
        let e = Endorser::parse("p3");
        assert_eq!(e.participant(&parties), None);
        assert_eq!(e.party(&parties).map(|p| p.id.as_str()), Some("p3"));
        assert_eq!(e.participant(&[]), Some(3));
        assert_eq!(e, Endorser::Party("p3".into()));
    }
}
