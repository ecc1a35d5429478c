#!/usr/bin/env bash
# Thread ids, dates, urls, YAML lines, config values, leftovers: bash misc.sh BIN TAG
. "$(dirname "$0")/site.sh"
bin=$1 tag=$2
e() { head -c ${2:-250} "$1" | tr '\n' ' '; }
# thread ids
for id in 'ураган-в-москве' '!!!' "$(printf 'harbour-%.0s' $(seq 38))x"; do
  d=/tmp/sf/cases/tid-$tag; mksite $d; cd $d/home/site
  printf -- "---\nid: b-1\ntitle: Story b\ndate: 2025-03-04T10:00:00Z\nsource: Example Times\nthread: '%s'\n---\nThe council approved the harbour plan on Monday.\n" "$id" > content/articles/b.md
  "$bin" build --quiet >/dev/null 2>$d/err; rc=$?
  echo "$tag thread id ${id:0:20}.. (${#id} chars): build exit $rc; $(ls public/threads 2>/dev/null | wc -l) thread folders; stderr: $(e $d/err)"
done
for pair in 'Harbour-Plan|harbour-plan|a.md|b.md' $'caf\u00e9|cafe\u0301|a.md|b.md' 'x|x|Harbour.md|harbour.md'; do
  IFS='|' read ta tb fa fb <<<"$pair"
  d=/tmp/sf/cases/tidc-$tag; mksite $d; cd $d/home/site; rm content/articles/harbour.md
  printf -- "---\nid: a-1\ntitle: Story a\ndate: 2025-03-04T10:00:00Z\nsource: Example Times\nthread: '%s'\n---\nThe council approved the harbour plan.\n" "$ta" > content/articles/$fa
  printf -- "---\nid: b-1\ntitle: Story b\ndate: 2025-03-04T10:00:00Z\nsource: Example Times\nthread: '%s'\n---\nThe council approved the harbour plan.\n" "$tb" > content/articles/$fb
  "$bin" build --quiet >/dev/null 2>$d/err; rc=$?
  echo "$tag collision $ta/$tb in $fa/$fb: build exit $rc; stderr: $(e $d/err)"
done
# date 9999 and javascript: url
d=/tmp/sf/cases/date-$tag; mksite $d; cd $d/home/site
printf -- '---\nid: far-1\ntitle: From the future\ndate: 9999-01-01T00:00:00Z\nsource: Example Times\nurl: "javascript:alert(1)"\nthread: other\n---\nA report with a date no one can have written.\n' > content/articles/far.md
"$bin" build --quiet >/dev/null 2>$d/err; rc=$?
echo "$tag date 9999 + javascript: url: build exit $rc; sitemap lastmod 9999: $(grep -o 'lastmod>9999' public/sitemap.xml | wc -l); files with javascript:alert: $(grep -rl 'javascript:alert' public | wc -l); with ZgotmplZ: $(grep -rl ZgotmplZ public | wc -l); stderr: $(e $d/err 300)"
d=/tmp/sf/cases/jsimp-$tag; mksite $d; cd $d/home/site
echo '{"id":"js-1","title":"Harbour plan approved","text":"The council approved the harbour plan on Monday after a long debate in the chamber.","url":"javascript:alert(1)","source":"Example Times"}' > ../recs.jsonl
"$bin" import ../recs.jsonl >$d/out 2>$d/err; rc=$?
echo "$tag import of a record with url javascript:: exit $rc; content files with javascript: $(grep -l 'javascript:' content/articles/*.md | wc -l); said: $(grep -h -i 'url' $d/out $d/err | head -c 200 | tr '\n' ' ')"
# YAML error line: an unclosed [ on line 5 of front matter
d=/tmp/sf/cases/yaml-$tag; mksite $d; cd $d/home/site
printf -- '---\nid: y-1\ntitle: Bad tags\ndate: 2025-03-04T10:00:00Z\ntags: [harbour, council\nsource: Example Times\n---\nText.\n' > content/articles/y.md
"$bin" build --quiet >/dev/null 2>$d/err; rc=$?
echo "$tag YAML unclosed [ on file line 5: build exit $rc; stderr: $(grep -o 'y.md:[0-9]*[^ ]*' $d/err | head -2 | tr '\n' ' ') $(e $d/err 200)"
# leftovers: the temporary names of the writer before 4bb08f5 and since, and a staging folder
d=/tmp/sf/cases/left-$tag; mksite $d; cd $d/home/site
git init -q .; cp "$GITIGNORE_DIR/$tag.gitignore" .gitignore
mkdir -p .public.staging-123456 && echo x > .public.staging-123456/index.html
echo x > content/articles/.harbour.md.tmp-123456789      # the writer's name before 4bb08f5 (the issue's *.md.tmp-*)
echo x > content/articles/.harbour.md.digest-tmp-0123456789ab   # the writer's name since 4bb08f5
printf 'The harbour plan\n\nThe council approved the harbour plan on Monday after a long debate in the chamber.\n' > ../raw.txt
"$bin" import --quiet ../raw.txt >/dev/null 2>$d/ierr; "$bin" build --quiet >/dev/null 2>$d/err; rc=$?
echo "$tag leftovers after import+build (exit $rc): still there: $(ls -d .public.staging-* content/articles/.*tmp* 2>/dev/null | tr '\n' ' ') ; git status shows: $(git status --porcelain -uall | grep -E 'tmp|staging' | tr '\n' ' ')"
for cfg in 'tag_date|[feeds]\ntag_date = "2025-13-45"\n' 'base_url|base_url = "https://user:secret@news.example.org/"\n'; do
  IFS='|' read -r name body <<<"$cfg"
  d=/tmp/sf/cases/cfg-$tag; mksite $d; cd $d/home/site
  printf "title = \"Safe\"\n${body}[search]\nenabled = false\n" > digest.toml
  "$bin" build --quiet >/dev/null 2>$d/err; rc=$?
  echo "$tag $name: build exit $rc; base_url in pages: $(grep -rl 'user:secret' public 2>/dev/null | wc -l) files; stderr: $(e $d/err 250)"
done
