package locales

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestEmbeddedFiles(t *testing.T) {
	// A console.fa.toml or active.it.toml would break the rule that console strings
	// exist in exactly the console languages and people's messages in exactly the six.
	var want []string
	for _, k := range fileKinds {
		for _, lang := range k.langs {
			want = append(want, k.path(lang))
		}
	}
	slices.Sort(want)
	got, err := fs.Glob(messageFiles, "*")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("embedded files = %v, want %v", got, want)
	}
}

func TestIDsInTheirFiles(t *testing.T) {
	for _, k := range fileKinds {
		console := k.prefix == "console."
		for _, lang := range k.langs {
			for id := range mustParseFile(t, k.path(lang)) {
				if strings.HasPrefix(id, consolePrefix) != console {
					t.Errorf("%s: message %q belongs in the other kind of file", k.path(lang), id)
				}
			}
		}
	}
}

func TestConsoleLanguages(t *testing.T) {
	want := []string{"en", "it", "fr", "ar"}
	if !slices.Equal(ConsoleLanguages, want) {
		t.Errorf("ConsoleLanguages = %v, want %v", ConsoleLanguages, want)
	}
	b := mustBundle(t)
	for _, lang := range ConsoleLanguages {
		for _, id := range b.IDs() {
			if strings.HasPrefix(id, consolePrefix) && !b.Has(lang, id) {
				t.Errorf("Has(%q, %q) = false", lang, id)
			}
		}
	}
	for _, lang := range []string{Dari, Pashto, Ukrainian} {
		if b.Has(lang, "console.queue.title") {
			t.Errorf("Has(%q, console.queue.title) = true, want false: not a console language", lang)
		}
		if got, want := b.T(lang, "console.queue.title", nil), "Escalations"; got != want {
			t.Errorf("T(%q, console.queue.title) = %q, want the English %q", lang, got, want)
		}
	}
}

