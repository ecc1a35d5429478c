package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/eval"
)

// TestEvalThreadsIsImport imports a labelled file with `digest import`, as
// a user would, scores the threads read back from the front matter, and
// checks that `digest eval threads` prints the same scores: the figure
// the evaluation reports is the one users get. The file mixes NewsWCL50
// (bodies, no titles, dated) with AllSides articles (headline and lead)
// and headline-only copies of some of them.
func TestEvalThreadsIsImport(t *testing.T) {
	wcl, err := eval.LoadThreads("../../testdata/threads/newswcl50.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	all, err := eval.LoadThreads("../../testdata/threads/allsides_neus_dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	docs := append([]eval.LabelledDoc(nil), wcl...)
	for i, d := range all[:120] {
		if i%4 == 0 {
			d.ID += ":headline"
			d.Text = ""
		}
		docs = append(docs, d)
	}
	dir := t.TempDir()
	labelled := filepath.Join(dir, "mixed.jsonl")
	f, err := os.Create(labelled)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for _, d := range docs {
		date := ""
		if !d.Date.IsZero() {
			date = d.Date.Format("2006-01-02T15:04:05Z")
		}
		fmt.Fprintf(w, "{\"id\":%q,\"title\":%q,\"text\":%q,\"date\":%q,\"source\":%q,\"url\":%q,\"story\":%q}\n", d.ID, d.Title, d.Text, date, d.Source, d.URL, d.Story)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	records := filepath.Join(dir, "records.jsonl")
	if err := eval.WriteRecords(records, docs); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "site")
	code, out, stderr := digest(t, "import", "--root", root, records)
	if code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, stderr)
	}
	if !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, "title_source: text") {
		t.Errorf("untitled records were not reported as warnings: %q", stderr)
	}
	c, errs := content.Load(os.DirFS(filepath.Join(root, "content")))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	gold, pred := map[string]string{}, map[string]string{}
	for _, d := range docs {
		gold[d.ID] = d.Story
	}
	for _, a := range c.Articles {
		pred[a.ID] = a.Thread
	}
	if len(pred) != len(docs) {
		t.Errorf("%d of %d records imported", len(pred), len(docs))
	}
	b, p := eval.BCubed(gold, pred), eval.Pairwise(gold, pred)
	want := fmt.Sprintf("%.3f %.3f %.3f    %.3f %.3f %.3f", b.P, b.R, b.F1, p.P, p.R, p.F1)

	evalOut := mustDigest(t, "eval", "--root", filepath.Join(dir, "other"), "threads", labelled)
	t.Logf("import: BCubed P/R/F1, pairwise P/R/F1: %s\n%s", want, evalOut)
	if !strings.Contains(evalOut, want) {
		t.Errorf("digest eval threads does not print the import's scores %q:\n%s", want, evalOut)
	}
	if b.F1 < 0.5 {
		t.Errorf("BCubed F1 %.3f: the import threads the mixed file worse than chance would suggest", b.F1)
	}
}

