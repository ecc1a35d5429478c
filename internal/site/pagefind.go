package site

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"

	"golang.org/x/net/html"
)

// pagefindService speaks the protocol of `pagefind --service`, the one
// Pagefind's own Node API uses: each message is a JSON object, base64
// encoded and followed by a comma, on the process's stdin and stdout. One
// service builds any number of indexes, one after another, so that a
// build holds one shard's index in memory at a time.
type pagefindService struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	wmu  sync.Mutex
	mu   sync.Mutex
	next int
	wait map[int]chan pagefindReply
	err  error // set when the service's output ended
	done chan struct{}
	log  lockedBuffer // its stderr, for error messages
}

// lockedBuffer is a bytes.Buffer safe for a process's writes and our reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len() > 64<<10 {
		return len(p), nil
	}
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type pagefindReply struct {
	Type     string `json:"type"`
	IndexID  int    `json:"index_id"`
	Message  string `json:"message"`
	Original string `json:"original_message"`
}

func startPagefind(ctx context.Context, args []string) (*pagefindService, error) {
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = append(os.Environ(), npmQuiet...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &pagefindService{cmd: cmd, in: in, wait: map[int]chan pagefindReply{}, done: make(chan struct{})}
	cmd.Stderr = &s.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go s.read(out)
	return s, nil
}

func (s *pagefindService) read(out io.Reader) {
	defer close(s.done)
	r := bufio.NewReaderSize(out, 64<<10)
	for {
		msg, err := r.ReadString(',')
		if err != nil {
			s.fail(fmt.Errorf("pagefind service ended: %w", err))
			return
		}
		raw, err := base64.StdEncoding.DecodeString(msg[:len(msg)-1])
		if err != nil {
			s.fail(fmt.Errorf("pagefind service: bad message: %w", err))
			return
		}
		var m struct {
			ID      *int          `json:"message_id"`
			Payload pagefindReply `json:"payload"`
		}
		if err := json.Unmarshal(raw, &m); err != nil {
			s.fail(fmt.Errorf("pagefind service: bad message: %w", err))
			return
		}
		if m.ID == nil {
			// An error about a message it could not parse.
			s.fail(fmt.Errorf("pagefind service: %s", m.Payload.Message))
			return
		}
		s.mu.Lock()
		ch := s.wait[*m.ID]
		delete(s.wait, *m.ID)
		s.mu.Unlock()
		if ch != nil {
			ch <- m.Payload
		}
	}
}

func (s *pagefindService) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = err
	}
	for id, ch := range s.wait {
		close(ch)
		delete(s.wait, id)
	}
}

// send writes one request and returns where its reply will arrive.
func (s *pagefindService) send(payload map[string]any) (<-chan pagefindReply, error) {
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return nil, s.err
	}
	s.next++
	id := s.next
	ch := make(chan pagefindReply, 1)
	s.wait[id] = ch
	s.mu.Unlock()
	// Pages are mostly markup: json.Marshal would escape every < and >
	// as six bytes for the service to decode again.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{"message_id": id, "payload": payload}); err != nil {
		return nil, err
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	msg := make([]byte, base64.StdEncoding.EncodedLen(len(b))+1)
	base64.StdEncoding.Encode(msg, b)
	msg[len(msg)-1] = ','
	s.wmu.Lock()
	_, err := s.in.Write(msg)
	s.wmu.Unlock()
	return ch, err
}

// reply waits for a request's answer and checks its type.
func (s *pagefindService) reply(ch <-chan pagefindReply, want string) (pagefindReply, error) {
	r, ok := <-ch
	if !ok {
		s.mu.Lock()
		defer s.mu.Unlock()
		return r, s.err
	}
	if r.Type == "Error" {
		return r, errors.New("pagefind: " + r.Message)
	}
	if r.Type != want {
		return r, fmt.Errorf("pagefind: answered %q to a %q request", r.Type, want)
	}
	return r, nil
}

func (s *pagefindService) call(payload map[string]any, want string) (pagefindReply, error) {
	ch, err := s.send(payload)
	if err != nil {
		return pagefindReply{}, err
	}
	return s.reply(ch, want)
}

