package content

import (
	"net/url"
	"regexp"
	"strings"
)

// Block patterns of the Markdown subset editors write.
var (
	headingRe  = regexp.MustCompile(`^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	bulletRe   = regexp.MustCompile(`^(\s*)[-*+]\s+(.*)$`)
	numberedRe = regexp.MustCompile(`^(\s*)(\d{1,9}[.)])\s+(.*)$`)
	quoteRe    = regexp.MustCompile(`^\s*>\s?(.*)$`)
	ruleRe     = regexp.MustCompile(`^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$`)
	blankRunRe = regexp.MustCompile(`\n{3,}`)
)

// PlainText renders an article body for chat channels, which show text and no
// HTML. Headings become lines of their own, "-" and "*" list items become "• item",
// numbered lists stay, emphasis and code markers go, external links become
// "text: url" (just the URL when the text is the URL) and links to other articles
// just their text. Lines wrapped inside a paragraph or list item are joined, as
// Markdown would show them, and at most one blank line separates paragraphs.
func PlainText(markdown string) string {
	r := plainRenderer{}
	for _, line := range strings.Split(strings.ReplaceAll(markdown, "\r\n", "\n"), "\n") {
		r.line(line)
	}
	out := strings.Join(r.out, "\n")
	return strings.Trim(blankRunRe.ReplaceAllString(out, "\n\n"), "\n")
}

// plainRenderer turns Markdown into plain text one line at a time.
type plainRenderer struct {
	out      []string
	joinable bool // the last line is paragraph text that a wrapped line continues
	inFence  bool
}

// line renders one Markdown line.
func (r *plainRenderer) line(raw string) {
	line := strings.TrimRight(raw, " \t")
	hardBreak := strings.HasSuffix(raw, "  ") || strings.HasSuffix(line, `\`)
	switch {
	case isFence(line):
		r.inFence = !r.inFence
		r.emit("", false)
		return
	case r.inFence:
		r.emit(line, false)
	case strings.TrimSpace(line) == "" || ruleRe.MatchString(line):
		r.emit("", false)
	default:
		r.block(strings.TrimSuffix(line, `\`))
	}
	if hardBreak {
		r.joinable = false
	}
}

// block renders a line that is neither code nor blank.
func (r *plainRenderer) block(line string) {
	if m := headingRe.FindStringSubmatch(line); m != nil {
		r.emit(inline(m[1]), false)
		return
	}
	if m := bulletRe.FindStringSubmatch(line); m != nil {
		r.emit(m[1]+"• "+inline(m[2]), true)
		return
	}
	if m := numberedRe.FindStringSubmatch(line); m != nil {
		r.emit(m[1]+m[2]+" "+inline(m[3]), true)
		return
	}
	if m := quoteRe.FindStringSubmatch(line); m != nil {
		line = m[1]
	}
	text := inline(strings.TrimSpace(line))
	if r.joinable && len(r.out) > 0 {
		r.out[len(r.out)-1] += " " + text
		return
	}
	r.emit(text, true)
}

// emit appends an output line.
func (r *plainRenderer) emit(s string, joinable bool) {
	r.out = append(r.out, strings.TrimRight(s, " \t"))
	r.joinable = joinable
}

// autolinkRe matches <https://…> and <mailto:…> at the start of a string.
var autolinkRe = regexp.MustCompile(`^<((?:https?://|mailto:)[^>\s]+)>`)

// inline removes emphasis and code markers from one line of text and renders its
// links.
func inline(s string) string {
	toks := tokenize(s)
	pairDelimiters(toks)
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.delim == 0:
			b.WriteString(t.text)
		case !t.matched:
			b.WriteString(strings.Repeat(string(t.delim), t.n))
		}
	}
	return b.String()
}

// renderLink renders [text](target) for a chat.
func renderLink(text, target string) string {
	t := inline(text)
	u, err := url.Parse(target)
	if err != nil || u.Scheme == "" {
		return t // another article, or a place in this one
	}
	shown := target
	if u.Scheme == "mailto" || u.Scheme == "tel" {
		shown = u.Opaque
	}
	if t == "" || t == shown || t == target {
		return shown
	}
	return t + ": " + shown
}
