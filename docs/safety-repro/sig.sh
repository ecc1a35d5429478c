#!/usr/bin/env bash
# Signals to a long import: bash sig.sh BIN TAG
. "$(dirname "$0")/site.sh"
bin=$1 tag=$2
t0() { date +%s.%N; }
el() { echo "$(t0) - $1" | bc | xargs printf '%.2f'; }
for mode in TERM INTx2; do
  d=/tmp/sf/cases/sig-$tag-$mode; mksite $d; cd $d/home/site
  s0=$(t0); "$bin" import --quiet /tmp/sf/corpus/raw3000 >/dev/null 2>$d/err & pid=$!
  sleep 3
  s=$(t0)
  if [ $mode = TERM ]; then kill -TERM $pid; else kill -INT $pid; sleep 0.05; kill -INT $pid; fi
  for i in $(seq 300); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  if kill -0 $pid 2>/dev/null; then echo "$tag import, $mode at 3 s: still running 30 s later"; kill -KILL $pid; wait $pid
  else wait $pid; rc=$?; echo "$tag import, $mode at 3 s: exit $rc $(el $s) s after the signal; $(ls content/articles | wc -l) articles written; stderr: $(tail -c 200 $d/err | tr '\n' ' ')"; fi
done
# the full import, unsignalled, for scale
d=/tmp/sf/cases/sig-$tag-full; mksite $d; cd $d/home/site; s=$(t0); "$bin" import --quiet /tmp/sf/corpus/raw3000 >/dev/null 2>&1; echo "$tag import unsignalled: exit $? in $(el $s) s"
