package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	boom := errors.New("boom")
	tests := []struct {
		name    string
		render  func(io.Writer) error
		wantErr error
		want    string // the file's content; "" = no file
	}{
		{"written", func(w io.Writer) error { _, err := io.WriteString(w, "a,b\n"); return err }, nil, "a,b\n"},
		{"render fails half-way", func(w io.Writer) error { _, _ = io.WriteString(w, "half"); return boom }, boom, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_ = os.Remove(path)
			err := WriteFile(path, tt.render)
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got, readErr := os.ReadFile(path)
			if tt.want == "" && readErr == nil {
				t.Errorf("a half-written %s exists: %q", path, got)
			}
			if tt.want != "" && string(got) != tt.want {
				t.Errorf("content %q, want %q", got, tt.want)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".convene-*")); len(left) != 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
		})
	}
	// a folder that does not exist: nothing is created
	if err := WriteFile(filepath.Join(dir, "no", "such", "x.csv"), func(io.Writer) error { return nil }); err == nil {
		t.Error("wrote into a missing folder")
	}
}
