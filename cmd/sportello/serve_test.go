package main

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/go-telegram/bot/models"

	"sportello/bot"
	"sportello/bot/telegram"
	"sportello/bot/telegram/telegramtest"
	"sportello/store/redistest"
)

func TestMain(m *testing.M) {
	if os.Getenv("SPORTELLO_TEST_SERVE") == "1" {
		// Re-executed by a test as a `sportello serve` process (see startProcess).
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, []string{"serve"}, stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, os.Getenv)
		stop()
		os.Exit(code)
	}
	redistest.Main(m)
}

const testToken = "424242:serve-test-token"

// testSecret is shared by instances on one Redis, as SPORTELLO_SECRET must be.
const testSecret = "0123456789abcdef0123456789abcdef-serve-test"

// serveEnv is the environment of a serve instance talking to the fake Bot API.
func serveEnv(t testing.TB, tg *telegramtest.Server) map[string]string {
	return map[string]string{
		"SPORTELLO_DATA_DIR":         t.TempDir(),
		"SPORTELLO_TELEGRAM_TOKEN":   testToken,
		"SPORTELLO_TELEGRAM_API_URL": tg.URL(),
		"SPORTELLO_SECRET":           testSecret,
	}
}

// redisEnv adds a Redis store under a prefix of the test's own to env.
func redisEnv(t testing.TB, env map[string]string) map[string]string {
	client := redistest.Client(t)
	env["SPORTELLO_REDIS_URL"] = redistest.Start(t)
	env["SPORTELLO_REDIS_PREFIX"] = redistest.Prefix(t, client)
	return env
}

// instance is a serve running in the test's process.
type instance struct {
	s    *server
	url  string
	logs *syncBuffer
	stop func()
}

// syncBuffer collects an instance's log, shown when the test fails.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe starts serve in the test's process; configure, if set, adjusts the
// server before it runs. It stops when the test ends.
func startServe(t testing.TB, env map[string]string, configure func(*server)) *instance {
	t.Helper()
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, cancel := context.WithCancel(context.Background())
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	s, err := newServer(a)
	if err != nil {
		cancel()
		a.Close()
		t.Fatal(err)
	}
	if s.listener, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	if configure != nil {
		configure(s)
	}
	done := make(chan error, 1)
	go func() { done <- s.run(ctx) }()
	var once sync.Once
	inst := &instance{s: s, url: "http://" + s.listener.Addr().String(), logs: logs}
	// The health endpoint answers once Telegram is set up and the HTTP server runs.
	if resp, err := http.Get(inst.url + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		cancel()
		t.Fatalf("serve did not start: %v\n%s", err, logs.String())
	} else {
		resp.Body.Close()
	}
	inst.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
			a.Close()
		})
	}
	t.Cleanup(func() {
		inst.stop()
		if t.Failed() {
			t.Logf("serve log:\n%s", logs.String())
		}
	})
	return inst
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// visible is what a person sees of a message sent in HTML parse mode.
func visible(m telegramtest.SentMessage) string {
	return html.UnescapeString(tagRE.ReplaceAllString(m.Text, ""))
}

