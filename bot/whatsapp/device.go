package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"

	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	waLog "go.mau.fi/whatsmeow/util/log"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// OpenDevices opens (creating if needed) the whatsmeow device store at path, a
// SQLite file that holds the linked device's keys and sessions, and brings its schema
// up to date. The file is created readable by its owner only: whoever copies it can
// read and send the number's messages. Close the container when done.
func OpenDevices(ctx context.Context, path string, log *slog.Logger) (*sqlstore.Container, error) {
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, ":memory:") {
		return nil, fmt.Errorf("whatsapp: open device store %q: need a plain file path", path)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("whatsapp: open device store: %w", err)
	}
	f.Close()
	// whatsmeow refuses to upgrade a SQLite database without foreign keys, and the
	// pragma holds per connection, so it goes in the DSN.
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)"
	c, err := sqlstore.New(ctx, "sqlite", dsn, Logger(log, "store"))
	if err != nil {
		return nil, fmt.Errorf("whatsapp: open device store %s: %w", path, err)
	}
	return c, nil
}

// FirstDevice returns the store's device and whether it is linked to a phone. An
// empty store gives a new, unlinked device, which Link pairs.
func FirstDevice(ctx context.Context, c *sqlstore.Container) (*store.Device, bool, error) {
	if c == nil {
		return nil, false, errors.New("whatsapp: no device store")
	}
	dev, err := c.GetFirstDevice(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("whatsapp: read device: %w", err)
	}
	return dev, dev.ID != nil, nil
}

// Logger adapts a slog.Logger for whatsmeow, under the attribute "module". whatsmeow
// writes JIDs (phone numbers) into its messages; they are replaced by "<jid>", and
// any long run of digits by "<number>". Debug messages are formatted only when the
// logger is enabled for debug, as whatsmeow logs every network frame at that level.
func Logger(log *slog.Logger, module string) waLog.Logger {
	if log == nil {
		log = slog.Default()
	}
	return &waLogger{log: log.With(slog.String("module", "whatsmeow/"+module))}
}

type waLogger struct{ log *slog.Logger }

func (l *waLogger) Errorf(msg string, args ...any) { l.emit(slog.LevelError, msg, args) }
func (l *waLogger) Warnf(msg string, args ...any)  { l.emit(slog.LevelWarn, msg, args) }
func (l *waLogger) Infof(msg string, args ...any)  { l.emit(slog.LevelInfo, msg, args) }
func (l *waLogger) Debugf(msg string, args ...any) { l.emit(slog.LevelDebug, msg, args) }

func (l *waLogger) Sub(module string) waLog.Logger {
	return &waLogger{log: l.log.With(slog.String("sub", module))}
}

func (l *waLogger) emit(level slog.Level, msg string, args []any) {
	if !l.log.Enabled(context.Background(), level) {
		return
	}
	l.log.Log(context.Background(), level, Redact(fmt.Sprintf(msg, args...)))
}

var (
	jidRE    = regexp.MustCompile(`[0-9A-Za-z._:+\-]*@(?:s\.whatsapp\.net|c\.us|lid|g\.us|broadcast|newsletter|hosted(?:\.lid)?|bot|msgr|interop)\b`)
	digitsRE = regexp.MustCompile(`\+?\d{7,}`)
)

// Redact removes JIDs and phone numbers from a text meant for a log.
func Redact(s string) string {
	s = jidRE.ReplaceAllString(s, "<jid>")
	return digitsRE.ReplaceAllString(s, "<number>")
}

// redacted is an error whose message went through Redact; errors.Is and errors.As
// still see the original.
type redacted struct{ err error }

func (e redacted) Error() string { return Redact(e.err.Error()) }
func (e redacted) Unwrap() error { return e.err }

// hide wraps err so that its message names no one; nil stays nil.
func hide(err error) error {
	if err == nil {
		return nil
	}
	return redacted{err}
}

// pseudonym is the prefix of a person key, enough to follow one person in the logs.
func pseudonym(personKey string) string {
	if len(personKey) > 8 {
		return personKey[:8]
	}
	return personKey
}
