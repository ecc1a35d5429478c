#!/bin/sh
# Builds the same generated articles with digest and with Hugo, in one run,
# and prints digest's times and peak memory as ratios of Hugo's.
#
#   .ci/bench/hugo.sh [SIZES]        SIZES defaults to 1000,10000
#
# Both sides run on the same machine at the same time, so a busy machine
# slows both alike; still, run it on an idle machine for absolute figures.
set -eu
cd "$(dirname "$0")/../.."
sizes=${1:-1000,10000}
if ! command -v hugo >/dev/null 2>&1; then
	# Without recommends: Debian's hugo recommends its Go 1.19, which would
	# shadow the real Go on PATH.
	apt-get install -y --no-install-recommends hugo
fi
go build -o /tmp/digest-bench ./cmd/digest
exec /tmp/digest-bench bench --sizes "$sizes" --hugo
