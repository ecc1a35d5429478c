package clean

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/digest-news/digest/internal/eval"
	"github.com/digest-news/digest/internal/meta"
)

var debugPage = flag.String("page", "", "print the line scores of the dev page whose id starts with this")

// logLines logs the lines of the dev pages whose id starts with -page,
// with their scores, whether the cleaner kept them (K) and whether people
// marked them (Y), to inspect failures.
func logLines(t *testing.T, pages []eval.Page) {
	t.Helper()
	if *debugPage == "" {
		return
	}
	for _, p := range pages {
		if !strings.HasPrefix(p.ID, *debugPage) {
			continue
		}
		want := " " + strings.Join(eval.Tokens(p.Want), " ") + " "
		lang := meta.Language(p.Dump)
		res := Dump(p.Dump, Options{})
		kept := map[string]bool{}
		for _, b := range res.Blocks {
			kept[b.Text] = true
		}
		lines, _ := analyse(p.Dump, Options{})
		var b strings.Builder
		fmt.Fprintf(&b, "lang %q title %q\n", lang, res.Title)
		for i := range lines {
			l := &lines[i]
			s := l.score
			m := "."
			if tk := strings.Join(eval.Tokens(l.text), " "); tk != "" && strings.Contains(want, " "+tk+" ") {
				m = "Y"
			}
			k := " "
			if kept[l.text] {
				k = "K"
			}
			txt := l.text
			if len(txt) > 90 {
				txt = txt[:90]
			}
			fmt.Fprintf(&b, "%s%s %4d %6.1f w%-3d s%.2f p%.2f b%v %s\n", m, k, i, s, l.words, l.stop, l.p, l.before, txt)
		}
		t.Log("\n" + b.String())
	}
}
