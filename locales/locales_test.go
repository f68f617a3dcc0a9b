package locales

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// pluralForms are the CLDR cardinal forms each language needs (go-i18n's rules,
// libraries.md §3.2). A plural message must carry exactly these.
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"fr": {"one", "many", "other"},
	"fa": {"one", "other"},
	"ps": {"one", "other"},
	"ar": {"zero", "one", "two", "few", "many", "other"},
	"uk": {"one", "few", "many", "other"},
	"it": {"one", "many", "other"}, // console only
}

// exactForms are plural forms that stand for a single number, where a translation
// may say the number in words instead of through the count placeholder (Arabic
// "ساعة واحدة" for 1, the dual "ساعتين" for 2).
var exactForms = map[string][]string{
	"ar": {"one", "two"},
}

// mustBundle builds the embedded bundle.
func mustBundle(tb testing.TB) *Bundle {
	tb.Helper()
	b, err := New()
	if err != nil {
		tb.Fatalf("New() error: %v", err)
	}
	return b
}

// fileKind is one kind of message file: the people's or the console's.
type fileKind struct {
	prefix string   // "active." or "console."
	langs  []string // the languages it exists in, English first
}

var fileKinds = []fileKind{{"active.", Supported}, {"console.", ConsoleLanguages}}

// path returns the name of the kind's file for lang.
func (k fileKind) path(lang string) string { return k.prefix + i18nTags[lang] + ".toml" }

// mustParse parses the embedded people's file of lang into ID → form → text.
func mustParse(tb testing.TB, lang string) map[string]map[string]string {
	tb.Helper()
	return mustParseFile(tb, fileKinds[0].path(lang))
}

// mustParseFile parses an embedded file into ID → form → text.
func mustParseFile(tb testing.TB, path string) map[string]map[string]string {
	tb.Helper()
	buf, err := messageFiles.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	mf, err := i18n.ParseMessageFileBytes(buf, path, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		tb.Fatalf("parse %s: %v", path, err)
	}
	msgs := make(map[string]map[string]string, len(mf.Messages))
	for _, m := range mf.Messages {
		forms := map[string]string{"zero": m.Zero, "one": m.One, "two": m.Two, "few": m.Few, "many": m.Many, "other": m.Other}
		for f, s := range forms {
			if s == "" {
				delete(forms, f)
			}
		}
		msgs[m.ID] = forms
	}
	return msgs
}

func TestNew(t *testing.T) {
	b := mustBundle(t)
	if got := len(b.IDs()); got < 30 {
		t.Fatalf("len(IDs()) = %d, want the whole English file", got)
	}
}

func TestEveryIDTranslated(t *testing.T) {
	// People's messages exist in the six languages, console strings in the four
	// console languages (TestIDsInTheirFiles keeps the two apart).
	for _, k := range fileKinds {
		en := mustParseFile(t, k.path(English))
		for _, lang := range k.langs[1:] {
			msgs := mustParseFile(t, k.path(lang))
			for id := range en {
				forms, ok := msgs[id]
				if !ok || strings.TrimSpace(forms["other"]) == "" {
					t.Errorf("%s: message %q missing or empty", k.path(lang), id)
				}
			}
			for id := range msgs {
				if _, ok := en[id]; !ok {
					t.Errorf("%s: message %q is not in %s", k.path(lang), id, k.path(English))
				}
			}
		}
	}
}

// sameAsEnglish are console strings that are rightly the same word as in English.
var sameAsEnglish = map[string][]string{
	"it": {"console.login.password", "console.role.bot", "console.age.minutes"},
	"fr": {"console.role.bot", "console.role.note", "console.audit.action", "console.esc.transcript"},
}

