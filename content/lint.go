package content

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"sportello/locales"
)

// Severity says whether a lint problem must be fixed before publishing.
type Severity int

// Severities, most serious first.
const (
	SeverityError   Severity = iota // must be fixed
	SeverityWarning                 // should be looked at
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Problem is one finding of Lint.
type Problem struct {
	Severity Severity
	Path     string // file or, for a whole topic, folder ("asylum-application/")
	Line     int    // 0 when the problem concerns the whole file or folder
	Message  string
}

// String formats the problem as "path:line: severity: message", the line left out
// when it is 0.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", p.Path, p.Line, p.Severity, p.Message)
	}
	return fmt.Sprintf("%s: %s: %s", p.Path, p.Severity, p.Message)
}

const (
	// reviewWarning is how long before review_by lint starts warning.
	reviewWarning = 30 * 24 * time.Hour
	// maxKeywordSlugs is how many topics may share a keyword in one language before
	// the keyword stops telling them apart in search.
	maxKeywordSlugs = 3
)

// Lint runs the whole-base checks of "sportello content lint", stricter than Load:
// every topic in all six languages, links only to language versions that exist,
// reviews not overdue (an error) or due within
// 30 days (a warning), and keywords shared by more than three topics in one
// language (a warning). now decides what is overdue. Problems are sorted by path
// and line.
func Lint(b *Base, now time.Time) []Problem {
	var ps []Problem
	ps = append(ps, lintLanguages(b)...)
	ps = append(ps, lintReviews(b, now)...)
	ps = append(ps, lintLinks(b)...)
	ps = append(ps, lintKeywords(b)...)
	slices.SortStableFunc(ps, func(x, y Problem) int {
		return cmp.Or(strings.Compare(x.Path, y.Path), cmp.Compare(x.Line, y.Line))
	})
	return ps
}

// lintLanguages reports topics missing in some language.
func lintLanguages(b *Base) []Problem {
	var ps []Problem
	for _, slug := range b.slugs {
		have := b.langs[slug]
		var missing []string
		for _, l := range locales.Supported {
			if !slices.Contains(have, l) {
				missing = append(missing, l)
			}
		}
		if len(missing) > 0 {
			ps = append(ps, Problem{Severity: SeverityError, Path: slug + "/",
				Message: "missing languages: " + strings.Join(missing, ", ")})
		}
	}
	return ps
}

// lintLinks reports body links to a language version of an article that does not
// exist yet.
func lintLinks(b *Base) []Problem {
	var ps []Problem
	for _, a := range b.articles {
		if a.pos == nil {
			continue
		}
		for _, l := range a.pos.links {
			t, err := classifyLink(l.target)
			if err != nil || t.kind != linkArticle || t.lang == "" {
				continue
			}
			if _, ok := b.byKey[key(t.slug, t.lang)]; !ok {
				ps = append(ps, Problem{Severity: SeverityError, Path: a.Path, Line: l.line,
					Message: fmt.Sprintf("link %q: %s has no %s version", l.target, t.slug, t.lang)})
			}
		}
	}
	return ps
}

// lintReviews reports reviews overdue, due soon, or dated in the future.
func lintReviews(b *Base, now time.Time) []Problem {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var ps []Problem
	for _, a := range b.articles {
		if a.Reviewed.After(today) {
			ps = append(ps, Problem{Severity: SeverityError, Path: a.Path, Line: a.line("reviewed"),
				Message: fmt.Sprintf("reviewed %s is in the future", a.Reviewed.Format(dateLayout))})
		}
		due := a.ReviewBy.Format(dateLayout)
		switch days := int(a.ReviewBy.Sub(today).Hours() / 24); {
		case a.ReviewBy.Before(today):
			ps = append(ps, Problem{Severity: SeverityError, Path: a.Path, Line: a.line("review_by"),
				Message: "review overdue since " + due})
		case a.ReviewBy.Sub(today) <= reviewWarning:
			ps = append(ps, Problem{Severity: SeverityWarning, Path: a.Path, Line: a.line("review_by"),
				Message: fmt.Sprintf("review due by %s (in %d days)", due, days)})
		}
	}
	return ps
}

// keywordUse is where one case-folded keyword appears in one language.
type keywordUse struct {
	slugs []string
	first *Article
	line  int
}

// lintKeywords reports keywords shared by too many topics in one language: a
// question containing one would match them all.
func lintKeywords(b *Base) []Problem {
	uses := map[string]*keywordUse{} // lang + "\x00" + folded keyword
	var order []string
	for _, a := range b.articles {
		for i, kw := range a.Keywords {
			k := a.Lang + "\x00" + strings.ToLower(kw)
			u, seen := uses[k]
			if !seen {
				u = &keywordUse{first: a, line: keywordLine(a, i)}
				uses[k] = u
				order = append(order, k)
			}
			if !slices.Contains(u.slugs, a.Slug) {
				u.slugs = append(u.slugs, a.Slug)
			}
		}
	}
	var ps []Problem
	for _, k := range order {
		u := uses[k]
		if len(u.slugs) <= maxKeywordSlugs {
			continue
		}
		lang, kw, _ := strings.Cut(k, "\x00")
		ps = append(ps, Problem{Severity: SeverityWarning, Path: u.first.Path, Line: u.line,
			Message: fmt.Sprintf("keyword %q is shared by %d topics in %s (%s): it pulls unrelated articles together",
				kw, len(u.slugs), lang, strings.Join(u.slugs, ", "))})
	}
	return ps
}

// keywordLine returns the line of a's i-th keyword, or 0 when unknown.
func keywordLine(a *Article, i int) int {
	if a.pos == nil {
		return 0
	}
	return itemLine(a.pos.keywords, i)
}
