package search

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// persianLettersFilter unifies letter shapes that Dari and Pashto writers type
// interchangeably, after Bleve's Arabic and Persian normalisers (which already map
// ک→ك, ی→ي, ى→ي, ۀ→ه, ة→ه and drop diacritics). For Pashto, ئ becomes ۍ and the
// Persian-keyboard گ becomes the Pashto ګ; other Pashto letters (ټ ډ ړ ښ ږ ځ څ ڼ ې ۍ)
// pass through unchanged here (pashtoStemFilter folds the yehs in the stemmed field).
type persianLettersFilter struct{ pashto bool }

func (f persianLettersFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = mapRunes(t.Term, func(r rune) rune {
			switch r {
			case 'ڪ': // swash kaf
				return 'ك'
			case 'ھ', 'ۃ': // heh doachashmee, teh marbuta goal
				return 'ه'
			case 'ٱ': // alef wasla
				return 'ا'
			case 'ؤ':
				return 'و'
			case 'ئ':
				if f.pashto {
					return 'ۍ'
				}
				return 'ي'
			case 'گ':
				if f.pashto {
					return 'ګ'
				}
			}
			return r
		})
	}
	return in
}

// dariStemFilter strips from normalised Dari tokens, in this order: a verb prefix (می,
// نمی, and ب or ن before a plural personal ending), a personal or possessive ending (م,
// یم, ید, ین, ند, ام, اید, اند, ایم), the ه of a past participle, then one plural or
// adjectival suffix. So رسیدم, رسیده‌اید and رسیدیم all become رسید; میروید and بروید
// become رو;
// كارتهاي → كارت, پناهجويان → پناهجو, ايتاليايي → ايتاليا. It is deliberately light:
// short words keep their endings (زبان, صحي, نام), and it only runs in the stemmed
// fields, so the plain field still tells the exact word apart.
type dariStemFilter struct{}

var dariSuffixes = []struct {
	suffix  string
	minStem int
}{
	{"هاي", 3}, {"يان", 3}, {"ها", 3}, {"يي", 3}, {"ان", 4}, {"ي", 4},
}

// Personal endings of verbs and possessive endings of nouns, longest first, after
// normalisation (ی → ي). The endings ی (you) and د (he) are left out: too many nouns
// end in them.
var dariEndings = []struct {
	suffix  string
	minStem int
}{
	{"هايم", 2}, {"هايد", 2}, {"هاند", 2}, {"ايد", 3}, {"ايم", 3}, {"اند", 3},
	{"يم", 3}, {"يد", 3}, {"ين", 3}, {"ند", 3}, {"ام", 3}, {"م", 3},
}

func (dariStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = []byte(dariStem(string(t.Term)))
	}
	return in
}

func dariStem(s string) string {
	n := utf8.RuneCountInString(s)
	verb := false
	for _, p := range []string{"نمي", "مي"} {
		if strings.HasPrefix(s, p) && n-utf8.RuneCountInString(p) >= 2 {
			s, verb = s[len(p):], true
			break
		}
	}
	if !verb && n >= 4 && (strings.HasPrefix(s, "ب") || strings.HasPrefix(s, "ن")) {
		// بروید, بگیرید, نکنید: the subjunctive and negative prefixes, only before a
		// plural personal ending, so that nouns such as بانك or نمبر, and with the
		// possessive م (نمبرم, my number), keep their first letter.
		for _, e := range []string{"يم", "يد", "ين", "ند"} {
			if strings.HasSuffix(s, e) && n-1-utf8.RuneCountInString(e) >= 2 {
				_, size := utf8.DecodeRuneInString(s)
				s, verb = s[size:], true
				break
			}
		}
	}
	adjust := 0
	if verb {
		adjust = -1 // a verb stem may be two letters: رو, ده
	}
	s = string(stripSuffixMin(s, dariEndings, adjust))
	// رسیده, گرفته: the participle of a past stem in د or ت.
	if r := []rune(s); len(r) >= 4 && r[len(r)-1] == 'ه' && (r[len(r)-2] == 'د' || r[len(r)-2] == 'ت') {
		s = string(r[:len(r)-1])
	}
	return string(stripSuffix([]byte(s), dariSuffixes))
}

