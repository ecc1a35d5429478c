package config

import (
	"errors"
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
