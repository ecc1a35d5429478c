// Package feed writes a site's news as RSS 2.0, Atom 1.0 (RFC 4287) and JSON
// Feed 1.1 on top of github.com/gorilla/feeds, filling the gaps that make
// gorilla's own output unfit for unforgiving feed readers: stable ids for
// every entry (never a random urn:uuid), the feed's own id and self link,
// dates taken from the content (never the clock), categories, authors,
// sources with their url, hub links, and text stripped of the characters
// XML 1.0 forbids.
//
// Output is a pure function of the input: the same Feed, with its items in
// any order, always gives the same bytes, so conditional GET keeps working
// across rebuilds.
//
// A site writes many feeds that share items (the site's, each story's,
// tag's and outlet's): an item made once with NewEntry and passed in
// Feed.Entries is cleaned, checked and encoded once per format, and its
// bytes are reused by every feed that carries it. With Feed.Compact the
// writers give, without running a minifier over each feed, the exact bytes
// tdewolff's minifier makes of the indented feed.
package feed
