//! The shape of a file, checked against its JSON Schema: every misfit at once, each with
//! its JSON path, what is wrong and what to do, in Dutch and English. The loader reads
//! files with serde (fast, but it stops at the first misfit, in English); when serde
//! refuses a file, this walks the whole document against the schema that the types
//! generate (the committed docs/schema/*.json), so the schemas and `check` agree by
//! construction.
//!
//! Only the keywords the generated schemas use are understood: `type`, `properties`,
//! `required`, `additionalProperties`, `items`, `const`, `enum`, `minimum`, `maximum`,
//! `oneOf`, `anyOf`, `$ref` (to `#/$defs/...`) and `format: date-time`.

use serde_json::{Map, Value};

use crate::core::Problem;

mod words;
pub use words::{serde_words, syntax_words};

/// At most this many problems are listed for one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

/// Every place where `doc` does not fit `schema` (a schema whose `$ref`s point into its
/// own `$defs`). Empty when it fits.
pub fn check(schema: &Value, doc: &Value) -> Vec<Problem> {
    let mut walk = Walk {
        root: schema,
        problems: Vec::new(),
        more: 0,
    };
    walk.value(schema, doc, &mut String::new());
    let mut problems = walk.problems;
    if walk.more > 0 {
        let n = walk.more;
        problems.push(Problem::new(
            "",
            format!("en nog {n} problemen van dezelfde soort; herstel eerst de genoemde"),
            format!("and {n} more problems of the same kinds; mend the ones above first"),
        ));
    }
    problems
}

struct Walk<'s> {
    root: &'s Value,
    problems: Vec<Problem>,
    more: usize,
}

/// What a JSON value is, for messages.
fn found(v: &Value) -> (String, String) {
    match v {
        Value::Null => ("null".into(), "null".into()),
        Value::Bool(b) => (b.to_string(), b.to_string()),
        Value::Number(n) => (format!("het getal {n}"), format!("the number {n}")),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            let dots = if s.chars().count() > 40 { "…" } else { "" };
            (
                format!("de tekst \"{short}{dots}\""),
                format!("the text \"{short}{dots}\""),
            )
        }
        Value::Array(_) => ("een lijst".into(), "a list".into()),
        Value::Object(_) => ("een object".into(), "an object".into()),
    }
}

/// A JSON Schema type name, as a reader says it.
fn type_words(t: &str) -> (&'static str, &'static str) {
    match t {
        "string" => ("een tekst", "a text"),
        "integer" => ("een heel getal", "a whole number"),
        "number" => ("een getal", "a number"),
        "boolean" => ("true of false", "true or false"),
        "object" => ("een object ({ ... })", "an object ({ ... })"),
        "array" => ("een lijst ([ ... ])", "a list ([ ... ])"),
        "null" => ("null", "null"),
        _ => ("iets anders", "something else"),
    }
}

fn fits_type(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "null" => v.is_null(),
        _ => true,
    }
}

