package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/digest-news/digest/internal/config"
	"github.com/digest-news/digest/internal/content"
	"github.com/digest-news/digest/internal/corpus"
	"github.com/digest-news/digest/internal/importer"
	"github.com/digest-news/digest/internal/site"
)

func genCommand() *command {
	return &command{
		name: "gen", args: "DIR",
		short: "write a synthetic corpus of raw articles, for benchmarks",
		long: `
Writes --articles generated plain-text page dumps into DIR, in the form of
the seeds (title, paragraphs, then an aggregator's tail), grouped into story
threads of 1 to about 40 reports from several outlets over weeks. The same
--seed gives the same files, byte for byte. Each file's modification time is
its article's publication time.`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			n := fs.Int("articles", 1000, "how many articles")
			seed := fs.Uint64("seed", 1, "the corpus seed")
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usageError{"give one DIR to write the corpus into"}
				}
				start := time.Now()
				if err := writeCorpus(ctx, args[0], corpus.Options{Articles: *n, Seed: *seed}, 0, *n); err != nil {
					return err
				}
				e.printf("gen: %d articles in %s (%s)\n", *n, args[0], time.Since(start).Round(time.Millisecond))
				return nil
			}
		},
	}
}

// writeCorpus writes documents [from, to) of the corpus into dir.
func writeCorpus(ctx context.Context, dir string, opt corpus.Options, from, to int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	i := 0
	err := corpus.Generate(opt, func(d corpus.Doc) error {
		defer func() { i++ }()
		if i < from || i >= to {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		p := filepath.Join(dir, d.Name)
		if err := os.WriteFile(p, []byte(d.Text), 0o644); err != nil {
			return fmt.Errorf("gen: %w", err)
		}
		return os.Chtimes(p, d.Date, d.Date)
	})
	return err
}

func benchCommand() *command {
	return &command{
		name: "bench", args: "",
		short: "measure import and build on generated corpora of several sizes",
		long: `
For each size, generates a corpus (see digest gen) in a fresh site under
--dir, then runs each stage as its own process and prints its wall time,
CPU time (user + system) and peak memory (the child's maximum resident set),
in total and per article:
  import          digest import of the corpus (read, clean, thread, write)
  build           a full build with an empty cache, default settings
                  (search on, with the engine of --engine: digest's own by
                  default; pagefind needs npx on PATH)
  rebuild         a build with nothing changed
  add1            digest import of one more article, then
  build+1         the incremental build after it
  build-nosearch  a full build with the search index off, empty cache
  hugo            hugo --minify of the same articles (with --hugo, when hugo
                  is on PATH): threads, sources and tags as taxonomies
  pagefind(hugo)  Pagefind over Hugo's output (its article pages marked
                  data-pagefind-body): what a Hugo user runs for search
Ratios come from the same run, so a busy machine slows both sides alike.
Peak memory is the child's maximum resident set, which includes the
largest of its own children (Pagefind).`,
		define: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
			sizes := fs.String("sizes", "1000,10000", "corpus sizes, comma-separated")
			dir := fs.String("dir", "", "work folder (default: a temporary folder, removed after)")
			seed := fs.Uint64("seed", 1, "the corpus seed")
			hugo := fs.Bool("hugo", false, "also build the same articles with Hugo and print the ratios")
			engine := fs.String("engine", config.SearchDigest, "the search engine of the builds: digest or pagefind")
			profile := fs.String("profile", "", "write CPU and heap profiles of each stage into this folder")
			stage := fs.String("stage", "", "internal: run one stage in this process (import or build) and print its timings as JSON")
			noSearch := fs.Bool("stage-no-search", false, "internal: the build stage without the search index, into its own output and cache folders")
			return func(ctx context.Context, args []string) error {
				if *stage != "" {
					return runStage(ctx, e, *stage, *profile, *noSearch, args)
				}
				if len(args) > 0 {
					return usageError{fmt.Sprintf("unexpected argument %q", args[0])}
				}
				if *engine != config.SearchDigest && *engine != config.SearchPagefind {
					return usageError{fmt.Sprintf("--engine: %q is not a search engine; use digest or pagefind", *engine)}
				}
				var ns []int
				for _, f := range strings.Split(*sizes, ",") {
					n, err := strconv.Atoi(strings.TrimSpace(f))
					if err != nil || n < 1 {
						return usageError{fmt.Sprintf("--sizes: %q is not a positive number", f)}
					}
					ns = append(ns, n)
				}
				work := *dir
				if work == "" {
					tmp, err := os.MkdirTemp("", "digest-bench-")
					if err != nil {
						return err
					}
					defer os.RemoveAll(tmp)
					work = tmp
				}
				b := &bench{e: e, work: work, seed: *seed, hugo: *hugo, profile: *profile, engine: *engine}
				return b.run(ctx, ns)
			}
		},
	}
}

