// Package telegramtest provides a fake Telegram Bot API server for the tests of
// Sportello's Telegram channel. The real github.com/go-telegram/bot client talks
// to it over HTTP:
//
//	srv := telegramtest.New(t, "123:secret")
//	b, err := bot.New("123:secret", bot.WithServerURL(srv.URL()))
//
// The server records every request, serves getMe, getUpdates (long polling with
// Telegram's offset semantics), sendMessage and a handful of methods that only
// answer true, and can inject faults (429, 403, 500) or block chats so tests can
// exercise Sportello's retry and give-up paths. It is safe for concurrent use.
//
// The package is meant to be imported by tests only.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// Fault is an error reply the server gives instead of handling a request.
// Use TooManyRequests, Forbidden or ServerError, or build one for other cases
// (for example Fault{Code: 400, Description: "Bad Request: can't parse entities"}).
type Fault struct {
	// Code is the HTTP status and the error_code of the reply.
	Code int
	// Description is the reply's description.
	Description string
	// RetryAfter, when positive, is sent as parameters.retry_after (seconds).
	RetryAfter int
}

// TooManyRequests is Telegram's flood-control reply: HTTP 429 with
// parameters.retry_after set to retryAfter seconds. The client reports it as
// *bot.TooManyRequestsError.
func TooManyRequests(retryAfter int) Fault {
	return Fault{
		Code:        http.StatusTooManyRequests,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		RetryAfter:  retryAfter,
	}
}

// Forbidden is the reply for a user who blocked the bot: HTTP 403, which the
// client reports as bot.ErrorForbidden.
var Forbidden = Fault{Code: http.StatusForbidden, Description: "Forbidden: bot was blocked by the user"}

// ServerError is a transient Telegram failure: HTTP 500.
var ServerError = Fault{Code: http.StatusInternalServerError, Description: "Internal Server Error"}

// Request is one recorded call to the Bot API.
type Request struct {
	// Method is the Bot API method as the client spelled it, e.g. "sendMessage".
	Method string
	// Fields holds every form field (first value of each), JSON objects still encoded.
	Fields map[string]string
	// ChatID is chat_id parsed as an integer; 0 when absent or a @username.
	ChatID int64
	// Text, ParseMode and CallbackQueryID copy the fields of the same name.
	Text            string
	ParseMode       string
	CallbackQueryID string
	// ReplyMarkup is reply_markup decoded as an inline keyboard, nil when absent
	// or not an inline keyboard.
	ReplyMarkup *models.InlineKeyboardMarkup
	// Time is when the request arrived.
	Time time.Time
	// Status is the HTTP status of the reply.
	Status int
	// Fault is the injected fault or the block that failed the call, nil when it succeeded.
	Fault *Fault
}

// SentMessage is a sendMessage call that succeeded.
type SentMessage struct {
	MessageID int
	ChatID    int64
	Text      string
	ParseMode string
	// Buttons is the inline keyboard, row by row; nil without one.
	Buttons [][]models.InlineKeyboardButton
	Time    time.Time
}

// Server is a fake Bot API server. Create it with New.
type Server struct {
	token string
	srv   *httptest.Server
	done  chan struct{}
	me    models.User

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every state change
	requests  []Request
	sent      []SentMessage
	updates   []models.Update // pending, ordered by ID
	nextUpd   int64
	nextMsg   int
	confirmed int64
	polling   int
	faults    map[string][]Fault // lower-cased method -> queued faults
	blocked   map[int64]bool
	pollGen   int  // bumped when a getUpdates call ends those waiting before it
	conflicts int  // getUpdates calls that overlapped another one
	held      bool // sendMessage calls wait until ReleaseSends
	holding   int  // sendMessage calls waiting
}

