package content

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseValid(t *testing.T) {
	a, err := Parse(validPath, []byte(validText))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	date := func(s string) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"Slug", a.Slug, "asylum-application"},
		{"Lang", a.Lang, "en"},
		{"Title", a.Title, "How to apply for asylum in Italy"},
		{"Summary", a.Summary, "Say at the questura that you want asylum. The police fill in the C3 form and give you a receipt, the cedolino."},
		{"Keywords", strings.Join(a.Keywords, "|"), "asylum|C3|questura|cedolino"},
		{"Category", a.Category, "asylum"},
		{"Related", strings.Join(a.Related, "|"), "free-legal-aid|reception-centres"},
		{"Sources", strings.Join(a.Sources, "|"), "https://help.unhcr.org/italy/faq"},
		{"Reviewed", a.Reviewed, date("2026-11-22")},
		{"ReviewBy", a.ReviewBy, date("2027-05-22")},
		{"Path", a.Path, validPath},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	if !strings.HasPrefix(a.Body, "You can ask for asylum") || !strings.HasSuffix(a.Body, "(https://help.unhcr.org/italy/faq).") {
		t.Errorf("Body = %q, want the text after the front matter, trimmed", a.Body)
	}
}

func TestParseTolerates(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"byte order mark", "\xEF\xBB\xBF" + validText},
		{"CRLF line endings", strings.ReplaceAll(validText, "\n", "\r\n")},
		{"no related", edit(t, validText, "related: [free-legal-aid, reception-centres]\n", "")},
		{"empty related", edit(t, validText, "related: [free-legal-aid, reception-centres]", "related: []")},
		{"quoted date", edit(t, validText, "reviewed: 2026-11-22", `reviewed: "2026-11-22"`)},
		{"title of 120 characters", edit(t, validText, "title: How to apply for asylum in Italy", "title: "+strings.Repeat("é", 120))},
		{"French no-break space before a colon", edit(t, validText, "You can ask", "RÉFUGIÉ\u00a0: you can ask")},
		{"tel and mailto links", edit(t, validText, "You can ask", "[Call 112](tel:112) or [write](mailto:info@example.org). You can ask")},
		{"link in code is not a link", edit(t, validText, "You can ask", "Write `[x](nowhere)`. You can ask")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse(validPath, []byte(tc.data)); err != nil {
				t.Fatalf("Parse: %v", err)
			}
		})
	}
}

