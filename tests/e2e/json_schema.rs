//! JSON Schema validation with Python's `jsonschema`, the reference implementation most
//! people who receive our schemas would use (and `check-jsonschema` is built on). It is an
//! outside tool like pandoc or Chromium: a test without it says SKIPPED. (The `jsonschema`
//! crate did this before; it was the largest crate the first `cargo test` built.)

use serde_json::Value;

/// Reads `{"schema", "instances", "formats"}` on stdin; prints one list of errors per
/// instance. Exit 3: no jsonschema; exit 4: formats asked for but `date-time` cannot be
/// checked (rfc3339-validator missing), which would make a strict test pass for nothing.
const SCRIPT: &str = r#"
import json, sys
try:
    import jsonschema
except ImportError:
    sys.exit(3)
request = json.load(sys.stdin)
schema = request["schema"]
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
options = {}
if request["formats"]:
    checker = cls.FORMAT_CHECKER
    if "date-time" not in checker.checkers:
        sys.exit(4)
    options["format_checker"] = checker
validator = cls(schema, **options)
def where(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)
json.dump([[where(e) + ": " + e.message for e in validator.iter_errors(i)]
           for i in request["instances"]], sys.stdout)
"#;

/// A schema to validate against, with or without checking `format`s (`date-time`).
pub struct Schema {
    schema: Value,
    formats: bool,
}

impl Schema {
    pub fn new(schema: Value) -> Self {
        Schema {
            schema,
            formats: false,
        }
    }

    /// Formats asserted too, as `check` reads every time.
    pub fn strict(schema: Value) -> Self {
        Schema {
            schema,
            formats: true,
        }
    }

    /// The errors in each instance (empty: valid), in one run of the validator; `Err` says
    /// why the validator could not run here (the caller reports it as SKIPPED).
    pub fn errors(&self, instances: &[&Value]) -> Result<Vec<Vec<String>>, String> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let request = serde_json::json!({
            "schema": self.schema,
            "instances": instances,
            "formats": self.formats,
        });
        let mut child = Command::new("python3")
            .args(["-c", SCRIPT])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|_| "python3 is not installed".to_string())?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let body = serde_json::to_vec(&request).unwrap();
        let writer = std::thread::spawn(move || stdin.write_all(&body));
        let out = child.wait_with_output().unwrap();
        let _ = writer.join();
        match out.status.code() {
            Some(0) => Ok(serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
                panic!("the validator printed no list ({e}): {:?}", out.stdout)
            })),
            Some(3) => Err("Python's jsonschema is not installed (pip install jsonschema)".into()),
            Some(4) => Err(
                "Python's jsonschema cannot check date-time here (pip install rfc3339-validator)"
                    .into(),
            ),
            _ => panic!(
                "the validator failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }

    /// Whether each instance is valid.
    pub fn valid(&self, instances: &[&Value]) -> Result<Vec<bool>, String> {
        Ok(self
            .errors(instances)?
            .iter()
            .map(|errors| errors.is_empty())
            .collect())
    }
}
