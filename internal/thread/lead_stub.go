package thread

import "time"

// Temporary stand-in until threading lands; removed at merge.

type Doc struct {
	ID, Title, Text, Source string
	Date                    time.Time
	Thread                  string
}
type Assignment struct {
	ID, Thread, CopyOf string
	New                bool
}
type Options struct{}
type Threader struct{ first string }

func New(opt Options) *Threader { return &Threader{} }
func (t *Threader) Add(d Doc) Assignment {
	if d.Thread != "" {
		if t.first == "" {
			t.first = d.Thread
		}
		return Assignment{ID: d.ID, Thread: d.Thread}
	}
	if t.first == "" {
		t.first = "t-" + d.ID
		return Assignment{ID: d.ID, Thread: t.first, New: true}
	}
	return Assignment{ID: d.ID, Thread: t.first}
}

type Meta struct {
	Headline, Summary string
	Tags, Outlets     []string
	First, Latest     time.Time
}

func Describe(docs []Doc) Meta {
	if len(docs) == 0 {
		return Meta{}
	}
	return Meta{Headline: docs[0].Title, Summary: docs[0].Text}
}
