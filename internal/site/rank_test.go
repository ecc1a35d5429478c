package site

import (
	"testing"
	"time"

	"github.com/digest-news/digest/internal/news"
)

// TestRankFileDatedNeverLeads: a story dated only by its files' times
// ranks below a dated one, however many articles it has, and a story's
// coverage counts in the week up to its newest report.
func TestRankFileDatedNeverLeads(t *testing.T) {
	now := time.Date(2025, 7, 12, 12, 0, 0, 0, time.UTC)
	art := func(outlet string, d time.Time, src news.DateSource) *Article {
		return &Article{Article: &news.Article{Source: outlet, Date: d, DateSource: src}, Outlet: outlet}
	}
	var big Thread
	for _, o := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		big.Articles = append(big.Articles, art(o, now.Add(time.Hour), news.DateFromFile))
	}
	small := Thread{Articles: []*Article{art("a", now.Add(-24*time.Hour), news.DateFromRecord), art("b", now.Add(-20*time.Hour), news.DateFromText)}}
	if rb, rs := rank(&big, now), rank(&small, now); rb >= rs {
		t.Errorf("file-dated story of 8 outlets ranks %.3f, dated story of 2 outlets %.3f: the file-dated one leads", rb, rs)
	}
	old := Thread{Articles: []*Article{art("x", now.Add(-60*24*time.Hour), news.DateFromRecord), art("y", now.Add(-59*24*time.Hour), news.DateFromRecord), art("z", now.Add(-2*time.Hour), news.DateFromRecord)}}
	fresh := Thread{Articles: []*Article{art("x", now.Add(-3*time.Hour), news.DateFromRecord), art("y", now.Add(-2*time.Hour), news.DateFromRecord)}}
	if ro, rf := rank(&old, now), rank(&fresh, now); ro >= rf {
		t.Errorf("a story with one report this week and two two months ago ranks %.3f, above a story with two this week %.3f", ro, rf)
	}
}
