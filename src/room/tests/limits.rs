//! Every hard limit, each with the message the phone shows.

use std::net::TcpStream;
use std::time::Duration;

use serde_json::json;

use super::{room, room_with, test_limits};
use crate::core::room::MAX_DEVICES;
use crate::room::Limits;
use crate::room::harness::phone::Phone;

#[test]
fn a_body_over_8_kb_is_refused() {
    let r = room();
    let a = r.phone();
    let before = r.events();
    let auth = format!("Bearer {}", a.secret);
    let big = json!({"kind": "card", "key": "card-big-0001", "step": "bord", "lane": "links",
        "text": "x".repeat(9000)})
    .to_string();
    let answer = r.ask("POST", "/api/send", &[("authorization", &auth)], Some(&big));
    assert_eq!(answer.status, 413);
    assert_eq!(
        answer.message_nl(),
        "Dit is te veel in één keer (hoogstens 8 kB)."
    );
    assert_eq!(
        answer.json()["error"]["en"],
        "This is too much at once (at most 8 kB)."
    );
    // Also when the length is not announced (chunked).
    let chunk = "y".repeat(4000);
    let mut req = format!(
        "POST /api/send HTTP/1.1\r\nhost: {}\r\nauthorization: {auth}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n",
        r.host
    );
    for _ in 0..3 {
        req.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    req.push_str("0\r\n\r\n");
    let answer = crate::room::harness::phone::raw(r.harness.address, req.as_bytes()).unwrap();
    assert_eq!(answer.status, 413);
    assert_eq!(r.events(), before);
}

#[test]
fn a_card_over_280_characters_is_refused_with_its_length() {
    let r = room();
    let mut a = r.phone();
    let before = r.events();
    let answer = a.card("bord", "links", &"é".repeat(281));
    assert_eq!(answer.status, 422);
    assert_eq!(
        answer.message_nl(),
        "Hoogstens 280 tekens; dit zijn er 281. Maak het korter."
    );
    assert_eq!(r.events(), before);
    // 280 is fine, whitespace folded, control characters made visible.
    assert_eq!(a.card("bord", "links", &"é".repeat(280)).status, 200);
    assert_eq!(
        a.card("bord", "links", "  twee\n\tregels\u{1b}[2J ").status,
        200
    );
    let texts = r
        .harness
        .inspect(|l| {
            l.state
                .room
                .inbox()
                .map(|p| p.content.text().to_string())
                .collect::<Vec<_>>()
        })
        .unwrap();
    assert_eq!(texts[1], "twee regels\u{FFFD}[2J");
    // An empty card, and a name over 60 characters.
    assert_eq!(
        a.card("bord", "links", " \n ").message_nl(),
        "Er staat nog niets. Typ eerst iets."
    );
    let long = "n".repeat(61);
    let refused = Phone::join(r.harness.address, &r.token, Some(&long), None).unwrap_err();
    assert_eq!(refused.status, 422);
}

#[test]
fn a_phone_sends_at_most_its_number_per_minute() {
    let r = room_with(Limits {
        per_minute: 5,
        ..test_limits()
    });
    let mut a = r.phone();
    let mut b = r.phone();
    for i in 0..5 {
        assert_eq!(a.card("bord", "links", &format!("kaart {i}")).status, 200);
    }
    let before = r.events();
    let sixth = a.card("bord", "links", "te veel");
    assert_eq!(sixth.status, 429);
    assert_eq!(
        sixth.message_nl(),
        "Rustig aan: hoogstens 5 keer per minuut. Probeer het zo weer."
    );
    assert_eq!(r.events(), before);
    // Another phone has its own count.
    assert_eq!(b.card("bord", "links", "van b").status, 200);
}

#[test]
fn joins_and_code_tries_per_phone_address_are_limited() {
    let r = room_with(Limits {
        joins_per_minute: 2,
        code_tries_per_minute: 3,
        ..test_limits()
    });
    r.phone();
    r.phone();
    let third = Phone::join(r.harness.address, &r.token, None, None).unwrap_err();
    assert_eq!(third.status, 429);
    assert_eq!(
        third.message_nl(),
        "Te veel pogingen. Wacht een minuut, of scan de QR-code."
    );
    for _ in 0..3 {
        let a = r.ask("POST", "/api/code", &[], Some(r#"{"code":"ZZZZZ"}"#));
        assert_eq!(a.status, 403);
    }
    // Even the right code now waits: guessing stays slow.
    let right = format!(r#"{{"code":"{}"}}"#, r.harness.code);
    assert_eq!(r.ask("POST", "/api/code", &[], Some(&right)).status, 429);
}

#[test]
fn wrong_codes_from_everyone_together_are_limited() {
    let r = room_with(Limits {
        wrong_codes_per_minute: 4,
        ..test_limits()
    });
    for _ in 0..4 {
        assert_eq!(
            r.ask("POST", "/api/code", &[], Some(r#"{"code":"ZZZZZ"}"#))
                .status,
            403
        );
    }
    let right = format!(r#"{{"code":"{}"}}"#, r.harness.code);
    let a = r.ask("POST", "/api/code", &[], Some(&right));
    assert_eq!(
        a.status, 429,
        "the code rests for a while; the QR code still works"
    );
    assert!(Phone::join(r.harness.address, &r.token, None, None).is_ok());
}

#[test]
fn the_room_admits_200_phones_and_says_when_it_is_full() {
    let r = room();
    let phones: Vec<Phone> = (0..MAX_DEVICES).map(|_| r.phone()).collect();
    assert_eq!(phones.last().unwrap().device, MAX_DEVICES as u32);
    let before = r.events();
    let extra = Phone::join(r.harness.address, &r.token, None, None).unwrap_err();
    assert_eq!(extra.status, 409);
    assert_eq!(
        extra.message_nl(),
        "De zaal is vol (200 telefoons). Vraag de begeleider."
    );
    assert_eq!(r.events(), before);
    let present = r.harness.inspect(|l| l.state.present_count()).unwrap();
    assert_eq!(present, 200);
}

#[test]
fn connections_over_the_limit_are_told_the_room_is_busy() {
    let r = room_with(Limits {
        connections: 3,
        read_wait: Duration::from_secs(3),
        ..test_limits()
    });
    // Three idle connections hold every place.
    let held: Vec<TcpStream> = (0..3)
        .map(|_| TcpStream::connect(r.harness.address).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let answer = r.ask("GET", "/", &[], None);
    assert_eq!(answer.status, 503);
    assert_eq!(
        answer.message_nl(),
        "Het is even te druk. Je telefoon probeert het zo opnieuw."
    );
    drop(held);
    // Once they are gone (or timed out), the room serves again.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while r.ask("GET", "/", &[], None).status != 200 {
        assert!(
            std::time::Instant::now() < deadline,
            "the room serves again"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_phone_that_sends_its_headers_slowly_is_cut_off() {
    let r = room_with(Limits {
        read_wait: Duration::from_millis(300),
        ..test_limits()
    });
    use std::io::{Read, Write};
    let mut slow = TcpStream::connect(r.harness.address).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nhost: ").unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = Vec::new();
    // The server closes the connection (read_to_end ends) instead of waiting for ever.
    let closed = slow.read_to_end(&mut buf);
    assert!(closed.is_ok(), "the connection was held open: {closed:?}");
}
