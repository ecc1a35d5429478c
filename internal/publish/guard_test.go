package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckOut(t *testing.T) {
	home := t.TempDir()
	root := filepath.Join(home, "site")
	content := filepath.Join(root, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	protected := []Protected{{What: "the site's folder", Path: root}, {What: "the content folder", Path: content, Inside: true}, {What: "your home folder", Path: home}}
	tests := []struct {
		name string
		out  string
		bad  bool
		says string // how the message puts it
	}{
		{"public in the site", filepath.Join(root, "public"), false, ""},
		{"a new folder elsewhere in home", filepath.Join(home, "www", "site"), false, ""},
		{"the site", root, true, " is the site's folder "},
		{"the site with ..", filepath.Join(root, "public", ".."), true, " is the site's folder "},
		{"the content", content, true, " is the content folder "},
		{"inside the content, not there yet", filepath.Join(content, "a", "b"), true, " is inside the content folder "},
		{"home", home, true, " holds the site's folder "},
		{"above home", filepath.Dir(home), true, " holds the site's folder "},
		{"root of the file system", string(filepath.Separator), true, "root of a file system"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOut(tt.out, protected)
			if (err != nil) != tt.bad {
				t.Errorf("CheckOut(%s) = %v, want refusal %v", tt.out, err, tt.bad)
			}
			if err != nil && !strings.Contains(err.Error(), tt.says) {
				t.Errorf("CheckOut(%s) = %q, want it to say %q", tt.out, err, tt.says)
			}
		})
	}
}

func TestCheckReplaceable(t *testing.T) {
	dir := t.TempDir()
	theirs := filepath.Join(dir, "theirs")
	if err := os.MkdirAll(theirs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := CheckReplaceable(theirs, false); err != nil {
		t.Errorf("empty folder refused: %v", err)
	}
	if err := CheckReplaceable(filepath.Join(dir, "missing"), false); err != nil {
		t.Errorf("missing folder refused: %v", err)
	}
	if err := os.WriteFile(filepath.Join(theirs, "thesis.doc"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var no *NotOursError
	if err := CheckReplaceable(theirs, false); !errors.As(err, &no) || no.Unmarked {
		t.Errorf("someone else's folder: %v", err)
	}
	// A site built before builds were marked is still refused, but the
	// message says what it is and how to adopt it.
	old := filepath.Join(dir, "old-site")
	for _, f := range []string{"index.html", "feed.json", "atom.xml", "index.xml", "404.html"} {
		if err := os.MkdirAll(old, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(old, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := CheckReplaceable(old, false); !errors.As(err, &no) || !no.Unmarked || !strings.Contains(err.Error(), "--force once") {
		t.Errorf("an unmarked site of an older digest: %v", err)
	}
	if err := CheckReplaceable(theirs, true); err != nil {
		t.Errorf("with force: %v", err)
	}
	if err := CheckReplaceable(filepath.Join(theirs, "thesis.doc"), true); err == nil {
		t.Error("a file as the output folder was accepted")
	}
	if err := os.WriteFile(filepath.Join(theirs, MarkerName), []byte(markerText), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckReplaceable(theirs, false); err != nil {
		t.Errorf("digest's own folder refused: %v", err)
	}
}
