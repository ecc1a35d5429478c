//go:build !race

package extract

// raceEnabled reports a test binary built with the race detector.
const raceEnabled = false
