//go:build !race

package testutil

// RaceEnabled reports a binary built with the race detector.
const RaceEnabled = false
