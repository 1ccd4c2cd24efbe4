package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"convene/model"
)

// The server's own terminal: where to connect (each role's command and
// passcode), the connected desks, the running clock, a short log; ctrl+c
// stops the server and says goodbye to the desks.

type (
	dashTickMsg    struct{}
	dashRefreshMsg struct{}
	dashClockMsg   struct {
		event, session, clock string
	}
)

type dashboard struct {
	s             *Server
	width, height int
	event         string
	session       string
	clock         string
	addrs         []string
	port          string
	bold, muted   lipgloss.Style
	title, warn   lipgloss.Style
}

func newDashboard(s *Server) *dashboard {
	port, addrs := "2222", lanAddrs()
	if a := s.Addr(); a != nil {
		var h string
		h, port, _ = net.SplitHostPort(a.String())
		if ip := net.ParseIP(h); ip != nil && !ip.IsUnspecified() {
			addrs = []string{h} // listening on one address only
		}
	}
	return &dashboard{s: s, width: 80, height: 24, addrs: addrs, port: port,
		bold: lipgloss.NewStyle().Bold(true), muted: lipgloss.NewStyle().Faint(true),
		title: lipgloss.NewStyle().Bold(true).Reverse(true), warn: lipgloss.NewStyle().Bold(true)}
}

func (d *dashboard) Init() tea.Cmd { return tea.Batch(d.readClock(), d.tick()) }

func (d *dashboard) tick() tea.Cmd {
	return tea.Every(time.Second, func(time.Time) tea.Msg { return dashTickMsg{} })
}

// readClock reads the event, the session and its running clock.
func (d *dashboard) readClock() tea.Cmd {
	st, tr, now := d.s.st, d.s.tr, d.s.cfg.Now
	return func() tea.Msg {
		ctx := context.Background()
		cur, err := st.Current(ctx, "", "")
		if err != nil {
			return dashClockMsg{event: tr.T("no event yet: connect as the organiser to create one")}
		}
		msg := dashClockMsg{event: model.SanitizeLine(cur.Event.Name), session: model.SanitizeLine(cur.Session.Title)}
		items, _ := st.AgendaItems(ctx, cur.Session.ID)
		if i := model.Active(items); i >= 0 {
			msg.clock = "▶ " + model.SanitizeLine(items[i].Title) + " · " + remaining(items[i].Clock, now())
			return msg
		}
		topics, _ := st.Topics(ctx, cur.Event.ID)
		if i := model.Discussing(topics); i >= 0 {
			msg.clock = "▶ " + model.SanitizeLine(topics[i].Title) + " · " + remaining(topics[i].Clock, now())
		}
		return msg
	}
}

func remaining(clk model.Clock, now time.Time) string {
	r := clk.Remaining(now)
	if r < 0 {
		return "+" + model.FormatDuration(-r)
	}
	return model.FormatDuration(r)
}

func (d *dashboard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		d.width, d.height = msg.Width, msg.Height
	case dashTickMsg:
		return d, tea.Batch(d.readClock(), d.tick())
	case dashClockMsg:
		d.event, d.session, d.clock = msg.event, msg.session, msg.clock
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return d, tea.Quit
		}
	}
	return d, nil
}

// commands are the lines to type, per role.
func (d *dashboard) commands() [][3]string {
	addr := d.s.tr.T("THIS-LAPTOP")
	if len(d.addrs) > 0 {
		addr = d.addrs[0]
	}
	if strings.Contains(addr, ":") {
		addr = "[" + addr + "]"
	}
	codes := d.s.codes()
	tr := d.s.tr
	return [][3]string{
		{tr.T("Check-in desk"), "ssh -p " + d.port + " door@" + addr, codes[model.RoleDesk]},
		{tr.T("Display"), "ssh -p " + d.port + " projector@" + addr, codes[model.RoleDisplay]},
		{tr.T("Organiser"), "ssh -p " + d.port + " organiser@" + addr, codes[model.RoleOrganiser]},
	}
}

func (d *dashboard) View() tea.View {
	v := tea.NewView(d.render())
	v.AltScreen = true
	v.WindowTitle = "convene serve"
	return v
}

