// Package websub tells a WebSub hub that feeds have new content, so that
// subscribers' readers fetch them at once instead of on their next poll.
package websub

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Publish notifies hub that each of topics (absolute feed URLs) changed,
// one request per topic as the WebSub recommendation's publish step
// does. It returns the first error; every topic is tried.
func Publish(ctx context.Context, client *http.Client, hub string, topics []string) error {
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	var first error
	for _, topic := range topics {
		form := url.Values{"hub.mode": {"publish"}, "hub.url": {topic}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, hub, strings.NewReader(form.Encode()))
		if err != nil {
			return fmt.Errorf("websub: %w", err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				err = fmt.Errorf("hub answered %s", resp.Status)
			}
		}
		if err != nil && first == nil {
			first = fmt.Errorf("websub: ping %s for %s: %w", hub, topic, err)
		}
	}
	return first
}
