package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"
	"time"

	"sportello/bot"
	"sportello/bot/telegram"
	"sportello/bot/whatsapp"
	"sportello/console"
)

// Timings of serve. The channel lease decides how soon another instance takes over
// polling and sending when the owner dies: within leaseTTL plus a third of it.
const (
	leaseTTL        = 6 * time.Second
	shutdownTimeout = 10 * time.Second
)

// telegramLimits keep below Telegram's flood limits: about 30 messages a second
// overall and about one a second per chat, with short bursts tolerated.
var telegramLimits = bot.Limits{PerSecond: 25, Burst: 5, PersonPerSecond: 1, PersonBurst: 3}

func runServe(ctx context.Context, args []string, io stdio, env getenv) error {
	fs := newFlags("serve", "serve\n\nRun Sportello: the moderators' console at http://SPORTELLO_HTTP_ADDR/, and\nTelegram when SPORTELLO_TELEGRAM_TOKEN is set, by long polling, or by webhook when\nSPORTELLO_TELEGRAM_WEBHOOK_URL is set. Health at http://SPORTELLO_HTTP_ADDR/healthz.", io)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"serve takes no arguments"}
	}
	cfg, err := loadConfig(env)
	if err != nil {
		return err
	}
	log := newLogger(cfg, io.Err)
	if cfg.Telegram.Token == "" {
		log.Warn("Telegram is off: SPORTELLO_TELEGRAM_TOKEN is not set")
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	s, err := newServer(a)
	if err != nil {
		return err
	}
	return s.run(ctx)
}

// server is `sportello serve`: the channels, the relay and the HTTP endpoints.
type server struct {
	a        *app
	log      *slog.Logger
	holder   string // this process, in leases
	relay    *bot.Relay
	tg       *telegram.Adapter // nil without a token
	sender   *bot.Sender       // nil without a token
	wa       *whatsapp.Adapter // nil unless a device is linked and WhatsApp is on
	waSender *bot.Sender
	console  *console.Server
	listener net.Listener
	started  time.Time

	mu    sync.Mutex
	owner bool // holds the Telegram lease
}

func newServer(a *app) (*server, error) {
	s := &server{a: a, log: a.log, holder: processName(), started: time.Now()}
	s.relay = &bot.Relay{
		Engine: a.engine, Inbox: a.stores.inbox, Outbox: a.stores.outbox,
		Parts: map[string]func(bot.Reply) []bot.Reply{
			telegram.Channel: telegram.Parts, whatsapp.Channel: whatsapp.Parts,
		},
		Worker: s.holder,
	}
	s.relay.Sent = func(channel string) {
		switch {
		case channel == telegram.Channel && s.sender != nil:
			s.sender.Notify()
		case channel == whatsapp.Channel && s.waSender != nil:
			s.waSender.Notify()
		}
	}
	var err error
	s.console, err = console.New(console.Deps{
		Accounts: a.stores.accounts, Escalations: a.stores.escalations, Outbox: a.stores.outbox,
		Relay: s.relay, Articles: a.base, Messages: a.msgs, Log: a.log, Channels: s.channels,
	})
	if err != nil {
		return nil, err
	}
	if a.cfg.Telegram.Token == "" {
		return s, nil
	}
	tg, err := telegram.New(telegram.Config{
		Token: a.cfg.Telegram.Token, APIURL: a.cfg.Telegram.APIURL,
		WebhookURL: a.cfg.Telegram.WebhookURL, WebhookSecret: a.cfg.Telegram.WebhookSecret,
	}, telegram.Deps{
		Inbox: a.stores.inbox, Identities: a.keys, Messages: a.msgs,
		Received: s.relay.Notify, Log: a.log.With(slog.String("channel", telegram.Channel)),
	})
	if err != nil {
		return nil, err
	}
	s.tg = tg
	s.sender = &bot.Sender{
		Channel: telegram.Channel, Outbox: a.stores.outbox, Transport: tg, Identities: a.keys,
		Limits: telegramLimits, Worker: s.holder, Log: a.log, Blocked: s.markBlocked,
	}
	return s, nil
}

// markBlocked records that a person blocked the bot on their channel.
func (s *server) markBlocked(ctx context.Context, key string) {
	if err := s.a.engine.MarkBlocked(ctx, key); err != nil {
		s.log.Warn("blocked person not marked", slog.String("error", err.Error()))
	}
}

// processName names this process in leases and logs: host, pid and a random suffix,
// so two processes never share a name.
func processName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return host + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(b)
}

