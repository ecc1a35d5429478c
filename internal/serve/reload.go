package serve

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

//go:embed livereload.js
var liveReloadJS []byte

// state is the outcome of the latest build, as the pages see it.
type state struct {
	ID    string `json:"id"`              // changes with every build, and with every server start
	Error string `json:"error,omitempty"` // the latest build's error; empty when it succeeded
	good  bool   // some build has succeeded, so there is a site to serve
}

// hub fans the latest build's outcome out to every open page.
type hub struct {
	token string // distinguishes this server from an earlier one on the same port
	mu    sync.Mutex
	n     int
	cur   state
	subs  map[chan struct{}]bool
}

func newHub(token string) *hub {
	return &hub{token: token, subs: map[chan struct{}]bool{}, cur: state{ID: token + "-0", Error: "the site has not been built yet"}}
}

func (h *hub) publish(errMsg string, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.n++
	h.cur = state{ID: h.token + "-" + strconv.Itoa(h.n), Error: errMsg, good: h.cur.good || ok}
	for c := range h.subs {
		select {
		case c <- struct{}{}:
		default: // the page has a wake-up pending; it will read the newest state
		}
	}
}

func (h *hub) state() state {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cur
}

func (h *hub) subscribe() (chan struct{}, func()) {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[c] = true
	h.mu.Unlock()
	return c, func() {
		h.mu.Lock()
		delete(h.subs, c)
		h.mu.Unlock()
	}
}

// events streams build outcomes to one page: the current one at once,
// then each new one, until the page goes away or the server stops.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	c, unsubscribe := s.hub.subscribe()
	defer unsubscribe()
	send := func() bool {
		b, _ := json.Marshal(s.hub.state())
		if _, err := fmt.Fprintf(w, "retry: 1000\nevent: build\ndata: %s\n\n", b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send() {
		return
	}
	// A comment now and then keeps proxies and idle timeouts from closing
	// the stream.
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-c:
			if !send() {
				return
			}
		}
	}
}
