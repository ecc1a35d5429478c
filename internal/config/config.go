// Package config loads digest.toml, the site's one configuration file, into
// a typed struct, validated once: an unknown key, a wrong type or a bad
// value is an error naming the key and its line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/digest-news/digest/internal/news"
)

// FileName is the configuration file at the root of a site.
const FileName = "digest.toml"

// Config is a site's configuration.
type Config struct {
	Title       string  `toml:"title"`
	BaseURL     string  `toml:"base_url"`
	Language    string  `toml:"language"`
	Description string  `toml:"description"`
	Author      string  `toml:"author"`
	TimeZone    string  `toml:"timezone"`
	Feeds       Feeds   `toml:"feeds"`
	Threads     Threads `toml:"threads"`
	Import      Import  `toml:"import"`
	Build       Build   `toml:"build"`
	Serve       Serve   `toml:"serve"`
	Search      Search  `toml:"search"`
	// Publish is how much of an article the site shows: "full" or
	// "excerpt". Empty means full for imported articles and each
	// source's own mode (excerpt by default) for fetched ones.
	Publish string            `toml:"publish"`
	Excerpt Excerpt           `toml:"excerpt"`
	Fetch   Fetch             `toml:"fetch"`
	Sources []Source          `toml:"sources,omitempty"`
	Outlets map[string]string `toml:"outlets"` // source as imported → display name

	// Location is TimeZone loaded; not part of the file.
	Location *time.Location `toml:"-"`
}

// Feeds configures the RSS, Atom and JSON feeds.
type Feeds struct {
	Limit   int    `toml:"limit"`    // newest entries per feed
	TagDate string `toml:"tag_date"` // date in tag: URIs (RFC 4151): a day the site's domain was yours
	Hub     string `toml:"hub"`      // optional WebSub hub
}

// Threads configures story threading.
type Threads struct {
	// Threshold overrides the threader's join threshold; 0 keeps the default.
	Threshold float64 `toml:"threshold"`
	// Batch is how an import's new articles are threaded: "average"
	// (the default, "" too) or "merge" decide the batch as a whole,
	// "online" each article as it comes (see thread.Options.Batch and
	// docs/threading.md).
	Batch string `toml:"batch"`
	// Linkage is the least average likelihood at which Batch merges
	// clusters; 0 keeps the default.
	Linkage float64 `toml:"linkage"`
}

// Import configures the import stage.
type Import struct {
	MaxFileSize int64 `toml:"max_file_size"` // bytes; larger raw files are refused
	// MaxArticleSize bounds one raw article (an HTML page, a text dump,
	// a record's html or text), refused before any work on it: parsing
	// a page takes about forty times its bytes.
	MaxArticleSize int64  `toml:"max_article_size"`
	Timeout        string `toml:"timeout"` // per file, e.g. "10s"
}

// Build configures the build stage.
type Build struct {
	PageSize int `toml:"page_size"` // threads per home/index page
	ListSize int `toml:"list_size"` // articles per page of a topic, an outlet or a day
	// TopicMinStories is how many stories a topic's articles must span
	// for the topic to get a page and feeds of its own; a topic of one
	// story would repeat that story's page.
	TopicMinStories int `toml:"topic_min_stories"`
	// ContentDir and OutputDir are relative to the site's folder unless
	// absolute; the --content and --out flags override them.
	ContentDir string `toml:"content_dir"`
	OutputDir  string `toml:"output_dir"` // replaced whole by every build
}

// Serve configures `digest serve`.
type Serve struct {
	// Addr is host:port to listen on; the --addr flag overrides it. The
	// default is loopback only: a preview is not meant for the network.
	Addr string `toml:"addr"`
}

// Search configures the site's full-text search.
type Search struct {
	Enabled bool   `toml:"enabled"` // build a search index and show a search box
	Engine  string `toml:"engine"`  // SearchDigest (the default) or SearchPagefind
}

// The search engines.
const (
	SearchDigest   = "digest"   // the index digest writes itself, in Go
	SearchPagefind = "pagefind" // Pagefind, run through npx (Node.js)
)

// The publish modes.
const (
	PublishFull    = "full"    // the whole text
	PublishExcerpt = "excerpt" // headline, lead, outlet, date and a link to the original
)

// Excerpt says how long the lead of an excerpt is: at most Sentences
// sentences and at most Words words, whichever is shorter.
type Excerpt struct {
	Sentences int `toml:"sentences"`
	Words     int `toml:"words"`
}

