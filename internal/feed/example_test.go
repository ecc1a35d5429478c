package feed_test

import (
	"fmt"
	"os"
	"time"

	"github.com/digest-news/digest/internal/feed"
)

func ExampleTagURI() {
	fmt.Println(feed.TagURI("Digest.example", "2025-01-01", "article/abc 1"))
	// Output: tag:digest.example,2025-01-01:article/abc%201
}

func ExampleJSON() {
	f := feed.Feed{
		Title:   "Digest",
		ID:      feed.TagURI("digest.example", "2025-01-01", "feed"),
		HomeURL: "https://digest.example/",
		JSONURL: "https://digest.example/feed.json",
		Items: []feed.Item{{
			ID:        feed.TagURI("digest.example", "2025-01-01", "article/abc"),
			URL:       "https://digest.example/articles/abc/",
			Title:     "Talks resume",
			Summary:   "Negotiators met again.",
			Published: time.Date(2025, 3, 3, 9, 30, 0, 0, time.UTC),
		}},
	}
	if err := feed.JSON(os.Stdout, f); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//   "version": "https://jsonfeed.org/version/1.1",
	//   "title": "Digest",
	//   "home_page_url": "https://digest.example/",
	//   "feed_url": "https://digest.example/feed.json",
	//   "authors": [
	//     {
	//       "name": "Digest"
	//     }
	//   ],
	//   "items": [
	//     {
	//       "id": "tag:digest.example,2025-01-01:article/abc",
	//       "url": "https://digest.example/articles/abc/",
	//       "title": "Talks resume",
	//       "content_text": "Negotiators met again.",
	//       "summary": "Negotiators met again.",
	//       "date_published": "2025-03-03T09:30:00Z",
	//       "date_modified": "2025-03-03T09:30:00Z"
	//     }
	//   ]
	// }
}
