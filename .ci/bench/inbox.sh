#!/usr/bin/env bash
# The scheduled rebuild's inbox: one `digest import --done --rejects` process for a drop of
# DROP files (default 100) into a site of BASE articles (default 2000), against one process per
# entry as the old .ci/import-inbox.sh ran. Both end with the same articles.
# usage: go build -o /tmp/digest ./cmd/digest && DIGEST=/tmp/digest .ci/bench/inbox.sh
set -euo pipefail
d=${DIGEST:?set DIGEST to a digest binary (go build -o /tmp/digest ./cmd/digest)}
base=${BASE:-2000}
drop=${DROP:-100}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
"$d" gen --articles $((base + drop)) --seed 7 "$w/raw" >/dev/null
mkdir -p "$w/base" "$w/drop" "$w/site"
find "$w/raw" -type f | sort | head -n "$base" | xargs -I{} mv {} "$w/base/"
find "$w/raw" -type f -exec mv {} "$w/drop/" \;
(cd "$w/site" && "$d" import --quiet ../base)
for s in A B; do cp -r "$w/site" "$w/site$s"; mkdir -p "$w/site$s/inbox"; cp "$w"/drop/* "$w/site$s/inbox/"; done
n=$(find "$w/drop" -type f | wc -l)
s=$(date +%s.%N)
(cd "$w/siteA" && for f in inbox/*; do "$d" import --quiet "$f" && mkdir -p inbox/done && mv "$f" inbox/done/; done)
e=$(date +%s.%N)
echo "one process per entry: $n files in $(echo "$e - $s" | bc) s"
s=$(date +%s.%N)
(cd "$w/siteB" && "$d" import --quiet --done inbox/done --rejects inbox/rejects inbox)
e=$(date +%s.%N)
echo "one process (--done/--rejects): $n files in $(echo "$e - $s" | bc) s"
echo "articles: per entry $(find "$w/siteA/content/articles" -type f | wc -l), one process $(find "$w/siteB/content/articles" -type f | wc -l)"
