//! What a phone sent is never lost and never counted twice: a retry with the same key is
//! recognised, also after the laptop restarted; a phone that joined goes on after a restart.

use serde_json::json;

use super::{room_of, test_limits};

#[test]
fn a_retry_with_the_same_key_is_saved_once_also_after_a_restart() {
    let r = room_of(crate::core::fixture::live(), test_limits());
    let mut a = r.phone();
    let card = json!({"kind": "card", "step": "bord", "lane": "links", "text": "Eén keer"});
    let key = a.key();
    assert_eq!(a.send_keyed(&key, card.clone()).status, 200);
    let after_first = r.events();
    // The answer was lost on the way: the phone sends the same again.
    for _ in 0..3 {
        let again = a.send_keyed(&key, card.clone());
        assert_eq!(
            again.status, 200,
            "a retry is told it is saved: {}",
            again.body
        );
    }
    assert_eq!(r.events(), after_first, "no second card");
    let file = r.file.clone();
    let dir = r._dir;
    let live = r.harness.stop().expect("the loop ends");
    assert_eq!(live.state.room.inbox().count(), 1);

    // The laptop restarts: the session is opened from its file, the room opens again (a
    // new token, a new port). The phone's secret still works: its hash is in the log.
    let reopened = crate::store::load_session(&file).expect("the saved file opens");
    assert_eq!(reopened.session.events.len(), after_first);
    let r2 = room_of(reopened, test_limits());
    let moved = a.at(r2.harness.address);
    let again = moved.send_keyed(&key, card.clone());
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(r2.events(), after_first, "still one card after the restart");
    let mut moved = moved;
    assert_eq!(moved.card("bord", "links", "Na de herstart").status, 200);
    let texts = r2
        .harness
        .inspect(|l| {
            l.state
                .room
                .inbox()
                .map(|p| p.content.text().to_string())
                .collect::<Vec<_>>()
        })
        .unwrap();
    assert_eq!(texts, ["Eén keer", "Na de herstart"]);
    drop(dir);
}

#[test]
fn a_retried_join_gives_the_same_phone_its_number_again() {
    let r = room_of(crate::core::fixture::live(), test_limits());
    let secret = crate::room::harness::phone::fresh_secret();
    let body = json!({"key": "join-twice-0001", "secret": secret}).to_string();
    let auth = format!("Bearer {}", r.token);
    let first = r.ask(
        "POST",
        "/api/join",
        &[("authorization", &auth)],
        Some(&body),
    );
    let second = r.ask(
        "POST",
        "/api/join",
        &[("authorization", &auth)],
        Some(&body),
    );
    assert_eq!(first.json()["device"], 1);
    assert_eq!(second.json()["device"], 1);
    let devices = r.harness.inspect(|l| l.state.room.devices.len()).unwrap();
    assert_eq!(devices, 1);
}
