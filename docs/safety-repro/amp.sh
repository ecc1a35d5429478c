#!/usr/bin/env bash
# A record of N ampersands, build time: bash amp.sh BIN TAG N...
. "$(dirname "$0")/site.sh"
bin=$1 tag=$2; shift 2
for n in "$@"; do
  d=/tmp/sf/cases/amp-$tag-$n; mksite $d; cd $d/home/site
  "$bin" import --quiet /tmp/sf/corpus/amp$n.jsonl >/dev/null 2>$d/ierr; irc=$?
  /usr/bin/time -f '%e %U %S %M' -o $d/time timeout -k 2 120 "$bin" build --quiet >/dev/null 2>$d/err; rc=$?
  read e u s m < <(tail -1 $d/time)
  echo "$tag & x $n: import exit $irc; build exit $rc, wall $e s, user+sys $(echo "$u + $s" | bc) s, peak $((m/1024)) MB"
done
