#!/usr/bin/env bash
# Soak (issue 13 item 5), a benchmark and not a unit test: COUNT generated issues (default
# 1,000,000) piped on stdin, 1% of the lines malformed and three pathological records (a 10 MB body,
# 100,000 labels, 100,000-deep nesting), through the release `triage check`:
#   - with --keep-going: exit 0, and issues read + records skipped = lines, exactly (the text
#     summary's "N issues read" and stderr's "skipped K malformed records"), and peak RSS
#     (/usr/bin/time -v) under 64 MB plus the largest record: text keeps every match (175,357 here)
#     to print each rule's count first, compactly (`MatchCollector`), and writes the report in pieces;
#   - with --keep-going --format jsonl (streamed output): the same bound;
#   - with --keep-going --format json, markdown, html: the report written in pieces, as text's.
#     json and markdown keep matches as text does (`MatchCollector`): the same bound. html keeps
#     besides each match's cells (author, labels, age, idle; `HTMLCellStore`), ~250 bytes a match:
#     the bound plus HTML_BYTES_PER_MATCH (default 384) per match. Holding the page (~455 bytes a
#     match) or the matches' values as they came (~810) on top would break it (BENCHMARKS.md);
#   - without it: exit 3, and the message names the first malformed line (<stdin>:LINE:).
# Bounded: every run is under `timeout` (SOAK_TIMEOUT seconds, default 1800), so it stops by itself.
#
#   Benchmarks/soak.sh [COUNT]      SOAK_DIR (default /tmp/triage-soak), SOAK_SKIP_BUILD=1 to use the built binary
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=${SOAK_DIR:-/tmp/triage-soak}
limit=${SOAK_TIMEOUT:-1800}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
[ "${SOAK_SKIP_BUILD:-0}" = 1 ] || swift build -c release --product triage >&2
triage=$PWD/.build/release/triage
mkdir -p "$work"
input=$work/soak.jsonl manifest=$work/manifest.json
python3 Benchmarks/generate_soak.py --count "$count" --seed 1 --out "$input" --manifest "$manifest"
cat > "$work/rules.yaml" <<'YAML'
rules:
  - name: open-bugs
    when: >-
      state == "open" and "bug" in labels
YAML
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$manifest" "$1"; }
lines=$(field lines) first_bad=$(field first_malformed_line) largest=$(field largest_line_bytes)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); input: $lines lines, $(($(stat -c %s "$input") / 1000000)) MB, largest line $largest bytes"

# 1. --keep-going: everything is accounted for, memory stays bounded.
set +e
cat "$input" | timeout "$limit" /usr/bin/time -v -o "$work/time.txt" "$triage" check --rules "$work/rules.yaml" --source - \
  --keep-going --now 2025-01-01T00:00:00Z --format text > "$work/keep.stdout" 2> "$work/keep.stderr"
status=${PIPESTATUS[1]}
set -e
read_count=$(grep -oE '^[0-9]+ issues read' "$work/keep.stdout" | grep -oE '^[0-9]+' || true)
skipped=$(grep -oE 'skipped [0-9]+ malformed record' "$work/keep.stderr" | grep -oE '[0-9]+' || echo 0)
rss_kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time.txt")
budget_kb=$(( 64 * 1024 + largest / 1024 ))
echo "keep-going: exit $status, $read_count issues read + $skipped skipped = $(( ${read_count:-0} + skipped )) of $lines lines; peak RSS $((rss_kb / 1024)) MB (budget $((budget_kb / 1024)) MB); wall $wall"
[ "$status" = 0 ] || fail "--keep-going exited $status: $(tail -3 "$work/keep.stderr")"
[ -n "$read_count" ] || fail "no 'N issues read' summary on stdout"
[ $(( ${read_count:-0} + skipped )) = "$lines" ] || fail "issues read + skipped != lines"
[ "$rss_kb" -lt "$budget_kb" ] || fail "text: peak RSS ${rss_kb} kB over ${budget_kb} kB"

