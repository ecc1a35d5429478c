# shellcheck shell=bash
# mksite DIR: DIR/home/{notes.txt,site/{digest.toml,content/articles/harbour.md}}
mksite() {
  local d=$1
  rm -rf "$d"; mkdir -p "$d/home/site/content/articles"
  printf 'title = "Safe"\n[search]\nenabled = false\n' > "$d/home/site/digest.toml"
  cat > "$d/home/site/content/articles/harbour.md" <<'A'
---
id: harbour-1
title: Council approves harbour plan
date: 2025-03-04T10:00:00Z
source: Example Times
thread: harbour-plan
---
The council approved the harbour plan on Monday after a long debate.
A
  echo "the user's own file" > "$d/home/notes.txt"
}
# lost DIR: which of the user's files are gone
lost() {
  local d=$1 l=""
  for f in home/site/digest.toml home/site/content/articles/harbour.md home/notes.txt; do
    [ -e "$d/$f" ] || l="$l $f"
  done
  echo "${l:- none}"
}
