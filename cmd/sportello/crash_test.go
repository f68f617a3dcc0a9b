package main

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"sportello/bot/telegram/telegramtest"
)

// A script is what people send, in order; chats are numbered from 1.
type script []struct {
	chat       int64
	lang, text string
}

// crashScript has ten people writing three messages each, in six languages, with
// answers, typed options, an offer of a person and an urgent message.
var crashScript = func() script {
	people := [][]string{
		{"en", "how do i get the health card", "1", "thank you"},
		{"fr", "comment demander l'asile en Italie", "2", "merci"},
		{"fa", "چطور کارت صحی بگیرم", "1", "/help"},
		{"ps", "زه څنګه پناه غوښتنه وکړم", "3", "/language"},
		{"ar", "كيف أجدد تصريح الإقامة", "1", "شكرا"},
		{"uk", "як отримати тимчасовий захист в Італії", "1", "дякую"},
		{"en", "who won the football match yesterday", "yes", "ok"},
		{"en", "my husband beats me and i am afraid", "help me", "/person"},
		{"fr", "je suis arrivé en bateau hier, que faire", "1", "/help"},
		{"ar", "أين أجد طبيبا بدون أوراق", "2", "/start"},
	}
	var s script
	for round := 1; round < 4; round++ {
		for i, p := range people {
			s = append(s, struct {
				chat       int64
				lang, text string
			}{int64(i + 1), p[0], p[round]})
		}
	}
	return s
}()

func (s script) push(tg *telegramtest.Server) {
	for _, m := range s {
		tg.PushUpdate(telegramtest.Text(m.chat, m.lang, m.text))
	}
}

// replies are the texts each chat received, in order.
func replies(tg *telegramtest.Server) map[int64][]string {
	out := map[int64][]string{}
	for _, m := range tg.Sent() {
		out[m.ChatID] = append(out[m.ChatID], visible(m))
	}
	return out
}

func count(r map[int64][]string) (n int) {
	for _, v := range r {
		n += len(v)
	}
	return n
}

var (
	referenceOnce    sync.Once
	referenceReplies map[int64][]string
)

// reference runs crashScript once through a serve that never fails and returns what
// each chat received.
func reference(t *testing.T) map[int64][]string {
	referenceOnce.Do(func() { referenceReplies = runScript(t, crashScript) })
	if referenceReplies == nil {
		t.Fatal("no reference run")
	}
	return referenceReplies
}

func runScript(t *testing.T, s script) map[int64][]string {
	tg := telegramtest.New(t, testToken)
	startServe(t, serveEnv(t, tg), nil)
	s.push(tg)
	want := 0
	for prev := -1; want != prev; {
		prev = want
		time.Sleep(1500 * time.Millisecond) // replies to one person leave about one a second
		want = count(replies(tg))
	}
	return replies(tg)
}

// proc is `sportello serve` in a process of its own: this test binary run again
// (see TestMain), so a test can kill it with SIGKILL.
type proc struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncBuffer
}

