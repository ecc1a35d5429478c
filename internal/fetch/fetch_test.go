package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testClient(opt ClientOptions) ClientOptions {
	if opt.UserAgent == "" {
		opt.UserAgent = "digest-test (+http://127.0.0.1/)"
	}
	if opt.Timeout == 0 {
		opt.Timeout = 5 * time.Second
	}
	if opt.MaxBytes == 0 {
		opt.MaxBytes = 1 << 20
	}
	if opt.Rate == 0 {
		opt.Rate = 100
	}
	if opt.PerHost == 0 {
		opt.PerHost = 2
	}
	if opt.Concurrency == 0 {
		opt.Concurrency = 8
	}
	if opt.Redirects == 0 {
		opt.Redirects = 5
	}
	return opt
}

func rss(base string, links ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture News</title>`)
	for i, l := range links {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s%s</link><pubDate>Sat, 12 Jul 2025 0%d:00:00 +0000</pubDate></item>", i, base, l, i)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

const page = `<!doctype html><html><head><title>A page</title></head><body><article><h1>A page</h1><p>Some text of the article.</p></article></body></html>`

func TestRobotsTxtForbids(t *testing.T) {
	var pages atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: digest-test\nDisallow: /private/\n\nUser-agent: *\nDisallow: /\n")
		case r.URL.Path == "/feed.xml":
			fmt.Fprint(w, rss(srv.URL, "/private/1.html", "/public/2.html"))
		default:
			pages.Add(1)
			if strings.HasPrefix(r.URL.Path, "/private/") {
				t.Errorf("fetched %s, which robots.txt forbids", r.URL.Path)
			}
			fmt.Fprint(w, page)
		}
	}))
	defer srv.Close()
	st, _ := LoadState(filepath.Join(t.TempDir(), "s.json"))
	res := Run(context.Background(), st, Options{Sources: []Source{{URL: srv.URL + "/feed.xml"}}, Client: testClient(ClientOptions{}), MaxItems: 10, Now: time.Now()})
	if len(res.Pages) != 1 || len(res.Errors) != 1 || !errors.Is(res.Errors[0], ErrRobots) {
		t.Fatalf("pages %d, errors %v", len(res.Pages), res.Errors)
	}
	if pages.Load() != 1 {
		t.Errorf("%d page requests; want 1", pages.Load())
	}
	// Another agent's group forbids everything, ours only /private/:
	// a source on a forbidden path fails as a source.
	c := NewClient(testClient(ClientOptions{UserAgent: "otherbot/1.0"}))
	if _, err := c.Get(context.Background(), srv.URL+"/feed.xml", Validators{}); !errors.Is(err, ErrRobots) {
		t.Errorf("otherbot got the feed: %v", err)
	}
}

func TestRobotsTxtFailingForbidsAll(t *testing.T) {
	var pages atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		pages.Add(1)
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	c := NewClient(testClient(ClientOptions{Retries: 1}))
	if _, err := c.Get(context.Background(), srv.URL+"/x.html", Validators{}); !errors.Is(err, ErrRobots) || pages.Load() != 0 {
		t.Errorf("robots.txt answering 500: %v, %d page requests", err, pages.Load())
	}
}

func TestRateLimitPerHost(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	var inFlight, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		time.Sleep(30 * time.Millisecond)
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	c := NewClient(testClient(ClientOptions{Rate: 10, PerHost: 1}))
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(context.Background(), fmt.Sprintf("%s/%d.html", srv.URL, i), Validators{}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if most.Load() != 1 {
		t.Errorf("%d requests in flight at once to one host; per_host is 1", most.Load())
	}
	// Ten a second: six requests span at least 0.5 s (a burst of one).
	if span := times[len(times)-1].Sub(times[0]); span < 450*time.Millisecond {
		t.Errorf("6 requests at rate 10/s took %s; want at least 0.5 s", span)
	}
}

func TestRetriesHonourRetryAfter(t *testing.T) {
	var calls atomic.Int32
	var first, last time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		switch calls.Add(1) {
		case 1:
			first = time.Now()
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		case 2:
			w.WriteHeader(http.StatusBadGateway)
		default:
			last = time.Now()
			fmt.Fprint(w, page)
		}
	}))
	defer srv.Close()
	c := NewClient(testClient(ClientOptions{Retries: 3}))
	resp, err := c.Get(context.Background(), srv.URL+"/x.html", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != page || calls.Load() != 3 {
		t.Errorf("calls %d, body %q", calls.Load(), resp.Body)
	}
	if d := last.Sub(first); d < time.Second {
		t.Errorf("retried after %s; Retry-After asked for 1 s", d)
	}

	// Out of retries: the last error is reported; a 404 is not retried.
	var bad atomic.Int32
	srv502 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		bad.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv502.Close()
	c = NewClient(testClient(ClientOptions{Retries: 1}))
	if _, err := c.Get(context.Background(), srv502.URL+"/y.html", Validators{}); err == nil || !strings.Contains(err.Error(), "502") {
		t.Errorf("want the 502 after one retry, got %v", err)
	}
	if bad.Load() != 2 {
		t.Errorf("%d requests with retries 1; want 2", bad.Load())
	}
	var notFound atomic.Int32
	srv404 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			notFound.Add(1)
		}
		http.NotFound(w, r)
	}))
	defer srv404.Close()
	c = NewClient(testClient(ClientOptions{Retries: 3}))
	if _, err := c.Get(context.Background(), srv404.URL+"/gone.html", Validators{}); err == nil || notFound.Load() != 1 {
		t.Errorf("404: err %v after %d requests; want one request", err, notFound.Load())
	}
	// A Retry-After beyond what we wait fails at once.
	srvLong := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srvLong.Close()
	c = NewClient(testClient(ClientOptions{Retries: 3, MaxRetryWait: time.Second}))
	start := time.Now()
	if _, err := c.Get(context.Background(), srvLong.URL+"/x.html", Validators{}); err == nil || !strings.Contains(err.Error(), "asks to wait 1h0m0s") || time.Since(start) > 3*time.Second {
		t.Errorf("a one-hour Retry-After: err %v after %s", err, time.Since(start))
	}
}

func TestLargeResponseRefused(t *testing.T) {
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/declared.html" {
			w.Header().Set("Content-Length", fmt.Sprint(50<<20))
		}
		chunk := []byte(strings.Repeat("<p>filler</p>", 1<<10))
		for sent.Load() < 50<<20 {
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	c := NewClient(testClient(ClientOptions{MaxBytes: 1 << 20}))
	for _, p := range []string{"/streamed.html", "/declared.html"} {
		sent.Store(0)
		_, err := c.Get(context.Background(), srv.URL+p, Validators{})
		var tl *TooLargeError
		if !errors.As(err, &tl) {
			t.Errorf("%s: a 50 MB response: %v", p, err)
		}
	}
}

func TestRedirectLoop(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/a", http.StatusMovedPermanently)
		case "/moved":
			http.Redirect(w, r, "/here", http.StatusMovedPermanently)
		default:
			fmt.Fprint(w, page)
		}
	}))
	defer srv.Close()
	c := NewClient(testClient(ClientOptions{Redirects: 5}))
	start := time.Now()
	if _, err := c.Get(context.Background(), srv.URL+"/a", Validators{}); err == nil || !strings.Contains(err.Error(), "more than 5 redirects") {
		t.Errorf("redirect loop: %v", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("a redirect loop was retried (%s)", time.Since(start))
	}
	resp, err := c.Get(context.Background(), srv.URL+"/moved", Validators{})
	if err != nil || resp.URL != srv.URL+"/here" {
		t.Errorf("one redirect: %v %v", resp, err)
	}
}

func TestFeedThatIsHTML(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/news/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/news/rss.xml"></head><body>News</body></html>`)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<html><body>Hello</body></html>`)
		}
	}))
	defer srv.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed.xml":
			fmt.Fprint(w, rss("http://"+r.Host, "/1.html"))
		default:
			fmt.Fprint(w, page)
		}
	}))
	defer good.Close()
	st, _ := LoadState(filepath.Join(t.TempDir(), "s.json"))
	res := Run(context.Background(), st, Options{
		Sources: []Source{{URL: srv.URL + "/news/"}, {URL: srv.URL + "/home"}, {URL: good.URL + "/feed.xml"}},
		Client:  testClient(ClientOptions{}), MaxItems: 10, Now: time.Now(),
	})
	if err := res.Reports[0].Err; err == nil || !strings.Contains(err.Error(), "is an HTML page, not a feed; its feed seems to be "+srv.URL+"/news/rss.xml") {
		t.Errorf("an HTML page with a feed link: %v", err)
	}
	if err := res.Reports[1].Err; err == nil || !strings.Contains(err.Error(), "is an HTML page, not a feed") {
		t.Errorf("an HTML page: %v", err)
	}
	if res.Reports[2].Err != nil || len(res.Pages) != 1 {
		t.Errorf("the good source did not go on: %v, %d pages", res.Reports[2].Err, len(res.Pages))
	}
}

func TestItemPageFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed.xml":
			fmt.Fprint(w, rss("http://"+r.Host, "/ok.html", "/gone.html", "/pdf.html", "/ok2.html"))
		case "/gone.html":
			http.NotFound(w, r)
		case "/pdf.html":
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page)
		}
	}))
	defer srv.Close()
	path := filepath.Join(t.TempDir(), "state.json")
	st, _ := LoadState(path)
	now := time.Date(2025, 7, 13, 0, 0, 0, 0, time.UTC)
	res := Run(context.Background(), st, Options{Sources: []Source{{URL: srv.URL + "/feed.xml", Name: "Fixture"}}, Client: testClient(ClientOptions{}), MaxItems: 10, Now: now})
	if len(res.Pages) != 2 || len(res.Errors) != 2 {
		t.Fatalf("pages %d, errors %v", len(res.Pages), res.Errors)
	}
	r := res.Reports[0]
	if r.Listed != 4 || r.New != 4 || r.Fetched != 2 || r.Failed != 2 {
		t.Errorf("report %+v", r)
	}
	msgs := res.Errors[0].Error() + "\n" + res.Errors[1].Error()
	if !strings.Contains(msgs, "/gone.html (item of "+srv.URL+"/feed.xml): ") || !strings.Contains(msgs, "HTTP 404") || !strings.Contains(msgs, "application/pdf, not an HTML page") {
		t.Errorf("errors: %s", msgs)
	}
	for _, p := range res.Pages {
		if p.Item.Rec.Source != "Fixture" || p.Item.Rec.Date.IsZero() || !strings.Contains(p.Item.Rec.HTML, "Some text") {
			t.Errorf("page %+v", p.Item.Rec)
		}
	}
	// Only the pages taken are marked seen: the failed ones are tried
	// again next run, and the state round-trips.
	var seen []string
	for _, p := range res.Pages {
		seen = append(seen, p.ItemURL)
	}
	st.MarkSeen(seen, now)
	if err := st.Save(path, now); err != nil {
		t.Fatal(err)
	}
	st2, err := LoadState(path)
	if err != nil {
		t.Fatal(err)
	}
	res = Run(context.Background(), st2, Options{Sources: []Source{{URL: srv.URL + "/feed.xml"}}, Client: testClient(ClientOptions{}), MaxItems: 10, Now: now})
	if r := res.Reports[0]; r.New != 2 || r.Failed != 2 {
		t.Errorf("second run: %+v", r)
	}
}

func TestFiltersAndSitemap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/news-sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://%[1]s/world/1.html</loc><news:news><news:publication><news:name>Sitemap Times</news:name><news:language>en</news:language></news:publication><news:publication_date>2025-07-12T09:00:00Z</news:publication_date><news:title>World one</news:title></news:news></url>
<url><loc>http://%[1]s/world/live-2.html</loc><news:news><news:publication_date>2025-07-12</news:publication_date><news:title>Live</news:title></news:news></url>
<url><loc>http://%[1]s/sport/3.html</loc><news:news><news:publication_date>2025-07-12</news:publication_date><news:title>Sport</news:title></news:news></url>
<url><loc>http://%[1]s/world/4.html</loc><news:news><news:publication_date>2024-01-01</news:publication_date><news:title>Old</news:title></news:news></url>
</urlset>`, r.Host)
		default:
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page)
		}
	}))
	defer srv.Close()
	st, _ := LoadState(filepath.Join(t.TempDir(), "s.json"))
	src := Source{URL: srv.URL + "/news-sitemap.xml"}
	src.Include = append(src.Include, mustRe(t, "/world/"))
	src.Exclude = append(src.Exclude, mustRe(t, "/live-"))
	res := Run(context.Background(), st, Options{Sources: []Source{src}, Client: testClient(ClientOptions{}), MaxItems: 10, MaxAge: 30 * 24 * time.Hour, Now: time.Date(2025, 7, 13, 0, 0, 0, 0, time.UTC)})
	if len(res.Pages) != 1 || res.Reports[0].Listed != 4 {
		t.Fatalf("pages %d, report %+v", len(res.Pages), res.Reports[0])
	}
	rec := res.Pages[0].Item.Rec
	if rec.Title != "World one" || rec.Source != "Sitemap Times" || rec.Published != "2025-07-12T09:00:00Z" {
		t.Errorf("record %+v", rec)
	}
}

