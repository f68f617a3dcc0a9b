package triage

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on how much of a message is read. Telegram messages are at most 4096
// characters; longer input (a pasted document) is read at its head and tail.
const (
	maxHead = 16 << 10
	maxTail = 4 << 10
)

// text is a message after normalisation.
type text struct {
	// norm is the folded message: lower case, one space between tokens and one
	// space at each end, so patterns can match whole words with plain spaces.
	norm        string
	letters     bool // at least one letter
	digits      bool // at least one digit
	thanksEmoji bool // 👍 🙏 ❤ and the like: the whole message, when it has no letters
	greetEmoji  bool // 👋, likewise
}

// class says what normalisation does with a rune.
type class uint8

const (
	sep  class = iota // becomes a token separator
	drop              // disappears, joining its neighbours
	keep              // kept (folded)
)

// folded is the replacement of one rune: up to two runes, or a class.
type folded struct {
	a, b rune
	c    class
}

// foldTable maps the runes that fold to something else than their lower case.
var foldTable = buildFoldTable()

func buildFoldTable() map[rune]folded {
	m := map[rune]folded{}
	set := func(from string, to rune) {
		for _, r := range from {
			m[r] = folded{a: to, c: keep}
		}
	}
	dropAll := func(from ...rune) {
		for _, r := range from {
			m[r] = folded{c: drop}
		}
	}
	// Latin accents (French, Italian, German, Spanish, Turkish, Polish).
	set("àáâãäåāăą", 'a')
	set("çćč", 'c')
	set("ďđ", 'd')
	set("èéêëēėęě", 'e')
	set("ğ", 'g')
	set("ìíîïīįı", 'i')
	set("ł", 'l')
	set("ñńň", 'n')
	set("òóôõöøō", 'o')
	set("řŕ", 'r')
	set("śšş", 's')
	set("ťţ", 't')
	set("ùúûüūůű", 'u')
	set("ýÿ", 'y')
	set("źżž", 'z')
	m['œ'] = folded{a: 'o', b: 'e', c: keep}
	m['æ'] = folded{a: 'a', b: 'e', c: keep}
	m['ß'] = folded{a: 's', b: 's', c: keep}
	// Ukrainian and Russian: one spelling for letters people swap by keyboard.
	set("ґ", 'г')
	set("ёєэ", 'е')
	set("іїы", 'и')
	set("ў", 'у')
	dropAll('ъ')
	// Arabic script: Arabic, Dari and Pashto spellings of the same letters, and the
	// Pashto letters people type with a Persian or Arabic keyboard.
	set("ك", 'ک')
	set("يىېۍئےۓ", 'ی')
	set("أإآٱٲٳٵ", 'ا')
	set("ؤ", 'و')
	set("ةۀەۂۃھ", 'ه')
	set("ګڪ", 'گ')
	set("ښ", 'ش')
	set("ږ", 'ژ')
	set("ځ", 'ز')
	set("څ", 'س')
	set("ټٹ", 'ت')
	set("ډڈ", 'د')
	set("ړڑ", 'ر')
	set("ڼں", 'ن')
	set("ڤ", 'ف')
	dropAll('ء', 'ـ')
	for i := rune(0); i < 10; i++ {
		m['٠'+i] = folded{a: '0' + i, c: keep}
		m['۰'+i] = folded{a: '0' + i, c: keep}
	}
	// Apostrophes of every shape disappear: "don't" = "dont", "j'ai" = "jai", "б'є" = "бє".
	dropAll('\u2018', '\u2019', '\u02bc', '\u02b9', '\u02bb', '\u00b4', '\u2032', '\uff07')
	// Invisible characters: zero-width (ZWNJ joins Persian "می‌" to its verb), bidi
	// marks and isolates, soft hyphen, byte order mark.
	dropAll('\u00ad', '\u061c', '\ufeff')
	for r := rune(0x200b); r <= 0x200f; r++ {
		m[r] = folded{c: drop}
	}
	for r := rune(0x202a); r <= 0x202e; r++ {
		m[r] = folded{c: drop}
	}
	for r := rune(0x2060); r <= 0x2069; r++ {
		m[r] = folded{c: drop}
	}
	return m
}

// fold returns the normalised form of one rune.
func fold(r rune) folded {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return folded{a: r, c: keep}
		case 'A' <= r && r <= 'Z':
			return folded{a: r + 'a' - 'A', c: keep}
		case r == '\'' || r == '`':
			return folded{c: drop}
		}
		return folded{c: sep}
	}
	if r == utf8.RuneError {
		return folded{c: sep}
	}
	r = unicode.ToLower(r)
	if f, ok := foldTable[r]; ok {
		return f
	}
	switch {
	case unicode.Is(unicode.Mn, r):
		return folded{c: drop} // Arabic harakat, combining accents
	case unicode.IsLetter(r), unicode.IsDigit(r):
		return folded{a: r, c: keep}
	}
	return folded{c: sep}
}

