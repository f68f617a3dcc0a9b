package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenDevices(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "whatsapp.db")
	c, err := OpenDevices(ctx, path, quiet())
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("device store mode %v, want readable by its owner only", perm)
	}
	dev, linked, err := FirstDevice(ctx, c)
	if err != nil || linked || dev == nil {
		t.Fatalf("FirstDevice() = %v, %v, %v; want a new unlinked device", dev, linked, err)
	}
	linkedDevice(t, c)
	c.Close()

	// Reopened, the schema is already there and the device is linked.
	c, err = OpenDevices(ctx, path, quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	dev, linked, err = FirstDevice(ctx, c)
	if err != nil || !linked || *dev.ID != ownJID {
		t.Fatalf("FirstDevice() after reopening = %v, %v, %v; want the linked device", dev.ID, linked, err)
	}
}

func TestOpenDevicesBadPath(t *testing.T) {
	for _, p := range []string{"", ":memory:", "x.db?mode=ro", filepath.Join(t.TempDir(), "missing", "whatsapp.db")} {
		if c, err := OpenDevices(context.Background(), p, quiet()); err == nil {
			c.Close()
			t.Errorf("OpenDevices(%q) succeeded", p)
		}
	}
	if _, _, err := FirstDevice(context.Background(), nil); err == nil {
		t.Error("FirstDevice(nil) succeeded")
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"message from 393331234567@s.whatsapp.net in 120363000000000001@g.us", "message from <jid> in <jid>"},
		{"sender 123456789012345:12@lid", "sender <jid>"},
		{"device 393331234567.0:7@s.whatsapp.net ok", "device <jid> ok"},
		{"pairing +393331234567", "pairing <number>"},
		{"status@broadcast", "<jid>"},
		{"retry 3 of 5, code 429", "retry 3 of 5, code 429"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	err := hide(errors.Join(ErrLoggedOut, errors.New("for 393331234567@s.whatsapp.net")))
	if !errors.Is(err, ErrLoggedOut) || strings.Contains(err.Error(), "3933") {
		t.Errorf("hide() = %v; want the sentinel kept and the JID gone", err)
	}
	if hide(nil) != nil {
		t.Error("hide(nil) != nil")
	}
}

func TestLogger(t *testing.T) {
	var buf bytes.Buffer
	l := Logger(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo})), "client").Sub("Recv")
	l.Warnf("Error decrypting message %s from %s: %v", "3EB0AB", "393331234567@s.whatsapp.net", "no session")
	l.Debugf("frame %s", "393331234567@s.whatsapp.net")
	s := buf.String()
	if strings.Contains(s, "393331234567") || !strings.Contains(s, "from <jid>") || !strings.Contains(s, "module=whatsmeow/client") || !strings.Contains(s, "sub=Recv") {
		t.Errorf("log = %q", s)
	}
	if strings.Contains(s, "frame") {
		t.Errorf("debug message logged at info level: %q", s)
	}
}
