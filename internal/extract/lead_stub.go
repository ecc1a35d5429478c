package extract

import (
	"io"
	"time"
)

// Temporary stand-in until the extractor lands; removed at merge.

type Result struct {
	Title, Author, SiteName, Description, Language string
	URL                                            string
	Date                                           time.Time
	Markdown, Text                                 string
}
type Options struct{ MaxBytes int64 }

func HTML(r io.Reader, pageURL string, opt Options) (Result, error) { return Result{}, nil }