// stageReport is what a stage child prints for its parent.
type stageReport struct {
	Phases map[string]time.Duration `json:"phases"`
	Files  int                      `json:"files"`
}

// runStage runs import or build in this process, for the parent's
// measurements, optionally under the profiler.
func runStage(ctx context.Context, e *env, stage, profile string, noSearch bool, args []string) error {
	cfg, err := e.loadConfig()
	if err != nil {
		return err
	}
	if profile != "" {
		f, err := os.Create(filepath.Join(profile, stage+".cpu.prof"))
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		stop := make(chan struct{})
		defer close(stop)
		go peakHeap(filepath.Join(profile, stage+".peakheap.prof"), stop)
		defer func() {
			pprof.StopCPUProfile()
			if h, err := os.Create(filepath.Join(profile, stage+".heap.prof")); err == nil {
				pprof.Lookup("allocs").WriteTo(h, 0)
				h.Close()
			}
		}()
	}
	rep := stageReport{Phases: map[string]time.Duration{}}
	switch stage {
	case "import":
		res, err := importer.Run(ctx, args, importOptions(cfg, e.path("content"), e.path(".digest-cache")))
		if err != nil {
			return err
		}
		if len(res.Errors) > 0 {
			return fmt.Errorf("bench: import: %d errors, first: %w", len(res.Errors), res.Errors[0])
		}
		t := res.Timings
		rep.Phases = map[string]time.Duration{"load": t.Load, "read": t.Read, "recover": t.Recover, "thread": t.Thread, "write": t.Write}
		rep.Files = res.Summary.Imported + res.Summary.Updated
	case "build":
		opt := e.siteOptions(cfg, "content", "public", false)
		if noSearch {
			opt.Search = false
			opt.Out, opt.CacheDir = e.path("public-nosearch"), e.path(".digest-cache-nosearch")
		}
		stats, err := site.Build(ctx, opt)
		if err != nil {
			return err
		}
		t := stats.Timings
		rep.Phases = map[string]time.Duration{"load": t.Load, "assemble": t.Assemble, "render": t.Render, "search": t.Search, "commit": t.Commit}
		rep.Files = stats.Files
	default:
		return usageError{fmt.Sprintf("--stage: unknown stage %q", stage)}
	}
	return json.NewEncoder(e.stdout).Encode(rep)
}

// peakHeap writes a heap profile whenever the heap in use grows past the
// largest seen by a tenth, so that the last one written shows the peak.
func peakHeap(name string, stop <-chan struct{}) {
	var peak uint64
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse < peak+peak/10 {
			continue
		}
		peak = ms.HeapInuse
		// Written beside and renamed over, so that a process ending
		// while it writes leaves the last whole profile, not an empty
		// one.
		tmp := name + ".tmp"
		if f, err := os.Create(tmp); err == nil {
			err = pprof.Lookup("heap").WriteTo(f, 0)
			if cerr := f.Close(); err == nil && cerr == nil {
				os.Rename(tmp, name)
			}
		}
	}
}

type bench struct {
	e       *env
	work    string
	seed    uint64
	hugo    bool
	profile string
	engine  string // the search engine of the builds
	self    string
}

// measure is one stage's cost, from the child's resource usage.
type measure struct {
	name      string
	wall, cpu time.Duration
	rssKiB    int64
	report    stageReport
}