// pashtoStemFilter folds the Pashto yehs (ې, ۍ and the ی typed for them) into ي, since
// people type them interchangeably (شمېره, شمیره), then strips one common ending: the
// intransitive verb endings (ختمېږي, ختمېدل, ختمېده → ختم) and the plural and oblique
// endings of nouns (ډاکټرانو → ډاکټر, پولیسو → پولیس, کورسونه → کورس), keeping at
// least three letters. The plain field keeps the letters apart. The first-person م is
// left alone: stripping it made راوړم (I bring) meet unrelated words.
type pashtoStemFilter struct{}

var pashtoSuffixes = []struct {
	suffix  string
	minStem int
}{
	{"ګاني", 3}, {"ګانو", 3}, {"يدلي", 3}, {"يږي", 3}, {"يږم", 3}, {"يږو", 3}, {"يدل", 3},
	{"يدم", 3}, {"يده", 3}, {"ونه", 3}, {"ونو", 3}, {"انو", 3}, {"ان", 4}, {"و", 4}, {"ي", 4},
	{"ه", 4},
}

func (pashtoStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = stripSuffix(foldPashtoYeh(t.Term), pashtoSuffixes)
	}
	return in
}

// foldPashtoYeh maps ې, ۍ and ئ (already ۍ after persianLettersFilter) to ي.
func foldPashtoYeh(term []byte) []byte {
	return mapRunes(term, func(r rune) rune {
		switch r {
		case 'ې', 'ۍ', 'ئ':
			return 'ي'
		}
		return r
	})
}

func stripSuffix(term []byte, suffixes []struct {
	suffix  string
	minStem int
}) []byte {
	return stripSuffixMin(string(term), suffixes, 0)
}

// stripSuffixMin removes the first listed suffix that leaves minStem+adjust letters.
func stripSuffixMin(s string, suffixes []struct {
	suffix  string
	minStem int
}, adjust int) []byte {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x.suffix) && utf8.RuneCountInString(s)-utf8.RuneCountInString(x.suffix) >= x.minStem+adjust {
			return []byte(s[:len(s)-len(x.suffix)])
		}
	}
	return []byte(s)
}

// arabicArticleFilter removes the article and the conjunctions glued to it (ال, وال,
// بال, كال, فال, لل) in the plain analyzer, which has no stemmer, so typo tolerance
// compares words rather than articles.
type arabicArticleFilter struct{}

var arabicArticles = []string{"وال", "بال", "كال", "فال", "ال", "لل"}

func (arabicArticleFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		s := string(t.Term)
		for _, p := range arabicArticles {
			if strings.HasPrefix(s, p) && utf8.RuneCountInString(s)-utf8.RuneCountInString(p) >= 2 {
				t.Term = []byte(s[len(p):])
				break
			}
		}
	}
	return in
}

// arabicHamzaFilter writes hamza the way most people type it on a phone, without its
// seat: ئ becomes ي, ؤ becomes و and a bare ء is dropped, so لاجئين and لاجيين, مؤقتة
// and موقتة, لجوء and لجوئي (stemmed) meet.
type arabicHamzaFilter struct{}

func (arabicHamzaFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if utf8.RuneCount(t.Term) < 3 {
			continue
		}
		t.Term = mapRunes(t.Term, func(r rune) rune {
			switch r {
			case 'ئ':
				return 'ي'
			case 'ؤ':
				return 'و'
			case 'ء':
				return -1
			}
			return r
		})
	}
	return in
}

// arabicDialectFilter splits the colloquial contraction of على with the article
// (عالكويستورا = على الكويستورا) so the Arabic stemmer can remove the article.
type arabicDialectFilter struct{}

func (arabicDialectFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if s := string(t.Term); strings.HasPrefix(s, "عال") && utf8.RuneCountInString(s) >= 6 {
			t.Term = []byte(s[len("ع"):])
		}
	}
	return in
}