fn quoted(values: &[&Value]) -> String {
    values
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `path` extended by an object key.
fn key_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'s> Walk<'s> {
    fn say(&mut self, path: &str, nl: String, en: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem::new(path, nl, en));
        } else {
            self.more += 1;
        }
    }

    /// The schema a `$ref` points to.
    fn resolve(&self, schema: &'s Value) -> &'s Value {
        let mut s = schema;
        // Chains of references are short; a loop of them would be a bug in a schema.
        for _ in 0..16 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                return s;
            };
            let target = r
                .strip_prefix("#/$defs/")
                .and_then(|name| self.root.get("$defs")?.get(name))
                .or_else(|| (r == "#").then_some(self.root));
            match target {
                Some(t) => s = t,
                None => return s,
            }
        }
        s
    }

    /// Whether `doc` fits `schema`, without saying anything.
    fn fits(&self, schema: &'s Value, doc: &Value) -> bool {
        let mut quiet = Walk {
            root: self.root,
            problems: Vec::new(),
            more: 0,
        };
        quiet.value(schema, doc, &mut String::new());
        quiet.problems.is_empty()
    }

    fn value(&mut self, schema: &'s Value, doc: &Value, path: &mut String) {
        let schema = self.resolve(schema);
        // A `$ref` beside other keywords (a description, say) is resolved above; the
        // remaining keywords of the referring schema carry no constraints here.
        if let Some(t) = schema.get("type") {
            let types: Vec<&str> = match t {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !types.is_empty() && !types.iter().any(|t| fits_type(t, doc)) {
                // A whole number too large for any integer (read as a float).
                if types.contains(&"integer")
                    && let Some(n) = doc.as_f64().filter(|n| n.fract() == 0.0)
                    && schema.get("maximum").is_some()
                {
                    let hi = schema
                        .get("maximum")
                        .map(Value::to_string)
                        .unwrap_or_default();
                    let lo = schema
                        .get("minimum")
                        .map(Value::to_string)
                        .unwrap_or_default();
                    self.say(
                        path,
                        format!("moet een heel getal van {lo} tot en met {hi} zijn, niet {n:.0}"),
                        format!("must be a whole number from {lo} to {hi}, not {n:.0}"),
                    );
                    return;
                }
                self.wrong_type(&types, doc, path);
                return;
            }
        }
        if let Some(c) = schema.get("const")
            && c != doc
        {
            let (fnl, fen) = found(doc);
            self.say(
                path,
                format!("moet {c} zijn, niet {fnl}"),
                format!("must be {c}, not {fen}"),
            );
            return;
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array)
            && !options.contains(doc)
        {
            let list = quoted(&options.iter().collect::<Vec<_>>());
            let (fnl, fen) = found(doc);
            self.say(
                path,
                format!("{fnl} is geen toegestane waarde; gebruik een van: {list}"),
                format!("{fen} is not an allowed value; use one of: {list}"),
            );
            return;
        }
        let mut chose = true;
        if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
            chose &= self.choice(branches, doc, path, true);
        }
        if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
            chose &= self.choice(branches, doc, path, false);
        }
        if !chose {
            return;
        }
        match doc {
            Value::Number(n) => self.range(schema, n, path),
            Value::String(s) => self.format(schema, s, path),
            Value::Array(items) => {
                if let Some(item) = schema.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        let len = path.len();
                        path.push_str(&format!("[{i}]"));
                        self.value(item, v, path);
                        path.truncate(len);
                    }
                }
            }
            Value::Object(map) => self.object(schema, map, path),
            _ => {}
        }
    }

    fn wrong_type(&mut self, types: &[&str], doc: &Value, path: &str) {
        let wanted = types.iter().find(|t| **t != "null").unwrap_or(&types[0]);
        let (nl, en) = type_words(wanted);
        let (fnl, fen) = found(doc);
        self.say(
            path,
            format!("moet {nl} zijn, niet {fnl}"),
            format!("must be {en}, not {fen}"),
        );
    }

    fn range(&mut self, schema: &Value, n: &serde_json::Number, path: &str) {
        let min = schema.get("minimum").and_then(Value::as_f64);
        let max = schema.get("maximum").and_then(Value::as_f64);
        let v = n.as_f64().unwrap_or(0.0);
        let below = min.is_some_and(|m| v < m);
        let above = max.is_some_and(|m| v > m);
        if !(below || above) {
            return;
        }
        let show = |x: Option<&Value>| x.map(Value::to_string).unwrap_or_default();
        let (lo, hi) = (show(schema.get("minimum")), show(schema.get("maximum")));
        let (nl, en) = match (min, max) {
            (Some(_), Some(_)) => (
                format!("moet een heel getal van {lo} tot en met {hi} zijn, niet {n}"),
                format!("must be a whole number from {lo} to {hi}, not {n}"),
            ),
            (Some(_), None) => (
                format!("moet {lo} of meer zijn, niet {n}"),
                format!("must be {lo} or more, not {n}"),
            ),
            _ => (
                format!("moet {hi} of minder zijn, niet {n}"),
                format!("must be {hi} or less, not {n}"),
            ),
        };
        self.say(path, nl, en);
    }

    fn format(&mut self, schema: &Value, s: &str, path: &str) {
        if schema.get("format").and_then(Value::as_str) == Some("date-time")
            && s.parse::<jiff::Timestamp>().is_err()
        {
            let short: String = s.chars().take(40).collect();
            if crate::core::when::out_of_range(s) {
                self.say(
                    path,
                    format!("de tijd {short} valt buiten de jaren die samenspel aankan (-9999-01-02 tot en met 9999-12-30); verbeter de tijd"),
                    format!("the time {short} lies outside the years samenspel handles (-9999-01-02 up to 9999-12-30); correct it"),
                );
                return;
            }
            self.say(
                path,
                format!(
                    "\"{short}\" is geen tijdstip; schrijf het als 2025-03-12T14:00:00+01:00 (RFC 3339)"
                ),
                format!(
                    "\"{short}\" is not a moment in time; write it as 2025-03-12T14:00:00+01:00 (RFC 3339)"
                ),
            );
        }
    }

    fn object(&mut self, schema: &'s Value, map: &Map<String, Value>, path: &mut String) {
        let properties = schema.get("properties").and_then(Value::as_object);
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    self.say(
                        &key_path(path, name),
                        "dit veld ontbreekt; voeg het toe".into(),
                        "this field is missing; add it".into(),
                    );
                }
            }
        }
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        for (key, v) in map {
            let len = path.len();
            *path = key_path(path, key);
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => self.value(sub, v, path),
                None if closed => {
                    let known: Vec<&str> = properties
                        .map(|p| p.keys().map(String::as_str).collect())
                        .unwrap_or_default();
                    let known = known.join(", ");
                    let at = path.clone();
                    self.say(
                        &at,
                        format!(
                            "onbekend veld (bekend hier: {known}); verwijder het of controleer de spelling"
                        ),
                        format!(
                            "unknown field (known here: {known}); remove it or check its spelling"
                        ),
                    );
                }
                None => {
                    if let Some(extra) =
                        schema.get("additionalProperties").filter(|a| a.is_object())
                    {
                        self.value(extra, v, path);
                    }
                }
            }
            path.truncate(len);
        }
    }

    /// `oneOf` (`exactly`) or `anyOf`: fine when the right number of branches fit; else
    /// the problems of the branch the document was meant to be, or what the choices are.
    /// False when a problem was said, so the caller does not say more about the value.
    fn choice(
        &mut self,
        branches: &'s [Value],
        doc: &Value,
        path: &mut String,
        exactly: bool,
    ) -> bool {
        let branches: Vec<&'s Value> = branches.iter().map(|b| self.resolve(b)).collect();
        // The kinds of a step: exactly one of `board`, `matrix`, ... (the properties
        // themselves are checked by the caller).
        let names: Vec<&str> = branches.iter().filter_map(|b| only_required(b)).collect();
        if names.len() == branches.len() && !names.is_empty() && doc.is_object() {
            let present: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| doc.get(n).is_some_and(|v| !v.is_null()))
                .collect();
            let all = names.join(", ");
            match present.len() {
                0 => self.say(
                    path,
                    format!("heeft één van deze nodig: {all}; voeg er één toe"),
                    format!("needs one of: {all}; add one"),
                ),
                1 => return true,
                _ => {
                    let these = present.join(", ");
                    self.say(
                        path,
                        format!("heeft er meer dan één ({these}); houd er één over van: {all}"),
                        format!("has more than one ({these}); keep one of: {all}"),
                    );
                }
            }
            return false;
        }
        // None of the branches is of the document's type (a text where an object goes).
        let types: Vec<&str> = branches
            .iter()
            .filter_map(|b| b.get("type").and_then(Value::as_str))
            .collect();
        if types.len() == branches.len() && !types.iter().any(|t| fits_type(t, doc)) {
            self.wrong_type(&types, doc, path);
            return false;
        }
        // A tagged choice (`"type": "card_added"`): only the branch of the tag is tried.
        let mut candidates = branches.clone();
        if let Some((tag, values)) = tag_values(&branches)
            && doc.is_object()
        {
            let at = key_path(path, tag);
            let list = quoted(&values);
            match doc.get(tag) {
                None => {
                    self.say(
                        &at,
                        format!("dit veld ontbreekt; voeg het toe met een van: {list}"),
                        format!("this field is missing; add it with one of: {list}"),
                    );
                    return false;
                }
                Some(v) if !values.contains(&v) => {
                    let (fnl, fen) = found(v);
                    self.say(
                        &at,
                        format!("{fnl} is geen bekende soort; gebruik een van: {list}"),
                        format!("{fen} is not a known kind; use one of: {list}"),
                    );
                    return false;
                }
                Some(v) => candidates.retain(|b| {
                    b.get("properties")
                        .and_then(|p| p.get(tag))
                        .and_then(|p| p.get("const"))
                        == Some(v)
                }),
            }
        }
        let fitting = candidates.iter().filter(|b| self.fits(b, doc)).count();
        if fitting == 1 || (fitting > 1 && !exactly) {
            return true;
        }
        if fitting > 1 {
            self.say(
                path,
                "past op meer dan één manier; dit is een fout in samenspel, meld hem".into(),
                "fits in more than one way; this is a mistake in samenspel, please report it"
                    .into(),
            );
            return false;
        }
        // A choice of fixed values (a language, a status).
        let consts: Vec<&Value> = branches.iter().filter_map(|b| b.get("const")).collect();
        if consts.len() == branches.len() && !consts.is_empty() {
            let list = quoted(&consts);
            let (fnl, fen) = found(doc);
            self.say(
                path,
                format!("{fnl} is geen toegestane waarde; gebruik een van: {list}"),
                format!("{fen} is not an allowed value; use one of: {list}"),
            );
            return false;
        }
        // An optional value (`anyOf [T, null]`), or the branch the document resembles most:
        // its problems are the ones to mend.
        let meant = candidates
            .iter()
            .copied()
            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
            .min_by_key(|b| {
                let mut quiet = Walk {
                    root: self.root,
                    problems: Vec::new(),
                    more: 0,
                };
                quiet.value(b, doc, &mut String::new());
                quiet.problems.len() + quiet.more
            });
        match meant {
            Some(b) => self.value(b, doc, path),
            None => {
                let (fnl, fen) = found(doc);
                self.say(
                    path,
                    format!("{fnl} past hier niet"),
                    format!("{fen} does not fit here"),
                );
            }
        }
        false
    }
}

/// The one property a branch requires, in a branch without a type of its own (`{"required":
/// ["board"], "properties": {"board": {"type": "object"}}}`), as the schema of a step lists
/// its kinds.
fn only_required(branch: &Value) -> Option<&str> {
    let required = branch.get("required")?.as_array()?;
    match required.as_slice() {
        [name] if branch.get("type").is_none() => name.as_str(),
        _ => None,
    }
}

/// The tag property every branch fixes with a `const`, and its values.
fn tag_values<'a>(branches: &[&'a Value]) -> Option<(&'a str, Vec<&'a Value>)> {
    let first = branches.first()?.get("properties")?.as_object()?;
    let (tag, _) = first.iter().find(|(_, p)| p.get("const").is_some())?;
    let values: Option<Vec<&Value>> = branches
        .iter()
        .map(|b| b.get("properties")?.get(tag.as_str())?.get("const"))
        .collect();
    Some((tag.as_str(), values?))
}

#[cfg(test)]
mod tests;
