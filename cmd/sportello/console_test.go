package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"sportello/bot"
	"sportello/bot/telegram"
	"sportello/bot/telegram/telegramtest"
	"sportello/console"
)

// End-to-end tests of the moderators' console: the real server on Redis, the fake
// Telegram Bot API, and a headless Chromium in which moderators sign in and work.

// consolePassword is every test account's password.
const consolePassword = "correct horse battery staple"

// browserTimeout bounds one step in the browser: a navigation, a wait for the page
// to show something.
const browserTimeout = 15 * time.Second

// chromiumPath finds Chromium: /usr/bin/chromium, or chromium on PATH. Without it the
// test is skipped, unless the CI environment variable is set (to anything but "false"
// or "0"): in CI a missing browser is a failure, as a missing Redis is (redistest).
func chromiumPath(t testing.TB) string {
	t.Helper()
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() {
		return "/usr/bin/chromium"
	}
	p, err := exec.LookPath("chromium")
	if err == nil {
		return p
	}
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		t.Fatalf("no Chromium for the console tests (CI=%s): %v", ci, err)
	}
	t.Skipf("no Chromium for the console tests (install the Debian package chromium): %v", err)
	return ""
}

// browser is one headless Chromium for a test. Each moderator gets a tab in a browser
// context of their own, so they share no cookies, as two people on two computers.
type chromeBrowser struct {
	root context.Context
	base string // the console's URL
}

// newBrowser starts Chromium; it stops when the test ends. Start it after the
// server, so it closes first and its pages do not try to reconnect to a stopped
// server.
func newBrowser(t *testing.T, base string) *chromeBrowser {
	t.Helper()
	path := chromiumPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	root, cancelRoot := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelRoot)
	// The first run starts the browser and binds it to root, so it has no timeout of
	// its own; wait for it here.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(root) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start Chromium: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Chromium did not start in 60 s")
	}
	return &chromeBrowser{root: root, base: base}
}

// tab is a moderator's browser: a tab in its own browser context.
type browserTab struct {
	name string
	ctx  context.Context
	base string

	mu      sync.Mutex
	dialogs []string // messages of JavaScript dialogs that opened
}

// streamsJS runs before a page's own scripts and keeps the page's EventSources, so a
// test can wait until the live stream is open.
const streamsJS = `(() => {
  const Orig = window.EventSource;
  if (!Orig) return;
  window.__streams = [];
  window.EventSource = function (url, opts) {
    const es = new Orig(url, opts);
    window.__streams.push(es);
    return es;
  };
  window.EventSource.prototype = Orig.prototype;
})();`

func (b *chromeBrowser) tab(t *testing.T, name string) *browserTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &browserTab{name: name, ctx: ctx, base: b.base}
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: streamsJS})
		return err
	}))
	if err != nil {
		t.Fatalf("%s's tab: %v", name, err)
	}
	// A dialog (an alert from injected script) is recorded and dismissed, so it
	// cannot block the page.
	err = chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, string(d.Type)+": "+d.Message)
			tb.mu.Unlock()
			go func() {
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func (tb *browserTab) Dialogs() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.dialogs)
}

// step runs f with a context bounded by browserTimeout.
func (tb *browserTab) step(t testing.TB, what string, f func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, browserTimeout)
	defer cancel()
	if err := f(ctx); err != nil {
		t.Fatalf("%s: %s: %v\npage: %s", tb.name, what, err, tb.pageText())
	}
}

