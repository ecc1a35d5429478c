// Package extract finds the article in a scraped HTML page and returns it
// as safe Markdown and plain text, with the page's metadata (title, author,
// site, language, canonical URL, publication date).
//
// Two extraction libraries are run on the page, go-trafilatura and readeck's
// go-readability, and their answers are combined: the library output is only
// a tree of nodes, which this package walks itself to write Markdown in
// which every piece of scraped text is escaped and only http, https and
// mailto links survive. Hostile input (huge files, pathological nesting,
// broken encodings) is bounded before either library sees it.
package extract