func TestParseRules(t *testing.T) {
	tests := []struct {
		name   string
		path   string // validPath when empty
		edits  []string
		line   int
		reason string
	}{
		{"no front matter", "", []string{"---\n", ""}, 1, "missing front matter"},
		{"front matter not closed", "", []string{"---\nYou can", "You can"}, 1, "front matter is not closed"},
		{"YAML syntax error", "", []string{"category: asylum", "category: [asylum"}, 9, "not valid YAML"},
		{"YAML error on a later line", "", []string{"reviewed: 2026-11-22", "reviewed: 2026: 11"}, 13, "not valid YAML"},
		{"unknown field", "", []string{"category: asylum", "category: asylum\nauthor: me"}, 10, `unknown field "author"`},
		{"misspelt field", "", []string{"title:", "titel:"}, 4, `did you mean "title"`},
		{"repeated field", "", []string{"category: asylum", "category: asylum\ncategory: legal"}, 10, `field "category" repeated`},
		{"missing title", "", []string{"title: How to apply for asylum in Italy\n", ""}, 1, `missing required field "title"`},
		{"empty summary", "", []string{validSummary, "summary:"}, 5, `field "summary" is empty`},
		{"empty keywords", "", []string{"keywords: [asylum, C3, questura, cedolino]", "keywords: []"}, 8, `field "keywords" is empty`},
		{"empty keyword entry", "", []string{"keywords: [asylum, C3,", `keywords: [asylum, "",`}, 8, `empty entry in "keywords"`},
		{"missing sources", "", []string{"sources:\n  - https://help.unhcr.org/italy/faq\n", ""}, 1, `missing required field "sources"`},
		{"missing review_by", "", []string{"review_by: 2027-05-22\n", ""}, 1, `missing required field "review_by"`},
		{"title is a list", "", []string{"title: How to apply for asylum in Italy", "title: [a, b]"}, 4, "must be a single value"},
		{"keywords not a list", "", []string{"keywords: [asylum, C3, questura, cedolino]", "keywords: asylum"}, 8, "must be a list"},
		{"slug with capitals", "Asylum/en.md", []string{"slug: asylum-application", "slug: Asylum"}, 2, "use only a-z, 0-9"},
		{"slug not the folder", "", []string{"slug: asylum-application", "slug: asylum"}, 2, `does not match its folder "asylum-application"`},
		{"lang not the file name", "", []string{"lang: en", "lang: fr"}, 3, `does not match the file name "en.md"`},
		{"lang not canonical", "asylum-application/prs.md", []string{"lang: en", "lang: prs"}, 3, `write "fa"`},
		{"lang not supported", "asylum-application/de.md", []string{"lang: en", "lang: de"}, 3, `lang "de" is not one of`},
		{"date not YYYY-MM-DD", "", []string{"reviewed: 2026-11-22", "reviewed: 22/11/2026"}, 13, "write YYYY-MM-DD"},
		{"date with time", "", []string{"review_by: 2027-05-22", "review_by: 2027-05-22T10:00:00Z"}, 14, "write YYYY-MM-DD"},
		{"review_by before reviewed", "", []string{"review_by: 2027-05-22", "review_by: 2026-01-01"}, 14, "must be after reviewed"},
		{"review_by same day", "", []string{"review_by: 2027-05-22", "review_by: 2026-11-22"}, 14, "must be after reviewed"},
		{"source not a URL", "", []string{"  - https://help.unhcr.org/italy/faq", "  - https://help.unhcr.org/italy/faq\n  - UNHCR website"}, 13, `source "UNHCR website"`},
		{"source not http", "", []string{"  - https://help.unhcr.org/italy/faq", "  - ftp://example.org/faq"}, 12, "absolute http(s) URL"},
		{"source relative", "", []string{"  - https://help.unhcr.org/italy/faq", "  - /italy/faq"}, 12, "absolute http(s) URL"},
		{"unknown category", "", []string{"category: asylum", "category: asilo"}, 9, `unknown category "asilo"`},
		{"related to itself", "", []string{"related: [free-legal-aid,", "related: [asylum-application, free-legal-aid,"}, 10, "points to the article itself"},
		{"related not a slug", "", []string{"related: [free-legal-aid,", "related: [Free Legal Aid, free-legal-aid,"}, 10, "is not a slug"},
		{"related twice", "", []string{"related: [free-legal-aid,", "related: [free-legal-aid, free-legal-aid,"}, 10, "listed twice"},
		{"title too long", "", []string{"title: How to apply for asylum in Italy", "title: " + strings.Repeat("ا", 121)}, 4, "title is 121 characters long, the limit is 120"},
		{"title on two lines", "", []string{"title: How to apply for asylum in Italy", "title: |\n  How to apply\n  for asylum"}, 4, "title must be one line"},
		{"summary too long", "", []string{validSummary, "summary: " + strings.Repeat("a", 601)}, 5, "summary is 601 characters long, the limit is 600"},
		{"empty body", "", []string{validBody, "\n \n"}, 15, "body is empty"},
		{"link without scheme", "", []string{"More on [UNHCR Italy](https://help.unhcr.org/italy/faq)", "More on [UNHCR Italy](help.unhcr.org/italy/faq)"}, 23, "write an absolute http(s) URL"},
		{"article link without ../", "", []string{"(../free-legal-aid/)", "(free-legal-aid/en.md)"}, 21, `link "free-legal-aid/en.md"`},
		{"article link to an unknown language", "", []string{"(../free-legal-aid/)", "(../free-legal-aid/it.md)"}, 21, "<lang>.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := cmp.Or(tc.path, validPath)
			data := edit(t, validText, tc.edits...)
			a, err := Parse(path, []byte(data))
			if a != nil {
				t.Errorf("Parse returned an article with an error")
			}
			checkErrors(t, err, wantError{path, tc.line, tc.reason})
		})
	}
}

func TestParseReportsEveryProblemInAFile(t *testing.T) {
	data := edit(t, validText,
		"lang: en", "lang: fr",
		"category: asylum", "category: nope",
		"review_by: 2027-05-22", "review_by: soon",
	)
	_, err := Parse(validPath, []byte(data))
	checkErrors(t, err,
		wantError{validPath, 3, "does not match the file name"},
		wantError{validPath, 9, "unknown category"},
		wantError{validPath, 14, "not a date"},
	)
}

func TestFileErrorFormat(t *testing.T) {
	tests := []struct {
		err  *FileError
		want string
	}{
		{&FileError{Path: "a/en.md", Line: 4, Reason: "title is empty"}, "a/en.md:4: title is empty"},
		{&FileError{Path: "a/en.md", Reason: "not an article"}, "a/en.md: not an article"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
	le := &LoadError{Errors: []*FileError{tests[0].err, tests[1].err}}
	if got, want := le.Error(), "a/en.md:4: title is empty\na/en.md: not an article"; got != want {
		t.Errorf("LoadError.Error() = %q, want %q", got, want)
	}
	var fe *FileError
	if !errors.As(le, &fe) || fe != tests[0].err {
		t.Errorf("errors.As(LoadError, *FileError) = %v, want the first problem", fe)
	}
	if !slices.Contains(le.Unwrap(), error(tests[1].err)) {
		t.Errorf("Unwrap() = %v, want every problem", le.Unwrap())
	}
}
