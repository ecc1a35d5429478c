#!/usr/bin/env bash
# Two imports, two builds at once: bash conc.sh BIN TAG
. "$(dirname "$0")/site.sh"
bin=$1 tag=$2
threads() { grep -h '^thread:' content/articles/*.md | sort -u | wc -l; }
d=/tmp/sf/cases/conc-$tag-seq; mksite $d; rm $d/home/site/content/articles/harbour.md; cd $d/home/site
"$bin" import --quiet /tmp/sf/corpus/a >/dev/null 2>&1; "$bin" import --quiet /tmp/sf/corpus/b >/dev/null 2>&1
echo "$tag import a, then b: $(ls content/articles/*.md | wc -l) articles, $(threads) threads"
d=/tmp/sf/cases/conc-$tag-two; mksite $d; rm $d/home/site/content/articles/harbour.md; cd $d/home/site
"$bin" import --quiet /tmp/sf/corpus/a >/dev/null 2>$d/e1 & p1=$!
"$bin" import --quiet /tmp/sf/corpus/b >/dev/null 2>$d/e2 & p2=$!
wait $p1; r1=$?; wait $p2; r2=$?
echo "$tag import a and b at once: exits $r1 and $r2, $(ls content/articles/*.md | wc -l) articles, $(threads) threads; stderr: $(head -c 200 $d/e1 $d/e2 | tr '\n' ' ')"
d=/tmp/sf/cases/conc-$tag-build; mksite $d; cd $d/home/site; "$bin" import --quiet /tmp/sf/corpus/raw3000 >/dev/null 2>&1; "$bin" build --quiet >/dev/null 2>&1
for k in 1 2 3; do
  "$bin" build --quiet >/dev/null 2>$d/b1 & p1=$!
  "$bin" build --quiet >/dev/null 2>$d/b2 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  echo "$tag two builds at once (try $k): exits $r1 and $r2; stderr: $(head -c 250 $d/b1 | tr '\n' ' ') | $(head -c 250 $d/b2 | tr '\n' ' ')"
done
