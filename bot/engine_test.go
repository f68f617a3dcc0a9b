package bot_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sportello/bot"
	"sportello/content"
	"sportello/locales"
	"sportello/search"
	"sportello/store"
	"sportello/store/storetest"
)

// The engine is tested with the real parts a person's message goes through: the
// embedded knowledge base, a Bleve index on disk, the SQLite store and the keyring.

var shared struct {
	once  sync.Once
	base  *content.Base
	index *search.Index
	msgs  *locales.Bundle
	err   error
}

func sharedParts(t *testing.T) (*content.Base, *search.Index, *locales.Bundle) {
	t.Helper()
	shared.once.Do(func() {
		if shared.base, shared.err = content.Load(content.Embedded()); shared.err != nil {
			return
		}
		dir, err := os.MkdirTemp("", "sportello-bot-test-")
		if err != nil {
			shared.err = err
			return
		}
		if shared.index, shared.err = search.Open(filepath.Join(dir, "index"), shared.base.Articles()); shared.err != nil {
			return
		}
		shared.msgs, shared.err = locales.New()
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.base, shared.index, shared.msgs
}

type harness struct {
	t     *testing.T
	eng   *bot.Engine
	db    *store.SQLite
	keys  *store.Keyring
	msgs  *locales.Bundle
	base  *content.Base
	clock *storetest.FakeClock
	path  string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	base, ix, msgs := sharedParts(t)
	return newHarnessWith(t, base, ix, msgs)
}

func newHarnessWith(t *testing.T, base *content.Base, ix bot.Searcher, msgs *locales.Bundle) *harness {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sportello.db")
	db, err := store.OpenSQLite(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := storetest.NewFakeClock(time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC))
	db.Clock = clock
	keys, err := store.NewKeyring([]byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := bot.New(bot.Deps{
		Articles: base, Searcher: ix, Conversations: db, Escalations: db,
		Identities: keys, Messages: msgs, Clock: clock, Log: slog.New(slog.DiscardHandler),
	}, bot.Config{Threshold: search.DefaultThreshold, ResponseHours: 24})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, eng: eng, db: db, keys: keys, msgs: msgs, base: base, clock: clock, path: path}
}

// send delivers one message from sender and returns the replies.
func (h *harness) send(sender, text string) []bot.Reply {
	h.t.Helper()
	rs, err := h.eng.Handle(h.t.Context(), bot.Inbound{Channel: "telegram", Sender: sender, Text: text, At: h.clock.Now()})
	if err != nil {
		h.t.Fatalf("Handle(%q): %v", text, err)
	}
	if len(rs) == 0 {
		h.t.Fatalf("Handle(%q): no reply", text)
	}
	return rs
}

// press presses the option with the given ID, as a Telegram button would.
func (h *harness) press(sender, option string) []bot.Reply {
	h.t.Helper()
	rs, err := h.eng.Handle(h.t.Context(), bot.Inbound{Channel: "telegram", Sender: sender, Option: option, At: h.clock.Now()})
	if err != nil {
		h.t.Fatalf("press %q: %v", option, err)
	}
	return rs
}

func (h *harness) queue() []*bot.Escalation {
	h.t.Helper()
	es, err := h.db.ListEscalations(h.t.Context(), bot.EscalationFilter{})
	if err != nil {
		h.t.Fatal(err)
	}
	return es
}

func optionIDs(r bot.Reply) []string {
	var ids []string
	for _, o := range r.Options {
		ids = append(ids, o.ID)
	}
	return ids
}

func hasOption(r bot.Reply, id string) bool {
	for _, o := range r.Options {
		if o.ID == id {
			return true
		}
	}
	return false
}

func last(rs []bot.Reply) bot.Reply { return rs[len(rs)-1] }

func TestAnswerInThePersonsLanguage(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		lang, text, slug string
	}{
		{"en", "how can i get the tessera sanitaria and choose a family doctor", "health-card"},
		{"fr", "comment avoir un avocat gratuit pour faire le recours, je n'ai pas d'argent", "free-legal-aid"},
		{"fa", "چطور کارت صحی بگیرم و داکتر فامیلی انتخاب کنم؟", "health-card"},
		{"ps", "څنګه د روغتیا کارت واخلم او د کورنۍ ډاکټر وټاکم؟", "health-card"},
		{"ar", "كيف أحصل على البطاقة الصحية وأختار طبيب الأسرة؟", "health-card"},
		{"uk", "як отримати медичну картку і вибрати сімейного лікаря?", "health-card"},
	}
	for i, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			rs := h.send("person-"+tc.lang+string(rune('a'+i)), tc.text)
			r := rs[0]
			want, _ := h.base.Get(tc.slug, tc.lang)
			if r.Lang != tc.lang {
				t.Fatalf("reply language = %q, want %q", r.Lang, tc.lang)
			}
			if r.Title != locales.IsolateRuns(tc.lang, want.Title) {
				t.Fatalf("answer title = %q, want the %s article %q", r.Title, tc.slug, want.Title)
			}
			if !strings.Contains(r.Text, h.msgs.T(tc.lang, "answer.helped", nil)) {
				t.Errorf("answer does not ask whether it helped: %q", r.Text)
			}
			for _, id := range []string{"helped", "person", "read:" + tc.slug} {
				if !hasOption(r, id) {
					t.Errorf("answer options %v lack %q", optionIDs(r), id)
				}
			}
			if n := len(r.Options); n > 5 {
				t.Errorf("answer offers %d options, want at most 5 (two other articles)", n)
			}
		})
	}
}

