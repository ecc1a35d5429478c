//go:build race

package cli

// raceEnabled reports a test binary built with the race detector, whose
// instrumentation changes what the program allocates and multiplies its
// time.
const raceEnabled = true
