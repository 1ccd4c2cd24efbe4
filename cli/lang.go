package cli

import (
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"convene/i18n"
)

// language resolves the language of this run: --lang, else $CONVENE_LANG,
// else the system's language, else English. A --lang (or $CONVENE_LANG)
// naming a language convene does not have is an error listing those it has.
func (f *rootFlags) language() (string, error) {
	p, err := i18n.Resolve(f.lang)
	if err != nil {
		return "", err
	}
	return p.Lang(), nil
}

func langUsage(p i18n.Printer) string {
	return p.T("language: %s (default: $CONVENE_LANG, else the system's language, else en)", strings.Join(i18n.Available(), ", "))
}

// runPrinter is the printer of a run: the language its command line,
// $CONVENE_LANG or the system chooses; English when that is not one
// convene has (the command then refuses it, saying which there are).
func runPrinter(args []string) i18n.Printer {
	p, err := i18n.Resolve(i18n.LangFromArgs(args))
	if err != nil {
		return i18n.New("en")
	}
	return p
}

// localize translates what cobra adds by itself: the help and completion
// commands, and the --help and --version flags of every command. Call it
// once every command has been added.
func localize(root *cobra.Command, p i18n.Printer) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.Flags().BoolP("version", "v", false, p.T("version of %s", root.Name()))
	root.SetVersionTemplate(p.T("%s version %s", "{{.Name}}", "{{.Version}}") + "\n")
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = p.T("Help about any command")
			c.Long = p.T("Help for any command: %s help [command].", root.Name())
		case "completion":
			c.Short = p.T("Write the script that completes convene's commands and flags in a shell")
			c.Long = p.T("Write the script that completes the commands and flags of %s in a shell (bash, zsh, fish or powershell); the help of each says how to install it.", root.Name())
			for _, sh := range c.Commands() {
				sh.Short = p.T("The completion script for %s", sh.Name())
				switch sh.Name() {
				case "bash":
					sh.Long = p.T("The completion script for bash (it needs the bash-completion package).\n\nFor this session:\n\n\tsource <(%[1]s completion bash)\n\nFor every session, once (Linux):\n\n\t%[1]s completion bash > ~/.local/share/bash-completion/completions/%[1]s", root.Name())
				case "zsh":
					sh.Long = p.T("The completion script for zsh.\n\nFor every session, once: save it as _%[1]s in a folder of your $fpath:\n\n\t%[1]s completion zsh > \"$fpath[1]/_%[1]s\"\n\nand start a new shell.", root.Name())
				case "fish":
					sh.Long = p.T("The completion script for fish.\n\nFor this session:\n\n\t%[1]s completion fish | source\n\nFor every session, once:\n\n\t%[1]s completion fish > ~/.config/fish/completions/%[1]s.fish", root.Name())
				case "powershell":
					sh.Long = p.T("The completion script for PowerShell.\n\nFor this session:\n\n\t%[1]s completion powershell | Out-String | Invoke-Expression\n\nFor every session, add that line to your PowerShell profile ($PROFILE).", root.Name())
				}
				if fl := sh.Flags().Lookup("no-descriptions"); fl != nil {
					fl.Usage = p.T("leave out the commands' descriptions")
				}
			}
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		if fl := c.Flags().Lookup("help"); fl != nil {
			fl.Usage = p.T("help for %s", c.Name())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// printsHelp reports whether a command line prints help (and nothing
// else): -h or --help, the help command, or a command that only groups
// others.
func printsHelp(root *cobra.Command, args []string) bool {
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" {
			return true
		}
	}
	if len(args) > 0 && args[0] == "help" {
		return true
	}
	cmd, _, err := root.Find(args)
	return err == nil && cmd != root && !cmd.Runnable()
}

// helpWriter writes fang's help with its own words translated: the
// headings (USAGE, EXAMPLES, COMMANDS, FLAGS) and the placeholders of the
// usage line ([command], [args], [--flags]). It is used only when a run
// prints help, so no other output passes through it. It is a term.File
// when the output is, so that fang still sees a terminal (colours).
type helpWriter struct {
	w    io.Writer
	repl *strings.Replacer
	head map[string]string
}

func newHelpWriter(w io.Writer, p i18n.Printer) io.Writer {
	hw := &helpWriter{w: w, head: map[string]string{}}
	for _, h := range []string{i18n.Key("usage"), i18n.Key("examples"), i18n.Key("commands"), i18n.Key("flags")} {
		hw.head[strings.ToUpper(h)] = strings.ToUpper(p.Word(h))
	}
	hw.repl = strings.NewReplacer("[command]", p.T("[command]"), "[args]", p.T("[args]"), "[--flags]", p.T("[--flags]"))
	if f, ok := w.(*os.File); ok {
		return &helpFile{helpWriter: hw, f: f}
	}
	return hw
}

func (h *helpWriter) Write(b []byte) (int, error) {
	s := string(b)
	if word := strings.TrimSpace(ansi.Strip(s)); h.head[word] != "" {
		s = strings.Replace(s, word, h.head[word], 1)
	} else {
		s = h.repl.Replace(s)
	}
	if _, err := io.WriteString(h.w, s); err != nil {
		return 0, err
	}
	return len(b), nil
}

// helpFile is a helpWriter on a file (the terminal).
type helpFile struct {
	*helpWriter
	f *os.File
}

func (h *helpFile) Read(b []byte) (int, error) { return h.f.Read(b) }
func (h *helpFile) Close() error               { return h.f.Close() }
func (h *helpFile) Fd() uintptr                { return h.f.Fd() }

// cobraErrors are the messages cobra and pflag write for a wrong command
// line, as patterns, with the catalog key each is shown with.
var cobraErrors = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`), i18n.Key("unknown command %q for %q")},
	{regexp.MustCompile(`^unknown flag: (\S+)$`), i18n.Key("unknown flag: %s")},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)$`), i18n.Key("unknown flag: -%s (in %s)")},
	{regexp.MustCompile(`^flag needs an argument: (.+)$`), i18n.Key("the flag %s needs a value")},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: .*$`), i18n.Key("%q is not a valid value for %s")},
	{regexp.MustCompile(`^required flag\(s\) (.+) not set$`), i18n.Key("required flag(s) not given: %s")},
	{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`), i18n.Key("takes %s argument(s), not %s")},
	{regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`), i18n.Key("takes at most %s argument(s), not %s")},
	{regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`), i18n.Key("needs at least %s argument(s), not %s")},
	{regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)$`), i18n.Key("takes %s to %s arguments, not %s")},
}

// errorText is err's text in p's language: convene's own errors through
// the catalog (i18n.Printer.Error), cobra's and pflag's by their patterns.
func errorText(p i18n.Printer, err error) string {
	msg := err.Error()
	first, rest, _ := strings.Cut(msg, "\n")
	for _, ce := range cobraErrors {
		if m := ce.re.FindStringSubmatch(first); m != nil {
			args := make([]any, len(m)-1)
			for i, a := range m[1:] {
				args[i] = a
			}
			out := p.T(ce.key, args...)
			if rest != "" {
				out += "\n" + strings.Replace(rest, "Did you mean this?", p.T("Did you mean this?"), 1)
			}
			return out
		}
	}
	return p.Error(err)
}
