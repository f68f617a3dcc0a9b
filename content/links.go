package content

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"sportello/locales"
)

// bodyLink is a Markdown link found in an article body.
type bodyLink struct {
	text, target string
	line         int
}

// linkKind tells external links from links to other articles.
type linkKind int

const (
	linkExternal linkKind = iota // http(s), tel: or mailto:
	linkArticle                  // ../<slug>/ or ../<slug>/<lang>.md
)

// linkTarget is a classified link target.
type linkTarget struct {
	kind linkKind
	slug string // for linkArticle
	lang string // for linkArticle; empty means the linking article's language
}

// linkRe matches an inline link or image at the start of a string:
// [text](target) or [text](target "title").
var linkRe = regexp.MustCompile(`^!?\[([^\]\n]*)\]\(\s*([^)\s]*)(?:\s+"[^"\n]*")?\s*\)`)

// linkAt parses the link at the start of s and returns its text, its target and
// its length in bytes.
func linkAt(s string) (text, target string, n int, ok bool) {
	m := linkRe.FindStringSubmatch(s)
	if m == nil {
		return "", "", 0, false
	}
	return m[1], m[2], len(m[0]), true
}

// classifyLink tells what a link target points at, or why editors may not write it.
func classifyLink(target string) (linkTarget, error) {
	if strings.HasPrefix(target, "../") {
		return articleLink(target)
	}
	u, err := url.Parse(target)
	if err != nil {
		return linkTarget{}, fmt.Errorf("link %q is not a valid URL: %w", target, err)
	}
	switch {
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return linkTarget{kind: linkExternal}, nil
	case (u.Scheme == "tel" || u.Scheme == "mailto") && u.Opaque != "":
		return linkTarget{kind: linkExternal}, nil
	}
	return linkTarget{}, fmt.Errorf("link %q: write an absolute http(s) URL, tel:, mailto:, or ../<slug>/ for another article", target)
}

// articleLink parses ../<slug>/, ../<slug> or ../<slug>/<lang>.md, with an optional
// #fragment.
func articleLink(target string) (linkTarget, error) {
	rest, _, _ := strings.Cut(strings.TrimPrefix(target, "../"), "#")
	slug, file, _ := strings.Cut(rest, "/")
	if !validSlug(slug) || strings.Contains(file, "/") {
		return linkTarget{}, fmt.Errorf("link %q: write links to other articles as ../<slug>/ or ../<slug>/<lang>.md", target)
	}
	t := linkTarget{kind: linkArticle, slug: slug}
	if file == "" {
		return t, nil
	}
	lang, isMD := strings.CutSuffix(file, ".md")
	if !isMD || !slices.Contains(locales.Supported, lang) {
		return linkTarget{}, fmt.Errorf("link %q: the file must be <lang>.md with lang one of %s", target, strings.Join(locales.Supported, ", "))
	}
	t.lang = lang
	return t, nil
}

// codeSpanRe matches inline code, whose content is never a link.
var codeSpanRe = regexp.MustCompile("`[^`]*`")

// extractLinks returns the links in a Markdown body whose first line is line
// first of its file, skipping code.
func extractLinks(body string, first int) []bodyLink {
	var links []bodyLink
	inFence := false
	for i, line := range strings.Split(body, "\n") {
		if isFence(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		line = codeSpanRe.ReplaceAllStringFunc(line, func(s string) string { return strings.Repeat(" ", len(s)) })
		for j := 0; j < len(line); j++ {
			if line[j] != '[' && line[j] != '!' {
				continue
			}
			if text, target, n, ok := linkAt(line[j:]); ok {
				links = append(links, bodyLink{text: text, target: target, line: first + i})
				j += n - 1
			}
		}
	}
	return links
}

// isFence reports whether line opens or closes a fenced code block.
func isFence(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
}