func TestTranslationsDiffer(t *testing.T) {
	for _, k := range fileKinds {
		en := mustParseFile(t, k.path(English))
		for _, lang := range k.langs[1:] {
			for id, forms := range mustParseFile(t, k.path(lang)) {
				if forms["other"] == en[id]["other"] && !slices.Contains(sameAsEnglish[lang], id) {
					t.Errorf("%s: message %q is still the English text", lang, id)
				}
			}
		}
	}
}

var placeholderRE = regexp.MustCompile(`{{[^}]*}}`)

// placeholders returns the sorted template actions of s ("{{.Hours}}").
func placeholders(s string) []string {
	p := placeholderRE.FindAllString(strings.ReplaceAll(s, " ", ""), -1)
	slices.Sort(p)
	return slices.Compact(p)
}

func TestPlaceholders(t *testing.T) {
	for _, k := range fileKinds {
		testPlaceholders(t, k)
	}
}

func testPlaceholders(t *testing.T, k fileKind) {
	en := mustParseFile(t, k.path(English))
	for _, lang := range k.langs {
		for id, forms := range mustParseFile(t, k.path(lang)) {
			want := placeholders(en[id]["other"])
			for form, text := range forms {
				got := placeholders(text)
				if slices.Contains(exactForms[lang], form) {
					if !isSubset(got, want) {
						t.Errorf("%s %s [%s]: placeholders %v, want a subset of %v", lang, id, form, got, want)
					}
					continue
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s %s [%s]: placeholders %v, want %v", lang, id, form, got, want)
				}
			}
		}
	}
}

// isSubset reports whether every element of a is in b.
func isSubset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func TestNoBareNumbers(t *testing.T) {
	// Numbers reach the text through placeholders, so the code can isolate them
	// inside right-to-left text.
	digit := regexp.MustCompile(`[0-9٠-٩۰-۹]`)
	for _, k := range fileKinds {
		for _, lang := range k.langs {
			for id, forms := range mustParseFile(t, k.path(lang)) {
				for form, text := range forms {
					if d := digit.FindString(placeholderRE.ReplaceAllString(text, "")); d != "" {
						t.Errorf("%s %s [%s]: bare digit %q, use a placeholder", lang, id, form, d)
					}
				}
			}
		}
	}
}

func TestPluralForms(t *testing.T) {
	for _, k := range fileKinds {
		testPluralForms(t, k)
	}
}

func testPluralForms(t *testing.T, k fileKind) {
	en := mustParseFile(t, k.path(English))
	for _, lang := range k.langs {
		for id, forms := range mustParseFile(t, k.path(lang)) {
			want := []string{"other"}
			if len(en[id]) > 1 {
				want = pluralForms[lang]
			}
			got := make([]string, 0, len(forms))
			for f, s := range forms {
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s %s [%s]: empty form", lang, id, f)
				}
				got = append(got, f)
			}
			slices.Sort(got)
			want = slices.Sorted(slices.Values(want))
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: forms %v, want %v", lang, id, got, want)
			}
		}
	}
}

func TestPluralTableMatchesCLDR(t *testing.T) {
	// x/text carries its own CLDR snapshot: every form it picks for a whole number must
	// be in the table above (it lacks the newer French "many", so not the converse).
	names := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two",
		plural.Few: "few", plural.Many: "many", plural.Other: "other"}
	for lang, forms := range pluralForms {
		tag := language.MustParse(lang)
		for n := 0; n <= 1000; n++ {
			f := names[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
			if !slices.Contains(forms, f) {
				t.Fatalf("%s: x/text picks %q for %d, not in %v", lang, f, n, forms)
			}
		}
	}
}