// New starts a fake Bot API server accepting token and closes it when the test ends.
// The bot user returned by getMe takes its id from the part of token before ':'.
func New(tb testing.TB, token string) *Server {
	tb.Helper()
	id, _ := strconv.ParseInt(strings.SplitN(token, ":", 2)[0], 10, 64)
	s := &Server{
		token:   token,
		done:    make(chan struct{}),
		me:      models.User{ID: id, IsBot: true, FirstName: "Sportello", Username: "sportello_test_bot"},
		changed: make(chan struct{}),
		nextUpd: 1,
		nextMsg: 1,
		faults:  map[string][]Fault{},
		blocked: map[int64]bool{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(s.Close)
	return s
}

// URL is the base URL to pass to bot.WithServerURL.
func (s *Server) URL() string { return s.srv.URL }

// Me is the bot user that getMe returns.
func (s *Server) Me() models.User { return s.me }

// Close ends pending long polls and shuts the server down. It is called
// automatically when the test ends and may be called more than once.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.done:
		s.mu.Unlock()
		return
	default:
		close(s.done)
	}
	s.mu.Unlock()
	s.srv.Close()
}

// PushUpdate queues an update for getUpdates. A zero update_id is replaced by
// the next id in sequence; explicit ids also move the sequence forward.
// It returns the update's id.
func (s *Server) PushUpdate(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == 0 {
		u.ID = s.nextUpd
	}
	if u.ID >= s.nextUpd {
		s.nextUpd = u.ID + 1
	}
	i := len(s.updates)
	for i > 0 && s.updates[i-1].ID > u.ID {
		i--
	}
	s.updates = append(s.updates, models.Update{})
	copy(s.updates[i+1:], s.updates[i:])
	s.updates[i] = u
	s.notifyLocked()
	return u.ID
}

// Conflicts reports how many getUpdates calls arrived while another was waiting, as
// when two processes poll with one token. Like Telegram, the server then ends the
// earlier call with 409 Conflict.
func (s *Server) Conflicts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conflicts
}

// HoldSends makes sendMessage calls wait, unanswered, until ReleaseSends. A call
// whose client goes away while held (a process killed mid-send) is not delivered.
func (s *Server) HoldSends() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held = true
}

// ReleaseSends lets held and later sendMessage calls through.
func (s *Server) ReleaseSends() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.held = false
	s.notifyLocked()
}

// Holding reports how many sendMessage calls are waiting in HoldSends.
func (s *Server) Holding() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.holding
}

// Pending reports how many queued updates the client has not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// Confirmed is the highest getUpdates offset the client has sent: every update
// with an id below it has been acknowledged and dropped. It is 0 before the
// first getUpdates with an offset.
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// Polling reports how many getUpdates calls are currently waiting for updates.
func (s *Server) Polling() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.polling
}

// FailNext makes the next n calls of method (case-insensitive) fail with f.
// Calls add to faults already queued for the method.
func (s *Server) FailNext(method string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(method)
	for range n {
		s.faults[key] = append(s.faults[key], f)
	}
}

// BlockChat makes every sendMessage to chatID fail with Forbidden until
// UnblockChat is called, as when a user blocks the bot.
func (s *Server) BlockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// UnblockChat undoes BlockChat.
func (s *Server) UnblockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// Requests returns the recorded calls of method (case-insensitive), or all
// calls when method is empty, in order of arrival.
func (s *Server) Requests(method string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if method == "" || strings.EqualFold(r.Method, method) {
			out = append(out, r)
		}
	}
	return out
}

// Sent returns the messages sent successfully with sendMessage, in order.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SentMessage(nil), s.sent...)
}

// WaitSent waits until at least n messages have been sent and returns all sent
// messages. It fails the test if that takes longer than timeout. Call it from
// the test's goroutine.
func (s *Server) WaitSent(tb testing.TB, n int, timeout time.Duration) []SentMessage {
	tb.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if len(s.sent) >= n {
			out := append([]SentMessage(nil), s.sent...)
			s.mu.Unlock()
			return out
		}
		changed, got := s.changed, len(s.sent)
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			tb.Fatalf("telegramtest: %d message(s) sent after %v, want %d", got, timeout, n)
			return nil
		}
	}
}

