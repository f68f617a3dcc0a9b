package whatsapp

import (
	"strings"
	"testing"

	"sportello/bot"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		r    bot.Reply
		want []string
	}{
		{"empty", bot.Reply{}, nil},
		{"blank", bot.Reply{Title: " * ", Text: " \n "}, nil},
		{"text only", bot.Reply{Text: "hello"}, []string{"hello"}},
		{"title only", bot.Reply{Title: "Health"}, []string{"*Health*"}},
		{"title and text", bot.Reply{Title: "Health card", Text: "Go to the ASL.\n\nBring your permit."},
			[]string{"*Health card*\n\nGo to the ASL.\n\nBring your permit."}},
		{"asterisks and line breaks leave the title", bot.Reply{Title: " *Tessera*\r\n sanitaria* ", Text: "x"},
			[]string{"*Tessera sanitaria*\n\nx"}},
		{"text is not escaped", bot.Reply{Text: "*bold* _it_ <b> & ~s~"}, []string{"*bold* _it_ <b> & ~s~"}},
		{"options as a numbered list", bot.Reply{Text: "Choose", Options: []bot.Option{{ID: "lang:fr", Label: "Français"}, {ID: "person", Label: "A person\nplease"}}},
			[]string{"Choose\n\n1. Français\n2. A person please"}},
		{"option without label", bot.Reply{Text: "Choose", Options: []bot.Option{{ID: "a", Label: "A"}, {ID: "b"}}},
			[]string{"Choose\n\n1. A\n2."}},
		{"options only", bot.Reply{Options: []bot.Option{{ID: "a", Label: "A"}}}, []string{"1. A"}},
		{"title and options", bot.Reply{Title: "Menu", Options: []bot.Option{{ID: "a", Label: "A"}}}, []string{"*Menu*\n\n1. A"}},
		{"CRLF and invalid UTF-8", bot.Reply{Text: "a\r\nb\xff"}, []string{"a\nb\uFFFD"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Render(tt.r)
			if len(got) != len(tt.want) {
				t.Fatalf("Render() = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("message %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestRenderSixLanguages(t *testing.T) {
	titles := map[string]string{
		"en": "Asylum", "fr": "Asile", "fa": "پناهندگی", "ps": "پناه", "ar": "اللجوء", "uk": "Притулок",
	}
	for lang, q := range sixLanguages {
		t.Run(lang, func(t *testing.T) {
			r := bot.Reply{Lang: lang, Title: titles[lang], Text: q + "\n\n• " + q,
				Options: []bot.Option{{ID: "person", Label: titles[lang] + " \u2067" + q + "\u2069"}}}
			got := Render(r)
			want := "*" + titles[lang] + "*\n\n" + q + "\n\n• " + q + "\n\n1. " + titles[lang] + " \u2067" + q + "\u2069"
			if len(got) != 1 || got[0] != want {
				t.Errorf("Render() = %q, want %q (right-to-left text unchanged)", got, want)
			}
		})
	}
}

func arabicArticle() (string, []string) {
	para := "يحق لكل شخص يصل إلى إيطاليا أن يطلب الحماية الدولية في مركز الشرطة أو الكويستورا، ويجب أن يحصل على مترجم مجاني ومساعدة قانونية مجانية."
	var paras []string
	total := 0
	for i := 0; total < 10000; i++ {
		p := strings.Repeat(para+" ", 2+i%5) + "\u2067" + "لجنة" + "\u2069"
		paras = append(paras, p)
		total += width(p) + 2
	}
	return strings.Join(paras, "\n\n"), paras
}

func TestRenderSplitsArabicArticle(t *testing.T) {
	text, paras := arabicArticle()
	opts := []bot.Option{{ID: "person", Label: "شخص"}, {ID: "helped", Label: "نعم"}}
	got := Render(bot.Reply{Title: "اللجوء *1*", Text: text, Options: opts})
	if len(got) < 3 {
		t.Fatalf("got %d messages, want at least 3", len(got))
	}
	var bodies []string
	for i, m := range got {
		if w := width(m); w > MaxLen {
			t.Errorf("message %d has %d characters, want <= %d", i, w, MaxLen)
		}
		if i == 0 {
			if !strings.HasPrefix(m, "*اللجوء 1*\n\n") {
				t.Errorf("message 0 does not start with the bold title: %q", m[:40])
			}
			m = strings.TrimPrefix(m, "*اللجوء 1*\n\n")
		}
		hasList := strings.Contains(m, "\n\n1. شخص\n2. نعم")
		if hasList != (i == len(got)-1) {
			t.Errorf("message %d has the list = %v; want it on the last message only", i, hasList)
		}
		m = strings.TrimSuffix(m, "\n\n1. شخص\n2. نعم")
		for _, p := range strings.Split(m, "\n\n") {
			if !contains(paras, p) {
				t.Errorf("message %d holds a cut paragraph: %q…", i, p[:20])
			}
		}
		bodies = append(bodies, m)
	}
	if joined := strings.Join(bodies, "\n\n"); joined != text {
		t.Errorf("the messages' text (%d characters) differs from the input (%d)", width(joined), width(text))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestRenderListOnItsOwn(t *testing.T) {
	// A text that fills a message leaves no room for the list: it gets a message.
	text := strings.Repeat("a", MaxLen)
	opts := []bot.Option{{ID: "a", Label: "Yes"}}
	got := Render(bot.Reply{Text: text, Options: opts})
	if len(got) != 2 || got[0] != text || got[1] != "1. Yes" {
		t.Fatalf("Render() = %d messages, last %q; want the text, then the list alone", len(got), got[len(got)-1])
	}
	// Exactly enough room: one message.
	text = strings.Repeat("a", MaxLen-len("\n\n1. Yes"))
	if got := Render(bot.Reply{Text: text, Options: opts}); len(got) != 1 || width(got[0]) != MaxLen {
		t.Fatalf("Render() = %d messages; want one of %d characters", len(got), MaxLen)
	}
}

func TestRenderLongLabelsAndTitle(t *testing.T) {
	long := strings.Repeat("é", 500)
	got := Render(bot.Reply{Text: "x", Options: []bot.Option{{ID: "a", Label: long}}})
	want := "x\n\n1. " + strings.Repeat("é", MaxLabel-1) + "…"
	if len(got) != 1 || got[0] != want {
		t.Errorf("long label: got %q", got)
	}
	// Many options: the list still fits in one message.
	var opts []bot.Option
	for range 40 {
		opts = append(opts, bot.Option{ID: "x", Label: long})
	}
	got = Render(bot.Reply{Options: opts})
	if len(got) != 1 || width(got[0]) > MaxLen || !strings.Contains(got[0], "\n40. ") {
		t.Errorf("40 long options: %d messages, first of %d characters", len(got), width(got[0]))
	}
	// A combining mark is never cut from its letter.
	if s := truncate("ab\u0301c", 3); s != "a…" {
		t.Errorf("truncate = %q, want %q", s, "a…")
	}
	// An absurdly long title gets messages of its own.
	got = Render(bot.Reply{Title: strings.Repeat("titolo ", 1000), Text: "body"})
	if len(got) < 3 || got[len(got)-1] != "body" {
		t.Fatalf("long title: %d messages, last %q", len(got), got[len(got)-1])
	}
	for i, m := range got[:len(got)-1] {
		if width(m) > MaxLen || !strings.HasPrefix(m, "*") || !strings.HasSuffix(m, "*") {
			t.Errorf("title message %d: %d characters, %q…", i, width(m), m[:10])
		}
	}
}

// Each part of a reply renders as exactly the message Render makes for that place,
// so the outbox can send (and retry) a long article one message at a time.
func FuzzParts(f *testing.F) {
	long := strings.Repeat("Questura di Roma, via Patini.\n\n", 300)
	f.Add("Title", long, 2)
	f.Add("", strings.Repeat("ب", 9000), 0)
	f.Add(strings.Repeat("T ", 3000), "body", 1)
	f.Add("", "", 3)
	f.Add("x", "", 0)
	f.Add("*", strings.Repeat("a", MaxLen-3), 1)
	f.Fuzz(func(t *testing.T, title, text string, options int) {
		r := bot.Reply{Lang: "ar", Title: title, Text: text, Urgent: true}
		for i := range options % 50 {
			r.Options = append(r.Options, bot.Option{ID: "o", Label: strings.Repeat("خيار ", i)})
		}
		whole := Render(r)
		parts := Parts(r)
		if len(parts) != len(whole) {
			t.Fatalf("%d parts for %d messages", len(parts), len(whole))
		}
		for i, p := range parts {
			if !p.Urgent || p.Lang != "ar" {
				t.Fatalf("part %d lost the reply's language or urgency: %+v", i, p)
			}
			if (len(p.Options) > 0) != (i == len(parts)-1 && len(r.Options) > 0) {
				t.Fatalf("part %d has %d options", i, len(p.Options))
			}
			got := Render(p)
			if len(got) != 1 {
				t.Fatalf("part %d renders as %d messages", i, len(got))
			}
			if got[0] != whole[i] {
				t.Fatalf("part %d renders as %q, want %q", i, got[0], whole[i])
			}
			if w := width(got[0]); w > MaxLen {
				t.Fatalf("part %d has %d characters", i, w)
			}
		}
	})
}