func TestTNPicksPluralForm(t *testing.T) {
	b := mustBundle(t)
	tests := []struct {
		lang  string
		count int
		want  string
	}{
		{"en", 1, "within 1 hour."},
		{"en", 2, "within 2 hours."},
		{"fr", 0, "moins de 0\u00a0heure."},
		{"fr", 1, "moins de 1\u00a0heure."},
		{"fr", 2, "moins de 2\u00a0heures."},
		{"ar", 0, "خلال 0 ساعة."},
		{"ar", 1, "خلال ساعة واحدة."},
		{"ar", 2, "خلال ساعتين."},
		{"ar", 3, "خلال 3 ساعات."},
		{"ar", 11, "خلال 11 ساعة."},
		{"ar", 100, "خلال 100 ساعة."},
		{"uk", 1, "за 1 годину."},
		{"uk", 2, "за 2 години."},
		{"uk", 5, "за 5 годин."},
		{"uk", 21, "за 21 годину."},
		{"ps", 1, "په 1 ساعت کې."},
		{"ps", 2, "په 2 ساعتونو کې."},
		{"fa", 24, "در ظرف 24 ساعت."},
	}
	for _, tc := range tests {
		got := b.TN(tc.lang, "escalation.created", tc.count, map[string]any{"Hours": tc.count})
		if !strings.Contains(got, tc.want) {
			t.Errorf("TN(%q, escalation.created, %d) = %q, want it to contain %q", tc.lang, tc.count, got, tc.want)
		}
	}
}

func TestTNFormsDiffer(t *testing.T) {
	b := mustBundle(t)
	render := func(lang string, n int) string {
		s := b.TN(lang, "escalation.created", n, map[string]any{"Hours": n})
		return strings.ReplaceAll(s, fmt.Sprint(n), "N") // compare the words, not the number
	}
	tests := []struct {
		lang      string
		a, b      int
		sameWords bool
		why       string
	}{
		{"ar", 1, 2, false, "one vs two"},
		{"ar", 2, 3, false, "two vs few"},
		{"ar", 3, 11, false, "few vs many"},
		{"ar", 11, 100, true, "many and other share the singular noun"},
		{"uk", 1, 21, true, "both one"},
		{"uk", 1, 2, false, "one vs few"},
		{"uk", 2, 5, false, "few vs many"},
		{"uk", 5, 11, true, "both many"},
	}
	for _, tc := range tests {
		ra, rb := render(tc.lang, tc.a), render(tc.lang, tc.b)
		if (ra == rb) != tc.sameWords {
			t.Errorf("%s %d vs %d (%s): same words = %v, want %v\n%q\n%q", tc.lang, tc.a, tc.b, tc.why, ra == rb, tc.sameWords, ra, rb)
		}
	}
}

func TestLanguageNamedInItsMessages(t *testing.T) {
	b := mustBundle(t)
	names := map[string]string{"en": "English", "fr": "français", "fa": "دری", "ps": "پښتو", "ar": "العربية", "uk": "українською"}
	ids := []string{"lang.detected", "lang.changed", "answer.fallback_english"}
	for lang, name := range names {
		for _, id := range ids {
			if got := b.T(lang, id, map[string]any{"Command": "/language"}); !strings.Contains(got, name) {
				t.Errorf("T(%q, %q) = %q, want it to name %q", lang, id, got, name)
			}
		}
	}
}

func TestTFillsData(t *testing.T) {
	b := mustBundle(t)
	got := b.T("ar", "urgent.n112", map[string]any{"Number": Isolate("ar", "112")})
	if want := "\u2068112\u2069: "; !strings.HasPrefix(got, want) {
		t.Errorf("T(ar, urgent.n112) = %q, want prefix %q", got, want)
	}
}

