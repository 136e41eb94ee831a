#!/usr/bin/env bash
# The main job on the bundled sample data: every starter rule over 58 GitHub-shaped issues of a
# fictional repository, as of 2024-06-01. No network, no token.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --product triage >&2
exec .build/release/triage check --rules Rules --source file:Samples/issues.jsonl --now 2024-06-01T00:00:00Z --fail-on none "$@"
