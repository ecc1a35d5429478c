// Package extract finds the article in a scraped HTML page and returns it
// as safe Markdown and plain text, with the page's metadata (title, author,
// site, language, canonical URL, publication date).
//
// Two extraction libraries run on the page, go-trafilatura and readeck's
// go-readability, and their answers are combined: trafilatura's article is
// taken, the leading headline dropped, and its first and last blocks cut
// back to where readability agrees (teasers, newsletter boxes and captions
// sit there), except a lead paragraph of prose, which is kept, and put
// back from readability's answer when trafilatura lost it, or from the
// page's own standfirst element when both did. Each block is
// then replaced by the page's own block it came from, which restores
// spacing and links the library lost, and short boilerplate lines
// ("Related: …", "Lea también: …", "Subscribe …", photo credits) are
// dropped.
//
// The libraries' output is only a tree of nodes: this package walks it to
// write Markdown itself, escaping every piece of scraped text and keeping
// only http, https and mailto links that the page really had. Hostile
// input (huge files, pathological nesting, huge pages, broken encodings)
// is bounded before either library sees it, and a library's panic is
// recovered.
package extract
