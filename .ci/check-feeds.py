#!/usr/bin/python3
"""Parse every RSS and Atom feed of a built site with Debian's feedparser.

Usage: check-feeds.py SITE_DIR
Fails when a feed is bozo (not well-formed or not understood), has no
entries, or an entry lacks an id, a link, a title or a date.
"""
import pathlib
import sys

import feedparser

site = pathlib.Path(sys.argv[1])
feeds = sorted(p for p in site.rglob("*.xml") if p.name in ("index.xml", "atom.xml"))
bad = 0
for p in feeds:
    d = feedparser.parse(p.read_bytes())
    rel = p.relative_to(site)
    problems = []
    if d.bozo:
        problems.append(f"bozo: {d.bozo_exception!r}")
    if not d.entries:
        problems.append("no entries")
    for e in d.entries:
        for field in ("id", "link", "title", "published"):
            if not e.get(field):
                problems.append(f"entry {e.get('title', '?')!r} has no {field}")
    if problems:
        bad += 1
        print(f"{rel}: " + "; ".join(problems))
print(f"feedparser {feedparser.__version__}: {len(feeds) - bad} of {len(feeds)} feeds parse cleanly")
sys.exit(1 if bad or not feeds else 0)
