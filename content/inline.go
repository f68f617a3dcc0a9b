package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is literal text or a run of emphasis delimiters ("**", "_").
type token struct {
	text     string
	delim    byte // '*' or '_'; 0 for literal text
	n        int  // length of the run
	canOpen  bool
	canClose bool
	matched  bool // paired with another run, so both are dropped
}

// tokenize splits a line into literal text (code spans, rendered links, bare URLs,
// escaped characters, words) and emphasis delimiter runs.
func tokenize(s string) []token {
	var toks []token
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, token{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		if text, n := literalAt(s, i); n > 0 {
			lit.WriteString(text)
			i += n
			continue
		}
		if c := s[i]; c == '*' || c == '_' {
			flush()
			t := delimiterRun(s, i)
			toks = append(toks, t)
			i += t.n
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		lit.WriteString(s[i : i+size])
		i += size
	}
	flush()
	return toks
}

// literalAt returns the rendering of a construct at s[i:] that emphasis never
// reaches inside (an escape, code, a link, a URL) and its length, or n == 0.
func literalAt(s string, i int) (text string, n int) {
	rest := s[i:]
	switch {
	case rest[0] == '\\' && len(rest) > 1 && unicode.IsPunct(rune(rest[1])):
		return rest[1:2], 2
	case rest[0] == '`':
		return codeSpan(rest)
	case rest[0] == '[' || strings.HasPrefix(rest, "!["):
		if text, target, n, ok := linkAt(rest); ok {
			return renderLink(text, target), n
		}
	case rest[0] == '<':
		if m := autolinkRe.FindStringSubmatch(rest); m != nil {
			return strings.TrimPrefix(m[1], "mailto:"), len(m[0])
		}
	case strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://"):
		if i == 0 || !isWordRune(lastRune(s[:i])) {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			return rest[:end], end
		}
	}
	return "", 0
}

// codeSpan renders `code` at the start of s: its content without the backticks.
// An unclosed run of backticks stays as it is.
func codeSpan(s string) (string, int) {
	run := len(s) - len(strings.TrimLeft(s, "`"))
	fence := s[:run]
	end := strings.Index(s[run:], fence)
	if end < 0 {
		return fence, run
	}
	return strings.TrimSpace(s[run : run+end]), run + end + run
}

// delimiterRun reads the run of '*' or '_' at s[i] and decides, as CommonMark does
// in simplified form, whether it can open or close emphasis.
func delimiterRun(s string, i int) token {
	c := s[i]
	n := len(s[i:]) - len(strings.TrimLeft(s[i:], string(c)))
	prev, next := ' ', ' '
	if i > 0 {
		prev = lastRune(s[:i])
	}
	if i+n < len(s) {
		next, _ = utf8.DecodeRuneInString(s[i+n:])
	}
	left := !unicode.IsSpace(next) && (!isPunct(next) || unicode.IsSpace(prev) || isPunct(prev))
	right := !unicode.IsSpace(prev) && (!isPunct(prev) || unicode.IsSpace(next) || isPunct(next))
	t := token{delim: c, n: n, canOpen: left, canClose: right}
	if c == '_' {
		// Underscores inside words (snake_case, file_names) are never emphasis.
		t.canOpen = left && (!right || isPunct(prev))
		t.canClose = right && (!left || isPunct(next))
	}
	return t
}

// pairDelimiters marks the delimiter runs that close an earlier run of the same
// character, and that run, as matched.
func pairDelimiters(toks []token) {
	var openers []int
	for i := range toks {
		t := &toks[i]
		if t.delim == 0 {
			continue
		}
		if t.canClose {
			if j := lastOpener(toks, openers, t.delim); j >= 0 {
				toks[openers[j]].matched, t.matched = true, true
				openers = openers[:j]
				continue
			}
		}
		if t.canOpen {
			openers = append(openers, i)
		}
	}
}

// lastOpener returns the position in openers of the latest run of delim, or -1.
func lastOpener(toks []token, openers []int, delim byte) int {
	for j := len(openers) - 1; j >= 0; j-- {
		if toks[openers[j]].delim == delim {
			return j
		}
	}
	return -1
}

// isPunct reports whether r is punctuation or a symbol.
func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// isWordRune reports whether r is a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lastRune returns the last rune of s.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
