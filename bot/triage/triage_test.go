package triage

import (
	"os"
	"strings"
	"testing"
	"time"
)

// tc is one table case: a message in lang and the verdict it must get.
type tc struct {
	lang, text string
	want       Result
}

// Shorthands for expected results.
func urg(c Category) Result { return Result{Urgent: c} }
func esc(r Reason) Result   { return Result{Escalate: r} }
func small(k Kind) Result   { return Result{Smalltalk: k} }

var none = Result{}

// run checks every case with t.Run, named by language and text.
func run(t *testing.T, cases []tc) {
	t.Helper()
	for _, c := range cases {
		name := c.lang + "/" + c.text
		if len(name) > 60 {
			name = name[:60]
		}
		t.Run(name, func(t *testing.T) {
			if got := Classify(c.lang, c.text); got != c.want {
				t.Errorf("Classify(%q, %q) = %+v, want %+v (normalised %q)", c.lang, c.text, got, c.want, normalize(c.text).norm)
			}
		})
	}
}

// allCases gathers every table of every language file, for whole-suite checks.
func allCases() []tc {
	var all []tc
	for _, cs := range [][]tc{enUrgent, enCalm, enEscalate, enSmalltalk, frUrgent, frCalm, frEscalate, frSmalltalk,
		faUrgent, faCalm, faEscalate, faSmalltalk, psUrgent, psCalm, psEscalate, psSmalltalk,
		arUrgent, arCalm, arEscalate, arSmalltalk, ukUrgent, ukCalm, ukEscalate, ukSmalltalk, mixedCases, policyCases} {
		all = append(all, cs...)
	}
	return all
}

var mixedCases = []tc{
	// Eastern Arabic and Persian digits.
	{"en", "im ١٥ alone at the train station tonight", urg(Child)},
	{"en", "i am ۱۶ years old and i sleep in the street", urg(Child)},
	{"fa", "۱۶ سالم است، جای خواب ندارم", urg(Child)},
	{"ar", "عمري ١٤ ونايم بالمحطة", urg(Child)},
	// Arabic sentence with Italian words.
	{"ar", "جوزي عم يضربني adesso aiuto", urg(Violence)},
	{"ar", "بدي روح على germania, la questura ما عطتني permesso", esc(OtherCountry)},
	{"ar", "ابني scomparso من الصبح بالستاسيون", urg(Child)},
	// Italian alone, or mixed into English and French.
	{"en", "please aiuto mi picchia", urg(Violence)},
	{"en", "I'm in Roma but voglio andare in Germania", esc(OtherCountry)},
	{"fr", "bonjour, il me frappe adesso", urg(Violence)},
	{"en", "voglio morire", urg(Suicide)},
	// The urgent signal is in another language than the conversation's.
	{"en", "بدي موت", urg(Suicide)},
	{"fr", "не хочу жити", urg(Suicide)},
	{"uk", "help he is hitting me", urg(Violence)},
	{"ps", "خودکشی میکنم", urg(Suicide)},
	{"xx", "we are sinking", urg(Sea)},
	// Keyboard mixes: Latin letters inside Ukrainian words.
	{"uk", "вiн б'є мене, допoможiть", urg(Violence)},
	{"uk", "вʼін бʼє мене зараз", urg(Violence)},
	// Stretched letters and shouting.
	{"en", "HEEELP HE IS HITTING MEEEE", urg(Violence)},
	{"ar", "الحقونيييي بدو يقتلني", urg(Violence)},
	// Emoji and punctuation only.
	{"en", "😭😭😭", small(Gibberish)},
	{"ar", "؟؟؟", small(Gibberish)},
	{"en", "", small(Gibberish)},
	{"en", "👍", small(Thanks)},
	{"fa", "🙏🙏", small(Thanks)},
	{"uk", "👋", small(Greeting)},
}

func TestMixed(t *testing.T) { run(t, mixedCases) }