// run serves until ctx is done, then stops taking updates, finishes the messages in
// hand and returns.
func (s *server) run(ctx context.Context) error {
	var err error
	if s.tg != nil {
		setupCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err = s.tg.Setup(setupCtx)
		cancel()
		if err != nil {
			return err
		}
	}
	if err := s.startWhatsApp(ctx); err != nil {
		return fmt.Errorf("whatsapp: %w", err)
	}
	if s.listener == nil {
		if s.listener, err = net.Listen("tcp", s.a.cfg.HTTPAddr); err != nil {
			return fmt.Errorf("SPORTELLO_HTTP_ADDR: %w", err)
		}
	}
	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	srv.RegisterOnShutdown(s.console.Shutdown)
	s.log.Info("serving", slog.String("http", s.listener.Addr().String()), slog.String("telegram", s.telegramMode()), slog.String("instance", s.holder))

	var wg sync.WaitGroup
	httpErr := make(chan error, 1)
	wg.Go(func() {
		if err := srv.Serve(s.listener); err != nil && !errors.Is(err, http.ErrServerClosed) {
			httpErr <- err
		}
	})
	workCtx, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	wg.Go(func() { _ = s.relay.Run(workCtx) })
	if s.tg != nil {
		wg.Go(func() {
			bot.Lead(workCtx, s.a.stores.leases, "telegram", s.holder, leaseTTL, s.log, s.own)
		})
	}
	if s.wa != nil {
		wg.Go(func() {
			bot.Lead(workCtx, s.a.stores.leases, "whatsapp", s.holder, leaseTTL, s.log, s.ownWhatsApp)
		})
	}

	select {
	case <-ctx.Done():
		err = nil
	case err = <-httpErr:
		err = fmt.Errorf("http server: %w", err)
	}
	s.log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	_ = srv.Shutdown(shutdown) // webhooks in progress are stored first
	stopWork()
	wg.Wait()
	return err
}

// own does what only the owner of the Telegram lease does: sending, and polling
// when there is no webhook.
func (s *server) own(ctx context.Context) error {
	s.setOwner(true)
	defer s.setOwner(false)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	go func() { errc <- s.sender.Run(ctx) }()
	n := 1
	if s.a.cfg.Telegram.WebhookURL == "" {
		n++
		go func() { errc <- s.tg.Poll(ctx) }()
	}
	var first error
	for range n {
		err := <-errc
		if first == nil {
			first = err
			cancel()
		}
	}
	if first == nil && ctx.Err() == nil {
		first = errors.New("stopped")
	}
	return first
}

func (s *server) setOwner(v bool) {
	s.mu.Lock()
	s.owner = v
	s.mu.Unlock()
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.health)
	if u := s.a.cfg.Telegram.WebhookURL; u != "" && s.tg != nil {
		mux.Handle("POST "+webhookPath(u), s.tg.WebhookHandler())
	}
	mux.Handle("/", s.console)
	return mux
}

// channels reports each channel's state for the console's admins.
func (s *server) channels() []console.ChannelState {
	s.mu.Lock()
	owner := s.owner
	s.mu.Unlock()
	tg := console.ChannelState{Name: telegram.Channel, Status: s.telegramMode()}
	if s.tg != nil && owner {
		tg.Reason = "this instance polls and sends"
	}
	wa := console.ChannelState{Name: whatsapp.Channel, Status: "off"}
	switch {
	case s.wa != nil:
		st := s.wa.State()
		wa.Status, wa.Reason, wa.Since = st.Status, st.Reason, st.Since
	case s.a.cfg.WhatsApp:
		wa.Status, wa.Reason = "not_linked", "run `sportello whatsapp link`"
	}
	return []console.ChannelState{tg, wa}
}

// telegramMode is "polling", "webhook" or "off".
func (s *server) telegramMode() string {
	switch {
	case s.tg == nil:
		return "off"
	case s.a.cfg.Telegram.WebhookURL != "":
		return "webhook"
	}
	return "polling"
}

// webhookPath is the path Telegram posts to: the webhook URL's own path, so a proxy
// in front may pass requests through unchanged.
func webhookPath(webhookURL string) string {
	u, err := url.Parse(webhookURL)
	if err != nil || u.Path == "" || u.Path == "/" {
		return "/telegram"
	}
	return u.Path
}

// health reports the instance's state for a load balancer or an operator.
func (s *server) health(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	owner := s.owner
	s.mu.Unlock()
	mode := s.telegramMode()
	wa := map[string]any{"status": "off"}
	if s.wa != nil {
		st := s.wa.State()
		wa = map[string]any{"status": st.Status, "reason": st.Reason, "since": st.Since}
		if !st.Until.IsZero() {
			wa["until"] = st.Until
		}
	} else if s.a.cfg.WhatsApp {
		wa["status"] = "not_linked"
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"status":   "ok",
		"instance": s.holder,
		"uptime_s": int(time.Since(s.started).Seconds()),
		"telegram": map[string]any{"mode": mode, "owner": owner},
		"whatsapp": wa,
	})
}