// Fetch configures `digest fetch`, the crawler of the sources.
type Fetch struct {
	UserAgent   string  `toml:"user_agent"`  // sent with every request
	Timeout     string  `toml:"timeout"`     // per request, e.g. "30s"
	MaxBytes    int64   `toml:"max_bytes"`   // per response; larger bodies are refused
	Rate        float64 `toml:"rate"`        // requests a second to one host
	PerHost     int     `toml:"per_host"`    // requests in flight to one host
	Concurrency int     `toml:"concurrency"` // requests in flight in all
	Retries     int     `toml:"retries"`     // on 429, 5xx and network errors
	Redirects   int     `toml:"redirects"`   // followed per request
	MaxItems    int     `toml:"max_items"`   // new items read from one source per run
	MaxAge      string  `toml:"max_age"`     // items older than this are skipped, e.g. "72h"; "" takes all
	StateFile   string  `toml:"state_file"`  // seen URLs and validators, relative to the site
}

// Source is one outlet's feed or news sitemap that `digest fetch` reads.
type Source struct {
	URL      string   `toml:"url"`      // RSS, Atom or JSON feed, or news sitemap
	Name     string   `toml:"name"`     // the outlet's name; default the feed's title, else its host
	Language string   `toml:"language"` // language tag of its articles; default the page's or the site's
	Include  []string `toml:"include"`  // regular expressions; an item is kept when its URL or title matches one
	Exclude  []string `toml:"exclude"`  // regular expressions; an item is dropped when its URL or title matches one
	Publish  string   `toml:"publish"`  // "full" or "excerpt"; default the site's publish, else excerpt
}

// Default is the configuration used when digest.toml leaves a key out.
func Default() Config {
	return Config{
		Title:    "Digest",
		BaseURL:  "http://localhost:1313/",
		Language: "en",
		TimeZone: "UTC",
		Feeds:    Feeds{Limit: 50, TagDate: "2025-01-01"},
		Import:   Import{MaxFileSize: 32 << 20, MaxArticleSize: 10 << 20, Timeout: "10s"},
		Build:    Build{PageSize: 20, ListSize: 50, TopicMinStories: 2, ContentDir: "content", OutputDir: "public"},
		Serve:    Serve{Addr: "127.0.0.1:1313"},
		Search:   Search{Enabled: true, Engine: SearchDigest},
		Excerpt:  Excerpt{Sentences: 2, Words: 60},
		Fetch: Fetch{
			UserAgent: DefaultUserAgent, Timeout: "30s", MaxBytes: 10 << 20,
			Rate: 1, PerHost: 2, Concurrency: 8, Retries: 3, Redirects: 5, MaxItems: 200,
			MaxAge: "", StateFile: "fetch-state.json",
		},
		Location: time.UTC,
	}
}

// Error is a problem in the configuration file.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Key != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Key, e.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, e.Msg)
}

// maxFileSize bounds the configuration file, checked before it is read.
const maxFileSize = 1 << 20

// Load reads the configuration file at path. A missing file gives the
// defaults.
func Load(path string) (Config, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return Config{}, &Error{File: path, Msg: "is not a regular file; the configuration must be a plain TOML file"}
	} else if err == nil && st.Size() > maxFileSize {
		return Config{}, &Error{File: path, Msg: fmt.Sprintf("is %d bytes, over the %d a configuration file may hold; is it the right file?", st.Size(), maxFileSize)}
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		c := Default()
		return c, c.Validate(path, nil)
	}
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return Parse(path, b)
}

// Parse reads a configuration from b; name is used in errors.
func Parse(name string, b []byte) (Config, error) {
	c := Default()
	dec := toml.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, decodeError(name, err)
	}
	return c, c.Validate(name, b)
}

func decodeError(name string, err error) error {
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) && len(sm.Errors) > 0 {
		d := sm.Errors[0]
		row, _ := d.Position()
		return &Error{File: name, Line: row, Key: strings.Join(d.Key(), "."), Msg: "unknown key; see `digest config` for the keys there are"}
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return &Error{File: name, Line: row, Key: strings.Join(de.Key(), "."), Msg: de.Error()}
	}
	return &Error{File: name, Msg: err.Error()}
}

var (
	langTag = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)
	tagDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
)

