package telegram

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"sportello/bot"
	"sportello/locales"
)

// Config says how to reach the Bot API.
type Config struct {
	Token string
	// APIURL is the Bot API server; Telegram's own when empty. A self-hosted
	// telegram-bot-api server, or a fake one in tests, goes here.
	APIURL string
	// WebhookURL, when set, makes Telegram push updates to it instead of Sportello
	// polling for them; WebhookSecret is then required.
	WebhookURL    string
	WebhookSecret string
	// PollTimeout is how long one getUpdates call waits for updates; 25 s if 0.
	PollTimeout time.Duration
}

// Deps are what the channel needs from the rest of Sportello.
type Deps struct {
	Inbox      bot.Inbox
	Identities bot.Pseudonymizer
	Messages   *locales.Bundle
	// Received, if set, is called after an update was put in the inbox.
	Received func()
	Log      *slog.Logger
	Clock    bot.Clock
}

// allowedUpdates are the updates Sportello asks Telegram for.
var allowedUpdates = []string{"message", "edited_message", "callback_query", "my_chat_member"}

// MaxWebhookBody bounds a webhook request's body; real updates are a few kilobytes.
const MaxWebhookBody = 1 << 20

// Adapter is Sportello on Telegram. Updates come in by long polling (Poll) or by
// webhook (the http.Handler of WebhookHandler) and go to the inbox before Telegram is
// told they arrived; replies leave through Send, called by the outbox's sender.
type Adapter struct {
	cfg  Config
	deps Deps
	api  *tgbot.Bot
	http *http.Client
	base string // cfg.APIURL without a trailing slash
}

// New returns the Telegram adapter. It makes no network call.
func New(cfg Config, deps Deps) (*Adapter, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: empty token")
	}
	if cfg.WebhookURL != "" && !ValidSecret(cfg.WebhookSecret) {
		return nil, errors.New("telegram: a webhook needs a secret of 1 to 256 letters, digits, '_' or '-'")
	}
	if deps.Inbox == nil || deps.Identities == nil || deps.Messages == nil {
		return nil, errors.New("telegram: missing dependency")
	}
	if deps.Log == nil {
		deps.Log = slog.Default()
	}
	if deps.Clock == nil {
		deps.Clock = bot.SystemClock{}
	}
	if cfg.APIURL == "" {
		cfg.APIURL = "https://api.telegram.org"
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 25 * time.Second
	}
	c := &Adapter{cfg: cfg, deps: deps, base: strings.TrimRight(cfg.APIURL, "/")}
	c.http = &http.Client{Timeout: cfg.PollTimeout + 15*time.Second}
	api, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(c.base),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(cfg.PollTimeout, &http.Client{Timeout: 30 * time.Second}),
		tgbot.WithErrorsHandler(func(err error) {
			deps.Log.Warn("telegram client", slog.String("error", err.Error()))
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", err)
	}
	c.api = api
	return c, nil
}

// ValidSecret reports whether s is fit to be a webhook's secret_token: 1 to 256
// letters, digits, '_' or '-'.
func ValidSecret(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Setup checks the token and prepares Telegram for this process: the bot's commands
// in six languages, and the webhook set (webhook mode) or removed (polling mode, as
// Telegram serves no getUpdates while a webhook is set).
func (c *Adapter) Setup(ctx context.Context) error {
	me, err := c.api.GetMe(ctx)
	if err != nil {
		return fmt.Errorf("telegram: check token: %w", err)
	}
	c.deps.Log.Info("telegram bot", slog.String("username", me.Username))
	if err := c.setCommands(ctx); err != nil {
		return err
	}
	if c.cfg.WebhookURL != "" {
		_, err = c.api.SetWebhook(ctx, &tgbot.SetWebhookParams{
			URL: c.cfg.WebhookURL, SecretToken: c.cfg.WebhookSecret, AllowedUpdates: allowedUpdates,
		})
		if err != nil {
			return fmt.Errorf("telegram: set webhook: %w", err)
		}
		return nil
	}
	if _, err := c.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil {
		return fmt.Errorf("telegram: delete webhook: %w", err)
	}
	return nil
}

// commands are the bot's commands, with the message describing each.
var commands = []struct{ name, msg string }{
	{"start", "command.start"},
	{"language", "command.language"},
	{"person", "command.person"},
	{"help", "command.help"},
}

// setCommands registers the commands for each language, and in English for clients
// in any other language.
func (c *Adapter) setCommands(ctx context.Context) error {
	for _, lang := range append([]string{""}, locales.Supported...) {
		tr := lang
		if tr == "" {
			tr = locales.English
		}
		var cmds []models.BotCommand
		for _, cmd := range commands {
			cmds = append(cmds, models.BotCommand{Command: cmd.name, Description: c.deps.Messages.T(tr, cmd.msg, nil)})
		}
		if _, err := c.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds, LanguageCode: lang}); err != nil {
			return fmt.Errorf("telegram: set commands (%q): %w", lang, err)
		}
	}
	return nil
}

