package cache

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "a.md")
	for _, d := range []Durability{Durable, Volatile} {
		for _, body := range []string{"first", "second, longer", ""} {
			if err := WriteFile(name, []byte(body), d); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(name)
			if err != nil || string(b) != body {
				t.Fatalf("read %q, %v; want %q", b, err, body)
			}
		}
	}
	ents, _ := os.ReadDir(filepath.Dir(name))
	if len(ents) != 1 {
		t.Errorf("the folder holds %d files, want only a.md: %v", len(ents), ents)
	}
	if st, _ := os.Stat(name); st.Mode().Perm()&0o444 != 0o444 {
		t.Errorf("mode %v, want readable by all", st.Mode())
	}
}

func TestAbortLeavesOld(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a")
	if err := WriteFile(name, []byte("old"), Durable); err != nil {
		t.Fatal(err)
	}
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("new"))
	if !IsTemp(filepath.Base(f.TempPath())) {
		t.Errorf("%s is not recognised as a temporary file", f.TempPath())
	}
	f.Abort()
	if b, _ := os.ReadFile(name); string(b) != "old" {
		t.Errorf("after Abort the file holds %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("Abort left files: %v", ents)
	}
}

func TestCommitAfterClose(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a")
	f, err := Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("x"))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the file is in place before Commit: %v", err)
	}
	if err := f.Commit(Durable); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "x" {
		t.Errorf("read %q", b)
	}
}

func TestIsTemp(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{filepath.Base(TempName("/x/build.cache")), true},
		{filepath.Base(TempName("a.md")), true},
		{".a.md.digest-tmp-0123456789ab", true},
		{"a.md.digest-tmp-0123456789ab", false},  // not hidden: not ours
		{".a.md.digest-tmp-0123456789", false},   // short
		{".a.md.digest-tmp-0123456789zz", false}, // not hex
		{".digest-tmp-0123456789ab", false},      // no file named
		{"a.md", false},
		{".a.md.tmp-123", false},
	} {
		if got := IsTemp(c.name); got != c.want {
			t.Errorf("IsTemp(%q) = %v, want %v", c.name, got, c.want)
		}
	}
	if of, ok := TempOf(filepath.Base(TempName("/x/a.md"))); !ok || of != "a.md" {
		t.Errorf("TempOf = %q, %v", of, ok)
	}
}

