package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"convene/i18n"
	"convene/report"
	"convene/store"
)

// Encryption of what leaves the laptop, with age (filippo.io/age): a
// passphrase (scrypt, asked twice at the terminal, or --passphrase-file)
// or one or more age recipients (--recipient age1…, --recipients-file).
// The files are ordinary .age files: `age -d` decrypts them.
//
// Every export writes through writeOut, which encrypts when the command has
// the encryption flags (the export command gives them to all its
// subcommands) and one of them is set: a new export gets --encrypt by
// calling writeOut under `convene export`.

// askPassphrase reads one passphrase at the terminal without echo, showing
// prompt on errw. Tests replace it.
var askPassphrase = ttyPassphrase

// scryptWorkFactor is the passphrase's scrypt work factor (log2); 0 is
// age's default (2^18, about a second). Tests lower it.
var scryptWorkFactor = 0

// ageExt is the encrypted files' extension.
const ageExt = ".age"

// encryptFlags are the flags of a command that can write encrypted files.
type encryptFlags struct {
	encrypt        bool
	passphraseFile string
	recipients     []string
	recipientsFile string
}

const (
	flagEncrypt        = "encrypt"
	flagPassphraseFile = "passphrase-file"
	flagRecipient      = "recipient"
	flagRecipientsFile = "recipients-file"
	flagIdentity       = "identity"
)

// addEncryptFlags defines the encryption flags on fs; withSwitch adds
// --encrypt (lock always encrypts).
func addEncryptFlags(p i18n.Printer, fs *pflag.FlagSet, e *encryptFlags, withSwitch bool) {
	if withSwitch {
		fs.BoolVar(&e.encrypt, flagEncrypt, false, p.T("encrypt with age: a passphrase asked twice at the terminal, unless --recipient or --passphrase-file says otherwise"))
	}
	fs.StringVar(&e.passphraseFile, flagPassphraseFile, "", p.T("encrypt with the passphrase in FILE (its first line), for scripts"))
	fs.StringArrayVar(&e.recipients, flagRecipient, nil, p.T("encrypt to this age recipient (age1…); repeat for several"))
	fs.StringVar(&e.recipientsFile, flagRecipientsFile, "", p.T("encrypt to the age recipients listed in FILE, one per line"))
}

// encryptFlagsOf reads the encryption flags of cmd (nil when it has none).
func encryptFlagsOf(cmd *cobra.Command) *encryptFlags {
	fs := cmd.Flags()
	if fs.Lookup(flagPassphraseFile) == nil {
		return nil
	}
	var e encryptFlags
	e.encrypt, _ = fs.GetBool(flagEncrypt)
	e.passphraseFile, _ = fs.GetString(flagPassphraseFile)
	e.recipients, _ = fs.GetStringArray(flagRecipient)
	e.recipientsFile, _ = fs.GetString(flagRecipientsFile)
	return &e
}

// on reports whether the output is to be encrypted: --encrypt, or a
// passphrase file or recipient given (which say how).
func (e *encryptFlags) on() bool {
	return e != nil && (e.encrypt || e.passphraseFile != "" || len(e.recipients) > 0 || e.recipientsFile != "")
}

// build returns the recipients to encrypt to, and when it is a passphrase
// the identity that decrypts (to check a locked file before the plain one
// goes).
func (e *encryptFlags) build(ctx context.Context, p i18n.Printer, errw io.Writer) ([]age.Recipient, []age.Identity, error) {
	var rs []age.Recipient
	for _, r := range e.recipients {
		parsed, err := age.ParseRecipients(strings.NewReader(r))
		if err != nil || len(parsed) != 1 {
			return nil, nil, i18n.Errorf("--recipient %q is not an age recipient (age1…)", r)
		}
		rs = append(rs, parsed...)
	}
	if e.recipientsFile != "" {
		f, err := os.Open(e.recipientsFile)
		if err != nil {
			return nil, nil, err
		}
		parsed, err := age.ParseRecipients(f)
		f.Close()
		if err != nil {
			return nil, nil, i18n.Errorf("%s: %v", e.recipientsFile, err)
		}
		rs = append(rs, parsed...)
	}
	if len(rs) > 0 {
		if e.passphraseFile != "" {
			return nil, nil, i18n.Errorf("a file is encrypted either with a passphrase or to recipients, not both")
		}
		return rs, nil, nil
	}
	pass, err := e.newPassphrase(ctx, p, errw)
	if err != nil {
		return nil, nil, err
	}
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		return nil, nil, err
	}
	if scryptWorkFactor > 0 {
		r.SetWorkFactor(scryptWorkFactor)
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, nil, err
	}
	return []age.Recipient{r}, []age.Identity{id}, nil
}

