//go:build !race

package importer

// raceEnabled is true when the tests run under the race detector.
const raceEnabled = false
