package console

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"sportello/bot"
	"sportello/locales"
)

// turnView is one message of a transcript as the console shows it. Text is always
// shown as text, never as HTML.
type turnView struct {
	Role, RoleLabel, Text, By, At, Delivery, DeliveryLabel string
}

// canned is a canned response in the person's language.
type canned struct{ ID, Label, Text string }

// articleLink is an article offered for linking, with the text inserted.
type articleLink struct{ Slug, Title, Insert string }

type escalationData struct {
	ID, Lang, LangName, LangDir, Channel, Reason, Status, StatusLabel, Age string
	Urgent, Resolved, Mine, ClaimedByOther                                 bool
	ClaimedBy                                                              string
	Transcript                                                             []turnView
	Canned                                                                 []canned
	Articles                                                               []articleLink
	RenewSeconds                                                           int
	LiveTopic                                                              string
	Notice                                                                 string
}

func (s *Server) loadEscalation(w http.ResponseWriter, r *http.Request, q *request) (*bot.Escalation, bool) {
	e, err := s.Escalations.GetEscalation(r.Context(), r.PathValue("id"))
	switch {
	case errors.Is(err, bot.ErrNotFound):
		s.fail(w, q, http.StatusNotFound, "console.error.not_found")
		return nil, false
	case err != nil:
		s.Log.Error("console: escalation", slog.String("error", err.Error()))
		s.fail(w, q, http.StatusServiceUnavailable, "console.error.generic")
		return nil, false
	}
	return e, true
}

func (s *Server) escalationView(ctx context.Context, p *page, q *request, e *bot.Escalation) *escalationData {
	now := s.nowFn()
	d := &escalationData{
		ID: e.ID, Lang: e.Lang, LangName: locales.Name(e.Lang), LangDir: locales.Dir(e.Lang),
		Channel: e.Channel, Reason: p.T("console.reason." + e.Reason), Status: string(e.Status),
		StatusLabel: p.T("console.status." + string(e.Status)), Age: s.age(p, now.Sub(e.CreatedAt)),
		Urgent: e.Urgent, Resolved: e.Status == bot.StatusResolved,
		RenewSeconds: int(RenewEvery.Seconds()), LiveTopic: "esc:" + e.ID,
	}
	if e.Claimed(now) {
		d.ClaimedBy = e.Lease.By
		d.Mine = e.Lease.By == q.user.Name
		d.ClaimedByOther = !d.Mine
	}
	for _, t := range e.Transcript {
		v := turnView{Role: string(t.Role), RoleLabel: p.T("console.role." + string(t.Role)), Text: t.Text, By: t.By, At: t.At.Format("2006-01-02 15:04")}
		if t.Role == bot.RoleModerator && t.Ref != "" {
			if st, err := s.Outbox.Status(ctx, t.Ref); err == nil {
				v.Delivery, v.DeliveryLabel = string(st), p.T("console.delivery."+string(st))
			}
		}
		d.Transcript = append(d.Transcript, v)
	}
	for _, id := range locales.CannedIDs {
		d.Canned = append(d.Canned, canned{ID: id, Label: p.T("console." + id), Text: s.Messages.T(e.Lang, id, nil)})
	}
	for _, a := range s.articles {
		art, ok := s.Articles.Get(a.Slug, e.Lang)
		if !ok {
			if art, ok = s.Articles.Get(a.Slug, locales.English); !ok {
				continue
			}
		}
		insert := art.Title
		if len(art.Sources) > 0 {
			insert += "\n" + art.Sources[0]
		}
		d.Articles = append(d.Articles, articleLink{Slug: a.Slug, Title: art.Title, Insert: insert})
	}
	return d
}

func (s *Server) escalationPage(w http.ResponseWriter, r *http.Request, q *request) {
	e, ok := s.loadEscalation(w, r, q)
	if !ok {
		return
	}
	p := s.newPage(q, q.T(s, "console.esc.title", nil), nil)
	d := s.escalationView(r.Context(), p, q, e)
	switch r.URL.Query().Get("notice") {
	case "lease_lost":
		d.Notice = p.T("console.esc.lease_lost")
	case "claimed_other":
		d.Notice = p.T("console.esc.claimed_other", "Name", d.ClaimedBy)
	}
	p.Data = d
	s.render(w, http.StatusOK, "escalation", p)
}

