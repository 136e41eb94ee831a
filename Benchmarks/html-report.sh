#!/usr/bin/env bash
# The HTML report at scale (SPEC §9, BENCHMARKS.md): `triage check --format html` over COUNT generated
# issues that make COUNT matches (Benchmarks/rules-html.yaml), then the file's size and the time
# headless Chromium takes to render it:
#   - in the page: a copy of the report with a benchmark-only script after the report's own (the
#     copy's CSP allows it) writes performance.now() after forcing style and layout, i.e. the time
#     from navigation start to a laid-out page, parse and the report's script included;
#   - whole process: the wall time of `chromium --screenshot` (load, render, paint the first screen;
#     no DOM serialization) on the report minus that on an empty page.
# Each is the median of RUNS runs (default 5), one browser at a time.
#
#   Benchmarks/html-report.sh [COUNT]     default 5000; TRIAGE=path picks the binary (default: debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5000}
runs=${RUNS:-5}
work=${BENCH_DIR:-/tmp/triage-html-bench}
mkdir -p "$work"
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "needs Chromium (scripts/ensure-deps.sh --tests installs it)"; exit 1; }
if [ -z "${TRIAGE:-}" ]; then
  swift build --product triage >&2
  TRIAGE=.build/debug/triage
fi

python3 Benchmarks/generate.py --count "$count" --seed 1 --out "$work/issues.jsonl"
"$TRIAGE" check --rules Benchmarks/rules-html.yaml --source "file:$work/issues.jsonl" --now 2025-01-01T00:00:00Z \
  --fail-on none --format html > "$work/report.html"
rows=$(grep -c '^<tr data-number=' "$work/report.html")
bytes=$(wc -c < "$work/report.html")

# The benchmark copy: the report's CSP meta removed, a timing script appended after the report's own.
python3 - "$work" <<'PYTHON'
import re, sys
work = sys.argv[1]
html = open(f"{work}/report.html", encoding="utf-8").read()
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", html, count=1)
probe = ('<script>document.documentElement.getBoundingClientRect(); document.body.offsetHeight;'
         'document.documentElement.setAttribute("data-rendered-ms", performance.now().toFixed(1));</script>')
open(f"{work}/timed.html", "w", encoding="utf-8").write(html.replace("</body>", probe + "</body>", 1))
open(f"{work}/empty.html", "w", encoding="utf-8").write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>\n")
PYTHON

browser() { # MODE URL: --dump-dom or --screenshot, bounded, with a fresh profile
  local profile
  profile=$(mktemp -d)
  timeout --kill-after=5 60 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --user-data-dir="$profile" --window-size=1280,900 "$1" "$2" 2>/dev/null
  rm -rf "$profile"
}
wall_ms() { # URL
  local start end
  start=$(date +%s%N)
  (cd "$work" && browser --screenshot "$1" > /dev/null)
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

in_page=(); report_wall=(); empty_wall=()
for _ in $(seq "$runs"); do
  in_page+=("$(browser --dump-dom "file://$work/timed.html" | grep -o 'data-rendered-ms="[0-9.]*"' | grep -o '[0-9.]*')")
  report_wall+=("$(wall_ms "file://$work/report.html")")
  empty_wall+=("$(wall_ms "file://$work/empty.html")")
done
report_median=$(printf '%s\n' "${report_wall[@]}" | median)
empty_median=$(printf '%s\n' "${empty_wall[@]}" | median)
echo "matches (table rows): $rows"
echo "file size: $bytes bytes ($(awk -v b="$bytes" 'BEGIN {printf "%.2f", b / 1048576}') MiB)"
echo "in-page, navigation start to laid-out page: median $(printf '%s\n' "${in_page[@]}" | median) ms (runs: ${in_page[*]})"
echo "chromium --screenshot wall: report median $report_median ms, empty page median $empty_median ms, difference $((${report_median%.*} - ${empty_median%.*})) ms"
