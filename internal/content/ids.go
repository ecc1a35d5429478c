package content

import (
	"crypto/sha256"
	"encoding/hex"
)

// Hash is a 12-hex-digit digest of s: enough to tell a million articles
// apart, short enough for a URL. Import derives article ids with it.
func Hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}
