package locales

import (
	"strings"
	"unicode"
)

// Unicode directional isolates.
const (
	fsi = '\u2068' // first strong isolate
	pdi = '\u2069' // pop directional isolate
)

// IsolateRuns prepares text for a right-to-left language: every run of left-to-right
// text that spans several words or numbers ("800 905 570", "codice fiscale",
// "9:30–17:30", a URL) is wrapped in isolates, so its parts keep their order when the
// line is laid out right to left. Text in other languages is returned unchanged.
// Isolates already in s are dropped first, so the function can be applied twice.
func IsolateRuns(lang, s string) string {
	if !IsRTL(lang) {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r >= '\u2066' && r <= '\u2069' {
			return -1
		}
		return r
	}, s)
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(rs); {
		if !isLTR(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		end, multi := ltrRun(rs, i)
		if multi {
			b.WriteRune(fsi)
			b.WriteString(string(rs[i:end]))
			b.WriteRune(pdi)
		} else {
			b.WriteString(string(rs[i:end]))
		}
		i = end
	}
	return b.String()
}

// ltrRun returns where the left-to-right run starting at rs[i] ends (after its last
// letter or digit) and whether neutrals split it into several words or numbers.
func ltrRun(rs []rune, i int) (end int, multi bool) {
	end = i + 1
	for j := i + 1; j < len(rs); j++ {
		switch {
		case isLTR(rs[j]):
			multi = multi || j > end
			end = j + 1
		case isRunJoiner(rs[j]):
			// part of the run only if more left-to-right text follows
		default:
			return end, multi
		}
	}
	return end, multi
}

// isLTR reports whether r is a letter of a left-to-right script or a digit.
func isLTR(r rune) bool {
	if r >= '0' && r <= '9' {
		return true
	}
	return unicode.IsLetter(r) && (unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek))
}

// isRunJoiner is punctuation that can sit inside a left-to-right run.
func isRunJoiner(r rune) bool {
	return r == ' ' || r == '\u00a0' || strings.ContainsRune(".,:;/-–+()@_'’%€&=?#*", r)
}