// TestEvalTrafilaturaSuite scores a two-page suite laid out as
// trafilatura's tests folder: the article's snippets are found, the
// navigation's are not, and the counts are trafilatura's.
func TestEvalTrafilaturaSuite(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "cache"), 0o755); err != nil {
		t.Fatal(err)
	}
	article := func(topic string) string {
		var b strings.Builder
		b.WriteString("<html><head><title>" + topic + " news</title></head><body><nav><a href='/'>Home</a> <a href='/imprint'>Imprint page</a></nav><article><h1>" + topic + " news</h1>")
		for i := range 6 {
			fmt.Fprintf(&b, "<p>Paragraph %d about %s tells the reader a good deal, with enough words to be an article's text and not a menu.</p>", i, topic)
		}
		b.WriteString("</article><footer>Copyright footer text</footer></body></html>")
		return b.String()
	}
	files := map[string]string{
		"cache/a.html": article("Harbour"),
		"cache/b.html": article("Railway"),
		"evaldata.py": `EVAL_PAGES = {
'https://a.example/': {'file': 'a.html', 'with': ['Paragraph 0 about Harbour', 'Paragraph 5 about Harbour'], 'without': ['Imprint page', 'Copyright footer']},
'https://b.example/': {'file': 'b.html', 'with': ['Paragraph 0 about Railway', 'not on the page'], 'without': ['Imprint page']},
}`,
	}
	for p, s := range files {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := mustDigest(t, "eval", "extract", "--suite", "trafilatura", dir)
	// TP 3, FN 1, FP 0: P 1, R 0.75, F1 6/7.
	if !strings.Contains(out, "(2 pages:") || !strings.Contains(out, "html (extract)                1.000  0.750  0.857") || !strings.Contains(out, "text dumps (clean)") {
		t.Errorf("eval extract --suite trafilatura printed\n%s", out)
	}
	// --pages lists the pages with misses worst first: b.html misses two
	// snippets, a.html (first by URL) one.
	worse := `EVAL_PAGES = {
'https://a.example/': {'file': 'a.html', 'with': ['Paragraph 0 about Harbour', 'absent one'], 'without': []},
'https://b.example/': {'file': 'b.html', 'with': ['absent two', 'absent three'], 'without': []},
}`
	if err := os.WriteFile(filepath.Join(dir, "evaldata.py"), []byte(worse), 0o644); err != nil {
		t.Fatal(err)
	}
	out = mustDigest(t, "eval", "extract", "--suite", "trafilatura", "--pages", dir)
	a, b := strings.Index(out, " a.html\n"), strings.Index(out, " b.html\n")
	if a < 0 || b < 0 || b > a || !strings.Contains(out, `missing "absent three"`) {
		t.Errorf("eval extract --suite trafilatura --pages printed\n%s\nwant b.html's misses, then a.html's", out)
	}
	if code, _, errs := digest(t, "eval", "extract", "--suite", "trafilatura"); code == 0 || !strings.Contains(errs, "tests folder") {
		t.Errorf("without a folder: exit %d, %q", code, errs)
	}
}

// TestEvalReadabilityDumps scores text dumps derived from the pages of a
// suite laid out as Mozilla Readability's test pages: the dump holds the
// page's menus and footer, the cleaner's answer is scored against the
// expected article, and beats the dump left as it is.
func TestEvalReadabilityDumps(t *testing.T) {
	dir := t.TempDir()
	var body, want strings.Builder
	for i := range 6 {
		p := fmt.Sprintf("Paragraph %d about the harbour tells the reader a good deal, with enough words to be an article's text and not a menu.", i)
		body.WriteString("<p>" + p + "</p>")
		want.WriteString("<p>" + p + "</p>")
	}
	nav := "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news</a></li><li><a href='/sport'>Sport results</a></li><li><a href='/imprint'>Imprint page</a></li></ul></nav>"
	files := map[string]string{
		"harbour/source.html":   "<html><head><title>Harbour news</title></head><body>" + nav + "<article><h1>Harbour news</h1>" + body.String() + "</article><footer><p>Copyright footer text</p><p>Contact the newsroom</p></footer></body></html>",
		"harbour/expected.html": "<div>" + want.String() + "</div>",
	}
	for p, s := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := mustDigest(t, "eval", "extract", "--suite", "readability", "--kind", "text", dir)
	score := func(name string) float64 {
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, name) {
				f := strings.Fields(l[len(name):])
				v, _ := strconv.ParseFloat(f[len(f)-1], 64)
				return v
			}
		}
		t.Fatalf("no %q line in\n%s", name, out)
		return 0
	}
	cleaned, raw := score("text dumps (clean)"), score("text dumps (unchanged)")
	if cleaned != 1 || raw >= cleaned {
		t.Errorf("derived dumps: cleaned F1 %.3f, unchanged %.3f; want 1 and less\n%s", cleaned, raw, out)
	}
	if strings.Contains(out, "html (extract)") {
		t.Errorf("--kind text scored the HTML too:\n%s", out)
	}
}