func (s *Server) isDone() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// notifyLocked wakes everything waiting for a state change. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// recordLocked stores r. s.mu must be held.
func (s *Server) recordLocked(r Request) {
	s.requests = append(s.requests, r)
	s.notifyLocked()
}

type apiReply struct {
	OK          bool        `json:"ok"`
	Result      any         `json:"result,omitempty"`
	ErrorCode   int         `json:"error_code,omitempty"`
	Description string      `json:"description,omitempty"`
	Parameters  *parameters `json:"parameters,omitempty"`
}

type parameters struct {
	RetryAfter int `json:"retry_after,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v apiReply) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeFault(w http.ResponseWriter, f Fault) {
	rep := apiReply{ErrorCode: f.Code, Description: f.Description}
	if f.RetryAfter > 0 {
		rep.Parameters = &parameters{RetryAfter: f.RetryAfter}
	}
	writeJSON(w, f.Code, rep)
}

// alwaysTrue lists the methods that simply answer true (keys lower-cased).
var alwaysTrue = map[string]bool{
	"answercallbackquery": true,
	"setmycommands":       true,
	"deletemycommands":    true,
	"deletewebhook":       true,
	"setwebhook":          true,
	"sendchataction":      true,
	"deletemessage":       true,
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || method == "" || strings.Contains(method, "/") {
		writeJSON(w, http.StatusNotFound, apiReply{ErrorCode: http.StatusNotFound, Description: "Not Found"})
		return
	}
	req := Request{Method: method, Fields: parseFields(r), Time: now}
	req.fill()
	key := strings.ToLower(method)

	if token != s.token {
		req.Status = http.StatusUnauthorized
		s.mu.Lock()
		s.recordLocked(req)
		s.mu.Unlock()
		writeJSON(w, http.StatusUnauthorized, apiReply{ErrorCode: http.StatusUnauthorized, Description: "Unauthorized"})
		return
	}
	if key != "getme" && key != "getupdates" && key != "sendmessage" && key != "editmessagetext" && !alwaysTrue[key] {
		req.Status = http.StatusNotFound
		s.mu.Lock()
		s.recordLocked(req)
		s.mu.Unlock()
		writeJSON(w, http.StatusNotFound, apiReply{ErrorCode: http.StatusNotFound, Description: "Not Found: method not found"})
		return
	}

	// Reading the body to its end lets the HTTP server notice a client that goes
	// away (r.Context is then cancelled), which a held call relies on.
	_, _ = io.Copy(io.Discard, r.Body)
	s.mu.Lock()
	if key == "sendmessage" && s.held {
		s.holding++
		for s.held {
			changed := s.changed
			s.mu.Unlock()
			select {
			case <-changed:
			case <-r.Context().Done():
			case <-s.done:
			}
			s.mu.Lock()
			if r.Context().Err() != nil || s.isDone() {
				// The client is gone: nothing was delivered.
				s.holding--
				s.mu.Unlock()
				return
			}
		}
		s.holding--
	}
	var fault *Fault
	if q := s.faults[key]; len(q) > 0 {
		f := q[0]
		s.faults[key] = q[1:]
		fault = &f
	} else if key == "sendmessage" && s.blocked[req.ChatID] {
		f := Forbidden
		fault = &f
	}
	if fault != nil {
		req.Status, req.Fault = fault.Code, fault
		s.recordLocked(req)
		s.mu.Unlock()
		writeFault(w, *fault)
		return
	}

	var result any = true
	switch key {
	case "getme":
		result = s.me
	case "sendmessage", "editmessagetext":
		msg := models.Message{
			Date:        int(now.Unix()),
			Chat:        models.Chat{ID: req.ChatID, Type: models.ChatTypePrivate},
			From:        &s.me,
			Text:        req.Text,
			ReplyMarkup: req.ReplyMarkup,
		}
		if req.ChatID == 0 {
			msg.Chat.Username = strings.TrimPrefix(req.Fields["chat_id"], "@")
			msg.Chat.Type = models.ChatTypeChannel
		}
		if key == "editmessagetext" {
			msg.ID, _ = strconv.Atoi(req.Fields["message_id"])
			msg.EditDate = int(now.Unix())
		} else {
			msg.ID = s.nextMsg
			s.nextMsg++
			sm := SentMessage{MessageID: msg.ID, ChatID: req.ChatID, Text: req.Text, ParseMode: req.ParseMode, Time: now}
			if req.ReplyMarkup != nil {
				sm.Buttons = req.ReplyMarkup.InlineKeyboard
			}
			s.sent = append(s.sent, sm)
		}
		result = msg
	case "getupdates":
		s.mu.Unlock()
		s.getUpdates(w, r, req)
		return
	}
	req.Status = http.StatusOK
	s.recordLocked(req)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, apiReply{OK: true, Result: result})
}

// getUpdates answers a getUpdates call: it drops updates below offset, then
// returns up to limit queued updates, waiting up to timeout seconds (bounded by
// the request's context and the server's lifetime) for one to arrive.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, req Request) {
	offset, _ := strconv.ParseInt(req.Fields["offset"], 10, 64)
	limit, err := strconv.Atoi(req.Fields["limit"])
	if err != nil || limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(req.Fields["timeout"])
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		expired = t.C
	}

	s.mu.Lock()
	if offset > 0 {
		if offset > s.confirmed {
			s.confirmed = offset
		}
		i := 0
		for i < len(s.updates) && s.updates[i].ID < offset {
			i++
		}
		s.updates = s.updates[i:]
	}
	if s.polling > 0 {
		s.conflicts++
		s.pollGen++
		s.notifyLocked()
	}
	gen := s.pollGen
	s.polling++
	for len(s.updates) == 0 && timeout > 0 {
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
			s.mu.Lock()
			if s.pollGen != gen {
				s.polling--
				req.Status = http.StatusConflict
				s.recordLocked(req)
				s.mu.Unlock()
				writeJSON(w, http.StatusConflict, apiReply{ErrorCode: http.StatusConflict,
					Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"})
				return
			}
			continue
		case <-expired:
		case <-r.Context().Done():
		case <-s.done:
		}
		s.mu.Lock()
		break
	}
	s.polling--
	n := min(limit, len(s.updates))
	out := append(make([]models.Update, 0, n), s.updates[:n]...)
	req.Status = http.StatusOK
	s.recordLocked(req)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, apiReply{OK: true, Result: out})
}

// fill copies the well-known fields out of r.Fields.
func (r *Request) fill() {
	f := r.Fields
	r.ChatID, _ = strconv.ParseInt(f["chat_id"], 10, 64)
	r.Text = f["text"]
	r.ParseMode = f["parse_mode"]
	r.CallbackQueryID = f["callback_query_id"]
	if raw := f["reply_markup"]; raw != "" {
		var kb models.InlineKeyboardMarkup
		if json.Unmarshal([]byte(raw), &kb) == nil && kb.InlineKeyboard != nil {
			r.ReplyMarkup = &kb
		}
	}
}

// parseFields reads the request's parameters from a multipart or URL-encoded
// form, a JSON body, or the query string, as the Bot API accepts all of them.
func parseFields(r *http.Request) map[string]string {
	fields := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body map[string]json.RawMessage
		if json.NewDecoder(r.Body).Decode(&body) == nil {
			for k, v := range body {
				var str string
				if json.Unmarshal(v, &str) == nil {
					fields[k] = str
				} else {
					fields[k] = string(v)
				}
			}
		}
	} else {
		// An empty multipart body (a call without parameters) is not an error.
		_ = r.ParseMultipartForm(1 << 20)
		if r.MultipartForm != nil {
			for k, v := range r.MultipartForm.Value {
				if len(v) > 0 {
					fields[k] = v[0]
				}
			}
			_ = r.MultipartForm.RemoveAll()
		}
		_ = r.ParseForm()
	}
	for k, v := range r.Form {
		if _, ok := fields[k]; !ok && len(v) > 0 {
			fields[k] = v[0]
		}
	}
	return fields
}
