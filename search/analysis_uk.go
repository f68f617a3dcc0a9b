package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// ukrainianNormFilter evens out how Ukrainian is typed on phones: apostrophes inside a
// word disappear (пам'ять, пам’ять, памʼять → память), ґ becomes г, Russian-layout
// letters become their Ukrainian counterparts (ы→и, э→е, ё→е, ъ dropped), and Latin
// look-alikes typed inside a Cyrillic word (a Latin "i" in "лiкарня") become Cyrillic.
type ukrainianNormFilter struct{}

var latinLookalikes = map[rune]rune{
	'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у',
}

func (ukrainianNormFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		cyrillic := false
		for _, r := range string(t.Term) {
			if unicode.Is(unicode.Cyrillic, r) {
				cyrillic = true
				break
			}
		}
		if !cyrillic {
			continue
		}
		t.Term = mapRunes(t.Term, func(r rune) rune {
			switch r {
			case '\'', '’', 'ʼ', '`', '‘':
				return -1
			case 'ґ':
				return 'г'
			case 'ы':
				return 'и'
			case 'э', 'ё':
				return 'е'
			case 'ъ':
				return -1
			}
			if c, ok := latinLookalikes[r]; ok {
				return c
			}
			return r
		})
	}
	return in
}

// ukrainianStemFilter is a light Ukrainian stemmer: it removes one inflectional ending
// (case, number, gender, person), then folds the fleeting vowel of -ок/-ець/-ень and the
// adjectival -н- so that лікарня, лікарні, лікарню, лікарнею, лікар, лікаря and лікарем
// all become "лікар", and іноземець/іноземця/іноземців become "іноземц". Words that are
// not Cyrillic (Italian terms such as questura) pass through.
type ukrainianStemFilter struct{}

func (ukrainianStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if stemmed := ukrainianStem(string(t.Term)); stemmed != string(t.Term) {
			t.Term = []byte(stemmed)
		}
	}
	return in
}

// ukrainianEndings holds inflectional endings, longest first.
var ukrainianEndings = []string{
	"ами", "ями", "ові", "еві", "єві", "ими", "іми", "ого", "ому", "ати", "яти", "ити",
	"іти", "ути", "ать", "ять", "уть", "ють", "ить", "іть", "емо", "ємо", "имо", "ете",
	"єте", "ите", "ала", "яла", "ила", "іла", "ало", "ило", "іло", "али", "или", "іли", "яли",
	"ах", "ях", "ам", "ям", "ом", "ем", "єм", "ою", "ею", "єю", "ів", "їв", "ей", "ий",
	"ій", "их", "іх", "им", "ім", "ої", "ти", "ть", "ла", "ли", "ло", "ав", "ив", "ає",
	"ує", "ую", "юю", "ая", "яя", "ее", "ое",
	"а", "я", "о", "е", "є", "у", "ю", "і", "ї", "и", "ь", "й",
}

const ukrainianConsonants = "бвгджзйклмнпрстфхцчшщ"

func isUkrainianConsonant(r rune) bool { return strings.ContainsRune(ukrainianConsonants, r) }

// ukrainianStem stems one lowercase, normalised token.
func ukrainianStem(word string) string {
	last, _ := utf8.DecodeLastRuneInString(word)
	if !unicode.Is(unicode.Cyrillic, last) || utf8.RuneCountInString(word) < 4 {
		return word
	}
	if utf8.RuneCountInString(word) >= 6 && (strings.HasSuffix(word, "ся") || strings.HasSuffix(word, "сь")) {
		word = word[:len(word)-len("ся")]
	}
	runes := []rune(stripUkrainianEnding(word))
	n := len(runes)
	// Fleeting vowel: притулок/притулку, іноземець/іноземця, лікарень/лікарня.
	if n >= 5 && isUkrainianConsonant(runes[n-3]) && (runes[n-2] == 'о' || runes[n-2] == 'е') &&
		(runes[n-1] == 'к' || runes[n-1] == 'ц' || runes[n-1] == 'н') {
		runes = append(runes[:n-2], runes[n-1])
		n--
	}
	// Adjectival and nominal -н- after a consonant: медичн(ий) → медич, лікарн(я) → лікар.
	if n >= 5 && runes[n-1] == 'н' && isUkrainianConsonant(runes[n-2]) {
		runes = runes[:n-1]
	}
	return string(runes)
}

// stripUkrainianEnding removes the longest listed ending that leaves three letters.
func stripUkrainianEnding(word string) string {
	n := utf8.RuneCountInString(word)
	for _, e := range ukrainianEndings {
		if strings.HasSuffix(word, e) && n-utf8.RuneCountInString(e) >= 3 {
			return word[:len(word)-len(e)]
		}
	}
	return word
}

// ukrainianStops lists Ukrainian function words and question phrasing.
var ukrainianStops = []string{
	"і", "й", "та", "або", "але", "а", "в", "у", "на", "з", "із", "зі", "до", "від", "для",
	"по", "про", "за", "над", "під", "при", "без", "через", "що", "як", "коли", "де", "куди",
	"чи", "не", "ні", "так", "це", "цей", "ця", "ці", "цього", "той", "ті", "то", "він",
	"вона", "воно", "вони", "я", "ми", "ви", "ти", "мене", "мені", "мій", "моя", "мої", "моє",
	"мого", "моєї", "мою", "наш", "наша", "наші", "ваш", "ваша", "ваші", "його", "її", "їх",
	"їм", "себе", "свій", "своя", "свої", "є", "був", "була", "було", "були", "буде", "бути",
	"можна", "треба", "потрібно", "хочу", "мушу", "можу", "який", "яка", "яке", "які",
	"якого", "скільки", "будь", "ласка", "привіт", "дякую", "добрий", "вже", "ще", "тут",
	"там", "також", "теж", "лише", "тільки", "дуже", "якщо", "щоб", "бо", "тому", "ось",
	"же", "б", "би", "ж", "о", "нього", "неї", "них", "нам", "вам", "нас", "вас", "їй",
	"йому", "хто", "чому", "навіщо", "чого", "чим", "мати", "маю", "робити", "зробити",
	"підкажіть", "скажіть", "допоможіть",
}