// TestPrefilterSound checks that the literal prefilter never changes a verdict:
// every case is classified with and without it.
func TestPrefilterSound(t *testing.T) {
	for _, c := range append(allCases(), corpus(t)...) {
		with := defaultEngine.classify(c.lang, c.text, true)
		without := defaultEngine.classify(c.lang, c.text, false)
		if with != without {
			t.Errorf("%q: with prefilter %+v, without %+v", c.text, with, without)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Don’t  HIT me!!!", " dont hit me "},
		{"J'ai peur, il m'a frappée", " jai peur il ma frappee "},
		{"هو يضربني الآن", " هو یضربنی الان "},
		{"كيف حالك؟ عمري ١٥", " کیف حالک عمری 15 "},
		{"می‌زند", " میزند "},
		{"مُـــحـمَّد", " محمد "},
		{"ښځه ګډه ځان", " شزه گده زان "},
		{"Він б’є мене, ґанок", " вин бе мене ганок "},
		{"Heeeeelp", " help "},
		{"30000 euro", " 30000 euro "},
		{"\xff\xfeok", " ok "},
	}
	for _, c := range cases {
		if got := normalize(c.in).norm; got != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	if got := Classify("en", "\xff\xfe\xfd he is hitting me \xc3 now"); got.Urgent != Violence {
		t.Errorf("got %+v, want violence", got)
	}
	if got := Classify("en", "\xff\xfe\xfd\x80\x81"); got != small(Gibberish) {
		t.Errorf("got %+v, want gibberish", got)
	}
	if got := Classify("ar", string([]byte{0xd8})+"بدي موت"+string([]byte{0xd9})); got.Urgent != Suicide {
		t.Errorf("got %+v, want suicide", got)
	}
}

func TestLargeInput(t *testing.T) {
	filler := strings.Repeat("ciao come stai io sto bene grazie ", 3100) // about 100 KB
	cases := []struct {
		name, text string
		want       Category
	}{
		{"filler only", filler, ""},
		{"urgent at the end", filler + " I want to kill myself", Suicide},
		{"urgent at the start", "they are beating us now " + filler, Violence},
		{"arabic filler", strings.Repeat("السلام عليكم كيف حالك ", 5000), ""},
		{"one huge word", strings.Repeat("a", 100<<10), ""},
		{"invalid bytes", strings.Repeat("\xff", 100<<10), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			got := Classify("en", c.text)
			d := time.Since(start)
			if d > 200*time.Millisecond {
				t.Errorf("took %v", d)
			}
			t.Logf("%d bytes in %v", len(c.text), d)
			if got.Urgent != c.want {
				t.Errorf("urgent = %q, want %q", got.Urgent, c.want)
			}
		})
	}
}

func TestCategoriesAndPatterns(t *testing.T) {
	if got := len(Categories()); got != 6 {
		t.Fatalf("Categories() has %d, want 6", got)
	}
	// Every urgent category has at least 15 patterns across languages, and every
	// language (except Italian, a helper) covers every category.
	count := map[Category]int{}
	for _, l := range defaultEngine.langs {
		per := map[Category]bool{}
		for _, r := range l.rules {
			if r.out.urgent() {
				count[r.out.category()] += len(r.pats)
				per[r.out.category()] = true
			}
		}
		for _, c := range Categories() {
			if !per[c] {
				t.Errorf("%s has no rule for %s", l.code, c)
			}
		}
	}
	for _, c := range Categories() {
		if count[c] < 15 {
			t.Errorf("%s has %d patterns, want at least 15", c, count[c])
		}
	}
}

func TestCaseCounts(t *testing.T) {
	for _, l := range []struct {
		lang             string
		urgent, calm, es []tc
	}{
		{"en", enUrgent, enCalm, enEscalate}, {"fr", frUrgent, frCalm, frEscalate},
		{"fa", faUrgent, faCalm, faEscalate}, {"ps", psUrgent, psCalm, psEscalate},
		{"ar", arUrgent, arCalm, arEscalate}, {"uk", ukUrgent, ukCalm, ukEscalate},
	} {
		cats := map[Category]bool{}
		for _, c := range l.urgent {
			cats[c.want.Urgent] = true
		}
		reasons := map[Reason]int{}
		for _, c := range l.es {
			reasons[c.want.Escalate]++
		}
		if len(l.urgent) < 10 || len(l.calm) < 10 || len(cats) < 6 || reasons[OtherCountry] < 2 || reasons[PersonalCase] < 2 || reasons[""] < 4 {
			t.Errorf("%s: %d urgent (%d categories), %d look-alikes, escalation %v", l.lang, len(l.urgent), len(cats), len(l.calm), reasons)
		}
		t.Logf("%s: %d urgent, %d urgent look-alikes, %d escalation cases", l.lang, len(l.urgent), len(l.calm), len(l.es))
	}
	t.Logf("all: %d cases", len(allCases()))
}

func BenchmarkClassify(b *testing.B) {
	msgs := []tc{
		{"en", "hello, how do I renew my permesso di soggiorno? I have an appointment at the questura next week", none},
		{"en", "my husband hit me many times, if I leave him do I lose my permit?", none},
		{"fr", "bonjour je voudrais savoir comment faire pour avoir la carte sanitaire", none},
		{"ar", "السلام عليكم كيف بقدر جدد الاقامة تبعي بالكويستورا", none},
		{"fa", "سلام، چطور میتوانم اقامتم را تمدید کنم؟", none},
		{"uk", "добрий день, як отримати посвідку на проживання в Італії?", none},
		{"ps", "سلام، اقامت څنګه نوی کړم؟", none},
		{"en", "he is hitting me now help", none},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m := msgs[i%len(msgs)]
		Classify(m.lang, m.text)
	}
}

// corpus reads testdata/messages.txt.
func corpus(t testing.TB) []tc {
	t.Helper()
	data, err := os.ReadFile("testdata/messages.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []tc
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, "|", 3)
		if len(parts) != 3 {
			t.Fatalf("messages.txt:%d: want lang|want|text", i+1)
		}
		var want Result
		switch w := parts[1]; w {
		case "-":
		case string(OtherCountry), string(PersonalCase):
			want.Escalate = Reason(w)
		case string(Greeting), string(Thanks), string(Gibberish):
			want.Smalltalk = Kind(w)
		default:
			if outcomeOf(Category(w)) == outNone {
				t.Fatalf("messages.txt:%d: unknown verdict %q", i+1, w)
			}
			want.Urgent = Category(w)
		}
		out = append(out, tc{parts[0], parts[2], want})
	}
	return out
}

func TestCorpus(t *testing.T) { run(t, corpus(t)) }

// TestConcurrent classifies from many goroutines at once: the tables are shared and
// read-only, and each call keeps its own state.
func TestConcurrent(t *testing.T) {
	cases := append(allCases(), corpus(t)...)
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for i := g; i < len(cases); i += 8 {
				c := cases[i]
				if got := Classify(c.lang, c.text); got != c.want {
					t.Errorf("%q: got %+v, want %+v", c.text, got, c.want)
				}
			}
			done <- true
		}(g)
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}