// pageText is the page's address and the start of its text, for failure messages.
func (tb *browserTab) pageText() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 3*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + (document.body ? document.body.innerText : "")`))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	if len(s) > 1500 {
		s = s[:1500] + "…"
	}
	return s
}

func (tb *browserTab) do(t testing.TB, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tb.step(t, what, func(ctx context.Context) error { return chromedp.Do(ctx, actions...) })
}

// open loads path and returns the document's response.
func (tb *browserTab) open(t testing.TB, path string) *network.Response {
	t.Helper()
	var resp *network.Response
	tb.step(t, "open "+path, func(ctx context.Context) (err error) {
		resp, err = chromedp.Run(ctx, chromedp.NavigateResponse(tb.base+path))
		return err
	})
	return resp
}

// submit runs action (a click on a form's button) and waits for the page it leads
// to, returning its response.
func (tb *browserTab) submit(t testing.TB, what string, action chromedp.Action[chromedp.Void]) *network.Response {
	t.Helper()
	var resp *network.Response
	tb.step(t, what, func(ctx context.Context) (err error) {
		resp, err = chromedp.RunResponse(ctx, action)
		return err
	})
	return resp
}

// evalJS evaluates expr in the page; a promise is awaited.
func evalJS[T any](t testing.TB, tb *browserTab, expr string) T {
	t.Helper()
	var v T
	tb.step(t, "evaluate "+expr, func(ctx context.Context) (err error) {
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
		return err
	})
	return v
}

// waitJS waits until expr is truthy in the page, and returns its value.
func waitJS[T any](t testing.TB, tb *browserTab, what, expr string) T {
	t.Helper()
	var v T
	tb.step(t, "wait until "+what, func(ctx context.Context) (err error) {
		v, err = chromedp.Run(ctx, chromedp.Poll[T](expr,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(browserTimeout-time.Second)))
		return err
	})
	return v
}

// login signs in on the form at /login and checks it lands on the queue.
func (tb *browserTab) login(t testing.TB, name string) {
	t.Helper()
	tb.do(t, "fill the sign-in form",
		chromedp.Navigate(tb.base+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), name),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), consolePassword),
	)
	resp := tb.submit(t, "sign in", chromedp.Click(chromedp.CSS(`form.login button`)))
	if resp.Status != http.StatusOK || !strings.HasSuffix(resp.URL, "/queue") {
		t.Fatalf("%s signed in to %s (HTTP %d), want the queue", name, resp.URL, resp.Status)
	}
	if who := evalJS[string](t, tb, `document.querySelector("header .who").textContent`); who != name {
		t.Fatalf("the header names %q, want %q", who, name)
	}
}

// waitStream waits until the page's live stream is open.
func (tb *browserTab) waitStream(t testing.TB) {
	t.Helper()
	waitJS[bool](t, tb, "the live stream is open", `!!window.__streams && window.__streams.length > 0 && window.__streams.every(es => es.readyState === 1)`)
}

// mark marks the document, so a test can tell a live change from a reload.
func (tb *browserTab) mark(t testing.TB) { evalJS[bool](t, tb, `window.__mark = true`) }

const markedJS = `window.__mark === true`

// csrf is the anti-forgery token of the page's forms.
func (tb *browserTab) csrf(t testing.TB) string {
	t.Helper()
	return evalJS[string](t, tb, `document.querySelector('input[name="csrf"]').value`)
}

// sessionCookie is the browser's console session cookie, "" without one.
func (tb *browserTab) sessionCookie(t testing.TB) string {
	t.Helper()
	var c string
	tb.step(t, "read cookies", func(ctx context.Context) error {
		res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{tb.base + "/"}})
		for _, k := range res.Cookies {
			if k.Name == console.SessionCookie {
				c = k.Value
			}
		}
		return err
	})
	return c
}

// addAccounts creates console accounts with consolePassword, hashed once.
func addAccounts(t testing.TB, inst *instance, roles map[string]console.Role) {
	t.Helper()
	hash, err := console.HashPassword(consolePassword)
	if err != nil {
		t.Fatal(err)
	}
	for name, role := range roles {
		if err := inst.s.a.stores.accounts.PutUser(t.Context(), console.User{Name: name, Role: role, PasswordHash: hash, CreatedAt: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
}

// escalationOf waits until the person in chat has an open escalation, and returns it.
func escalationOf(t testing.TB, inst *instance, chat int64) *bot.Escalation {
	t.Helper()
	key := inst.s.a.keys.PersonKey(telegram.Channel, strconv.FormatInt(chat, 10))
	deadline := time.Now().Add(browserTimeout)
	for {
		escs, err := inst.s.a.stores.escalations.ListEscalations(context.Background(), bot.EscalationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range escs {
			if e.PersonKey == key {
				return e
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("chat %d has no escalation", chat)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func hasEscalation(t testing.TB, inst *instance, chat int64) bool {
	t.Helper()
	key := inst.s.a.keys.PersonKey(telegram.Channel, strconv.FormatInt(chat, 10))
	escs, err := inst.s.a.stores.escalations.ListEscalations(context.Background(), bot.EscalationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(escs, func(e *bot.Escalation) bool { return e.PersonKey == key })
}

// askForPerson has the person in chat ask question on Telegram and, unless the bot
// hands it over by itself, ask for a person; it returns the escalation.
func askForPerson(t testing.TB, inst *instance, tg *telegramtest.Server, chat int64, lang, question string) *bot.Escalation {
	t.Helper()
	n := len(toChat(tg.Sent(), chat))
	tg.PushUpdate(telegramtest.Text(chat, lang, question))
	// The replies go out after the turn is stored, escalation included.
	_, sent := waitFor(t, tg, chat, n, "answering", func(telegramtest.SentMessage) bool { return true })
	if !hasEscalation(t, inst, chat) {
		tg.PushUpdate(telegramtest.Text(chat, lang, "/person"))
		waitFor(t, tg, chat, len(sent), "after /person", func(telegramtest.SentMessage) bool { return true })
	}
	return escalationOf(t, inst, chat)
}

func storedEscalation(t testing.TB, inst *instance, id string) *bot.Escalation {
	t.Helper()
	e, err := inst.s.a.stores.escalations.GetEscalation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// noteTexts are the texts of an escalation's private notes.
func noteTexts(t testing.TB, inst *instance, id string) []string {
	t.Helper()
	var out []string
	for _, tr := range storedEscalation(t, inst, id).Transcript {
		if tr.Role == bot.RoleNote {
			out = append(out, tr.Text)
		}
	}
	return out
}

// queueRowsJS is what the queue's rows show, row by row: the escalation's id and the
// text of each cell.
const queueRowsJS = `[...document.querySelectorAll("#queue-rows tr[data-id]")].map(r => [r.dataset.id, ...[...r.cells].map(c => c.innerText.trim())])`

// The moderators' console, in a real browser, against the real server on Redis and
// the fake Telegram: signing in, the live queue, claiming and answering, a second
// moderator kept out of a claimed escalation, people's text shown as text, forged
// requests refused, the Arabic console right to left, pages that fit a phone, and the
// admin-only audit log.
func TestConsole(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, redisEnv(t, serveEnv(t, tg)), nil)
	msgs := inst.s.a.msgs
	addAccounts(t, inst, map[string]console.Role{"amina": console.RoleModerator, "bruno": console.RoleModerator, "carla": console.RoleAdmin})
	b := newBrowser(t, inst.url)
	amina, bruno := b.tab(t, "amina"), b.tab(t, "bruno")

	// Set by the subtests, in order; each later one needs the earlier ones.
	const chat = 4101
	var esc *bot.Escalation
	const reply = "Hello, I am Amina from Sportello. You can renew the card at your local health office (ASL); bring your residence permit."

	if !t.Run("Login", func(t *testing.T) {
		amina.open(t, "/login")
		if n := evalJS[int](t, amina, `document.querySelectorAll('form.login input[name="name"], form.login input[name="password"][type="password"]').length`); n != 2 {
			t.Fatalf("the sign-in form has %d of the name and password inputs", n)
		}
		amina.login(t, "amina")
		if h1 := evalJS[string](t, amina, `document.querySelector("main h1").textContent`); !strings.Contains(h1, msgs.T("en", "console.queue.title", nil)) {
			t.Errorf("the queue's heading reads %q", h1)
		}
		// Bruno's browser context has no cookie of Amina's: the console sends him to
		// sign in.
		if c := amina.sessionCookie(t); c == "" {
			t.Fatal("no session cookie after signing in")
		}
		if c := bruno.sessionCookie(t); c != "" {
			t.Fatal("the second browser context shares the first one's session cookie")
		}
		if resp := bruno.open(t, "/queue"); !strings.HasSuffix(resp.URL, "/login") {
			t.Fatalf("without signing in, /queue ended at %s", resp.URL)
		}
	}) {
		t.FailNow()
	}

	if !t.Run("NewEscalationAppearsLive", func(t *testing.T) {
		amina.open(t, "/queue")
		if n := evalJS[int](t, amina, `document.querySelectorAll("#queue-rows tr[data-id]").length`); n != 0 {
			t.Fatalf("the queue starts with %d rows", n)
		}
		amina.waitStream(t)
		amina.mark(t)
		question := "how do i get the health card"
		esc = askForPerson(t, inst, tg, chat, "en", question)
		rows := waitJS[[][]string](t, amina, "the escalation shows in the queue", markedJS+` && (() => { const r = `+queueRowsJS+`; return r.length ? r : null })()`)
		if len(rows) != 1 || rows[0][0] != esc.ID || !strings.Contains(rows[0][5], question) || rows[0][2] != "English" {
			t.Fatalf("queue rows = %q; want escalation %s in English asking %q", rows, esc.ID, question)
		}

		// A change made while the page's stream is still connecting (or reconnecting)
		// shows too: hold the page's request for the stream, have someone write an
		// urgent message, then let the stream through.
		paused := make(chan fetch.RequestID, 1)
		amina.step(t, "intercept the stream", func(ctx context.Context) error {
			events := chromedp.Events(amina.ctx, fetch.RequestPaused)
			go func() {
				for ev, err := range events {
					if err != nil {
						return
					}
					paused <- ev.RequestID
					return
				}
			}()
			_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/events?topic=queue*"}}})
			return err
		})
		amina.open(t, "/queue")
		amina.mark(t)
		var held fetch.RequestID
		select {
		case held = <-paused:
		case <-time.After(browserTimeout):
			t.Fatal("the queue page opened no stream")
		}
		const urgentChat = 4102
		tg.PushUpdate(telegramtest.Text(urgentChat, "en", "help he is hitting me now, i am locked in the bathroom with my kids"))
		urgent := escalationOf(t, inst, urgentChat)
		if !urgent.Urgent {
			t.Fatalf("escalation %+v is not urgent", urgent)
		}
		amina.step(t, "let the stream through", func(ctx context.Context) error {
			if _, err := chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: held}); err != nil {
				return err
			}
			_, err := chromedp.Call(ctx, fetch.Disable, cdp.Empty{})
			return err
		})
		rows = waitJS[[][]string](t, amina, "the urgent escalation shows in the queue", markedJS+` && (() => { const r = `+queueRowsJS+`; return r.length === 2 ? r : null })()`)
		if rows[0][0] != urgent.ID || rows[0][1] != msgs.T("en", "console.col.urgent", nil) || rows[1][0] != esc.ID {
			t.Fatalf("queue rows = %q; want the urgent escalation %s first, markedJS urgent", rows, urgent.ID)
		}
	}) {
		t.FailNow()
	}

	if !t.Run("ClaimAndReply", func(t *testing.T) {
		amina.open(t, "/escalations/"+esc.ID)
		resp := amina.submit(t, "claim", chromedp.Click(chromedp.ID("claim")))
		if resp.Status != http.StatusOK {
			t.Fatalf("claiming led to HTTP %d", resp.Status)
		}
		if by := storedEscalation(t, inst, esc.ID).Lease.By; by != "amina" {
			t.Fatalf("claimed by %q, want amina", by)
		}
		state := evalJS[string](t, amina, `document.getElementById("claim-state").textContent`)
		if want := msgs.T("en", "console.esc.claimed_by", map[string]any{"Name": "amina"}); state != want {
			t.Errorf("claim state reads %q, want %q", state, want)
		}

		// Hold Telegram, so the page shows the answer on its way, then sent.
		sentBefore := len(toChat(tg.Sent(), chat))
		tg.HoldSends()
		defer tg.ReleaseSends()
		amina.do(t, "write the reply", chromedp.SendKeys(chromedp.ID("reply-text"), reply))
		amina.submit(t, "send the reply", chromedp.Click(chromedp.CSS(`#reply-form button`)))
		amina.mark(t)
		lastTurn := `(() => { const ts = document.querySelectorAll("#transcript li.turn.moderator"); const t = ts[ts.length - 1]; const d = t && t.querySelector(".delivery"); return t && d ? {text: t.querySelector(".text").textContent, meta: t.querySelector(".meta").textContent, delivery: d.className, label: d.textContent} : null })()`
		type turnView struct {
			Text     string `json:"text"`
			Meta     string `json:"meta"`
			Delivery string `json:"delivery"`
			Label    string `json:"label"`
		}
		turn := evalJS[turnView](t, amina, lastTurn)
		if turn.Text != reply || !strings.Contains(turn.Meta, "amina") || turn.Delivery != "delivery queued" || turn.Label != msgs.T("en", "console.delivery.queued", nil) {
			t.Fatalf("the moderator's turn shows %+v; want the reply by amina, %q", turn, msgs.T("en", "console.delivery.queued", nil))
		}
		amina.waitStream(t)
		tg.ReleaseSends()
		m, _ := waitFor(t, tg, chat, sentBefore, "with amina's reply", saying(reply))
		if !strings.Contains(visible(m), msgs.T("en", "moderator.reply", nil)) {
			t.Errorf("the person got %q, without the moderator's heading", visible(m))
		}
		turn = waitJS[turnView](t, amina, "the reply shows as sent", markedJS+` && (() => { const t = `+lastTurn+`; return t && t.delivery.includes("sent") ? t : null })()`)
		if turn.Delivery != "delivery sent" || turn.Label != msgs.T("en", "console.delivery.sent", nil) {
			t.Fatalf("the moderator's turn shows %+v; want %q", turn, msgs.T("en", "console.delivery.sent", nil))
		}
	}) {
		t.FailNow()
	}

	t.Run("SecondModeratorCannotClaim", func(t *testing.T) {
		bruno.login(t, "bruno")
		bruno.open(t, "/escalations/"+esc.ID)
		notice := evalJS[string](t, bruno, `[...document.querySelectorAll("main .notice")].map(n => n.textContent.trim()).join("\n")`)
		if want := msgs.T("en", "console.esc.claimed_other", map[string]any{"Name": "amina"}); notice != want {
			t.Errorf("Bruno's page says %q, want %q", notice, want)
		}
		if n := evalJS[int](t, bruno, `document.querySelectorAll("#claim, #reply-form").length`); n != 0 {
			t.Errorf("Bruno's page offers %d of the claim button and the reply form", n)
		}
		// Posting the claim anyway, with Bruno's own valid token, changes nothing.
		status := evalJS[int](t, bruno, `fetch("/escalations/`+esc.ID+`/claim", {method: "POST", headers: {"X-Requested-With": "fetch"},
			body: new URLSearchParams({csrf: document.querySelector('input[name="csrf"]').value})}).then(r => r.status)`)
		if status != http.StatusConflict {
			t.Errorf("Bruno's claim: HTTP %d, want %d", status, http.StatusConflict)
		}
		// And as a plain form, which lands on the page with the notice.
		page := evalJS[string](t, bruno, `fetch("/escalations/`+esc.ID+`/claim", {method: "POST",
			body: new URLSearchParams({csrf: document.querySelector('input[name="csrf"]').value})}).then(r => r.url)`)
		if !strings.HasSuffix(page, "/escalations/"+esc.ID+"?notice=claimed_other") {
			t.Errorf("Bruno's claim form led to %s", page)
		}
		if by := storedEscalation(t, inst, esc.ID).Lease.By; by != "amina" {
			t.Fatalf("after Bruno's attempts the escalation is claimed by %q, want amina", by)
		}
	})

	t.Run("PersonTextShownAsText", func(t *testing.T) {
		const payload = `<script>alert(1)</script><b>x</b>`
		amina.open(t, "/escalations/"+esc.ID)
		amina.waitStream(t)
		amina.mark(t)
		n := len(toChat(tg.Sent(), chat))
		tg.PushUpdate(telegramtest.Text(chat, "en", payload))
		waitFor(t, tg, chat, n, "acknowledging", func(telegramtest.SentMessage) bool { return true })
		const personTexts = `[...document.querySelectorAll("#transcript li.turn.person .text")].map(e => e.textContent)`
		check := func(how string) {
			texts := waitJS[[]string](t, amina, "the message shows "+how, `(() => { const ts = `+personTexts+`; return ts.includes(`+strconv.Quote(payload)+`) ? ts : null })()`)
			if !slices.Contains(texts, payload) {
				t.Fatalf("person turns %q", texts)
			}
			if n := evalJS[int](t, amina, `document.querySelectorAll("#transcript script, #transcript b").length`); n != 0 {
				t.Errorf("%s: the transcript holds %d script or b elements made from the person's text", how, n)
			}
		}
		check("live")
		if !evalJS[bool](t, amina, markedJS) {
			t.Error("the page reloaded instead of updating live")
		}
		amina.open(t, "/escalations/"+esc.ID)
		check("after a reload")
		if d := amina.Dialogs(); len(d) != 0 {
			t.Errorf("dialogs opened: %q", d)
		}
	})

	t.Run("ForgedRequestsRefused", func(t *testing.T) {
		amina.open(t, "/escalations/"+esc.ID)
		before := noteTexts(t, inst, esc.ID)
		type result struct {
			Status int    `json:"status"`
			Text   string `json:"text"`
		}
		// From the signed-in browser, without the token.
		r := evalJS[result](t, amina, `fetch("/escalations/`+esc.ID+`/note", {method: "POST", body: new URLSearchParams({text: "x"})}).then(async r => ({status: r.status, text: await r.text()}))`)
		if r.Status != http.StatusForbidden || !strings.Contains(r.Text, msgs.T("en", "console.error.csrf", nil)) {
			t.Errorf("a note without the token: HTTP %d %q; want 403 with %q", r.Status, r.Text, msgs.T("en", "console.error.csrf", nil))
		}
		if got := noteTexts(t, inst, esc.ID); !slices.Equal(got, before) {
			t.Errorf("notes went from %q to %q", before, got)
		}
		// The same with the token is taken: the refusal was the token's.
		r = evalJS[result](t, amina, `fetch("/escalations/`+esc.ID+`/note", {method: "POST", body: new URLSearchParams({text: "with the token", csrf: document.querySelector('input[name="csrf"]').value})}).then(async r => ({status: r.status, text: ""}))`)
		if got := noteTexts(t, inst, esc.ID); r.Status != http.StatusOK || !slices.Contains(got, "with the token") {
			t.Fatalf("a note with the token: HTTP %d, notes %q", r.Status, got)
		}

		// From another site, with Amina's cookie and a valid token: refused by the
		// cross-origin protection. The same request from the console's own origin
		// passes.
		cookie, token := amina.sessionCookie(t), amina.csrf(t)
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		post := func(text string, crossSite bool) int {
			form := url.Values{"csrf": {token}, "text": {text}}
			req, _ := http.NewRequest(http.MethodPost, inst.url+"/escalations/"+esc.ID+"/note", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: console.SessionCookie, Value: cookie})
			if crossSite {
				req.Header.Set("Origin", "https://evil.example")
				req.Header.Set("Sec-Fetch-Site", "cross-site")
			} else {
				req.Header.Set("Origin", inst.url)
				req.Header.Set("Sec-Fetch-Site", "same-origin")
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		if st := post("from evil.example", true); st != http.StatusForbidden {
			t.Errorf("a cross-site note: HTTP %d, want 403", st)
		}
		if got := noteTexts(t, inst, esc.ID); slices.Contains(got, "from evil.example") {
			t.Errorf("the cross-site note was added: %q", got)
		}
		if st := post("same origin", false); st != http.StatusSeeOther || !slices.Contains(noteTexts(t, inst, esc.ID), "same origin") {
			t.Errorf("the same note from the console's origin: HTTP %d, notes %q", st, noteTexts(t, inst, esc.ID))
		}
	})

	t.Run("ArabicIsRightToLeft", func(t *testing.T) {
		amina.open(t, "/queue")
		switchTo := func(lang string) {
			resp := amina.submit(t, "choose "+lang, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("ui-lang"); s.value = `+strconv.Quote(lang)+`; s.dispatchEvent(new Event("change")); })()`))
			if !strings.HasSuffix(resp.URL, "/queue") {
				t.Fatalf("choosing %s led to %s", lang, resp.URL)
			}
		}
		switchTo("ar")
		type layout struct {
			Dir, Lang, TableDir, H1 string
			BrandRight              bool
		}
		const read = `({Dir: document.documentElement.dir, Lang: document.documentElement.lang,
			TableDir: getComputedStyle(document.querySelector("table.queue")).direction,
			H1: document.querySelector("main h1").textContent,
			BrandRight: document.querySelector(".brand").getBoundingClientRect().left > innerWidth / 2})`
		l := evalJS[layout](t, amina, read)
		if l.Dir != "rtl" || l.Lang != "ar" || l.TableDir != "rtl" || !l.BrandRight || !strings.Contains(l.H1, msgs.T("ar", "console.queue.title", nil)) {
			t.Errorf("the Arabic queue: %+v; want right to left, in Arabic, the brand on the right", l)
		}
		switchTo("en")
		if l := evalJS[layout](t, amina, read); l.Dir != "ltr" || l.Lang != "en" || l.TableDir != "ltr" || l.BrandRight {
			t.Errorf("back in English: %+v", l)
		}
	})

	// On a phone nothing sticks out sideways, in either direction: the escalation
	// page with its reply form (a long article title once widened it), and the queue,
	// whose table scrolls inside its own frame.
	t.Run("PhoneWidthFits", func(t *testing.T) {
		amina.do(t, "emulate a phone", chromedp.EmulateViewport(412, 915))
		defer amina.do(t, "back to the desktop", chromedp.ResetViewport())
		for _, lang := range []string{"ar", "en"} {
			amina.open(t, "/queue")
			amina.submit(t, "choose "+lang, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("ui-lang"); s.value = `+strconv.Quote(lang)+`; s.dispatchEvent(new Event("change")); })()`))
			for _, path := range []string{"/queue", "/escalations/" + esc.ID} {
				amina.open(t, path)
				if evalJS[int](t, amina, `document.querySelectorAll("#reply-form select").length`) == 0 && path != "/queue" {
					t.Fatalf("%s: no reply form with its lists", path)
				}
				if over := evalJS[int](t, amina, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
					t.Errorf("%s in %s is %d px wider than a 412 px screen", path, lang, over)
				}
			}
		}
	})

	t.Run("AuditIsForAdmins", func(t *testing.T) {
		resp := amina.open(t, "/audit")
		if resp.Status != http.StatusForbidden {
			t.Errorf("a moderator opening /audit: HTTP %d, want 403", resp.Status)
		}
		if msg := evalJS[string](t, amina, `(document.querySelector("main .error") || {}).textContent || ""`); msg != msgs.T("en", "console.error.forbidden", nil) {
			t.Errorf("a moderator's /audit says %q", msg)
		}
		if n := evalJS[int](t, amina, `document.querySelectorAll('a[href="/audit"], main table').length`); n != 0 {
			t.Errorf("a moderator sees the audit log or a link to it (%d elements)", n)
		}

		carla := b.tab(t, "carla")
		carla.login(t, "carla")
		if n := evalJS[int](t, carla, `document.querySelectorAll('header a[href="/audit"]').length`); n != 1 {
			t.Errorf("the admin's header has %d links to the audit log", n)
		}
		if resp := carla.open(t, "/audit"); resp.Status != http.StatusOK {
			t.Fatalf("the admin opening /audit: HTTP %d", resp.Status)
		}
		rows := evalJS[[][]string](t, carla, `[...document.querySelectorAll("main table tbody tr")].map(r => [...r.cells].map(c => c.textContent.trim()))`)
		has := func(who, action, target string) bool {
			return slices.ContainsFunc(rows, func(r []string) bool {
				return len(r) >= 4 && r[1] == who && r[2] == action && r[3] == target
			})
		}
		for _, want := range [][3]string{{"amina", "login", ""}, {"amina", "claim", esc.ID}, {"amina", "reply", esc.ID}, {"amina", "note", esc.ID}, {"bruno", "login", ""}} {
			if !has(want[0], want[1], want[2]) {
				t.Errorf("the audit log lacks %s %s %s", want[0], want[1], want[2])
			}
		}
		if has("bruno", "claim", esc.ID) {
			t.Error("the audit log records a claim by Bruno, whose claims were refused")
		}
		if t.Failed() {
			t.Logf("audit rows: %q", rows)
		}
		for _, r := range rows {
			if strings.Contains(strings.Join(r, " "), reply) {
				t.Errorf("the audit log holds a moderator's answer: %q", r)
			}
		}
	})
}

