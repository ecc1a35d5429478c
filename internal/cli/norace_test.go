//go:build !race

package cli

// raceEnabled reports a test binary built with the race detector.
const raceEnabled = false
