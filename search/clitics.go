package search

import (
	"strings"
	"unicode/utf8"
)

// maxCliticForms bounds the readings tried for one word no article contains.
const maxCliticForms = 24

// minCliticStem is the fewest letters a reading may keep: shorter remainders match
// words by accident.
const minCliticStem = 3

// cliticForms returns other readings of word, a token of lang that no article contains:
// the word without the clitics that speech glues to it, most plausible (least removed)
// first. Arabic dialects attach prepositions and verb particles (بايطاليا = ب + ايطاليا,
// لاطلب = ل + اطلب, بقدم = ب + أقدم, هيبلغوا = ه + يبلغوا, اترفضت = ات + رفضت) and
// pronouns (باوراقي, جنسيتي = جنسية + ي); Dari and Pashto attach possessives and verb
// endings (اسنادم, اقامتم, اوسیدم). The caller keeps the first reading the index holds,
// so a reading can only replace a word that would otherwise match nothing: it never
// changes how a word the articles contain is matched. Other languages have none.
func cliticForms(lang, word string) []string {
	switch lang {
	case "ar":
		return arabicCliticForms(word)
	case "fa":
		return affixForms(word, dariCliticPrefixes, dariCliticSuffixes, nil)
	case "ps":
		return affixForms(word, pashtoCliticPrefixes, pashtoCliticSuffixes, pashtoEndings)
	}
	return nil
}

// Arabic proclitics (prepositions, conjunctions, the dialect future and progressive
// particles, the Egyptian and Levantine passive) and enclitics (object and dative
// pronouns, verb endings the stemmer leaves) as they appear after normalisation.
var (
	arabicProclitics = []string{"و", "ف", "ب", "ل", "ك", "ع", "ه", "ح", "وب", "ول", "فب", "فل", "ات", "ان", "وات", "وان"}
	arabicVerbMarks  = map[string]bool{"ب": true, "ه": true, "ح": true, "وب": true, "فب": true}
	arabicEnclitics  = []string{"ني", "نا", "ك", "كم", "هم", "لي", "لو", "لك", "له", "لها", "لنا", "لهم", "وا", "و", "ت", "ش"}
)

func arabicCliticForms(word string) []string {
	f := newForms(word)
	add := f.add
	// A pronoun on a feminine noun turns its ة into ت: جنسيتي, بطاقتك, اقامتنا.
	bases := []string{word}
	for _, e := range []string{"تي", "تك", "ته", "تها", "تنا", "تكم", "تهم", "تو"} {
		if strings.HasSuffix(word, e) {
			bases = append(bases, strings.TrimSuffix(word, e)+"ه")
		}
	}
	for _, e := range arabicEnclitics {
		if strings.HasSuffix(word, e) {
			bases = append(bases, strings.TrimSuffix(word, e))
		}
	}
	for _, b := range bases[1:] {
		add(b)
	}
	for _, b := range bases {
		for _, p := range arabicProclitics {
			if !strings.HasPrefix(b, p) {
				continue
			}
			r := strings.TrimPrefix(b, p)
			add(r)
			if arabicVerbMarks[p] {
				// بقدم = ب + أقدم: the first person loses its alef after the particle;
				// the articles address the reader (تقدم) or speak generally (يقدم).
				if first, _ := utf8.DecodeRuneInString(r); strings.ContainsRune("يتنا", first) {
					rest := r[utf8.RuneLen(first):]
					add("ت" + rest)
					add("ي" + rest)
				} else {
					add("ا" + r)
					add("ت" + r)
					add("ي" + r)
				}
			}
		}
	}
	return f.list()
}

// Dari possessive and object clitics (اسنادم, پاسپورتش, خانه‌ام → خانهام) and the
// colloquial ره (را) glued to a noun; verb prefixes are the stemmer's business.
var (
	dariCliticPrefixes = []string{}
	dariCliticSuffixes = []string{"م", "ت", "ش", "ام", "ات", "اش", "مان", "تان", "شان", "يم", "يت", "يش", "ه", "ره", "را", "و"}
)

// Pashto verb prefixes (the perfective و, directional را/در/ور, the negative ن) and
// endings (personal م ې ي و ئ, the past ل and its forms).
var (
	pashtoCliticPrefixes = []string{"و", "را", "در", "ور", "ن", "نه"}
	pashtoCliticSuffixes = []string{"م", "و", "ې", "ي", "ئ", "ه", "ل", "لم", "لو", "لې", "لي", "ده", "دم", "مې"}
	pashtoEndings        = []string{"ل", "ه", "ي"}
)

// affixForms strips one prefix, one suffix or both, and optionally puts back one of
// endings (a verb seen in the first person, اوسیدم, is written اوسېدل in an article).
func affixForms(word string, prefixes, suffixes, endings []string) []string {
	f := newForms(word)
	add := f.add
	var stems []string
	for _, s := range suffixes {
		if strings.HasSuffix(word, s) {
			stems = append(stems, strings.TrimSuffix(word, s))
		}
	}
	for _, p := range prefixes {
		if strings.HasPrefix(word, p) {
			stems = append(stems, strings.TrimPrefix(word, p))
		}
	}
	for _, p := range prefixes {
		for _, s := range suffixes {
			if strings.HasPrefix(word, p) && strings.HasSuffix(word, s) && len(word) > len(p)+len(s) {
				stems = append(stems, word[len(p):len(word)-len(s)])
			}
		}
	}
	for _, s := range stems {
		add(s)
	}
	for _, s := range stems {
		for _, e := range endings {
			add(s + e)
		}
	}
	return f.list()
}

// forms collects the distinct readings of a word that are long enough to be a stem,
// in the order they were found.
type forms struct {
	seen map[string]bool
	out  []string
}

func newForms(word string) *forms { return &forms{seen: map[string]bool{word: true}} }

func (f *forms) add(s string) {
	if !f.seen[s] && utf8.RuneCountInString(s) >= minCliticStem {
		f.seen[s] = true
		f.out = append(f.out, s)
	}
}

// list returns at most maxCliticForms readings, the first found first.
func (f *forms) list() []string { return f.out[:min(len(f.out), maxCliticForms)] }
