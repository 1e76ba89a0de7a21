//! Random requests (methods, paths, headers, bodies, raw bytes) against a real room: every
//! well-formed request is answered, the server keeps serving, and nothing changes the
//! session without a valid token or secret.

use proptest::prelude::*;

use super::{Room, room};
use crate::room::harness::phone::{raw, request};

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_string()),
        Just("POST".to_string()),
        Just("PUT".to_string()),
        Just("DELETE".to_string()),
        Just("OPTIONS".to_string()),
        Just("HEAD".to_string()),
        "[A-Z]{1,8}",
    ]
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/api/send".to_string()),
        Just("/api/join".to_string()),
        Just("/api/code".to_string()),
        Just("/api/hello".to_string()),
        Just("/api/view".to_string()),
        Just("/api/events?s=0123456789abcdef0123456789abcdef".to_string()),
        Just("/j/ABCDEFGHIJKLMNOPQRSTUVWXYZ".to_string()),
        "/[a-zA-Z0-9/%._?=&-]{0,60}",
    ]
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let name = prop_oneof![
        Just("authorization".to_string()),
        Just("content-type".to_string()),
        Just("origin".to_string()),
        Just("sec-fetch-site".to_string()),
        Just("accept".to_string()),
        Just("x-forwarded-for".to_string()),
        "[a-z][a-z-]{0,20}",
    ];
    let value = prop_oneof![
        Just("Bearer 0123456789abcdef0123456789abcdef".to_string()),
        Just("Bearer ABCDEFGHIJKLMNOPQRSTUVWXYZ".to_string()),
        Just("application/json".to_string()),
        "[ -~]{0,60}",
    ];
    proptest::collection::vec((name, value), 0..5)
}

fn body() -> impl Strategy<Value = Option<String>> {
    let json_like = proptest::collection::vec(
        prop_oneof![
            Just(r#"{"kind":"card","key":"abcdefgh","step":"bord","lane":"links","text":"#.to_string()),
            Just(r#"{"kind":"dot","key":"abcdefgh","step":"stem","target":{"card":1},"placed":true}"#.to_string()),
            Just(r#"{"key":"join-000000","secret":"0123456789abcdef0123456789abcdef"}"#.to_string()),
            Just(r#"{"code":"ABCDE"}"#.to_string()),
            Just("\"".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("1e999999".to_string()),
            "[ -~]{0,30}",
            "\\PC{0,20}",
        ],
        0..6,
    )
    .prop_map(|parts| parts.concat());
    prop_oneof![
        Just(None),
        json_like.prop_map(Some),
        "[ -~]{0,3000}".prop_map(Some)
    ]
}

fn still_serves(r: &Room) {
    let page = r.ask("GET", "/", &[], None);
    assert_eq!(page.status, 200, "the server stopped serving");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_requests_are_answered_and_change_nothing(
        method in method(),
        path in path(),
        headers in headers(),
        body in body(),
        own_host in any::<bool>(),
    ) {
        thread_local! { static ROOM: Room = room(); }
        ROOM.with(|r| {
            let before = r.events();
            let host = if own_host { r.host.clone() } else { "evil.example".to_string() };
            let hs: Vec<(&str, &str)> = headers
                .iter()
                .filter(|(n, _)| n != "content-length" && n != "transfer-encoding" && n != "host" && n != "connection")
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            let answer = request(r.harness.address, &host, &method, &path, &hs, body.as_deref());
            // A well-formed request always gets an answer (a panic would close the connection).
            let answer = answer.expect("an answer");
            prop_assert!(answer.status >= 200 && answer.status < 600, "status {}", answer.status);
            prop_assert_eq!(r.events(), before, "changed by {} {}", method, path);
            still_serves(r);
            Ok(())
        })?;
    }

    #[test]
    fn random_bytes_never_take_the_server_down(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        thread_local! { static ROOM: Room = room(); }
        ROOM.with(|r| {
            let before = r.events();
            let _ = raw(r.harness.address, &bytes);
            prop_assert_eq!(r.events(), before);
            still_serves(r);
            Ok(())
        })?;
    }

    #[test]
    fn a_phone_with_random_bodies_is_answered_and_the_session_stays_whole(body in body()) {
        thread_local! { static ROOM: (Room, String) = { let r = room(); let s = r.phone().secret; (r, s) }; }
        ROOM.with(|(r, secret)| {
            let auth = format!("Bearer {secret}");
            let answer = r.ask("POST", "/api/send", &[("authorization", &auth)], body.as_deref());
            prop_assert!(answer.status != 0 && answer.status != 500, "status {}", answer.status);
            // Whatever was accepted folds: the log is still a valid session.
            let folds = r.harness.inspect(|l| l.session.state().is_ok()).unwrap();
            prop_assert!(folds);
            Ok(())
        })?;
    }
}
