#!/usr/bin/env bash
# A 31 MiB page of links, peak memory: bash mem.sh BIN TAG
. "$(dirname "$0")/site.sh"
bin=$1 tag=$2
d=/tmp/sf/cases/mem-$tag; mksite $d; cd $d/home/site
/usr/bin/time -f '%e %U %S %M' -o $d/time "$bin" import --quiet /tmp/sf/corpus/links31.html >/dev/null 2>$d/err; rc=$?
read e u s m < <(tail -1 $d/time)
echo "$tag import of a 31 MiB page of links: exit $rc, wall $e s, user+sys $(echo "$u + $s" | bc) s, peak RSS $((m/1024)) MB; stderr: $(head -c 300 $d/err | tr '\n' ' ')"