func (b *bench) run(ctx context.Context, sizes []int) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	b.self = self
	hugoPath := ""
	if b.hugo {
		if hugoPath, err = exec.LookPath("hugo"); err != nil {
			return errors.New("bench: --hugo: no hugo on PATH; install it (apt-get install -y --no-install-recommends hugo)")
		}
	}
	b.e.printf("digest bench: %d cores (GOMAXPROCS %d), %s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version())
	if hugoPath != "" {
		out, _ := exec.Command(hugoPath, "version").Output()
		b.e.printf("%s", out)
	}
	for _, n := range sizes {
		if err := b.size(ctx, n, hugoPath); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) size(ctx context.Context, n int, hugoPath string) error {
	root := filepath.Join(b.work, strconv.Itoa(n))
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	raw, extra := filepath.Join(root, "raw"), filepath.Join(root, "raw-extra")
	// The default configuration, as a user's site has it: search on.
	cfg := "title = \"Bench\"\nbase_url = \"https://bench.example.org/\"\n[search]\nengine = \"" + b.engine + "\"\n"
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(root, config.FileName), []byte(cfg), 0o644); err != nil {
		return err
	}
	start := time.Now()
	opt := corpus.Options{Articles: n + 1, Seed: b.seed}
	if err := writeCorpus(ctx, raw, opt, 0, n); err != nil {
		return err
	}
	if err := writeCorpus(ctx, extra, opt, n, n+1); err != nil {
		return err
	}
	b.e.printf("\n%d articles (generated in %s), search engine %q\n", n, time.Since(start).Round(time.Millisecond), b.engine)
	b.e.printf("%-15s %10s %10s %10s %9s %9s  %s\n", "stage", "wall", "cpu", "peak RSS", "wall/art", "cpu/art", "phases")

	step := func(name string, args ...string) (measure, error) {
		m, err := b.child(ctx, root, name, args...)
		if err != nil {
			return m, fmt.Errorf("bench: %d articles, %s: %w", n, name, err)
		}
		b.print(m, n)
		return m, nil
	}
	imp, err := step("import", "--stage", "import", raw)
	if err != nil {
		return err
	}
	full, err := step("build", "--stage", "build")
	if err != nil {
		return err
	}
	if _, err := step("rebuild", "--stage", "build"); err != nil {
		return err
	}
	add, err := step("add1", "--stage", "import", extra)
	if err != nil {
		return err
	}
	inc, err := step("build+1", "--stage", "build")
	if err != nil {
		return err
	}
	bare, err := step("build-nosearch", "--stage", "build", "--stage-no-search")
	if err != nil {
		return err
	}
	pipeline := imp.wall + full.wall
	b.e.printf("defaults (search on): import+build %s, peak %d MiB; one more article (import + build) %s = %.1f%% of the full pipeline\n",
		pipeline.Round(time.Millisecond), max(imp.rssKiB, full.rssKiB)>>10, (add.wall + inc.wall).Round(time.Millisecond),
		100*float64(add.wall+inc.wall)/float64(pipeline))
	if hugoPath == "" {
		return nil
	}
	hsite := filepath.Join(root, "hugo")
	if err := writeHugoSite(filepath.Join(root, "content"), hsite); err != nil {
		return err
	}
	hpub := filepath.Join(hsite, "public")
	h, err := b.measureCmd(ctx, "hugo", exec.Command(hugoPath, "--minify", "--quiet", "-s", hsite, "-d", hpub))
	if err != nil {
		return fmt.Errorf("bench: hugo: %w", err)
	}
	b.print(h, n)
	// What a Hugo user runs for search: Pagefind over Hugo's output,
	// the same Pagefind the build uses.
	pfArgs := site.PagefindCommand(hpub)
	pf, err := b.measureCmd(ctx, "pagefind(hugo)", exec.Command(pfArgs[0], pfArgs[1:]...))
	if err != nil {
		return fmt.Errorf("bench: pagefind over hugo's output: %w", err)
	}
	b.print(pf, n)
	hp := measure{name: "hugo+pagefind", wall: h.wall + pf.wall, cpu: h.cpu + pf.cpu, rssKiB: max(h.rssKiB, pf.rssKiB)}
	b.print(hp, n)
	b.e.printf("ratios (same run): build %.2f× hugo+pagefind (goal ≤ 0.25), import+build %.2f× hugo+pagefind (≤ 0.5), build without search %.2f× hugo (≤ 0.25), peak memory %.2f× hugo+pagefind's\n",
		float64(full.wall)/float64(hp.wall), float64(pipeline)/float64(hp.wall), float64(bare.wall)/float64(h.wall),
		float64(max(imp.rssKiB, full.rssKiB))/float64(hp.rssKiB))
	return nil
}