func TestConditionalRequest(t *testing.T) {
	modified := time.Date(2025, 7, 12, 10, 0, 0, 0, time.UTC)
	var got304 atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			got304.Add(1)
		}
		http.ServeContent(w, r, "feed.xml", modified, strings.NewReader(rss("http://"+r.Host)))
	}))
	defer srv.Close()
	c := NewClient(testClient(ClientOptions{}))
	r1, err := c.Get(context.Background(), srv.URL+"/feed.xml", Validators{})
	if err != nil || r1.NotModified || r1.Validators.ETag != `"v1"` || r1.Validators.LastModified == "" {
		t.Fatalf("%+v %v", r1, err)
	}
	r2, err := c.Get(context.Background(), srv.URL+"/feed.xml", r1.Validators)
	if err != nil || !r2.NotModified || got304.Load() != 1 || r2.Validators != r1.Validators {
		t.Errorf("%+v %v", r2, err)
	}
}

func TestSlowHostTimesOut(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := NewClient(testClient(ClientOptions{Timeout: 200 * time.Millisecond, Retries: 1}))
	start := time.Now()
	_, err := c.Get(context.Background(), srv.URL+"/slow.html", Validators{})
	if err == nil || !strings.Contains(err.Error(), "no answer within 200ms") || time.Since(start) > 3*time.Second {
		t.Errorf("slow host: %v after %s", err, time.Since(start))
	}
	_ = io.Discard
}

func mustRe(t *testing.T, p string) *regexp.Regexp {
	t.Helper()
	return regexp.MustCompile(p)
}
