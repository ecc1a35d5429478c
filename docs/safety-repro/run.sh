#!/usr/bin/env bash
# Reproduces issue 14's cases against digest before the work (7b4ae0f)
# and now (HEAD), as docs/safety.md reports them. Everything it makes and
# every folder it lets the old binary destroy is under /tmp/sf (HOME
# points into it for the "~" case): never change those paths to a real
# folder. Takes about five minutes (the old binary's hangs are cut at
# 15 s, the & x 600,000 build at 120 s).
#   bash docs/safety-repro/run.sh [OLD-COMMIT]   (from the repository)
set -u
repo=$(git rev-parse --show-toplevel); here=$repo/docs/safety-repro
old=${1:-7b4ae0f}
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false
mkdir -p /tmp/sf/src-old /tmp/sf/corpus /tmp/sf/gitignore
rm -rf /tmp/sf/src-old/* && git -C "$repo" archive "$old" | tar -x -C /tmp/sf/src-old
(cd /tmp/sf/src-old && go build -o /tmp/sf/digest-old ./cmd/digest) || exit 1
(cd "$repo" && go build -o /tmp/sf/digest-new ./cmd/digest) || exit 1
git -C "$repo" show "$old:.gitignore" > /tmp/sf/gitignore/old.gitignore
cp "$repo/.gitignore" /tmp/sf/gitignore/new.gitignore
export GITIGNORE_DIR=/tmp/sf/gitignore
cd /tmp/sf/corpus
[ -d raw3000 ] || /tmp/sf/digest-new gen --quiet --articles 3000 raw3000
[ -d raw600 ] || /tmp/sf/digest-new gen --quiet --articles 600 raw600
if [ ! -d a ]; then mkdir a b; i=0; for f in raw600/*; do if [ $((i % 2)) = 0 ]; then cp -p "$f" a/; else cp -p "$f" b/; fi; i=$((i + 1)); done; fi
for n in 150000 300000 600000; do python3 "$here/amp.py" $n > amp$n.jsonl; done
python3 - <<'PY'
parts = ['<!doctype html><html><head><title>Links</title></head><body><article><h1>A page of links</h1><p>The council approved the harbour plan on Monday after a long debate.</p>']
size = i = 0
while size < 31 << 20:
    s = '<a href="https://example.org/p/%d">link %d</a> ' % (i, i); parts.append(s); size += len(s); i += 1
parts.append('</article></body></html>')
open('links31.html', 'w').write(''.join(parts))
PY
for s in out fifo sig conc mem misc; do
  for tag in old new; do bash "$here/$s.sh" /tmp/sf/digest-$tag $tag; done
done
for tag in new old; do bash "$here/amp.sh" /tmp/sf/digest-$tag $tag 150000 300000 600000; done
bash "$here/idle.sh" /tmp/sf/digest-old /tmp/sf/digest-new