func TestTypedNumberChoosesOption(t *testing.T) {
	h := newHarness(t)
	r := h.send("p1", "how can i get the tessera sanitaria and choose a family doctor")[0]
	// Option 3 is "Read the full article".
	if r.Options[2].ID != "read:health-card" {
		t.Fatalf("third option = %q, want read:health-card", r.Options[2].ID)
	}
	full := h.send("p1", "3")[0]
	if !strings.Contains(full.Text, "CUP") || len(full.Text) <= len(r.Text) {
		t.Fatalf("typing 3 did not show the full article: %q", full.Text)
	}
	thanks := h.send("p1", "1")[0]
	if thanks.Text != h.msgs.T("en", "feedback.thanks", nil) {
		t.Fatalf("typing 1 after the article = %q, want the thanks message", thanks.Text)
	}
}

func TestNoAnswerOffersPersonThenEscalates(t *testing.T) {
	h := newHarness(t)
	question := "who won the football match of juventus yesterday"
	r := h.send("p2", question)[0]
	if !strings.HasPrefix(r.Text, h.msgs.T("en", "noanswer.offer", nil)) {
		t.Fatalf("off-topic question got %q, want the offer of a person", r.Text)
	}
	if ids := optionIDs(r); len(ids) != 2 || ids[0] != "person" {
		t.Fatalf("offer options = %v, want [person person:no]", ids)
	}
	created := h.send("p2", "1")[0]
	if !strings.Contains(created.Text, "24") {
		t.Fatalf("escalation reply %q does not say when a person answers", created.Text)
	}
	q := h.queue()
	if len(q) != 1 {
		t.Fatalf("queue has %d escalations, want 1", len(q))
	}
	esc := q[0]
	if esc.Question != question || esc.Lang != "en" || esc.Urgent || esc.Status != bot.StatusOpen {
		t.Fatalf("escalation = %+v, want the open English question %q", esc, question)
	}
	if !transcriptHas(esc, bot.RolePerson, question) {
		t.Fatalf("escalation transcript lacks the question: %+v", esc.Transcript)
	}

	added := h.send("p2", "also my permesso expires next week")[0]
	if added.Text != h.msgs.T("en", "escalation.added", nil) {
		t.Fatalf("message while escalated got %q, want escalation.added", added.Text)
	}
	esc, err := h.db.GetEscalation(t.Context(), esc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !transcriptHas(esc, bot.RolePerson, "also my permesso expires next week") {
		t.Fatalf("follow-up not added to the escalation: %+v", esc.Transcript)
	}
}

func TestDecliningAPerson(t *testing.T) {
	h := newHarness(t)
	h.send("p3", "who won the football match of juventus yesterday")
	r := h.send("p3", "2")[0]
	if r.Text != h.msgs.T("en", "escalation.declined", nil) {
		t.Fatalf("declining got %q", r.Text)
	}
	if q := h.queue(); len(q) != 0 {
		t.Fatalf("declining created %d escalations", len(q))
	}
}

func TestTypedYesAcceptsAPerson(t *testing.T) {
	h := newHarness(t)
	h.send("p12", "хто виграв футбольний матч вчора")
	r := h.send("p12", "Так")[0]
	if !strings.Contains(r.Text, "24") || len(h.queue()) != 1 {
		t.Fatalf("typing Так after the offer got %q and %d escalations", r.Text, len(h.queue()))
	}
}

func TestRedeliveredMessageIsNotActedOnTwice(t *testing.T) {
	h := newHarness(t)
	msg := func(id, text string) []bot.Reply {
		rs, err := h.eng.Handle(t.Context(), bot.Inbound{Channel: "telegram", Sender: "p13", MessageID: id, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	msg("m1", "who won the football match of juventus yesterday")
	first := msg("m2", "1") // yes, a person
	again := msg("m2", "1") // the network delivers it again
	if len(h.queue()) != 1 {
		t.Fatalf("a redelivered acceptance created %d escalations, want 1", len(h.queue()))
	}
	if len(again) != len(first) || again[0].Text != first[0].Text {
		t.Fatalf("redelivery got %+v, want the first replies %+v", again, first)
	}
	// A new message with its own id is handled normally.
	if r := msg("m3", "one more detail")[0]; r.Text != h.msgs.T("en", "escalation.added", nil) {
		t.Fatalf("next message got %q", r.Text)
	}
}

func TestCrashBeforeSavingDoesNotOpenTwoEscalations(t *testing.T) {
	h := newHarness(t)
	in := func(id, text string) bot.Inbound {
		return bot.Inbound{Channel: "telegram", Sender: "p14", MessageID: id, Text: text}
	}
	if _, err := h.eng.Handle(t.Context(), in("m1", "who won the football match of juventus yesterday")); err != nil {
		t.Fatal(err)
	}
	key := h.keys.PersonKey("telegram", "p14")
	before, err := h.db.GetConversation(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.eng.Handle(t.Context(), in("m2", "1")); err != nil {
		t.Fatal(err)
	}
	// The process died after creating the escalation but before saving the
	// conversation: the conversation is as it was, and the message comes again.
	if err := h.db.SaveConversation(t.Context(), before); err != nil {
		t.Fatal(err)
	}
	if _, err := h.eng.Handle(t.Context(), in("m2", "1")); err != nil {
		t.Fatal(err)
	}
	if q := h.queue(); len(q) != 1 {
		t.Fatalf("the message handled twice opened %d escalations, want 1", len(q))
	}
}

func transcriptHas(e *bot.Escalation, role bot.Role, text string) bool {
	for _, tr := range e.Transcript {
		if tr.Role == role && tr.Text == text {
			return true
		}
	}
	return false
}

func TestUrgentGetsNumbersFirstAndTopOfQueue(t *testing.T) {
	h := newHarness(t)
	// An older, ordinary escalation.
	h.send("older", "who won the football match of juventus yesterday")
	h.send("older", "1")
	h.clock.Advance(time.Hour)

	rs := h.send("p4", "help he is hitting me now, i am locked in the bathroom with my kids")
	first := rs[0]
	if !first.Urgent {
		t.Fatalf("first reply to an urgent message is not urgent: %+v", first)
	}
	for _, n := range []string{"112", "1522", "800 290 290", "114"} {
		if !strings.Contains(first.Text, n) {
			t.Errorf("urgent reply lacks %s: %q", n, first.Text)
		}
	}
	if strings.Index(first.Text, "1522") > strings.Index(first.Text, "800 290 290") {
		t.Errorf("for violence, 1522 should come before the other helplines: %q", first.Text)
	}
	for _, r := range rs {
		if r.Title != "" {
			t.Errorf("urgent message got an article %q", r.Title)
		}
	}
	q := h.queue()
	if len(q) != 2 || !q[0].Urgent {
		t.Fatalf("queue = %d escalations, first urgent=%v; want the urgent one first", len(q), len(q) > 0 && q[0].Urgent)
	}
}

func TestUrgentInEveryLanguage(t *testing.T) {
	h := newHarness(t)
	msgs := map[string]string{
		"fr": "je ne veux plus vivre, ce soir je vais me tuer",
		"fa": "شوهرم همین حالا مرا می‌زند و می‌گوید مرا می‌کشد",
		"ps": "زه نور نه غواړم ژوندی پاتې شم، ځان وژنم",
		"ar": "زوجي عم يضربني هلق وبدو يقتلني",
		"uk": "я не хочу більше жити, сьогодні покінчу з собою",
	}
	for lang, text := range msgs {
		t.Run(lang, func(t *testing.T) {
			r := h.send("u-"+lang, text)[0]
			if !r.Urgent || r.Lang != lang || !strings.Contains(r.Text, "112") {
				t.Fatalf("urgent %s message got %+v", lang, r)
			}
			if strings.Contains(r.Text, h.msgs.T("en", "urgent.intro", nil)) {
				t.Fatalf("urgent reply not translated: %q", r.Text)
			}
			// In right-to-left text the numbers are isolated, or "800 290 290" would
			// read "290 290 800".
			if isolated := strings.Contains(r.Text, "\u2068800 290 290\u2069"); isolated != locales.IsRTL(lang) {
				t.Fatalf("%s urgent reply: number isolated = %v, want %v", lang, isolated, locales.IsRTL(lang))
			}
		})
	}
}

func TestUrgentWhileEscalatedMarksItUrgent(t *testing.T) {
	h := newHarness(t)
	h.send("p5", "who won the football match of juventus yesterday")
	h.send("p5", "1")
	r := h.send("p5", "i dont want to live anymore, tonight i finish everything")[0]
	if !r.Urgent {
		t.Fatalf("urgent message on an open escalation got %+v", r)
	}
	q := h.queue()
	if len(q) != 1 || !q[0].Urgent {
		t.Fatalf("queue = %+v; want the existing escalation marked urgent", q)
	}
}

func TestLanguageAnnouncedAndChanged(t *testing.T) {
	h := newHarness(t)
	rs := h.send("p6", "كيف أحصل على البطاقة الصحية؟")
	lr := last(rs)
	if lr.Lang != "ar" || !strings.Contains(lr.Text, h.msgs.T("ar", "lang.detected", map[string]any{"Command": locales.Isolate("ar", "/language")})) {
		t.Fatalf("first Arabic message: reply %q does not announce Arabic", lr.Text)
	}
	menu := h.send("p6", "/language")[0]
	if len(menu.Options) != len(locales.Supported) {
		t.Fatalf("language menu has %d options, want %d", len(menu.Options), len(locales.Supported))
	}
	changed := h.send("p6", "6")[0] // Українська
	if changed.Lang != "uk" || changed.Text != h.msgs.T("uk", "lang.changed", nil) {
		t.Fatalf("choosing 6 got %+v, want the change to Ukrainian", changed)
	}
	// A chosen language stays, even when the person writes in another one.
	next := h.send("p6", "how can i get the tessera sanitaria")[0]
	if next.Lang != "uk" {
		t.Fatalf("after choosing Ukrainian, reply language = %q", next.Lang)
	}
}

func TestStartWithLanguage(t *testing.T) {
	h := newHarness(t)
	r := h.send("p7", "/start ps")[0]
	if r.Lang != "ps" || !strings.HasPrefix(r.Text, h.msgs.T("ps", "welcome", nil)) {
		t.Fatalf("/start ps got %+v", r)
	}
}

func TestEnglishFallbackWhenTranslationMissing(t *testing.T) {
	_, _, msgs := sharedParts(t)
	base, err := content.Load(os.DirFS("../content/testdata/kb"))
	if err != nil {
		t.Fatal(err)
	}
	var onlyEnglish string
	for _, s := range base.Slugs() {
		if langs := base.Langs(s); len(langs) == 1 && langs[0] == "en" {
			onlyEnglish = s
		}
	}
	if onlyEnglish == "" {
		t.Fatal("test knowledge base has no English-only article")
	}
	ix, err := search.Open(filepath.Join(t.TempDir(), "index"), base.Articles())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	h := newHarnessWith(t, base, ix, msgs)
	h.send("p8", "/start fr")
	r := h.press("p8", "article:"+onlyEnglish)[0]
	a, _ := base.Get(onlyEnglish, "en")
	if r.Title != a.Title || !strings.HasPrefix(r.Text, msgs.T("fr", "answer.fallback_english", nil)) {
		t.Fatalf("missing French article: got title %q text %q, want the English one with the French note", r.Title, r.Text)
	}
}

func TestBadInputGetsAClearReply(t *testing.T) {
	h := newHarness(t)
	if r := h.send("p9", strings.Repeat("a", 5000))[0]; r.Text != h.msgs.T("en", "error.too_long", map[string]any{"Max": 4000}) {
		t.Errorf("huge message got %q", r.Text)
	}
	if r := h.send("p9", "\xff\xfe tessera sanitaria \x00 how"); len(r) == 0 {
		t.Errorf("invalid UTF-8 got no reply")
	}
	if r := h.send("p10", "")[0]; r.Text != h.msgs.T("en", "error.not_text", nil) {
		t.Errorf("empty message (a photo) got %q", r.Text)
	}
	if r := h.press("p10", "article:no-such-topic")[0]; r.Text != h.msgs.T("en", "option.invalid", nil) {
		t.Errorf("stale button got %q", r.Text)
	}
}

func TestChannelIdentityNeverStoredInClear(t *testing.T) {
	h := newHarness(t)
	const sender = "tg-987654321"
	h.send(sender, "who won the football match of juventus yesterday")
	h.send(sender, "1")
	esc := h.queue()[0]
	if esc.PersonKey == sender || strings.Contains(esc.PersonKey, "987654321") {
		t.Fatalf("person key %q reveals the sender", esc.PersonKey)
	}
	ch, got, err := h.keys.OpenAddress(esc.Address)
	if err != nil || ch != "telegram" || got != sender {
		t.Fatalf("sealed address opens to %q %q %v, want the sender", ch, got, err)
	}
	h.db.Close()
	for _, f := range []string{h.path, h.path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if strings.Contains(string(b), "987654321") {
			t.Fatalf("%s contains the raw sender id", filepath.Base(f))
		}
	}
}

func TestStoreFailureStillSendsEmergencyNumbers(t *testing.T) {
	h := newHarness(t)
	h.db.Close() // the store is down
	rs, err := h.eng.Handle(context.Background(), bot.Inbound{Channel: "telegram", Sender: "p11", Text: "my friend is bleeding a lot and not breathing, help now"})
	if err == nil {
		t.Fatal("Handle with the store down returned no error")
	}
	if len(rs) != 1 || !rs[0].Urgent || !strings.Contains(rs[0].Text, "112") {
		t.Fatalf("with the store down, an urgent message got %+v; want the emergency numbers", rs)
	}
}
