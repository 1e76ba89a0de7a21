//! The phone page, embedded in the binary: one HTML file, its style and its script (served
//! as files, so the Content-Security-Policy allows no inline script or style at all).

/// The page.
pub(crate) const HTML: &str = include_str!("page/index.html");
/// Its style.
pub(crate) const CSS: &str = include_str!("page/phone.css");
/// Its script.
pub(crate) const JS: &str = include_str!("page/phone.js");
/// Its consent rounds and polls (loaded before the script).
pub(crate) const KINDS_JS: &str = include_str!("page/phone-kinds.js");
/// What a join link with a wrong or old token shows.
pub(crate) const BAD_LINK: &str = include_str!("page/bad-link.html");
