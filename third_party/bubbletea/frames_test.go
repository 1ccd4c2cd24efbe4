package tea

// Tests of the patched renderer loop (see PATCH.md): the renderer ticks only
// while frames are requested, never misses one, and still limits the rate.

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// recRenderer records the frames the renderer loop asks for.
type recRenderer struct {
	nilRenderer
	mu      sync.Mutex
	view    string      // the latest view given to render
	flushes int         // flush(false) calls: frames the loop drew
	drawn   chan string // the view of each frame, in order
}

func newRecRenderer() *recRenderer { return &recRenderer{drawn: make(chan string, 4096)} }

func (r *recRenderer) render(v View) {
	r.mu.Lock()
	r.view = v.Content
	r.mu.Unlock()
}

func (r *recRenderer) flush(closing bool) error {
	if closing {
		return nil
	}
	r.mu.Lock()
	r.flushes++
	v := r.view
	r.mu.Unlock()
	select {
	case r.drawn <- v:
	default:
	}
	return nil
}

func (r *recRenderer) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.flushes
}

type setContentMsg string

type contentModel struct{ content string }

func (m contentModel) Init() Cmd { return nil }

func (m contentModel) Update(msg Msg) (Model, Cmd) {
	if s, ok := msg.(setContentMsg); ok {
		m.content = string(s)
	}
	return m, nil
}

func (m contentModel) View() View { return NewView(m.content) }

// startRec runs a program whose renderer is recorded and waits until its
// first view is drawn. The returned func quits it.
func startRec(t *testing.T, opts ...ProgramOption) (*Program, *recRenderer, func()) {
	t.Helper()
	rec := newRecRenderer()
	p := NewProgram(contentModel{"start"}, append([]ProgramOption{WithInput(nil), WithOutput(io.Discard)}, opts...)...)
	p.renderer = rec
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	waitDrawn(t, rec, "start")
	return p, rec, func() {
		p.Quit()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}
}

// waitDrawn waits until a frame shows want, and says when it was drawn.
func waitDrawn(t *testing.T, rec *recRenderer, want string) time.Time {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case v := <-rec.drawn:
			if v == want {
				return time.Now()
			}
		case <-timeout:
			t.Fatalf("no frame drew %q within 5 s", want)
		}
	}
}

// settle waits until no frame has been drawn for 100 ms (1 s at most: a
// renderer that never sleeps draws frames all the time).
func settle(rec *recRenderer) {
	limit := time.After(time.Second)
	for {
		select {
		case <-rec.drawn:
		case <-time.After(100 * time.Millisecond):
			return
		case <-limit:
			return
		}
	}
}

func TestRendererSleepsWhileIdle(t *testing.T) {
	_, rec, quit := startRec(t, WithFPS(120))
	defer quit()
	settle(rec)
	before := rec.count()
	time.Sleep(250 * time.Millisecond) // 30 frame intervals at 120 fps
	if n := rec.count() - before; n != 0 {
		t.Errorf("the idle renderer drew %d frames in 250 ms, want 0 (it should not tick)", n)
	}
}

func TestFrameAfterIdleIsDrawn(t *testing.T) {
	p, rec, quit := startRec(t, WithFPS(60))
	defer quit()
	for i, want := range []string{"first", "second", "third"} {
		settle(rec) // idle: the ticker has stopped
		sent := time.Now()
		p.Send(setContentMsg(want))
		// Drawn at once, not at the next tick: there is nothing to limit.
		took := waitDrawn(t, rec, want).Sub(sent)
		t.Logf("view %d drawn %v after the message", i+1, took)
		if !raceEnabled && took > 50*time.Millisecond {
			t.Errorf("view %d drawn %v after the message, want it at once (3 frame intervals at most)", i+1, took)
		}
	}
}

func TestBurstIsCoalesced(t *testing.T) {
	p, rec, quit := startRec(t, WithFPS(60))
	defer quit()
	settle(rec)
	before := rec.count()
	const n = 200
	for i := range n {
		p.Send(setContentMsg(string(rune('a' + i%26))))
	}
	p.Send(setContentMsg("last"))
	waitDrawn(t, rec, "last")
	settle(rec)
	if got := rec.count() - before; got >= n/2 {
		t.Errorf("%d messages in a burst drew %d frames, want them coalesced", n+1, got)
	}
}

