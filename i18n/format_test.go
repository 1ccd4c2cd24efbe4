package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// formatLocale writes a locale file in its one canonical form: keys in
// order, two-space indent, plural forms one per line in selection order,
// no HTML escaping, a final newline. The tests keep the files in this form
// and "go test ./i18n -stub" rewrites them in it.
func formatLocale(msgs map[string]entry) []byte {
	keys := make([]string, 0, len(msgs))
	for k := range msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		b.WriteString(quote(k))
		b.WriteString(": ")
		writeEntry(&b, msgs[k], "  ")
	}
	if len(keys) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("}\n")
	return b.Bytes()
}

func writeEntry(b *bytes.Buffer, e entry, indent string) {
	if e.arg == 0 {
		b.WriteString(quote(e.text))
		return
	}
	in := indent + "  "
	fmt.Fprintf(b, "{\n%s\"plural\": %s", in, strconv.Itoa(e.arg))
	for _, f := range e.forms {
		fmt.Fprintf(b, ",\n%s%s: ", in, quote(f.sel))
		writeEntry(b, f.msg, in)
	}
	fmt.Fprintf(b, "\n%s}", indent)
}

// quote is a JSON string without HTML escaping (so "<", ">" and "&" stay
// readable).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}
