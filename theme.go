// Package digest holds the default theme, embedded in the binary so that
// `digest build` works in any folder: a site's own layouts/ and assets/
// folders, when present, replace it.
package digest

import "embed"

// Theme is the default theme: layouts/ and assets/.
//
//go:embed layouts assets
var Theme embed.FS
