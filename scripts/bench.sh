#!/usr/bin/env bash
# Whole-process figures of the performance budget (BENCHMARKS.md), each the median of several
# runs, with `jq` timed on the same files in the same run as the reference. Prints one table.
# Run after `cargo build --release` (it builds what is missing). In-process figures: cargo bench.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
BIN=$PWD/target/release/samenspel
MEASURE=$PWD/target/release/examples/measure
cargo build --release --quiet --bin samenspel --example measure || exit 1
if ! command -v jq >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq jq) >/dev/null 2>&1 || true
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SAMENSPEL_HOME="$work/home"
for n in 1000 10000 100000; do
  "$BIN" dev generate --events "$n" --seed 42 -o "$work/s$n.json" >/dev/null
done

# Median wall time in ms of a command, over $RUNS runs.
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

peak_kb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}'; }

row() { printf '| %-58s | %-22s | %-28s |\n' "$1" "$2" "$3"; }
echo
row "what" "budget" "measured (median of $RUNS)"
row "---" "---" "---"

ff=$("$MEASURE" "$BIN" "$RUNS" first-frame "Akte 1/4" new zwolse-komedie)
row "start to first frame (new zwolse-komedie, PTY)" "<= 30 ms" "$(sed -E 's/median_ms=([0-9.]+).*/\1 ms/' <<<"$ff")"

kp=$("$MEASURE" "$BIN" "$RUNS" keypress "$work/s10000.json")
row "key press to frame while saving a 10,000-event session" "<= 16 ms" "$(sed -E 's/median_ms=([0-9.]+).*/\1 ms/' <<<"$kp")"

open=$(median_ms "$BIN" check "$work/s100000.json")
if command -v jq >/dev/null 2>&1; then
  jqt=$(median_ms jq length "$work/s100000.json")
  ref="(jq length: $jqt ms)"
else
  ref="(jq not installed: no reference)"
fi
row "open: read + validate + fold 100,000 events (check)" "<= 300 ms, < jq" "$open ms $ref"

mem=$("$MEASURE" "$BIN" 1 first-frame "opgeslagen" open "$work/s100000.json")
row "peak memory, 100,000-event session open in the app" "<= 60 MB" "$(sed -E 's/.*peak_rss_kb=([0-9]+).*/\1/' <<<"$mem" | awk '{printf "%.1f MB", $1/1024}')"
row "peak memory, check of the same file (/usr/bin/time -v)" "" "$(peak_kb "$BIN" check "$work/s100000.json" | awk '{printf "%.1f MB", $1/1024}')"

if "$BIN" export --help >/dev/null 2>&1; then
  ex=$(median_ms "$BIN" export "$work/s100000.json" --format md -o "$work/out.md")
  row "export to Markdown, 100,000 events" "<= 500 ms" "$ex ms"
else
  row "export to Markdown, 100,000 events" "<= 500 ms" "skipped: no export command in this build"
fi
for n in 1000 10000 100000; do
  printf '(%s events: %s bytes)\n' "$n" "$(stat -c %s "$work/s$n.json")"
done
