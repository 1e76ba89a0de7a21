#!/usr/bin/env bash
# The aggregate's figure in BENCHMARKS.md: 1,000 generated sessions of 2,000 events each (the
# four exercises with boards, matrices and votes in turn), read by `samenspel aggregate` into
# Markdown; the median wall time of RUNS runs (default 5), the CPU time, and the peak memory.
# Run after `cargo build --release` (it builds what is missing).
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SESSIONS=${SESSIONS:-1000}
EVENTS=${EVENTS:-2000}
BIN=$PWD/target/release/samenspel
cargo build --release --quiet --bin samenspel || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAMENSPEL_HOME="$work/home"
scenarios=(stakeholder-doelen zwolse-komedie succesfactoren stappenplan-check)
mkdir -p "$work/sessions"
for i in $(seq 1 "$SESSIONS"); do
  "$BIN" dev generate --scenario "${scenarios[$((i % 4))]}" --events "$EVENTS" --seed "$i" \
    -o "$work/sessions/s$i.json" >/dev/null || exit 1
done
echo "$SESSIONS sessions of $EVENTS events: $(du -sh "$work/sessions" | cut -f1) on disk; nproc=$(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
times=()
for _ in $(seq "$RUNS"); do
  t0=$(date +%s%N)
  "$BIN" aggregate "$work/sessions" >/dev/null
  t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "aggregate: median ${median} ms of ${times[*]} ms"
/usr/bin/time -f "one run: %e s wall, %U s user, %S s system, peak %M KB" "$BIN" aggregate "$work/sessions" >/dev/null
echo "after: $(uptime)"