// page is one HTML page to index: its URL and where it was written.
type searchPage struct {
	URL, File string
}

// index builds one index of the given pages and writes it, Pagefind's
// whole bundle (script, UI, WebAssembly, index, fragments), into dir.
// Pages are sent without waiting for each answer; the service indexes
// them as they come.
func (s *pagefindService) index(pages []searchPage, dir string) error {
	return s.indexWith(pages, dir, searchInput)
}

// indexWith is index with the function that cuts a page down to what
// Pagefind reads of it.
func (s *pagefindService) indexWith(pages []searchPage, dir string, input func([]byte) []byte) error {
	r, err := s.call(map[string]any{"type": "NewIndex", "config": map[string]any{}}, "NewIndex")
	if err != nil {
		return err
	}
	id := r.IndexID
	defer s.call(map[string]any{"type": "DeleteIndex", "index_id": id}, "DeleteIndex")
	replies := make(chan (<-chan pagefindReply), 64)
	sendErr := make(chan error, 1)
	go func() {
		defer close(replies)
		for _, p := range pages {
			body, err := os.ReadFile(p.File)
			if err != nil {
				sendErr <- err
				return
			}
			ch, err := s.send(map[string]any{"type": "AddFile", "index_id": id, "url": p.URL, "file_contents": string(input(body))})
			if err != nil {
				sendErr <- err
				return
			}
			replies <- ch
		}
		sendErr <- nil
	}()
	var first error
	for ch := range replies {
		if _, err := s.reply(ch, "IndexedFile"); err != nil && first == nil {
			first = err
		}
	}
	if err := <-sendErr; err != nil && first == nil {
		first = err
	}
	if first != nil {
		return first
	}
	_, err = s.call(map[string]any{"type": "WriteFiles", "index_id": id, "output_path": dir}, "WriteFiles")
	return err
}

func (s *pagefindService) close() error {
	s.in.Close()
	<-s.done
	return s.cmd.Wait()
}

// searchInput cuts an HTML page down to what Pagefind reads of it, so
// that it has less to decode and parse (a fifth of its CPU time on a
// 10,000-article site): the page up to the end of its <body> start tag
// (the <html> element's language, <head>), the one element marked
// data-pagefind-body, and the closing tags. Pagefind indexes only that
// element and ignores the rest, so the index is byte for byte the one
// the whole page gives (TestSearchInputSameIndex). A page it cannot cut
// safely is returned whole: no data-pagefind-body or more than one, a
// data-pagefind-* attribute outside the element (a filter, meta or sort
// Pagefind would read there), or markup the tokenizer gives up on.
func searchInput(page []byte) []byte {
	if bytes.Count(page, []byte("data-pagefind-body")) != 1 {
		return page
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	off := 0
	headEnd, start, end := -1, -1, -1
	name, depth := "", 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := len(z.Raw())
		tokStart := off
		off += raw
		if !bytes.Equal(page[tokStart:off], z.Raw()) {
			return page // offsets lost: never cut blind
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, hasAttr := z.TagName()
			if start >= 0 && end < 0 {
				if tt == html.StartTagToken && string(tag) == name {
					depth++
				}
				continue
			}
			body, other := false, false
			for hasAttr {
				var k []byte
				k, _, hasAttr = z.TagAttr()
				if bytes.Equal(k, []byte("data-pagefind-body")) {
					body = true
				} else if bytes.HasPrefix(k, []byte("data-pagefind-")) {
					other = true
				}
			}
			switch {
			case other && !body:
				return page
			case body:
				if tt == html.SelfClosingTagToken || headEnd < 0 {
					return page
				}
				start, name, depth = tokStart, string(tag), 1
			case string(tag) == "body" && headEnd < 0:
				headEnd = off
			}
		case html.EndTagToken:
			if start >= 0 && end < 0 {
				if tag, _ := z.TagName(); string(tag) == name {
					if depth--; depth == 0 {
						end = off
					}
				}
			}
		}
	}
	if z.Err() != io.EOF || end < 0 {
		return page
	}
	out := make([]byte, 0, headEnd+end-start+len("</body></html>"))
	out = append(out, page[:headEnd]...)
	out = append(out, page[start:end]...)
	return append(out, "</body></html>"...)
}