func (d *dashboard) render() string {
	tr := d.s.tr
	var b strings.Builder
	head := "convene serve"
	if d.event != "" {
		head += " · " + d.event
	}
	if d.session != "" {
		head += " · " + d.session
	}
	now := d.s.cfg.Now().Format("15:04:05")
	b.WriteString(d.title.Render(fitTo(head, d.width-len(now)-1)) + " " + d.bold.Render(now) + "\n")
	if d.clock != "" {
		b.WriteString(d.bold.Render(d.clock) + "\n")
	}
	b.WriteString("\n" + tr.T("On the same Wi-Fi or hotspot, type (the word before @ names the desk; any name works):") + "\n")
	cmds := d.commands()
	lw, cw := columnWidth(cmds, 0), columnWidth(cmds, 1)
	for _, c := range cmds {
		pad := strings.Repeat(" ", cw-len([]rune(c[1]))) // the passcodes in one column
		fmt.Fprintf(&b, "  %-*s %s%s   %s %s\n", lw, c[0], d.bold.Render(c[1]), pad, tr.T("passcode"), d.bold.Render(c[2]))
	}
	if len(d.addrs) > 1 {
		b.WriteString(d.muted.Render("  "+tr.T("other addresses of this laptop: %s", strings.Join(d.addrs[1:], ", "))) + "\n")
	}
	if len(d.addrs) == 0 {
		b.WriteString(d.warn.Render("  "+tr.T("This laptop has no network address: turn on Wi-Fi or its hotspot.")) + "\n")
	}
	infos := d.s.hub.infos()
	b.WriteString("\n" + d.bold.Render(tr.T("Connected desks: %d", len(infos))) + "\n")
	if len(infos) > 0 {
		b.WriteString(d.muted.Render(fmt.Sprintf("  %-16s %-10s %-6s %-15s %s", tr.T("name"), tr.T("role"), tr.T("since"), tr.T("address"), tr.T("last action"))) + "\n")
	}
	room := max(3, d.height-14)
	for i, in := range infos {
		if i == room {
			b.WriteString("  " + tr.T("… and %d more", len(infos)-room) + "\n")
			break
		}
		b.WriteString(fitTo(fmt.Sprintf("  %-16s %-10s %-6s %-15s %s", in.Desk, tr.Word(string(in.Role)), in.Since.Format("15:04"), in.Addr, in.Last), d.width) + "\n")
	}
	b.WriteString("\n")
	for _, l := range d.s.hub.log(4) {
		b.WriteString(d.muted.Render(fitTo(l, d.width)) + "\n")
	}
	b.WriteString(d.bold.Render(tr.T("ctrl+c stops the server (the desks are told; everything is saved)")))
	return b.String()
}

// listening says, without the dashboard, where the desks connect.
func (s *Server) listening() string {
	var b strings.Builder
	b.WriteString(s.tr.T("convene serve: listening on %s", s.Addr().String()) + "\n")
	cmds := newDashboard(s).commands()
	lw, cw := columnWidth(cmds, 0), columnWidth(cmds, 1)
	for _, c := range cmds {
		fmt.Fprintf(&b, "  %-*s %-*s   %s %s\n", lw, c[0], cw, c[1], s.tr.T("passcode"), c[2])
	}
	return b.String()
}

// labelWidth is the width of the longest role label (in runes: the labels
// are letters, which fmt pads by rune).
// columnWidth is the widest text in column k of the commands.
func columnWidth(cmds [][3]string, k int) int {
	w := 0
	for _, c := range cmds {
		w = max(w, len([]rune(c[k])))
	}
	return w
}

func fitTo(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// lanAddrs are this machine's addresses that other devices can reach:
// IPv4 first (private ranges first), then global IPv6; no loopback, no
// link-local.
func lanAddrs() []string {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var v4, v6 []net.IP
	for _, in := range ifs {
		if in.Flags&net.FlagUp == 0 || in.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := in.Addrs()
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() {
				continue
			}
			if ipn.IP.To4() != nil {
				v4 = append(v4, ipn.IP)
			} else if ipn.IP.IsGlobalUnicast() {
				v6 = append(v6, ipn.IP)
			}
		}
	}
	sort.SliceStable(v4, func(i, j int) bool { return v4[i].IsPrivate() && !v4[j].IsPrivate() })
	out := make([]string, 0, len(v4)+len(v6))
	for _, ip := range append(v4, v6...) {
		out = append(out, ip.String())
	}
	return out
}

// Run serves until ctx ends or, with a terminal, ctrl+c on the dashboard;
// then it says goodbye to the desks and stops. Without a terminal (dash
// false) it prints where to connect to out.
func (s *Server) Run(ctx context.Context, dash bool, out io.Writer) error {
	if err := s.Listen(); err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve() }()
	stop := func() error {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return s.Shutdown(sctx)
	}
	if !dash {
		// a status for whoever reads out: if it is gone there is nowhere
		// left to report that, and the desks that know the address still
		// need the server
		_, _ = io.WriteString(out, s.listening())
		select {
		case <-ctx.Done():
		case err := <-served:
			return err
		}
		return stop()
	}
	d := newDashboard(s)
	p := tea.NewProgram(d, tea.WithContext(ctx))
	refresh := make(chan struct{}, 1)
	s.hub.changed = func() {
		select {
		case refresh <- struct{}{}:
		default:
		}
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-refresh:
				p.Send(dashRefreshMsg{})
			}
		}
	}()
	go func() {
		if err := <-served; err != nil {
			p.Quit()
		}
	}()
	_, err := p.Run()
	if serr := stop(); err == nil || isInterrupt(err) {
		err = serr
	}
	return err
}

func isInterrupt(err error) bool {
	return err != nil && (errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled))
}
