package meta

import (
	"time"

	"github.com/digest-news/digest/internal/news"
)

// Temporary stand-in until the metadata stage lands; removed at merge.

type Dateline struct {
	Place     string
	Month     time.Month
	Day, Year int
	Agency    string
}

func ParseDateline(s string) (Dateline, bool)               { return Dateline{}, false }
func AgencyFromTrailer(lines []string) string               { return "" }
func FindDate(text string, hint Dateline) (time.Time, bool) { return time.Time{}, false }
func Language(text string) string                           { return "en" }
func Summary(blocks []news.Block) string {
	if len(blocks) == 0 {
		return ""
	}
	return blocks[0].Text
}
