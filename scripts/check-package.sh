#!/usr/bin/env bash
# Checks the release archive as a machine without Swift would see it: the binary links no library of
# the Swift toolchain, no libyaml and no libsqlite3, runs with an empty LD_LIBRARY_PATH and a PATH without Swift,
# reports the VERSION file's version, lints (GitHub annotations, exit codes) and checks the sample
# issues exactly like the debug build, installs and runs through action.yml (and builds through it
# when the release has no archive), and needs no newer glibc than the README promises.
# With PACKAGE=1 it builds the archive first (scripts/package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repository=$PWD
version=$(tr -d '[:space:]' < VERSION)
name="triage-$version-linux-$(uname -m)"
archive="dist/$name.tar.gz"
if [ "${PACKAGE:-0}" = 1 ]; then scripts/package.sh >/dev/null; fi
[ -f "$archive" ] || { echo "check-package.sh: $archive does not exist (run scripts/package.sh)" >&2; exit 1; }
fail() { echo "check-package.sh: $*" >&2; exit 1; }

(cd dist && sha256sum --check --strict --quiet "$name.tar.gz.sha256") || fail "the checksum of $archive does not match"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
root="$work/$name"
binary="$root/triage"
for file in triage README.md Rules; do [ -e "$root/$file" ] || fail "the archive lacks $file"; done

# Run as on a stock Debian/Ubuntu: no Swift on PATH, no library path.
clean() { env -i HOME="$work" PATH=/usr/local/bin:/usr/bin:/bin LD_LIBRARY_PATH= "$@"; }

libraries=$(clean ldd "$binary")
echo "$libraries" | sed 's/^/  /'
if echo "$libraries" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libyaml|libsqlite|swift|not found'; then
  fail "the binary links a library of the Swift toolchain, libyaml, libsqlite3, or a missing library (above)"
fi

[ "$(clean "$binary" --version)" = "$version" ] || fail "triage --version is not $version"

cat > "$work/broken.yaml" <<'RULES'
rules:
  - name: broken
    when: state == "open" and nosuchfield > 3
RULES
set +e
annotations=$(cd "$work" && clean "$binary" lint --format github broken.yaml)
status=$?
set -e
[ "$status" -eq 1 ] || fail "lint of a rule file with an error exited $status, not 1"
echo "$annotations" | grep -qE '^::error file=broken\.yaml,line=3,col=[0-9]+[,:]' \
  || fail "lint --format github printed no ::error line for broken.yaml:3: $annotations"
(cd "$root" && clean ./triage lint --strict --format github Rules) || fail "lint of the archive's Rules/ failed"
(cd "$root" && clean ./triage test Rules >/dev/null) || fail "the archive's rule tests failed"

# Regexes (ICU) and the YAML/JSON paths of the static build give the debug build's exact answer.
check=(check --rules Rules --source file:Samples/issues.jsonl --now 2024-06-01T00:00:00Z --fail-on none --format jsonl)
clean "$binary" "${check[@]}" > "$work/static.jsonl"
[ -s "$work/static.jsonl" ] || fail "check over the samples found nothing"
if [ -x .build/debug/triage ]; then
  .build/debug/triage "${check[@]}" | cmp -s - "$work/static.jsonl" || fail "check differs from the debug build's"
fi

# action.yml, run by scripts/run-action.py as a runner would, against a loopback copy of the release
# download URL. The release asset is installed: the default version comes from VERSION under
# GITHUB_ACTION_PATH, the repository from that path (github.action_repository may be empty), quotes in
# `args` group words, and the token reaches triage without being printed. A wrong checksum, an HTTP
# 500 and a network error stop the install; only a 404 builds from the action's checkout, through a
# stand-in for scripts/package.sh (the real one is a long release build) that is checked to run once
# per source hash (the cache) and to be the triage that runs.
action="$work/_actions/OWNER/triage/v1"
releases="$work/server/OWNER/triage/releases/download/v$version"
mkdir -p "$releases" "$action/scripts" "$action/stub" "$work/workspace" "$work/cache" "$work/swift-bin" "$work/stub"
cp "$archive" "$archive.sha256" "$releases/"
cp -r VERSION Package.swift Sources action.yml "$action/"
tar -xzf "$archive" -C "$work/stub"
mv "$work/stub/$name/triage" "$work/stub/$name/triage.real"
cat > "$work/stub/$name/triage" <<'WRAPPER'
#!/usr/bin/env bash
echo "this triage was built from the action's checkout" >&2
exec "$(dirname "$0")/triage.real" "$@"
WRAPPER
chmod +x "$work/stub/$name/triage"
tar -C "$work/stub" -czf "$action/stub/$name.tar.gz" "$name"
cat > "$action/scripts/package.sh" <<'STUB'
#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
echo ran >> package-runs
mkdir -p dist
cp stub/*.tar.gz dist/
STUB
chmod +x "$action/scripts/package.sh"
printf '#!/bin/sh\necho "Swift version 6.0 (stand-in)"\n' > "$work/swift-bin/swift"
chmod +x "$work/swift-bin/swift"
python3 - "$work/server" "$work/port" <<'PYTHON' &
import functools, http.server, os, sys
class Releases(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):  # FILE.status holding a code makes FILE answer that code
        status = self.translate_path(self.path) + ".status"
        if os.path.exists(status):
            self.send_error(int(open(status).read()))
        else:
            super().do_GET()
server = http.server.HTTPServer(("127.0.0.1", 0), functools.partial(Releases, directory=sys.argv[1]))
open(sys.argv[2], "w").write(str(server.server_port))
server.serve_forever()
PYTHON
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
case "$(uname -m)" in x86_64) runner_arch=X64 ;; aarch64) runner_arch=ARM64 ;; esac
python=$(python3 -c 'import sys; print(sys.executable)')
# The runner's PATH: the system's commands without Swift (the swift image has it in /usr/bin).
declare -A commands=()
for command in /usr/local/bin/* /usr/bin/* /bin/*; do
  name_only=${command##*/}
  case $name_only in swift*) ;; *) [ -n "${commands[$name_only]:-}" ] || commands[$name_only]=$command ;; esac
