package content

import (
	"testing"
	"time"

	"sportello/locales"
)

func TestLint(t *testing.T) {
	files := map[string]string{}
	for _, lang := range locales.Supported {
		files["a/"+lang+".md"] = articleText("a", lang, "", "Body.")
	}
	files["a/en.md"] = articleText("a", "en", "", "Body.\n\nSee [b](../b/) and [b in French](../b/fr.md).")
	files["a/fr.md"] = edit(t, files["a/fr.md"], "review_by: 2027-05-22", "review_by: 2026-12-31")
	files["a/fa.md"] = edit(t, files["a/fa.md"], "review_by: 2027-05-22", "review_by: 2027-01-25")
	files["a/uk.md"] = edit(t, files["a/uk.md"], "reviewed: 2026-11-22", "reviewed: 2027-02-01")
	keywords := map[string]string{
		"b": "[Permesso, questura, b]", // "permesso" is in four topics: too many
		"c": "[permesso, questura, c]", // "questura" is in three: fine
		"d": "[PERMESSO, questura, d]",
		"e": "[permesso, e]",
	}
	for slug, kw := range keywords {
		files[slug+"/en.md"] = edit(t, articleText(slug, "en", "", "Body."), "keywords: ["+slug+"]", "keywords: "+kw)
	}
	b, err := Load(mapFS(files))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	now := time.Date(2027, 1, 10, 18, 30, 0, 0, time.UTC)
	got := Lint(b, now)
	missing := "missing languages: fr, fa, ps, ar, uk"
	want := []Problem{
		{SeverityError, "a/en.md", 15, `link "../b/fr.md": b has no fr version`},
		{SeverityWarning, "a/fa.md", 11, "review due by 2027-01-25 (in 15 days)"},
		{SeverityError, "a/fr.md", 11, "review overdue since 2026-12-31"},
		{SeverityError, "a/uk.md", 10, "reviewed 2027-02-01 is in the future"},
		{SeverityError, "b/", 0, missing},
		{SeverityWarning, "b/en.md", 6, `keyword "permesso" is shared by 4 topics in en (b, c, d, e): it pulls unrelated articles together`},
		{SeverityError, "c/", 0, missing},
		{SeverityError, "d/", 0, missing},
		{SeverityError, "e/", 0, missing},
	}
	if len(got) != len(want) {
		t.Fatalf("Lint = %d problems:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestLintCleanBase(t *testing.T) {
	files := map[string]string{}
	for _, lang := range locales.Supported {
		files["a/"+lang+".md"] = articleText("a", lang, "", "Body.")
	}
	b, err := Load(mapFS(files))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := Lint(b, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); len(got) != 0 {
		t.Errorf("Lint = %v, want no problems", got)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{SeverityError, "a/en.md", 11, "review overdue since 2026-12-31"}, "a/en.md:11: error: review overdue since 2026-12-31"},
		{Problem{SeverityWarning, "b/", 0, "missing languages: uk"}, "b/: warning: missing languages: uk"},
	}
	for _, tc := range tests {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}
