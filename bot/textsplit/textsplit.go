// Package textsplit cuts long text into messages a chat network accepts, at the
// most natural place: after a paragraph, a line, a word, and never inside a
// directional isolate or between a character and its combining marks when it can be
// avoided. It does no I/O and knows no network.
package textsplit

import (
	"strings"
	"unicode"
)

// Unicode directional isolates: LRI, RLI, FSI open one, PDI closes it.
const (
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)

// Split cuts s into chunks whose concatenation is s. Each chunk's content, not
// counting the separator it ends with, is at most first units of width for the first
// chunk and at most rest for the others; width gives each rune's (a network counts
// characters, or UTF-16 units as Telegram does). It cuts after a blank line if it can, else
// after a line end, else at a space outside a directional isolate, else at any
// space, else between two characters (outside an isolate if possible, never between
// a character and the marks that combine with it). An empty s gives no chunks.
func Split(s string, first, rest int, width func(rune) int) []string {
	if s == "" {
		return nil
	}
	rs := []rune(s)
	// depth[i] is the isolate nesting depth just before rs[i]; a line end closes
	// every isolate, as in the Unicode bidirectional algorithm.
	depth := make([]int, len(rs)+1)
	d := 0
	for i, r := range rs {
		depth[i] = d
		switch r {
		case lri, rli, fsi:
			d++
		case pdi:
			if d > 0 {
				d--
			}
		case '\n':
			d = 0
		}
	}
	depth[len(rs)] = 0

	var chunks []string
	budget := first
	start := 0
	for {
		// maxEnd is the furthest end of content that fits the budget.
		maxEnd, w := start, 0
		for maxEnd < len(rs) && w+width(rs[maxEnd]) <= budget {
			w += width(rs[maxEnd])
			maxEnd++
		}
		if maxEnd == len(rs) {
			chunks = append(chunks, string(rs[start:]))
			return chunks
		}
		end := cut(rs, depth, start, maxEnd)
		next := end
		for next < len(rs) && unicode.IsSpace(rs[next]) {
			next++ // the separator stays with this chunk
		}
		chunks = append(chunks, string(rs[start:next]))
		if next == len(rs) {
			return chunks
		}
		start, budget = next, rest
	}
}

// cut chooses where the content of a chunk starting at start ends, at most maxEnd.
// rs[maxEnd] exists, so some cut is needed.
func cut(rs []rune, depth []int, start, maxEnd int) int {
	last := func(ok func(e int) bool) int {
		for e := maxEnd; e > start; e-- {
			if ok(e) {
				return e
			}
		}
		return -1
	}
	isNL := func(e int) bool { return rs[e] == '\n' }
	tries := []func(e int) bool{
		func(e int) bool { return isNL(e) && e+1 < len(rs) && rs[e+1] == '\n' && !isNL(e-1) },
		func(e int) bool { return isNL(e) && !isNL(e-1) },
		func(e int) bool { return unicode.IsSpace(rs[e]) && !unicode.IsSpace(rs[e-1]) && depth[e] == 0 },
		func(e int) bool { return unicode.IsSpace(rs[e]) && !unicode.IsSpace(rs[e-1]) },
		func(e int) bool { return depth[e] == 0 && !Joined(rs, e) },
		func(e int) bool { return !Joined(rs, e) },
	}
	for _, ok := range tries {
		if e := last(ok); e > start {
			return e
		}
	}
	return maxEnd
}

// Joined reports whether cutting before rs[e] would separate a character from a
// combining mark, variation selector or zero-width joiner, or split a pair of
// regional indicators.
func Joined(rs []rune, e int) bool {
	r, prev := rs[e], rs[e-1]
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
		return true
	case r == '\u200d' || prev == '\u200d':
		return true
	case unicode.Is(unicode.Variation_Selector, r):
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF: // skin-tone modifiers
		return true
	case isRegional(r) && isRegional(prev):
		// Pairs count from the start of the run.
		n := 0
		for i := e - 1; i >= 0 && isRegional(rs[i]); i-- {
			n++
		}
		return n%2 == 1
	}
	return false
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// Message is the title and body of one message.
type Message struct{ Title, Body string }

// Messages cuts a title and a text, both trimmed, into messages whose title, body and
// decoration fit in max units of width: the title goes on the first message, and
// decoration is what it adds there besides itself (markup around it and the blank
// line before the body). An absurdly long title gets messages of its own. Empty title
// and text give no messages.
func Messages(title, text string, max, decoration int, width func(rune) int) []Message {
	var msgs []Message
	firstBudget := max
	if title != "" {
		firstBudget = max - widthOf(title, width) - decoration
		if firstBudget < max/4 {
			for _, c := range Split(title, max-decoration+2, max-decoration+2, width) {
				if c = strings.TrimSpace(c); c != "" {
					msgs = append(msgs, Message{Title: c})
				}
			}
			title, firstBudget = "", max
		}
	}
	chunks := Split(text, firstBudget, max, width)
	for i, c := range chunks {
		c = strings.TrimSpace(c)
		if i == 0 && title != "" {
			msgs = append(msgs, Message{Title: title, Body: c})
			continue
		}
		if c != "" {
			msgs = append(msgs, Message{Body: c})
		}
	}
	if len(chunks) == 0 && title != "" {
		msgs = append(msgs, Message{Title: title})
	}
	return msgs
}

func widthOf(s string, width func(rune) int) int {
	n := 0
	for _, r := range s {
		n += width(r)
	}
	return n
}
