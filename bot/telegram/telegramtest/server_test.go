package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

const token = "123456:test-token"

func newBot(t *testing.T, srv *Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	opts = append([]bot.Option{bot.WithServerURL(srv.URL())}, opts...)
	b, err := bot.New(token, opts...)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return b
}

func TestGetMeAndSendMessage(t *testing.T) {
	srv := New(t, token)
	b := newBot(t, srv)
	if got := srv.Requests("getMe"); len(got) != 1 || got[0].Status != http.StatusOK {
		t.Fatalf("getMe requests = %+v", got)
	}
	me, err := b.GetMe(context.Background())
	if err != nil || me.ID != 123456 || !me.IsBot {
		t.Fatalf("GetMe = %+v, %v", me, err)
	}

	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
		{{Text: "Sì", CallbackData: "c:42:yes"}, {Text: "No", CallbackData: "c:42:no"}},
		{{Text: "Sito", URL: "https://example.org"}},
	}}
	for i := 1; i <= 2; i++ {
		msg, err := b.SendMessage(context.Background(), &bot.SendMessageParams{
			ChatID: int64(777), Text: "<b>Ciao</b> & benvenuto", ParseMode: models.ParseModeHTML, ReplyMarkup: kb,
		})
		if err != nil {
			t.Fatalf("SendMessage: %v", err)
		}
		if msg.ID != i || msg.Chat.ID != 777 || msg.Text != "<b>Ciao</b> & benvenuto" {
			t.Fatalf("message %d = %+v", i, msg)
		}
	}

	sent := srv.WaitSent(t, 2, time.Second)
	s := sent[0]
	if s.ChatID != 777 || s.Text != "<b>Ciao</b> & benvenuto" || s.ParseMode != "HTML" || s.MessageID != 1 {
		t.Fatalf("sent = %+v", s)
	}
	if len(s.Buttons) != 2 || len(s.Buttons[0]) != 2 || s.Buttons[0][1].CallbackData != "c:42:no" || s.Buttons[1][0].URL != "https://example.org" {
		t.Fatalf("buttons = %+v", s.Buttons)
	}
	req := srv.Requests("sendMessage")[0]
	if req.ReplyMarkup == nil || req.ReplyMarkup.InlineKeyboard[0][0].Text != "Sì" || req.Fields["chat_id"] != "777" {
		t.Fatalf("request = %+v", req)
	}

	ok, err := b.AnswerCallbackQuery(context.Background(), &bot.AnswerCallbackQueryParams{CallbackQueryID: "cb-1"})
	if err != nil || !ok {
		t.Fatalf("AnswerCallbackQuery = %v, %v", ok, err)
	}
	if got := srv.Requests("answerCallbackQuery"); len(got) != 1 || got[0].CallbackQueryID != "cb-1" {
		t.Fatalf("answerCallbackQuery requests = %+v", got)
	}
	edited, err := b.EditMessageText(context.Background(), &bot.EditMessageTextParams{ChatID: int64(777), MessageID: 1, Text: "fatto"})
	if err != nil || edited.ID != 1 || edited.Text != "fatto" {
		t.Fatalf("EditMessageText = %+v, %v", edited, err)
	}
	if len(srv.Sent()) != 2 {
		t.Fatalf("edits must not count as sent")
	}
}

func TestFaults(t *testing.T) {
	srv := New(t, token)
	b := newBot(t, srv, bot.WithSkipGetMe())
	send := func(chat int64) error {
		_, err := b.SendMessage(context.Background(), &bot.SendMessageParams{ChatID: chat, Text: "hi"})
		return err
	}

	srv.FailNext("sendMessage", 1, TooManyRequests(7))
	err := send(1)
	var tooMany *bot.TooManyRequestsError
	if !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 {
		t.Fatalf("err = %v, want TooManyRequestsError with RetryAfter 7", err)
	}

	srv.FailNext("sendmessage", 1, Forbidden)
	if err := send(1); !errors.Is(err, bot.ErrorForbidden) {
		t.Fatalf("err = %v, want ErrorForbidden", err)
	}
	srv.FailNext("sendMessage", 1, ServerError)
	if err := send(1); err == nil {
		t.Fatal("ServerError: want error")
	}

	srv.BlockChat(2)
	for range 2 {
		if err := send(2); !errors.Is(err, bot.ErrorForbidden) {
			t.Fatalf("blocked chat: err = %v", err)
		}
	}
	if err := send(1); err != nil {
		t.Fatalf("other chat: %v", err)
	}
	srv.UnblockChat(2)
	if err := send(2); err != nil {
		t.Fatalf("unblocked chat: %v", err)
	}

	reqs := srv.Requests("sendMessage")
	if len(reqs) != 7 {
		t.Fatalf("recorded %d sendMessage calls, want 7", len(reqs))
	}
	if reqs[0].Fault == nil || reqs[0].Status != http.StatusTooManyRequests || reqs[2].Status != http.StatusInternalServerError || reqs[5].Fault != nil {
		t.Fatalf("recorded faults wrong: %+v", reqs)
	}
	if sent := srv.Sent(); len(sent) != 2 || sent[0].ChatID != 1 || sent[1].ChatID != 2 {
		t.Fatalf("sent = %+v", sent)
	}
}

