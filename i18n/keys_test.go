package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The message keys used in the code are found by reading the module's
// source, not kept in a list:
//
//   - the first argument of a call to a function or method named T, W,
//     Word or Key (Printer.T, Printer.Word, ui's Common.T and Common.W,
//     i18n.Key) when it is a string literal (or literals joined with +);
//   - the format of an error or message made to be translated where it is
//     shown: i18n.Errorf, and the package-local errorf and phrase (store),
//     reason and failf (sheet); %w is read as %v there (i18n.KeyFormat);
//   - the second argument of key.WithHelp(keys, desc), and the third of
//     ui's bind(keys, helpKey, desc);
//   - the title of a ui table column: column{title: "…"};
//   - every string literal in the declaration or statement that follows a
//     comment line "//i18n:key" (directly, or as the last part of its doc
//     comment), or that ends on a line carrying "//i18n:key" after the
//     code, for tables of words chosen at run time in packages that may not
//     import i18n, such as the clock states and item kinds in model/.
//
// Test files, testdata and the locales themselves are not read.

// keyFuncs are the names of the catalog's calls whose first argument is a
// message key.
var keyFuncs = map[string]bool{"T": true, "W": true, "Word": true, "Key": true}

// formatFuncs are the functions, called by their bare name in their own
// package, whose first argument is an error format that is a message key.
var formatFuncs = map[string]bool{"errorf": true, "phrase": true, "reason": true, "failf": true}

// marker is the comment that marks the string literals of the next
// declaration or statement as message keys.
const marker = "//i18n:key"

// keyUse is where a key is used, for messages.
type keyUse struct {
	key string
	pos string
}

// usedKeys walks every non-test .go file under root and returns the keys
// found, with one place each is used.
func usedKeys(t testing.TB, root string) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, u := range fileKeys(fset, f, src) {
			if _, ok := keys[u.key]; !ok {
				keys[u.key] = filepath.ToSlash(rel) + ":" + u.pos
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// fileKeys returns the keys used in one parsed file; src is its text.
func fileKeys(fset *token.FileSet, f *ast.File, src []byte) []keyUse {
	lines := strings.Split(string(src), "\n")
	var out []keyUse
	add := func(e ast.Expr) {
		if s, ok := literal(e); ok && s != "" {
			out = append(out, keyUse{s, strconv.Itoa(fset.Position(e.Pos()).Line)})
		}
	}
	addFormat := func(e ast.Expr) {
		if s, ok := literal(e); ok && s != "" {
			out = append(out, keyUse{KeyFormat(s), strconv.Itoa(fset.Position(e.Pos()).Line)})
		}
	}
	// A marker comment standing on its own line (alone or within a doc
	// comment) marks the declaration or statement that starts on the line
	// after its comment group; one after code marks what ends on its line.
	above, after := map[int]bool{}, map[int]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if !strings.HasPrefix(c.Text, marker) {
				continue
			}
			p := fset.Position(c.Slash)
			if strings.TrimSpace(lines[p.Line-1][:p.Column-1]) == "" {
				above[fset.Position(cg.End()).Line+1] = true
			} else {
				after[p.Line] = true
			}
		}
	}
	done := map[ast.Node]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if (len(above) > 0 || len(after) > 0) && isDeclOrStmt(n) && !done[n] {
			start, end := fset.Position(n.Pos()).Line, fset.Position(n.End()).Line
			if above[start] || after[end] && !markedInside(after, start, end) {
				ast.Inspect(n, func(m ast.Node) bool {
					switch m := m.(type) {
					case *ast.BasicLit:
						if m.Kind == token.STRING {
							add(m)
						}
					case *ast.BinaryExpr: // literals joined with + are one key
						if _, ok := literal(m); ok {
							add(m)
							return false
						}
					}
					return true
				})
				done[n] = true
			}
		}
		if cl, ok := n.(*ast.CompositeLit); ok {
			if id, ok := cl.Type.(*ast.Ident); ok && id.Name == "column" {
				for _, e := range cl.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "title" {
							add(kv.Value)
						}
					}
				}
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		switch fn := call.Fun.(type) {
		case *ast.SelectorExpr:
			x, _ := fn.X.(*ast.Ident)
			if x != nil && x.Name == "key" && fn.Sel.Name == "WithHelp" && len(call.Args) == 2 {
				add(call.Args[1])
			} else if x != nil && x.Name == "i18n" && fn.Sel.Name == "Errorf" && len(call.Args) > 0 {
				addFormat(call.Args[0])
			} else if keyFuncs[fn.Sel.Name] && len(call.Args) > 0 {
				add(call.Args[0])
			}
		case *ast.Ident:
			if keyFuncs[fn.Name] && len(call.Args) > 0 {
				add(call.Args[0])
			} else if fn.Name == "bind" && len(call.Args) == 3 {
				add(call.Args[2])
			} else if formatFuncs[fn.Name] && len(call.Args) > 0 {
				addFormat(call.Args[0])
			}
		}
		return true
	})
	return out
}

// markedInside reports whether a marker sits strictly inside the lines of a
// node (then a smaller node inside it is the one marked).
func markedInside(marked map[int]bool, start, end int) bool {
	for l := start; l < end; l++ {
		if marked[l] {
			return true
		}
	}
	return false
}

func isDeclOrStmt(n ast.Node) bool {
	switch n.(type) {
	case ast.Decl, ast.Spec, ast.Stmt, *ast.Field, *ast.KeyValueExpr:
		return true
	}
	return false
}

// literal evaluates a string literal or literals joined with +.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return literal(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(e.X)
		b, ok2 := literal(e.Y)
		return a + b, ok1 && ok2
	}
	return "", false
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
