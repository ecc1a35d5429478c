package site

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestGoBuildID checks goBuildID against `go tool buildid` on the test
// binary itself.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if got := goBuildID(exe); got != want {
		t.Errorf("goBuildID = %q, want %q", got, want)
	}
	if got := goBuildID("/nonexistent"); got != "" {
		t.Errorf("goBuildID of a missing file = %q", got)
	}
}
