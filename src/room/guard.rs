//! The guard in front of every route: the Host header names the room's own address, no
//! other site's page may call the room, and every answer carries the security headers.

use std::net::IpAddr;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, header};

use super::api::{App, Peer, Reply, refuse};
use super::refusal::Refusal;

/// Every request passes here before it is routed: the Host header must name the room's
/// own address (no DNS rebinding), a request from another site's page is refused, and
/// every answer gets the security headers.
pub(crate) async fn guard(
    app: App,
    router: Router,
    mut req: Request<hyper::body::Incoming>,
    peer: IpAddr,
) -> Reply {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    let authority_ok = req
        .uri()
        .authority()
        .is_none_or(|a| host.as_deref() == Some(a.as_str().to_ascii_lowercase().as_str()));
    let resp = match host {
        Some(h) if authority_ok && app.hosts.contains(&h) => {
            if cross_site(&req, &h) {
                refuse(&Refusal::cross_site())
            } else {
                req.extensions_mut().insert(Peer(peer));
                use tower::ServiceExt;
                match router.oneshot(req.map(Body::new)).await {
                    Ok(r) => r,
                    Err(never) => match never {},
                }
            }
        }
        _ => refuse(&Refusal::wrong_host()),
    };
    secure(resp)
}

/// Whether a request comes from another site's page: an `Origin` that is not the room's,
/// or the browser saying it is cross-site.
fn cross_site<B>(req: &Request<B>, host: &str) -> bool {
    let headers = req.headers();
    let origin_bad = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .is_some_and(|o| !o.eq_ignore_ascii_case(&format!("http://{host}")));
    let fetch_bad = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site");
    origin_bad || (fetch_bad && req.uri().path().starts_with("/api/"))
}

/// The page may load only its own script and style and talk only to its own server; it
/// cannot be framed, sniffed or cached, and no answer allows another origin (no CORS).
pub(crate) const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

pub(crate) fn secure(mut resp: Reply) -> Reply {
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
