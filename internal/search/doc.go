// Package search writes the site's full-text search index as static
// files, and reads it back the way the browser does (Query). Articles
// are grouped into segments (one a month, in the site); a segment is
// written once and never changed, so a build reuses every segment whose
// articles did not change. Words are folded (NFKC, lower case, no
// diacritics) and stemmed (Snowball, for the languages it has); the
// index keeps every folded word with its stems, so the browser needs no
// stemmer: it looks words up. Ranking is BM25 with a bonus for a title
// match and newest first on ties. assets/search.js is the reader the
// site ships; the two must agree (see the tests and .ci/browser).
package search