// newPassphrase reads the passphrase file, or asks twice at the terminal.
func (e *encryptFlags) newPassphrase(ctx context.Context, p i18n.Printer, errw io.Writer) (string, error) {
	if e.passphraseFile != "" {
		return readPassphraseFile(p, e.passphraseFile)
	}
	pass, err := askPassphrase(ctx, p.T("Passphrase (not shown): "), errw)
	if err != nil {
		return "", err
	}
	if pass == "" {
		return "", i18n.Errorf("an empty passphrase protects nothing; nothing was written")
	}
	again, err := askPassphrase(ctx, p.T("The same passphrase again: "), errw)
	if err != nil {
		return "", err
	}
	if again != pass {
		return "", i18n.Errorf("the two passphrases differ; nothing was written")
	}
	return pass, nil
}

func readPassphraseFile(p i18n.Printer, path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return "", i18n.Errorf("%s: the passphrase (its first line) is empty", path)
	}
	return line, nil
}

// errNoTerminal: a passphrase is needed and there is no terminal to ask.
var errNoTerminal = errors.New("no terminal to ask for the passphrase") //i18n:key

// ttyPassphrase reads a line without echo from the terminal (standard
// input if it is one, else the process's terminal). ctrl+c cancels.
func ttyPassphrase(ctx context.Context, prompt string, errw io.Writer) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		name := "/dev/tty"
		if runtime.GOOS == "windows" {
			name = "CONIN$"
		}
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			return "", errNoTerminal
		}
		defer f.Close()
		fd = int(f.Fd())
		if !term.IsTerminal(fd) {
			return "", errNoTerminal
		}
	}
	state, err := term.GetState(fd)
	if err != nil {
		return "", err
	}
	fmt.Fprint(errw, prompt)
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		fmt.Fprintln(errw)
		return string(r.b), r.err
	case <-ctx.Done():
		term.Restore(fd, state) //nolint:errcheck // echo back on before leaving
		fmt.Fprintln(errw)
		return "", context.Cause(ctx)
	}
}

// decryptFlags are the flags of a command that reads encrypted files.
type decryptFlags struct {
	passphraseFile string
	identityFiles  []string
}

func addDecryptFlags(p i18n.Printer, fs *pflag.FlagSet, d *decryptFlags) {
	fs.StringVar(&d.passphraseFile, flagPassphraseFile, "", p.T("decrypt with the passphrase in FILE (its first line), for scripts"))
	fs.StringArrayVarP(&d.identityFiles, flagIdentity, "i", nil, p.T("decrypt with the age identities (secret keys) in FILE; repeat for several"))
}

// probe is an age identity that matches nothing and notes the kinds of
// recipient a file was encrypted to.
type probe struct{ types []string }

func (pr *probe) Unwrap(ss []*age.Stanza) ([]byte, error) {
	for _, s := range ss {
		pr.types = append(pr.types, s.Type)
	}
	return nil, age.ErrIncorrectIdentity
}

// isAge reports whether data starts like an age file (binary or armored).
func isAge(head []byte) bool {
	return bytes.HasPrefix(head, []byte("age-encryption.org/")) || bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte(armor.Header))
}

// ageReader undoes the armor of an armored age file.
func ageReader(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	head, _ := br.Peek(64)
	if bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte(armor.Header)) {
		return armor.NewReader(br)
	}
	return br
}

