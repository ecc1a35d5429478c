//go:build race

package clean

// raceEnabled is true under the race detector, which makes the
// cross-validation grid too slow to run and adds nothing to it.
const raceEnabled = true
