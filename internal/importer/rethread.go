package importer

import (
	"context"
	"fmt"
	"os"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/news"
	"github.com/digest-news/digest/internal/thread"
)

// RethreadResult says what Rethread changed.
type RethreadResult struct {
	Articles int // articles considered
	Moved    int // tool-owned articles whose thread or copy mark changed
	Kept     int // hand-edited articles, whose threads were kept as they are
}

// Rethread threads every article of the content folder again from
// scratch, in publication order. Articles a person has edited keep their
// thread and seed the threads they are in; every other article may move.
// Like import, it decides the threads as one batch (opt.Batch, default
// thread.Average). An import decides again only the site's open threads
// (thread.Open); this decides them all, so that thread ids, and so URLs and
// feeds, of old stories may change, which is why it is a command of its own.
func Rethread(ctx context.Context, contentDir string, opt thread.Options) (RethreadResult, error) {
	var res RethreadResult
	c, errs := content.Load(os.DirFS(contentDir))
	if len(errs) > 0 {
		return res, fmt.Errorf("rethread: fix the content errors first:\n  %w", joinErrors(errs))
	}
	arts := append([]*news.Article(nil), c.Articles...)
	sortArticles(arts)
	if opt.Batch == "" {
		// As import threads a batch.
		opt.Batch = thread.Average
	}
	t := thread.New(opt)
	// Editors' choices first, so that the threads they define exist
	// before anything joins them.
	for _, a := range arts {
		if a.Edited && a.Thread != "" {
			t.Add(thread.Doc{ID: a.ID, Title: a.Title, Text: a.Body, Source: a.Source, Date: threadDate(a), Thread: a.Thread})
			res.Kept++
		}
	}
	var rest []*news.Article
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		res.Articles++
		if a.Edited && a.Thread != "" {
			continue
		}
		t.Add(thread.Doc{ID: a.ID, Title: a.Title, Text: a.Body, Source: a.Source, Date: threadDate(a)})
		rest = append(rest, a)
	}
	final := map[string]thread.Assignment{}
	for _, as := range t.Resolve() {
		final[as.ID] = as
	}
	for _, a := range rest {
		as, ok := final[a.ID]
		if !ok || as.Thread == a.Thread && as.CopyOf == a.CopyOf {
			continue
		}
		if a.Edited {
			res.Kept++
			continue
		}
		a.Thread, a.CopyOf = as.Thread, as.CopyOf
		if _, err := content.WriteArticle(contentDir, a); err != nil {
			return res, err
		}
		res.Moved++
	}
	return res, nil
}

type joined []error

func (j joined) Error() string {
	s := ""
	for i, err := range j {
		if i > 0 {
			s += "\n  "
		}
		s += err.Error()
	}
	return s
}

func joinErrors(errs []error) error { return joined(errs) }
