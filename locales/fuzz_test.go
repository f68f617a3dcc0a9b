package locales

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDetect: detection never panics and only names a supported language.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{"bonjour", "سلام", "привіт", "زه غواړم", "\xff", "questura permesso"} {
		f.Add(s, "fa")
	}
	f.Fuzz(func(t *testing.T, text, hint string) {
		d := DetectWithHint(text, hint)
		if d.Lang != "" && !slices.Contains(Supported, d.Lang) {
			t.Fatalf("DetectWithHint(%q, %q) = %q, not a supported language", text, hint, d.Lang)
		}
	})
}

// FuzzIsolateRuns: isolation only adds isolates, keeps the text otherwise intact, and
// is idempotent.
func FuzzIsolateRuns(f *testing.F) {
	f.Add("اتصل على 800 905 570 أو codice fiscale")
	f.Add("\u2068x\u2069 1 2")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := IsolateRuns("ar", s)
		strip := func(x string) string {
			return strings.Map(func(r rune) rune {
				if r >= '\u2066' && r <= '\u2069' {
					return -1
				}
				return r
			}, x)
		}
		if strip(got) != strip(s) {
			t.Fatalf("IsolateRuns changed the text: %q -> %q", s, got)
		}
		if again := IsolateRuns("ar", got); again != got {
			t.Fatalf("IsolateRuns not idempotent: %q -> %q", got, again)
		}
	})
}
