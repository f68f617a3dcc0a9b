package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"sportello/bot"
	"sportello/console"
	"sportello/content"
	"sportello/locales"
	"sportello/search"
	"sportello/store"
)

// app is Sportello wired together: knowledge base, index, store and engine.
type app struct {
	cfg     Config
	log     *slog.Logger
	base    *content.Base
	index   *search.Index
	engine  *bot.Engine
	keys    *store.Keyring
	msgs    *locales.Bundle
	stores  stores
	closers []func() error // in the order to close
}

// stores are the parts of the store Sportello uses, all in SQLite or all in Redis.
type stores struct {
	conversations bot.Conversations
	escalations   bot.Escalations
	inbox         bot.Inbox
	outbox        bot.Outbox
	leases        bot.Leases
	accounts      console.Accounts
}

// loadBase loads the knowledge base: SPORTELLO_CONTENT_DIR or the embedded one.
func loadBase(cfg Config) (*content.Base, error) {
	var fsys fs.FS = content.Embedded()
	if cfg.ContentDir != "" {
		if st, err := os.Stat(cfg.ContentDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("SPORTELLO_CONTENT_DIR: %s is not a directory", cfg.ContentDir)
		}
		fsys = os.DirFS(cfg.ContentDir)
	}
	base, err := content.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("load knowledge base: %w", err)
	}
	return base, nil
}

// openIndex opens the search index over base in dir, building it if needed.
func openIndex(dir string, base *content.Base) (*search.Index, error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	ix, err := search.Open(dir, base.Articles())
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", err)
	}
	return ix, nil
}

// threshold is the configured answer threshold, or the index's calibrated one.
func (c Config) threshold() float64 {
	if c.Threshold > 0 {
		return c.Threshold
	}
	return search.DefaultThreshold
}

// openApp wires Sportello for a conversation: the embedded store under the data
// directory, or Redis when SPORTELLO_REDIS_URL is set.
func openApp(ctx context.Context, cfg Config, log *slog.Logger) (a *app, err error) {
	a = &app{cfg: cfg, log: log}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory %s: %w", cfg.DataDir, err)
	}
	if a.base, err = loadBase(cfg); err != nil {
		return nil, err
	}
	if a.index, err = openIndex(filepath.Join(cfg.DataDir, "index"), a.base); err != nil {
		return nil, err
	}
	a.closers = append(a.closers, a.index.Close)
	if a.keys, err = a.keyring(); err != nil {
		return nil, err
	}
	if a.stores, err = a.openStore(ctx); err != nil {
		return nil, err
	}
	if err := purgeResolved(ctx, a.stores.escalations, cfg.RetentionDays, log); err != nil {
		return nil, err
	}
	if a.msgs, err = locales.New(); err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	a.engine, err = bot.New(bot.Deps{
		Articles: a.base, Searcher: a.index, Conversations: a.stores.conversations,
		Escalations: a.stores.escalations, Identities: a.keys, Messages: a.msgs, Log: log,
	}, bot.Config{Threshold: cfg.threshold(), ResponseHours: cfg.ResponseHours})
	return a, err
}

// purgeResolved deletes escalations resolved more than days ago: what people wrote is
// kept no longer than moderators need it.
func purgeResolved(ctx context.Context, escs bot.Escalations, days int, log *slog.Logger) error {
	n, err := escs.PurgeResolved(ctx, time.Now().AddDate(0, 0, -days))
	if err != nil {
		return fmt.Errorf("purge resolved escalations: %w", err)
	}
	if n > 0 {
		log.Info("resolved escalations deleted", slog.Int("count", n), slog.Int("retention_days", days))
	}
	return nil
}

// keyring uses SPORTELLO_SECRET, or a secret kept in the data directory.
func (a *app) keyring() (*store.Keyring, error) {
	secret := []byte(a.cfg.Secret)
	if len(secret) == 0 {
		var err error
		if secret, err = store.LoadOrCreateSecret(filepath.Join(a.cfg.DataDir, "secret.key")); err != nil {
			return nil, fmt.Errorf("secret: %w", err)
		}
	}
	return store.NewKeyring(secret)
}

func (a *app) openStore(ctx context.Context) (stores, error) {
	if a.cfg.RedisURL != "" {
		client, err := store.OpenRedis(ctx, a.cfg.RedisURL)
		if err != nil {
			return stores{}, fmt.Errorf("redis: %w", err)
		}
		a.closers = append(a.closers, client.Close)
		r := store.NewRedis(client, a.cfg.RedisPrefix, bot.SystemClock{})
		return stores{r, r, r.Inbox(), r.Outbox(), r.Leases(), r.Accounts()}, nil
	}
	db, err := store.OpenSQLite(ctx, filepath.Join(a.cfg.DataDir, "sportello.db"))
	if err != nil {
		return stores{}, fmt.Errorf("open store: %w", err)
	}
	a.closers = append(a.closers, db.Close)
	return stores{db, db, db.Inbox(), db.Outbox(), db.Leases(), db.Accounts()}, nil
}

// Close closes the store and the index, the last opened first.
func (a *app) Close() error {
	var errs []error
	for i := len(a.closers) - 1; i >= 0; i-- {
		errs = append(errs, a.closers[i]())
	}
	a.closers = nil
	return errors.Join(errs...)
}
