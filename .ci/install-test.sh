#!/usr/bin/env bash
# Checks the README's two ways to install digest, offline:
#   1. `go install ./cmd/digest` in a fresh clone;
#   2. `go install github.com/digest-news/digest/cmd/digest@<version>` from a module proxy.
# The proxy is a local folder in the GOPROXY layout (<module>/@v/{list,V.info,V.mod,V.zip}):
# this commit's module zip (git archive with the module@version/ prefix) in front of the
# dependencies' download cache, which `go mod download` fills. Both installs use an empty
# module cache and GOPROXY=file://… only, so nothing is fetched from the network and a
# `replace` in go.mod, or a dependency the proxy cannot serve, fails the step.
set -euo pipefail
cd "$(dirname "$0")/.."
module=$(go list -m)
version=v0.0.0-ci.1

go mod download # fills the download cache with every module go.sum names (network, once)
deps="$(go env GOMODCACHE)/cache/download"

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

mkdir -p "$tmp/proxy/$module/@v"
v="$tmp/proxy/$module/@v"
echo "$version" >"$v/list"
printf '{"Version":"%s","Time":"2026-01-01T00:00:00Z"}\n' "$version" >"$v/$version.info"
cp go.mod "$v/$version.mod"
git archive --format=zip --prefix="$module@$version/" -o "$v/$version.zip" HEAD

offline() {
  env -u GOFLAGS GOPATH="$tmp/gopath" GOMODCACHE="$tmp/modcache" GOBIN="$tmp/bin" \
    GOPROXY="file://$tmp/proxy,file://$deps" GOSUMDB=off GONOSUMDB="$module" \
    GOTOOLCHAIN=local GOFLAGS="-modcacherw -mod=mod" GOWORK=off "$@"
}

# 1. From a clone.
git clone -q . "$tmp/clone"
(cd "$tmp/clone" && offline go install ./cmd/digest)
out=$("$tmp/bin/digest" version)
echo "go install ./cmd/digest (clone): $out"
# Go stamps a clone's build with a pseudo-version naming its commit.
case "$out" in "digest v"*"-$(git rev-parse --short=12 HEAD)") ;; *) echo "unexpected: $out" >&2; exit 1 ;; esac

# 2. From the module proxy, outside any module.
# (The dependencies stay in the empty module cache filled by 1, from the same proxy; digest's
# own module is not there and must come from its zip.)
rm -rf "${tmp:?}/bin"
mkdir "$tmp/elsewhere"
(cd "$tmp/elsewhere" && offline go install "$module/cmd/digest@$version")
out=$("$tmp/bin/digest" version)
echo "go install $module/cmd/digest@$version (proxy): $out"
test "$out" = "digest $version"

# The installed program works: it builds the demo site of the clone.
"$tmp/bin/digest" build --quiet --root "$tmp/clone" --out "$tmp/public"
test -s "$tmp/public/index.html"
echo "installed digest built $(find "$tmp/public" -name '*.html' | wc -l) pages"