// Validate checks values the types cannot; src, when given, is searched
// for the line of a bad key.
func (c *Config) Validate(name string, src []byte) error {
	bad := func(key, msg string) error {
		return &Error{File: name, Line: keyLine(src, key), Key: key, Msg: msg}
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return bad("base_url", fmt.Sprintf("%q is not an absolute http(s) URL; write e.g. \"https://news.example.org/\"", c.BaseURL))
	}
	if u.User != nil {
		return bad("base_url", fmt.Sprintf("%q holds a user name or password, which every page and feed would publish; write the URL without them", u.Redacted()))
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	c.BaseURL = u.String()
	if strings.TrimSpace(c.Title) == "" {
		return bad("title", "must not be empty")
	}
	if !langTag.MatchString(c.Language) {
		return bad("language", fmt.Sprintf("%q is not a language tag; write e.g. \"en\" or \"en-GB\"", c.Language))
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return bad("timezone", fmt.Sprintf("%q is not a time zone; write an IANA name such as \"Europe/Berlin\" or \"UTC\"", c.TimeZone))
	}
	c.Location = loc
	if c.Feeds.Limit < 1 || c.Feeds.Limit > 10000 {
		return bad("feeds.limit", fmt.Sprintf("%d is out of range; use 1 to 10000", c.Feeds.Limit))
	}
	if !tagDate.MatchString(c.Feeds.TagDate) || !realDate(c.Feeds.TagDate) {
		return bad("feeds.tag_date", fmt.Sprintf("%q is not a date; write YYYY-MM-DD, a day the site's domain was yours", c.Feeds.TagDate))
	}
	if c.Feeds.Hub != "" {
		if h, err := url.Parse(c.Feeds.Hub); err != nil || (h.Scheme != "http" && h.Scheme != "https") || h.Host == "" {
			return bad("feeds.hub", fmt.Sprintf("%q is not an absolute http(s) URL", c.Feeds.Hub))
		}
	}
	if c.Threads.Threshold < 0 || c.Threads.Threshold >= 1 {
		return bad("threads.threshold", fmt.Sprintf("%v is out of range; use a number between 0 and 1 (0 keeps the default)", c.Threads.Threshold))
	}
	if c.Threads.Batch != "" && c.Threads.Batch != "average" && c.Threads.Batch != "merge" && c.Threads.Batch != "online" {
		return bad("threads.batch", fmt.Sprintf("%q is not a batch mode; use \"average\" (the default), \"merge\" or \"online\"", c.Threads.Batch))
	}
	if c.Threads.Linkage < 0 || c.Threads.Linkage >= 1 {
		return bad("threads.linkage", fmt.Sprintf("%v is out of range; use a number between 0 and 1 (0 keeps the default)", c.Threads.Linkage))
	}
	if c.Import.MaxFileSize < 1024 {
		return bad("import.max_file_size", fmt.Sprintf("%d bytes is too small; use at least 1024", c.Import.MaxFileSize))
	}
	if c.Import.MaxArticleSize < 1024 {
		return bad("import.max_article_size", fmt.Sprintf("%d bytes is too small; use at least 1024", c.Import.MaxArticleSize))
	}
	if d, err := time.ParseDuration(c.Import.Timeout); err != nil || d <= 0 {
		return bad("import.timeout", fmt.Sprintf("%q is not a duration; write e.g. \"10s\"", c.Import.Timeout))
	}
	if c.Build.PageSize < 1 || c.Build.PageSize > 1000 {
		return bad("build.page_size", fmt.Sprintf("%d is out of range; use 1 to 1000", c.Build.PageSize))
	}
	if c.Build.ListSize < 1 || c.Build.ListSize > 1000 {
		return bad("build.list_size", fmt.Sprintf("%d is out of range; use 1 to 1000", c.Build.ListSize))
	}
	if c.Build.TopicMinStories < 1 || c.Build.TopicMinStories > 1000 {
		return bad("build.topic_min_stories", fmt.Sprintf("%d is out of range; use 1 (every topic has a page) to 1000", c.Build.TopicMinStories))
	}
	if err := checkDirs(c.Build.ContentDir, c.Build.OutputDir); err != nil {
		key := "build.output_dir"
		if strings.TrimSpace(c.Build.ContentDir) == "" {
			key = "build.content_dir"
		}
		return bad(key, err.Error())
	}
	if err := checkAddr(c.Serve.Addr); err != nil {
		return bad("serve.addr", err.Error())
	}
	if c.Publish != "" && c.Publish != PublishFull && c.Publish != PublishExcerpt {
		return bad("publish", fmt.Sprintf("%q is not a publish mode; use \"full\" or \"excerpt\"", c.Publish))
	}
	if c.Search.Engine != SearchDigest && c.Search.Engine != SearchPagefind {
		return bad("search.engine", fmt.Sprintf("%q is not a search engine; use \"digest\" (built in) or \"pagefind\" (needs Node.js)", c.Search.Engine))
	}
	if c.Excerpt.Sentences < 1 || c.Excerpt.Sentences > 50 {
		return bad("excerpt.sentences", fmt.Sprintf("%d is out of range; use 1 to 50", c.Excerpt.Sentences))
	}
	if c.Excerpt.Words < 10 || c.Excerpt.Words > 1000 {
		return bad("excerpt.words", fmt.Sprintf("%d is out of range; use 10 to 1000", c.Excerpt.Words))
	}
	if err := c.validateFetch(bad); err != nil {
		return err
	}
	for i := range c.Sources {
		if err := c.Sources[i].validate(i, name, src); err != nil {
			return err
		}
	}
	return nil
}

// DefaultUserAgent names the crawler and where to read about it.
const DefaultUserAgent = "digest (+https://github.com/digest-news/digest)"

func (c *Config) validateFetch(bad func(key, msg string) error) error {
	f := &c.Fetch
	if strings.TrimSpace(f.UserAgent) == "" || strings.ContainsAny(f.UserAgent, "\r\n") {
		return bad("fetch.user_agent", "must be one line naming your site, e.g. \"mynews (+https://news.example.org/about/)\"")
	}
	if d, err := time.ParseDuration(f.Timeout); err != nil || d <= 0 {
		return bad("fetch.timeout", fmt.Sprintf("%q is not a duration; write e.g. \"30s\"", f.Timeout))
	}
	if f.MaxAge != "" {
		if d, err := time.ParseDuration(f.MaxAge); err != nil || d <= 0 {
			return bad("fetch.max_age", fmt.Sprintf("%q is not a duration; write e.g. \"72h\", or leave it out to take items of any age", f.MaxAge))
		}
	}
	if f.MaxBytes < 1024 {
		return bad("fetch.max_bytes", fmt.Sprintf("%d bytes is too small; use at least 1024", f.MaxBytes))
	}
	if f.Rate <= 0 || f.Rate > 100 {
		return bad("fetch.rate", fmt.Sprintf("%v is out of range; use a number of requests a second above 0, at most 100", f.Rate))
	}
	if f.PerHost < 1 || f.PerHost > 16 {
		return bad("fetch.per_host", fmt.Sprintf("%d is out of range; use 1 to 16", f.PerHost))
	}
	if f.Concurrency < 1 || f.Concurrency > 256 {
		return bad("fetch.concurrency", fmt.Sprintf("%d is out of range; use 1 to 256", f.Concurrency))
	}
	if f.Retries < 0 || f.Retries > 10 {
		return bad("fetch.retries", fmt.Sprintf("%d is out of range; use 0 to 10", f.Retries))
	}
	if f.Redirects < 0 || f.Redirects > 20 {
		return bad("fetch.redirects", fmt.Sprintf("%d is out of range; use 0 to 20", f.Redirects))
	}
	if f.MaxItems < 1 || f.MaxItems > 100000 {
		return bad("fetch.max_items", fmt.Sprintf("%d is out of range; use 1 to 100000", f.MaxItems))
	}
	if strings.TrimSpace(f.StateFile) == "" {
		return bad("fetch.state_file", "must not be empty; the default is \"fetch-state.json\"")
	}
	return nil
}

func (s *Source) validate(i int, name string, src []byte) error {
	bad := func(key, msg string) error {
		return &Error{File: name, Line: sourceLine(src, i, key), Key: fmt.Sprintf("sources[%d].%s", i+1, key), Msg: msg}
	}
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return bad("url", fmt.Sprintf("%q is not an absolute http(s) URL of a feed or news sitemap", s.URL))
	}
	if s.Language != "" && !langTag.MatchString(s.Language) {
		return bad("language", fmt.Sprintf("%q is not a language tag; write e.g. \"en\" or \"en-GB\"", s.Language))
	}
	if s.Publish != "" && s.Publish != PublishFull && s.Publish != PublishExcerpt {
		return bad("publish", fmt.Sprintf("%q is not a publish mode; use \"full\" or \"excerpt\"", s.Publish))
	}
	for key, pats := range map[string][]string{"include": s.Include, "exclude": s.Exclude} {
		for _, p := range pats {
			if _, err := regexp.Compile(p); err != nil {
				return bad(key, fmt.Sprintf("%q is not a regular expression: %v", p, err))
			}
		}
	}
	return nil
}

