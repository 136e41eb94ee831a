#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/) and runs them for a bounded time in total (default 60 s, half
# each): TriageFuzz on a corpus seeded from the starter rules and expressions, TriageJSONFuzz (the
# JSON issue scanner in all its modes and the strict JSONParser) on one seeded from the JSON test
# fixtures and the first lines of Samples/issues.jsonl. Fails on any crash, hang or sanitizer report.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
# The package identity of a path dependency is its folder name; the clone may be named anything.
mkdir -p Fuzz/.deps && ln -sfn ../.. Fuzz/.deps/triage
resource_dir=$(dirname "$(dirname "$(command -v swiftc)")")/lib/clang
libfuzzer=$(find "$resource_dir" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
[ -n "$libfuzzer" ] || { echo "libFuzzer (libclang_rt.fuzzer_no_main) not found under $resource_dir"; exit 1; }
# Coverage for libFuzzer in every Swift module, not only the entry points (whose targets add
# -sanitize=fuzzer themselves): the scanner, parser and checker are where the branches are. The same
# instrumentation -sanitize=fuzzer gives (8-bit counters, PC table, comparisons), without linking a
# second libFuzzer main into the libraries. SwiftPM does not rebuild when -Xswiftc flags change, so
# a build made with other flags is discarded once (the checkouts stay).
instrument=(-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
stamp=Fuzz/.build/instrumentation
if [ -d Fuzz/.build/debug ] && [ "$(cat "$stamp" 2>/dev/null)" != "${instrument[*]}" ]; then rm -rf Fuzz/.build/debug Fuzz/.build/*-unknown-linux-gnu/debug; fi
mkdir -p Fuzz/.build && printf '%s' "${instrument[*]}" > "$stamp"
for product in TriageFuzz TriageJSONFuzz; do
    rm -f "Fuzz/.build/debug/$product"
    swift build --package-path Fuzz -c debug --product "$product" "${instrument[@]}" -Xlinker "$libfuzzer" -Xlinker -lstdc++ 2>&1 | grep -E "error|warning: " | grep -vE "^\[|ld.gold: warning: Cannot export local symbol" || true
    [ -x "Fuzz/.build/debug/$product" ] || { echo "fuzzer $product did not build"; exit 1; }
done
binary=Fuzz/.build/debug/TriageFuzz
json_binary=Fuzz/.build/debug/TriageJSONFuzz
corpus=$(mktemp -d)
json_corpus=$(mktemp -d)
trap 'rm -rf "$corpus" "$json_corpus"' EXIT
i=0
for file in Rules/*.yaml; do cp "$file" "$corpus/rules-$i.yaml"; i=$((i+1)); done
printf '%s' 'state == "open" and "bug" in labels and not any(labels, l => l ~ "^triage/")' > "$corpus/e1"
printf '%s' 'len(assignees) == 0 and milestone == null and created < 2024-01-01T00:00:00Z' > "$corpus/e2"
printf '%s' 'last_comment != null and last_comment.author == author and idle > 1d12h' > "$corpus/e3"
printf '%s' 'count(labels, l => glob(l, "area/*")) >= 2 or title !~ "(?i)^wip" and -(7d) < now - created' > "$corpus/e4"
# Small JSON seeds: every fixture (libFuzzer cuts those above -max_len) and a few JSON Lines records.
i=0
for file in Tests/*/Fixtures/*.json* Tests/*/Fixtures/*/*.json* Tests/*/Fixtures/*/*/*.json*; do
    [ -f "$file" ] && [ "$(basename "$file")" != sarif-schema-2.1.0.json ] || continue
    cp "$file" "$json_corpus/fixture-$i.json"; i=$((i+1))
done
head -n 3 Samples/issues.jsonl > "$json_corpus/samples.jsonl"
head -n 1 Samples/issues.jsonl > "$json_corpus/sample.json"
printf '%s' '[{"number":1,"created_at":"2024-01-01T00:00:00Z","title":"\ud83d\ude80 \u00e9","labels":["a"],"n":-0.0e+0}]' > "$json_corpus/escapes.json"
half=$(( (seconds + 1) / 2 ))
# Leak detection is off: LeakSanitizer reports the one-time storage of Swift globals (lazily
# initialized static tables) as leaks, which they are not.
echo "-- TriageJSONFuzz (${half} s)"
ASAN_OPTIONS=detect_leaks=0 "$json_binary" -detect_leaks=0 -max_total_time="$half" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$json_corpus" 2>&1 | tail -15
echo "-- TriageFuzz (${half} s)"
ASAN_OPTIONS=detect_leaks=0 "$binary" -detect_leaks=0 -max_total_time="$half" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$corpus" 2>&1 | tail -15
