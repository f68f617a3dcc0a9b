package triage

import (
	"strings"
	"unicode/utf8"
)

// Foreign destinations people ask about instead of Italy: European countries and
// their big cities, plus the usual far destinations, in the spellings people use
// (English, French, Italian, German, Spanish, transliterations and common typos).
// Countries of origin (Afghanistan, Libya, Syria, Ukraine…) are deliberately absent:
// mentioning them is almost always about the past or about family there. "Dublin" is
// absent because it nearly always means the Dublin regulation, and "Nice" and "Porto"
// because they are ordinary words.
var destLatin = []string{
	// France
	"france", "frence", "frnace", "frans", "fransa", "franca", "francia", "frankreich",
	"paris", "pari", "parigi", "marseille", "marseile", "marsiglia", "lyon", "lione", "lille",
	"calais", "toulouse", "bordeaux", "strasbourg", "grenoble", "nantes", "menton", "mentone",
	// Germany
	"germany", "germani", "germny", "germay", "jermany", "jarmany", "jermani", "almania",
	"almanya", "alemania", "allemagne", "alemagne", "almagne", "germania", "deutschland",
	"berlin", "berlino", "munich", "munchen", "muenchen", "hamburg", "amburgo", "frankfurt",
	"francoforte", "koln", "cologne", "colonia", "dusseldorf", "stuttgart", "dortmund",
	"bremen", "hannover", "leipzig", "dresden", "nurnberg",
	// Benelux, Switzerland, Austria
	"belgium", "belgique", "belgio", "belgie", "belgien", "belgica", "brussels", "bruxelles",
	"bruxel", "brussel", "antwerp", "anvers", "liege",
	"netherlands", "holland", "holanda", "hollande", "olanda", "pays bas", "paesi bassi",
	"nederland", "amsterdam", "rotterdam", "den haag",
	"switzerland", "swiss", "suisse", "svizzera", "schweiz", "suiza", "geneva", "geneve",
	"ginevra", "zurich", "zurigo", "basel", "bale", "basilea", "bern", "berne", "lausanne",
	"lugano", "chiasso",
	"austria", "autriche", "osterreich", "oesterreich", "vienna", "vienne", "wien", "graz",
	"innsbruck", "salzburg",
	// Iberia
	"spain", "espagne", "spagna", "espana", "madrid", "barcelona", "barcelone", "barcellona",
	"portugal", "portogallo", "lisbon", "lisbonne", "lisbona", "lisboa",
	// British Isles
	"uk", "u k", "united kingdom", "england", "englend", "ingland", "angleterre", "inghilterra",
	"britain", "great britain", "gran bretagna", "grande bretagne", "london", "londres",
	"londra", "manchester", "birmingham", "liverpool", "scotland", "glasgow",
	"ireland", "irlande", "irlanda",
	// North and east
	"sweden", "suede", "svezia", "sverige", "stockholm", "stoccolma", "norway", "norvege",
	"norvegia", "oslo", "denmark", "danemark", "danimarca", "copenhagen", "copenhague",
	"finland", "finlande", "finlandia", "helsinki", "iceland", "islande", "islanda",
	"poland", "pologne", "polonia", "polska", "warsaw", "varsovie", "varsavia", "krakow",
	"czech", "czechia", "prague", "praga", "slovenia", "slovenie", "ljubljana", "croatia",
	"croatie", "croazia", "hungary", "hongrie", "ungheria", "budapest", "greece", "grece",
	"grecia", "athens", "athenes", "atene", "luxembourg", "lussemburgo", "malta", "malte",
	"monaco",
	// Far
	"canada", "kanada", "toronto", "montreal", "quebec", "usa", "u s a", "america", "amrika",
	"amerika", "etats unis", "stati uniti", "united states", "new york", "australia",
	"australie", "turkey", "turquie", "turchia", "turkiye", "istanbul",
}

// destArabic is the same list in Arabic, Dari and Pashto spellings (folded like
// messages, so either ي or ی, ك or ک may be written). Arabic clitics are allowed in
// front (لفرنسا، بألمانيا، عالسويد، للسويد).
var destArabic = []string{
	"فرنسا", "فرانسا", "فرانسه", "فرانس", "فرنسه", "فرانسې", "باریس", "پاریس", "مارسیلیا", "مارسی",
	"المانيا", "المانیه", "آلمان", "المان", "جرمني", "جرمنۍ", "برلین", "میونخ", "مونیخ", "هامبورغ",
	"هامبورگ", "فرانکفورت", "دوسلدورف",
	"بلجيكا", "بلجیک", "بلژیک", "بروکسل", "هولندا", "هلند", "هالند", "امستردام", "روتردام",
	"سويسرا", "سویس", "سوئیس", "ژنو", "جنيف", "زوريخ", "نمسا", "اتریش", "فيينا",
	"اسبانيا", "اسپانیا", "مدريد", "برشلونة", "بارسلونا", "برتغال", "پرتگال", "پرتغال", "لشبونة",
	"بريطانيا", "برتانیه", "بریتانیا", "انجلترا", "انكلترا", "انگلستان", "انګلستان", "انګلینډ", "لندن",
	"ايرلندا", "ایرلند", "سويد", "سویدن", "سوئد", "نرويج", "ناروی", "نروژ", "ناروې", "دنمارك",
	"فنلندا", "فنلاند", "بولندا", "پولند", "لهستان", "يونان",
	"كندا", "کانادا", "امريكا", "امرېکا", "استراليا", "آسترالیا", "تركيا", "ترکیه", "ترکیې",
	"اسطنبول", "استانبول", "مالطا",
}

