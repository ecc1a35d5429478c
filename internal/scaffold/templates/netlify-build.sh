#!/bin/sh
{% if .Repo -%}
# Generated from internal/scaffold/templates/netlify-build.sh (go test
# ./internal/scaffold -update).
{% end -%}
# Netlify's build command (see netlify.toml). Inside `netlify build` PATH
# starts with node_modules/.bin and /usr/bin, where an old distribution Go
# may shadow the one GO_VERSION asked for, so this picks the go binary by
# its version: GO_VERSION's if any candidate has it, else the first that
# runs. GOTOOLCHAIN=local (netlify.toml) then refuses a Go too old for
# go.mod instead of downloading another.
set -eu

want="go${GO_VERSION:-}"
first=""
chosen=""
try() {
  [ -z "$chosen" ] && [ -x "$1" ] || return 0
  v=$("$1" env GOVERSION 2>/dev/null) || return 0
  [ -n "$first" ] || first=$1
  if [ "$v" = "$want" ]; then chosen=$1; fi
}
[ -z "${GOROOT:-}" ] || try "$GOROOT/bin/go"
try /usr/local/go/bin/go
try "$HOME/.gimme/versions/$want.linux.amd64/bin/go"
oldifs=$IFS
IFS=:
for dir in $PATH; do
  IFS=$oldifs
  try "${dir:-.}/go"
done
IFS=$oldifs
chosen=${chosen:-$first}
if [ -z "$chosen" ]; then
  echo "netlify-build: no Go found; set GO_VERSION in netlify.toml" >&2
  exit 1
fi
echo "netlify-build: using $chosen ($("$chosen" env GOVERSION))"

# Production builds link to the site's own URL; deploy previews and branch
# deploys to the address they are published at.
if [ "${CONTEXT:-}" = "production" ]; then
  base=${URL:-}
else
  base=${DEPLOY_PRIME_URL:-${URL:-}}
fi
{% if .Repo -%}
exec "$chosen" run ./cmd/digest build ${base:+--base-url "$base"}
{% else -%}
# DIGEST names a digest binary to use instead (a released one, or one built
# for a test); by default Go builds the pinned version, cached between runs.
if [ -n "${DIGEST:-}" ]; then
  exec "$DIGEST" build ${base:+--base-url "$base"}
fi
exec "$chosen" run github.com/digest-news/digest/cmd/digest@{% .Version %} build ${base:+--base-url "$base"}
{% end -%}