// Ingest puts one update in the inbox. It returns nil once the update is durable (or
// is one Sportello ignores), and an error when it could not be stored: Telegram must
// then deliver it again.
func (c *Adapter) Ingest(ctx context.Context, u *models.Update) error {
	ev := ToInbound(u)
	in := ev.Inbound
	switch ev.Kind {
	case KindIgnored:
		return nil
	case KindMedia:
		in.Content = bot.ContentMedia
	case KindLocation:
		in.Content = bot.ContentLocation
	case KindEdited:
		in.Content, in.Text = bot.ContentEdited, ""
	case KindGroup:
		in.Content, in.Text = bot.ContentGroup, ""
	case KindBlocked:
		in.Content = bot.ContentBlocked
	}
	if in.At.IsZero() {
		in.At = c.deps.Clock.Now()
	}
	addr, err := c.deps.Identities.SealAddress(Channel, in.Sender)
	if err != nil {
		return fmt.Errorf("seal address: %w", err)
	}
	item := bot.InboxItem{
		ID: Channel + ":" + in.MessageID, Content: in.Content, Channel: Channel,
		PersonKey: c.deps.Identities.PersonKey(Channel, in.Sender), Address: addr,
		MessageID: in.MessageID, Text: in.Text, Option: in.Option, LangHint: in.LangHint, At: in.At,
	}
	if _, err := c.deps.Inbox.Put(ctx, item); err != nil {
		return fmt.Errorf("put in inbox: %w", err)
	}
	if c.deps.Received != nil {
		c.deps.Received()
	}
	if ev.Kind == KindCallback {
		// Stop the spinner on the person's button; the answer comes as a message.
		go c.answerCallback(context.WithoutCancel(ctx), ev.CallbackQueryID)
	}
	return nil
}

func (c *Adapter) answerCallback(ctx context.Context, id string) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := c.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id}); err != nil {
		c.deps.Log.Debug("callback query not answered", slog.String("error", err.Error()))
	}
}