// destCyrillic is the list in Ukrainian and Russian. An entry ending in % is a stem
// that takes case endings (Німеччина, Німеччині, Німеччину); the others are whole words.
var destCyrillic = []string{
	"франці%", "париж%", "марсел%", "німеччин%", "германі%", "берлін%", "мюнхен%", "гамбург%",
	"франкфурт%", "бельгі%", "брюссел%", "нідерланд%", "голланді%", "амстердам%", "швейцарі%",
	"женев%", "цюрих%", "австрі%", "відень", "відні", "відня", "вена", "вене", "вену", "іспані%",
	"мадрид%", "барселон%", "португалі%", "лісабон%", "британі%", "великобритані%",
	"англія", "англії", "англію", "англією", "лондон%", "ірланді%", "швеці%", "стокгольм%",
	"норвегі%", "данія", "данії", "данію", "фінлянді%", "польщ%", "польш%", "варшав%", "краків%",
	"чехі%", "прага", "празі", "прагу", "праги", "канад%", "сша", "америк%", "австралі%",
	"туреччин%", "турці%", "стамбул%", "греці%", "литв%", "латві%", "естоні%", "румуні%",
	"молдов%", "словаччин%", "угорщин%", "венгри%", "ізраїл%",
}

// destTag replaces every destination in the text that rules with {D} read, so those
// rules stay small and fast whatever the length of the lists above.
const destTag = "zdestz"

// destIndex finds destinations among the words of a normalised message.
type destIndex struct {
	words    map[string]bool       // one-word names
	multi    map[string][][]string // first word → the rest of multi-word names
	stems    []string              // names that take endings
	clitics  []string              // Arabic prefixes glued to a name: ب، ل، ع، ال، بال…
	maxMulti int
}

func newDestIndex() *destIndex {
	d := &destIndex{words: map[string]bool{}, multi: map[string][][]string{}}
	add := func(name string) {
		stem := strings.HasSuffix(name, "%")
		toks := strings.Fields(normalize(strings.TrimSuffix(name, "%")).norm)
		switch {
		case len(toks) == 0:
		case stem:
			d.stems = append(d.stems, toks[0])
		case len(toks) == 1:
			d.words[toks[0]] = true
		default:
			d.multi[toks[0]] = append(d.multi[toks[0]], toks[1:])
		}
	}
	for _, list := range [][]string{destLatin, destArabic, destCyrillic} {
		for _, name := range list {
			add(name)
		}
	}
	for _, conj := range []string{"", "و", "ف"} {
		for _, prep := range []string{"", "ال", "لل", "بال", "عال", "ل", "ب", "ع"} {
			if conj+prep != "" {
				d.clitics = append(d.clitics, normalize(conj + prep).norm[1:len(conj+prep)+1])
			}
		}
	}
	return d
}

// isName reports whether one word is a destination.
func (d *destIndex) isName(w string) bool {
	if w == "" {
		return false
	}
	if d.words[w] {
		return true
	}
	if w[0] == 0xd0 || w[0] == 0xd1 { // Cyrillic
		for _, s := range d.stems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
		return false
	}
	if w[0] < utf8.RuneSelf {
		// French and Italian articles glued by a dropped apostrophe: l'Allemagne,
		// d'Espagne, dall'Austria.
		for _, c := range []string{"l", "d", "dall", "nell", "all"} {
			if len(w) > len(c)+1 && strings.HasPrefix(w, c) && strings.ContainsRune("aeiou", rune(w[len(c)])) && d.words[w[len(c):]] {
				return true
			}
		}
		return false
	}
	for _, c := range d.clitics {
		if strings.HasPrefix(w, c) && d.words[w[len(c):]] {
			return true
		}
	}
	return false
}

// tag returns norm with each destination replaced by destTag.
func (d *destIndex) tag(norm string) string {
	found := false
	for rest := norm; rest != "" && !found; {
		w, after, _ := strings.Cut(rest, " ")
		found = d.isName(w) || len(d.multi[w]) > 0
		rest = after
	}
	if !found {
		return norm
	}
	words := strings.Split(norm, " ")
	out := words[:0:0]
	changed := false
	for i := 0; i < len(words); i++ {
		w := words[i]
		n := 0
		for _, rest := range d.multi[w] {
			if i+len(rest) < len(words) && equalTokens(words[i+1:i+1+len(rest)], rest) {
				n = len(rest)
				break
			}
		}
		if n > 0 || d.isName(w) {
			out = append(out, destTag)
			i += n
			changed = true
			continue
		}
		out = append(out, w)
	}
	if !changed {
		return norm
	}
	return strings.Join(out, " ")
}

// sharedMacros are the macros every language may use.
func sharedMacros() map[string]string {
	return map[string]string{
		// AGE is an age under 18 at which a person writes to Sportello alone.
		"AGE": `(?:[89]|1[0-7])`,
		// D is a foreign destination (see destIndex).
		"D": destTag,
	}
}
