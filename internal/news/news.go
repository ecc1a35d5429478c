// Package news holds the plain types shared by every stage of the digest
// pipeline: raw articles recovered by import and articles as kept in
// content/, and the one way names are folded to compare them. It imports
// nothing of ours.
package news

import "time"

// BlockKind says what a block of article text is.
type BlockKind int

// The kinds of block an article body is made of.
const (
	Paragraph BlockKind = iota
	Heading
	ListItem
	Quote
)

// Block is one block of cleaned article text: a paragraph, a subheading, a
// list item or a quotation. Text is plain text, never markup.
type Block struct {
	Kind BlockKind
	Text string
}

// Related is a teaser of another story that a scraped page listed after the
// article ("Related Articles"). It is kept in front matter instead of being
// lost.
type Related struct {
	Source  string `yaml:"source,omitempty" json:"source,omitempty"`
	Title   string `yaml:"title" json:"title"`
	Snippet string `yaml:"snippet,omitempty" json:"snippet,omitempty"`
	URL     string `yaml:"url,omitempty" json:"url,omitempty"`
}

// DateSource records where an article's date came from.
type DateSource string

// The places a date can come from, most trusted first.
const (
	DateFromRecord DateSource = "record" // a structured record's field
	DateFromPage   DateSource = "page"   // the page's own metadata
	DateFromText   DateSource = "text"   // a dateline or date in the text
	DateFromFile   DateSource = "file"   // the raw file's modification time
)

// TitleFromText marks a headline derived from the article's lead because
// the input gave none.
const TitleFromText = "text"

// Article is one news article as kept in content/articles/: front matter
// plus a Markdown body. Editors may change any field by hand.
type Article struct {
	ID    string // stable id: record id, else from URL, else from text
	Title string // headline
	// TitleSource is "" when the headline is the article's own, or
	// TitleFromText when none was found and it was derived from the lead.
	TitleSource string
	Date        time.Time  // publication time; zero when unknown
	DateSource  DateSource // where Date came from
	Source      string     // outlet, empty when unknown
	URL         string     // canonical URL of the original
	Author      string     // byline
	Dateline    string     // place of the dateline ("Moscow/Pyongyang")
	Agency      string     // news agency (AFP, Reuters, AP, UNI …)
	Language    string     // BCP 47 tag, e.g. "en"
	Summary     string     // standfirst or first paragraph, plain text
	Origin      string     // raw file the article came from
	Thread      string     // story thread id
	CopyOf      string     // id of the article this one copies or rewrites
	Tags        []string   // key entities and topics
	Related     []Related  // teasers of other stories found on the page
	Body        string     // Markdown
	// Publish is how much of the article the site shows: "" (the site's
	// publish setting, full by default), "full", or "excerpt" (headline,
	// lead, outlet, date and a link to the original).
	Publish string

	// File is the content file's path relative to the content folder,
	// slash-separated. It is not part of the front matter.
	File string
	// Edited is true when a person changed the file after the tool wrote
	// it; the tool then never rewrites it.
	Edited bool
}
