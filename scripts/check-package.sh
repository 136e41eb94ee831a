#!/usr/bin/env bash
# Checks the release archive as a machine without Swift would see it: the binary links no library of
# the Swift toolchain and no libyaml, runs with an empty LD_LIBRARY_PATH and a PATH without Swift,
# reports the VERSION file's version, lints (GitHub annotations, exit codes) and checks the sample
# issues exactly like the debug build, and needs no newer glibc than the README promises.
# With PACKAGE=1 it builds the archive first (scripts/package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
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
if echo "$libraries" | grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|libyaml|swift|not found'; then
  fail "the binary links a library of the Swift toolchain, libyaml, or a missing library (above)"
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

floor=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
promised=$(grep -o 'needs glibc [0-9.]*' README.md | head -1 | grep -o '[0-9.]*$')
[ -n "$promised" ] || fail "README.md does not say 'needs glibc X.Y'"
[ "$(printf '%s\n%s\n' "${floor#GLIBC_}" "$promised" | sort -V | tail -1)" = "$promised" ] \
  || fail "the binary needs $floor but README.md promises glibc $promised"
echo "$archive: static, runs without Swift, needs $floor (README: glibc $promised)"