// TestIsOldTemp: the names os.CreateTemp gave the temporary files of
// digest before TempName, which the issue found by the thousand in
// content/ after killed imports, and names that are not those.
func TestIsOldTemp(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{".harbour.md.tmp-123456789", true},
		{".site.bin.tmp-4294967295", true},
		{".a.md.tmp-1", true},
		{"harbour.md.tmp-123456789", false},    // not hidden: not ours
		{".harbour.md.tmp-", false},            // no digits
		{".harbour.md.tmp-12345678901", false}, // more than a uint32
		{".harbour.md.tmp-12a", false},
		{".tmp-123", false}, // no file named
		{".a.md", false},
		{filepath.Base(TempName("a.md")), false},
	} {
		if got := IsOldTemp(c.name); got != c.want {
			t.Errorf("IsOldTemp(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestEnvelope(t *testing.T) {
	h := Header{Kind: "test 1", Options: "o"}
	h.Program[0] = 1
	payload := []byte("the payload")
	b := Seal(h, payload)
	got, err := Open(b, h)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	for n := range len(b) {
		if _, err := Open(b[:n], h); !errors.Is(err, ErrCorrupt) {
			t.Errorf("a truncation to %d of %d bytes: %v, want ErrCorrupt", n, len(b), err)
		}
	}
	for i := range b {
		d := bytes.Clone(b)
		d[i] ^= 0x10
		if _, err := Open(d, h); !errors.Is(err, ErrCorrupt) {
			t.Errorf("a flipped bit at %d: %v, want ErrCorrupt", i, err)
		}
	}
	other := func(f func(*Header)) Header { o := h; f(&o); return o }
	for name, want := range map[string]Header{
		"kind":    other(func(o *Header) { o.Kind = "test 2" }),
		"program": other(func(o *Header) { o.Program[0] = 2 }),
		"options": other(func(o *Header) { o.Options = "" }),
	} {
		if _, err := Open(b, want); !errors.Is(err, ErrStale) {
			t.Errorf("another %s: %v, want ErrStale", name, err)
		}
	}
	zero := Header{Kind: "k"}
	if _, err := Open(Seal(zero, nil), zero); !errors.Is(err, ErrStale) {
		t.Errorf("an unknown program is trusted: %v", err)
	}
}

func TestSaveLoad(t *testing.T) {
	name := filepath.Join(t.TempDir(), "c", "x.cache")
	h := Header{Kind: "test", Program: [32]byte{9}}
	big := strings.Repeat("z", 3*flushAt) // streamed in several writes
	if err := Save(name, h, func(e *Encoder) { e.Str(big); e.Uint(7) }); err != nil {
		t.Fatal(err)
	}
	p, err := Load(name, h)
	if err != nil {
		t.Fatal(err)
	}
	d := NewDecoder(p)
	if s, n := d.Str(), d.Uint(); s != big || n != 7 || d.Done() != nil {
		t.Errorf("read back %d bytes and %d: %v", len(s), n, d.Err())
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none"), h); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

func TestCodec(t *testing.T) {
	when := time.Date(2025, 7, 1, 8, 0, 0, 5, time.FixedZone("", 3600))
	e := NewEncoder(nil)
	e.Uint(300)
	e.Int(-5)
	e.Bool(true)
	e.Str("héllo")
	e.Bytes(nil)
	e.Raw([]byte{1, 2, 3})
	e.Time(when)
	e.Time(time.Time{})
	b := e.Buffer()
	d := NewDecoder(b)
	if v := d.Uint(); v != 300 {
		t.Errorf("Uint = %d", v)
	}
	if v := d.Int(); v != -5 {
		t.Errorf("Int = %d", v)
	}
	if !d.Bool() {
		t.Error("Bool = false")
	}
	if s := d.SharedStr(); s != "héllo" {
		t.Errorf("String = %q", s)
	}
	if p := d.Bytes(); len(p) != 0 {
		t.Errorf("Bytes = %v", p)
	}
	if p := d.Raw(3); !bytes.Equal(p, []byte{1, 2, 3}) {
		t.Errorf("Raw = %v", p)
	}
	if v := d.Time(); !v.Equal(when) {
		t.Errorf("Time = %v, want %v", v, when)
	} else if _, off := v.Zone(); off != 3600 {
		t.Errorf("Time lost its offset: %v", v)
	}
	if v := d.Time(); !v.IsZero() {
		t.Errorf("zero Time = %v", v)
	}
	if err := d.Done(); err != nil {
		t.Fatal(err)
	}
	for n := range len(b) {
		d := NewDecoder(b[:n])
		d.Uint()
		d.Int()
		d.Bool()
		d.Str()
		d.Bytes()
		d.Raw(3)
		d.Time()
		d.Time()
		if d.Done() == nil {
			t.Errorf("a truncation to %d of %d bytes decoded", n, len(b))
		}
	}
}

func FuzzDecoder(f *testing.F) {
	e := NewEncoder(nil)
	e.Uint(3)
	e.Str("abc")
	e.Time(time.Unix(5, 0))
	f.Add(e.Buffer())
	f.Fuzz(func(t *testing.T, b []byte) {
		d := NewDecoder(b)
		for range d.Count(1) {
			d.Str()
			d.Time()
			d.Bool()
			d.Raw(int(d.Int()))
		}
		d.Done()
	})
}

// TestBuildID checks BuildID against `go tool buildid` on the test binary
// and on small programs built for the other systems users run (ELF,
// Mach-O and PE), and Program on the test binary.
func TestBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	check := func(t *testing.T, exe string) {
		t.Helper()
		out, err := exec.Command(goTool, "tool", "buildid", exe).Output()
		if err != nil {
			t.Skipf("go tool buildid: %v", err)
		}
		want := strings.TrimSpace(string(out))
		if want == "" {
			t.Fatal("go tool buildid found no build ID")
		}
		if got := BuildID(exe); got != want {
			t.Errorf("BuildID = %q, want %q", got, want)
		}
	}
	check(t, exe)
	if Program() == ([32]byte{}) || Program() != programID(exe) {
		t.Error("Program is not the test binary's identity")
	}
	if BuildID(filepath.Join(t.TempDir(), "missing")) != "" {
		t.Error("a missing file has a build ID")
	}
	if testing.Short() {
		t.Skip("-short: not cross-compiling")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	os.WriteFile(src, []byte("package main\n\nfunc main() { println(\"hi\") }\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hi\n\ngo 1.26\n"), 0o644)
	for _, p := range []string{"darwin/arm64", "darwin/amd64", "windows/amd64", "linux/arm64"} {
		t.Run(strings.ReplaceAll(p, "/", "-"), func(t *testing.T) {
			goos, goarch, _ := strings.Cut(p, "/")
			bin := filepath.Join(dir, goos+"-"+goarch)
			cmd := exec.Command(goTool, "build", "-o", bin, ".")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Skipf("cannot cross-compile: %v\n%s", err, out)
			}
			check(t, bin)
		})
	}
	// Without a build ID the executable is hashed whole.
	bin := filepath.Join(dir, "noid")
	cmd := exec.Command(goTool, "build", "-ldflags=-buildid=", "-o", bin, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if BuildID(bin) != "" {
		t.Errorf("a program linked with -buildid= has build ID %q", BuildID(bin))
	}
	if programID(bin) == ([32]byte{}) || programID(bin) == programID(exe) {
		t.Error("a program without a build ID is not identified by its bytes")
	}
}