// bidiControls are the invisible marks that keep Latin words and numbers in order
// inside right-to-left text.
var bidiControls = strings.NewReplacer("\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "")

// plain is visible text without its bidi controls, to compare with what was written.
func plain(m telegramtest.SentMessage) string { return bidiControls.Replace(visible(m)) }

func toChat(sent []telegramtest.SentMessage, chat int64) []telegramtest.SentMessage {
	var out []telegramtest.SentMessage
	for _, m := range sent {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// waitFor waits until a message to chat, after the first `after` ones, satisfies ok,
// and returns it with the messages to chat so far.
func waitFor(t testing.TB, tg *telegramtest.Server, chat int64, after int, what string, ok func(telegramtest.SentMessage) bool) (telegramtest.SentMessage, []telegramtest.SentMessage) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		msgs := toChat(tg.Sent(), chat)
		for _, m := range msgs[min(after, len(msgs)):] {
			if ok(m) {
				return m, msgs
			}
		}
		if time.Now().After(deadline) {
			var seen []string
			for _, m := range msgs {
				seen = append(seen, visible(m))
			}
			t.Fatalf("chat %d: no message %s; got %d:\n%s", chat, what, len(msgs), strings.Join(seen, "\n---\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func saying(text string) func(telegramtest.SentMessage) bool {
	text = bidiControls.Replace(text)
	return func(m telegramtest.SentMessage) bool { return strings.Contains(plain(m), text) }
}

func hasButton(m telegramtest.SentMessage, data string) bool {
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.CallbackData == data {
				return true
			}
		}
	}
	return false
}

// firstStrongRTL reports whether the first letter of s with a strong direction is
// right-to-left, which makes Telegram lay the message out right to left.
func firstStrongRTL(s string) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// A person goes through the core's conversation on Telegram in each language: the
// deep-link language, an answer with inline buttons, "did this help", a person.
func TestTelegramConversationInEachLanguage(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, serveEnv(t, tg), nil)
	msgs := inst.s.a.msgs
	cases := []struct{ lang, question, slug string }{
		{"en", "how do i get the health card", "health-card"},
		{"fr", "comment demander l'asile en Italie", "asylum-application"},
		{"fa", "چطور کارت صحی بگیرم", "health-card"},
		{"ps", "زه څنګه پناه غوښتنه وکړم", "asylum-application"},
		{"ar", "كيف أجدد تصريح الإقامة", "residence-permit-renewal"},
		{"uk", "як отримати тимчасовий захист в Італії", "temporary-protection-ukraine"},
	}
	var wg sync.WaitGroup
	for i, c := range cases {
		chat := int64(1001 + i)
		wg.Go(func() {
			tg.PushUpdate(telegramtest.Text(chat, "en", "/start "+c.lang))
			_, sent := waitFor(t, tg, chat, 0, "welcoming in "+c.lang, saying(msgs.T(c.lang, "welcome", nil)))

			tg.PushUpdate(telegramtest.Text(chat, "en", c.question))
			art, ok := inst.s.a.base.Get(c.slug, c.lang)
			if !ok {
				t.Errorf("no article %s/%s", c.slug, c.lang)
				return
			}
			answer, _ := waitFor(t, tg, chat, len(sent), "with the article "+art.Title, func(m telegramtest.SentMessage) bool {
				return strings.HasPrefix(bidiControls.Replace(m.Text), "<b>"+html.EscapeString(art.Title)+"</b>")
			})
			if answer.ParseMode != "HTML" {
				t.Errorf("%s: parse mode %q, want HTML", c.lang, answer.ParseMode)
			}
			last, sent := waitFor(t, tg, chat, len(sent), "with the options", func(m telegramtest.SentMessage) bool { return hasButton(m, "helped") })
			if !hasButton(last, "person") {
				t.Errorf("%s: the answer offers no person: %v", c.lang, last.Buttons)
			}
			if rtl := c.lang == "ar" || c.lang == "fa" || c.lang == "ps"; rtl != firstStrongRTL(visible(answer)) {
				t.Errorf("%s: answer starts with the wrong direction (right to left %v): %q", c.lang, rtl, visible(answer))
			}

			tg.PushUpdate(telegramtest.Press(chat, "en", "helped"))
			_, sent = waitFor(t, tg, chat, len(sent), "thanking", saying(msgs.T(c.lang, "feedback.thanks", nil)))

			// The "talk to a person" button of the same answer hands the question over.
			tg.PushUpdate(telegramtest.Press(chat, "en", "person"))
			created := msgs.TN(c.lang, "escalation.created", 24, map[string]any{"Hours": 24})
			waitFor(t, tg, chat, len(sent), "handing over", saying(firstWords(created)))
		})
	}
	wg.Wait()

	// Every press was answered, so no client kept spinning.
	deadline := time.Now().Add(5 * time.Second)
	for len(tg.Requests("answerCallbackQuery")) < 2*len(cases) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := len(tg.Requests("answerCallbackQuery")); n != 2*len(cases) {
		t.Errorf("%d callback queries answered, want %d", n, 2*len(cases))
	}
	// The commands are registered in the six languages, and in English for the rest.
	byLang := map[string]string{}
	for _, r := range tg.Requests("setMyCommands") {
		var cmds []models.BotCommand
		if err := json.Unmarshal([]byte(r.Fields["commands"]), &cmds); err != nil || len(cmds) != 4 {
			t.Fatalf("setMyCommands %q: %v", r.Fields["commands"], err)
		}
		for _, c := range cmds {
			if c.Command == "person" {
				byLang[r.Fields["language_code"]] = c.Description
			}
		}
	}
	for _, lang := range []string{"", "en", "fr", "fa", "ps", "ar", "uk"} {
		want := msgs.T(map[string]string{"": "en"}[lang]+lang, "command.person", nil)
		if byLang[lang] != want {
			t.Errorf("/person in %q is described as %q, want %q", lang, byLang[lang], want)
		}
	}
}

// A person asks for a person; a moderator's answer and the closing message reach
// them on Telegram, in their language.
func TestTelegramModeratorAnswerReachesPerson(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, serveEnv(t, tg), nil)
	a, ctx := inst.s.a, t.Context()
	const chat = 2001
	tg.PushUpdate(telegramtest.Text(chat, "ar", "أحتاج مساعدة في ملفي"))
	_, sent := waitFor(t, tg, chat, 0, "answering", func(telegramtest.SentMessage) bool { return true })
	tg.PushUpdate(telegramtest.Text(chat, "ar", "/person"))
	_, sent = waitFor(t, tg, chat, len(sent), "handing over", func(m telegramtest.SentMessage) bool {
		return strings.Contains(visible(m), firstWords(a.msgs.TN("ar", "escalation.created", 24, map[string]any{"Hours": 24})))
	})

	escs, err := a.stores.escalations.ListEscalations(ctx, bot.EscalationFilter{})
	if err != nil || len(escs) != 1 || escs[0].Lang != "ar" || escs[0].Channel != telegram.Channel {
		t.Fatalf("escalations = %+v, %v; want one in Arabic from Telegram", escs, err)
	}
	lease, err := a.stores.escalations.Claim(ctx, escs[0].ID, "moderator", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	answer := "يمكنك الذهاب إلى مكتب المساعدة القانونية يوم الاثنين."
	id, err := inst.s.relay.ModeratorReply(ctx, escs[0].ID, lease, answer)
	if err != nil {
		t.Fatal(err)
	}
	// Sent again (a double click), it is not sent twice.
	if again, err := inst.s.relay.ModeratorReply(ctx, escs[0].ID, lease, answer); err != nil || again != id {
		t.Fatalf("second send: %q, %v; want %q", again, err, id)
	}
	m, sent := waitFor(t, tg, chat, len(sent), "with the moderator's answer", saying(answer))
	if !strings.Contains(visible(m), a.msgs.T("ar", "moderator.reply", nil)) || !firstStrongRTL(visible(m)) {
		t.Errorf("moderator answer reads %q", visible(m))
	}
	waitStatus(t, a.stores.outbox, id, bot.DeliverySent)

	if err := inst.s.relay.Resolve(ctx, escs[0].ID, lease); err != nil {
		t.Fatal(err)
	}
	_, sent = waitFor(t, tg, chat, len(sent), "closing", saying(firstWords(a.msgs.T("ar", "escalation.resolved", map[string]any{"Command": "/person"}))))
	time.Sleep(300 * time.Millisecond)
	if n := strings.Count(joinVisible(toChat(tg.Sent(), chat)), answer); n != 1 {
		t.Errorf("the moderator's answer arrived %d times", n)
	}
}

// firstWords is the start of a message: its first line, up to any placeholder's value.
func firstWords(s string) string {
	if i := strings.IndexAny(s, "\n0123456789/<\u2066\u2067\u2068"); i > 10 {
		return s[:i]
	}
	return s
}

func joinVisible(ms []telegramtest.SentMessage) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(visible(m))
		b.WriteString("\n")
	}
	return b.String()
}

