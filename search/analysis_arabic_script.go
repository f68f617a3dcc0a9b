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
// pass through unchanged.
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

// dariStemFilter strips one plural or adjectival suffix from normalised Dari tokens:
// كارتهاي → كارت, پناهجويان → پناهجو, ايتاليايي → ايتاليا, مالياتي →ماليات. Short
// words keep their ending (زبان, صحي).
type dariStemFilter struct{}

var dariSuffixes = []struct {
	suffix  string
	minStem int
}{
	{"هاي", 3}, {"يان", 3}, {"ها", 3}, {"يي", 3}, {"ان", 4}, {"ي", 4},
}

func (dariStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = stripSuffix(t.Term, dariSuffixes)
	}
	return in
}

// pashtoStemFilter strips common Pashto plural and oblique endings (ډاکټرانو → ډاکټر,
// پولیسو → پولیس, کورسونه → کورس), keeping at least three letters.
type pashtoStemFilter struct{}

var pashtoSuffixes = []struct {
	suffix  string
	minStem int
}{
	{"ګانې", 3}, {"ګانو", 3}, {"ونه", 3}, {"ونو", 3}, {"انو", 3}, {"ان", 4}, {"و", 4},
}

func (pashtoStemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = stripSuffix(t.Term, pashtoSuffixes)
	}
	return in
}

func stripSuffix(term []byte, suffixes []struct {
	suffix  string
	minStem int
}) []byte {
	s := string(term)
	for _, x := range suffixes {
		if strings.HasSuffix(s, x.suffix) && utf8.RuneCountInString(s)-utf8.RuneCountInString(x.suffix) >= x.minStem {
			return []byte(s[:len(s)-len(x.suffix)])
		}
	}
	return term
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
}
