//! serde's own messages, for what the schema cannot see (a field given twice, a file that
//! is not JSON), said in both languages.

/// serde_json's message for a file that is not valid JSON, in both languages (without its
/// " at line L column C": the place is given apart).
pub fn syntax_words(message: &str) -> (String, String) {
    let msg = message.split(" at line ").next().unwrap_or(message);
    let nl = match msg {
        "expected value" => "hier hoort een waarde".to_string(),
        "expected `,` or `]`" => "hier hoort een komma of ]".to_string(),
        "expected `,` or `}`" => "hier hoort een komma of }".to_string(),
        "expected `:`" => "hier hoort een dubbele punt".to_string(),
        "key must be a string" => "een sleutel moet tussen aanhalingstekens staan".to_string(),
        "trailing characters" => "er staat nog iets na het einde".to_string(),
        "number out of range" => "een getal is te groot".to_string(),
        "recursion limit exceeded" => "te diep genest".to_string(),
        "invalid number" => "ongeldig getal".to_string(),
        "invalid escape" => "ongeldige escape (\\) in een tekst".to_string(),
        "invalid unicode code point" => "ongeldig Unicode-teken".to_string(),
        other if other.starts_with("control character") => {
            "een stuurteken in een tekst; schrijf het als \\u....".to_string()
        }
        other if other.starts_with("lone leading surrogate") => {
            "een half Unicode-teken (losse surrogaat)".to_string()
        }
        other => other.to_string(),
    };
    (
        format!("ongeldige JSON: {nl}"),
        format!("invalid JSON: {msg}"),
    )
}

/// serde's message for a value that does not fit, in both languages: what was found and
/// what was expected, as a reader says them.
pub fn serde_words(message: &str) -> (String, String) {
    let msg = message.split(" at line ").next().unwrap_or(message);
    let field = msg.split('`').nth(1).unwrap_or_default();
    let words = |w: &str| -> (String, String) {
        let w = w.trim();
        let quoted = w.split('`').nth(1);
        if w.starts_with("a string") || w.starts_with("string") {
            match quoted {
                Some(q) if w.starts_with("string") => {
                    (format!("de tekst \"{q}\""), format!("the text \"{q}\""))
                }
                _ => ("een tekst".into(), "a text".into()),
            }
        } else if w.starts_with("integer") || w.starts_with("floating point") {
            let n = quoted.unwrap_or("");
            (format!("het getal {n}"), format!("the number {n}"))
        } else if w.starts_with("sequence") || w.starts_with("a sequence") {
            ("een lijst".into(), "a list".into())
        } else if w.starts_with("map") || w.starts_with("a map") || w.starts_with("struct") {
            ("een object".into(), "an object".into())
        } else if w.starts_with("boolean") || w.starts_with("a boolean") {
            let b = quoted.unwrap_or("true of false");
            (b.to_string(), quoted.unwrap_or("true or false").to_string())
        } else if w.starts_with('u') || w.starts_with('i') && w.len() <= 5 {
            ("een heel getal".into(), "a whole number".into())
        } else if w == "null" || w == "unit value" {
            ("null".into(), "null".into())
        } else {
            (w.to_string(), w.to_string())
        }
    };
    if msg.starts_with("unknown field") {
        (
            format!("onbekend veld \"{field}\"; verwijder het of controleer de spelling"),
            format!("unknown field \"{field}\"; remove it or check its spelling"),
        )
    } else if msg.starts_with("missing field") {
        (
            format!("het veld \"{field}\" ontbreekt; voeg het toe"),
            format!("the field \"{field}\" is missing; add it"),
        )
    } else if msg.starts_with("unknown variant") {
        (
            format!("onbekende soort \"{field}\"; kies een van de bekende"),
            format!("unknown kind \"{field}\"; use one of the known ones"),
        )
    } else if msg.starts_with("duplicate field") {
        (
            format!("het veld \"{field}\" staat er twee keer; laat er één staan"),
            format!("the field \"{field}\" is given twice; keep only one"),
        )
    } else if let Some(rest) = msg
        .strip_prefix("invalid type: ")
        .or_else(|| msg.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        let ((fnl, fen), (enl, een)) = (words(found), words(expected));
        (
            format!("moet {enl} zijn, niet {fnl}"),
            format!("must be {een}, not {fen}"),
        )
    } else {
        (
            format!("onjuiste vorm: {msg}"),
            format!("wrong shape: {msg}"),
        )
    }
}