func waitStatus(t testing.TB, out bot.Outbox, id string, want bot.Delivery) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got, err := out.Status(context.Background(), id)
		if err == nil && got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox %s: %q, %v; want %q", id, got, err, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Photos, voice notes, locations, edits, groups, stale buttons and a person who
// blocked the bot each get the right, kind treatment.
func TestTelegramOtherUpdates(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, serveEnv(t, tg), nil)
	a := inst.s.a
	fr := func(id string) string { return a.msgs.T("fr", id, nil) }
	const chat = 3001

	steps := []struct {
		name string
		u    models.Update
		want string
	}{
		{"photo", telegramtest.Photo(chat, "fr", ""), fr("media.not_text")},
		{"voice", telegramtest.Voice(chat, "fr"), fr("media.not_text")},
		{"photo with a caption", telegramtest.Photo(chat, "fr", "comment demander l'asile en Italie"), fr("media.caption_only")},
		{"location", telegramtest.Location(chat, "fr"), fr("location.received")},
		{"edit", telegramtest.Edited(chat, "fr", "autre chose"), fr("edited.ignored")},
		{"unknown button", telegramtest.Press(chat, "fr", "h:AAAAAAAAAAAAAAAAAAAAAA"), fr("option.invalid")},
	}
	var sent []telegramtest.SentMessage
	for _, s := range steps {
		tg.PushUpdate(s.u)
		_, sent = waitFor(t, tg, chat, len(sent), "for the "+s.name, saying(s.want))
	}
	// A button of an old message (older than 48 hours) still does what it says.
	old := telegramtest.Press(chat, "fr", "article:health-card")
	old.CallbackQuery.Message = models.MaybeInaccessibleMessage{InaccessibleMessage: &models.InaccessibleMessage{Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}}}
	tg.PushUpdate(old)
	art, _ := a.base.Get("health-card", "fr")
	_, sent = waitFor(t, tg, chat, len(sent), "with the article of the old button", saying(art.Title))

	// In a group the bot says once that it works in private chats, and reads nothing.
	const group = -4001
	tg.PushUpdate(telegramtest.Group(group, chat, "fr", "bonjour le bot"))
	tg.PushUpdate(telegramtest.Group(group, chat+1, "fr", "comment demander l'asile"))
	waitFor(t, tg, group, 0, "about private chats", saying(fr("group.private_only")))

	// A person who blocked the bot: the reply fails once, is not retried, and the
	// person is marked; a later message from them clears the mark.
	const blocked = 3002
	tg.BlockChat(blocked)
	tg.PushUpdate(telegramtest.Text(blocked, "en", "/help"))
	key := a.keys.PersonKey(telegram.Channel, "3002")
	waitBlocked(t, a, key, true)
	time.Sleep(500 * time.Millisecond)
	var attempts int
	for _, r := range tg.Requests("sendMessage") {
		if r.ChatID == blocked {
			attempts++
		}
	}
	if attempts != 1 {
		t.Errorf("%d sendMessage calls to a person who blocked the bot, want 1", attempts)
	}
	if n := len(toChat(tg.Sent(), group)); n != 1 {
		t.Errorf("%d messages to the group, want 1", n)
	}
	// Telegram's own notice that a person blocked the bot marks them too.
	tg.PushUpdate(telegramtest.Blocked(blocked+1, tg.Me()))
	waitBlocked(t, a, a.keys.PersonKey(telegram.Channel, "3003"), true)
	tg.UnblockChat(blocked)
	tg.PushUpdate(telegramtest.Text(blocked, "en", "/help"))
	waitFor(t, tg, blocked, 0, "after unblocking", saying(firstWords(a.msgs.T("en", "help", nil))))
	waitBlocked(t, a, key, false)
}

