#!/usr/bin/env bash
# Side-by-side benchmark, release build, whole process: `triage check` against an equivalent `jq`
# program on the same generated file, for (a) one rule and (b) 50 rules. Reports wall time, MB/s,
# issues/s and peak RSS from /usr/bin/time -v, and checks that both sides find the same matches.
#
#   Benchmarks/run.sh [COUNT ...]        default: 200000
#   JQ_MAX=N  skip jq for (b) above N issues (jq runs it at ~5,000 issues/s); default 200000
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("${@:-200000}")
jq_max=${JQ_MAX:-200000}
scripts/ensure-deps.sh
command -v jq >/dev/null || { echo "needs jq (apt-get install jq)"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
swift build -c release --product triage >&2
swift build -c release --product triage-bench >&2
triage=.build/release/triage
work=${BENCH_DIR:-/tmp/triage-bench}
mkdir -p "$work"
now=2025-01-01T00:00:00Z

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "in-memory compile and evaluate (triage-bench):"
.build/release/triage-bench

measure() { # label, output file, command...
  local label=$1 out=$2; shift 2
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$out" 2>"$work/stderr.txt" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time.txt")
  local seconds
  seconds=$(python3 -c "t='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(t))))")
  python3 - "$label" "$seconds" "$rss" "$size" "$count" <<'PY'
import sys
label, seconds, rss, size, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"  {label:<28} {seconds:8.2f} s {size/1e6/seconds:9.1f} MB/s {count/seconds:12,.0f} issues/s {rss/1024:8.1f} MB peak RSS")
PY
  echo "$seconds" > "$work/last-seconds"
}

for count in "${counts[@]}"; do
  file="$work/issues-$count.jsonl"
  [ -s "$file" ] || python3 Benchmarks/generate.py --count "$count" --seed 1 --out "$file"
  size=$(stat -c %s "$file")
  echo
  echo "$count issues, $((size / 1000000)) MB ($file)"
  measure "(a) triage, 1 rule" "$work/a.triage.jsonl" \
    "$triage" check --rules Benchmarks/rules-1.yaml --source "file:$file" --now "$now" --format jsonl --fail-on none
  ta=$(cat "$work/last-seconds")
  measure "(a) jq" "$work/a.jq.jsonl" jq -c -f Benchmarks/jq-filters/rules-1.jq "$file"
  ja=$(cat "$work/last-seconds")
  jq -c '{number, title, url}' "$work/a.triage.jsonl" > "$work/a.triage.cmp"
  jq -c . "$work/a.jq.jsonl" > "$work/a.jq.cmp"
  cmp -s "$work/a.triage.cmp" "$work/a.jq.cmp" && same=same || same=DIFFERENT
  echo "  (a) matches: $(wc -l < "$work/a.triage.jsonl") triage, $(wc -l < "$work/a.jq.jsonl") jq ($same); triage is $(python3 -c "print(f'{$ja/$ta:.1f}')")x faster than jq"
  measure "(b) triage, 50 rules" "$work/b.triage.jsonl" \
    "$triage" check --rules Benchmarks/rules-50.yaml --source "file:$file" --now "$now" --format jsonl --fail-on none
  tb=$(cat "$work/last-seconds")
  echo "  (b)/(a) triage time: $(python3 -c "print(f'{$tb/$ta:.2f}')")x"
  if [ "$count" -le "$jq_max" ]; then
    measure "(b) jq" "$work/b.jq.jsonl" jq -c -f Benchmarks/jq-filters/rules-50.jq "$file"
    jb=$(cat "$work/last-seconds")
    jq -c '{rule, number, title, url}' "$work/b.triage.jsonl" > "$work/b.triage.cmp"
    jq -c . "$work/b.jq.jsonl" > "$work/b.jq.cmp"
    cmp -s "$work/b.triage.cmp" "$work/b.jq.cmp" && same=same || same=DIFFERENT
    echo "  (b) matches: $(wc -l < "$work/b.triage.jsonl") triage, $(wc -l < "$work/b.jq.jsonl") jq ($same); triage is $(python3 -c "print(f'{$jb/$tb:.1f}')")x faster than jq"
  fi
done