func (b *bench) print(m measure, n int) {
	var ph []string
	for _, k := range []string{"load", "read", "recover", "thread", "write", "assemble", "render", "search", "commit"} {
		if d, ok := m.report.Phases[k]; ok {
			ph = append(ph, fmt.Sprintf("%s %s", k, d.Round(time.Millisecond)))
		}
	}
	b.e.printf("%-15s %10s %10s %7d MiB %7.0fµs %7.0fµs  %s\n", m.name, m.wall.Round(time.Millisecond), m.cpu.Round(time.Millisecond),
		m.rssKiB>>10, float64(m.wall.Microseconds())/float64(n), float64(m.cpu.Microseconds())/float64(n), strings.Join(ph, ", "))
}

// child runs one stage of digest as a subprocess in the site root.
func (b *bench) child(ctx context.Context, root, name string, args ...string) (measure, error) {
	full := append([]string{"bench", "--root", root}, args...)
	if b.profile != "" {
		dir := filepath.Join(b.profile, filepath.Base(root)+"-"+name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return measure{}, err
		}
		full = append(full[:3:3], append([]string{"--profile", dir}, args...)...)
	}
	cmd := exec.CommandContext(ctx, b.self, full...)
	return b.measureCmd(ctx, name, cmd)
}

// measureCmd runs cmd and reads its wall time, CPU time and peak RSS.
func (b *bench) measureCmd(ctx context.Context, name string, cmd *exec.Cmd) (measure, error) {
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	m := measure{name: name, wall: time.Since(start)}
	if err != nil {
		return m, fmt.Errorf("%w: %s", err, strings.TrimSpace(errb.String()))
	}
	m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	m.rssKiB = peakRSSKiB(cmd.ProcessState)
	if s := strings.TrimSpace(out.String()); strings.HasPrefix(s, "{") {
		if err := json.Unmarshal([]byte(s), &m.report); err != nil {
			return m, err
		}
	}
	return m, nil
}

// writeHugoSite writes a Hugo site holding the same articles as the
// content folder, with minimal layouts equivalent to ours: article pages
// with their story's other reports, threads, sources and tags as
// taxonomies with their term pages and RSS, a paged home page.
func writeHugoSite(contentDir, dir string) error {
	c, errs := content.Load(os.DirFS(contentDir))
	if len(errs) > 0 {
		return fmt.Errorf("bench: hugo: %w", errs[0])
	}
	files := map[string]string{
		"hugo.toml": `baseURL = "https://bench.example.org/"
title = "Bench"
disableKinds = ["section"]
paginate = 20
[taxonomies]
thread = "threads"
source = "sources"
tag = "tags"
[outputs]
home = ["HTML", "RSS"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]
`,
		"layouts/_default/baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Summary | plainify | truncate 160 }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>`,
		"layouts/_default/single.html": `{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1>
<p>{{ with .Params.sources }}{{ index . 0 }} · {{ end }}<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 Jan 2006, 15:04" }}</time></p>
<div>{{ .Content }}</div>
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ range .GetTerms "threads" }}<aside><h2><a href="{{ .RelPermalink }}">This story</a></h2><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></aside>{{ end }}
</article>{{ end }}`,
		"layouts/_default/list.html":  `{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 Jan 2006" }}</time><p>{{ .Params.summary }}</p></li>{{ end }}</ol>{{ end }}`,
		"layouts/_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}`,
		"layouts/index.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>{{ $p := .Paginate (where site.RegularPages "Type" "articles") }}<ol>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <p>{{ .Params.summary }}</p></li>{{ end }}</ol>
{{ with $p.Next }}<a href="{{ .URL }}">Next</a>{{ end }}{{ end }}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	out := filepath.Join(dir, "content", "articles")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, a := range c.Articles {
		var fm strings.Builder
		q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		fmt.Fprintf(&fm, "---\ntitle: %s\ndate: %s\nsummary: %s\nthreads: [%s]\n", q(a.Title), a.Date.Format(time.RFC3339), q(a.Summary), q(a.Thread))
		if a.Source != "" {
			fmt.Fprintf(&fm, "sources: [%s]\n", q(a.Source))
		}
		if len(a.Tags) > 0 {
			var ts []string
			for _, t := range a.Tags {
				ts = append(ts, q(t))
			}
			fmt.Fprintf(&fm, "tags: [%s]\n", strings.Join(ts, ", "))
		}
		fm.WriteString("---\n\n")
		fm.WriteString(a.Body)
		name := filepath.Join(out, filepath.Base(a.File))
		if err := os.WriteFile(name, []byte(fm.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}