// identities returns what decrypts the age file at path: the identity
// files given, else a passphrase (from the file given, or asked once at the
// terminal) when the file was encrypted with one. A file encrypted to
// recipients without --identity is a clear error.
func (d *decryptFlags) identities(ctx context.Context, p i18n.Printer, errw io.Writer, path string) ([]age.Identity, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	pr := &probe{}
	_, err = age.Decrypt(ageReader(f), pr)
	f.Close()
	var nm *age.NoIdentityMatchError
	if !errors.As(err, &nm) {
		return nil, i18n.Errorf("%s is not a readable age file: %v", path, err)
	}
	passphrase := len(pr.types) == 1 && pr.types[0] == "scrypt"
	var ids []age.Identity
	for _, name := range d.identityFiles {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		parsed, err := age.ParseIdentities(f)
		f.Close()
		if err != nil {
			return nil, i18n.Errorf("%s: %v", name, err)
		}
		ids = append(ids, parsed...)
	}
	if passphrase {
		var pass string
		if d.passphraseFile != "" {
			pass, err = readPassphraseFile(p, d.passphraseFile)
		} else {
			pass, err = askPassphrase(ctx, p.T("Passphrase for %s: ", filepath.Base(path)), errw)
		}
		if err != nil {
			return nil, err
		}
		id, err := age.NewScryptIdentity(pass)
		if err != nil {
			return nil, err
		}
		return append(ids, id), nil
	}
	if len(ids) == 0 {
		return nil, i18n.Errorf("%s is encrypted to age recipients (%s), not with a passphrase: give the secret key with --identity FILE",
			path, strings.Join(pr.types, ", "))
	}
	return ids, nil
}

// readInput reads a whole input file (at most limit bytes), decrypting it
// when it is an age file; a file that is not encrypted gives nil, nil (the
// caller reads it as it is).
func (d *decryptFlags) readInput(ctx context.Context, p i18n.Printer, errw io.Writer, path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	if !isAge(head[:n]) {
		return nil, nil // not encrypted: the caller reads it as it is
	}
	ids, err := d.identities(ctx, p, errw, path)
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	r, err := age.Decrypt(ageReader(f), ids...)
	if err != nil {
		return nil, decryptFailed(p, &store.DecryptError{Path: path, Err: err})
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, i18n.Errorf("%s is damaged: %v", path, err)
	}
	if int64(len(data)) > limit {
		return nil, i18n.Errorf("%s holds more than %d MB", path, limit>>20)
	}
	return data, nil
}

// decryptFailed words a decryption error: a wrong passphrase or key says
// so, and that nothing was changed.
func decryptFailed(p i18n.Printer, de *store.DecryptError) error {
	if de.Wrong() {
		return i18n.Errorf("%s: wrong passphrase or key; nothing was changed", de.Path)
	}
	return i18n.Errorf("%s cannot be decrypted (%v); nothing was changed", de.Path, de.Err)
}

// writeOut writes an export to a file (atomically: a temporary file renamed
// into place) or to standard output — encrypted when the command's
// encryption flags say so (then a file name gets .age, and standard output
// must not be a terminal). Every export goes through it.
func writeOut(cmd *cobra.Command, path string, fn func(io.Writer) error) error {
	p := printerOf(cmd)
	enc := encryptFlagsOf(cmd)
	if !enc.on() {
		if path == "" || path == "-" {
			return fn(cmd.OutOrStdout())
		}
		if err := report.WriteFile(path, fn); err != nil {
			return err
		}
		fmt.Fprintln(cmd.ErrOrStderr(), p.T("Wrote %s", path))
		return nil
	}
	if path == "" || path == "-" {
		if f, ok := cmd.OutOrStdout().(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return i18n.Errorf("an encrypted file is not for the terminal: write it with -o FILE")
		}
	}
	rs, _, err := enc.build(cmd.Context(), p, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	encrypted := func(w io.Writer) error { return encryptTo(w, rs, fn) }
	if path == "" || path == "-" {
		return encrypted(cmd.OutOrStdout())
	}
	if !strings.HasSuffix(path, ageExt) {
		path += ageExt
	}
	if err := report.WriteFile(path, encrypted); err != nil {
		return err
	}
	fmt.Fprintln(cmd.ErrOrStderr(), p.T("Wrote %s (encrypted; `age -d` or `convene restore` opens it)", path))
	return nil
}

// encryptTo runs fn writing into an age encryption of w to rs: the one
// encrypting writer every encrypted file goes through.
func encryptTo(w io.Writer, rs []age.Recipient, fn func(io.Writer) error) error {
	ew, err := age.Encrypt(w, rs...)
	if err != nil {
		return err
	}
	if err := fn(ew); err != nil {
		return err
	}
	return ew.Close()
}

// printerOf is the message printer for the command's --lang.
func printerOf(cmd *cobra.Command) i18n.Printer {
	lang, _ := cmd.Flags().GetString("lang")
	if lang == "" {
		if l := cmd.Root().PersistentFlags().Lookup("lang"); l != nil {
			lang = l.Value.String()
		}
	}
	p, err := i18n.Resolve(lang)
	if err != nil {
		return i18n.New("en")
	}
	return p
}
