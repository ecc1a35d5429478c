package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Paths the server answers itself. They live under one prefix that a
// built site never uses.
const (
	Prefix     = "/_digest/"
	ScriptPath = Prefix + "livereload.js" // the live reload script, passed to the build
	EventsPath = Prefix + "events"        // the server-sent event stream the script listens to
)

// BuildFunc builds the site into the served folder. changed lists the
// watched files that changed since the last build, sorted; it is nil for
// the first build, which must be a full one. The summary is printed on the
// terminal after a successful build.
type BuildFunc func(ctx context.Context, changed []string) (summary string, err error)

// Options configures Run.
type Options struct {
	// Listener is the socket to serve on; when nil Run listens on Addr.
	Listener net.Listener
	// Addr is the address to listen on when Listener is nil, e.g.
	// "127.0.0.1:1313".
	Addr string
	// Dir is the output folder the build writes and the server serves.
	Dir string
	// Watch lists files and folders whose changes trigger a rebuild;
	// folders are watched recursively, including folders created later,
	// and paths that do not exist yet are picked up when they appear.
	Watch []string
	// Build rebuilds the site into Dir.
	Build BuildFunc
	// Debounce is how long the sources must stay quiet before a rebuild;
	// editors save in bursts. Zero means 100ms.
	Debounce time.Duration
	// Log receives the address and one line per build; nil discards.
	Log io.Writer
	// Errors receives failed builds' errors; nil means Log.
	Errors io.Writer
	// Ready, when set, is called with the site's URL once the first build
	// has finished and the server accepts requests.
	Ready func(url string)
}

// Run builds the site, serves it and rebuilds on changes until ctx is
// done. A failed build does not stop it; Run returns an error only when it
// cannot listen or watch. On return the server is shut down and every
// watch removed.
func Run(ctx context.Context, opt Options) error {
	if opt.Build == nil || opt.Dir == "" {
		return errors.New("serve: Options.Build and Options.Dir are required")
	}
	if opt.Debounce <= 0 {
		opt.Debounce = 100 * time.Millisecond
	}
	logw := opt.Log
	if logw == nil {
		logw = io.Discard
	}
	ln := opt.Listener
	if ln == nil {
		var err error
		ln, err = net.Listen("tcp", opt.Addr)
		if err != nil {
			return fmt.Errorf("serve: listen on %s: %w (is another server using the port? choose another with --addr)", opt.Addr, err)
		}
	}
	defer ln.Close()

	w, err := newWatcher(opt.Watch)
	if err != nil {
		return err
	}
	defer w.close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{dir: opt.Dir, hub: newHub(strconv.FormatInt(time.Now().UnixNano(), 36)), done: ctx.Done()}
	if a, ok := ln.Addr().(*net.TCPAddr); ok && a.IP.IsLoopback() {
		s.loopback = true
	}
	errw := opt.Errors
	if errw == nil {
		errw = logw
	}
	s.build(ctx, opt.Build, nil, logw, errw)

	srv := newServer(s)
	var wg sync.WaitGroup
	serveErr := make(chan error, 1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			serveErr <- fmt.Errorf("serve: %w", err)
			cancel()
		}
	}()
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(logw, "serve: %s (Ctrl-C to stop)\n", url)
	if opt.Ready != nil {
		opt.Ready(url)
	}

	err = s.watchLoop(ctx, w, opt, logw, errw)
	cancel() // ends the event streams, so that Shutdown does not wait on them
	sctx, scancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer scancel()
	if serr := srv.Shutdown(sctx); serr != nil {
		srv.Close()
	}
	wg.Wait()
	select {
	case e := <-serveErr:
		return e
	default:
	}
	return err
}

// watchLoop rebuilds after each quiet spell following a change, one build
// at a time, until ctx is done.
func (s *server) watchLoop(ctx context.Context, w *watcher, opt Options, logw, errw io.Writer) error {
	var (
		timer   *time.Timer
		fire    <-chan time.Time
		pending = map[string]bool{}
	)
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return nil
		case err, ok := <-w.errors():
			if !ok {
				return nil
			}
			// A lost event (queue overflow) is reported; the next change
			// rebuilds everything anyway.
			fmt.Fprintf(errw, "serve: watching: %v\n", err)
		case p, ok := <-w.changes:
			if !ok {
				return nil
			}
			pending[p] = true
			if timer == nil {
				timer = time.NewTimer(opt.Debounce)
			} else {
				timer.Reset(opt.Debounce)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			changed := sortedSet(pending)
			clear(pending)
			s.build(ctx, opt.Build, changed, logw, errw)
		}
	}
}

// build runs one build and publishes its outcome to the terminal and to
// every open page.
func (s *server) build(ctx context.Context, build BuildFunc, changed []string, logw, errw io.Writer) {
	start := time.Now()
	summary, err := build(ctx, changed)
	if ctx.Err() != nil {
		return
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	if err != nil {
		fmt.Fprintf(errw, "serve: build failed (the last good site is still served):\n%v\n", err)
		s.hub.publish(err.Error(), false)
		return
	}
	verb := "built"
	if changed != nil {
		verb = "rebuilt"
		if len(changed) == 1 {
			verb += " after a change to " + changed[0]
		} else {
			verb += fmt.Sprintf(" after %d changes", len(changed))
		}
	}
	fmt.Fprintf(logw, "serve: %s: %s (%s)\n", verb, summary, elapsed)
	s.hub.publish("", true)
}
