package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"

	"sportello/bot/telegram"
	"sportello/store"
)

// Config is Sportello's configuration, read from SPORTELLO_* environment variables.
// Secrets may be given in a file named by the variable with a _FILE suffix.
type Config struct {
	DataDir       string     // SPORTELLO_DATA_DIR: embedded store, index, secret; default ./data
	RedisURL      string     // SPORTELLO_REDIS_URL: empty means the embedded SQLite store
	RedisPrefix   string     // SPORTELLO_REDIS_PREFIX: key prefix, so deployments can share a Redis
	ContentDir    string     // SPORTELLO_CONTENT_DIR: empty means the embedded starter knowledge base
	Secret        string     // SPORTELLO_SECRET(_FILE): key for pseudonyms and sealed addresses
	LogLevel      slog.Level // SPORTELLO_LOG_LEVEL: debug, info, warn, error
	LogFormat     string     // SPORTELLO_LOG_FORMAT: text or json
	Threshold     float64    // SPORTELLO_ANSWER_THRESHOLD: 0 means the search index's calibrated default
	ResponseHours int        // SPORTELLO_RESPONSE_HOURS: what people are told about moderators' answer time
	RetentionDays int        // SPORTELLO_RETENTION_DAYS: resolved escalations are deleted after this many days
	HTTPAddr      string     // SPORTELLO_HTTP_ADDR: where serve listens (webhook, health); default 127.0.0.1:8080
	Telegram      TelegramConfig
	WhatsApp      bool // SPORTELLO_WHATSAPP: on (default) runs WhatsApp in serve once a device is linked; off never
}

// TelegramConfig is the Telegram channel's part of the configuration.
type TelegramConfig struct {
	Token         string // SPORTELLO_TELEGRAM_TOKEN(_FILE): the bot's token; empty means no Telegram
	APIURL        string // SPORTELLO_TELEGRAM_API_URL: another Bot API server
	WebhookURL    string // SPORTELLO_TELEGRAM_WEBHOOK_URL: webhook mode instead of polling
	WebhookSecret string // SPORTELLO_TELEGRAM_WEBHOOK_SECRET(_FILE): required with a webhook
}

// getenv is os.Getenv, replaceable in tests.
type getenv func(string) string

