//! A full room at once: 100 phones join and each sends 10 cards as fast as it can, through
//! the session loop with a real writer. Nothing is lost, nothing is counted twice. (The
//! figures come from the benchmark, `cargo run --release --example room_load`.)

use std::collections::BTreeSet;

use serde_json::json;

use super::room;

const PHONES: usize = 100;
const CARDS: usize = 10;

#[test]
fn a_hundred_phones_sending_ten_cards_each_lose_nothing_and_double_nothing() {
    let r = room();
    let phones: Vec<_> = (0..PHONES).map(|_| r.phone()).collect();
    let threads: Vec<_> = phones
        .into_iter()
        .enumerate()
        .map(|(p, mut phone)| {
            std::thread::spawn(move || {
                for c in 0..CARDS {
                    let key = phone.key();
                    let body = json!({"kind": "card", "step": "bord", "lane": "links",
                        "text": format!("telefoon {p} kaart {c}")});
                    // Not saved in time (or a dropped answer): the same key again, a bounded
                    // number of times.
                    let ok = (0..5).any(|_| phone.send_keyed(&key, body.clone()).status == 200);
                    assert!(ok, "phone {p} card {c} was never saved");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("a phone thread");
    }
    let file = r.saved();
    let texts: Vec<String> = file["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["change"]["type"] == "card_proposed")
        .map(|e| e["change"]["text"].as_str().unwrap().to_string())
        .collect();
    let distinct: BTreeSet<&String> = texts.iter().collect();
    assert_eq!(
        texts.len(),
        PHONES * CARDS,
        "no card lost or doubled in the file"
    );
    assert_eq!(distinct.len(), PHONES * CARDS);
    let inbox = r.harness.inspect(|l| l.state.room.inbox().count()).unwrap();
    assert_eq!(inbox, PHONES * CARDS);
}
