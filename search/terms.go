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
	"centro":     {"чентро", "سنترو", "تشينترو", "چنترو", "چینترو"},
	"l'impiego":  {"імп'єго", "импьего", "ليمبيغو", "امبييغو", "ایمپیګو", "ایمپیگو", "impiego"},
	"arci":       {"арчі", "арчи", "ارشي", "ارتشي", "آرچی", "ارچي", "ارچی"},
	"ricorso":    {"рікорсо", "рикорсо", "ريكورسو", "ریکورسو", "رېکورسو"},
	"diniego":    {"дінієго", "диниего", "دينييغو", "دينيغو", "دینیگو", "دینیګو"},
	"patronato":  {"патронато", "باتروناتو", "پاتروناتو"},
	"tribunale":  {"трибунале", "تريبونالي", "تریبونال", "تریبونالی"},
	"avvocato":   {"авокато", "аввокато", "افوكاتو", "أفوكاتو", "آووکاتو", "آوکاتو"},
}

// englishVariants and frenchVariants map chat words onto the word the articles use.
var (
	englishVariants = map[string][]string{
		"doctor":      {"doc", "docter", "doktor"},
		"appointment": {"appt", "appuntamento"},
		"police":      {"cops", "polizia"},
		"child":       {"kid", "kids", "baby"},
		"documents":   {"docs", "papers"},
		"money":       {"cash"},
	}
	frenchVariants = map[string][]string{
		"travail":    {"boulot", "taf", "job"},
		"médecin":    {"toubib", "docteur"},
		"police":     {"flic", "flics", "keufs", "polizia"},
		"argent":     {"fric", "thunes", "sous"},
		"rendez":     {"rdv", "rdz"}, // rendez-vous is two words to the tokenizer
		"préfecture": {"préf", "pref"},
		"gratuit":    {"gratos"},
		"hôpital":    {"hosto", "hopital"},
		"enfant":     {"gosse", "gosses", "môme", "mômes", "bébé"},
	}
)

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
	"تیلفون":   {"تلفون", "تلیفون", "تیلیفون", "ټیلیفون"},
	"اسناد":    {"مدرک", "مدارک"},
	"رایگان":   {"مفت", "مجانی"},
	"پاسپورت":  {"گذرنامه", "پاسپورټ"},
	"اقامت":    {"اقامه"},
	"طفل":      {"کودک", "بچه", "فرزند"},
	"ویزه":     {"ویزا"},
}

// pashtoVariants does the same for Pashto: loanwords spelt several ways, and words
// from Dari or Urdu that Pashto speakers also type.
var pashtoVariants = map[string][]string{
	"ټیلیفون":  {"تلیفون", "ټلیفون", "تیلیفون", "تلفون", "ټیلفون", "تیلفون"},
	"شمېره":    {"شمیره", "نمبر", "نمره", "شماره"},
	"ډاکټر":    {"داکتر", "ډاکتر", "داکټر", "دکتور"},
	"روغتون":   {"شفاخانه", "بیمارستان", "هسپتال"},
	"پولیس":    {"پلیس"},
	"وړیا":     {"مفت", "رایګان", "رایگان", "وریا"},
	"ناروغ":    {"مریض", "بیمار"},
	"امبولانس": {"آمبولانس", "امبولانص"},
	"پاسپورټ":  {"پاسپورت", "پاسپورط"},
	"ماشوم":    {"بچی", "طفل", "کوچنی"},
	"درمل":     {"دوا", "دارو"},
}

