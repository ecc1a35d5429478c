#!/usr/bin/env bash
# FIFO cases against one binary: bash fifo.sh BIN TAG
. "$(dirname "$0")/site.sh"
bin=$1 tag=$2
t0() { date +%s.%N; }
el() { echo "$(t0) - $1" | bc | xargs printf '%.2f'; }
# build with a FIFO in content/ (limit 15 s)
d=/tmp/sf/cases/fifo-$tag-build; mksite $d; mkfifo $d/home/site/content/articles/pipe.md
cd $d/home/site; s=$(t0); timeout -k 2 15 "$bin" build >/dev/null 2>$d/err; rc=$?
echo "$tag build+FIFO: exit $rc after $(el $s) s (124: stopped by SIGTERM at 15 s; 137: needed SIGKILL 2 s later); stderr: $(head -c 250 $d/err | tr '\n' ' ')"
# SIGTERM, then two SIGINT, to that blocked build
st=; mksite $d; mkfifo $d/home/site/content/articles/pipe.md; cd $d/home/site
"$bin" build >/dev/null 2>$d/err & pid=$!; sleep 2
if ! kill -0 $pid 2>/dev/null; then wait $pid; st="exited $? by itself within 2 s, before any signal"; else kill -TERM $pid; sleep 3; fi; if [ -n "${st:-}" ]; then :; elif kill -0 $pid 2>/dev/null; then st="still running 3 s after SIGTERM"; else wait $pid; st="exited $? after SIGTERM"; fi
if kill -0 $pid 2>/dev/null; then kill -INT $pid; sleep 1; kill -INT $pid; sleep 3
  if kill -0 $pid 2>/dev/null; then st="$st; still running 3 s after two SIGINT"; kill -KILL $pid; wait $pid 2>/dev/null; else wait $pid; st="$st; exited $? after two SIGINT"; fi
fi
echo "$tag signals to a build on a FIFO: $st"
# serve with a FIFO in content/
d=/tmp/sf/cases/fifo-$tag-serve; mksite $d; mkfifo $d/home/site/content/articles/pipe.md; cd $d/home/site
port=$((20000 + RANDOM % 10000))
"$bin" serve --addr 127.0.0.1:$port >$d/out 2>$d/err & pid=$!
sleep 6
code=$(curl -s -o /dev/null -m 3 -w '%{http_code}' http://127.0.0.1:$port/ || true)
alive=$(kill -0 $pid 2>/dev/null && echo running || echo exited)
echo "$tag serve+FIFO: after 6 s $alive, GET / -> ${code:-none}; stderr: $(head -c 300 $d/err | tr '\n' ' ')"
if kill -0 $pid 2>/dev/null; then s=$(t0); kill -TERM $pid; for i in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  if kill -0 $pid 2>/dev/null; then echo "$tag serve+FIFO: still running 5 s after SIGTERM"; kill -KILL $pid; else echo "$tag serve+FIFO: SIGTERM -> exited in $(el $s) s"; fi; wait $pid 2>/dev/null; fi
# import of a FIFO with import.timeout = 2s (limit 15 s)
d=/tmp/sf/cases/fifo-$tag-import; mksite $d; printf 'title = "Safe"\n[search]\nenabled = false\n[import]\ntimeout = "2s"\n' > $d/home/site/digest.toml
mkfifo $d/home/raw.html; cd $d/home/site; s=$(t0); timeout -k 2 15 "$bin" import ../raw.html >/dev/null 2>$d/err; rc=$?
echo "$tag import FIFO, import.timeout=2s: exit $rc after $(el $s) s; stderr: $(head -c 250 $d/err | tr '\n' ' ')"
