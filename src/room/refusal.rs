//! Every "no" the room says to a phone: an HTTP status and a message in Dutch and English
//! that the page shows as it is (as text, never as markup).

use crate::core::{Lang, ReduceError};

/// A refusal: status, a short code for the page, and the message in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// A short, stable code (`too_long`, `removed`, ...).
    pub code: &'static str,
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Refusal {
    fn new(status: u16, code: &'static str, nl: impl Into<String>, en: impl Into<String>) -> Self {
        Refusal {
            status,
            code,
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The message in the given language.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }

    /// The JSON body: `{"error": {"code": ..., "nl": ..., "en": ...}}`.
    pub fn body(&self) -> String {
        serde_json::json!({"error": {"code": self.code, "nl": self.nl, "en": self.en}}).to_string()
    }

    /// No valid join token or code.
    pub fn bad_token() -> Self {
        Refusal::new(
            403,
            "bad_token",
            "Deze link of code is niet (meer) geldig. Scan de QR-code opnieuw of typ de code van het scherm.",
            "This link or code is not valid (any more). Scan the QR code again or type the code on the screen.",
        )
    }

    /// No device with this secret.
    pub fn unknown_device() -> Self {
        Refusal::new(
            403,
            "unknown_device",
            "Deze telefoon is niet (meer) aangemeld. Scan de QR-code opnieuw.",
            "This phone is not (or no longer) signed in. Scan the QR code again.",
        )
    }

    /// The facilitator removed this device.
    pub fn removed() -> Self {
        Refusal::new(
            403,
            "removed",
            "De begeleider heeft deze telefoon uit de zaal gehaald.",
            "The facilitator removed this phone from the room.",
        )
    }

    /// The request named another host than the room's own address.
    pub fn wrong_host() -> Self {
        Refusal::new(
            403,
            "wrong_host",
            "Dit adres hoort niet bij deze zaal. Gebruik het adres op het scherm.",
            "This address does not belong to this room. Use the address on the screen.",
        )
    }

    /// A request made by another site's page.
    pub fn cross_site() -> Self {
        Refusal::new(
            403,
            "cross_site",
            "Alleen de pagina van de zaal zelf mag dit vragen.",
            "Only the room's own page may ask this.",
        )
    }

    /// The body is larger than the limit.
    pub fn too_large(limit: usize) -> Self {
        Refusal::new(
            413,
            "too_large",
            format!(
                "Dit is te veel in één keer (hoogstens {} kB).",
                limit / 1024
            ),
            format!("This is too much at once (at most {} kB).", limit / 1024),
        )
    }

    /// A text is longer than the limit.
    pub fn too_long(max: usize, chars: usize) -> Self {
        Refusal::new(
            422,
            "too_long",
            format!("Hoogstens {max} tekens; dit zijn er {chars}. Maak het korter."),
            format!("At most {max} characters; this has {chars}. Make it shorter."),
        )
    }

    /// A text that must be there is empty.
    pub fn empty() -> Self {
        Refusal::new(
            422,
            "empty",
            "Er staat nog niets. Typ eerst iets.",
            "There is nothing yet. Type something first.",
        )
    }

    /// Too many submissions from this device in a minute.
    pub fn too_fast(per_minute: u32) -> Self {
        Refusal::new(
            429,
            "too_fast",
            format!("Rustig aan: hoogstens {per_minute} keer per minuut. Probeer het zo weer."),
            format!("Easy: at most {per_minute} times a minute. Try again shortly."),
        )
    }

    /// Too many tries with a join code, or too many joins from one phone.
    pub fn too_many_tries() -> Self {
        Refusal::new(
            429,
            "too_many_tries",
            "Te veel pogingen. Wacht een minuut, of scan de QR-code.",
            "Too many tries. Wait a minute, or scan the QR code.",
        )
    }

    /// The room admits no more devices.
    pub fn full(max: usize) -> Self {
        Refusal::new(
            409,
            "full",
            format!("De zaal is vol ({max} telefoons). Vraag de begeleider."),
            format!("The room is full ({max} phones). Ask the facilitator."),
        )
    }

    /// Too many connections at once.
    pub fn busy() -> Self {
        Refusal::new(
            503,
            "busy",
            "Het is even te druk. Je telefoon probeert het zo opnieuw.",
            "It is too busy for a moment. Your phone tries again shortly.",
        )
    }

    /// The laptop has not saved it yet: the phone tries again with the same key.
    pub fn not_saved_yet() -> Self {
        Refusal::new(
            503,
            "not_saved_yet",
            "Nog niet bewaard. Je telefoon probeert het opnieuw.",
            "Not saved yet. Your phone tries again.",
        )
    }

    /// The room is closing.
    pub fn closing() -> Self {
        Refusal::new(
            503,
            "closing",
            "De zaal gaat dicht.",
            "The room is closing.",
        )
    }

    /// The request cannot be read.
    pub fn malformed() -> Self {
        Refusal::new(
            400,
            "malformed",
            "Dit verzoek is niet te lezen. Laad de pagina opnieuw.",
            "This request cannot be read. Reload the page.",
        )
    }

    /// Nothing here.
    pub fn not_found() -> Self {
        Refusal::new(404, "not_found", "Hier is niets.", "Nothing here.")
    }

    /// The session refused the change.
    pub fn refused(error: &ReduceError) -> Self {
        let (status, code) = match error {
            ReduceError::DeviceRemoved(_) => return Refusal::removed(),
            ReduceError::NoDevice(_) => return Refusal::unknown_device(),
            ReduceError::RoomFull(n) => return Refusal::full(*n),
            ReduceError::EmptyText => return Refusal::empty(),
            ReduceError::TooLong(_) | ReduceError::UncleanText | ReduceError::BadKey => {
                (422, "invalid")
            }
            _ => (409, "refused"),
        };
        Refusal::new(
            status,
            code,
            error.message(Lang::Nl),
            error.message(Lang::En),
        )
    }
}
