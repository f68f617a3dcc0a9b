package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"sportello/bot/telegram/telegramtest"
	"sportello/console"
)

// addAccount creates a console account on the instance's store.
func addAccount(t *testing.T, inst *instance, name string, role console.Role, password string) {
	t.Helper()
	hash, err := console.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if err := inst.s.a.stores.accounts.PutUser(t.Context(), console.User{Name: name, Role: role, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
}

// signIn posts the sign-in form and returns the response, not following redirects.
func signIn(t *testing.T, c *http.Client, base, name, password string, header http.Header) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(url.Values{"name": {name}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func noRedirects() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// The session cookie is HttpOnly and SameSite, and Secure when the console is reached
// over TLS (through a proxy that says so); wrong passwords and unknown names are
// refused alike; guessing is throttled; signing out ends the session.
func TestConsoleSignIn(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, serveEnv(t, tg), nil)
	addAccount(t, inst, "marta", console.RoleModerator, "a long enough passphrase")

	c := noRedirects()
	resp := signIn(t, c, inst.url, "marta", "a long enough passphrase", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/queue" {
		t.Fatalf("sign-in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == console.SessionCookie {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure {
		t.Fatalf("session cookie over plain HTTP: %+v", session)
	}
	tls := signIn(t, noRedirects(), inst.url, "marta", "a long enough passphrase", http.Header{"X-Forwarded-Proto": {"https"}})
	if ck := tls.Cookies(); len(ck) != 1 || !ck[0].Secure {
		t.Fatalf("session cookie behind TLS: %+v", ck)
	}
	page, err := c.Get(inst.url + "/queue")
	if err != nil || page.StatusCode != http.StatusOK {
		t.Fatalf("queue after sign-in: %v %v", page, err)
	}
	page.Body.Close()
	for _, h := range []string{"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"} {
		if page.Header.Get(h) == "" {
			t.Errorf("queue page without %s", h)
		}
	}

	// Signing out needs the form's token, and ends the session for good.
	csrf := csrfOf(t, c, inst.url+"/queue")
	out, _ := http.NewRequest(http.MethodPost, inst.url+"/logout", strings.NewReader("csrf="+url.QueryEscape(csrf)))
	out.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err := c.Do(out); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %v %v", resp, err)
	}
	replay := noRedirects()
	u, _ := url.Parse(inst.url)
	replay.Jar.SetCookies(u, []*http.Cookie{{Name: console.SessionCookie, Value: session.Value}})
	if resp, _ := replay.Get(inst.url + "/queue"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("an ended session still opens the queue: %d", resp.StatusCode)
	}

	// Wrong password and unknown account look the same; after five failures in a row
	// sign-ins are throttled (a slow machine may refill a try or two meanwhile).
	other := noRedirects()
	var codes []int
	for i := 0; i < 12 && (len(codes) == 0 || codes[len(codes)-1] != http.StatusTooManyRequests); i++ {
		name := []string{"marta", "nobody"}[i%2]
		codes = append(codes, signIn(t, other, inst.url, name, "wrong password!!", nil).StatusCode)
	}
	for i, c := range codes {
		if i < 5 && c != http.StatusUnauthorized || i == len(codes)-1 && c != http.StatusTooManyRequests {
			t.Fatalf("failed sign-ins answered %v: want 401 for the first five, then 429", codes)
		}
	}
	if resp := signIn(t, other, inst.url, "marta", "a long enough passphrase", nil); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password while throttled: %d, want 429", resp.StatusCode)
	}
	if strings.Contains(inst.logs.String(), "wrong password") || strings.Contains(inst.logs.String(), "passphrase") {
		t.Errorf("the log holds a password")
	}
}

// csrfOf reads the anti-forgery token from a page's forms.
func csrfOf(t *testing.T, c *http.Client, pageURL string) string {
	t.Helper()
	resp, err := c.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	_, rest, ok := strings.Cut(b.String(), `name="csrf" value="`)
	if !ok {
		t.Fatalf("no csrf field on %s", pageURL)
	}
	token, _, _ := strings.Cut(rest, `"`)
	return token
}

// Admins see how each channel is doing on the audit page.
func TestConsoleChannelStateForAdmins(t *testing.T) {
	tg := telegramtest.New(t, testToken)
	inst := startServe(t, serveEnv(t, tg), nil)
	addAccount(t, inst, "carla", console.RoleAdmin, "a long enough passphrase")
	c := noRedirects()
	signIn(t, c, inst.url, "carla", "a long enough passphrase", nil)
	resp, err := c.Get(inst.url + "/audit")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("audit page: %v %v", resp, err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 64<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	for _, want := range []string{"telegram", "polling", "whatsapp", "not_linked", "sportello whatsapp link"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the admins' page does not show %q", want)
		}
	}
}
