package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"
)

// mustAnalyze returns the terms the named analyzer produces for text.
func mustAnalyze(tb testing.TB, analyzer, text string) []string {
	tb.Helper()
	a, err := registry.NewCache().AnalyzerNamed(analyzer)
	if err != nil {
		tb.Fatalf("analyzer %s: %v", analyzer, err)
	}
	var out []string
	for _, t := range a.Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
}

func TestAnalyzersUnifySpellings(t *testing.T) {
	tests := []struct {
		name, lang, a, b string
	}{
		{"dari arabic vs persian keyboard", "fa", "كارت صحي كجا", "کارت صحی کجا"},
		{"dari zero-width non-joiner", "fa", "کارت‌های پناه‌جویان", "کارتهای پناهجویان"},
		{"dari plural", "fa", "کارت‌ها", "کارت"},
		{"dari eastern digits", "fa", "۱۱۲ C۳", "112 C3"},
		{"pashto keheh and yeh", "ps", "ډاکټر ته ولیکی", "ډاكټر ته وليكي"},
		{"pashto persian gaf", "ps", "ګوتو", "گوتو"},
		{"arabic alef and teh marbuta", "ar", "البطاقة الصحية إيطاليا", "البطاقه الصحيه ايطاليا"},
		{"arabic indic digits", "ar", "١١٨", "118"},
		{"arabic colloquial ala", "ar", "عالكويستورا", "الكويستورا"},
		{"ukrainian hospital", "uk", "лікарня лікарні лікарню лікарнею", "лікар лікаря лікарем лікарів"},
		{"ukrainian apostrophes", "uk", "пам'ять", "пам’ять"},
		{"ukrainian latin i", "uk", "лiкарня", "лікарня"},
		{"ukrainian fleeting vowel", "uk", "притулок іноземець", "притулку іноземців"},
		{"french accents", "fr", "réponse étrangers séjour médecin", "reponse etrangers sejour medecin"},
		{"french elision", "fr", "l'asile d'urgence", "asile urgence"},
		{"english possessive", "en", "doctor's appointment", "doctor appointment"},
		{"italian transliterated uk", "uk", "квестура пермессо кодіче фіскале", "questura permesso codice fiscale"},
		{"italian transliterated ar", "ar", "الكويستورا والبرميسو تيسيرا", "questura permesso tessera"},
		{"italian transliterated fa", "fa", "کوئستورا پرمسو", "questura permesso"},
		{"italian transliterated ps", "ps", "کوېستورا پرمسو", "questura permesso"},
		{"arabic hamza seats", "ar", "لاجئين مؤقتة", "لاجيين موقتة"},
		{"arabic dialect words", "ar", "دكتور بوليس ببلاش مصاري", "طبيب شرطة مجاني مال"},
		{"arabic conjunction on a stop word", "ar", "وقديش السفارة", "السفارة"},
		{"ukrainian russian words", "uk", "временная защита", "тимчасовий захист"},
		{"ukrainian synonyms", "uk", "безплатний юрист", "безкоштовний адвокат"},
		{"french chat words", "fr", "rdv toubib", "rendez-vous médecin"},
		{"dari afghan and iranian words", "fa", "گذرنامه مدرک", "پاسپورت اسناد"},
		{"pashto loanword spellings", "ps", "تلیفون داکتر", "ټیلیفون ډاکټر"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, name := range []string{analyzerName(tc.lang), plainAnalyzerName(tc.lang)} {
				if tc.name == "dari plural" || strings.HasPrefix(tc.name, "ukrainian hospital") || strings.Contains(tc.name, "fleeting") {
					if name == plainAnalyzerName(tc.lang) {
						continue // only the stemmed analyzer conflates inflections
					}
				}
				got, want := mustAnalyze(t, name, tc.a), mustAnalyze(t, name, tc.b)
				if tc.name == "ukrainian hospital" {
					for _, g := range append(got, want...) {
						if g != "лікар" {
							t.Fatalf("%s: %q, %q: want all лікар", name, got, want)
						}
					}
					continue
				}
				if !slices.Equal(got, want) || len(got) == 0 {
					t.Errorf("%s: %q → %q, %q → %q; want equal", name, tc.a, got, tc.b, want)
				}
			}
		})
	}
}

