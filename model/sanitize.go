package model

import (
	"strings"
	"unicode/utf8"
)

// SanitizeLine makes a user- or file-supplied string safe to render on one
// line: escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC
// sequences, in 7-bit and C1 form) are removed whole, other control
// characters and bidi overrides are dropped, tabs and line breaks become
// spaces, invalid UTF-8 becomes U+FFFD, runs of spaces become one, and the
// result is trimmed.
func SanitizeLine(s string) string { return sanitize(s, false) }

// SanitizeText is SanitizeLine for multi-line text: line breaks are kept
// (normalised to \n), everything else is treated the same.
func SanitizeText(s string) string { return sanitize(s, true) }

// sanitizer states
const (
	stText = iota
	stEsc
	stCSI
	stString // OSC / DCS / SOS / PM / APC body, ends at BEL or ST
	stStringEsc
)

//nolint:gocyclo // one state machine over the bytes of s: split up, its states would be harder to follow
func sanitize(s string, multiline bool) string {
	if isPlain(s) {
		if multiline {
			return strings.TrimRight(s, " ")
		}
		return collapseSpaces(strings.TrimSpace(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	state := stText
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			i++
			if state == stText {
				b.WriteRune(utf8.RuneError)
			}
			continue
		}
		i += size
		switch state {
		case stEsc:
			switch r {
			case '[':
				state = stCSI
			case ']', 'P', 'X', '^', '_':
				state = stString
			default:
				// a two-byte sequence (ESC c, ESC 7, ...) or an intermediate; drop it
				if r >= 0x20 && r <= 0x2f {
					continue // intermediate bytes: keep waiting for the final byte
				}
				state = stText
			}
			continue
		case stCSI:
			if r >= 0x40 && r <= 0x7e {
				state = stText
			} else if r < 0x20 || r > 0x7e {
				// malformed: a CSI cannot contain this; stop swallowing
				state = stText
				if r == 0x1b {
					state = stEsc
				}
			}
			continue
		case stString:
			switch r {
			case 0x07, 0x9c:
				state = stText
			case 0x1b:
				state = stStringEsc
			}
			continue
		case stStringEsc:
			if r == '\\' {
				state = stText
			} else if r != 0x1b {
				state = stString
			}
			continue
		}
		switch {
		case r == 0x1b:
			state = stEsc
		case r == 0x9b:
			state = stCSI
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			state = stString
		case r == '\r':
			if multiline {
				if i < len(s) && s[i] == '\n' {
					continue
				}
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\n':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			// other C0 / DEL / C1 controls: drop
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0xfeff:
			// bidi embedding/override/isolate marks and BOM: drop
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if multiline {
		return strings.TrimRight(out, " \n")
	}
	return collapseSpaces(strings.TrimSpace(out))
}

// collapseSpaces turns runs of spaces into one (left behind by removed
// sequences and line breaks).
func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isPlain reports whether s is printable ASCII (the common fast path).
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// Truncate cuts s to at most n runes, marking the cut with an ellipsis.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// HasUnsafe reports whether s holds anything SanitizeLine would remove or
// replace: escape sequences, control characters (line breaks and tabs
// included), bidi controls, a BOM or invalid UTF-8. Typed text is checked
// with it on every key, so it does not allocate.
func HasUnsafe(s string) bool {
	if isPlain(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == utf8.RuneError, r < 0x20, r >= 0x7f && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0xfeff:
			return true
		}
	}
	return false
}
