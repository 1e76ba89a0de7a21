//! A server in a room full of strangers: every request without a valid token, from a
//! removed phone or for another host gets 403 and changes nothing; the page's headers lock
//! it down; no endpoint reads a file; nothing malformed takes the server down.

use serde_json::json;

use super::room;
use crate::core::Change;
use crate::room::guard::CSP;
use crate::room::harness::phone::{Phone, raw, request};

#[test]
fn every_request_without_a_valid_token_or_secret_gets_403_and_changes_nothing() {
    let r = room();
    let mut a = r.phone();
    let before = r.events();
    let join =
        json!({"key": "join-evil-0001", "secret": "0123456789abcdef0123456789abcdef"}).to_string();
    let card = json!({"kind": "card", "key": "card-evil-0001", "step": "bord", "lane": "links",
        "text": "ingebroken"})
    .to_string();
    let wrong_secret = "Bearer ffffffffffffffffffffffffffffffff".to_string();
    let token_as_secret = format!("Bearer {}", r.token);
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, Option<&'a str>);
    let cases: Vec<Case> = vec![
        ("POST", "/api/join", vec![], Some(&join)),
        (
            "POST",
            "/api/join",
            vec![("authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAA")],
            Some(&join),
        ),
        (
            "POST",
            "/api/join",
            vec![("authorization", "Basic eDp5")],
            Some(&join),
        ),
        ("GET", "/api/hello", vec![], None),
        (
            "GET",
            "/api/hello",
            vec![("authorization", "Bearer x")],
            None,
        ),
        ("POST", "/api/send", vec![], Some(&card)),
        (
            "POST",
            "/api/send",
            vec![("authorization", &wrong_secret)],
            Some(&card),
        ),
        (
            "POST",
            "/api/send",
            vec![("authorization", &token_as_secret)],
            Some(&card),
        ),
        (
            "GET",
            "/api/view",
            vec![("authorization", &wrong_secret)],
            None,
        ),
        (
            "GET",
            "/api/events?s=ffffffffffffffffffffffffffffffff",
            vec![],
            None,
        ),
        ("GET", "/api/events", vec![], None),
        ("GET", "/j/AAAAAAAAAAAAAAAAAAAAAAAAAA", vec![], None),
    ];
    for (method, path, headers, body) in &cases {
        let answer = r.ask(method, path, headers, *body);
        assert_eq!(answer.status, 403, "{method} {path}: {}", answer.body);
        if path.starts_with("/api/") {
            assert!(!answer.message_nl().is_empty(), "{method} {path} says why");
        }
    }
    assert_eq!(r.events(), before, "nothing changed");
    // The wrong-link page still says what to do, in both languages.
    let page = r.ask("GET", "/j/AAAAAAAAAAAAAAAAAAAAAAAAAA", &[], None);
    assert!(page.body.contains("typ de code") && page.body.contains("type the code"));
    // The real link opens the page; the phone that joined still works.
    assert_eq!(
        r.ask("GET", &format!("/j/{}", r.token), &[], None).status,
        200
    );
    assert_eq!(a.card("bord", "links", "echt").status, 200);
}

#[test]
fn a_removed_phone_can_no_longer_send_and_is_told_why() {
    let r = room();
    let mut a = r.phone();
    let mut events = a.events().unwrap();
    events
        .until(std::time::Duration::from_secs(5), |_| true)
        .unwrap();
    let device = a.device;
    r.harness
        .facilitator(move |_| Some(Change::DeviceRemoved { device }))
        .unwrap();
    let (name, _) = events
        .next(std::time::Duration::from_secs(5))
        .expect("the phone hears it");
    assert_eq!(name, "removed");
    let before = r.events();
    let sent = a.card("bord", "links", "nog eentje");
    assert_eq!(sent.status, 403);
    assert_eq!(
        sent.message_nl(),
        "De begeleider heeft deze telefoon uit de zaal gehaald."
    );
    assert_eq!(sent.json()["error"]["code"], "removed");
    let auth = format!("Bearer {}", a.secret);
    assert_eq!(
        r.ask("GET", "/api/view", &[("authorization", &auth)], None)
            .status,
        403
    );
    assert!(a.events().is_err(), "no stream for a removed phone");
    assert_eq!(r.events(), before);
    // Let back in (or the removal undone), it can send again.
    r.harness.facilitator(|_| Some(Change::Undo)).unwrap();
    assert_eq!(a.card("bord", "links", "weer binnen").status, 200);
}