func TestWrongTokenAndUnknownMethod(t *testing.T) {
	srv := New(t, token)
	_, err := bot.New("999:wrong", bot.WithServerURL(srv.URL()))
	if !errors.Is(err, bot.ErrorUnauthorized) {
		t.Fatalf("err = %v, want ErrorUnauthorized", err)
	}
	b := newBot(t, srv, bot.WithSkipGetMe())
	_, err = b.SendPhoto(context.Background(), &bot.SendPhotoParams{ChatID: int64(1), Photo: &models.InputFileString{Data: "x"}})
	if !errors.Is(err, bot.ErrorNotFound) {
		t.Fatalf("err = %v, want ErrorNotFound", err)
	}
}

func TestStartReceivesUpdateAndConfirms(t *testing.T) {
	srv := New(t, token)
	got := make(chan *models.Update, 1)
	b := newBot(t, srv, bot.WithDefaultHandler(func(_ context.Context, _ *bot.Bot, u *models.Update) { got <- u }))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { b.Start(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	id := srv.PushUpdate(models.Update{Message: &models.Message{
		ID: 10, Chat: models.Chat{ID: 777, Type: models.ChatTypePrivate}, Text: "ciao",
	}})
	if id != 1 {
		t.Fatalf("update id = %d, want 1", id)
	}
	select {
	case u := <-got:
		if u.ID != 1 || u.Message == nil || u.Message.Text != "ciao" {
			t.Fatalf("update = %+v", u)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("update not delivered")
	}
	// The client's next poll carries offset 2, acknowledging update 1.
	deadline := time.Now().Add(2 * time.Second)
	for srv.Confirmed() < 2 || srv.Pending() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("confirmed = %d, pending = %d", srv.Confirmed(), srv.Pending())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// getUpdates calls the method the way the client does, multipart form and all.
func getUpdates(t *testing.T, srv *Server, offset, timeout string) ([]models.Update, time.Duration) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("offset", offset)
	_ = w.WriteField("timeout", timeout)
	_ = w.Close()
	start := time.Now()
	resp, err := http.Post(srv.URL()+"/bot"+token+"/getUpdates", w.FormDataContentType(), &body)
	if err != nil {
		t.Errorf("getUpdates: %v", err)
		return nil, 0
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var rep struct {
		OK     bool            `json:"ok"`
		Result []models.Update `json:"result"`
	}
	if err := json.Unmarshal(raw, &rep); err != nil || !rep.OK || rep.Result == nil {
		t.Errorf("getUpdates reply %s: %v", raw, err)
	}
	return rep.Result, time.Since(start)
}

func TestGetUpdatesOffsetAndLongPoll(t *testing.T) {
	srv := New(t, token)
	srv.PushUpdate(models.Update{})
	srv.PushUpdate(models.Update{ID: 5})
	srv.PushUpdate(models.Update{})

	if ups, _ := getUpdates(t, srv, "0", "0"); len(ups) != 3 || ups[0].ID != 1 || ups[1].ID != 5 || ups[2].ID != 6 {
		t.Fatalf("updates = %+v", ups)
	}
	if ups, _ := getUpdates(t, srv, "6", "0"); len(ups) != 1 || ups[0].ID != 6 {
		t.Fatalf("after offset 6: %+v", ups)
	}
	if ups, _ := getUpdates(t, srv, "7", "0"); len(ups) != 0 || srv.Confirmed() != 7 {
		t.Fatalf("after offset 7: %+v, confirmed %d", ups, srv.Confirmed())
	}

	// A long poll waits, and returns as soon as an update is pushed.
	type result struct {
		ups     []models.Update
		elapsed time.Duration
	}
	res := make(chan result, 1)
	go func() { u, d := getUpdates(t, srv, "7", "10"); res <- result{u, d} }()
	for srv.Polling() == 0 {
		time.Sleep(time.Millisecond)
	}
	srv.PushUpdate(models.Update{Message: &models.Message{Text: "svegliati"}})
	r := <-res
	if len(r.ups) != 1 || r.ups[0].ID != 7 || r.ups[0].Message.Text != "svegliati" || r.elapsed > 2*time.Second {
		t.Fatalf("long poll = %+v after %v", r.ups, r.elapsed)
	}

	// An empty long poll ends after its timeout with no updates.
	if ups, d := getUpdates(t, srv, "8", "1"); len(ups) != 0 || d < 900*time.Millisecond {
		t.Fatalf("empty poll = %+v after %v", ups, d)
	}
}

func TestCloseEndsLongPoll(t *testing.T) {
	srv := New(t, token)
	done := make(chan time.Duration, 1)
	go func() {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		_ = w.WriteField("timeout", "30")
		_ = w.Close()
		start := time.Now()
		resp, err := http.Post(srv.URL()+"/bot"+token+"/getUpdates", w.FormDataContentType(), &body)
		if err == nil {
			resp.Body.Close()
		}
		done <- time.Since(start)
	}()
	for srv.Polling() == 0 {
		time.Sleep(time.Millisecond)
	}
	srv.Close()
	if d := <-done; d > 2*time.Second {
		t.Fatalf("long poll outlived Close by %v", d)
	}
}
