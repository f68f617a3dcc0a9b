package locales

import (
	"strings"
	"unicode"
)

// Answer is a yes or a no typed in reply to a question.
type Answer int

// Typed answers.
const (
	NoAnswer Answer = iota // neither, or both
	Yes
	No
)

// yesWords and noWords are short replies people type instead of choosing an option,
// in the six languages (with common spellings and Latin transliterations).
var (
	yesWords = wordSet(
		"yes yeah yep yea ya yess ok okay please sure of course",
		"oui ouais ouii daccord d'accord bien sur volontiers svp",
		"بلی بله بلې آره اره ها هو هوکې هوکی هو ښه",
		"نعم ايوه أيوه ايه إيه اي أي اكيد أكيد طبعا تمام ماشي اه آه",
		"так та ага добре звісно да",
		"si sì bale baleh ha na3am aiwa aywa tak",
	)
	noWords = wordSet(
		"no nope nah no thanks no thank you",
		"non non merci pas besoin",
		"نه نخیر نې نه مننه",
		"لا لأ لاء لا شكرا",
		"ні нi нет не треба не потрібно",
		"na nakhair la",
	)
)

func wordSet(groups ...string) map[string]bool {
	m := map[string]bool{}
	for _, g := range groups {
		// Multi-word entries are written with their words; single words stand alone.
		for _, w := range strings.Fields(g) {
			m[w] = true
		}
	}
	return m
}

// ParseAnswer reads a short reply as yes or no. Anything longer than a few words, or
// holding both a yes and a no word, is NoAnswer: it is a new question, not a reply.
func ParseAnswer(text string) Answer {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '\u2019' && !unicode.Is(unicode.Mn, r)
	})
	if len(words) == 0 || len(words) > 4 {
		return NoAnswer
	}
	var yes, no bool
	for _, w := range words {
		w = strings.ReplaceAll(w, "\u2019", "'")
		switch {
		case noWords[w]:
			no = true
		case yesWords[w]:
			yes = true
		default:
			return NoAnswer
		}
	}
	switch {
	case yes && !no:
		return Yes
	case no && !yes:
		return No
	}
	return NoAnswer
}