#[test]
fn another_host_name_is_refused_so_a_rebound_dns_name_reaches_nothing() {
    let r = room();
    let a = r.phone();
    let before = r.events();
    let card = json!({"kind": "card", "key": "card-rebind-01", "step": "bord", "lane": "links",
        "text": "via een ander adres"})
    .to_string();
    let auth = format!("Bearer {}", a.secret);
    for host in ["evil.example:80", "attacker.test", "192.168.1.20:8421", ""] {
        let answer = request(
            r.harness.address,
            host,
            "POST",
            "/api/send",
            &[("authorization", &auth)],
            Some(&card),
        )
        .unwrap();
        assert_eq!(answer.status, 403, "host {host:?}");
        assert_eq!(answer.json()["error"]["code"], "wrong_host");
        let page = request(r.harness.address, host, "GET", "/", &[], None).unwrap();
        assert_eq!(page.status, 403, "the page for host {host:?}");
    }
    // No Host header at all, and an absolute URI naming another host.
    let no_host = raw(
        r.harness.address,
        b"GET / HTTP/1.1\r\nconnection: close\r\n\r\n",
    )
    .unwrap();
    assert_ne!(no_host.status, 200);
    let absolute = format!(
        "GET http://evil.example/ HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n\r\n",
        r.host
    );
    assert_eq!(
        raw(r.harness.address, absolute.as_bytes()).unwrap().status,
        403
    );
    assert_eq!(r.events(), before);
    // localhost names this room too (it listens on loopback).
    let port = r.harness.address.port();
    let local = request(
        r.harness.address,
        &format!("localhost:{port}"),
        "GET",
        "/",
        &[],
        None,
    );
    assert_eq!(local.unwrap().status, 200);
}

#[test]
fn another_sites_page_cannot_ask_and_nothing_allows_another_origin() {
    let r = room();
    let a = r.phone();
    let before = r.events();
    let card = json!({"kind": "card", "key": "card-csrf-001", "step": "bord", "lane": "links",
        "text": "van elders"})
    .to_string();
    let auth = format!("Bearer {}", a.secret);
    for headers in [
        vec![
            ("authorization", auth.as_str()),
            ("origin", "http://evil.example"),
        ],
        vec![
            ("authorization", auth.as_str()),
            ("sec-fetch-site", "cross-site"),
        ],
    ] {
        let answer = r.ask("POST", "/api/send", &headers, Some(&card));
        assert_eq!(answer.status, 403);
        assert_eq!(answer.json()["error"]["code"], "cross_site");
    }
    let own = format!("http://{}", r.host);
    let ok = r.ask(
        "GET",
        "/api/view",
        &[("authorization", &auth), ("origin", &own)],
        None,
    );
    assert_eq!(ok.status, 200);
    // A preflight gets no permission.
    let preflight = r.ask(
        "OPTIONS",
        "/api/send",
        &[
            ("origin", "http://evil.example"),
            ("access-control-request-method", "POST"),
        ],
        None,
    );
    assert_ne!(preflight.status, 200);
    for answer in [&ok, &preflight] {
        assert!(
            !answer
                .headers
                .iter()
                .any(|(n, _)| n.starts_with("access-control-")),
            "{:?}",
            answer.headers
        );
    }
    assert_eq!(r.events(), before);
}