done
mkdir -p "$work/bin"
(cd "$work/bin" && ln -s "${commands[@]}" .)
runner_os=Linux runner_path="$work/bin" server_url="http://127.0.0.1:$(cat "$work/port")"
cp "$work/broken.yaml" "$work/workspace/my rules.yaml"
inputs=(token=secret-token-4711 'args=lint --format github "my rules.yaml"')
runner() {  # LOG INPUT=VALUE…: runs action.yml in a fresh runner (the cache stays); status 1 is triage's
  local log=$1; shift
  rm -rf "$work/runner-temp" "$work/github_path"; mkdir -p "$work/runner-temp"
  (cd "$work/workspace" && env -i HOME="$work" PATH="$runner_path" GITHUB_ACTION_PATH="$action" \
    GITHUB_SERVER_URL="$server_url" GITHUB_PATH="$work/github_path" RUNNER_OS="$runner_os" \
    RUNNER_ARCH="$runner_arch" RUNNER_TEMP="$work/runner-temp" \
    timeout 120 "$python" "$repository/scripts/run-action.py" "$action/action.yml" "$work/cache" "$@") > "$log" 2>&1
}
expect() {  # LOG stops|runs TEXT WHAT: the install failed (stops) or triage ran and found the broken rule
  local log=$1 outcome=$2 text=$3 what=$4 status=0 ran=runs  # (runs), and the log holds TEXT; else fail
  runner "$log" "${inputs[@]}" || status=$?
  grep -qx "== Run triage" "$log" || ran=stops
  [ "$status" -eq 1 ] && [ "$ran" = "$outcome" ] && grep -qF -- "$text" "$log" \
    || { cat "$log"; fail "action.yml: $what (exit $status, $ran)"; }
}
builds() { cat "$action/package-runs" 2>/dev/null | wc -l; }

expect "$work/release.log" runs "::error file=my rules.yaml,line=3," "the release asset's triage printed no annotation"
grep -q "installed the release asset" "$work/release.log" && grep -qx "$version" "$work/release.log" \
  || { cat "$work/release.log"; fail "action.yml did not install and run the release asset of $version"; }
echo 0000000000000000000000000000000000000000000000000000000000000000 "$name.tar.gz" > "$releases/$name.tar.gz.sha256"
expect "$work/checksum.log" stops FAILED "a wrong checksum did not stop the install"
cp "$archive.sha256" "$releases/"
echo 500 > "$releases/$name.tar.gz.status"
expect "$work/500.log" stops "answered HTTP 500" "an HTTP 500 did not stop the install"
rm "$releases/$name.tar.gz.status"
server_url=http://127.0.0.1:1
expect "$work/network.log" stops "could not download" "a network error did not stop the install"
server_url="http://127.0.0.1:$(cat "$work/port")"
runner_os=macOS
expect "$work/macos.log" stops "runs on Linux runners" "a macOS runner got no clear error"
runner_os=Linux
[ "$(builds)" -eq 0 ] || fail "action.yml built triage although the release asset was there or the download failed"

rm "$releases/$name.tar.gz"
expect "$work/no-swift.log" stops 'no `swift` on PATH' "a missing release on a runner without Swift got no clear error"
inputs+=(version=0.0.1)
expect "$work/other-version.log" stops "cannot build 0.0.1" "a missing release of another version than the checkout's was built"
unset 'inputs[2]'
runner_path="$work/swift-bin:$runner_path"
expect "$work/build.log" runs "::error file=my rules.yaml,line=3," "the built triage printed no annotation"
grep -q "building it from the action's checkout" "$work/build.log" \
  && grep -q "this triage was built from the action's checkout" "$work/build.log" && [ "$(builds)" -eq 1 ] \
  || { cat "$work/build.log"; fail "action.yml did not build triage once on a 404 and run that build"; }
expect "$work/cached.log" runs "this triage was built from the action's checkout" "the cached build did not run"
grep -q "using the cached build" "$work/cached.log" && [ "$(builds)" -eq 1 ] \
  || { cat "$work/cached.log"; fail "action.yml rebuilt triage instead of using the cached build"; }
echo "// changed" >> "$action/Sources/triage/Triage.swift"
expect "$work/changed.log" runs "this triage was built from the action's checkout" "the build after a source change did not run"
[ "$(builds)" -eq 2 ] || { cat "$work/changed.log"; fail "a source change did not change the build's cache key"; }
keys=("$work"/cache/*)
[ "${#keys[@]}" -eq 2 ] || fail "two source hashes made ${#keys[@]} cache entries, not 2"
for key in "${keys[@]}"; do
  [[ ${key##*/} =~ ^triage-build-Linux-$runner_arch-$version-[0-9a-f]{64}$ ]] || fail "unexpected cache key ${key##*/}"
done
if grep -q secret-token-4711 "$work"/*.log; then fail "action.yml printed the token"; fi

floor=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
promised=$(grep -o 'needs glibc [0-9.]*' README.md | head -1 | grep -o '[0-9.]*$')
[ -n "$promised" ] || fail "README.md does not say 'needs glibc X.Y'"
[ "$(printf '%s\n%s\n' "${floor#GLIBC_}" "$promised" | sort -V | tail -1)" = "$promised" ] \
  || fail "the binary needs $floor but README.md promises glibc $promised"
echo "$archive: static, runs without Swift, needs $floor (README: glibc $promised)"