// arabicVariants maps colloquial words of the Arabic dialects onto the standard word the
// articles use: the person writes دكتور, بوليس, شغل, مصاري or ببلاش; the article says
// طبيب, شرطة, عمل, مال and مجاني.
var arabicVariants = map[string][]string{
	"طبيب":    {"دكتور", "دكتوره", "دكتورة", "حكيم"},
	"شرطة":    {"بوليس", "البوليس"},
	"عمل":     {"شغل", "شغلة", "اشتغل", "بشتغل", "نشتغل", "يشتغل", "تشتغل"},
	"مال":     {"مصاري", "مصريات", "فلوس", "نقود", "دراهم"},
	"مجاني":   {"ببلاش", "بلاش", "مجانا", "فابور", "بالمجان"},
	"جواز":    {"باسبور", "باسبورت", "بسبور", "بسبورت", "پاسپورت"},
	"قارب":    {"مركب", "فلوكة", "شختورة", "بلم", "زورق", "بابور"},
	"عائلة":   {"عيلة", "عيله", "فاميليا", "فاميلي"},
	"أطفال":   {"ولاد", "اولاد", "عيال", "اطفالي", "ولادي"},
	"مستشفى":  {"سبيطار", "سبيتار", "اسبيتار", "مشفى", "سبيتال"},
	"هاتف":    {"تلفون", "تليفون", "تيليفون"},
	"رقم":     {"نمرة", "نمره", "نمبر", "نومرو"},
	"إسعاف":   {"امبولانس", "لامبيلانس", "لمبيلانس", "أمبولانس"},
	"أوراق":   {"وراق", "الوراق", "ورق"},
	"لجوء":    {"ازيلو", "أزيلو", "اسيلو"},
	"زوجة":    {"مرتي", "مراتي", "مرتو"},
	"زوج":     {"جوزي", "جوز"},
	"أخذ":     {"اخد", "آخد", "ناخد", "باخد", "ياخد"},
	"انتهاء":  {"خلص", "خلصت", "يخلص", "بيخلص", "تخلص", "خلصان", "خلصانة"},
	"نوم":     {"انام", "نام", "بنام"},
	"بريد":    {"بوسطة", "بوستا", "بوسته", "البوستا"},
	"موعد":    {"رونديفو", "رانديفو", "رنديفو", "ابوينتمنت"},
	"بطاقة":   {"كارطة", "كارطه", "كرت"},
	"تأشيرة":  {"فيزا", "الفيزا"},
	"طفل":     {"بيبي", "البيبي"},
	"إيجار":   {"اجار", "كرا", "كراء"},
	"إيطاليا": {"طاليا"},
}

// ukrainianVariants maps synonyms and the Russian words some Ukrainians write onto the
// Ukrainian word the articles use. Each side goes through the Ukrainian stemmer, so one
// form of a word stands for its inflections.
var ukrainianVariants = map[string][]string{
	"безкоштовний": {"безплатний", "безплатно", "безоплатний", "безоплатно", "бесплатный", "бесплатно", "бесплатное"},
	"адвокат":      {"юрист", "юриста"},
	"захист":       {"защита", "защиты", "защиту", "защите"},
	"тимчасовий":   {"временная", "временной", "временную", "временный", "временное"},
	"отримати":     {"получить", "получил", "получила", "получение"},
	"допомога":     {"помощь", "помощи", "помощью"},
	"біженці":      {"беженцы", "беженец", "беженцам", "беженцев"},
	"лікування":    {"лечение", "лечения", "лечиться"},
	"лікар":        {"врач", "врача", "врачу"},
	"лікарня":      {"больница", "больницы", "больницу"},
	"відмова":      {"отказ", "отказали", "отказано", "отказа"},
	"залишитися":   {"остаться", "остаюсь"},
	"поліція":      {"полиция", "полиции", "полицию"},
	"Італія":       {"италия", "италии", "италию", "італия", "італии"},
	"приїхав":      {"приехал", "приехала", "приехали"},
	"прибув":       {"прибыл", "прибыла", "прибыли"},
	"робота":       {"работа", "работы", "работать", "работу"},
	"дозвіл":       {"разрешение", "разрешения"},
	"продовжити":   {"продлить", "продление", "продлевать"},
	"пожежа":       {"пожар"},
	"притулок":     {"убежище", "убежища"},
	"заява":        {"заявление", "заявления"},
	"житло":        {"жилье", "жилья"},
	"гроші":        {"деньги", "денег"},
	"країна":       {"страна", "страны", "страну"},
	"ім'я":         {"имя"},
	"медична":      {"медицинская", "медицинскую"},
	"картка":       {"карточка", "карточку"},
	"сімейний":     {"семейный", "семейного"},
	"педіатр":      {"педиатр"},
	"відбитки":     {"отпечатки"},
	"звернутися":   {"обратиться"},
	"дитина":       {"ребенок", "ребенка", "дети", "детей"},
	"дружина":      {"жена", "жену"},
	"чоловік":      {"муж", "мужа"},
	"місто":        {"город", "города"},
	"віза":         {"виза", "визу"},
	"проживання":   {"жительство", "проживание"},
	"гуртожиток":   {"общежитие"},
	"роботодавець": {"работодатель"},
	"безробіття":   {"безработица"},
	"зайнятість":   {"занятость", "занятости"},
	"пожежники":    {"пожарные"},
	"швидка":       {"скорая", "скорую"},
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
