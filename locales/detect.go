package locales

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Detection is the language Detect found in a message.
type Detection struct {
	// Lang is a canonical code, or "" when nothing can be said (digits, emoji, "ok",
	// Italian only, or a language Sportello does not speak such as Urdu).
	Lang string
	// Confident is true when the evidence is clear enough to switch the conversation's
	// language without asking: enough text, and a clear margin over the runner-up.
	Confident bool
}

// Detect guesses the language of a message written to Sportello.
//
// The script decides first: Cyrillic is Ukrainian (Russian too, as Ukrainian is the
// only Cyrillic language served), Arabic script is Arabic, Dari or Pashto, Latin is
// English or French. Within a script, letters only one language uses and frequent
// words of each language are weighed. Italian administrative words ("permesso di
// soggiorno", "questura") are ignored, so a Ukrainian or Arabic message quoting them
// keeps its own language. Latin-script Dari, Pashto, Arabic or Ukrainian ("salam",
// "manana", "3ndi", "dyakuyu") is recognised, but never with confidence.
func Detect(text string) Detection {
	d, _ := detect(text)
	return d
}

// DetectWithHint is Detect, helped by a hint such as the user's app language
// (Telegram's language_code) or the language of the conversation so far. When the
// detection is not confident and the hint normalises to a supported language written
// in the same script as the detected language (or as the text, when no language was
// detected), the hint's language is returned, still not confident. A hint never
// overrides a confident detection, nor text in a language Sportello does not speak.
func DetectWithHint(text, hint string) Detection {
	d, s := detect(text)
	if d.Confident {
		return d
	}
	h, ok := Normalize(hint)
	if ok && (s == scriptNone || s == scriptOfLang(h)) {
		return Detection{Lang: h}
	}
	return d
}

// detect is Detect, also returning the script a hint must match: that of the detected
// language (Arabic script for romanised Dari), else the text's main script,
// scriptOther for a language Sportello does not speak, scriptNone for no letters.
func detect(text string) (Detection, script) {
	toks := markItalian(tokenize(text))
	s := dominantScript(toks)
	c, confident := noCand, false
	switch s {
	case scriptCyrillic:
		return detectCyrillic(toks), s
	case scriptArabic:
		c, confident = decide(scoreArabic(toks), arabicCandidates)
	case scriptLatin:
		c, confident = decide(scoreLatin(toks), latinCandidates)
	}
	switch c {
	case noCand:
		return Detection{}, s
	case cOther:
		return Detection{}, scriptOther
	}
	lang := candLang[c]
	return Detection{Lang: lang, Confident: confident}, scriptOfLang(lang)
}

// script is a writing system as far as language detection cares.
type script int

const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptArabic
	scriptOther
)

// scriptOfLang returns the script a supported language is written in.
func scriptOfLang(lang string) script {
	switch lang {
	case English, French:
		return scriptLatin
	case Ukrainian:
		return scriptCyrillic
	case Dari, Pashto, Arabic:
		return scriptArabic
	}
	return scriptNone
}

// scriptOfRune classifies a letter; anything else is scriptNone.
func scriptOfRune(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return scriptLatin
		}
		return scriptNone
	case !unicode.IsLetter(r):
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	}
	return scriptOther
}

// token is one word of a message.
type token struct {
	text    string // lower case, NFC, Arabic diacritics and tatweel removed
	script  script // script of most of its letters
	letters int    // number of letters
	neutral bool   // Italian administrative vocabulary, ignored by detection
}

// tokenize splits text into words, skipping links, e-mail addresses, commands,
// mentions and hashtags. A zero-width non-joiner splits words, so the Dari
// "می‌خواهم" gives "می" and "خواهم".
func tokenize(text string) []token {
	var toks []token
	for _, field := range strings.Fields(norm.NFC.String(text)) {
		if isMarkup(field) {
			continue
		}
		toks = appendWords(toks, field)
	}
	return toks
}

// isMarkup reports whether a whitespace-separated field is a link, address or command.
func isMarkup(f string) bool {
	switch f[0] {
	case '/', '@', '#':
		return true
	}
	l := strings.ToLower(f)
	return strings.Contains(l, "://") || strings.HasPrefix(l, "www.") || strings.Contains(l, "@")
}

