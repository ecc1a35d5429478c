// Package fetch is digest's crawler: it reads the sources of digest.toml
// (RSS, Atom and JSON feeds through gofeed, and news sitemaps), picks the
// items it has not seen, and fetches their pages, as a good crawler does:
// conditional requests, robots.txt, a rate limit and a cap on requests in
// flight per host, timeouts, retries with backoff that honour
// Retry-After, a size limit per response, a bounded number of redirects
// and a User-Agent that names the site. What it fetched becomes raw
// records for the importer; what it remembers is a small state file.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// ClientOptions is how the crawler behaves.
type ClientOptions struct {
	UserAgent   string
	Timeout     time.Duration // per attempt
	MaxBytes    int64         // per response body
	Rate        float64       // requests a second to one host
	PerHost     int           // requests in flight to one host
	Concurrency int           // requests in flight in all
	Retries     int
	Redirects   int
	// MaxRetryWait caps the wait a Retry-After may ask for; a longer one
	// fails the request instead. 0 means two minutes.
	MaxRetryWait time.Duration
	// Transport, when set, replaces the default HTTP transport (tests).
	Transport http.RoundTripper
}

// Client is a polite HTTP client shared by every source of a run.
type Client struct {
	opt    ClientOptions
	http   *http.Client
	global chan struct{}

	mu     sync.Mutex
	hosts  map[string]*host
	robots map[string]*robotsEntry
}

type host struct {
	limiter *rate.Limiter
	slots   chan struct{}
}

type robotsEntry struct {
	once  sync.Once
	group *robotstxt.Group // nil: everything allowed
}

// NewClient makes a client.
func NewClient(opt ClientOptions) *Client {
	if opt.MaxRetryWait <= 0 {
		opt.MaxRetryWait = 2 * time.Minute
	}
	c := &Client{opt: opt, global: make(chan struct{}, max(opt.Concurrency, 1)), hosts: map[string]*host{}, robots: map[string]*robotsEntry{}}
	tr := opt.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	c.http = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opt.Redirects {
				return fmt.Errorf("more than %d redirects (raise fetch.redirects if the site needs them)", opt.Redirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s: URL", req.URL.Scheme)
			}
			return nil
		},
	}
	return c
}

// Validators are what a conditional request sends back.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Response is a fetched body, or the news that it has not changed.
type Response struct {
	URL         string // after redirects
	Status      int
	NotModified bool
	Body        []byte
	ContentType string
	Validators  Validators
}

// ErrRobots is a URL the site's robots.txt forbids us.
var ErrRobots = errors.New("forbidden by the site's robots.txt")

// StatusError is a response that is not a success.
type StatusError struct {
	URL    string
	Status int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// TooLargeError is a body over the size limit.
type TooLargeError struct {
	URL   string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: the response is larger than %d bytes; raise fetch.max_bytes if it is sound", e.URL, e.Limit)
}

func (c *Client) host(h string) *host {
	c.mu.Lock()
	defer c.mu.Unlock()
	if x, ok := c.hosts[h]; ok {
		return x
	}
	x := &host{limiter: rate.NewLimiter(rate.Limit(c.opt.Rate), 1), slots: make(chan struct{}, max(c.opt.PerHost, 1))}
	c.hosts[h] = x
	return x
}

// Get fetches rawURL, sending v back as a conditional request. It obeys
// robots.txt, waits its turn for the host and retries what may succeed
// later.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not an http(s) URL", rawURL)
	}
	if !c.allowed(ctx, u) {
		return nil, fmt.Errorf("%s: %w", rawURL, ErrRobots)
	}
	return c.get(ctx, u, v)
}

