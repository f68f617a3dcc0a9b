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

// ukrainianEndings holds inflectional endings, tried in order (longest first within a
// group); the first that leaves three letters is removed. Verbal nouns (оскарження, продовження, лікування) lose their suffix, so that they
// meet their verb (оскаржити, продовжити, лікувати). A bare -ти, -ла, -ли, -ло is not
// an ending: it would cut the nouns документи, роботи, школа and житло; the past tense
// is matched with its vowel (-ала, -ила, -ула).
var ukrainianEndings = []string{
	"енням", "анням", "янням", "інням", "ення", "ання", "яння", "іння", "енню", "анню",
	"енні", "анні",
	"ами", "ями", "ові", "еві", "єві", "ими", "іми", "ого", "ому", "ати", "яти", "ити",
	"іти", "ути", "ать", "ять", "уть", "ють", "ить", "іть", "емо", "ємо", "имо", "ете",
	"єте", "ите", "ала", "яла", "ила", "іла", "ула", "ало", "ило", "іло", "уло", "али",
	"или", "іли", "яли", "ули",
	"ах", "ях", "ам", "ям", "ом", "ем", "єм", "ою", "ею", "єю", "ів", "їв", "ей", "ий",
	"ій", "их", "іх", "им", "ім", "ої", "ть", "ав", "ив", "ув", "ає",
	"ує", "ую", "юю", "ая", "яя", "ее", "ое", "ов", "ев",
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
	"може", "можуть", "можемо", "можете", "потрібен", "потрібна", "потрібне", "потрібні",
	"нема", "немає", "має", "мають", "хтось", "щось", "зараз", "тепер", "вчора", "сьогодні",
	// Russian, which some Ukrainians write: function words and question phrasing.
	"и", "как", "где", "куда", "что", "чтобы", "мне", "меня", "мы", "он", "она", "они", "надо",
	"нужно", "нужен", "нужна", "есть", "нет", "только", "пока", "если", "с", "со", "к", "ко",
	"о", "об", "от", "из", "это", "этот", "эта", "уже", "еще", "тоже", "очень", "какой",
	"какая", "какие", "сколько", "когда", "почему", "зачем", "кто", "или", "но", "да", "ли",
	"был", "была", "было", "были", "будет", "мой", "моя", "мои", "моего", "моей", "ее", "их",
	"ему", "ей", "свой", "помогите", "подскажите", "скажите", "пожалуйста", "спасибо",
	"здравствуйте", "привет", "хочу", "могу", "может", "можете", "идет", "сейчас", "теперь",
}
