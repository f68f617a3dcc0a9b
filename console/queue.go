package console

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"sportello/bot"
	"sportello/locales"
)

// queueFilter is the queue's filter, from the query string.
type queueFilter struct {
	Lang   string
	Status string // "", open, answered, resolved
	Urgent bool
}

func filterOf(r *http.Request) queueFilter {
	f := queueFilter{Lang: r.URL.Query().Get("lang"), Status: r.URL.Query().Get("status"), Urgent: r.URL.Query().Get("urgent") == "1"}
	if _, ok := locales.Normalize(f.Lang); !ok {
		f.Lang = ""
	}
	switch bot.Status(f.Status) {
	case bot.StatusOpen, bot.StatusAnswered, bot.StatusResolved:
	default:
		f.Status = ""
	}
	return f
}

func (f queueFilter) query() string {
	v := []string{}
	if f.Lang != "" {
		v = append(v, "lang="+f.Lang)
	}
	if f.Status != "" {
		v = append(v, "status="+f.Status)
	}
	if f.Urgent {
		v = append(v, "urgent=1")
	}
	return strings.Join(v, "&")
}

// queueRow is one escalation in the queue.
type queueRow struct {
	ID, Lang, LangName, Channel, Preview, Status, StatusLabel, Age, ClaimedBy, Reason string
	Urgent                                                                            bool
}

type queueData struct {
	Filter    queueFilter
	Query     string
	Rows      []queueRow
	Langs     []langChoice
	Statuses  []langChoice
	Urgent    bool
	LiveTopic string
}

// maxQueue bounds one listing of the queue.
const maxQueue = 200

func (s *Server) queueRowsFor(r *http.Request, p *page, f queueFilter) ([]queueRow, error) {
	lf := bot.EscalationFilter{Lang: f.Lang, Urgent: f.Urgent, Limit: maxQueue}
	if f.Status != "" {
		lf.Statuses = []bot.Status{bot.Status(f.Status)}
	}
	escs, err := s.Escalations.ListEscalations(r.Context(), lf)
	if err != nil {
		return nil, err
	}
	now := s.nowFn()
	rows := make([]queueRow, 0, len(escs))
	for _, e := range escs {
		row := queueRow{
			ID: e.ID, Lang: e.Lang, LangName: locales.Name(e.Lang), Channel: e.Channel,
			Preview: preview(e.Question, 90), Status: string(e.Status),
			StatusLabel: p.T("console.status." + string(e.Status)), Age: s.age(p, now.Sub(e.CreatedAt)),
			Urgent: e.Urgent, Reason: p.T("console.reason." + e.Reason),
		}
		if e.Claimed(now) {
			row.ClaimedBy = e.Lease.By
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// preview is the first line of a question, shortened to n characters.
func preview(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func (s *Server) age(p *page, d time.Duration) string {
	switch {
	case d < time.Hour:
		return p.TN("console.age.minutes", max(int(d/time.Minute), 0))
	case d < 48*time.Hour:
		return p.TN("console.age.hours", int(d/time.Hour))
	}
	return p.TN("console.age.days", int(d/(24*time.Hour)))
}

func (s *Server) queueData(r *http.Request, p *page) (*queueData, error) {
	f := filterOf(r)
	rows, err := s.queueRowsFor(r, p, f)
	if err != nil {
		return nil, err
	}
	d := &queueData{Filter: f, Query: f.query(), Rows: rows, Urgent: f.Urgent, LiveTopic: "queue"}
	d.Langs = append(d.Langs, langChoice{Code: "", Name: p.T("console.filter.all"), Current: f.Lang == ""})
	for _, l := range locales.Supported {
		d.Langs = append(d.Langs, langChoice{Code: l, Name: locales.Name(l), Current: f.Lang == l})
	}
	d.Statuses = append(d.Statuses, langChoice{Code: "", Name: p.T("console.filter.all"), Current: f.Status == ""})
	for _, st := range []bot.Status{bot.StatusOpen, bot.StatusAnswered, bot.StatusResolved} {
		d.Statuses = append(d.Statuses, langChoice{Code: string(st), Name: p.T("console.status." + string(st)), Current: f.Status == string(st)})
	}
	return d, nil
}

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(q, q.T(s, "console.queue.title", nil), nil)
	d, err := s.queueData(r, p)
	if err != nil {
		s.Log.Error("console: queue", slog.String("error", err.Error()))
		s.fail(w, q, http.StatusServiceUnavailable, "console.error.generic")
		return
	}
	p.Data = d
	s.render(w, http.StatusOK, "queue", p)
}

// queueRows is the queue's table body alone, fetched by the page when it changes.
func (s *Server) queueRows(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.newPage(q, "", nil)
	d, err := s.queueData(r, p)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	p.Data = d
	s.render(w, http.StatusOK, "queue_rows", p)
}

// events is a server-sent event stream telling a page that what it shows changed:
// topic "queue" for the queue, "esc:<id>" for one escalation. The page then fetches
// the changed part. Changes are seen by reading the store, so they reach every
// console whichever instance serves it.
func (s *Server) events(w http.ResponseWriter, r *http.Request, q *request) {
	topic := r.URL.Query().Get("topic")
	var version func() (string, error)
	switch {
	case topic == "queue":
		version = func() (string, error) { return s.queueVersion(r) }
	case strings.HasPrefix(topic, "esc:"):
		id := strings.TrimPrefix(topic, "esc:")
		version = func() (string, error) { return s.escalationVersion(r, id) }
	default:
		http.Error(w, "unknown topic", http.StatusBadRequest)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	// What the page shows is compared with this version, taken before the stream is
	// open: the page fetches its part again once the stream opens (console.js), so a
	// change before it is in what the page fetches, and one after it is announced.
	last, _ := version()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 3000\n\n")
	flusher.Flush()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	keepAlive := time.NewTicker(25 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case <-tick.C:
			v, err := version()
			if err != nil || v == last {
				continue
			}
			last = v
			fmt.Fprintf(w, "event: changed\ndata: %s\n\n", topic)
			flusher.Flush()
		}
	}
}

// queueVersion changes whenever the open queue changes: an escalation arrives, is
// claimed, answered, resolved, or marked urgent.
func (s *Server) queueVersion(r *http.Request) (string, error) {
	escs, err := s.Escalations.ListEscalations(r.Context(), bot.EscalationFilter{Limit: maxQueue})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	now := s.nowFn()
	for _, e := range escs {
		fmt.Fprintf(h, "%s|%s|%t|%d|%t\n", e.ID, e.Status, e.Urgent, e.UpdatedAt.UnixNano(), e.Claimed(now))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (s *Server) escalationVersion(r *http.Request, id string) (string, error) {
	e, err := s.Escalations.GetEscalation(r.Context(), id)
	if err != nil {
		return "", err
	}
	now := s.nowFn()
	v := fmt.Sprintf("%s|%d|%t|%s|%d", e.Status, len(e.Transcript), e.Claimed(now), e.Lease.By, e.UpdatedAt.UnixNano())
	for _, t := range e.Transcript {
		if t.Role == bot.RoleModerator && t.Ref != "" {
			st, _ := s.Outbox.Status(r.Context(), t.Ref)
			v += "|" + string(st)
		}
	}
	return v, nil
}