// appendWords appends the words of one field. Apostrophes stay inside Latin words
// ("j'ai", "don't"); digits stay inside words so that Arabizi ("3ndi") survives.
func appendWords(toks []token, field string) []token {
	var b strings.Builder
	flush := func() {
		if w := strings.Trim(b.String(), "'"); w != "" {
			toks = append(toks, newToken(w))
		}
		b.Reset()
	}
	for _, r := range strings.ToLower(field) {
		switch {
		case r == 0x640 || r >= 0x610 && r <= 0x6ED && unicode.Is(unicode.Mn, r):
			// Tatweel and Arabic diacritics carry no language information.
		case r == '\'' || r == '’' || r == 'ʼ' || r == '`':
			b.WriteByte('\'')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

// newToken classifies a word by the script of most of its letters.
func newToken(w string) token {
	var counts [scriptOther + 1]int
	for _, r := range w {
		counts[scriptOfRune(r)]++
	}
	t := token{text: w}
	most := 0
	for s := scriptLatin; s <= scriptOther; s++ {
		t.letters += counts[s]
		if counts[s] > most {
			t.script, most = s, counts[s]
		}
	}
	return t
}

// dominantScript returns the script of the message's main language, scriptOther
// for another writing system (Bengali, Tigrinya …), scriptNone if it has no letters.
// Latin letters count half as much as the others: Latin words inside a Ukrainian or
// Arabic message are usually names, Italian terms or links, rarely the other way round.
func dominantScript(toks []token) script {
	var letters [scriptOther + 1]int
	for _, t := range toks {
		if !t.neutral {
			letters[t.script] += t.letters
		}
	}
	best := scriptNone
	for s := scriptLatin; s <= scriptOther; s++ {
		if weighted(s, letters[s]) > weighted(best, letters[best]) {
			best = s
		}
	}
	return best
}

// weighted is the weight of n letters of script s in dominantScript.
func weighted(s script, n int) int {
	if s == scriptLatin {
		return n
	}
	return 2 * n
}

// detectCyrillic maps any Cyrillic text to Ukrainian; three letters are enough to be sure.
func detectCyrillic(toks []token) Detection {
	n := 0
	for _, t := range toks {
		if t.script == scriptCyrillic {
			n += t.letters
		}
	}
	return Detection{Lang: Ukrainian, Confident: n >= 3}
}

// cand is a candidate outcome of detection.
type cand int

const (
	cEN cand = iota
	cFR
	cFA
	cPS
	cAR
	cUK
	cOther // a language Sportello does not speak (Urdu, Sorani Kurdish)
	numCands

	noCand cand = -1 // no evidence at all
)

// candLang maps a candidate to its canonical code.
var candLang = [numCands]string{English, French, Dari, Pashto, Arabic, Ukrainian, ""}

// scores is the evidence gathered for each candidate.
type scores [numCands]float64

// candidateSet lists the outcomes possible in one script, in order of preference on a
// tie, and which of them are romanised (Latin-script Dari, say), never confident.
type candidateSet struct {
	list      []cand
	romanized [numCands]bool
}

var (
	arabicCandidates = candidateSet{list: []cand{cFA, cAR, cPS, cOther}}
	latinCandidates  = candidateSet{
		list:      []cand{cEN, cFR, cFA, cAR, cPS, cUK},
		romanized: [numCands]bool{cFA: true, cPS: true, cAR: true, cUK: true},
	}
)

// Thresholds of decide. Scores are sums of word and letter weights: a frequent,
// unambiguous function word ("je", "the", "است", "زه", "هل") weighs 1.5 to 2.
const (
	minEvidence     = 0.3 // below this nothing can be said
	confidentScore  = 2   // at least one strong word, or several weak ones
	confidentMargin = 1.5 // over the runner-up
	confidentRatio  = 2   // best at least twice the runner-up
)

// decide picks the best candidate and whether it is clearly ahead; noCand when
// there is too little evidence for any.
func decide(s scores, cs candidateSet) (best cand, confident bool) {
	best, second := cs.list[0], cs.list[1]
	if s[second] > s[best] {
		best, second = second, best
	}
	for _, c := range cs.list[2:] {
		switch {
		case s[c] > s[best]:
			best, second = c, best
		case s[c] > s[second]:
			second = c
		}
	}
	if s[best] < minEvidence {
		return noCand, false
	}
	confident = !cs.romanized[best] &&
		s[best] >= confidentScore &&
		s[best]-s[second] >= confidentMargin &&
		s[best] >= confidentRatio*s[second]
	return best, confident
}

// wordList gives every word in words (space separated) weight w for candidate c.
type wordList struct {
	c     cand
	w     float64
	words string
}

// buildLexicon merges word lists into one table keyed by key(word); a word in
// several lists (the Dari and Arabic "من") collects weight for each language.
func buildLexicon(key func(string) string, lists ...wordList) map[string]scores {
	lex := make(map[string]scores)
	for _, l := range lists {
		for _, w := range strings.Fields(l.words) {
			k := key(w)
			s := lex[k]
			s[l.c] += l.w
			lex[k] = s
		}
	}
	return lex
}

// add adds o to s.
func (s *scores) add(o scores) {
	for i := range s {
		s[i] += o[i]
	}
}