// WebhookHandler receives Telegram's webhook requests. A request without the right
// secret gets 401 and is not read; a malformed one 400; Telegram gets 200 only after
// the update is in the inbox, and 503 when it could not be stored, so it delivers the
// update again.
func (c *Adapter) WebhookHandler() http.Handler {
	secret := []byte(c.cfg.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log := c.deps.Log
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			log.Warn("telegram webhook: wrong or missing secret; request refused")
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				log.Warn("telegram webhook: body too large; update refused", slog.Int64("limit", tooBig.Limit))
				http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		var u models.Update
		if err := json.Unmarshal(body, &u); err != nil || u.ID <= 0 {
			// Never logs the body: it is what a person wrote.
			log.Warn("telegram webhook: malformed update refused", slog.Int("bytes", len(body)))
			http.Error(w, "malformed update", http.StatusBadRequest)
			return
		}
		if err := c.Ingest(r.Context(), &u); err != nil {
			log.Error("telegram webhook: update not stored; Telegram will deliver it again",
				slog.Int64("update_id", u.ID), slog.String("error", err.Error()))
			http.Error(w, "try again later", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// ErrConflict means another process polls with the same token, or a webhook is set.
var ErrConflict = errors.New("telegram: another getUpdates consumer or a webhook is active")

// Poll fetches updates by long polling until ctx is done. It moves Telegram's offset
// past an update only once the update is in the inbox, so a crash loses nothing: the
// updates not yet stored are fetched again, and those stored twice are deduplicated by
// the inbox. It returns an error only when the token is refused.
func (c *Adapter) Poll(ctx context.Context) error {
	log := c.deps.Log
	var offset int64
	var failures int
	for ctx.Err() == nil {
		updates, err := c.getUpdates(ctx, offset)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			var flood *bot.RetryAfterError
			switch {
			case errors.Is(err, tgbot.ErrorUnauthorized):
				return fmt.Errorf("telegram: token refused: %w", err)
			case errors.As(err, &flood):
				log.Warn("telegram polling: flood control", slog.Duration("retry_after", flood.After))
				bot.Sleep(ctx, flood.After)
			default:
				failures++
				log.Warn("telegram polling failed", slog.Int("failures", failures), slog.String("error", err.Error()))
				bot.Sleep(ctx, min(100*time.Millisecond<<min(failures, 10), 10*time.Second))
			}
			continue
		}
		failures = 0
		for _, u := range updates {
			if err := c.Ingest(ctx, u); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				// The offset stays before this update: it comes again with the next call.
				log.Error("telegram update not stored; fetching it again", slog.Int64("update_id", u.ID), slog.String("error", err.Error()))
				bot.Sleep(ctx, time.Second)
				break
			}
			offset = u.ID + 1
		}
	}
	return nil
}

// apiResponse is the Bot API's reply envelope.
type apiResponse struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// getUpdates is one long-polling call. Sportello polls by itself rather than through
// the client library's loop, which confirms updates to Telegram before they are handled.
func (c *Adapter) getUpdates(ctx context.Context, offset int64) ([]*models.Update, error) {
	body, _ := json.Marshal(map[string]any{
		"offset": offset, "timeout": int(c.cfg.PollTimeout / time.Second), "allowed_updates": allowedUpdates,
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/bot"+c.cfg.Token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("getUpdates: bad API URL")
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		// The error holds the URL, and the URL holds the token.
		var uerr interface{ Unwrap() error }
		if errors.As(err, &uerr) {
			err = uerr.Unwrap()
		}
		return nil, fmt.Errorf("getUpdates: %s", strings.ReplaceAll(err.Error(), c.cfg.Token, "<token>"))
	}
	defer resp.Body.Close()
	var r apiResponse
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&r); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d, unreadable reply", resp.StatusCode)
	}
	if !r.OK {
		err := fmt.Errorf("getUpdates: %d %s", r.ErrorCode, r.Description)
		switch r.ErrorCode {
		case http.StatusUnauthorized:
			return nil, fmt.Errorf("%w: %w", tgbot.ErrorUnauthorized, err)
		case http.StatusConflict:
			return nil, fmt.Errorf("%w: %w", ErrConflict, err)
		case http.StatusTooManyRequests:
			return nil, &bot.RetryAfterError{After: time.Duration(max(r.Parameters.RetryAfter, 1)) * time.Second, Err: err}
		}
		return nil, err
	}
	var updates []*models.Update
	if err := json.Unmarshal(r.Result, &updates); err != nil {
		return nil, fmt.Errorf("getUpdates: malformed updates: %w", err)
	}
	return updates, nil
}

// Send sends one message rendered from r to the chat address (a chat id in decimal).
// It implements bot.Transport. A reply that renders as several messages (Parts was not
// applied) is sent as several.
func (c *Adapter) Send(ctx context.Context, address string, r bot.Reply) error {
	chatID, err := strconv.ParseInt(address, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram: bad chat id: %w", bot.ErrRejected)
	}
	for _, m := range Render(r) {
		_, err := c.api.SendMessage(ctx, &tgbot.SendMessageParams{
			ChatID: chatID, Text: m.Text, ParseMode: models.ParseModeHTML, ReplyMarkup: m.Markup(),
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
		})
		if err != nil {
			return classify(err)
		}
	}
	return nil
}

// classify maps the client's errors to the sender's: flood control, a person who
// blocked the bot, a message Telegram refuses, or a failure worth retrying.
func classify(err error) error {
	var flood *tgbot.TooManyRequestsError
	switch {
	case errors.As(err, &flood):
		return &bot.RetryAfterError{After: time.Duration(max(flood.RetryAfter, 1)) * time.Second, Err: err}
	case errors.Is(err, tgbot.ErrorForbidden):
		return fmt.Errorf("%w: %w", bot.ErrUnreachable, err)
	case errors.Is(err, tgbot.ErrorBadRequest):
		if strings.Contains(strings.ToLower(err.Error()), "chat not found") {
			return fmt.Errorf("%w: %w", bot.ErrUnreachable, err)
		}
		return fmt.Errorf("%w: %w", bot.ErrRejected, err)
	}
	return err
}
