package serve

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"

	gossh "golang.org/x/crypto/ssh"

	"convene/i18n"
	"convene/model"
)

// Files the server keeps next to the database (all mode 0600):
//
//	convene.db.host_key   the server's SSH host key (ed25519): desks see the
//	                      same fingerprint after every restart
//	convene.db.passcodes  the passcodes, per event and role (JSON)
//	convene.db.organisers organisers' public keys, one a line, in OpenSSH's
//	                      authorized_keys format (optional, written by hand)

// HostKeyPath is where the server's host key lives.
func HostKeyPath(db string) string { return db + ".host_key" }

// PasscodesPath is where the passcodes live.
func PasscodesPath(db string) string { return db + ".passcodes" }

// OrganisersPath is the organisers' public-key allow-list.
func OrganisersPath(db string) string { return db + ".organisers" }

// Passcodes are the 6-digit codes of one event, by role.
type Passcodes map[model.Role]string

// passcodeFile holds the passcodes of every event (the key "" before the
// first event exists).
type passcodeFile struct {
	path string
	mu   sync.Mutex
}

// load returns the passcodes of an event, making and storing those
// missing (all of them again when fresh is true).
func (f *passcodeFile) load(eventID string, fresh bool) (Passcodes, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	all := map[string]Passcodes{}
	data, err := os.ReadFile(f.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, i18n.Errorf("passcodes: %w", err)
	default:
		if err := json.Unmarshal(data, &all); err != nil {
			return nil, i18n.Errorf("passcodes: %s is damaged (delete it, or start with --new-passcodes): %w", f.path, err)
		}
	}
	codes := all[eventID]
	if codes == nil || fresh {
		codes = Passcodes{}
	}
	changed := false
	for _, r := range model.Roles {
		if len(codes[r]) == 6 {
			continue
		}
		for {
			c, err := newPasscode()
			if err != nil {
				return nil, err
			}
			if !codes.has(c) {
				codes[r] = c
				break
			}
		}
		changed = true
	}
	if !changed {
		return codes, nil
	}
	all[eventID] = codes
	out, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := writePrivate(f.path, out); err != nil {
		return nil, i18n.Errorf("passcodes: %w", err)
	}
	return codes, nil
}

func (p Passcodes) has(code string) bool {
	for _, c := range p {
		if c == code {
			return true
		}
	}
	return false
}

// newPasscode is 6 random digits.
func newPasscode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// writePrivate writes a file readable only by its owner, replacing it whole.
func writePrivate(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// organiserKeys reads the allow-list (a missing file allows nobody).
func organiserKeys(path string) ([]gossh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var keys []gossh.PublicKey
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			continue // a broken line allows nobody
		}
		keys = append(keys, k)
	}
	return keys, nil
}
