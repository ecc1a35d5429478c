// Package clean recovers the article from a plain-text dump of a scraped
// page: the page's visible text, one block a line, with the article
// somewhere among menus, share buttons, teasers, comments and footers.
//
// It scores every line for how much it reads like article prose (length,
// function-word density in the page's language, sentence punctuation) and
// how much like page furniture (navigation, share and comment cues, teaser
// shapes, lines that recur on the page or across a batch), then keeps the
// best-scoring contiguous run of lines: an article is nearly always one
// run. Nothing here knows any one site's strings.
package clean
