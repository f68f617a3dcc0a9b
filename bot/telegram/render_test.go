package telegram

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"sportello/bot"
)

var tagRE = regexp.MustCompile(`<[^>]*>`)

// visible is what Telegram shows for an HTML text: tags removed, entities decoded.
func visible(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }

func TestRenderEscapingAndButtons(t *testing.T) {
	tests := []struct {
		name string
		r    bot.Reply
		want []Message
	}{
		{"empty", bot.Reply{}, nil},
		{"title and text escaped", bot.Reply{Title: "Q&A <b>", Text: "<script>alert(1)</script> & more"},
			[]Message{{Text: "<b>Q&amp;A &lt;b&gt;</b>\n\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"}}},
		{"text only", bot.Reply{Text: "hello"}, []Message{{Text: "hello"}}},
		{"title only", bot.Reply{Title: "Health"}, []Message{{Text: "<b>Health</b>"}}},
		{"options", bot.Reply{Text: "Choose", Options: []bot.Option{{ID: "lang:fr", Label: "Français <1>"}, {ID: "person"}}},
			[]Message{{Text: "Choose", Buttons: [][]models.InlineKeyboardButton{
				{{Text: "Français <1>", CallbackData: "lang:fr"}},
				{{Text: "2", CallbackData: "person"}},
			}}}},
		{"options without text", bot.Reply{Options: []bot.Option{{ID: "a", Label: "A"}}},
			[]Message{{Text: "…", Buttons: [][]models.InlineKeyboardButton{{{Text: "A", CallbackData: "a"}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Render(tt.r)
			if len(got) != len(tt.want) {
				t.Fatalf("Render() = %d messages %+v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i].Text != tt.want[i].Text {
					t.Errorf("part %d text = %q, want %q", i, got[i].Text, tt.want[i].Text)
				}
				if g, w := len(got[i].Buttons), len(tt.want[i].Buttons); g != w {
					t.Fatalf("part %d buttons = %d rows, want %d", i, g, w)
				}
				for j := range got[i].Buttons {
					if len(got[i].Buttons[j]) != 1 || got[i].Buttons[j][0] != tt.want[i].Buttons[j][0] {
						t.Errorf("part %d row %d = %+v, want %+v", i, j, got[i].Buttons[j], tt.want[i].Buttons[j])
					}
				}
			}
		})
	}
}

func TestMarkup(t *testing.T) {
	if m := (Message{Text: "x"}).Markup(); m != nil {
		t.Errorf("Markup() without buttons = %v, want nil", m)
	}
	b := Buttons([]bot.Option{{ID: "a", Label: "A"}})
	if m, ok := (Message{Buttons: b}).Markup().(*models.InlineKeyboardMarkup); !ok || len(m.InlineKeyboard) != 1 {
		t.Errorf("Markup() = %v, want an inline keyboard of one row", m)
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc", 3}, {"سلام", 4}, {"😀", 2}, {"a😀b", 4}, {"👍🏽", 4}, {"\u2067x\u2069", 3},
	}
	for _, tt := range tests {
		if got := width(tt.s); got != tt.want {
			t.Errorf("width(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func arabicArticle() (string, []string) {
	para := "يحق لكل شخص يصل إلى إيطاليا أن يطلب الحماية الدولية في مركز الشرطة أو الكويستورا، ويجب أن يحصل على مترجم مجاني & مساعدة قانونية <مجانية>."
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
	if w := width(text); w < 10000 {
		t.Fatalf("article is %d units, want at least 10000", w)
	}
	opts := []bot.Option{{ID: "person", Label: "شخص"}}
	got := Render(bot.Reply{Title: "اللجوء <1>", Text: text, Options: opts})
	if len(got) < 3 {
		t.Fatalf("got %d parts, want at least 3", len(got))
	}
	var bodies []string
	for i, m := range got {
		v := visible(m.Text)
		if w := width(v); w > MaxLen {
			t.Errorf("part %d has %d visible units, want <= %d", i, w, MaxLen)
		}
		if i == 0 {
			if !strings.HasPrefix(m.Text, "<b>اللجوء &lt;1&gt;</b>\n\n") {
				t.Errorf("part 0 does not start with the bold title: %q", m.Text[:40])
			}
			v = strings.TrimPrefix(v, "اللجوء <1>\n\n")
		} else if strings.Contains(m.Text, "<b>") {
			t.Errorf("part %d repeats the title", i)
		}
		if strings.Contains(m.Text, "<مجانية>") {
			t.Errorf("part %d contains unescaped text", i)
		}
		if (m.Buttons != nil) != (i == len(got)-1) {
			t.Errorf("part %d buttons = %v; want buttons only on the last part", i, m.Buttons)
		}
		// Each part is whole paragraphs.
		for _, p := range strings.Split(v, "\n\n") {
			if !contains(paras, p) {
				t.Errorf("part %d holds a cut paragraph: %q…", i, p[:20])
			}
		}
		bodies = append(bodies, v)
	}
	if joined := strings.Join(bodies, "\n\n"); joined != text {
		t.Errorf("visible text of the parts (%d units) differs from the input (%d units)", width(joined), width(text))
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

func TestRenderEmojiAtLimit(t *testing.T) {
	// 2048 emoji are exactly 4096 units: one message. One more needs two.
	for _, tt := range []struct {
		n, parts int
	}{{2048, 1}, {2049, 2}} {
		got := Render(bot.Reply{Text: strings.Repeat("😀", tt.n)})
		if len(got) != tt.parts {
			t.Errorf("%d emoji: %d parts, want %d", tt.n, len(got), tt.parts)
		}
		for _, m := range got {
			if w := width(visible(m.Text)); w > MaxLen {
				t.Errorf("%d emoji: part of %d units", tt.n, w)
			}
		}
	}
}

func TestRenderEscapingDoesNotCountTowardsLimit(t *testing.T) {
	// 4096 ampersands are 4096 visible characters, though the HTML is five times longer.
	got := Render(bot.Reply{Text: strings.Repeat("&", MaxLen)})
	if len(got) != 1 || len(got[0].Text) != 5*MaxLen {
		t.Fatalf("got %d parts, want 1 part of %d bytes", len(got), 5*MaxLen)
	}
	// One more and the cut must fall between entities, never inside one.
	got = Render(bot.Reply{Text: strings.Repeat("&", MaxLen+1)})
	if len(got) != 2 || visible(got[0].Text)+visible(got[1].Text) != strings.Repeat("&", MaxLen+1) {
		t.Fatalf("split of ampersands went wrong: %d parts", len(got))
	}
	for _, m := range got {
		if strings.Trim(m.Text, "&amp;") != "" || len(m.Text)%5 != 0 {
			t.Errorf("part holds a broken entity: …%q", m.Text[len(m.Text)-7:])
		}
	}
}

func TestCallbackData(t *testing.T) {
	long := "article:" + strings.Repeat("permesso-di-soggiorno-", 4)
	tests := []struct {
		name, id string
		asIs     bool
	}{
		{"short", "article:health-card", true},
		{"exactly 64 bytes", strings.Repeat("x", 64), true},
		{"65 bytes", strings.Repeat("x", 65), false},
		{"long", long, false},
		{"long arabic", "article:" + strings.Repeat("ب", 40), false},
		{"empty", "", false},
		{"looks hashed", "h:abc", false},
		{"invalid utf-8", "a\xffb", false},
	}
	var offered []bot.Option
	seen := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := CallbackData(tt.id)
			if d == "" || len(d) > MaxCallbackData {
				t.Errorf("CallbackData(%q) = %q: %d bytes", tt.id, d, len(d))
			}
			if (d == tt.id) != tt.asIs {
				t.Errorf("CallbackData(%q) = %q, as is = %v, want %v", tt.id, d, d == tt.id, tt.asIs)
			}
			if d2 := CallbackData(tt.id); d2 != d {
				t.Errorf("CallbackData is not deterministic: %q then %q", d, d2)
			}
			if other, ok := seen[d]; ok {
				t.Errorf("%q and %q share callback data %q", tt.id, other, d)
			}
			seen[d] = tt.id
		})
		offered = append(offered, bot.Option{ID: tt.id, Label: tt.name})
	}
	for _, o := range offered {
		if got, ok := OptionByData(offered, CallbackData(o.ID)); !ok || got != o.ID {
			t.Errorf("OptionByData(CallbackData(%q)) = %q, %v", o.ID, got, ok)
		}
	}
	if got, ok := OptionByData(offered, "h:unknown"); ok {
		t.Errorf("OptionByData(unknown) = %q, true; want false", got)
	}
	// The button built by Render carries the same data.
	r := Render(bot.Reply{Text: "x", Options: []bot.Option{{ID: long, Label: "Permit"}}})
	if b := r[0].Buttons[0][0]; b.CallbackData != CallbackData(long) || !strings.HasPrefix(b.CallbackData, "h:") {
		t.Errorf("button data = %q, want the hashed %q", b.CallbackData, CallbackData(long))
	}
}

// Each part of a reply renders as exactly the message Render makes for that place,
// so the outbox can send (and retry) a long article one message at a time.
func FuzzParts(f *testing.F) {
	long := strings.Repeat("Questura di Roma, via Patini.\n\n", 300)
	f.Add("Title", long, true)
	f.Add("", strings.Repeat("ب", 9000), false)
	f.Add(strings.Repeat("T", 5000), "body", true)
	f.Add("", "", true)
	f.Add("x", "", false)
	f.Fuzz(func(t *testing.T, title, text string, options bool) {
		r := bot.Reply{Lang: "ar", Title: title, Text: text, Urgent: true}
		if options {
			r.Options = []bot.Option{{ID: "helped", Label: "Yes"}, {ID: "person", Label: "Person"}}
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
			got := Render(p)
			if len(got) != 1 {
				t.Fatalf("part %d renders as %d messages", i, len(got))
			}
			if got[0].Text != whole[i].Text || len(got[0].Buttons) != len(whole[i].Buttons) {
				t.Fatalf("part %d renders as %q (%d buttons), want %q (%d buttons)",
					i, got[0].Text, len(got[0].Buttons), whole[i].Text, len(whole[i].Buttons))
			}
		}
	})
}