// dariStops adds words Afghans use in questions (colloquial forms such as اس for است,
// ره for را, مه for من, استم) to Bleve's Persian stop list.
var dariStops = []string{
	"اس", "است", "استم", "استی", "استین", "استید", "هستم", "هستی", "هستین", "هستید", "هست",
	"بود", "بودم", "شد", "شده", "شود", "میشه", "میشود", "می", "نمی", "ره", "را", "رو",
	"مه", "من", "مره", "مرا", "تو", "تره", "ما", "شما", "او", "اونا", "آنها", "ایشان",
	"ای", "این", "آن", "همی", "همین", "همان", "کدام", "چطور", "چطو", "چگونه", "چی", "چه",
	"چرا", "کجا", "کی", "چند", "که", "در", "از", "به", "با", "بر", "برای", "بخاطر", "تا",
	"و", "یا", "هم", "نه", "بلی", "بله", "اگر", "اگه", "لطفا", "لطفاً", "سلام", "تشکر",
	"مهربانی", "جان", "باید", "میتانم", "میتوانم", "میتانیم", "میخواهم", "میخوایم",
	"میخواهیم", "میخایم", "کنم", "کنیم", "کنید", "کنین", "میکنم", "دیگه", "دیگر",
	"خود", "یک", "یگ", "یکی", "هیچ", "خیلی", "زیاد", "فقط", "ولی", "اما", "پس", "حالا",
	"لازم", "آیا", "ایا", "میتانه", "میتانی", "کنه", "برم", "بروم", "میرم", "بریم", "داره", "دارد", "دارم", "داریم", "بکنم", "بگیرم", "گرفته", "گرفتن",
	// Spoken forms of the same auxiliaries and pronouns.
	"ندارم", "نداریم", "ندارد", "نداره", "نداری", "دارن", "دارین", "نیستم", "نیست", "هستیم",
	"میکنه", "میکنن", "میکنید", "میکنین", "کنن", "نمیشه", "بشه", "بشود", "میشن", "میشوم",
	"میدن", "میتن", "میته", "میدهند", "میخواهه", "میخواد", "میخوام", "بخواهم", "بخوام",
	"نمیتانم", "نمیتوانم", "بتانم", "بتوانم", "میتوانید", "میتانید", "میتانین", "چیست",
	"چیه", "چیس", "چقدر", "کجاست", "کجاس", "الان", "اکنون", "برایم", "برام", "مارا",
	"شمارا", "یعنی", "چون", "چونکه", "وقتی", "هنوز", "مثلا", "واقعا", "خوب", "بخیر",
	// The light verbs of compound verbs (درخواست دادن, ثبت نام کردن, زنگ زدن), whose
	// noun carries the meaning.
	"کردم", "کردی", "کرد", "کردیم", "کردید", "کردند", "کرده", "کردن", "کن", "کنی", "کند",
	"کنند", "میکنی", "میکند", "میکنیم", "میکنند", "نمیکنم", "نمیکند", "نکن", "نکنید",
	"بکنید", "بکند", "دادم", "دادی", "داد", "دادیم", "دادید", "دادند", "داده", "دادن", "بده",
	"بدهم", "بدهی", "بدهد", "بدهیم", "بدهید", "بدهند", "میدهم", "میدهد", "میدهید", "نمیدهند",
	"نمیدهد", "شدم", "شدی", "شدیم", "شدید", "شدند", "شدن", "شوم", "شوید", "شوند", "میشوی",
	"نمیشود", "بشوم", "گرفتم", "گرفت", "گرفتیم", "گرفتند", "بگیر", "بگیرد", "بگیرید",
	"میگیرم", "میگیرد", "میگیرند", "زدم", "زد", "زده", "زدن", "بزن", "بزنم", "بزنید", "میزنم",
}

// pashtoStops lists common Pashto function words and question phrasing.
var pashtoStops = []string{
	"د", "په", "او", "ته", "چې", "چی", "دا", "دغه", "هغه", "زه", "ما", "موږ", "مونږ",
	"تاسو", "تاسې", "دی", "ده", "دي", "وي", "شي", "کې", "کښې", "کی", "له", "څخه", "نه",
	"سره", "لپاره", "دپاره", "باندې", "پر", "تر", "هم", "یا", "خو", "که", "نو", "څه",
	"ولې", "ولی", "څنګه", "څرنګه", "چېرته", "چیرته", "کوم", "کومه", "کله", "زما", "ستا",
	"ستاسو", "زموږ", "مې", "مو", "یې", "به", "باید", "غواړم", "غواړو", "کولی", "کولای",
	"شم", "شو", "لري", "لرم", "یو", "یوه", "دې", "ځکه", "هو", "سلام", "مننه", "مهرباني",
	"وکړم", "کړم", "شوی", "شوې", "شوه", "شول", "کېږي", "کیږي", "ولاړ", "لاړ", "ورشم", "راشم", "ایا", "آیا", "دلته", "هلته", "هر", "ورته", "اړتیا", "لطفا", "ګران", "صاحب",
	// Spoken forms of the same auxiliaries, pronouns and question words.
	"نلرم", "نلرو", "نه‌لرم", "لرو", "لرې", "لرئ", "شته", "نشته", "یم", "یې", "کیدی", "کیدای",
	"کېدای", "کېدی", "نشي", "نشم", "وکړو", "وکړي", "وکړه", "وکړئ", "کوو", "کوي", "کړي", "کړی",
	"څو", "څومره", "چیرې", "چېرې", "چرته", "اوس", "ډیر", "ډېر", "ډیرې", "ډېرې", "پکار",
	"غواړي", "غواړې", "غواړئ", "راته", "ماته", "تاته", "دوی", "هغوی", "څوک", "چا", "شوم",
}

