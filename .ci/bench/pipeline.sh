#!/bin/sh
# Runs import, threading and build on generated corpora of 1k, 10k and
# 100k articles and prints wall time, CPU time and peak memory per stage
# and per article. With PROFILE=dir, each stage writes CPU and allocation
# profiles there (go tool pprof -top /tmp/digest-bench dir/…/build.cpu.prof).
set -eu
cd "$(dirname "$0")/../.."
go build -o /tmp/digest-bench ./cmd/digest
exec /tmp/digest-bench bench --sizes "${1:-1000,10000,100000}" ${PROFILE:+--profile "$PROFILE"}