func TestUnknownIDAndLanguage(t *testing.T) {
	b := mustBundle(t)
	en := b.T("en", "welcome", nil)
	tests := []struct {
		name, got, want string
	}{
		{"unknown id", b.T("fr", "no.such.id", nil), "no.such.id"},
		{"unknown plural id", b.TN("ar", "no.such.plural", 3, nil), "no.such.plural"},
		{"unsupported language", b.T("de", "welcome", nil), en},
		{"russian is not ukrainian", b.T("ru", "welcome", nil), en},
		{"alias", b.T("prs", "welcome", nil), b.T("fa", "welcome", nil)},
		{"region tag", b.T("uk-UA", "welcome", nil), b.T("uk", "welcome", nil)},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// testFS is a set of message files where French lacks "only.english", the plural
// message uses {{.Count}}, and Italian has only the console's "console.title".
func testFS() fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, lang := range Supported {
		body := "[greeting]\nother = \"hello " + lang + "\"\n"
		if lang == English {
			body += "[only]\nenglish = \"only in English\"\n" +
				"[files]\none = \"{{.Count}} file for {{.Name}}\"\nother = \"{{.Count}} files for {{.Name}}\"\n"
		}
		fsys["active."+i18nTags[lang]+".toml"] = &fstest.MapFile{Data: []byte(body)}
	}
	for _, lang := range ConsoleLanguages {
		body := "[console.title]\nother = \"title " + lang + "\"\n"
		fsys["console."+i18nTags[lang]+".toml"] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

func TestFallbackToEnglish(t *testing.T) {
	b, err := newBundle(testFS())
	if err != nil {
		t.Fatalf("newBundle: %v", err)
	}
	if got, want := b.T("fr", "only.english", nil), "only in English"; got != want {
		t.Errorf("T(fr, only.english) = %q, want %q", got, want)
	}
	if got, want := b.T("fr", "greeting", nil), "hello fr"; got != want {
		t.Errorf("T(fr, greeting) = %q, want %q", got, want)
	}
	if b.Has("fr", "only.english") || !b.Has("en", "only.english") || !b.Has("fr-CA", "greeting") {
		t.Errorf("Has does not report each file's own messages")
	}
	if got, want := b.TN("uk", "files", 2, map[string]any{"Name": "Olena"}), "2 files for Olena"; got != want {
		t.Errorf("TN(uk, files, 2) = %q, want %q", got, want)
	}
	if got, want := b.T("it", "console.title", nil), "title it"; got != want {
		t.Errorf("T(it, console.title) = %q, want %q", got, want)
	}
	if got, want := b.T("it", "greeting", nil), "hello en"; got != want {
		t.Errorf("T(it, greeting) = %q, want %q", got, want)
	}
	if got, want := b.TN("it", "files", 1, map[string]any{"Name": "Giulia"}), "1 file for Giulia"; got != want {
		t.Errorf("TN(it, files, 1) = %q, want %q", got, want)
	}
	if got, want := b.T("fa", "console.title", nil), "title en"; got != want {
		t.Errorf("T(fa, console.title) = %q, want %q", got, want)
	}
	if !b.Has("it", "console.title") || b.Has("it", "greeting") || b.Has("fa", "console.title") {
		t.Errorf("Has does not report the console files' own messages")
	}
}

func TestNewFailsOnMissingFile(t *testing.T) {
	for _, path := range []string{"active.ps.toml", "console.it.toml", "console.ar.toml"} {
		fsys := testFS()
		delete(fsys, path)
		if _, err := newBundle(fsys); err == nil {
			t.Errorf("newBundle without %s: want an error", path)
		}
	}
}

func TestNewRejectsMisplacedIDs(t *testing.T) {
	tests := []struct{ path, body string }{
		{"active.fr.toml", "[console.title]\nother = \"titre\"\n"},
		{"console.fr.toml", "[greeting]\nother = \"bonjour\"\n"},
	}
	for _, tc := range tests {
		fsys := testFS()
		fsys[tc.path] = &fstest.MapFile{Data: append(fsys[tc.path].Data, tc.body...)}
		if _, err := newBundle(fsys); err == nil {
			t.Errorf("newBundle with %q in %s: want an error", tc.body, tc.path)
		}
	}
}

func TestHasAndIDs(t *testing.T) {
	b := mustBundle(t)
	ids := b.IDs()
	if !slices.IsSorted(ids) {
		t.Errorf("IDs() not sorted: %v", ids)
	}
	want := make([]string, 0, len(ids))
	for _, k := range fileKinds {
		for id := range mustParseFile(t, k.path(English)) {
			want = append(want, id)
		}
	}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("IDs() = %v, want %v", ids, want)
	}
	ids[0] = "changed"
	if b.IDs()[0] == "changed" {
		t.Error("IDs() returns the bundle's own slice")
	}
	for _, lang := range Supported {
		if !b.Has(lang, "escalation.created") {
			t.Errorf("Has(%q, escalation.created) = false", lang)
		}
	}
	for _, lang := range ConsoleLanguages {
		if !b.Has(lang, "console.queue.title") {
			t.Errorf("Has(%q, console.queue.title) = false", lang)
		}
	}
	if b.Has("fr", "no.such.id") || b.Has("de", "welcome") {
		t.Error("Has reports a message that does not exist")
	}
}

func TestConcurrentUse(t *testing.T) {
	b := mustBundle(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			lang := Supported[i%len(Supported)]
			console := ConsoleLanguages[i%len(ConsoleLanguages)]
			for n := range 50 {
				b.TN(lang, "escalation.created", n, map[string]any{"Hours": n})
				b.T(lang, "help", map[string]any{"Language": "/language", "Person": "/person", "Help": "/help"})
				b.TN(console, "console.age.days", n, nil)
				b.T(console, "console.esc.claimed_by", map[string]any{"Name": "Amina"})
			}
		})
	}
	wg.Wait()
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"en", "en", true},
		{"en-GB", "en", true},
		{"prs", "fa", true},
		{"prs-AF", "fa", true},
		{"fa-AF", "fa", true},
		{"fa_IR", "fa", true},
		{"Dari", "fa", true},
		{"pbt", "ps", true},
		{"pbu", "ps", true},
		{"ps-AF", "ps", true},
		{"ar-EG", "ar", true},
		{"uk-UA", "uk", true},
		{" UK ", "uk", true},
		{"Français", "fr", true},
		{"FRANCAIS", "fr", true},
		{"Franc\u0327ais", "fr", true}, // decomposed ç
		{"fr-CA", "fr", true},
		{"Українська", "uk", true},
		{"پښتو", "ps", true},
		{"ru", "", false},
		{"ru-UA", "", false},
		{"ckb", "", false},
		{"ckb-IQ", "", false},
		{"de", "", false},
		{"ur", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := Normalize(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"uk-UA,uk;q=0.9,en;q=0.8", "uk", true},
		{"ru-RU,ru;q=0.9,en;q=0.5", "en", true},
		{"de-DE,fr;q=0.7", "fr", true},
		{"ckb,de", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := Match(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Match(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNameDirIsolate(t *testing.T) {
	tests := []struct {
		lang, name, dir, isolated string
	}{
		{"en", "English", "ltr", "112"},
		{"fr", "Français", "ltr", "112"},
		{"uk", "Українська", "ltr", "112"},
		{"ar", "العربية", "rtl", "\u2068112\u2069"},
		{"fa", "دری", "rtl", "\u2068112\u2069"},
		{"fa-AF", "دری", "rtl", "\u2068112\u2069"},
		{"ps", "پښتو", "rtl", "\u2068112\u2069"},
		{"ckb", "", "ltr", "112"},
	}
	for _, tc := range tests {
		if got := Name(tc.lang); got != tc.name {
			t.Errorf("Name(%q) = %q, want %q", tc.lang, got, tc.name)
		}
		if got := Dir(tc.lang); got != tc.dir {
			t.Errorf("Dir(%q) = %q, want %q", tc.lang, got, tc.dir)
		}
		if got := Isolate(tc.lang, "112"); got != tc.isolated {
			t.Errorf("Isolate(%q, 112) = %q, want %q", tc.lang, got, tc.isolated)
		}
	}
	if got := Isolate("ar", ""); got != "" {
		t.Errorf("Isolate(ar, \"\") = %q, want empty", got)
	}
}
