package console

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"sportello/bot"
	"sportello/content"
	"sportello/locales"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Deps are what the console needs from the rest of Sportello.
type Deps struct {
	Accounts    Accounts
	Escalations bot.Escalations
	Outbox      bot.Outbox
	Relay       *bot.Relay // sends moderators' answers and closing messages
	Articles    *content.Base
	Messages    *locales.Bundle
	// Channels, if set, reports the state of each channel, shown to admins.
	Channels func() []ChannelState
	Log      *slog.Logger
	Clock    bot.Clock
}

// ChannelState is how a channel is doing, as admins see it.
type ChannelState struct {
	Name, Status, Reason string
	Since                time.Time
}

// Timings of the console.
const (
	// SessionTTL is how long a sign-in lasts.
	SessionTTL = 12 * time.Hour
	// ClaimTTL is how long a claim lasts without the page renewing it: a moderator who
	// closes the page or loses the network leaves the escalation to others after it.
	ClaimTTL = 2 * time.Minute
	// RenewEvery is how often an open escalation page renews its claim.
	RenewEvery = 30 * time.Second
	// pollEvery is how often live pages look for changes in the store.
	pollEvery = time.Second
)

// Server is the console's HTTP handler.
type Server struct {
	Deps
	pages    map[string]*template.Template
	handler  http.Handler
	limiter  *loginLimiter
	nowFn    func() time.Time
	articles []articleRef
	done     chan struct{} // closed by Shutdown: live streams end
	stopOnce sync.Once
}

// Shutdown ends the live event streams, so an HTTP server's graceful shutdown does
// not wait for browsers to go away. Register it with http.Server.RegisterOnShutdown.
func (s *Server) Shutdown() { s.stopOnce.Do(func() { close(s.done) }) }

type articleRef struct{ Slug, Category string }

// New returns the console.
func New(deps Deps) (*Server, error) {
	if deps.Accounts == nil || deps.Escalations == nil || deps.Outbox == nil || deps.Relay == nil ||
		deps.Articles == nil || deps.Messages == nil {
		return nil, errors.New("console: missing dependency")
	}
	if deps.Log == nil {
		deps.Log = slog.Default()
	}
	if deps.Clock == nil {
		deps.Clock = bot.SystemClock{}
	}
	s := &Server{Deps: deps, limiter: newLoginLimiter(), done: make(chan struct{})}
	s.nowFn = deps.Clock.Now
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	for _, slug := range deps.Articles.Slugs() {
		s.articles = append(s.articles, articleRef{Slug: slug})
	}
	s.handler = s.routes()
	return s, nil
}

func (s *Server) parseTemplates() error {
	s.pages = map[string]*template.Template{}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return fmt.Errorf("console templates: %w", err)
	}
	entries, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := strings.TrimSuffix(strings.TrimPrefix(e, "templates/"), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(templateFiles, e)
		}
		if err != nil {
			return fmt.Errorf("console template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	// The parts of pages that live pages fetch again are defined in partials.html,
	// not in files of their own.
	for _, name := range fragments {
		if base.Lookup(name) == nil {
			return fmt.Errorf("console templates: no fragment %s", name)
		}
		s.pages[name] = base
	}
	return nil
}

// fragments are the templates of partials.html served alone: the queue's rows and
// an escalation's transcript.
var fragments = []string{"queue_rows", "transcript"}

// ServeHTTP serves the console.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFiles, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.Handle("POST /logout", s.authed(RoleModerator, s.logout))
	mux.Handle("POST /lang", s.authed(RoleModerator, s.setLang))
	mux.Handle("GET /{$}", s.authed(RoleModerator, func(w http.ResponseWriter, r *http.Request, _ *request) {
		http.Redirect(w, r, "/queue", http.StatusSeeOther)
	}))
	mux.Handle("GET /queue", s.authed(RoleModerator, s.queuePage))
	mux.Handle("GET /queue/rows", s.authed(RoleModerator, s.queueRows))
	mux.Handle("GET /events", s.authed(RoleModerator, s.events))
	mux.Handle("GET /escalations/{id}", s.authed(RoleModerator, s.escalationPage))
	mux.Handle("GET /escalations/{id}/transcript", s.authed(RoleModerator, s.transcript))
	mux.Handle("POST /escalations/{id}/claim", s.authed(RoleModerator, s.claim))
	mux.Handle("POST /escalations/{id}/renew", s.authed(RoleModerator, s.renew))
	mux.Handle("POST /escalations/{id}/release", s.authed(RoleModerator, s.release))
	mux.Handle("POST /escalations/{id}/reply", s.authed(RoleModerator, s.reply))
	mux.Handle("POST /escalations/{id}/note", s.authed(RoleModerator, s.note))
	mux.Handle("POST /escalations/{id}/resolve", s.authed(RoleModerator, s.resolve))
	mux.Handle("GET /audit", s.authed(RoleAdmin, s.auditPage))
	return securityHeaders(http.NewCrossOriginProtection().Handler(mux))
}