func isThanksEmoji(r rune) bool {
	switch r {
	case '👍', '🙏', '❤', '♥', '👌', '✅', '🌹', '💐', '🤝', '😊', '☺', '🥰', '😍', '🫶':
		return true
	}
	return 0x1f499 <= r && r <= 0x1f49c // coloured hearts
}

// normalize folds s for matching. See text.norm.
func normalize(s string) text {
	if len(s) > maxHead+maxTail {
		s = s[:maxHead] + " " + s[len(s)-maxTail:]
	}
	var t text
	buf := make([]byte, 1, len(s)+2)
	buf[0] = ' '
	space := true
	var run rune // last kept rune, for collapsing stretched letters
	n := 0       // how many times run was seen in a row
	latin, cyrillic, arabic := false, false, false
	emit := func(r rune) {
		if r == run {
			n++
		} else {
			run, n = r, 1
		}
		// "heeeelp", "الحقونيييي": three or more of one letter become one.
		if n >= 3 && !('0' <= r && r <= '9') {
			if n == 3 {
				buf = buf[:len(buf)-utf8.RuneLen(r)]
			}
			return
		}
		buf = utf8.AppendRune(buf, r)
		space = false
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' {
				latin = true
				t.letters = true
			} else {
				t.digits = true
			}
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic = true
			t.letters = true
		case unicode.Is(unicode.Arabic, r):
			arabic = true
			t.letters = true
		case unicode.IsLetter(r):
			t.letters = true
		default:
			t.digits = true
		}
	}
	for _, r := range s {
		f := fold(r)
		switch f.c {
		case keep:
			emit(f.a)
			if f.b != 0 {
				emit(f.b)
			}
		case sep:
			if r == '👋' {
				t.greetEmoji = true
			} else if isThanksEmoji(r) {
				t.thanksEmoji = true
			}
			if !space {
				buf = append(buf, ' ')
				space = true
			}
			run, n = 0, 0
		}
	}
	if !space {
		buf = append(buf, ' ')
	}
	t.norm = string(buf)
	if latin && cyrillic {
		t.norm = fixHomoglyphs(t.norm)
	}
	if arabic && strings.Contains(t.norm, "وا ") {
		t.norm = dropFinalAlif(t.norm)
	}
	return t
}

// dropFinalAlif removes the silent alif Arabic writes after a plural verb's waw
// ("اخذوا"), which people as often leave out ("اخذو"). Words of three letters
// ("هوا", "دوا") keep it.
func dropFinalAlif(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if strings.HasSuffix(w, "وا") && utf8.RuneCountInString(w) >= 4 {
			words[i] = w[:len(w)-len("ا")]
		}
	}
	return strings.Join(words, " ")
}

// foldFinalAlif does the same to the words of a pattern.
func foldFinalAlif(src string) string {
	return patternFinalAlif.ReplaceAllString(src, "${1}و${2}")
}

var patternFinalAlif = regexp.MustCompile(`(\p{Arabic}{2,})وا([|) ]|$)`)

// homoglyphs maps Latin letters to the Cyrillic letters they look like, for words
// typed with both keyboards ("пiдкажiть", "мeне").
var homoglyphs = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'i': 'и', 'k': 'к', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
}

// fixHomoglyphs rewrites Latin look-alike letters inside words that also contain
// Cyrillic letters.
func fixHomoglyphs(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		hasCyr, hasLat := false, false
		for _, r := range w {
			if r < utf8.RuneSelf {
				hasLat = hasLat || ('a' <= r && r <= 'z')
			} else if unicode.Is(unicode.Cyrillic, r) {
				hasCyr = true
			}
		}
		if !hasCyr || !hasLat {
			continue
		}
		words[i] = strings.Map(func(r rune) rune {
			if c, ok := homoglyphs[r]; ok {
				return c
			}
			return r
		}, w)
	}
	return strings.Join(words, " ")
}

// foldPattern folds the letters of a pattern's source the way normalize folds a
// message, leaving regular-expression syntax (all ASCII) alone. A zero-width
// non-joiner in a pattern means "joined or separated by a space" (Persian "می‌زند"
// matches "میزند" and "می زند").
func foldPattern(src string) string {
	var b strings.Builder
	for _, r := range src {
		if r < utf8.RuneSelf {
			if r != '\'' {
				b.WriteRune(r)
			}
			continue
		}
		if r == '\u200c' {
			b.WriteString(" ?")
			continue
		}
		f := fold(r)
		switch f.c {
		case keep:
			b.WriteRune(f.a)
			if f.b != 0 {
				b.WriteRune(f.b)
			}
		case sep:
			b.WriteRune(r)
		}
	}
	return b.String()
}
