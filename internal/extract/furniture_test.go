package extract

import (
	"strings"
	"testing"
)

// Reduced from pages of trafilatura's evaluation (developed-on half)
// and Mozilla's test pages: the Times of Israel's newsletter box in the
// article's text, a comment notice under a recipe tip, and the cases
// that must stay (a wrapper around the whole article, a live report's
// entries, a section whose anchor names sharing, a header that "has"
// sharing buttons).
func TestDropFurniture(t *testing.T) {
	const (
		p1    = "The state of Washington has sworn in its first Native American Supreme Court justice, Raquel Montoya-Lewis, who also happens to be Jewish."
		p2    = "Montoya-Lewis is only the second Native American person to serve on any state supreme court, ever. Her appointment was to fill a vacant seat."
		p3    = "Montoya-Lewis is an enrolled member of the Pueblo of Isleta Indian tribe, and a descendant of the Pueblo of Laguna Indian tribe through her father."
		promo = "Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up"
	)
	tests := []struct {
		name string
		page string
		art  []string
		want []string
	}{
		{"a newsletter box in the text dropped",
			`<div class="the-content"><p>` + p1 + `<p>` + p2 + `<p class="newsletter-promo"><a href="/signup/">Get The Times of Israel's Daily Edition by email and never miss our top stories</a> <a href="/signup/">Free Sign Up</a></p><p>` + p3 + `</div>`,
			[]string{p1, p2, promo, p3}, []string{p1, p2, p3}},
		{"a comment notice under the article dropped",
			`<div class="tip"><p>` + p1 + `</p><p>` + p2 + `</p></div><div id="kb-comments-add"><p>Um den Tipp kommentieren zu können, müssen Sie eingeloggt sein.</p></div>`,
			[]string{p1, p2, "Um den Tipp kommentieren zu können, müssen Sie eingeloggt sein."}, []string{p1, p2}},
		{"a sidebar and an aside dropped",
			`<div id="main"><p>` + p1 + `</p><p>` + p2 + `</p></div><div id="sidebar"><p>Die Taliban haben angeblich ein Sofortprogramm gegen die Krise.</p></div><aside><h4>Empfohlene Beiträge</h4></aside>`,
			[]string{p1, p2, "Die Taliban haben angeblich ein Sofortprogramm gegen die Krise.", "Empfohlene Beiträge"}, []string{p1, p2}},
		{"a wrapper around the whole article kept",
			`<div class="post has-share-buttons social-wrap"><p>` + p1 + `</p><p>` + p2 + `</p><p>` + p3 + `</p></div>`,
			[]string{p1, p2, p3}, []string{p1, p2, p3}},
		{"a live report's entries kept together",
			`<div class="live"><div class="live-match-comment-body">` + p1 + `</div><div class="live-match-comment-body">` + p2 + `</div><div class="live-match-comment-body">` + p3 + `</div></div>`,
			[]string{p1, p2, p3}, []string{p1, p2, p3}},
		{"a section whose anchor names sharing kept",
			`<div class="section" id="sharing-with-a-single-developer"><p>` + p1 + `</p></div><p>` + p2 + `</p><p>` + p3 + `</p>`,
			[]string{p1, p2, p3}, []string{p1, p2, p3}},
		{"a header with sharing buttons kept",
			`<header class="contentHeader has-sharing"><p>` + p1 + `</p></header><p>` + p2 + `</p><p>` + p3 + `</p>`,
			[]string{p1, p2, p3}, []string{p1, p2, p3}},
		{"commentary is no comment",
			`<div class="commentary"><p>` + p1 + `</p></div><p>` + p2 + `</p><p>` + p3 + `</p>`,
			[]string{p1, p2, p3}, []string{p1, p2, p3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, `<html><body>`+tt.page+`</body></html>`)
			got := texts(dropFurniture(paras(tt.art...), doc))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("dropFurniture = %q, want %q", got, tt.want)
			}
		})
	}
}