func TestItalianOnlyInTheBundle(t *testing.T) {
	b := mustBundle(t)
	tests := []struct{ name, got, want string }{
		{"console string", b.T("it", "console.login.title", nil), "Accedi"},
		{"region tag", b.T("it-IT", "console.nav.queue", nil), "Coda"},
		{"underscore", b.T("it_CH", "console.nav.queue", nil), "Coda"},
		{"placeholder", b.T("it", "console.esc.claimed_by", map[string]any{"Name": "Giulia"}), "Presa in carico da Giulia"},
		{"people's message falls back to English", b.T("it", "welcome", nil), b.T("en", "welcome", nil)},
		{"canned response falls back to English", b.T("it", "canned.hello", nil), b.T("en", "canned.hello", nil)},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if !b.Has("it", "console.login.title") || b.Has("it", "welcome") {
		t.Error("Has(it, …) does not report Italian's own messages")
	}
	// People are never answered in Italian.
	for _, tag := range []string{"it", "it-IT", "ita", "italiano"} {
		if c, ok := Normalize(tag); ok {
			t.Errorf("Normalize(%q) = %q, want not supported", tag, c)
		}
	}
	if c, ok := Match("it-IT,it;q=0.9"); ok {
		t.Errorf("Match(it-IT,it) = %q, want no match", c)
	}
	if c, ok := Match("it-IT,it;q=0.9,fr;q=0.5"); !ok || c != French {
		t.Errorf("Match(it-IT,it,fr) = %q, %v; want fr", c, ok)
	}
	if slices.Contains(Supported, Italian) {
		t.Error("Supported contains Italian")
	}
	if got := Name("it"); got != "" {
		t.Errorf("Name(it) = %q, want empty", got)
	}
	if d := DetectWithHint("ciao", "it"); d.Lang == Italian {
		t.Errorf("DetectWithHint(ciao, it) = %q", d.Lang)
	}
}

func TestConsoleDirection(t *testing.T) {
	tests := []struct {
		lang string
		rtl  bool
		dir  string
	}{
		{"en", false, "ltr"},
		{"it", false, "ltr"},
		{"it-IT", false, "ltr"},
		{"fr", false, "ltr"},
		{"ar", true, "rtl"},
	}
	for _, tc := range tests {
		if got := IsRTL(tc.lang); got != tc.rtl {
			t.Errorf("IsRTL(%q) = %v, want %v", tc.lang, got, tc.rtl)
		}
		if got := Dir(tc.lang); got != tc.dir {
			t.Errorf("Dir(%q) = %q, want %q", tc.lang, got, tc.dir)
		}
	}
}

func TestConsoleAges(t *testing.T) {
	b := mustBundle(t)
	tests := []struct {
		lang, id string
		count    int
		want     string
	}{
		{"en", "console.age.minutes", 1, "1 min"},
		{"en", "console.age.hours", 3, "3 h"},
		{"en", "console.age.days", 1, "1 day"},
		{"en", "console.age.days", 2, "2 days"},
		{"it", "console.age.hours", 1, "1 ora"},
		{"it", "console.age.hours", 5, "5 ore"},
		{"it", "console.age.days", 1, "1 giorno"},
		{"it", "console.age.days", 0, "0 giorni"},
		{"it", "console.age.days", 1000000, "1000000 giorni"},
		{"fr", "console.age.days", 0, "0\u00a0jour"},
		{"fr", "console.age.days", 1, "1\u00a0jour"},
		{"fr", "console.age.days", 2, "2\u00a0jours"},
		{"fr", "console.age.minutes", 45, "45\u00a0min"},
		{"ar", "console.age.days", 1, "يوم واحد"},
		{"ar", "console.age.days", 2, "يومان"},
		{"ar", "console.age.days", 3, "3 أيام"},
		{"ar", "console.age.days", 11, "11 يومًا"},
		{"ar", "console.age.days", 100, "100 يوم"},
		{"ar", "console.age.minutes", 2, "دقيقتان"},
		{"ar", "console.age.hours", 10, "10 ساعات"},
		{"ar", "console.age.hours", 0, "0 ساعة"},
	}
	for _, tc := range tests {
		if got := b.TN(tc.lang, tc.id, tc.count, nil); got != tc.want {
			t.Errorf("TN(%q, %q, %d) = %q, want %q", tc.lang, tc.id, tc.count, got, tc.want)
		}
	}
}

func TestCannedIDs(t *testing.T) {
	b := mustBundle(t)
	if len(CannedIDs) == 0 {
		t.Fatal("CannedIDs is empty")
	}
	seen := map[string]bool{}
	for _, id := range CannedIDs {
		if seen[id] {
			t.Errorf("CannedIDs lists %q twice", id)
		}
		seen[id] = true
		if !strings.HasPrefix(id, "canned.") {
			t.Errorf("canned response %q: ID must start with \"canned.\"", id)
		}
		for _, lang := range Supported {
			if !b.Has(lang, id) {
				t.Errorf("canned response %q missing in %s", id, lang)
			}
		}
		for _, lang := range ConsoleLanguages {
			if !b.Has(lang, consolePrefix+id) {
				t.Errorf("canned response %q has no console label %q in %s", id, consolePrefix+id, lang)
			}
		}
	}
	// Every canned message and every label belongs to a listed response.
	for _, id := range b.IDs() {
		if name := strings.TrimPrefix(id, consolePrefix); strings.HasPrefix(name, "canned.") && !seen[name] {
			t.Errorf("message %q is not for a response in CannedIDs", id)
		}
	}
}

// isEmoji reports whether r is a pictograph or an emoji presentation selector.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0xFE0F
}

func TestPlainText(t *testing.T) {
	// Messages are plain text in every channel: no Markdown or HTML, no emoji, and no
	// bidi controls (the code isolates what needs it, see Isolate and IsolateRuns).
	for _, k := range fileKinds {
		for _, lang := range k.langs {
			for id, forms := range mustParseFile(t, k.path(lang)) {
				for form, text := range forms {
					text = placeholderRE.ReplaceAllString(text, "")
					for _, r := range text {
						switch {
						case unicode.Is(unicode.Bidi_Control, r): // LRM, RLM, ALM, embeddings, isolates
							t.Errorf("%s %s [%s]: bidi control %U", lang, id, form, r)
						case strings.ContainsRune("*_`<>#[]|~", r):
							t.Errorf("%s %s [%s]: markup character %q", lang, id, form, r)
						case isEmoji(r):
							t.Errorf("%s %s [%s]: emoji %U", lang, id, form, r)
						}
					}
				}
			}
		}
	}
}

func TestFrenchSpaces(t *testing.T) {
	// A no-break space goes before : ; ? ! so the sign never starts a line.
	for _, k := range fileKinds {
		for id, forms := range mustParseFile(t, k.path(French)) {
			for form, text := range forms {
				for _, sign := range []string{" :", " ;", " ?", " !"} {
					if strings.Contains(text, sign) {
						t.Errorf("fr %s [%s]: ordinary space in %q, use \\u00A0", id, form, sign)
					}
				}
			}
		}
	}
}
