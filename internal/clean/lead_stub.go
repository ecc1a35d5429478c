package clean

import (
	"strings"

	"github.com/digest-news/digest/internal/news"
)

// Temporary stand-in until the cleaner lands; removed at merge.

type Result struct {
	Title   string
	Blocks  []news.Block
	Related []news.Related
	Trailer []string
	Byline  string
}
type Boilerplate struct{}
type Options struct{ Boilerplate *Boilerplate }

func LearnBoilerplate(dumps []string) *Boilerplate { return &Boilerplate{} }
func Dump(text string, opt Options) Result {
	var r Result
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "logo" {
			continue
		}
		if strings.HasPrefix(l, "Try Our AI") || strings.HasPrefix(l, "What's Your") || l == "Hashtags" || l == "Orange background" {
			break
		}
		if r.Title == "" {
			r.Title = l
			continue
		}
		if l == r.Title {
			continue
		}
		r.Blocks = append(r.Blocks, news.Block{Text: l})
	}
	return r
}
func (r Result) Text() string { return "" }
