#!/usr/bin/env bash
# Installs what the build needs on Debian/Ubuntu when it is missing: libyaml (the YAML parser the
# rule loader binds to), libsqlite3 (the cache) and pkg-config (SwiftPM finds both through it); with
# --tests (scripts/test.sh) also Chromium, which loads the HTML report headless in the test suite
# (HTMLReportBrowserTests; CHROMIUM may name another Chromium executable instead).
set -euo pipefail
missing=()
dpkg -s libyaml-dev >/dev/null 2>&1 || missing+=(libyaml-dev)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ "${1:-}" = --tests ] && [ -z "${CHROMIUM:-}" ]; then
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
fi
if ((${#missing[@]})); then
  echo "installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
