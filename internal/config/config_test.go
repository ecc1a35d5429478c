package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	c, err := Parse("digest.toml", []byte(`title = "Lavrov Watch"
base_url = "https://news.example.org/digest"
language = "en-GB"
timezone = "Europe/Berlin"
[feeds]
limit = 20
[outlets]
afp = "Agence France-Presse"
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://news.example.org/digest/" || c.Feeds.Limit != 20 || c.Location.String() != "Europe/Berlin" || c.OutletName("afp") != "Agence France-Presse" || c.OutletName("x") != "x" {
		t.Errorf("config = %+v", c)
	}
	if c.Build.PageSize != 20 || c.Feeds.TagDate != "2025-01-01" {
		t.Errorf("defaults lost: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		key, msg  string
	}{
		{"unknown key", "title = \"x\"\ncolour = \"red\"\n", 2, "colour", "unknown key"},
		{"unknown nested key", "[feeds]\nlimit = 5\nmax = 3\n", 3, "feeds.max", "unknown key"},
		{"wrong type", "title = \"x\"\n[feeds]\nlimit = \"many\"\n", 3, "feeds.limit", "cannot decode"},
		{"bad url", "title = \"x\"\nbase_url = \"example.org\"\n", 2, "base_url", "absolute http(s) URL"},
		{"relative url", "base_url = \"/digest/\"\n", 1, "base_url", "absolute"},
		{"bad language", "language = \"english!\"\n", 1, "language", "language tag"},
		{"bad timezone", "timezone = \"Mars/Olympus\"\n", 1, "timezone", "time zone"},
		{"limit range", "[feeds]\nlimit = 0\n", 2, "feeds.limit", "out of range"},
		{"tag date", "[feeds]\ntag_date = \"yesterday\"\n", 2, "feeds.tag_date", "not a date"},
		{"hub", "[feeds]\nhub = \"ftp://x\"\n", 2, "feeds.hub", "http(s)"},
		{"threshold", "[threads]\nthreshold = 2.0\n", 2, "threads.threshold", "out of range"},
		{"timeout", "[import]\ntimeout = \"soon\"\n", 2, "import.timeout", "duration"},
		{"page size", "[build]\npage_size = -1\n", 2, "build.page_size", "out of range"},
		{"empty title", "title = \"  \"\n", 1, "title", "empty"},
		{"syntax", "title = \n", 1, "", "expected"},
		{"duplicate key", "title = \"a\"\ntitle = \"b\"\n", 2, "title", "already"},
		{"unknown table", "title = \"x\"\n[server]\naddr = \"127.0.0.1:1\"\n", 2, "server", "unknown key"},
		{"wrong type bool", "[search]\nenabled = \"yes\"\n", 2, "search.enabled", "cannot decode"},
		{"search engine", "[search]\nengine = \"lunr\"\n", 2, "search.engine", "not a search engine"},
		{"wrong type table", "feeds = 3\n", 1, "feeds", "cannot decode"},
		{"wrong type string", "title = 7\n", 1, "title", "cannot decode"},
		{"file size", "[import]\nmax_file_size = 10\n", 2, "import.max_file_size", "too small"},
		{"article size", "[import]\nmax_article_size = 10\n", 2, "import.max_article_size", "too small"},
		{"negative threshold", "[threads]\nthreshold = -0.5\n", 2, "threads.threshold", "out of range"},
		{"batch mode", "[threads]\nbatch = \"single\"\n", 2, "threads.batch", "not a batch mode"},
		{"linkage", "[threads]\nlinkage = 1.5\n", 2, "threads.linkage", "out of range"},
		{"url with query", "base_url = \"https://x.org/?a=1\"\n", 1, "base_url", "absolute"},
		{"ftp url", "base_url = \"ftp://x.org/\"\n", 1, "base_url", "http(s)"},
		{"empty content dir", "[build]\ncontent_dir = \"\"\n", 2, "build.content_dir", "empty"},
		{"output dir is the site", "[build]\noutput_dir = \".\"\n", 2, "build.output_dir", "site's own folder"},
		{"output dir above the site", "[build]\noutput_dir = \"../..\"\n", 2, "build.output_dir", "site's own folder"},
		{"output dir in content", "[build]\noutput_dir = \"content/public\"\n", 2, "build.output_dir", "overlaps"},
		{"output dir is content", "[build]\ncontent_dir = \"site\"\noutput_dir = \"site/\"\n", 3, "build.output_dir", "overlaps"},
		{"addr without port", "[serve]\naddr = \"localhost\"\n", 2, "serve.addr", "host:port"},
		{"addr without host", "[serve]\naddr = \":1313\"\n", 2, "serve.addr", "0.0.0.0:1313"},
		{"addr bad port", "[serve]\naddr = \"127.0.0.1:99999\"\n", 2, "serve.addr", "port"},
		{"addr named port", "[serve]\naddr = \"127.0.0.1:http\"\n", 2, "serve.addr", "port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("digest.toml", []byte(tt.src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if ce.Line != tt.line || ce.Key != tt.key || !strings.Contains(ce.Msg, tt.msg) {
				t.Errorf("err = %q (line %d key %q), want line %d key %q msg ~%q", ce, ce.Line, ce.Key, tt.line, tt.key, tt.msg)
			}
			if !strings.HasPrefix(ce.Error(), "digest.toml:") {
				t.Errorf("error %q does not name the file", ce)
			}
		})
	}
}

func TestLoadMissingFileGivesDefaults(t *testing.T) {
	c, err := Load(t.TempDir() + "/digest.toml")
	if err != nil || c.Title != "Digest" || c.Location == nil {
		t.Fatalf("Load = %+v, %v", c, err)
	}
}

func TestNewKeys(t *testing.T) {
	c, err := Parse("digest.toml", []byte("[serve]\naddr = \"0.0.0.0:8080\"\n[search]\nenabled = false\n[build]\ncontent_dir = \"news\"\noutput_dir = \"/srv/www\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Serve.Addr != "0.0.0.0:8080" || c.Search.Enabled || c.Build.ContentDir != "news" || c.Build.OutputDir != "/srv/www" {
		t.Errorf("config = %+v", c)
	}
	d := Default()
	if !d.Search.Enabled || d.Serve.Addr != "127.0.0.1:1313" || d.Build.ContentDir != "content" || d.Build.OutputDir != "public" {
		t.Errorf("defaults = %+v", d)
	}
}

// TestStringRoundTrips checks that what `digest config` prints is itself
// a valid configuration file with the same settings.
func TestStringRoundTrips(t *testing.T) {
	c, err := Parse("digest.toml", []byte("title = \"Watch\"\n[outlets]\nafp = \"AFP\"\n[search]\nenabled = false\n"))
	if err != nil {
		t.Fatal(err)
	}
	printed := c.String()
	for _, key := range []string{"[serve]", "addr = ", "[search]", "enabled = false", "content_dir = ", "output_dir = ", "[outlets]"} {
		if !strings.Contains(printed, key) {
			t.Errorf("printed config lacks %q:\n%s", key, printed)
		}
	}
	back, err := Parse("printed", []byte(printed))
	if err != nil {
		t.Fatalf("printed config does not parse: %v\n%s", err, printed)
	}
	if back.String() != printed {
		t.Errorf("round trip changed the config:\n%s\nvs\n%s", printed, back.String())
	}
}

func TestValidateNamesTheFlag(t *testing.T) {
	c := Default()
	c.Serve.Addr = "nonsense"
	err := c.Validate("--addr", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "--addr: serve.addr: ") {
		t.Errorf("Validate = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title = \"x\"\n", "[feeds]\nlimit = 5\n", "[serve]\naddr = \":1\"\n", "[build]\noutput_dir = \"..\"\n",
		"base_url = \"https://a.b/c\"\n[outlets]\n\"a b\" = \"c\"\n", "x = [1, {a = 2}]\n", "[[a]]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("f.toml", src)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) || ce.File != "f.toml" {
				t.Fatalf("error %v is not a *Error naming the file", err)
			}
			return
		}
		// An accepted configuration is printed as one that parses again.
		if _, err := Parse("printed", []byte(c.String())); err != nil {
			t.Fatalf("accepted %q but its printed form fails: %v", src, err)
		}
	})
}

func TestSources(t *testing.T) {
	ok := "title = \"T\"\n\n[[sources]]\nurl = \"https://a.example/rss.xml\"\nname = \"A\"\ninclude = [\"/world/\"]\n\n[[sources]]\nurl = \"https://b.example/news-sitemap.xml\"\npublish = \"full\"\n"
	c, err := Parse("digest.toml", []byte(ok))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 2 || c.SourcePublish(c.Sources[0]) != PublishExcerpt || c.SourcePublish(c.Sources[1]) != PublishFull {
		t.Errorf("sources %+v", c.Sources)
	}
	c.Publish = PublishFull
	if c.SourcePublish(c.Sources[0]) != PublishFull {
		t.Error("the site's publish does not apply to a source without its own")
	}
	for _, tc := range []struct{ name, src, want string }{
		{"bad url", "[[sources]]\nurl = \"feed.xml\"\n", "digest.toml:2: sources[1].url: \"feed.xml\" is not an absolute http(s) URL"},
		{"bad regexp", "[[sources]]\nurl = \"https://a.example/\"\n\n[[sources]]\nurl = \"https://b.example/\"\nexclude = [\"(\"]\n", "digest.toml:6: sources[2].exclude: \"(\" is not a regular expression"},
		{"bad publish", "[[sources]]\nurl = \"https://a.example/\"\npublish = \"some\"\n", "digest.toml:3: sources[1].publish: \"some\" is not a publish mode"},
		{"site publish", "publish = \"teaser\"\n", "digest.toml:1: publish: \"teaser\" is not a publish mode"},
		{"rate", "[fetch]\nrate = 0\n", "digest.toml:2: fetch.rate: 0 is out of range"},
		{"user agent", "[fetch]\nuser_agent = \"\"\n", "digest.toml:2: fetch.user_agent: must be one line"},
		{"unknown source key", "[[sources]]\nurl = \"https://a.example/\"\nfeed = \"x\"\n", "digest.toml:3: sources.feed: unknown key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("digest.toml", []byte(tc.src))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %s…", err, tc.want)
			}
		})
	}
}

func TestOutletAliases(t *testing.T) {
	c := Config{Outlets: map[string]string{"nytimes.com": "The New York Times", "NYTimes": "The New York Times", "the guardian": "The Guardian"}}
	for in, want := range map[string]string{
		"NYTimes": "The New York Times", "nytimes": "The New York Times", "NYTimes.com": "The New York Times",
		"Guardian": "The Guardian", "the Guardian": "The Guardian", "CNN": "CNN",
	} {
		if got := c.OutletName(in); got != want {
			t.Errorf("OutletName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValuesValidatedAsWhatTheyAre(t *testing.T) {
	for _, tt := range []struct{ name, toml, key string }{
		{"tag_date not a day", "[feeds]\ntag_date = \"2025-13-45\"\n", "feeds.tag_date"},
		{"tag_date February 30", "[feeds]\ntag_date = \"2025-02-30\"\n", "feeds.tag_date"},
		{"base_url with a password", "base_url = \"https://user:secret@news.example.org/\"\n", "base_url"},
		{"base_url with a user", "base_url = \"https://admin@news.example.org/\"\n", "base_url"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("digest.toml", []byte(tt.toml))
			var ce *Error
			if !errors.As(err, &ce) || ce.Key != tt.key || ce.Line != 1 && ce.Line != 2 {
				t.Fatalf("err = %v, want an error on %s with its line", err, tt.key)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("the error repeats the password: %v", err)
			}
		})
	}
	for _, ok := range []string{"[feeds]\ntag_date = \"2024-02-29\"\n", "[feeds]\ntag_date = \"2025\"\n", "[feeds]\ntag_date = \"2025-06\"\n"} {
		if _, err := Parse("digest.toml", []byte(ok)); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

func TestLoadRefusesAHugeFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "digest.toml")
	if err := os.WriteFile(p, []byte("title = \"x\"\n"+strings.Repeat("# padding\n", 200_000)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "over the") {
		t.Errorf("a 2 MB configuration: %v", err)
	}
}
