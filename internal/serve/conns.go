package serve

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits of the preview server's connections: a header must arrive
// within headerTimeout and hold at most maxHeaderBytes; a keep-alive
// connection idle for idleTimeout is closed, and beyond maxIdle idle
// connections the one that has just gone idle is closed at once, so that
// a client opening thousands cannot hold the server's sockets.
const (
	headerTimeout  = 10 * time.Second
	idleTimeout    = 60 * time.Second
	maxHeaderBytes = 64 << 10
	maxIdle        = 64
)

// idleConns counts the idle keep-alive connections and closes those
// beyond max.
type idleConns struct {
	mu   sync.Mutex
	idle map[net.Conn]bool
	max  int
}

// track is an http.Server's ConnState hook.
func (c *idleConns) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idle == nil {
		c.idle = map[net.Conn]bool{}
	}
	switch state {
	case http.StateIdle:
		if len(c.idle) >= c.max {
			conn.Close() // the server then reports it closed
			return
		}
		c.idle[conn] = true
	default:
		delete(c.idle, conn)
	}
}

// newServer is the preview's HTTP server with its limits.
func newServer(h http.Handler) *http.Server {
	ic := &idleConns{max: maxIdle}
	return &http.Server{
		Handler: h, ReadHeaderTimeout: headerTimeout, IdleTimeout: idleTimeout,
		MaxHeaderBytes: maxHeaderBytes, ConnState: ic.track,
	}
}
