package site

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/slug"
)

// Redirect sends an old site path to a new one ("threads/a/" →
// "threads/b/").
type Redirect struct {
	From, To string
}

// threadRedirects are the redirects of threads an editor merged into
// others (merged_into), so that a story's old page and feeds, which
// readers have bookmarked and subscribed to, keep working. A chain of
// merges goes straight to its end.
func threadRedirects(c *content.Content, m *Model) []Redirect {
	live := map[string]string{} // id → path of the threads with pages
	for _, t := range m.Threads {
		live[t.ID] = t.Path
	}
	ids := make([]string, 0, len(c.Threads))
	for id := range c.Threads {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []Redirect
	for _, id := range ids {
		tf := c.Threads[id]
		if tf == nil || tf.MergedInto == "" {
			continue
		}
		if _, ok := live[id]; ok {
			continue
		}
		target, seen := tf.MergedInto, map[string]bool{id: true}
		for next := c.Threads[target]; next != nil && next.MergedInto != "" && !seen[target]; next = c.Threads[target] {
			seen[target] = true
			target = next.MergedInto
		}
		to, ok := live[target]
		from := "threads/" + slug.Make(id, 0) + "/"
		if !ok || from == to || from == "threads//" {
			continue
		}
		out = append(out, Redirect{From: from, To: to})
	}
	return out
}

// writeRedirects writes the redirects twice: as Netlify's _redirects file
// (a 301 for the page and everything below it, feeds included) and as an
// HTML page at each old address, for hosts that read no _redirects.
func (b *builder) writeRedirects() error {
	if len(b.redirects) == 0 {
		return nil
	}
	var rules strings.Builder
	rules.WriteString("# Written by digest build: stories merged into others.\n")
	for _, r := range b.redirects {
		from, to := b.info.BasePath+r.From, b.info.BasePath+r.To
		fmt.Fprintf(&rules, "%s %s 301\n%s* %s:splat 301\n", strings.TrimSuffix(from, "/"), to, from, to)
	}
	if err := b.out.WriteRaw("_redirects", []byte(rules.String())); err != nil {
		return err
	}
	for _, r := range b.redirects {
		to := template.HTMLEscapeString(b.info.BaseURL + r.To)
		page := `<!doctype html><html lang="` + template.HTMLEscapeString(b.info.Language) + `"><head><meta charset="utf-8">` +
			`<title>Moved</title><meta name="robots" content="noindex"><link rel="canonical" href="` + to + `">` +
			`<meta http-equiv="refresh" content="0; url=` + to + `"></head>` +
			`<body><p>This story has moved to <a href="` + to + `">` + to + `</a>.</p></body></html>`
		if err := b.out.WriteRaw(r.From+"index.html", []byte(page)); err != nil {
			return err
		}
	}
	return nil
}
