package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"go.mau.fi/whatsmeow"

	"sportello/bot"
	"sportello/bot/whatsapp"
)

// whatsappDB is the device store of the WhatsApp linked device, in the data directory.
func whatsappDB(cfg Config) string { return filepath.Join(cfg.DataDir, "whatsapp.db") }

func runWhatsAppLink(ctx context.Context, args []string, io stdio, env getenv) error {
	fs := newFlags("whatsapp link", "whatsapp link [--phone +39...]\n\nLink a WhatsApp number to Sportello as a linked device: scan the QR code shown\nhere with WhatsApp (Settings → Linked devices → Link a device), or with --phone\nenter the 8-character code shown here (Linked devices → Link with phone number).\nThe device session is kept in SPORTELLO_DATA_DIR/whatsapp.db.", io)
	phone := fs.String("phone", "", "link with a pairing code for this number, in international form (+39...)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"whatsapp link takes no arguments"}
	}
	if *phone != "" {
		p, err := whatsapp.NormalizePhone(*phone)
		if err != nil {
			return usageError{"--phone: " + strings.TrimPrefix(err.Error(), "whatsapp: ")}
		}
		*phone = p
	}
	cfg, err := loadConfig(env)
	if err != nil {
		return err
	}
	log := newLogger(cfg, io.Err)
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("create data directory %s: %w", cfg.DataDir, err)
	}
	devices, err := whatsapp.OpenDevices(ctx, whatsappDB(cfg), log)
	if err != nil {
		return err
	}
	defer devices.Close()
	res, err := whatsapp.Link(ctx, devices, *phone, io.Out, log)
	if err != nil {
		return fmt.Errorf("WhatsApp not linked (%s): %w", res, err)
	}
	fmt.Fprintln(io.Out, "WhatsApp linked: `sportello serve` will answer on this number.")
	return nil
}

// whatsappLimits keep a reply-only bot far below anything that looks like bulk
// messaging: one message every two seconds overall, and the adapter adds 1–3 s of
// jitter before each.
var whatsappLimits = bot.Limits{PerSecond: 0.5, Burst: 1, PersonPerSecond: 0.5, PersonBurst: 2}

// startWhatsApp prepares the WhatsApp channel when a device is linked and the switch
// is on; it returns a nil adapter otherwise.
func (s *server) startWhatsApp(ctx context.Context) error {
	cfg := s.a.cfg
	if !cfg.WhatsApp {
		s.log.Info("WhatsApp is off (SPORTELLO_WHATSAPP=off)")
		return nil
	}
	if _, err := os.Stat(whatsappDB(cfg)); errors.Is(err, os.ErrNotExist) {
		s.log.Info("WhatsApp is not linked: run `sportello whatsapp link` to answer on WhatsApp")
		return nil
	}
	devices, err := whatsapp.OpenDevices(ctx, whatsappDB(cfg), s.log)
	if err != nil {
		return err
	}
	s.a.closers = append(s.a.closers, devices.Close)
	device, linked, err := whatsapp.FirstDevice(ctx, devices)
	if err != nil {
		return err
	}
	if !linked {
		s.log.Warn("WhatsApp is not linked (or was logged out): run `sportello whatsapp link` again")
		return nil
	}
	client := whatsmeow.NewClient(device, whatsapp.Logger(s.log, "client"))
	wa, err := whatsapp.New(client, whatsapp.Deps{
		Inbox: s.a.stores.inbox, Identities: s.a.keys, Received: s.relay.Notify,
		Log: s.log.With(slog.String("channel", whatsapp.Channel)),
	})
	if err != nil {
		return err
	}
	s.wa = wa
	s.waSender = &bot.Sender{
		Channel: whatsapp.Channel, Outbox: s.a.stores.outbox, Transport: wa, Identities: s.a.keys,
		Limits: whatsappLimits, Worker: s.holder, Log: s.log, Concurrency: 1,
		Blocked: s.markBlocked,
	}
	return nil
}

// ownWhatsApp runs the WhatsApp session and its sender while this instance holds the
// WhatsApp lease: one session per number, or WhatsApp replaces the stream. When the
// session ends for good (logged out, replaced, client outdated) the channel stays
// down, with the reason in /healthz, until it is linked again and serve restarted:
// never a reconnect loop.
func (s *server) ownWhatsApp(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	senderDone := make(chan struct{})
	go func() {
		defer close(senderDone)
		_ = s.waSender.Run(ctx)
	}()
	err := s.wa.Run(ctx)
	if err != nil && ctx.Err() == nil {
		st := s.wa.State()
		s.log.Error("WhatsApp stopped; it stays off until fixed", slog.String("status", st.Status), slog.String("reason", st.Reason))
		<-ctx.Done() // keep the lease: another instance could only fail the same way
	}
	cancel()
	<-senderDone
	return nil
}
