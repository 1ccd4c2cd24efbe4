package serve

import (
	"crypto/subtle"
	"net"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"convene/model"
)

// Passcode guessing is limited per address with a token bucket: each
// address may get burst wrong passcodes at once, then one more every
// refill. While its bucket is empty, a login from that address is refused
// before its passcode is even looked at (so a guess then teaches nothing),
// and that lasts at most one refill after the last wrong passcode: desks
// behind one NAT address (a hotspot) are locked out for seconds, not for
// good, by a volunteer's typos. A correct passcode does not reset the
// bucket (someone with a correct passcode needs no more tries). An
// attacker behind one address gets burst + 1/refill guesses: with the
// defaults 10 at once then 10 a minute, so about 33 days on average to hit
// one of three 6-digit passcodes. SSH's own MaxAuthTries (3 per connection)
// and a pause of pause after each wrong passcode slow each connection too.
type limiter struct {
	burst  float64
	refill time.Duration
	pause  time.Duration
	now    func() time.Time
	mu     sync.Mutex
	addrs  map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{burst: 10, refill: 6 * time.Second, pause: time.Second, now: now, addrs: map[string]*bucket{}}
}

// level refills an address's bucket to now and returns it.
func (l *limiter) level(addr string) *bucket {
	now := l.now()
	b := l.addrs[addr]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.addrs[addr] = b
	}
	b.tokens = min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.refill))
	b.at = now
	return b
}

// allow reports whether an address may try a passcode now, and if not,
// how long until it may.
func (l *limiter) allow(addr string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.level(addr)
	if b.tokens >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(l.refill))
}

// fail takes a token for a wrong passcode.
func (l *limiter) fail(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.level(addr)
	b.tokens = max(0, b.tokens-1)
	if len(l.addrs) > 10_000 { // forget full buckets
		for a, x := range l.addrs {
			if x.tokens >= l.burst {
				delete(l.addrs, a)
			}
		}
	}
}

// host is the address part of a remote address.
func host(a net.Addr) string {
	if a == nil {
		return ""
	}
	h, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return h
}

// roleKey holds a connection's role in its ssh.Context once logged in.
type roleKey struct{}

// roleOf is the role a connection logged in with.
func roleOf(ctx ssh.Context) model.Role {
	r, _ := ctx.Value(roleKey{}).(model.Role)
	return r
}

// check tries a passcode from a connection: it sets the connection's role
// when one role's passcode matches.
func (s *Server) check(ctx ssh.Context, code string) bool {
	addr := host(ctx.RemoteAddr())
	if ok, wait := s.limit.allow(addr); !ok {
		s.hub.note(s.tr.T("%s refused: too many wrong passcodes from this address (it may try again in %d s)", addr, int(wait.Seconds()+0.99)))
		return false
	}
	codes := s.codes()
	for _, r := range model.Roles {
		if c := codes[r]; c != "" && subtle.ConstantTimeCompare([]byte(c), []byte(code)) == 1 {
			ctx.SetValue(roleKey{}, r)
			return true
		}
	}
	s.limit.fail(addr)
	s.hub.note(s.tr.T("%s: wrong passcode for %s", addr, deskName(ctx.User())))
	if s.limit.pause > 0 {
		time.Sleep(s.limit.pause)
	}
	return false
}

// passwordAuth accepts a passcode given as the password.
func (s *Server) passwordAuth(ctx ssh.Context, pw string) bool { return s.check(ctx, pw) }

// keyboardAuth asks for the passcode (keyboard-interactive login). The
// words are in the prompt, not in the challenge's name or instruction:
// OpenSSH shows those with every non-ASCII byte escaped («\322\261…»),
// the prompt as it is.
func (s *Server) keyboardAuth(ctx ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
	answers, err := ch("convene", "", []string{s.tr.T("Passcode (on the organiser's screen): ")}, []bool{false})
	if err != nil || len(answers) != 1 {
		return false
	}
	return s.check(ctx, answers[0])
}

// publicKeyAuth lets in, as organisers, the keys of the allow-list.
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	keys, err := organiserKeys(OrganisersPath(s.cfg.DBPath))
	if err != nil {
		return false
	}
	for _, k := range keys {
		if ssh.KeysEqual(k, key) {
			ctx.SetValue(roleKey{}, model.RoleOrganiser)
			return true
		}
	}
	return false
}
