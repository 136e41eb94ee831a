#!/usr/bin/env bash
# Checks the release archive as a machine without Swift would see it: the binary links no library of
# the Swift toolchain, no libyaml and no libsqlite3, runs with an empty LD_LIBRARY_PATH and a PATH without Swift,
# reports the VERSION file's version, lints (GitHub annotations, exit codes) and checks the sample
# issues exactly like the debug build, installs and runs through action.yml, and needs no newer glibc
# than the README promises.
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

# action.yml's two steps, run as a runner would, installing this archive from a loopback copy of the
# release download URL: the default version comes from VERSION under GITHUB_ACTION_PATH, the
# repository from that path (github.action_repository may be empty), quotes in `args` group words,
# and the token reaches triage without being printed. A wrong checksum stops the install.
action_run() {  # STEP-INDEX: prints that step's `run` script
  python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[2]))["runs"]["steps"][int(sys.argv[1])]["run"])' "$1" "$repository/action.yml"
}
releases="$work/server/OWNER/triage/releases/download/v$version"
mkdir -p "$releases" "$work/_actions/OWNER/triage/v1" "$work/runner-temp" "$work/workspace"
cp "$archive" "$archive.sha256" "$releases/"
cp VERSION "$work/_actions/OWNER/triage/v1/"
python3 - "$work/server" "$work/port" <<'PYTHON' &
import functools, http.server, sys
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass
server = http.server.HTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
open(sys.argv[2], "w").write(str(server.server_port))
server.serve_forever()
PYTHON
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
case "$(uname -m)" in x86_64) runner_arch=X64 ;; aarch64) runner_arch=ARM64 ;; esac
runner() {  # STEP-INDEX ENV…: runs a step of action.yml in the simulated runner
  local step=$1; shift
  (cd "$work/workspace" && env -i HOME="$work" PATH="$(cat "$work/github_path" 2>/dev/null || true):/usr/local/bin:/usr/bin:/bin" \
    GITHUB_ACTION_PATH="$work/_actions/OWNER/triage/v1" GITHUB_SERVER_URL="http://127.0.0.1:$(cat "$work/port")" \
    GITHUB_PATH="$work/github_path" RUNNER_OS=Linux RUNNER_ARCH="$runner_arch" RUNNER_TEMP="$work/runner-temp" \
    TRIAGE_ACTION_REPOSITORY= TRIAGE_VERSION= "$@" bash -e -c "$(action_run "$step")")
}
runner 0 > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "action.yml's install step failed"; }
grep -qx "$version" "$work/install.log" || { cat "$work/install.log"; fail "action.yml's install step did not run triage $version"; }
cp "$work/broken.yaml" "$work/workspace/my rules.yaml"
set +e
runner 1 GITHUB_TOKEN=secret-token-4711 TRIAGE_ARGS='lint --format github "my rules.yaml"' > "$work/run.log" 2>&1
status=$?
set -e
[ "$status" -eq 1 ] || { cat "$work/run.log"; fail "triage through action.yml exited $status, not 1"; }
grep -q '^::error file=my rules.yaml,line=3,' "$work/run.log" || { cat "$work/run.log"; fail "triage through action.yml printed no annotation"; }
if grep -q secret-token-4711 "$work/install.log" "$work/run.log"; then fail "action.yml printed the token"; fi
echo "0000000000000000000000000000000000000000000000000000000000000000  $name.tar.gz" > "$releases/$name.tar.gz.sha256"
rm -rf "$work/runner-temp"/* "$work/github_path"
if runner 0 > "$work/install.log" 2>&1 || ! grep -q FAILED "$work/install.log"; then
  cat "$work/install.log"; fail "action.yml did not refuse an archive whose checksum does not match"
fi

floor=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
promised=$(grep -o 'needs glibc [0-9.]*' README.md | head -1 | grep -o '[0-9.]*$')
[ -n "$promised" ] || fail "README.md does not say 'needs glibc X.Y'"
[ "$(printf '%s\n%s\n' "${floor#GLIBC_}" "$promised" | sort -V | tail -1)" = "$promised" ] \
  || fail "the binary needs $floor but README.md promises glibc $promised"
echo "$archive: static, runs without Swift, needs $floor (README: glibc $promised)"