// arabicStops adds dialect question words (Levantine, Egyptian, Gulf, Maghrebi) and
// polite phrasing to Bleve's Arabic stop list.
var arabicStops = []string{
	"كيف", "كيفاش", "شو", "شنو", "ايش", "وش", "وين", "فين", "بدي", "ابغى", "ابي", "عايز",
	"عاوز", "حابب", "بغيت", "ممكن", "لو", "سمحت", "فضلك", "من", "هل", "ما", "ماذا", "متى",
	"اين", "لماذا", "ليش", "ليه", "كم", "انا", "نحن", "احنا", "انت", "انتم", "هو", "هي",
	"في", "على", "الى", "عن", "مع", "او", "يا", "مرحبا", "السلام", "عليكم", "شكرا", "اريد",
	"أريد", "احتاج", "أحتاج", "لازم", "يجب", "عندي", "هاد", "هادا", "هذا", "هذه", "هيك",
	"كيفية", "طريقة", "اعمل", "أعمل", "اسوي", "ساعدني", "عم", "رح", "راح",
	// Dialect pronouns, question words, fillers and modal verbs (Levantine, Egyptian,
	// Maghrebi, Sudanese, Gulf), which carry no topic.
	"معي", "معاي", "معايا", "معك", "معه", "معو", "عندك", "عنده", "عندو", "عندنا", "معنديش",
	"ماعندي", "مافي", "مفيش", "فيه", "فيها", "كاين", "كاينة", "اكو", "ماكو", "ايش", "اش",
	"شنهو", "شنوه", "ايه", "إيه", "واش", "علاش", "امتى", "إمتى", "متين", "لامتى", "قديش",
	"قداش", "شحال", "كام", "مين", "منو", "شكون", "منين", "ازاي", "إزاي", "شلون", "هيكا",
	"كده", "كدا", "زي", "متل", "يعني", "بس", "طيب", "ايوه", "مش", "مو", "موش", "هلق",
	"هلأ", "هسه", "هسا", "دلوقتي", "دابا", "توا", "الحين", "لسا", "لسه", "كمان", "برضو",
	"بردو", "اللي", "الي", "يلي", "دي", "ده", "دا", "هادي", "هدا", "هاي", "هذي", "ديال",
	"تاع", "تبع", "تبعي", "بتاع", "بتاعة", "بتاعي", "انتي", "انتو", "حنا", "هما", "هم",
	"عايزة", "عاوزة", "عاوزين", "عايزين", "بدنا", "بدك", "بدو", "ابغا", "نبغي", "بغينا",
	"حابة", "داير", "دايرة", "محتاج", "محتاجة", "محتاجين", "بقدر", "بقدرش", "بنقدر", "اقدر",
	"نقدر", "يقدر", "تقدر", "فيني", "فيك", "ينفع", "يمكن", "يمكنني", "نريد", "ساعدوني",
	"يخليك", "اهلا", "سلام", "اخي", "اختي", "حدا", "حد", "شي", "شيء", "حاجة", "كتير", "كثير",
	"شوي", "شوية", "نعمل", "بعمل", "بسوي", "نسوي", "اروح", "بروح", "نروح", "روح", "امشي",
	"اجي", "مفروض", "المفروض", "صح", "ولا", "لكن", "بعدين", "عشان", "علشان", "مشان", "منشان",
	"لان", "لأن", "باش", "حتى", "اذا", "إذا", "لما", "لمن", "هون", "هنا", "هناك", "غادي",
	"راني", "راه", "كنت", "كان", "صار", "بصير", "يصير", "بيصير", "ح", "امبارح", "مبارح",
	"البارح", "امس", "اقول", "بقول", "بيقول", "يقولوا", "قالوا", "اعرف", "بعرف", "نعرف",
}