// loadConfig reads the configuration and checks it.
func loadConfig(env getenv) (Config, error) {
	c := Config{
		DataDir:       env("SPORTELLO_DATA_DIR"),
		RedisURL:      env("SPORTELLO_REDIS_URL"),
		RedisPrefix:   env("SPORTELLO_REDIS_PREFIX"),
		ContentDir:    env("SPORTELLO_CONTENT_DIR"),
		LogFormat:     strings.ToLower(env("SPORTELLO_LOG_FORMAT")),
		HTTPAddr:      env("SPORTELLO_HTTP_ADDR"),
		ResponseHours: 24,
		RetentionDays: 30,
	}
	if c.DataDir == "" {
		c.DataDir = "data"
	}
	if c.LogFormat == "" {
		c.LogFormat = "text"
	}
	if c.RedisPrefix == "" {
		c.RedisPrefix = store.DefaultRedisPrefix
	}
	if c.HTTPAddr == "" {
		c.HTTPAddr = "127.0.0.1:8080"
	}
	c.Telegram.APIURL = env("SPORTELLO_TELEGRAM_API_URL")

	c.Telegram.WebhookURL = env("SPORTELLO_TELEGRAM_WEBHOOK_URL")
	var errs []error
	var err error
	switch v := strings.ToLower(env("SPORTELLO_WHATSAPP")); v {
	case "", "on", "true", "1":
		c.WhatsApp = true
	case "off", "false", "0":
	default:
		errs = append(errs, fmt.Errorf("SPORTELLO_WHATSAPP: %q is not on or off", v))
	}
	if strings.ContainsAny(c.RedisPrefix, "{}*?[] ") {
		errs = append(errs, fmt.Errorf("SPORTELLO_REDIS_PREFIX: %q may not contain spaces, braces or glob characters", c.RedisPrefix))
	}
	if c.Secret, err = secret(env, "SPORTELLO_SECRET"); err != nil {
		errs = append(errs, err)
	}
	if c.Telegram.Token, err = secret(env, "SPORTELLO_TELEGRAM_TOKEN"); err != nil {
		errs = append(errs, err)
	}
	if c.Telegram.WebhookSecret, err = secret(env, "SPORTELLO_TELEGRAM_WEBHOOK_SECRET"); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, c.Telegram.check()...)
	if v := env("SPORTELLO_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("SPORTELLO_LOG_LEVEL: %q is not debug, info, warn or error", v))
		}
	}
	if v := env("SPORTELLO_ANSWER_THRESHOLD"); v != "" {
		if c.Threshold, err = strconv.ParseFloat(v, 64); err != nil || c.Threshold <= 0 || c.Threshold >= 1 {
			errs = append(errs, fmt.Errorf("SPORTELLO_ANSWER_THRESHOLD: %q is not a number between 0 and 1", v))
		}
	}
	if v := env("SPORTELLO_RESPONSE_HOURS"); v != "" {
		if c.ResponseHours, err = strconv.Atoi(v); err != nil || c.ResponseHours < 1 || c.ResponseHours > 24*14 {
			errs = append(errs, fmt.Errorf("SPORTELLO_RESPONSE_HOURS: %q is not a whole number of hours from 1 to 336", v))
		}
	}
	if v := env("SPORTELLO_RETENTION_DAYS"); v != "" {
		if c.RetentionDays, err = strconv.Atoi(v); err != nil || c.RetentionDays < 1 || c.RetentionDays > 3650 {
			errs = append(errs, fmt.Errorf("SPORTELLO_RETENTION_DAYS: %q is not a whole number of days from 1 to 3650", v))
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("SPORTELLO_LOG_FORMAT: %q is not text or json", c.LogFormat))
	}
	if c.RedisURL != "" && c.Secret == "" {
		errs = append(errs, errors.New("SPORTELLO_SECRET (or SPORTELLO_SECRET_FILE) is required with SPORTELLO_REDIS_URL: every instance must share it"))
	}
	if c.Secret != "" && len(c.Secret) < 32 {
		errs = append(errs, errors.New("SPORTELLO_SECRET: must be at least 32 characters"))
	}
	return c, errors.Join(errs...)
}

func (t TelegramConfig) check() []error {
	var errs []error
	if t.APIURL != "" {
		if u, err := url.Parse(t.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("SPORTELLO_TELEGRAM_API_URL: %q is not an http(s) URL", t.APIURL))
		}
	}
	if t.WebhookURL == "" {
		return errs
	}
	if u, err := url.Parse(t.WebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
		errs = append(errs, fmt.Errorf("SPORTELLO_TELEGRAM_WEBHOOK_URL: %q is not an https URL (Telegram sends webhooks over HTTPS only)", t.WebhookURL))
	}
	if !telegram.ValidSecret(t.WebhookSecret) {
		errs = append(errs, errors.New("SPORTELLO_TELEGRAM_WEBHOOK_SECRET is required with SPORTELLO_TELEGRAM_WEBHOOK_URL: 1 to 256 letters, digits, '_' or '-'"))
	}
	if t.Token == "" {
		errs = append(errs, errors.New("SPORTELLO_TELEGRAM_WEBHOOK_URL is set without SPORTELLO_TELEGRAM_TOKEN"))
	}
	return errs
}

// secret reads NAME, or the file named by NAME_FILE; setting both is an error.
func secret(env getenv, name string) (string, error) {
	v, file := env(name), env(name+"_FILE")
	switch {
	case v != "" && file != "":
		return "", fmt.Errorf("%s and %s_FILE are both set; set one", name, name)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", name, err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return v, nil
}

// newLogger builds the process logger. Log lines never carry what people wrote or
// their channel identities; the engine logs pseudonyms only.
func newLogger(c Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
