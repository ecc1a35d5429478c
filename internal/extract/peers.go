package extract

import (
	"fmt"
	"io"
)

// Peers returns the article text each library finds on the page on its
// own, rendered as HTML renders the combination: the benchmark's
// reference columns. A library that fails gives "".
func Peers(r io.Reader, pageURL string) (trafilatura, readability string, err error) {
	raw, err := io.ReadAll(io.LimitReader(r, DefaultMaxBytes+1))
	if err != nil {
		return "", "", fmt.Errorf("extract: reading page: %w", err)
	}
	if len(raw) > DefaultMaxBytes {
		return "", "", ErrTooLarge
	}
	_, c, err := extract(raw, pageURL)
	return plainText(c.traf), plainText(c.read), err
}