#[test]
fn every_answer_carries_a_strict_content_security_policy() {
    let r = room();
    let auth = format!("Bearer {}", r.phone().secret);
    let answers = [
        r.ask("GET", "/", &[], None),
        r.ask("GET", "/phone.js", &[], None),
        r.ask("GET", "/phone.css", &[], None),
        r.ask("GET", "/phone-kinds.js", &[], None),
        r.ask("GET", "/api/view", &[("authorization", &auth)], None),
        r.ask("GET", "/nergens", &[], None),
        r.ask("POST", "/api/send", &[], Some("{}")),
    ];
    for a in &answers {
        assert_eq!(a.header("content-security-policy"), Some(CSP));
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(a.header("x-frame-options"), Some("DENY"));
        assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(a.header("cache-control"), Some("no-store"));
        assert!(a.header("set-cookie").is_none());
    }
    assert!(CSP.contains("script-src 'self'") && !CSP.contains("unsafe"));
    assert_eq!(
        answers[1].header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    // The page has no inline script or style and asks nothing of another server.
    let page = &answers[0].body;
    assert!(page.contains(r#"<script src="/phone.js" defer></script>"#));
    assert!(page.contains(r#"<script src="/phone-kinds.js" defer></script>"#));
    assert_eq!(page.matches("<script").count(), 2);
    assert_eq!(
        answers[3].header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(!page.contains("<style") && !page.contains("style="));
    let handlers = page.split(" on").skip(1).filter(|rest| {
        let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        !name.is_empty() && rest.chars().nth(name.chars().count()) == Some('=')
    });
    assert_eq!(handlers.count(), 0, "no inline event handler");
    for asset in [&answers[0].body, &answers[1].body, &answers[2].body] {
        assert!(!asset.contains("http://") && !asset.contains("https://"));
    }
    // The script never writes markup from data.
    let js = &answers[1].body;
    assert!(!js.contains("innerHTML") && !js.contains("outerHTML") && !js.contains("eval("));
    assert!(!js.contains("document.cookie") && !js.contains("localStorage"));
}

#[test]
fn no_path_reaches_a_file() {
    let r = room();
    for path in [
        "/../../../../etc/passwd",
        "/phone.js/../../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/j/../../etc/hostname",
        "/api/../src/room/mod.rs",
        "//etc/passwd",
        "/phone.js%00.html",
    ] {
        let a = r.ask("GET", path, &[], None);
        assert!(
            a.status == 404 || a.status == 403 || a.status == 400,
            "{path}: {}",
            a.status
        );
        assert!(
            !a.body.contains("root:") && !a.body.contains("[package]"),
            "{path}"
        );
    }
}

#[test]
fn malformed_requests_are_answered_and_never_change_anything() {
    let r = room();
    let a = r.phone();
    let before = r.events();
    let auth = format!("Bearer {}", a.secret);
    for body in [
        "",
        "{",
        "null",
        "[]",
        r#"{"kind":"card"}"#,
        r#"{"kind":"raket","key":"abcdefgh"}"#,
        r#"{"kind":"card","key":"abcdefgh","step":"bord","lane":"links","text":"x","extra":1}"#,
        r#"{"kind":"dot","key":"abcdefgh","step":"stem","target":{"card":99999999999},"placed":true}"#,
        r#"{"kind":"dot","key":"abcdefgh","step":"stem","target":"alles","placed":true}"#,
    ] {
        let answer = r.ask("POST", "/api/send", &[("authorization", &auth)], Some(body));
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert_eq!(
            answer.message_nl(),
            "Dit verzoek is niet te lezen. Laad de pagina opnieuw."
        );
    }
    // Bytes that are not UTF-8, a lying length, garbage instead of HTTP.
    let mut bad = format!(
        "POST /api/send HTTP/1.1\r\nhost: {}\r\nauthorization: {auth}\r\ncontent-length: 4\r\nconnection: close\r\n\r\n",
        r.host
    )
    .into_bytes();
    bad.extend([0xff, 0xfe, 0x00, 0x80]);
    assert_eq!(raw(r.harness.address, &bad).unwrap().status, 400);
    let _ = raw(
        r.harness.address,
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n",
    );
    let _ = raw(r.harness.address, b"GET / HTTP/9.9\r\n\r\n");
    // A key of the wrong form is refused by the session, with a reason.
    let short = r.ask(
        "POST",
        "/api/send",
        &[("authorization", &auth)],
        Some(r#"{"kind":"card","key":"kort","step":"bord","lane":"links","text":"x"}"#),
    );
    assert_eq!(short.status, 422);
    assert_eq!(r.events(), before, "nothing changed");
    // The server still serves.
    assert_eq!(r.ask("GET", "/", &[], None).status, 200);
    let _ = Phone::join(r.harness.address, &r.token, None, None).expect("still joins");
}
