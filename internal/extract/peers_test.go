package extract

import (
	"strings"
	"testing"
)

// PageText dumps the whole visible page as a scraper does: the title
// first, menus and footer kept, hidden nodes and scripts left out.
func TestPageText(t *testing.T) {
	page := `<html><head><title> Harbour  news </title><script>var x = 1;</script></head><body><nav><ul><li>Home</li><li>World</li></ul></nav>` +
		`<h1>Harbour news</h1><p>The harbour reopened on Monday.</p><div hidden>Hidden promo</div><p style="display:none">Also hidden</p><footer>Contact us</footer></body></html>`
	got, err := PageText(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	want := "Harbour news\nHome\nWorld\nHarbour news\nThe harbour reopened on Monday.\nContact us\n"
	if got != want {
		t.Errorf("PageText = %q, want %q", got, want)
	}
}
