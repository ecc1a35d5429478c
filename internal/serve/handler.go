package serve

import (
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
)

// server answers requests: its own script and event stream under Prefix,
// else files from the output folder.
type server struct {
	dir  string
	hub  *hub
	done <-chan struct{} // closed when the server stops, to end event streams
	// loopback is set when the server listens on a loopback address; it
	// then answers only requests that name a loopback host, so that a web
	// page elsewhere cannot reach it through a DNS name rebound to
	// 127.0.0.1.
	loopback bool
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if s.loopback && !loopbackHost(r.Host) {
		http.Error(w, "digest serve answers only requests for localhost or a loopback address", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveReloadJS)
		return
	case EventsPath:
		s.events(w, r)
		return
	}
	name, ok := sitePath(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	st := s.hub.state()
	if !st.good {
		s.errorPage(w, st.Error)
		return
	}
	// Every build may have swapped the folder, so it is opened afresh for
	// each request; os.Root refuses any path, symlink included, that
	// would leave it.
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		http.Error(w, "the site folder is gone", http.StatusInternalServerError)
		return
	}
	defer root.Close()
	w.Header().Set("Cache-Control", "no-store") // a preview is always fresh
	s.serveFile(w, r, root, name)
}

// loopbackHost says whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sitePath turns a URL path into a slash-separated name inside the site
// folder ("" for its top). It refuses any path with a ".." segment —
// however it was encoded; the URL is already decoded here — a backslash,
// or a NUL, rather than cleaning it into something the user did not ask
// for.
func sitePath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "." {
		name = ""
	}
	return name, fs.ValidPath(orDot(name))
}

func orDot(name string) string {
	if name == "" {
		return "."
	}
	return name
}

func (s *server) serveFile(w http.ResponseWriter, r *http.Request, root *os.Root, name string) {
	f, err := root.Open(orDot(name))
	if err != nil {
		s.notFound(w, r, root)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		s.notFound(w, r, root)
		return
	}
	if st.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		f.Close()
		index := path.Join(orDot(name), "index.html")
		f, err = root.Open(index)
		if err != nil {
			s.notFound(w, r, root)
			return
		}
		defer f.Close()
		if st, err = f.Stat(); err != nil || st.IsDir() {
			s.notFound(w, r, root)
			return
		}
		name = index
	}
	if ct := contentType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// contentType gives the media types that matter for previewing feeds;
// the rest are left to the extension table of net/http.
func contentType(name string) string {
	switch path.Base(name) {
	case "index.xml":
		return "application/rss+xml; charset=utf-8"
	case "atom.xml":
		return "application/atom+xml; charset=utf-8"
	case "feed.json":
		return "application/feed+json; charset=utf-8"
	}
	return ""
}

// notFound serves the site's own 404 page, as Netlify does.
func (s *server) notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	b, err := root.ReadFile("404.html")
	if err == nil && len(b) > 0 {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			w.Write(b)
		}
		return
	}
	http.NotFound(w, r)
}

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · digest serve</title>
<script src="{{.Script}}" defer></script>
</head>
<body>
<h1>The build failed</h1>
<p>Fix the problem and save: this page reloads by itself.</p>
<pre>{{.Error}}</pre>
</body>
</html>
`))

// errorPage answers every request while no build has succeeded yet. The
// page loads the live reload script, so it turns into the site as soon as
// a build succeeds.
func (s *server) errorPage(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'self'")
	w.WriteHeader(http.StatusInternalServerError)
	errorPage.Execute(w, struct{ Script, Error string }{ScriptPath, msg})
}
