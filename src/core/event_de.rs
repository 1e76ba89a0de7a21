//! Reading a change fast: samenspel writes a change's `type` first, so the kind is known
//! before its fields are read, and the fields go straight into their places. serde's
//! derived reader of an internally tagged enum first copies every field of every change
//! into a buffer (about a third of the time to open a long log). A change whose `type`
//! comes later (a file edited by hand) is read the slow way, with the same result.
//!
//! [`External`] mirrors [`Change`] field by field (the compiler checks that every field of
//! a kind is there, but not that every kind is: a test does, from the JSON Schema; a new
//! kind of change must be added here too).

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, EnumAccess, MapAccess, VariantAccess, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};

use super::consent::{ConsentPhase, Position};
use super::endorser::Endorser;
use super::event::Change;
use super::grid::{GridItem, GridPoint};
use super::state::{CardId, Commitment, Participant, ReviewStatus, RowRef, VoteTarget};

/// The fields of each kind of change, read once its kind is known.
#[derive(Deserialize)]
#[serde(remote = "Change", rename_all = "snake_case", deny_unknown_fields)]
#[allow(dead_code, reason = "only read through serde")]
enum External {
    StepOpened {
        step: String,
    },
    CardAdded {
        step: String,
        lane: String,
        card: CardId,
        text: String,
        #[serde(default)]
        party: Option<String>,
        #[serde(default)]
        theme: Option<String>,
        #[serde(default)]
        position: Option<usize>,
    },
    CardEdited {
        step: String,
        card: CardId,
        text: String,
    },
    CardDeleted {
        step: String,
        card: CardId,
    },
    CardMoved {
        step: String,
        card: CardId,
        lane: String,
        position: usize,
    },
    CardTagged {
        step: String,
        card: CardId,
        #[serde(default)]
        party: Option<String>,
    },
    ThemeSet {
        step: String,
        cards: Vec<CardId>,
        #[serde(default)]
        theme: Option<String>,
    },
    ParticipantAdded {
        participant: Participant,
    },
    ParticipantEdited {
        participant: Participant,
    },
    ParticipantRemoved {
        id: u32,
    },
    VotersSet {
        step: String,
        #[serde(default)]
        voters: Option<u32>,
    },
    DotAdded {
        step: String,
        target: VoteTarget,
    },
    DotRemoved {
        step: String,
        target: VoteTarget,
    },
    VoteRevealed {
        step: String,
        revealed: bool,
    },
    CellSet {
        step: String,
        row: RowRef,
        column: String,
        #[serde(default)]
        value: Option<i32>,
    },
    CellNoted {
        step: String,
        row: RowRef,
        column: String,
        note: String,
    },
    CommitmentAdded {
        step: String,
        commitment: Commitment,
        #[serde(default)]
        position: Option<usize>,
    },
    CommitmentEdited {
        step: String,
        commitment: Commitment,
    },
    CommitmentRemoved {
        step: String,
        id: u32,
    },
    EndorsementSet {
        step: String,
        item: String,
        endorser: Endorser,
        endorsed: bool,
    },
    TimerStarted {
        step: String,
    },
    TimerPaused {
        step: String,
    },
    TimerSet {
        step: String,
        minutes: u32,
    },
    ReviewMarked {
        step: String,
        item: String,
        #[serde(default)]
        status: Option<ReviewStatus>,
    },
    DeviceJoined {
        device: u32,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        party: Option<String>,
        secret: String,
    },
    DeviceRemoved {
        device: u32,
    },
    DeviceReadmitted {
        device: u32,
    },
    CardProposed {
        step: String,
        lane: String,
        proposal: u32,
        text: String,
        #[serde(default)]
        party: Option<String>,
    },
    CommitmentProposed {
        step: String,
        proposal: u32,
        what: String,
        #[serde(default)]
        who: String,
        #[serde(default)]
        when: String,
    },
    ProposalAccepted {
        proposal: u32,
        #[serde(default)]
        text: Option<String>,
        #[serde(default)]
        position: Option<usize>,
    },
    ProposalsAccepted {
        proposals: Vec<u32>,
    },
    ProposalRejected {
        proposal: u32,
    },
    ProposalReopened {
        proposal: u32,
    },
    InboxSet {
        #[serde(default)]
        step: Option<String>,
        #[serde(default)]
        on: Option<bool>,
    },
    Group {
        changes: Vec<Change>,
    },
    CardParked {
        step: String,
        card: CardId,
        #[serde(default)]
        position: Option<usize>,
    },
    CardUnparked {
        card: CardId,
        #[serde(default)]
        position: Option<usize>,
    },
    GridPlaced {
        step: String,
        item: GridItem,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<GridPoint>,
    },
    GridNoted {
        step: String,
        item: GridItem,
        note: String,
    },
    GridItemAdded {
        step: String,
        item: u32,
        label: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        party: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    GridItemEdited {
        step: String,
        item: u32,
        label: String,
    },
    GridItemRemoved {
        step: String,
        item: u32,
    },
    ConsentPhaseSet {
        step: String,
        phase: ConsentPhase,
    },
    ConsentSaid {
        step: String,
        phase: ConsentPhase,
        member: Endorser,
        text: String,
    },
    ConsentPositionSet {
        step: String,
        member: Endorser,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<Position>,
    },
    ConsentAmended {
        step: String,
        amendment: u32,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        resolves: Vec<Endorser>,
    },
    ConsentAmendmentWithdrawn {
        step: String,
        amendment: u32,
    },
    ConsentDecided {
        step: String,
        decided: bool,
    },
    PollAnswered {
        step: String,
        statement: String,
        respondent: Endorser,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        answer: Option<i32>,
    },
    PollCounted {
        step: String,
        statement: String,
        answer: i32,
        added: bool,
    },
    PollRevealed {
        step: String,
        statement: String,
        revealed: bool,
    },
    PollStatementAdded {
        step: String,
        id: String,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<usize>,
    },
    PollStatementRemoved {
        step: String,
        id: String,
    },
    Undo,
    Redo,
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Change, D::Error> {
        deserializer.deserialize_map(ChangeVisitor)
    }
}

struct ChangeVisitor;

impl<'de> Visitor<'de> for ChangeVisitor {
    type Value = Change;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("internally tagged enum Change")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Change, A::Error> {
        match map.next_key::<FirstKey>()? {
            Some(FirstKey::Type) => {
                let tag = map.next_value::<Tag<'de>>()?.0;
                External::deserialize(Rest { tag, map })
            }
            Some(FirstKey::Other(first)) => slow(first, map),
            None => Err(de::Error::missing_field("type")),
        }
    }
}

/// The first key of a change: `type`, or another one.
enum FirstKey {
    Type,
    Other(String),
}

impl<'de> Deserialize<'de> for FirstKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FirstKey, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = FirstKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FirstKey, E> {
                Ok(if s == "type" {
                    FirstKey::Type
                } else {
                    FirstKey::Other(s.to_owned())
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// The kind of change, borrowed from the input where it can be.
struct Tag<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Tag<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tag<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Tag<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the kind of change")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Tag<'de>, E> {
                Ok(Tag(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Tag<'de>, E> {
                Ok(Tag(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// The kind and the rest of a change's fields, read as an externally tagged enum.
struct Rest<'de, A> {
    tag: Cow<'de, str>,
    map: A,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Rest<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Rest<'de, A> {
    type Error = A::Error;
    type Variant = Fields<A>;

    fn variant_seed<S: de::DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Fields<A>), A::Error> {
        let name = de::value::StrDeserializer::<A::Error>::new(&self.tag);
        Ok((seed.deserialize(name)?, Fields(self.map)))
    }
}

/// The fields after `type`.
struct Fields<A>(A);

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Fields<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        // `undo` and `redo` have no fields.
        match self.0.next_key::<String>()? {
            Some(field) => Err(de::Error::unknown_field(&field, &[])),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<S: de::DeserializeSeed<'de>>(self, _: S) -> Result<S::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &"a change"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &"a change"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        // The derived reader knows `type` as no field of the kind: a second one is said as
        // what it is (as serde says it of an internally tagged enum).
        visitor.visit_map(self.0).map_err(|e: A::Error| {
            if e.to_string().starts_with("unknown field `type`") {
                de::Error::duplicate_field("type")
            } else {
                e
            }
        })
    }
}

/// A change whose `type` is not its first field: its fields are taken as they are, then
/// read again with `type` first.
fn slow<'de, A: MapAccess<'de>>(first: String, mut map: A) -> Result<Change, A::Error> {
    use serde_json::{Map, Value};
    let mut fields = Map::new();
    fields.insert(first, map.next_value::<Value>()?);
    while let Some((key, value)) = map.next_entry::<String, Value>()? {
        if fields.contains_key(&key) {
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        fields.insert(key, value);
    }
    let Some(tag) = fields.remove("type") else {
        return Err(de::Error::missing_field("type"));
    };
    let mut text = format!("{{\"type\":{tag}");
    for (key, value) in fields {
        text.push(',');
        text.push_str(&Value::String(key).to_string());
        text.push(':');
        text.push_str(&value.to_string());
    }
    text.push('}');
    serde_json::from_str::<Change>(&text).map_err(|e| {
        let message = e.to_string();
        de::Error::custom(message.split(" at line ").next().unwrap_or(&message))
    })
}

#[cfg(test)]
#[path = "event_de_tests.rs"]
mod tests;
