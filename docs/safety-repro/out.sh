#!/usr/bin/env bash
# Output-folder cases against one binary: bash out.sh BIN TAG
. "$(dirname "$0")/site.sh"
bin=$1 tag=$2
run() { # name, out expression (evaluated in the site folder), [config]
  local name=$1 expr=$2 cfg=${3:-}
  local d=/tmp/sf/cases/out-$tag-$name
  mksite "$d"
  export HOME=$d/home
  cd "$d/home/site"
  local out; out=$(eval "printf %s \"$expr\"")
  local args=(build)
  if [ -n "$cfg" ]; then printf 'title = "Safe"\n[search]\nenabled = false\n[build]\noutput_dir = %s\n' "'$out'" > digest.toml
  else args+=(--out "$out"); fi
  "$bin" "${args[@]}" >/dev/null 2>"$d/err1"; local rc1=$?
  local l1; l1=$(lost "$d")
  cd "$d/home/site" 2>/dev/null || cd "$d"
  "$bin" "${args[@]}" >/dev/null 2>"$d/err2"; local rc2=$?
  local l2; l2=$(lost "$d")
  local spares; spares=$(cd "$d" && find . -maxdepth 4 -name '.*-spare' | tr '\n' ' ')
  printf '%-4s %-16s out=%-40s exit %d, missing:%s | again: exit %d, missing:%s | spares: %s\n     stderr: %s\n' "$tag" "$name" "$out" "$rc1" "$l1" "$rc2" "$l2" "${spares:-none}" "$(head -c 400 "$d/err1" | tr '\n' ' ')"
}
run pwd '$PWD'
run pwd-content '$PWD/content'
run parent '..'
run home '$HOME'
run dotdot-site '../site'
run output_dir '$PWD' config
