package cli

import "testing"

func TestDeskName(t *testing.T) {
	if got := deskName("door"); got != "door" {
		t.Errorf("--desk: %q", got)
	}
	t.Setenv("CONVENE_DESK", "projector")
	if got := deskName(""); got != "projector" {
		t.Errorf("CONVENE_DESK: %q", got)
	}
	t.Setenv("CONVENE_DESK", "")
	if a, b := deskName(""), deskName(""); a == "" || a != b {
		t.Errorf("default desk %q / %q: empty or unstable", a, b)
	}
}