func TestQueuedOutputIsFlushedWhileIdle(t *testing.T) {
	var out lockedBuffer
	rec := newRecRenderer()
	p := NewProgram(contentModel{"start"}, WithInput(nil), WithOutput(&out))
	p.renderer = rec
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	defer func() { p.Quit(); <-done }()
	waitDrawn(t, rec, "start")
	settle(rec)
	p.execute("queued")
	deadline := time.Now().Add(5 * time.Second)
	for !out.contains("queued") {
		if time.Now().After(deadline) {
			t.Fatal("output queued while idle was not written within 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}

func TestRestartedRendererRepaintsAndDraws(t *testing.T) {
	p, rec, quit := startRec(t, WithFPS(60))
	defer quit()
	for round := range 3 {
		settle(rec)
		if err := p.ReleaseTerminal(); err != nil {
			t.Fatal(err)
		}
		before := rec.count()
		if err := p.RestoreTerminal(); err != nil {
			t.Fatal(err)
		}
		// The restored screen is repainted without any message.
		deadline := time.Now().Add(5 * time.Second)
		for rec.count() == before {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: no repaint after RestoreTerminal", round)
			}
			time.Sleep(time.Millisecond)
		}
		settle(rec)
		want := string(rune('x' + round))
		p.Send(setContentMsg(want))
		waitDrawn(t, rec, want)
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *lockedBuffer) contains(s string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Contains(string(b.buf), s)
}

// slowModel takes 2 ms per update and counts the views asked for.
type slowModel struct {
	content string
	views   *int
	mu      *sync.Mutex
}

func (m slowModel) Init() Cmd { return nil }

func (m slowModel) Update(msg Msg) (Model, Cmd) {
	if s, ok := msg.(setContentMsg); ok {
		time.Sleep(2 * time.Millisecond)
		m.content = string(s)
	}
	return m, nil
}

func (m slowModel) View() View {
	m.mu.Lock()
	*m.views++
	m.mu.Unlock()
	return NewView(m.content)
}

func TestQueuedMessagesAreViewedOnce(t *testing.T) {
	// convene's change: messages already waiting are handled before the
	// view is asked for (for at most a frame), so a burst of queued keys
	// costs one view, not one per key.
	views, mu := 0, &sync.Mutex{}
	rec := newRecRenderer()
	p := NewProgram(slowModel{"start", &views, mu}, WithInput(nil), WithOutput(io.Discard), WithFPS(30))
	p.renderer = rec
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	waitDrawn(t, rec, "start")
	settle(rec)
	mu.Lock()
	before := views
	mu.Unlock()
	for i := range 20 {
		p.Send(setContentMsg(strings.Repeat("x", i+1)))
	}
	waitDrawn(t, rec, strings.Repeat("x", 20))
	mu.Lock()
	n := views - before
	mu.Unlock()
	// 20 updates of 2 ms take 40 ms: at 30 fps the view is asked for at
	// least every 33 ms, so 2 or 3 times
	t.Logf("20 queued messages: %d views", n)
	if n > 5 {
		t.Errorf("20 queued messages asked for %d views, want a few", n)
	}
	p.Quit()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
}

// TestFirstContentIsDrawnAtOnce: a program that shows nothing until its
// data is read (an empty view) has its first view with content drawn as
// soon as it is there, not at the next frame interval.
func TestFirstContentIsDrawnAtOnce(t *testing.T) {
	rec := newRecRenderer()
	p := NewProgram(contentModel{""}, WithInput(nil), WithOutput(io.Discard), WithFPS(10)) // 100 ms a frame
	p.renderer = rec
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	defer func() { p.Quit(); <-done }()
	waitDrawn(t, rec, "") // the empty first view: drawn, but it does not count
	sent := time.Now()
	p.Send(setContentMsg("ready"))
	took := waitDrawn(t, rec, "ready").Sub(sent)
	t.Logf("the first view with content drawn %v after it was set", took)
	if !raceEnabled && took > 50*time.Millisecond {
		t.Errorf("the first view with content drawn %v after it was set, want at once (the frame interval is 100 ms)", took)
	}
}

// TestFramesKeepTheRate: after a frame, the next one waits for the frame
// interval, and draws the latest view.
func TestFramesKeepTheRate(t *testing.T) {
	p, rec, quit := startRec(t, WithFPS(10)) // 100 ms a frame
	defer quit()
	settle(rec)
	p.Send(setContentMsg("a"))
	first := waitDrawn(t, rec, "a")
	p.Send(setContentMsg("b"))
	p.Send(setContentMsg("c"))
	next := waitDrawn(t, rec, "c")
	if gap := next.Sub(first); gap < 80*time.Millisecond {
		t.Errorf("the next frame came %v after the last, want the frame interval (100 ms)", gap)
	}
}

// TestNothingRenderedIsBlank: a frame drawn before the program rendered its
// first view (to write the terminal queries Run sends first) is blank, so
// it does not hold back the first view with content.
func TestNothingRenderedIsBlank(t *testing.T) {
	p := NewProgram(contentModel{"start"}, WithInput(nil), WithOutput(io.Discard))
	if !p.blank.Load() {
		t.Error("a program that rendered nothing yet counts as drawn with content")
	}
}
