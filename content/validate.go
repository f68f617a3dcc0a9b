package content

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"sportello/locales"
)

// slugRe is the slug format: lowercase ASCII words joined by single hyphens.
var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validSlug reports whether s is a well-formed slug.
func validSlug(s string) bool { return slugRe.MatchString(s) }

// checkFields checks the decoded front matter values; empty values were already
// reported by decode and are skipped here.
func (p *parser) checkFields(a *Article) {
	folder, file := pathParts(p.path)
	p.checkSlug(a, folder)
	p.checkLang(a, file)
	p.checkText(a)
	if a.Category != "" && !isCategory(a.Category) {
		p.failf(a.line("category"), "unknown category %q (allowed: %s)", a.Category, strings.Join(Categories, ", "))
	}
	p.checkRelated(a)
	p.checkSources(a)
	if !a.Reviewed.IsZero() && !a.ReviewBy.IsZero() && !a.ReviewBy.After(a.Reviewed) {
		p.failf(a.line("review_by"), "review_by %s must be after reviewed %s",
			a.ReviewBy.Format(dateLayout), a.Reviewed.Format(dateLayout))
	}
}

// checkSlug checks the slug's format and that it names the article's folder.
func (p *parser) checkSlug(a *Article, folder string) {
	if a.Slug == "" {
		return
	}
	line := a.line("slug")
	if !validSlug(a.Slug) {
		p.failf(line, "slug %q: use only a-z, 0-9 and single hyphens", a.Slug)
	}
	if folder != "" && folder != "." && folder != a.Slug {
		p.failf(line, "slug %q does not match its folder %q", a.Slug, folder)
	}
}

// checkLang checks that lang is a canonical code and names the file.
func (p *parser) checkLang(a *Article, file string) {
	if a.Lang == "" {
		return
	}
	line := a.line("lang")
	if !slices.Contains(locales.Supported, a.Lang) {
		if c, ok := locales.Normalize(a.Lang); ok {
			p.failf(line, "lang %q is not a canonical code: write %q", a.Lang, c)
		} else {
			p.failf(line, "lang %q is not one of %s", a.Lang, strings.Join(locales.Supported, ", "))
		}
	}
	if base, isMD := strings.CutSuffix(file, ".md"); isMD && base != a.Lang {
		p.failf(line, "lang %q does not match the file name %q", a.Lang, file)
	}
}

// checkText checks the title and summary lengths.
func (p *parser) checkText(a *Article) {
	if strings.Contains(a.Title, "\n") {
		p.failf(a.line("title"), "title must be one line")
	}
	if n := utf8.RuneCountInString(a.Title); n > MaxTitleLen {
		p.failf(a.line("title"), "title is %d characters long, the limit is %d", n, MaxTitleLen)
	}
	if n := utf8.RuneCountInString(a.Summary); n > MaxSummaryLen {
		p.failf(a.line("summary"), "summary is %d characters long, the limit is %d", n, MaxSummaryLen)
	}
}

// checkRelated checks the form of each related entry; Load checks that they exist.
func (p *parser) checkRelated(a *Article) {
	seen := map[string]bool{}
	for i, r := range a.Related {
		line := itemLine(a.pos.related, i)
		switch {
		case !validSlug(r):
			p.failf(line, "related %q is not a slug: write the folder name of another article", r)
		case r == a.Slug:
			p.failf(line, "related %q points to the article itself", r)
		case seen[r]:
			p.failf(line, "related %q is listed twice", r)
		}
		seen[r] = true
	}
}

// checkSources checks that every source is an absolute http(s) URL.
func (p *parser) checkSources(a *Article) {
	for i, s := range a.Sources {
		if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.failf(itemLine(a.pos.sources, i), "source %q is not an absolute http(s) URL", s)
		}
	}
}