func TestAnalyzersKeepPashtoLetters(t *testing.T) {
	// The plain field keeps every Pashto letter; the stemmed fields fold the yehs, which
	// people type interchangeably (شمېره, شمیره).
	got := strings.Join(mustAnalyze(t, plainAnalyzerName("ps"), "ټ ډ ړ ښ ږ ځ څ ڼ ې ۍ ګ"), " ")
	if want := "ټ ډ ړ ښ ږ ځ څ ڼ ې ۍ ګ"; got != want {
		t.Fatalf("ps plain letters = %q, want %q", got, want)
	}
	got = strings.Join(mustAnalyze(t, analyzerName("ps"), "ټ ډ ړ ښ ږ ځ څ ڼ ې ۍ ګ"), " ")
	if want := "ټ ډ ړ ښ ږ ځ څ ڼ ي ي ګ"; got != want {
		t.Fatalf("ps stemmed letters = %q, want %q", got, want)
	}
}

func TestAnalyzersKeepItalianTerms(t *testing.T) {
	const text = "questura permesso ricevuta C3 codice fiscale tessera sanitaria"
	for _, lang := range languages {
		for _, name := range []string{analyzerName(lang), plainAnalyzerName(lang)} {
			got := mustAnalyze(t, name, text)
			if len(got) != 8 {
				t.Errorf("%s(%q) = %q, want 8 terms", name, text, got)
			}
			if lang != "en" && lang != "fr" && !slices.Contains(got, "questura") || !slices.Contains(got, "c3") {
				t.Errorf("%s(%q) = %q, want questura and c3 kept verbatim", name, text, got)
			}
		}
	}
}

func TestAnalyzersDropStopWords(t *testing.T) {
	tests := map[string]string{
		"en": "how can i get the please",
		"fr": "comment est-ce que je peux",
		"fa": "چطور می‌توانم آیا است",
		"ps": "زه څنګه کولی شم",
		"ar": "كيف ممكن بدي من",
		"uk": "як мені можна будь ласка",
	}
	for lang, text := range tests {
		if got := mustAnalyze(t, analyzerName(lang), text); len(got) != 0 {
			t.Errorf("%s(%q) = %q, want no terms", lang, text, got)
		}
	}
}

