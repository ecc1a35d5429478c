package websub

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestPublish(t *testing.T) {
	var mu sync.Mutex
	var got []string
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		got = append(got, r.Form.Get("hub.mode")+" "+r.Form.Get("hub.url"))
		mu.Unlock()
		if strings.Contains(r.Form.Get("hub.url"), "bad") {
			http.Error(w, "no", http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hub.Close()
	topics := []string{"https://x.test/index.xml", "https://x.test/atom.xml"}
	if err := Publish(context.Background(), hub.Client(), hub.URL, topics); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "publish https://x.test/index.xml" {
		t.Errorf("hub saw %v", got)
	}
	err := Publish(context.Background(), hub.Client(), hub.URL, []string{"https://x.test/bad.xml", "https://x.test/feed.json"})
	if err == nil || !strings.Contains(err.Error(), "400") || len(got) != 4 {
		t.Errorf("err = %v, hub saw %v", err, got)
	}
}