# 1b. The same streamed (--format jsonl): memory stays bounded.
set +e
cat "$input" | timeout "$limit" /usr/bin/time -v -o "$work/time-jsonl.txt" "$triage" check --rules "$work/rules.yaml" --source - \
  --keep-going --now 2025-01-01T00:00:00Z --format jsonl > /dev/null 2> "$work/jsonl.stderr"
status=${PIPESTATUS[1]}
set -e
rss_kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time-jsonl.txt")
jsonl_skipped=$(grep -oE 'skipped [0-9]+ malformed record' "$work/jsonl.stderr" | grep -oE '[0-9]+' || echo 0)
echo "keep-going, jsonl: exit $status, $jsonl_skipped skipped; peak RSS $((rss_kb / 1024)) MB (budget $((budget_kb / 1024)) MB); wall $(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time-jsonl.txt")"
[ "$status" = 0 ] || fail "--keep-going --format jsonl exited $status: $(tail -3 "$work/jsonl.stderr")"
[ "$jsonl_skipped" = "$skipped" ] || fail "jsonl skipped $jsonl_skipped records, text $skipped"
[ "$rss_kb" -lt "$budget_kb" ] || fail "jsonl: peak RSS ${rss_kb} kB over ${budget_kb} kB"

# 1c. The collected formats written in pieces: each within its bound, the same issues read.
matches=$(grep -oE '^open-bugs \[[a-z]+\]: [0-9]+' "$work/keep.stdout" | grep -oE '[0-9]+$' || echo 0)
for format in json markdown html; do
  format_budget_kb=$budget_kb
  [ "$format" = html ] && format_budget_kb=$(( budget_kb + matches * ${HTML_BYTES_PER_MATCH:-384} / 1024 ))
  set +e
  cat "$input" | timeout "$limit" /usr/bin/time -v -o "$work/time-$format.txt" "$triage" check --rules "$work/rules.yaml" --source - \
    --keep-going --now 2025-01-01T00:00:00Z --format "$format" > "$work/report.$format" 2> "$work/$format.stderr"
  status=${PIPESTATUS[1]}
  set -e
  rss_kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time-$format.txt")
  format_skipped=$(grep -oE 'skipped [0-9]+ malformed record' "$work/$format.stderr" | grep -oE '[0-9]+' || echo 0)
  echo "keep-going, $format: exit $status, $format_skipped skipped, report $(( $(stat -c %s "$work/report.$format") / 1000000 )) MB; peak RSS $((rss_kb / 1024)) MB (budget $((format_budget_kb / 1024)) MB); wall $(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time-$format.txt")"
  [ "$status" = 0 ] || fail "--keep-going --format $format exited $status: $(tail -3 "$work/$format.stderr")"
  [ "$format_skipped" = "$skipped" ] || fail "$format skipped $format_skipped records, text $skipped"
  [ "$rss_kb" -lt "$format_budget_kb" ] || fail "$format: peak RSS ${rss_kb} kB over ${format_budget_kb} kB"
  rm -f "$work/report.$format"
done

# 2. Without --keep-going: exit 3 naming the first malformed line.
set +e
cat "$input" | timeout "$limit" "$triage" check --rules "$work/rules.yaml" --source - --now 2025-01-01T00:00:00Z \
  > "$work/strict.stdout" 2> "$work/strict.stderr"
status=${PIPESTATUS[1]}
set -e
echo "strict: exit $status: $(head -c 300 "$work/strict.stderr" | head -1)"
[ "$status" = 3 ] || fail "without --keep-going exited $status, not 3"
grep -q "<stdin>:$first_bad:" "$work/strict.stderr" || fail "stderr does not name line $first_bad"

[ "$failures" = 0 ] && echo "soak: OK" || { echo "soak: $failures check(s) failed"; exit 1; }