func (c *Client) get(ctx context.Context, u *url.URL, v Validators) (*Response, error) {
	var last error
	for attempt := 0; attempt <= c.opt.Retries; attempt++ {
		resp, wait, err := c.attempt(ctx, u, v)
		if err == nil {
			return resp, nil
		}
		last = err
		if wait < 0 || attempt == c.opt.Retries {
			break
		}
		if wait == 0 {
			// Exponential backoff with jitter: 0.5 s, 1 s, 2 s …
			base := 500 * time.Millisecond << attempt
			wait = base/2 + rand.N(base/2+1)
		}
		if wait > c.opt.MaxRetryWait {
			return nil, fmt.Errorf("%w; the server asks to wait %s, longer than we do", err, wait.Round(time.Second))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
	return nil, last
}

// attempt makes one request. wait says what to do on error: -1 do not
// retry, 0 back off, >0 wait that long (Retry-After).
func (c *Client) attempt(ctx context.Context, u *url.URL, v Validators) (*Response, time.Duration, error) {
	h := c.host(u.Host)
	select {
	case c.global <- struct{}{}:
	case <-ctx.Done():
		return nil, -1, ctx.Err()
	}
	defer func() { <-c.global }()
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, -1, ctx.Err()
	}
	defer func() { <-h.slots }()
	if err := h.limiter.Wait(ctx); err != nil {
		return nil, -1, err
	}
	actx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, -1, err
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, -1, ctx.Err()
		}
		var ue *url.Error
		if errors.As(err, &ue) && strings.Contains(ue.Err.Error(), "redirect") {
			return nil, -1, fmt.Errorf("%s: %v", u, ue.Err)
		}
		if actx.Err() != nil {
			return nil, 0, fmt.Errorf("%s: no answer within %s (fetch.timeout)", u, c.opt.Timeout)
		}
		return nil, 0, fmt.Errorf("%s: %v", u, unwrapURLError(err))
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		out.Validators = v.merge(out.Validators)
		return out, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, retryAfter(resp.Header.Get("Retry-After"), time.Now()), &StatusError{URL: u.String(), Status: resp.StatusCode}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, -1, &StatusError{URL: u.String(), Status: resp.StatusCode}
	}
	if resp.ContentLength > c.opt.MaxBytes {
		return nil, -1, &TooLargeError{URL: u.String(), Limit: c.opt.MaxBytes}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBytes+1))
	if err != nil {
		if actx.Err() != nil && ctx.Err() == nil {
			return nil, 0, fmt.Errorf("%s: the body did not arrive within %s (fetch.timeout)", u, c.opt.Timeout)
		}
		return nil, 0, fmt.Errorf("%s: %v", u, err)
	}
	if int64(len(body)) > c.opt.MaxBytes {
		return nil, -1, &TooLargeError{URL: u.String(), Limit: c.opt.MaxBytes}
	}
	out.Body = body
	return out, 0, nil
}

// merge keeps the old validators a 304 did not repeat.
func (v Validators) merge(n Validators) Validators {
	if n.ETag == "" {
		n.ETag = v.ETag
	}
	if n.LastModified == "" {
		n.LastModified = v.LastModified
	}
	return n
}

// retryAfter reads a Retry-After header: seconds or an HTTP date. 0 when
// absent or unreadable (back off instead).
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return max(time.Duration(s)*time.Second, time.Millisecond)
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), time.Millisecond)
	}
	return 0
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// allowed reads the host's robots.txt once a run and says whether our
// User-Agent may fetch u. A robots.txt that cannot be had allows all
// (as RFC 9309 says for 4xx); one that errs with 5xx forbids all.
func (c *Client) allowed(ctx context.Context, u *url.URL) bool {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e, ok := c.robots[key]
	if !ok {
		e = &robotsEntry{}
		c.robots[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		resp, err := c.get(ctx, ru, Validators{})
		var se *StatusError
		switch {
		case err == nil:
			data, perr := robotstxt.FromBytes(resp.Body)
			if perr == nil {
				e.group = data.FindGroup(productToken(c.opt.UserAgent))
				if d := e.group.CrawlDelay; d > 0 {
					// A Crawl-delay slower than our rate wins.
					if lim := rate.Every(d); lim < rate.Limit(c.opt.Rate) {
						c.host(u.Host).limiter.SetLimit(lim)
					}
				}
			}
		case errors.As(err, &se) && se.Status >= 400 && se.Status < 500:
			// No robots.txt: everything is allowed.
		default:
			data, _ := robotstxt.FromStatusAndBytes(http.StatusServiceUnavailable, nil)
			e.group = data.FindGroup(productToken(c.opt.UserAgent))
		}
	})
	if e.group == nil {
		return true
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return e.group.Test(p)
}

// productToken is the name robots.txt groups are matched against: the
// User-Agent's first word without its version.
func productToken(ua string) string {
	tok, _, _ := strings.Cut(strings.TrimSpace(ua), " ")
	tok, _, _ = strings.Cut(tok, "/")
	return tok
}
