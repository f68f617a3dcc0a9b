package locales

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latinKey folds a Latin word for look-up: lower case without accents ("séjour" → "sejour").
func latinKey(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'œ':
			b.WriteString("oe")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// markItalian marks Italian administrative vocabulary as neutral, and the Italian
// glue words next to it ("permesso di soggiorno", "ricevuta della questura"), so that
// quoting Italian never counts as French or English. It returns toks for chaining.
func markItalian(toks []token) []token {
	for i := range toks {
		if toks[i].script == scriptLatin && italianTerms[latinKey(toks[i].text)] {
			toks[i].neutral = true
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range toks {
			if toks[i].neutral || toks[i].script != scriptLatin || !italianGlue[latinKey(toks[i].text)] {
				continue
			}
			if i > 0 && toks[i-1].neutral || i+1 < len(toks) && toks[i+1].neutral {
				toks[i].neutral = true
				changed = true
			}
		}
	}
	return toks
}

// scoreLatin weighs the Latin-script words of a message for English and French, and
// for Dari, Pashto, Arabic and Ukrainian written in Latin letters.
func scoreLatin(toks []token) scores {
	var s scores
	for _, t := range toks {
		if t.script == scriptLatin && !t.neutral {
			s.add(latinWordScores(t.text))
		}
	}
	return s
}

// latinWordScores weighs one word: elisions and contractions, the lexicon, French
// accents, typical endings and Arabizi digits.
func latinWordScores(w string) scores {
	var s scores
	if i := strings.IndexByte(w, '\''); i >= 0 {
		head, tail := w[:i], strings.ReplaceAll(w[i+1:], "'", "")
		switch {
		case frenchElisions[latinKey(head)] && tail != "" && tail != "è" && !italianTerms[latinKey(tail)]:
			s[cFR] += 1.5
			w = tail
		case englishContractions[tail]:
			s[cEN] += 1.5
			w = head
		default:
			w = head + tail
		}
	}
	k := latinKey(w)
	s.add(latinLexicon[k])
	if frenchAccented(w) {
		s[cFR]++
	}
	n := utf8.RuneCountInString(k)
	switch {
	case n >= 5 && strings.HasSuffix(k, "ing"):
		s[cEN] += 0.7
	case n >= 4 && strings.HasSuffix(k, "ez"):
		s[cFR] += 0.5
	}
	if isArabizi(k) {
		s[cAR]++
	}
	return s
}

// frenchAccented reports whether a word carries an accent French uses and Italian
// does not: ç ê â î ô û ë ï œ anywhere, é è à ù inside the word, or a final é outside
// the Italian -ché words. Italian only accents a final vowel (città, perché, più).
func frenchAccented(w string) bool {
	rs := []rune(w)
	for i, r := range rs {
		final := i == len(rs)-1
		switch r {
		case 'ç', 'ê', 'â', 'î', 'ô', 'û', 'ë', 'ï', 'œ':
			return true
		case 'è', 'à', 'ù':
			if !final {
				return true
			}
		case 'é':
			if !final || !strings.HasSuffix(w, "ché") && w != "né" && w != "sé" {
				return true
			}
		}
	}
	return frenchAccentedWords[w]
}

// isArabizi reports whether a word is Arabic written with Latin letters and the
// digits that stand for Arabic sounds (3 for ع, 7 for ح …) before a letter:
// "3ndi", "mar7aba". "mp3", "covid19" and "2nd" do not qualify.
func isArabizi(k string) bool {
	letters, soundDigit := 0, false
	rs := []rune(k)
	for i, r := range rs {
		switch {
		case 'a' <= r && r <= 'z':
			letters++
		case strings.ContainsRune("235679", r):
			if i+1 < len(rs) && 'a' <= rs[i+1] && rs[i+1] <= 'z' {
				soundDigit = true
			}
		case !unicode.IsDigit(r):
			return false
		}
	}
	return letters >= 2 && soundDigit && !numberUnits[strings.TrimLeft(k, "0123456789")]
}

// numberUnits follow a number in ordinary text ("2nd", "5pm", "3eme", "7km").
var numberUnits = setOf(latinKey, "st nd rd th h k am pm min km kg g mb gb ml x e eme er ere ieme")