func waitBlocked(t testing.TB, a *app, key string, want bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := a.stores.conversations.GetConversation(context.Background(), key)
		if err == nil && c.Blocked == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("conversation blocked = %v (%v), want %v", c != nil && c.Blocked, err, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A message Telegram refuses (400) is given up at once, not retried for hours; one
// that failed on Telegram's side (500) is sent again.
func TestTelegramRejectedAndFailedMessages(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, serveEnv(t, tg), nil)
	help := saying(firstWords(inst.s.a.msgs.T("en", "help", nil)))
	tg.FailNext("sendMessage", 1, telegramtest.Fault{Code: 400, Description: "Bad Request: can't parse entities"})
	tg.PushUpdate(telegramtest.Text(8001, "en", "/help"))
	waitStatus(t, inst.s.a.stores.outbox, "telegram:u1#0.0", bot.DeliveryFailed)
	tg.PushUpdate(telegramtest.Text(8001, "en", "/help"))
	waitFor(t, tg, 8001, 0, "answering the next message", help)
	if n := len(tg.Requests("sendMessage")); n != 2 {
		t.Errorf("%d sendMessage calls, want 2 (one refused, one sent)", n)
	}

	tg.FailNext("sendMessage", 2, telegramtest.ServerError)
	tg.PushUpdate(telegramtest.Text(8002, "en", "/help"))
	waitFor(t, tg, 8002, 0, "after two server errors", help)
	waitStatus(t, inst.s.a.stores.outbox, "telegram:u3#0.0", bot.DeliverySent)
	if n := len(toChat(tg.Sent(), 8002)); n != 1 {
		t.Errorf("%d replies after server errors, want 1", n)
	}
}

// With webhooks, Telegram may deliver through any instance, and deliver an update
// again through another: each is answered once.
func TestTelegramWebhookTwoInstances(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	base := redisEnv(t, serveEnv(t, tg))
	base["SPORTELLO_TELEGRAM_WEBHOOK_URL"] = "https://sportello.example.org/telegram"
	base["SPORTELLO_TELEGRAM_WEBHOOK_SECRET"] = "shared-secret"
	var insts []*instance
	for range 2 {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		env["SPORTELLO_DATA_DIR"] = t.TempDir()
		insts = append(insts, startServe(t, env, nil))
	}
	post := func(inst *instance, u models.Update) {
		b, _ := json.Marshal(u)
		req, _ := http.NewRequest(http.MethodPost, inst.url+"/telegram", bytes.NewReader(b))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "shared-secret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("webhook: %v %v", resp, err)
		}
		resp.Body.Close()
	}
	help := saying(firstWords(insts[0].s.a.msgs.T("en", "help", nil)))
	for i := range 10 {
		u := telegramtest.Text(int64(9001+i), "en", "/help")
		u.ID = int64(100 + i)
		post(insts[i%2], u)
		post(insts[(i+1)%2], u) // delivered again, through the other instance
	}
	for i := range 10 {
		waitFor(t, tg, int64(9001+i), 0, "answering /help", help)
	}
	time.Sleep(500 * time.Millisecond)
	for i := range 10 {
		if n := len(toChat(tg.Sent(), int64(9001+i))); n != 1 {
			t.Errorf("chat %d got %d replies, want 1", 9001+i, n)
		}
	}
}

