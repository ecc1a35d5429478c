#!/usr/bin/env bash
# Imports what a scraper dropped into the inbox folder, one entry (a file
# or a folder) at a time, and moves each entry that imported cleanly into
# INBOX/done/ (a name already there gets a numbered backup suffix). An
# entry with a file that could not be imported stays in the inbox, with an
# error annotation, and the script exits 1 after doing the rest.
# README.md, hidden files and done/ itself are left alone.
#
# usage: .ci/import-inbox.sh DIGEST [INBOX]
#   DIGEST  the digest binary;  INBOX  the inbox folder (default inbox)
# Writes imported=N and failed=N to $GITHUB_OUTPUT when it is set.
set -euo pipefail

digest=$1
inbox=${2:-inbox}
imported=0
failed=0
shopt -s nullglob
for entry in "$inbox"/*; do
  name=${entry##*/}
  case $name in
    done | README.md) continue ;;
  esac
  if "$digest" import "$entry"; then
    mkdir -p "$inbox/done"
    mv --backup=numbered -- "$entry" "$inbox/done/"
    imported=$((imported + 1))
  else
    echo "::error file=$entry::$entry could not be imported (see the log above); it stays in $inbox/"
    failed=$((failed + 1))
  fi
done
echo "inbox: $imported entries imported, $failed failed"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "imported=$imported"; echo "failed=$failed"; } >> "$GITHUB_OUTPUT"
fi
[ "$failed" -eq 0 ]