// sourceLine finds the line of key in the i-th [[sources]] table.
func sourceLine(src []byte, i int, key string) int {
	n := -1
	for j, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			if l == "[[sources]]" {
				n++
			} else if n == i {
				return 0
			}
			continue
		}
		if n == i && (strings.HasPrefix(l, key+" ") || strings.HasPrefix(l, key+"=")) {
			return j + 1
		}
	}
	return 0
}

// SourcePublish is the publish mode of a source's articles.
func (c *Config) SourcePublish(s Source) string {
	switch {
	case s.Publish != "":
		return s.Publish
	case c.Publish != "":
		return c.Publish
	}
	return PublishExcerpt
}

// FetchTimeout is Fetch.Timeout parsed; Validate has checked it.
func (c *Config) FetchTimeout() time.Duration {
	d, _ := time.ParseDuration(c.Fetch.Timeout)
	return d
}

// FetchMaxAge is Fetch.MaxAge parsed; 0 when unset.
func (c *Config) FetchMaxAge() time.Duration {
	d, _ := time.ParseDuration(c.Fetch.MaxAge)
	return d
}

// checkDirs refuses an output folder that would take the content or the
// site's folder with it: every build replaces the output folder whole.
func checkDirs(content, out string) error {
	if strings.TrimSpace(content) == "" {
		return errors.New("must not be empty")
	}
	if strings.TrimSpace(out) == "" {
		return errors.New("must not be empty")
	}
	o, c := filepath.Clean(out), filepath.Clean(content)
	if o == string(filepath.Separator) || strings.Trim(strings.ReplaceAll(o, "..", ""), string(filepath.Separator)) == "" || o == "." {
		return fmt.Errorf("%q would replace the site's own folder; every build replaces the output folder whole, so name a folder of its own such as \"public\"", out)
	}
	if isAncestor(o, c) || isAncestor(c, o) {
		return fmt.Errorf("%q overlaps the content folder %q; every build replaces the output folder whole", out, content)
	}
	return nil
}

