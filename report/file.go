package report

import (
	"convene/i18n"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes a report to path atomically: into a temporary file in the
// same folder, synced, then renamed into place, so a crash never leaves half
// a file under the real name. When anything fails the temporary file is
// deleted (it may hold personal data), and if that fails too the error
// says which file is left.
func WriteFile(path string, render func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".convene-*")
	if err != nil {
		// name the file asked for, not the temporary one
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return &fs.PathError{Op: "create", Path: path, Err: pe.Err}
		}
		return err
	}
	closed := false
	defer func() {
		if err == nil {
			return
		}
		if !closed {
			_ = tmp.Close() // the write already failed: that error is the one to report
		}
		if rmErr := os.Remove(tmp.Name()); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
			err = errors.Join(err, i18n.Errorf("the temporary file %s is left behind: %w", tmp.Name(), rmErr))
		}
	}()
	if err = render(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	closed = true
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
