#!/usr/bin/env bash
# Whole-process figures of the performance budget (BENCHMARKS.md) on the real binary: times
# are medians of several runs; peers (jq, jaq if installed, a parse-only pass) are timed
# interleaved with samenspel in the same rounds (paired), and their ratio is the median of
# the per-round ratios. Prints one table, with the machine's load before and after.
#
#   scripts/bench.sh                    this build
#   BEFORE=/path/to/old/samenspel scripts/bench.sh   also the same figures of an older binary
#
# RUNS (default 7) sets the number of runs; IDLE_SECONDS (default 20) how long idle is
# watched. In-process figures: cargo bench.
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
IDLE_SECONDS=${IDLE_SECONDS:-20}
BIN=$PWD/target/release/samenspel
BEFORE=${BEFORE:-}
MEASURE=$PWD/target/release/examples/measure
cargo build --release --quiet --features bench --bin samenspel --example measure || exit 1
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
echo "load before: $(uptime)"

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# Median wall time in ms of a command, over $RUNS runs.
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(now_us)
    "$@" >/dev/null 2>&1
    t1=$(now_us)
    times+=($(( t1 - t0 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

peak_kb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}'; }
field() { sed -nE "s/.*(^| )$1=([0-9.]+).*/\2/p" <<<"$2"; }
mb() { awk '{printf "%.1f MB", $1/1024}'; }

row() { printf '| %-60s | %-18s | %-30s | %-30s |\n' "$1" "$2" "$3" "$4"; }
# A figure of this build, and of $BEFORE when given: fig <what> <budget> <format> <cmd with @BIN@>
fig() {
  local what=$1 budget=$2 format=$3
  shift 3
  local after before="-"
  after=$($format "$("${@//@BIN@/$BIN}" 2>&1)")
  if [ -n "$BEFORE" ]; then
    before=$($format "$("${@//@BIN@/$BEFORE}" 2>&1)")
  fi
  row "$what" "$budget" "$before" "$after"
}
ms_of() { echo "$(field median_ms "$1") ms"; }
# Wall time, and CPU time up to the frame (user + system, all threads; steady under load).
ms_cpu_of() {
  local cpu
  cpu=$(field cpu_ms "$1")
  echo "$(field median_ms "$1") ms${cpu:+ (CPU $cpu ms)}"
}
rss_of() { field peak_rss_kb "$1" | mb; }
per_change_of() {
  echo "$(field writer_bytes_per_change "$1") B per $(field change_bytes "$1") B change ($(field ratio "$1")x)"
}
rss_edits_of() { echo "$(field peak_rss_kb "$1" | mb) ($(field seconds "$1") s)"; }
idle_of() {
  echo "$(field wakeups_per_s "$1")/s, $(field frames_per_s "$1") frames/s, $(field cpu_percent "$1")% CPU"
}
burst_of() { echo "$(field frames_median "$1") frames (max $(field frames_max "$1")), $(field median_ms "$1") ms"; }

echo
row "what" "budget" "before (${BEFORE:+$(basename "$BEFORE")})" "after (median of $RUNS)"
row "---" "---" "---" "---"
fig "start to first frame (new zwolse-komedie, PTY)" "<= 30 ms" ms_cpu_of \
  "$MEASURE" @BIN@ "$RUNS" first-frame "Akte 1/4" new zwolse-komedie
fig "key press to frame while saving, 10,000 events" "<= 16 ms" ms_of \
  "$MEASURE" @BIN@ "$RUNS" keypress "$work/s10000.json"
fig "open to first frame, 100,000 events (PTY)" "<= 120 ms" ms_cpu_of \
  "$MEASURE" @BIN@ "$RUNS" first-frame "Stap " open "$work/s100000.json"
fig "peak memory at first frame, 100,000 events" "<= 60 MB" rss_of \
  "$MEASURE" @BIN@ 1 first-frame "opgeslagen" open "$work/s100000.json"
for n in 1000 10000 100000; do
  fig "bytes written per change (50 cards, one save each), $n" "small constant" per_change_of \
    "$MEASURE" @BIN@ 1 edits "$work/s$n.json" 50 1
done
fig "peak memory after 1,000 edits, 100,000 events" "<= 60 MB" rss_edits_of \
  "$MEASURE" @BIN@ 1 edits "$work/s100000.json" 1000 0
fig "idle ${IDLE_SECONDS} s, nothing running: wake-ups (schedstat)" "none" idle_of \
  "$MEASURE" @BIN@ 1 idle "$IDLE_SECONDS" 0 new zwolse-komedie
fig "idle ${IDLE_SECONDS} s, a timer running: wake-ups (schedstat)" "1 frame/s" idle_of \
  "$MEASURE" @BIN@ 1 idle "$IDLE_SECONDS" 1 new zwolse-komedie
fig "200 keys typed in one burst: frames" "<= 1 per 8 ms" burst_of \
  "$MEASURE" @BIN@ "$RUNS" burst 200

# check against its peers, paired: every round runs each once, in turn.
file="$work/s100000.json"
peers=("check:$BIN check $file" "parse:$MEASURE parse $file")
[ -n "$BEFORE" ] && peers+=("before:$BEFORE check $file")
command -v jq >/dev/null 2>&1 && peers+=("jq:jq length $file")
command -v jaq >/dev/null 2>&1 && peers+=("jaq:jaq length $file")
declare -A times
for _ in $(seq "$RUNS"); do
  for p in "${peers[@]}"; do
    name=${p%%:*}
    t0=$(now_us)
    ${p#*:} >/dev/null 2>&1
    t1=$(now_us)
    times[$name]+="$(( t1 - t0 )) "
  done
done
med() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
ratio() { # median over rounds of a/b
  paste <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) |
    awk '{print $1/$2}' | sort -g | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}'
}
c=${times[check]}
line="$(med "$c") ms; parse-only $(med "${times[parse]}") ms ($(ratio "$c" "${times[parse]}")x)"
for peer in jq jaq; do
  [ -n "${times[$peer]:-}" ] && line+="; $peer $(med "${times[$peer]}") ms ($(ratio "$c" "${times[$peer]}")x)"
done
before_check="-"
[ -n "$BEFORE" ] && before_check="$(med "${times[before]}") ms ($(ratio "${times[before]}" "${times[parse]}")x parse-only)"
row "check, 100,000 events (paired with its peers)" "<= 4x parse-only" "$before_check" "$line"
# The same pair by CPU time too (user + sys of each run), which the load moves less.
if command -v python3 >/dev/null 2>&1; then
  R=$RUNS python3 scripts/paired.py ${BEFORE:+"$BEFORE check $file"} "$BIN check $file" \
    "$MEASURE parse $file"
fi
row "peak memory, check of the same file (/usr/bin/time -v)" "" \
  "$([ -n "$BEFORE" ] && peak_kb "$BEFORE" check "$file" | mb)" "$(peak_kb "$BIN" check "$file" | mb)"
row "export to Markdown, 100,000 events" "<= 500 ms" \
  "$([ -n "$BEFORE" ] && echo "$(median_ms "$BEFORE" export "$file" --format md -o "$work/out.md") ms")" \
  "$(median_ms "$BIN" export "$file" --format md -o "$work/out.md") ms"

# The largest sessions: what dev generate refuses, and the largest that opens.
big=$("$BIN" dev generate --events 1000000 --seed 42 -o "$work/s1m.json" 2>&1)
code=$?
printf '1,000,000 events: %s (exit %s): %s\n' "$([ -e "$work/s1m.json" ] && echo written || echo 'not written')" \
  "$code" "$(tr '\n' ' ' <<<"$big")"
"$BIN" dev generate --events 350000 --seed 42 -o "$work/s350k.json" >/dev/null
ff=$("$MEASURE" "$BIN" 1 first-frame "opgeslagen" open "$work/s350k.json")
printf '350,000 events (%s bytes): open to first frame %s ms, peak memory %s, check %s ms\n' \
  "$(stat -c %s "$work/s350k.json")" "$(field median_ms "$ff")" "$(rss_of "$ff")" \
  "$(RUNS=3 median_ms "$BIN" check "$work/s350k.json")"
for n in 1000 10000 100000; do
  printf '(%s events: %s bytes)\n' "$n" "$(stat -c %s "$work/s$n.json")"
done
echo "load after: $(uptime)"