// securityHeaders forbid framing, sniffing and any script or style not served by the
// console itself.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// request is what a handler knows about the signed-in moderator.
type request struct {
	user    User
	session Session
	lang    string
}

// T translates a console message into the moderator's language.
func (q *request) T(s *Server, id string, data map[string]any) string {
	return s.Messages.T(q.lang, id, data)
}

// page is the data every page template gets.
type page struct {
	s       *Server
	Lang    string
	Dir     string
	User    string
	Role    Role
	IsAdmin bool
	CSRF    string
	Title   string
	Langs   []langChoice
	Error   string
	Data    any
}

type langChoice struct {
	Code, Name string
	Current    bool
}

// T translates id for the page's language; used in templates as {{.T "id"}}.
func (p *page) T(id string, args ...any) string {
	var data map[string]any
	if len(args) >= 2 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			if k, ok := args[i].(string); ok {
				data[k] = args[i+1]
			}
		}
	}
	return p.s.Messages.T(p.Lang, id, data)
}

// TN translates a message with plural forms.
func (p *page) TN(id string, n int) string {
	return p.s.Messages.TN(p.Lang, id, n, map[string]any{"Count": n})
}

func (s *Server) newPage(q *request, title string, data any) *page {
	p := &page{s: s, Lang: locales.English, Dir: "ltr", Title: title, Data: data}
	if q != nil {
		p.Lang, p.User, p.Role, p.CSRF = q.lang, q.user.Name, q.user.Role, q.session.CSRF
		p.IsAdmin = q.user.Role.AtLeast(RoleAdmin)
	}
	p.Dir = locales.Dir(p.Lang)
	for _, l := range locales.ConsoleLanguages {
		p.Langs = append(p.Langs, langChoice{Code: l, Name: consoleLangNames[l], Current: l == p.Lang})
	}
	return p
}

func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	t := s.pages[name]
	if t == nil {
		s.Log.Error("console: no template", slog.String("name", name))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, p); err != nil {
		s.Log.Error("console: render", slog.String("page", name), slog.String("error", err.Error()))
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

// fail shows an error page in the moderator's language.
func (s *Server) fail(w http.ResponseWriter, q *request, status int, msgID string) {
	p := s.newPage(q, "", nil)
	p.Error = p.T(msgID)
	s.render(w, status, "error", p)
}

func (s *Server) audit(ctx context.Context, q *request, action, target, detail string) {
	err := s.Accounts.Audit(ctx, AuditEntry{At: s.nowFn(), Actor: q.user.Name, Action: action, Target: target, Detail: detail})
	if err != nil {
		s.Log.Error("console: audit entry not written", slog.String("action", action), slog.String("error", err.Error()))
	}
}

// consoleLangNames name the console languages in themselves; Italian is not a
// language people write to the bot in, so locales.Name does not know it.
var consoleLangNames = map[string]string{"en": "English", "it": "Italiano", "fr": "Français", "ar": "العربية"}

var funcs = template.FuncMap{
	"dirOf": locales.Dir,
}
