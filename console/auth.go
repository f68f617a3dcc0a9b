package console

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/time/rate"

	"sportello/bot"
	"sportello/locales"
)

// SessionCookie names the cookie that holds a session's token.
const SessionCookie = "sportello_session"

// MinPasswordLen is the shortest password an account may have.
const MinPasswordLen = 12

// bcryptCost makes one password check take a noticeable fraction of a second.
const bcryptCost = 12

// HashPassword returns the bcrypt hash of a password of MinPasswordLen to 72 bytes.
func HashPassword(password string) ([]byte, error) {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return nil, fmt.Errorf("the password must have at least %d characters", MinPasswordLen)
	}
	if len(password) > 72 {
		return nil, errors.New("the password must have at most 72 bytes")
	}
	return bcrypt.GenerateFromPassword([]byte(password), bcryptCost)
}

// dummyHash is checked against when the account does not exist, so a wrong name
// takes as long as a wrong password. It is made on first use, not at start-up.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("sportello-no-such-account"), bcryptCost)
	return h
})

// loginLimiter slows guessing: per address and per account name, five failed
// sign-ins at once and then one every twelve seconds. Successful ones are not counted.
type loginLimiter struct {
	mu   sync.Mutex
	keys map[string]*limitEntry
}

type limitEntry struct {
	lim  *rate.Limiter
	used time.Time
}

func newLoginLimiter() *loginLimiter { return &loginLimiter{keys: map[string]*limitEntry{}} }

func (l *loginLimiter) entry(key string, now time.Time) *limitEntry {
	if len(l.keys) > 10000 {
		for k, e := range l.keys {
			if now.Sub(e.used) > 10*time.Minute {
				delete(l.keys, k)
			}
		}
	}
	e := l.keys[key]
	if e == nil {
		e = &limitEntry{lim: rate.NewLimiter(rate.Every(12*time.Second), 5)}
		l.keys[key] = e
	}
	e.used = now
	return e
}

// blocked reports whether any of keys has used up its failed attempts.
func (l *loginLimiter) blocked(keys ...string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	for _, k := range keys {
		if l.entry(k, now).lim.TokensAt(now) < 1 {
			return true
		}
	}
	return false
}

// failed counts a failed attempt against each of keys.
func (l *loginLimiter) failed(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	for _, k := range keys {
		l.entry(k, now).lim.AllowN(now, 1)
	}
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// secure reports whether the console is reached over TLS, directly or through a
// proxy that says so.
func secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// consoleLang picks the console language from the browser's preferences.
func consoleLang(r *http.Request) string {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if slices.Contains(locales.ConsoleLanguages, base) {
			return base
		}
	}
	return locales.English
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(nil, "", nil)
	p.Lang = consoleLang(r)
	p.Dir = locales.Dir(p.Lang)
	s.render(w, http.StatusOK, "login", p)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	lang := consoleLang(r)
	p := s.newPage(nil, "", nil)
	p.Lang, p.Dir = lang, locales.Dir(lang)
	name := strings.TrimSpace(r.PostFormValue("name"))
	password := r.PostFormValue("password")
	keys := []string{"addr:" + clientAddr(r), "name:" + strings.ToLower(name)}
	if s.limiter.blocked(keys...) {
		s.Log.Warn("console: sign-in throttled")
		p.Error = p.T("console.login.throttled")
		s.render(w, http.StatusTooManyRequests, "login", p)
		return
	}
	u, err := s.Accounts.GetUser(r.Context(), name)
	hash := u.PasswordHash
	if err != nil {
		hash = dummyHash()
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || err != nil {
		if err != nil && !errors.Is(err, bot.ErrNotFound) {
			s.Log.Error("console: sign-in", slog.String("error", err.Error()))
		}
		s.limiter.failed(keys...)
		s.Log.Info("console: sign-in refused")
		p.Error = p.T("console.login.failed")
		s.render(w, http.StatusUnauthorized, "login", p)
		return
	}
	token := randomToken()
	now := s.nowFn()
	sess := Session{ID: sessionID(token), User: u.Name, CSRF: randomToken(), Lang: lang, CreatedAt: now, Expires: now.Add(SessionTTL)}
	if err := s.Accounts.CreateSession(r.Context(), sess); err != nil {
		s.Log.Error("console: session not stored", slog.String("error", err.Error()))
		p.Error = p.T("console.error.generic")
		s.render(w, http.StatusServiceUnavailable, "login", p)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: token, Path: "/", Expires: sess.Expires,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteLaxMode,
	})
	s.audit(r.Context(), &request{user: u}, "login", "", "")
	http.Redirect(w, r, "/queue", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, q *request) {
	if err := s.Accounts.DeleteSession(r.Context(), q.session.ID); err != nil {
		s.Log.Error("console: sign-out", slog.String("error", err.Error()))
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteLaxMode})
	s.audit(r.Context(), q, "logout", "", "")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// setLang changes the console language of the session.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request, q *request) {
	lang := r.PostFormValue("lang")
	if slices.Contains(locales.ConsoleLanguages, lang) {
		q.session.Lang = lang
		if err := s.Accounts.CreateSession(r.Context(), q.session); err != nil {
			s.fail(w, q, http.StatusServiceUnavailable, "console.error.generic")
			return
		}
	}
	back := r.Referer()
	if back == "" || !strings.HasPrefix(back, "http://"+r.Host+"/") && !strings.HasPrefix(back, "https://"+r.Host+"/") {
		back = "/queue"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

type handler func(http.ResponseWriter, *http.Request, *request)

// authed lets a request through only with a live session of an account of at least
// role min, and, for a state change, the session's anti-forgery token (the form field
// csrf or the header X-CSRF-Token).
func (s *Server) authed(min Role, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q, ok := s.session(r)
		if !ok {
			if r.Method == http.MethodGet && r.Header.Get("Accept") != "text/event-stream" && !strings.HasSuffix(r.URL.Path, "/rows") && !strings.HasSuffix(r.URL.Path, "/transcript") {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			http.Error(w, "sign in first", http.StatusUnauthorized)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			token := r.Header.Get("X-CSRF-Token")
			if token == "" {
				token = r.PostFormValue("csrf")
			}
			if subtle.ConstantTimeCompare([]byte(token), []byte(q.session.CSRF)) != 1 {
				s.Log.Warn("console: state change without a valid anti-forgery token refused", slog.String("path", r.URL.Path))
				s.fail(w, q, http.StatusForbidden, "console.error.csrf")
				return
			}
		}
		if !q.user.Role.AtLeast(min) {
			s.Log.Warn("console: page refused to role", slog.String("path", r.URL.Path), slog.String("role", string(q.user.Role)))
			s.fail(w, q, http.StatusForbidden, "console.error.forbidden")
			return
		}
		h(w, r, q)
	})
}

func (s *Server) session(r *http.Request) (*request, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, false
	}
	sess, err := s.Accounts.GetSession(r.Context(), sessionID(c.Value))
	if err != nil {
		if !errors.Is(err, bot.ErrNotFound) {
			s.Log.Error("console: session", slog.String("error", err.Error()))
		}
		return nil, false
	}
	u, err := s.Accounts.GetUser(r.Context(), sess.User)
	if err != nil {
		return nil, false
	}
	lang := sess.Lang
	if !slices.Contains(locales.ConsoleLanguages, lang) {
		lang = locales.English
	}
	return &request{user: u, session: sess, lang: lang}, true
}
