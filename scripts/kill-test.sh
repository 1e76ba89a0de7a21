#!/usr/bin/env bash
# The crash test: start samenspel in a pseudo-terminal, type cards at full speed, SIGKILL
# it at a random moment; after every kill the session file must load and hold every
# change the status line had called saved. Prints the figures at the end.
#
#   scripts/kill-test.sh [RUNS]        (default 200)
#   KILL_SEED=<n> scripts/kill-test.sh  replays the random moments of an earlier run
set -euo pipefail
cd "$(dirname "$0")/.."
export KILL_RUNS="${1:-200}"
cargo test --test e2e kill::killed_at_random_moments -- --nocapture 2>&1 | grep -E "kill test|panicked|FAILED|test result|waited for|the screen" 
