package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
)

// italianTerms maps Italian administrative words, which people use in every language,
// to spellings seen in Cyrillic and Arabic script. Every analyzer rewrites these
// spellings to the Latin word, so "квестура", "كويستورا" and "questura" meet.
// Variants are single words; inflected forms are covered by each language's stemmer.
var italianTerms = map[string][]string{
	"questura":   {"квестура", "квестури", "квестурі", "квестуру", "кестура", "كويستورا", "كوستورا", "کوېستورا", "كويستورة", "کوئستورا", "کویستورا", "کوستورا"},
	"prefettura": {"префеттура", "префектура", "بريفتورا", "بريفيتورا", "پریفتورا", "پرفکتورا"},
	"permesso":   {"пермессо", "пермесо", "بيرميسو", "بيرمسو", "برميسو", "برمسو", "پرمسو", "پرمیسو", "پرمیسّو"},
	"soggiorno":  {"соджорно", "سوجورنو", "سوجيورنو"},
	"ricevuta":   {"рицевута", "річевута", "ريتشيفوتا", "ريشيفوتا", "ریچیووتا", "ریچیوتا", "ریچوتا"},
	"cedolino":   {"чедоліно", "تشيدولينو", "چدولینو", "چیدولینو"},
	"codice":     {"кодіче", "кодиче", "كوديتشي", "كوديشي", "کودیچه", "کودیچی"},
	"fiscale":    {"фіскале", "فيسكالي", "فيسكالة", "فیسکاله", "فیسکالی"},
	"tessera":    {"тессера", "тесера", "تيسيرا", "تسيرا", "تیسرا", "تسرا"},
	"sanitaria":  {"санітарія", "санітаріа", "سانيتاريا", "سانیتاریا", "ساناتاریا"},
	"anagrafe":   {"анаграфе", "أناغرافي", "اناغرافي", "آناگرافه", "اناگرافه"},
	"comune":     {"комуне", "كوموني", "کومونه"},
}

// dariVariants maps words Afghans and Iranians write differently onto one form, so a
// Dari question finds an article written with the other word.
var dariVariants = map[string][]string{
	"شماره":    {"نمبر", "نمره"},
	"پولیس":    {"پلیس"},
	"داکتر":    {"دکتر"},
	"شفاخانه":  {"بیمارستان"},
	"امبولانس": {"آمبولانس"},
	"موبایل":   {"مبایل", "موبائل"},
	"سیم":      {"سیمکارت"},
}

// canonicalTermsFilter replaces a variant spelling (a transliterated Italian term, an
// Iranian word in Dari) by its canonical word as the same analyzer would have produced
// it. Its table is built by running both spellings through the filters that precede
// it, so stemming and normalisation stay consistent.
type canonicalTermsFilter struct{ terms map[string][]byte }

func newCanonicalTermsFilter(preceding []analysis.TokenFilter, extra ...map[string][]string) canonicalTermsFilter {
	preceding = append([]analysis.TokenFilter(nil), preceding...)
	f := canonicalTermsFilter{terms: map[string][]byte{}}
	for _, m := range append([]map[string][]string{italianTerms}, extra...) {
		f.add(preceding, m)
	}
	return f
}

func (f canonicalTermsFilter) add(preceding []analysis.TokenFilter, table map[string][]string) {
	for canonical, variants := range table {
		want := runFilters(preceding, canonical)
		if len(want) != 1 {
			continue
		}
		for _, v := range variants {
			got := runFilters(preceding, v)
			if len(got) == 1 && got[0] != want[0] {
				f.terms[got[0]] = []byte(want[0])
			}
		}
	}
}

func (f canonicalTermsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if canonical, ok := f.terms[string(t.Term)]; ok {
			t.Term = append([]byte(nil), canonical...)
		}
	}
	return in
}