func startProcess(t *testing.T, env map[string]string) *proc {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SPORTELLO_TEST_SERVE=1", "SPORTELLO_HTTP_ADDR="+addr)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	p := &proc{cmd: cmd, url: "http://" + addr, stderr: &syncBuffer{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("process %d log:\n%s", cmd.Process.Pid, p.stderr.String())
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := p.health(); err == nil {
			return p
		}
		if time.Now().After(deadline) || cmd.ProcessState != nil {
			t.Fatalf("serve process did not start:\n%s", p.stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type health struct {
	Telegram struct {
		Owner bool `json:"owner"`
	} `json:"telegram"`
}

func (p *proc) health() (health, error) {
	var h health
	c := http.Client{Timeout: time.Second}
	resp, err := c.Get(p.url + "/healthz")
	if err != nil {
		return h, err
	}
	defer resp.Body.Close()
	return h, json.NewDecoder(resp.Body).Decode(&h)
}

// kill ends the process with SIGKILL: no clean-up, no lease released.
func (p *proc) kill() {
	if p.cmd.ProcessState == nil {
		_ = p.cmd.Process.Signal(syscall.SIGKILL)
		_ = p.cmd.Wait()
	}
}

// releaseAfterKill lets sends through again once the fake server has seen the
// killed process's held calls end unanswered; released earlier, they would count as
// delivered, as they would at Telegram.
func releaseAfterKill(t *testing.T, tg *telegramtest.Server) {
	t.Helper()
	waitUntil(t, "held sends to end with the process", 10*time.Second, func() bool { return tg.Holding() == 0 })
	tg.ReleaseSends()
}

// heads are the first words of each message, enough to tell them apart.
func heads(msgs []string) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		r := []rune(m)
		out[i] = string(r[:min(len(r), 40)])
	}
	return out
}

func waitUntil(t *testing.T, what string, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sameReplies checks that every chat received exactly what it receives when nothing
// fails: nothing lost, nothing twice, nothing out of order.
func sameReplies(t *testing.T, tg *telegramtest.Server, want map[int64][]string) {
	t.Helper()
	// What the killed process held is handed out again when its leases run out.
	waitUntil(t, "every reply", 90*time.Second, func() bool { return count(replies(tg)) >= count(want) })
	time.Sleep(2 * time.Second) // anything sent twice would arrive now
	got := replies(tg)
	for chat, w := range want {
		if !slices.Equal(got[chat], w) {
			t.Errorf("chat %d received %d messages, want %d:\n got %q\nwant %q", chat, len(got[chat]), len(w), heads(got[chat]), heads(w))
		}
	}
	if count(got) != count(want) {
		t.Errorf("%d messages sent, want %d", count(got), count(want))
	}
}

// Killed with SIGKILL while it stores and handles updates, and again with replies in
// flight, the restarted process answers every message exactly once.
//
// Each kill happens while sends are held unanswered by the fake server, and only once
// the replies sent before had time to be recorded: a process killed in the instant
// between Telegram accepting a message and the outbox recording it sends that message
// again on restart, and no client can avoid that (the Bot API has no idempotency key).
func TestTelegramCrashAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	want := reference(t)
	tg := telegramtest.New(t, testToken)
	env := serveEnv(t, tg)

	// First kill: at the first reply, while updates are still being stored and handled.
	tg.HoldSends()
	first := startProcess(t, env)
	crashScript.push(tg)
	waitUntil(t, "a first reply on its way", 30*time.Second, func() bool { return tg.Holding() > 0 })
	inFlight := tg.Holding()
	first.kill()
	t.Logf("first kill: %d of %d updates confirmed to Telegram, %d replies on their way, none delivered",
		tg.Confirmed()-1, len(crashScript), inFlight)
	releaseAfterKill(t, tg)

	// Second kill: a third of the replies delivered, the next ones in the middle of
	// the network call.
	second := startProcess(t, env)
	waitUntil(t, "more replies", 60*time.Second, func() bool { return len(tg.Sent()) >= count(want)/3 })
	tg.HoldSends()
	waitUntil(t, "a send in flight", 30*time.Second, func() bool { return tg.Holding() > 0 })
	time.Sleep(time.Second) // replies delivered before are recorded
	inFlight = tg.Holding()
	second.kill()
	t.Logf("second kill: %d replies delivered, %d in flight", len(tg.Sent()), inFlight)
	releaseAfterKill(t, tg)

	startProcess(t, env)
	sameReplies(t, tg, want)
}

// Two processes on one Redis: the owner of the Telegram lease is killed with SIGKILL;
// the other takes over polling and sending within seconds, and every message is
// answered exactly once.
func TestTelegramOwnerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	want := reference(t)
	tg := telegramtest.New(t, testToken)
	env := redisEnv(t, serveEnv(t, tg))
	procs := make([]*proc, 2)
	for i := range procs {
		e := map[string]string{}
		for k, v := range env {
			e[k] = v
		}
		e["SPORTELLO_DATA_DIR"] = t.TempDir()
		procs[i] = startProcess(t, e)
	}
	owner := func() int {
		for i, p := range procs {
			if h, err := p.health(); err == nil && h.Telegram.Owner {
				return i
			}
		}
		return -1
	}
	waitUntil(t, "an owner", 20*time.Second, func() bool { return owner() >= 0 })
	crashScript.push(tg)
	waitUntil(t, "some replies", 30*time.Second, func() bool { return len(tg.Sent()) >= count(want)/3 })
	tg.HoldSends() // see TestTelegramCrashAndRestart
	waitUntil(t, "a send in flight", 30*time.Second, func() bool { return tg.Holding() > 0 })
	time.Sleep(time.Second)
	dead := owner()
	procs[dead].kill()
	releaseAfterKill(t, tg)
	killed := time.Now()
	waitUntil(t, "the other process to take over", 20*time.Second, func() bool { return owner() == 1-dead })
	took := time.Since(killed)
	t.Logf("takeover %v after SIGKILL (lease %v)", took.Round(time.Millisecond), leaseTTL)
	if took > leaseTTL+leaseTTL/3+time.Second {
		t.Errorf("takeover took %v", took)
	}
	sameReplies(t, tg, want)
	if c := tg.Conflicts(); c != 0 {
		t.Errorf("%d overlapping getUpdates calls", c)
	}
}