// Screenshots of the console for the documentation, taken only when
// SPORTELLO_SCREENSHOTS names a directory: the queue and one escalation, in English
// and in Arabic, at a desktop width and at a phone's.
func TestConsoleScreenshots(t *testing.T) {
	dir := os.Getenv("SPORTELLO_SCREENSHOTS")
	if dir == "" {
		t.Skip("set SPORTELLO_SCREENSHOTS to a directory to take the console's screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, redisEnv(t, serveEnv(t, tg)), nil)
	a := inst.s.a
	addAccounts(t, inst, map[string]console.Role{"amina": console.RoleModerator})

	// People write in four languages; one is in danger.
	tg.PushUpdate(telegramtest.Text(5101, "en", "Please help, he is hitting me now and I am locked in the bathroom with my kids"))
	urgent := escalationOf(t, inst, 5101)
	ar := askForPerson(t, inst, tg, 5102, "ar", "رفضت اللجنة طلب اللجوء الخاص بي وعندي ثلاثون يوما للطعن. هل يمكنني الحصول على محام مجاني؟")
	fa := askForPerson(t, inst, tg, 5103, "fa", "سلام، من از افغانستان آمده‌ام و می‌خواهم درخواست پناهندگی بدهم اما مدارکم در راه گم شده است")
	fr := askForPerson(t, inst, tg, 5104, "fr", "Bonjour, mon permis de séjour expire dans deux semaines et je n'ai toujours pas de rendez-vous à la questure. Que dois-je faire ?")
	// Another moderator has taken the French one.
	if _, err := a.stores.escalations.Claim(t.Context(), fr.ID, "bruno", console.ClaimTTL); err != nil {
		t.Fatal(err)
	}
	t.Logf("escalations: urgent %s, ar %s, fa %s, fr %s", urgent.ID, ar.ID, fa.ID, fr.ID)

	b := newBrowser(t, inst.url)
	amina := b.tab(t, "amina")
	amina.login(t, "amina")

	// Amina answers the Arabic escalation and leaves a note for the team; the person
	// thanks her.
	amina.open(t, "/escalations/"+ar.ID)
	amina.submit(t, "claim", chromedp.Click(chromedp.ID("claim")))
	answer := "مرحبا، أنا أمينة من سبورتيلو. نعم، يحق لك الحصول على محام مجاني (المساعدة القانونية المجانية) للطعن في القرار. يمكنك التوجه إلى مكتب المساعدة القانونية في المحكمة، ويمكننا مساعدتك في حجز موعد هذا الأسبوع."
	n := len(toChat(tg.Sent(), 5102))
	amina.do(t, "write the reply", chromedp.SendKeys(chromedp.ID("reply-text"), answer))
	amina.submit(t, "send the reply", chromedp.Click(chromedp.CSS(`#reply-form button`)))
	waitFor(t, tg, 5102, n, "with Amina's answer", saying(answer))
	amina.do(t, "write a note", chromedp.SendKeys(chromedp.ID("note-text"), "Appeal deadline in 30 days. Ask Luca at the legal aid desk about a free lawyer."))
	amina.submit(t, "add the note", chromedp.Click(chromedp.CSS(`form.note button`)))
	n = len(toChat(tg.Sent(), 5102))
	tg.PushUpdate(telegramtest.Text(5102, "ar", "شكرا جزيلا، سأذهب غدا صباحا"))
	waitFor(t, tg, 5102, n, "acknowledging", saying(a.msgs.T("ar", "escalation.added", nil)))

	shoot := func(name string, width, height int64, path string) {
		t.Helper()
		amina.do(t, "set the viewport", chromedp.EmulateViewport(width, height))
		amina.open(t, path)
		if strings.HasPrefix(path, "/escalations/") {
			waitJS[bool](t, amina, "the reply shows as sent", `!!document.querySelector("#transcript .delivery.sent") && [...document.querySelectorAll("#transcript li.turn.person")].length >= 2`)
		}
		// Nothing may stick out sideways on a phone.
		if over := evalJS[int](t, amina, `document.documentElement.scrollWidth - innerWidth`); over > 0 {
			t.Errorf("%s: the page is %d px wider than the screen", name, over)
		}
		// The whole page, by making the screen as tall as the page: Chromium's own
		// full-page capture shifts a right-to-left page that fits the screen.
		if h := evalJS[int64](t, amina, `document.documentElement.scrollHeight`); h > height {
			amina.do(t, "fit the viewport to the page", chromedp.EmulateViewport(width, h))
		}
		var png []byte
		amina.step(t, "screenshot "+name, func(ctx context.Context) (err error) {
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
			return err
		})
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d KB", name, len(png)/1024)
	}
	for _, lang := range []string{"en", "ar"} {
		amina.open(t, "/queue")
		amina.submit(t, "choose "+lang, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const s = document.getElementById("ui-lang"); s.value = %q; s.dispatchEvent(new Event("change")); })()`, lang)))
		shoot("console-queue-"+lang+".png", 1280, 800, "/queue")
		shoot("console-queue-"+lang+"-mobile.png", 412, 915, "/queue")
		shoot("console-escalation-"+lang+".png", 1280, 800, "/escalations/"+ar.ID)
		shoot("console-escalation-"+lang+"-mobile.png", 412, 915, "/escalations/"+ar.ID)
	}
}