// The webhook takes updates only with the secret, stores each before answering 200,
// and a delivery repeated by Telegram is answered once.
func TestTelegramWebhook(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	env := serveEnv(t, tg)
	env["SPORTELLO_TELEGRAM_WEBHOOK_URL"] = "https://sportello.example.org/hooks/telegram"
	env["SPORTELLO_TELEGRAM_WEBHOOK_SECRET"] = "s3cret_Token-1"
	inst := startServe(t, env, nil)
	hook := inst.url + "/hooks/telegram"

	set := tg.Requests("setWebhook")
	if len(set) != 1 || set[0].Fields["url"] != env["SPORTELLO_TELEGRAM_WEBHOOK_URL"] || set[0].Fields["secret_token"] != "s3cret_Token-1" {
		t.Fatalf("setWebhook calls: %+v", set)
	}
	post := func(secret string, body []byte) int {
		req, _ := http.NewRequest(http.MethodPost, hook, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	update := func(id int64, chat int64, text string) []byte {
		u := telegramtest.Text(chat, "en", text)
		u.ID = id
		b, _ := json.Marshal(u)
		return b
	}

	for _, c := range []struct {
		name   string
		secret string
		body   []byte
		want   int
	}{
		{"no secret", "", update(1, 5001, "/help"), http.StatusUnauthorized},
		{"wrong secret", "s3cret_Token-2", update(2, 5001, "/help"), http.StatusUnauthorized},
		{"malformed", "s3cret_Token-1", []byte(`{"update_id": "x", "message": `), http.StatusBadRequest},
		{"too large", "s3cret_Token-1", append(update(3, 5001, "/help"), bytes.Repeat([]byte(" "), 2<<20)...), http.StatusRequestEntityTooLarge},
		{"right secret", "s3cret_Token-1", update(4, 5002, "/help"), http.StatusOK},
		{"delivered again", "s3cret_Token-1", update(4, 5002, "/help"), http.StatusOK},
	} {
		if got := post(c.secret, c.body); got != c.want {
			t.Errorf("%s: HTTP %d, want %d", c.name, got, c.want)
		}
	}
	waitFor(t, tg, 5002, 0, "answering /help", saying(firstWords(inst.s.a.msgs.T("en", "help", nil))))
	time.Sleep(500 * time.Millisecond)
	if n := len(toChat(tg.Sent(), 5002)); n != 1 {
		t.Errorf("an update delivered twice got %d replies, want 1", n)
	}
	if n := len(toChat(tg.Sent(), 5001)); n != 0 {
		t.Errorf("updates refused at the door got %d replies", n)
	}
	if n := len(tg.Requests("getUpdates")); n != 0 {
		t.Errorf("webhook mode polled %d times", n)
	}
	if strings.Contains(inst.logs.String(), "/help") {
		t.Errorf("the log holds what a person wrote")
	}
	// The health endpoint answers.
	resp, err := http.Get(inst.url + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
}

// During a storm of 429s every reply still arrives exactly once, and nothing is sent
// before the retry_after Telegram asked for.
func TestTelegramFloodControl(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	// One send at a time, so that no call is already on its way when a 429 arrives:
	// every call after a 429 must then wait for its retry_after.
	inst := startServe(t, serveEnv(t, tg), func(s *server) { s.sender.Concurrency = 1 })
	tg.FailNext("sendMessage", 5, telegramtest.TooManyRequests(1))
	const people = 8
	for i := range people {
		tg.PushUpdate(telegramtest.Text(int64(6001+i), "en", "/help"))
	}
	help := firstWords(inst.s.a.msgs.T("en", "help", nil))
	for i := range people {
		waitFor(t, tg, int64(6001+i), 0, "answering /help", saying(help))
	}
	time.Sleep(300 * time.Millisecond)
	for i := range people {
		if n := len(toChat(tg.Sent(), int64(6001+i))); n != 1 {
			t.Errorf("chat %d got %d replies, want 1", 6001+i, n)
		}
	}
	reqs := tg.Requests("sendMessage")
	var floods int
	for i, r := range reqs {
		if r.Status != http.StatusTooManyRequests {
			continue
		}
		floods++
		for _, later := range reqs[i+1:] {
			if gap := later.Time.Sub(r.Time); gap < 990*time.Millisecond {
				t.Errorf("sendMessage %v after a 429 asking for 1 s", gap)
			}
		}
	}
	if floods != 5 {
		t.Errorf("%d 429 replies, want 5", floods)
	}
}

// Two instances on one Redis: one polls and sends at a time, never both; when the
// owner stops, the other takes over and nothing is lost or answered twice.
func TestTelegramTwoInstances(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	base := redisEnv(t, serveEnv(t, tg))
	envFor := func() map[string]string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		env["SPORTELLO_DATA_DIR"] = t.TempDir() // each instance its own index
		return env
	}
	first := startServe(t, envFor(), nil)
	second := startServe(t, envFor(), nil)
	owner := func() *instance {
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			var owners []*instance
			for _, in := range []*instance{first, second} {
				in.s.mu.Lock()
				if in.s.owner {
					owners = append(owners, in)
				}
				in.s.mu.Unlock()
			}
			if len(owners) == 1 {
				return owners[0]
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal("no single owner of the Telegram lease")
		return nil
	}
	help := firstWords(first.s.a.msgs.T("en", "help", nil))
	ask := func(from, n int) {
		for i := range n {
			tg.PushUpdate(telegramtest.Text(int64(from+i), "en", "/help"))
		}
		for i := range n {
			waitFor(t, tg, int64(from+i), 0, "answering /help", saying(help))
		}
	}
	o := owner()
	ask(7001, 10)
	o.stop()
	took := time.Now()
	next := owner()
	if next == o {
		t.Fatal("the stopped instance still owns the lease")
	}
	t.Logf("takeover after %v", time.Since(took).Round(time.Millisecond))
	ask(7101, 10)
	time.Sleep(300 * time.Millisecond)
	for _, from := range []int{7001, 7101} {
		for i := range 10 {
			if n := len(toChat(tg.Sent(), int64(from+i))); n != 1 {
				t.Errorf("chat %d got %d replies, want 1", from+i, n)
			}
		}
	}
	if c := tg.Conflicts(); c != 0 {
		t.Errorf("%d overlapping getUpdates calls: two instances polled at once", c)
	}
}

// Without a linked device serve runs, says so in /healthz, and `whatsapp link` refuses
// a number that is not international with a one-line reason.
func TestWhatsAppNotLinked(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, serveEnv(t, tg), nil)
	resp, err := http.Get(inst.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		WhatsApp struct{ Status string } `json:"whatsapp"`
	}
	err = json.NewDecoder(resp.Body).Decode(&h)
	resp.Body.Close()
	if err != nil || h.WhatsApp.Status != "not_linked" {
		t.Fatalf("healthz whatsapp = %+v, %v; want not_linked", h.WhatsApp, err)
	}
	code, _, errOut := runCmd(t, nil, "", "whatsapp", "link", "--phone", "3331234567")
	if code != 2 || !strings.Contains(errOut, "international") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("whatsapp link with a national number: exit %d, %q", code, errOut)
	}
	env := map[string]string{"SPORTELLO_WHATSAPP": "maybe"}
	if code, _, errOut := runCmd(t, env, "", "serve"); code != 1 || !strings.Contains(errOut, "SPORTELLO_WHATSAPP") {
		t.Errorf("serve with SPORTELLO_WHATSAPP=maybe: exit %d, %q", code, errOut)
	}
}
