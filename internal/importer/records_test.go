package importer

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/news"
)

// TestHeadlineOnlyAndUntitledRecords: a record with a headline and no
// body is imported as a headline-only article and threaded; a record with
// a body and no title gets its headline from the lead, marked in the front
// matter and reported as a warning; a record with neither is refused.
func TestHeadlineOnlyAndUntitledRecords(t *testing.T) {
	dir := t.TempDir()
	recs := strings.Join([]string{
		`{"id":"h1","title":"Donald Trump Is Sworn In as 45th President of the United States","url":"https://example.com/a","source":"Example","published":"2017-01-20T17:00:00Z"}`,
		`{"id":"h2","title":"Donald Trump Sworn In As 45th President","url":"https://example.org/b","source":"Other","published":"2017-01-20T18:00:00Z"}`,
		`{"id":"h3","title":"Donald Trump Sworn In As 45th President","url":"https://example.net/c","source":"Third","published":"2017-01-20T18:30:00Z"}`,
		`{"id":"u1","text":"WASHINGTON (AP) — Donald J. Trump was sworn in as the 45th president of the United States on Friday. He took the oath on the steps of the Capitol.\nThe crowd cheered as he spoke.","source":"AP"}`,
		`{"id":"x1","source":"Nothing"}`,
	}, "\n")
	raw := write(t, dir, "in/items.jsonl", []byte(recs+"\n"))
	contentDir := filepath.Join(dir, "content")
	res := run(t, contentDir, raw)
	if res.Summary.Imported != 4 || res.Summary.Failed != 1 {
		t.Fatalf("summary %s, errors %v", res.Summary, res.Errors)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), ":5:") || !strings.Contains(res.Errors[0].Error(), `no "title", "text" or "html"`) {
		t.Errorf("the empty record's error: %v", res.Errors)
	}
	if len(res.Warnings) != 1 || !strings.HasSuffix(res.Warnings[0].Origin, ":4") || !strings.Contains(res.Warnings[0].Msg, "title_source: text") {
		t.Errorf("warnings %v: want one for the untitled record, line 4", res.Warnings)
	}
	by := map[string]*news.Article{}
	for _, a := range load(t, contentDir) {
		by[a.ID] = a
	}
	h1, h2, h3, u1 := by["h1"], by["h2"], by["h3"], by["u1"]
	if h1 == nil || h2 == nil || h3 == nil || u1 == nil {
		t.Fatalf("articles missing: %v", by)
	}
	if strings.TrimSpace(h1.Body) != "" || h1.URL != "https://example.com/a" || h1.Source != "Example" || h1.Date.IsZero() {
		t.Errorf("headline-only article: %+v", h1)
	}
	if h2.Thread != h3.Thread {
		t.Errorf("two headline-only reports with the same headline are in threads %q and %q", h2.Thread, h3.Thread)
	}
	if u1.TitleSource != news.TitleFromText || u1.Title != "Donald J. Trump was sworn in as the 45th president of the United States on Friday" {
		t.Errorf("untitled record: title %q, title_source %q", u1.Title, u1.TitleSource)
	}
}
