package searchtest

import (
	"math/rand/v2"
	"slices"
	"strings"
)

// Queries returns n questions for a generated knowledge base, spread evenly over the six
// languages, the same for the same n. A question has two to six words of the language's
// vocabulary; in a third of them one word has a typo, two letters swapped.
func Queries(n int) []Query {
	rng := rand.New(rand.NewPCG(3, 4))
	out := make([]Query, 0, n)
	for i := range n {
		lang := Languages[i%len(Languages)]
		v := Vocabulary(lang)
		ws := make([]string, 2+rng.IntN(5))
		for j := range ws {
			ws[j] = v[rng.IntN(len(v))]
		}
		if i%3 == 0 {
			ws[0] = swapLetters(rng, ws[0])
		}
		out = append(out, Query{Lang: lang, Text: strings.Join(ws, " ")})
	}
	return out
}

// swapLetters swaps two neighbouring letters inside a word of five letters or more,
// the commonest typo on a phone keyboard; shorter words are returned as they are.
func swapLetters(rng *rand.Rand, w string) string {
	r := []rune(w)
	if len(r) < 5 {
		return w
	}
	k := 1 + rng.IntN(len(r)-2)
	r[k], r[k+1] = r[k+1], r[k]
	return string(r)
}

// Questions returns questions people ask about the topics of the starter knowledge base,
// five in each of the six languages, written as they are typed: typos, missing accents,
// Italian words for Italian offices and papers. None is urgent or small talk: each goes
// through the whole decision, search included.
func Questions() []Query { return slices.Clone(questions) }

var questions = []Query{
	{"en", "how i ask asylum in italy? questura say come back next month"},
	{"en", "my permesso di soggiorno expire in 2 weeks how to renew"},
	{"en", "commision said no to my asylum, can i make apeal"},
	{"en", "where to find doctor without documents i have no tessera sanitaria"},
	{"en", "is there free lawyer for my case i dont have money"},

	{"fr", "comment demander l asile en italie la questura donne pas de rendez vous"},
	{"fr", "mon permis de sejour expire bientot comment faire le rinnovo"},
	{"fr", "la commission a refuser ma demande je peux faire recours"},
	{"fr", "ou trouver un medecin sans papiers, jai pas la tessera sanitaria"},
	{"fr", "est ce que je peux travailler avec le permesso richiesta asilo"},

	{"fa", "چطور در ایتالیا پناهندگی درخواست کنم کویستورا وقت نمیدهد"},
	{"fa", "پرمسو دی سوجورنو ام تمام میشه چطور تمدید کنم"},
	{"fa", "کمیسیون جواب منفی داد چطور اعتراض کنم"},
	{"fa", "داکتر بدون مدارک کجا پیدا کنم tessera sanitaria ندارم"},
	{"fa", "وکیل مجانی برای کیس پناهندگی از کجا پیدا کنم"},

	{"ps", "په ایټالیا کې د پناه غوښتنه څنګه وکړم کویستورا"},
	{"ps", "زما permesso di soggiorno ختمیږي څنګه یې نوی کړم"},
	{"ps", "کمیسیون زما غوښتنه رد کړه اپیل څنګه وکړم"},
	{"ps", "بې اسنادو ډاکټر ته څنګه لاړ شم"},
	{"ps", "وړیا وکیل چیرته پیدا کړم"},

	{"ar", "كيف اطلب اللجوء في ايطاليا الكويستورا ما تعطيني موعد"},
	{"ar", "كيف اجدد permesso di soggiorno قبل ما ينتهي"},
	{"ar", "اللجنة رفضت طلبي هل استطيع الطعن"},
	{"ar", "وين القى طبيب بدون اوراق"},
	{"ar", "هل يحق لي العمل وانا طالب لجوء"},

	{"uk", "як оформити тимчасовий захист в італії"},
	{"uk", "де знайти лікаря і як отримати tessera sanitaria"},
	{"uk", "як продовжити посвідку, що треба нести в квестуру"},
	{"uk", "безкоштовний адвокат де знайти"},
	{"uk", "чи можна працювати з тимчасовим захистом"},
}
