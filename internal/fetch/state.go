package fetch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"time"

	"github.com/digest-news/digest/internal/cache"
)

// State is what fetch remembers between runs, in the site's state file
// (committed beside content/, in place of the raw pages): each source's
// validators for conditional requests, and the item URLs already taken.
type State struct {
	Version int                     `json:"version"`
	Sources map[string]*SourceState `json:"sources"`
	// Seen maps an item's URL to the day it was first taken. Entries
	// older than the state's horizon are dropped, so that the file stays
	// small; a feed rarely lists an item for that long.
	Seen map[string]string `json:"seen"`
}

// SourceState is one source's memory.
type SourceState struct {
	Validators
	Checked string `json:"checked,omitempty"` // last successful read, RFC 3339
}

const stateVersion = 1

// seenHorizon is how long an item URL is remembered.
const seenHorizon = 90 * 24 * time.Hour

// LoadState reads the state file; a missing one is an empty state.
func LoadState(path string) (*State, error) {
	st := &State{Version: stateVersion, Sources: map[string]*SourceState{}, Seen: map[string]string{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("%s: %v; it is fetch's memory of what it has seen: fix it, or delete it to start afresh (items still in the feeds are then fetched again and recognised by the importer)", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("%s: version %d; this digest reads version %d", path, st.Version, stateVersion)
	}
	if st.Sources == nil {
		st.Sources = map[string]*SourceState{}
	}
	if st.Seen == nil {
		st.Seen = map[string]string{}
	}
	return st, nil
}

// Save writes the state atomically (the one atomic writer), dropping
// seen URLs older than the horizon. The JSON is stable: keys sorted, one
// entry a line, so that its diffs are readable.
func (st *State) Save(path string, now time.Time) error {
	cut := now.Add(-seenHorizon).UTC().Format("2006-01-02")
	for u, day := range st.Seen {
		if day < cut {
			delete(st.Seen, u)
		}
	}
	var buf bytes.Buffer
	buf.WriteString("{\n  \"version\": 1,\n  \"sources\": ")
	src, err := json.MarshalIndent(st.Sources, "  ", "  ")
	if err != nil {
		return err
	}
	buf.Write(src)
	buf.WriteString(",\n  \"seen\": {")
	keys := make([]string, 0, len(st.Seen))
	for k := range st.Seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(st.Seen[k])
		fmt.Fprintf(&buf, "\n    %s: %s", kb, vb)
	}
	if len(keys) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("}\n}\n")
	return cache.WriteFile(path, buf.Bytes(), cache.Durable)
}