// transcript is the live part of an escalation page, fetched when it changes.
func (s *Server) transcript(w http.ResponseWriter, r *http.Request, q *request) {
	e, err := s.Escalations.GetEscalation(r.Context(), r.PathValue("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	p := s.newPage(q, "", nil)
	p.Data = s.escalationView(r.Context(), p, q, e)
	s.render(w, http.StatusOK, "transcript", p)
}

// back returns to the escalation page, with a notice when an action could not be done.
func back(w http.ResponseWriter, r *http.Request, id, notice string) {
	u := "/escalations/" + id
	if notice != "" {
		u += "?notice=" + notice
	}
	if r.Header.Get("X-Requested-With") == "fetch" {
		w.Header().Set("Content-Type", "application/json")
		if notice != "" {
			w.WriteHeader(http.StatusConflict)
		}
		_, _ = w.Write([]byte(`{"notice":"` + notice + `"}`))
		return
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// heldLease returns the moderator's live lease on e, if they hold one.
func (s *Server) heldLease(e *bot.Escalation, q *request) (bot.Lease, bool) {
	if e.Claimed(s.nowFn()) && e.Lease.By == q.user.Name {
		return e.Lease, true
	}
	return bot.Lease{}, false
}

func (s *Server) claim(w http.ResponseWriter, r *http.Request, q *request) {
	e, ok := s.loadEscalation(w, r, q)
	if !ok {
		return
	}
	_, err := s.Escalations.Claim(r.Context(), e.ID, q.user.Name, ClaimTTL)
	switch {
	case errors.Is(err, bot.ErrAlreadyClaimed):
		back(w, r, e.ID, "claimed_other")
		return
	case errors.Is(err, bot.ErrResolved):
		back(w, r, e.ID, "")
		return
	case err != nil:
		s.actionFailed(w, q, "claim", err)
		return
	}
	s.audit(r.Context(), q, "claim", e.ID, e.Lang)
	back(w, r, e.ID, "")
}

// renew extends the claim while the page is open.
func (s *Server) renew(w http.ResponseWriter, r *http.Request, q *request) {
	e, ok := s.loadEscalation(w, r, q)
	if !ok {
		return
	}
	l, held := s.heldLease(e, q)
	if held {
		_, err := s.Escalations.Renew(r.Context(), e.ID, l, ClaimTTL)
		held = err == nil
	}
	if !held {
		back(w, r, e.ID, "lease_lost")
		return
	}
	back(w, r, e.ID, "")
}

func (s *Server) release(w http.ResponseWriter, r *http.Request, q *request) {
	e, ok := s.loadEscalation(w, r, q)
	if !ok {
		return
	}
	if l, held := s.heldLease(e, q); held {
		if err := s.Escalations.Release(r.Context(), e.ID, l); err != nil && !errors.Is(err, bot.ErrLeaseLost) {
			s.actionFailed(w, q, "release", err)
			return
		}
		s.audit(r.Context(), q, "release", e.ID, "")
	}
	http.Redirect(w, r, "/queue", http.StatusSeeOther)
}

func (s *Server) reply(w http.ResponseWriter, r *http.Request, q *request) {
	e, ok := s.loadEscalation(w, r, q)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	l, held := s.heldLease(e, q)
	if !held {
		back(w, r, e.ID, "lease_lost")
		return
	}
	if text == "" {
		back(w, r, e.ID, "")
		return
	}
	if _, err := s.Relay.ModeratorReply(r.Context(), e.ID, l, text); err != nil {
		if errors.Is(err, bot.ErrLeaseLost) || errors.Is(err, bot.ErrResolved) {
			back(w, r, e.ID, "lease_lost")
			return
		}
		s.actionFailed(w, q, "reply", err)
		return
	}
	s.audit(r.Context(), q, "reply", e.ID, e.Lang)
	back(w, r, e.ID, "")
}

func (s *Server) note(w http.ResponseWriter, r *http.Request, q *request) {
	e, ok := s.loadEscalation(w, r, q)
	if !ok {
		return
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	if text != "" {
		err := s.Escalations.AppendTurn(r.Context(), e.ID, bot.Turn{Role: bot.RoleNote, Text: text, By: q.user.Name, At: s.nowFn()})
		if err != nil && !errors.Is(err, bot.ErrResolved) {
			s.actionFailed(w, q, "note", err)
			return
		}
		s.audit(r.Context(), q, "note", e.ID, "")
	}
	back(w, r, e.ID, "")
}

func (s *Server) resolve(w http.ResponseWriter, r *http.Request, q *request) {
	e, ok := s.loadEscalation(w, r, q)
	if !ok {
		return
	}
	l, held := s.heldLease(e, q)
	if !held {
		back(w, r, e.ID, "lease_lost")
		return
	}
	if err := s.Relay.Resolve(r.Context(), e.ID, l); err != nil {
		if errors.Is(err, bot.ErrLeaseLost) {
			back(w, r, e.ID, "lease_lost")
			return
		}
		s.actionFailed(w, q, "resolve", err)
		return
	}
	s.audit(r.Context(), q, "resolve", e.ID, e.Lang)
	http.Redirect(w, r, "/queue", http.StatusSeeOther)
}

func (s *Server) actionFailed(w http.ResponseWriter, q *request, action string, err error) {
	s.Log.Error("console: action failed", slog.String("action", action), slog.String("error", err.Error()))
	s.fail(w, q, http.StatusServiceUnavailable, "console.error.generic")
}

// auditPage shows the newest audit entries to admins.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, q *request) {
	entries, err := s.Accounts.AuditLog(r.Context(), 500)
	if err != nil {
		s.actionFailed(w, q, "audit", err)
		return
	}
	type row struct{ When, Who, Action, Target, Detail string }
	rows := make([]row, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, row{When: e.At.UTC().Format("2006-01-02 15:04:05"), Who: e.Actor, Action: e.Action, Target: e.Target, Detail: e.Detail})
	}
	type channel struct{ Name, Status, Reason, Since string }
	var channels []channel
	if s.Channels != nil {
		for _, c := range s.Channels() {
			ch := channel{Name: c.Name, Status: c.Status, Reason: c.Reason}
			if !c.Since.IsZero() {
				ch.Since = c.Since.UTC().Format("2006-01-02 15:04:05")
			}
			channels = append(channels, ch)
		}
	}
	p := s.newPage(q, q.T(s, "console.audit.title", nil), struct {
		Channels []channel
		Rows     []row
	}{channels, rows})
	s.render(w, http.StatusOK, "audit", p)
}
