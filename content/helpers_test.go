package content

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// validText is a complete article with every field; tests edit single lines of it.
// Its lines: 2 slug, 3 lang, 4 title, 5-7 summary, 8 keywords, 9 category,
// 10 related, 11-12 sources, 13 reviewed, 14 review_by, 15 "---", 16- body.
const validText = `---
slug: asylum-application
lang: en
title: How to apply for asylum in Italy
` + validSummary + `
keywords: [asylum, C3, questura, cedolino]
category: asylum
related: [free-legal-aid, reception-centres]
sources:
  - https://help.unhcr.org/italy/faq
reviewed: 2026-11-22
review_by: 2027-05-22
---
` + validBody

// validSummary is the summary field of validText, lines 5 to 7.
const validSummary = `summary: >-
  Say at the questura that you want asylum. The police fill in the C3 form
  and give you a receipt, the cedolino.`

// validBody is the body of validText, from line 16; its links are on lines 21 and 23.
const validBody = `You can ask for asylum at any questura.

## What to bring

- Any **documents** you have.
- Ask for a [free lawyer](../free-legal-aid/).

More on [UNHCR Italy](https://help.unhcr.org/italy/faq).
`

// validPath is where validText belongs.
const validPath = "asylum-application/en.md"

// articleText returns a small valid article. Its lines: 2 slug, 3 lang, 4 title,
// 5 summary, 6 keywords, 7 category, 8 related, 9 sources, 10 reviewed,
// 11 review_by, 12 "---", 13 the first line of body.
func articleText(slug, lang, related, body string) string {
	return fmt.Sprintf(`---
slug: %[1]s
lang: %[2]s
title: Title of %[1]s
summary: Summary of %[1]s.
keywords: [%[1]s]
category: help
related: [%[3]s]
sources: [https://example.org/%[1]s]
reviewed: 2026-11-22
review_by: 2027-05-22
---
%[4]s
`, slug, lang, related, body)
}

// edit replaces the first occurrence of each old, new pair in s.
func edit(tb testing.TB, s string, pairs ...string) string {
	tb.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			tb.Fatalf("edit: %q not in the article", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// mapFS builds a file system from path and content pairs.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// fileErrors returns the problems inside err, failing the test when err is not a
// *LoadError.
func fileErrors(tb testing.TB, err error) []*FileError {
	tb.Helper()
	var le *LoadError
	if !errors.As(err, &le) {
		tb.Fatalf("error = %v (%T), want a *LoadError", err, err)
	}
	return le.Errors
}

// wantError is an expected problem: a path, a line and part of the reason.
type wantError struct {
	path   string
	line   int
	reason string
}

// checkErrors fails unless err holds exactly the wanted problems, in order.
func checkErrors(tb testing.TB, err error, want ...wantError) {
	tb.Helper()
	got := fileErrors(tb, err)
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		g, w := got[i], want[i]
		ok = g.Path == w.path && g.Line == w.line && strings.Contains(g.Reason, w.reason)
	}
	if !ok {
		tb.Fatalf("errors:\n%v\nwant:\n%s", err, formatWant(want))
	}
}

// formatWant lists expected problems one per line.
func formatWant(want []wantError) string {
	var b strings.Builder
	for _, w := range want {
		fmt.Fprintf(&b, "%s:%d: …%s…\n", w.path, w.line, w.reason)
	}
	return b.String()
}
