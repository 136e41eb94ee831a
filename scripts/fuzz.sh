#!/usr/bin/env bash
# Builds the libFuzzer target (Fuzz/) and runs it for a bounded time (default 60 s) on a corpus
# seeded from the starter rules and expressions. Fails on any crash, hang or sanitizer report.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
# The package identity of a path dependency is its folder name; the clone may be named anything.
mkdir -p Fuzz/.deps && ln -sfn ../.. Fuzz/.deps/triage
resource_dir=$(dirname "$(dirname "$(command -v swiftc)")")/lib/clang
libfuzzer=$(find "$resource_dir" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
[ -n "$libfuzzer" ] || { echo "libFuzzer (libclang_rt.fuzzer_no_main) not found under $resource_dir"; exit 1; }
swift build --package-path Fuzz -c debug --product TriageFuzz -Xlinker "$libfuzzer" -Xlinker -lstdc++ 2>&1 | grep -E "error|warning: " | grep -vE "^\[|ld.gold: warning: Cannot export local symbol" || true
binary=Fuzz/.build/debug/TriageFuzz
[ -x "$binary" ] || { echo "fuzzer did not build"; exit 1; }
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
i=0
for file in Rules/*.yaml; do cp "$file" "$corpus/rules-$i.yaml"; i=$((i+1)); done
printf '%s' 'state == "open" and "bug" in labels and not any(labels, l => l ~ "^triage/")' > "$corpus/e1"
printf '%s' 'len(assignees) == 0 and milestone == null and created < 2024-01-01T00:00:00Z' > "$corpus/e2"
printf '%s' 'last_comment != null and last_comment.author == author and idle > 1d12h' > "$corpus/e3"
printf '%s' 'count(labels, l => glob(l, "area/*")) >= 2 or title !~ "(?i)^wip" and -(7d) < now - created' > "$corpus/e4"
# Leak detection is off: LeakSanitizer reports the one-time storage of Swift globals (lazily
# initialized static tables) as leaks, which they are not.
ASAN_OPTIONS=detect_leaks=0 "$binary" -detect_leaks=0 -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$corpus" 2>&1 | tail -15