func TestUkrainianStem(t *testing.T) {
	tests := map[string]string{
		"лікарня": "лікар", "лікарем": "лікар", "картку": "картк", "карткою": "картк",
		"заява": "заяв", "заяви": "заяв", "рахунок": "рахунк", "рахунку": "рахунк",
		"questura": "questura", "код": "код", "медичний": "медич", "медичної": "медич",
		// Plurals in -ти and nouns in -ла keep their stem; verbal nouns meet their verb.
		"документи": "документ", "документами": "документ", "роботи": "робот", "роботу": "робот",
		"школа": "школ", "школу": "школ", "оскарження": "оскарж", "оскаржити": "оскарж",
		"продовження": "продовж", "продовжити": "продовж", "прибула": "приб", "прибув": "приб",
	}
	for in, want := range tests {
		if got := ukrainianStem(in); got != want {
			t.Errorf("ukrainianStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAnalyzersStemDariVerbs(t *testing.T) {
	// Personal endings, verb prefixes and the participle meet in the stemmed field only.
	tests := [][2]string{
		{"رسیدم", "رسیده‌اید"},
		{"رسیدیم", "رسیده"},
		{"میروید", "بروید"},
		{"نمی‌نویسم", "بنویسید"},
		{"پاسپورتم", "پاسپورت"},
		{"نمبرم", "نمبر"}, // my number: the possessive goes, the first letter stays
	}
	for _, tc := range tests {
		got, want := mustAnalyze(t, analyzerName("fa"), tc[0]), mustAnalyze(t, analyzerName("fa"), tc[1])
		if !slices.Equal(got, want) || len(got) != 1 {
			t.Errorf("fa %q → %q, %q → %q; want one equal term", tc[0], got, tc[1], want)
		}
	}
	// Nouns keep their first letter and short words their ending.
	for _, w := range []string{"بانک", "نمبر", "زبان"} {
		if got := mustAnalyze(t, analyzerName("fa"), w); len(got) != 1 || got[0] != mustAnalyze(t, plainAnalyzerName("fa"), w)[0] {
			t.Errorf("fa %q → %q, want it unchanged", w, got)
		}
	}
}

func TestAnalyzersFoldPashtoYehs(t *testing.T) {
	got, want := mustAnalyze(t, analyzerName("ps"), "مېرمن روغتیايي"), mustAnalyze(t, analyzerName("ps"), "میرمن روغتیایی")
	if !slices.Equal(got, want) {
		t.Errorf("ps stemmed: %q vs %q, want equal", got, want)
	}
	got, want = mustAnalyze(t, analyzerName("ps"), "ختمیږي ختمېدل"), mustAnalyze(t, analyzerName("ps"), "ختمېده")
	if len(got) != 2 || got[0] != want[0] || got[1] != want[0] {
		t.Errorf("ps verb endings: %q, %q, want all one stem", got, want)
	}
	if got, want := mustAnalyze(t, plainAnalyzerName("ps"), "مېرمن"), mustAnalyze(t, plainAnalyzerName("ps"), "میرمن"); slices.Equal(got, want) {
		t.Errorf("ps plain: %q vs %q, want the letters kept apart", got, want)
	}
}

func TestAnalyzersDropChatWords(t *testing.T) {
	tests := map[string]string{
		"en": "they say i go now ok",
		"fr": "j'ai besoin d'aller chez ça",
		"ar": "عايز اعرف شو لازم اعمل هلق وين",
		"fa": "ندارم میکنه بخواهم چیست",
		"ps": "نلرم څو اوس شته",
		"uk": "как мне нужно где может",
	}
	for lang, text := range tests {
		if got := mustAnalyze(t, analyzerName(lang), text); len(got) != 0 {
			t.Errorf("%s(%q) = %q, want no terms", lang, text, got)
		}
	}
	// Stop words must not swallow the knowledge base's acronyms.
	for _, lang := range []string{"en", "fr"} {
		if got := mustAnalyze(t, plainAnalyzerName(lang), "SAI STP CAS"); len(got) != 3 {
			t.Errorf("%s(SAI STP CAS) = %q, want 3 terms", lang, got)
		}
	}
}

func TestCliticForms(t *testing.T) {
	tests := []struct {
		lang, word string
		want       []string
	}{
		{"ar", "بايطاليا", []string{"ايطاليا"}},
		{"ar", "بقدم", []string{"قدم", "اقدم", "تقدم"}},
		{"ar", "بيساعد", []string{"يساعد", "تساعد"}},
		{"ar", "جنسيتي", []string{"جنسيه"}},
		{"ar", "اترفضت", []string{"رفضت"}},
		{"fa", "اسنادم", []string{"اسناد"}},
		{"fa", "اقامتش", []string{"اقامت"}},
		{"ps", "وټاکم", []string{"ټاکم", "ټاک", "ټاکل"}},
		{"ps", "اوسیدم", []string{"اوسید", "اوسیدل"}},
		{"en", "asylum", nil},
	}
	for _, tc := range tests {
		got := cliticForms(tc.lang, tc.word)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("cliticForms(%s, %q) = %q, want it to contain %q", tc.lang, tc.word, got, w)
			}
		}
		if tc.want == nil && got != nil {
			t.Errorf("cliticForms(%s, %q) = %q, want none", tc.lang, tc.word, got)
		}
		if len(got) > maxCliticForms {
			t.Errorf("cliticForms(%s, %q): %d forms, want at most %d", tc.lang, tc.word, len(got), maxCliticForms)
		}
		for _, w := range got {
			if len([]rune(w)) < minCliticStem {
				t.Errorf("cliticForms(%s, %q) has %q, shorter than %d letters", tc.lang, tc.word, w, minCliticStem)
			}
		}
	}
}
