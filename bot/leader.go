package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Lead runs fn whenever holder holds the named lease, until ctx is done: it tries to
// take the lease every ttl/3, renews it as often while fn runs, and cancels fn's context
// as soon as a renewal fails, so two processes never work as owner for longer than
// ttl. When fn returns an error while the lease is held, Lead gives the lease up, waits
// ttl/3 and tries again. The lease is released when ctx is done.
func Lead(ctx context.Context, leases Leases, name, holder string, ttl time.Duration, log *slog.Logger, fn func(context.Context) error) {
	log = log.With(slog.String("lease", name))
	every := ttl / 3
	defer func() {
		if err := leases.Release(context.WithoutCancel(ctx), name, holder); err != nil {
			log.Warn("lease not released; it runs out by itself", slog.String("error", err.Error()))
		}
	}()
	for ctx.Err() == nil {
		held, err := leases.Acquire(ctx, name, holder, ttl)
		if err != nil && ctx.Err() == nil {
			log.Error("lease unavailable", slog.String("error", err.Error()))
		}
		if held {
			log.Info("lease taken: this process is the owner")
			if err := hold(ctx, leases, name, holder, ttl, fn); err != nil && ctx.Err() == nil {
				log.Warn("no longer the owner", slog.String("reason", err.Error()))
			}
		}
		Sleep(ctx, every)
	}
}

// hold runs fn while renewing the lease, and returns why it stopped.
func hold(ctx context.Context, leases Leases, name, holder string, ttl time.Duration, fn func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()
	tick := time.NewTicker(ttl / 3)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			// The owner's work stopped by itself: let another process try.
			_ = leases.Release(context.WithoutCancel(ctx), name, holder)
			return fmt.Errorf("owner stopped: %v", err)
		case <-ctx.Done():
			<-done
			return ctx.Err()
		case <-tick.C:
		}
		held, err := leases.Acquire(ctx, name, holder, ttl)
		if err != nil || !held {
			cancel()
			<-done
			if err == nil {
				err = errors.New("taken by another process")
			}
			return fmt.Errorf("lease lost: %w", err)
		}
	}
}