// isAncestor says whether a is b or a folder above it, for two cleaned
// paths given the same way (both relative or both absolute).
func isAncestor(a, b string) bool {
	if filepath.IsAbs(a) != filepath.IsAbs(b) {
		return false
	}
	rel, err := filepath.Rel(a, b)
	return err == nil && filepath.IsLocal(rel)
}

// checkAddr wants host:port with a numeric port; an empty host would mean
// every interface, which must be asked for explicitly ("0.0.0.0:1313").
func checkAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port; write e.g. \"127.0.0.1:1313\"", addr)
	}
	if host == "" {
		return fmt.Errorf("%q has no host; write \"127.0.0.1%s\" for this machine only, or \"0.0.0.0%s\" to serve the whole network", addr, ":"+port, ":"+port)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q has no valid port; use 0 to 65535 (0 picks a free one)", addr)
	}
	return nil
}

// realDate says whether a tag date (YYYY, YYYY-MM or YYYY-MM-DD) is a
// day of the calendar: "2025-13-45" matches the pattern but is none.
func realDate(s string) bool {
	layout := "2006-01-02"[:len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// ImportTimeout is Import.Timeout parsed; Validate has checked it.
func (c *Config) ImportTimeout() time.Duration {
	d, _ := time.ParseDuration(c.Import.Timeout)
	return d
}

// keyLine finds the line of a dotted key ("feeds.limit") in TOML source:
// the key's line inside its table, or 0 when it is not in the file.
func keyLine(src []byte, dotted string) int {
	if src == nil {
		return 0
	}
	table, key := "", dotted
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		table, key = dotted[:i], dotted[i+1:]
	}
	cur := ""
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			cur = strings.TrimSpace(strings.Trim(l, "[]"))
			continue
		}
		if cur == table && (strings.HasPrefix(l, key+" ") || strings.HasPrefix(l, key+"=")) {
			return i + 1
		}
	}
	return 0
}

// OutletName is the display name of a source. A source matches an
// [outlets] key whatever its case, spacing and punctuation, so one entry
// covers "NYTimes", "nytimes.com" and "NY Times" only when written for
// each; "The" in front is ignored ("The Guardian" = "guardian").
func (c *Config) OutletName(source string) string {
	if n, ok := c.Outlets[source]; ok {
		return n
	}
	if f := news.FoldName(source); f != "" {
		for _, k := range slices.Sorted(maps.Keys(c.Outlets)) { // one answer when two keys fold alike
			if news.FoldName(k) == f {
				return c.Outlets[k]
			}
		}
	}
	return source
}

// String prints the configuration as TOML, every key with its value.
func (c Config) String() string {
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.SetIndentTables(true)
	if err := enc.Encode(c); err != nil {
		return "# " + err.Error() + "\n"
	}
	return buf.String()
}
