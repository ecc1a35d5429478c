package site

import (
	"html/template"
	"strings"
	"testing"
)

// TestPartialCachedEach checks that partialCachedEach gives what a
// template loop over the list calling partialCached gives, skipping the
// element named, and refuses what is not a list.
func TestPartialCachedEach(t *testing.T) {
	type item struct{ Name string }
	a, b, c := &item{"a"}, &item{"b"}, &item{"c<"}
	list := []*item{a, b, c}
	parse := func(body string) *template.Template {
		t.Helper()
		frags := &fragments{done: map[fragmentKey]template.HTML{}}
		tpl := template.New("x").Funcs(template.FuncMap{"partialCached": frags.render, "partialCachedEach": frags.each})
		tpl = template.Must(tpl.Parse(`{{define "item"}}<li>{{.Name}}</li>{{end}}` + body))
		frags.tpl = tpl
		return tpl
	}
	exec := func(tpl *template.Template, data any) (string, error) {
		var sb strings.Builder
		err := tpl.ExecuteTemplate(&sb, "x", data)
		return sb.String(), err
	}
	for _, tc := range []struct {
		name string
		skip *item
	}{{"skip the first", a}, {"skip the middle", b}, {"skip none", nil}} {
		t.Run(tc.name, func(t *testing.T) {
			data := map[string]any{"List": list, "Skip": tc.skip}
			loop := parse(`<ol>{{range .List}}{{if ne . $.Skip}}{{partialCached "item" .}}` + "\n" + `{{end}}{{end}}</ol>`)
			each := parse(`<ol>{{partialCachedEach "item" .List .Skip}}</ol>`)
			want, err := exec(loop, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := exec(each, data)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("partialCachedEach gave\n%s\nthe loop\n%s", got, want)
			}
			if !strings.Contains(want, "&lt;") {
				t.Errorf("the item was not escaped: %s", want)
			}
		})
	}
	if _, err := exec(parse(`{{partialCachedEach "item" . nil}}`), a); err == nil || !strings.Contains(err.Error(), "must be a slice") {
		t.Errorf("a non-list gave %v, want an error saying it must be a slice", err)
	}
}
