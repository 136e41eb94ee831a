#!/usr/bin/env bash
# Builds the portable release binary and writes dist/triage-VERSION-linux-ARCH.tar.gz.
#
# The binary needs no Swift toolchain, no libyaml and no libsqlite3 on the machine that runs it:
# --static-swift-stdlib links the Swift runtime, Foundation and _FoundationICU statically. libyaml
# is linked from a directory that holds only libyaml.a: SwiftPM links CYAML with the
# `-L$libdir -lyaml` of libyaml's pkg-config file, placed before any -Xlinker flag, so libyaml.so
# would win; a copy of yaml-0.1.pc whose libdir is that directory, found first through
# PKG_CONFIG_PATH, makes `-lyaml` find the archive. libsqlite3 (the cache) is linked the same way,
# its .pc adding the -lm the archive needs. What remains dynamic is glibc, libstdc++,
# libgcc_s and zlib, which every Debian/Ubuntu has.
# A separate scratch path keeps this build apart from the debug build in .build/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh

version=$(tr -d '[:space:]' < VERSION)
arch=$(uname -m)                       # x86_64 or aarch64
scratch=${SCRATCH_PATH:-.build-release}
name="triage-$version-linux-$arch"

static_libyaml=$(find /usr/lib /usr/local/lib -name libyaml.a -print -quit 2>/dev/null || true)
if [ -z "$static_libyaml" ]; then
  echo "package.sh: libyaml.a not found (Debian/Ubuntu: apt-get install libyaml-dev)" >&2; exit 1
fi
static_libsqlite=$(find /usr/lib /usr/local/lib -name libsqlite3.a -print -quit 2>/dev/null || true)
if [ -z "$static_libsqlite" ]; then
  echo "package.sh: libsqlite3.a not found (Debian/Ubuntu: apt-get install libsqlite3-dev)" >&2; exit 1
fi
static_dir="$PWD/$scratch/static-libs"
rm -rf "$static_dir"; mkdir -p "$static_dir/pkgconfig"
cp "$static_libyaml" "$static_dir/"
sed "s|^libdir=.*|libdir=$static_dir|" "$(pkg-config --variable=pcfiledir yaml-0.1)/yaml-0.1.pc" \
  > "$static_dir/pkgconfig/yaml-0.1.pc"
cp "$static_libsqlite" "$static_dir/"
sed -e "s|^libdir=.*|libdir=$static_dir|" -e 's|^Libs: \(.*\)$|Libs: \1 -lm|' \
  "$(pkg-config --variable=pcfiledir sqlite3)/sqlite3.pc" > "$static_dir/pkgconfig/sqlite3.pc"

echo "== release build ($arch, static Swift runtime, libyaml and libsqlite3)" >&2
PKG_CONFIG_PATH="$static_dir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
  swift build -c release --product triage --scratch-path "$scratch" --static-swift-stdlib
binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/triage"

reported=$("$binary" --version)
if [ "$reported" != "$version" ]; then
  echo "package.sh: triage --version says '$reported' but VERSION says '$version'" >&2; exit 1
fi

stage="dist/$name"
rm -rf "$stage"; mkdir -p "$stage"
cp "$binary" "$stage/triage"
strip "$stage/triage"
cp README.md "$stage/"
[ -f LICENSE ] && cp LICENSE "$stage/"
mkdir -p "$stage/Rules"
cp Rules/*.yaml "$stage/Rules/"
tar -C dist -czf "dist/$name.tar.gz" "$name"
rm -rf "$stage"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
# What the archive was built from, so scripts/test.sh checks only an archive of the sources it tests.
git rev-parse HEAD > "dist/$name.source" 2>/dev/null || true
echo "dist/$name.tar.gz"
