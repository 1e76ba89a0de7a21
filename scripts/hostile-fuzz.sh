#!/usr/bin/env bash
# The long run of generated hostile files (tests/e2e/hostile_fuzz.rs): CASES session and
# scenario files mutated from valid ones, each read, opened, drawn and exported in a
# release build. Prints the counts: panics, hangs over 5 s, files changed, and escape or
# invisible characters that reached a screen, the replay text or a report.
#
#   scripts/hostile-fuzz.sh [CASES]          (default 100000)
#   SAMENSPEL_FUZZ_FIRST=<n> scripts/hostile-fuzz.sh   another stretch of cases
#   SAMENSPEL_FUZZ_KEEP=<dir> scripts/hostile-fuzz.sh  keeps the files that failed
set -euo pipefail
cd "$(dirname "$0")/.."
export SAMENSPEL_FUZZ_CASES="${1:-100000}"
cargo test --release --test e2e hostile_fuzz_long_run -- --ignored --nocapture 2>&1 |
  grep -E "cases \(|panicked|FAILED|test result"
