//! Valid session files, mutated at random (bytes flipped, inserted, deleted, cut off;
//! values replaced by hostile ones; keys removed): every mutant gives an error or opens,
//! none panics, and none is changed by `samenspel check` or by opening it.

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

use crate::hostile_support::{Fingerprint, expect_unchanged, open_in_process};

const BASES: [&str; 2] = ["valid.json", "escapes-everywhere.json"];

fn base(i: usize) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostile")
        .join(BASES[i % BASES.len()]);
    std::fs::read(path).expect("base file")
}

#[derive(Clone, Debug)]
enum Mutation {
    Truncate(Index),
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Duplicate(Index, usize),
    Replace(Index, usize),
    RemoveKey(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<Index>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), 1..200usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        (any::<Index>(), 0..HOSTILE_VALUES).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<Index>().prop_map(Mutation::RemoveKey),
    ]
}

const HOSTILE_VALUES: usize = 12;

fn hostile_value(i: usize) -> Value {
    match i {
        0 => Value::Null,
        1 => Value::Bool(true),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(4_294_967_295u64),
        4 => serde_json::json!(18_446_744_073_709_551_615u64),
        5 => serde_json::json!(1e300),
        6 => serde_json::json!(""),
        7 => serde_json::json!("\u{1b}]0;PWNED\u{7}\u{202e}\u{200b}"),
        8 => serde_json::json!([]),
        9 => serde_json::json!({}),
        10 => serde_json::json!("x".repeat(100_000)),
        _ => {
            let mut v = serde_json::json!(1);
            for _ in 0..100 {
                v = serde_json::json!([v]);
            }
            v
        }
    }
}

/// Every value in a document, as JSON pointers.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{here}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn apply(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut b = bytes.to_vec();
    match m {
        Mutation::Truncate(i) => b.truncate(i.index(b.len())),
        Mutation::Flip(i, x) => {
            let at = i.index(b.len());
            b[at] ^= x | 1;
        }
        Mutation::Insert(i, extra) => {
            let at = i.index(b.len());
            b.splice(at..at, extra.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let at = i.index(b.len());
            let end = (at + n).min(b.len());
            b.drain(at..end);
        }
        Mutation::Duplicate(i, n) => {
            let at = i.index(b.len());
            let end = (at + n).min(b.len());
            let piece = b[at..end].to_vec();
            b.splice(at..at, piece);
        }
        Mutation::Replace(i, _) | Mutation::RemoveKey(i)
            if serde_json::from_slice::<Value>(bytes).is_ok() =>
        {
            let mut doc: Value = serde_json::from_slice(bytes).expect("checked");
            let mut all = Vec::new();
            pointers(&doc, String::new(), &mut all);
            let target = all[i.index(all.len())].clone();
            match m {
                Mutation::Replace(_, v) => {
                    if let Some(slot) = doc.pointer_mut(&target) {
                        *slot = hostile_value(*v);
                    }
                }
                _ => {
                    let (parent, key) = target.rsplit_once('/').unwrap_or(("", ""));
                    match doc.pointer_mut(parent) {
                        Some(Value::Object(map)) => {
                            map.remove(&key.replace("~1", "/").replace("~0", "~"));
                        }
                        Some(Value::Array(items)) => {
                            if let Ok(k) = key.parse::<usize>()
                                && k < items.len()
                            {
                                items.remove(k);
                            }
                        }
                        _ => {}
                    }
                }
            }
            b = serde_json::to_vec_pretty(&doc).expect("JSON");
        }
        Mutation::Replace(..) | Mutation::RemoveKey(_) => {}
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_session_file_gives_an_error_or_opens_and_is_never_changed(
        which in 0..BASES.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = base(which);
        for m in &mutations {
            bytes = apply(&bytes, m);
        }
        let dir = tempfile::tempdir().expect("folder");
        let file = dir.path().join("sessie.json");
        std::fs::write(&file, &bytes).expect("write");
        let before = Fingerprint::of(&file);

        let (code, out, err) = crate::common::run(&["check", file.to_str().expect("path")], dir.path());
        prop_assert!(code == 0 || code == 1, "check exit {code}: {out}{err}");
        prop_assert!(!err.contains("panicked"), "{err}");
        let opened = open_in_process(&file);
        // `check` and opening agree on what is valid.
        prop_assert_eq!(opened.is_ok(), code == 0, "check: {} open: {:?}", out, opened);
        expect_unchanged(&file, &before);
    }
}
