#!/usr/bin/env bash
# Idle keep-alive connections to `digest serve`, old and new side by side:
# bash idle.sh OLD NEW (100 connections, each idle after one request).
. "$(dirname "$0")/site.sh"
here=$(dirname "$0")
for tag in old new; do mksite /tmp/sf/cases/idle-$tag; done
(cd /tmp/sf/cases/idle-old/home/site && exec "$1" serve --addr 127.0.0.1:23811 >/dev/null 2>&1) & po=$!
(cd /tmp/sf/cases/idle-new/home/site && exec "$2" serve --addr 127.0.0.1:23812 >/dev/null 2>&1) & pn=$!
sleep 8
(python3 "$here/idle.py" 23811 100 64 | sed 's/^/old: /') & a=$!
(python3 "$here/idle.py" 23812 100 64 | sed 's/^/new: /') & b=$!
wait $a $b; kill -TERM $po $pn; wait $po $pn 2>/dev/null
