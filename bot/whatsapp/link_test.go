package whatsapp

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"+393331234567", "+393331234567", true},
		{"+39 333 123-4567", "+393331234567", true},
		{"+1 (555) 010.0000", "+15550100000", true},
		{"+12345678", "+12345678", true},               // 8 digits
		{"+123456789012345", "+123456789012345", true}, // 15 digits
		{"+1234567", "", false},                        // 7 digits
		{"+1234567890123456", "", false},               // 16 digits
		{"393331234567", "", false},                    // no +
		{"00393331234567", "", false},
		{"+0393331234567", "", false},
		{"+39333abc4567", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := NormalizePhone(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestLinkRefusesBadNumber(t *testing.T) {
	c, err := OpenDevices(context.Background(), filepath.Join(t.TempDir(), "whatsapp.db"), quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var out bytes.Buffer
	res, err := Link(context.Background(), c, "3331234567", &out, quiet())
	if res != LinkFailed || err == nil || !strings.Contains(err.Error(), "international") {
		t.Errorf("Link() = %q, %v; want failed, not international", res, err)
	}
}

func TestLinkRefusesWhenLinked(t *testing.T) {
	c, err := OpenDevices(context.Background(), filepath.Join(t.TempDir(), "whatsapp.db"), quiet())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	linkedDevice(t, c)
	res, err := Link(context.Background(), c, "", &bytes.Buffer{}, quiet())
	if res != LinkFailed || err == nil || !strings.Contains(err.Error(), "already linked; unlink it from the phone first or delete DataDir/whatsapp.db") {
		t.Errorf("Link() = %q, %v; want a refusal", res, err)
	}
}

// items returns a QR channel holding its arguments, closed after them.
func items(its ...whatsmeow.QRChannelItem) <-chan whatsmeow.QRChannelItem {
	ch := make(chan whatsmeow.QRChannelItem, len(its))
	for _, it := range its {
		ch <- it
	}
	close(ch)
	return ch
}

func code(c string, timeout time.Duration) whatsmeow.QRChannelItem {
	return whatsmeow.QRChannelItem{Event: whatsmeow.QRChannelEventCode, Code: c, Timeout: timeout}
}

func TestFollowQR(t *testing.T) {
	tests := []struct {
		name string
		its  []whatsmeow.QRChannelItem
		res  LinkResult
		err  string
	}{
		{"linked", []whatsmeow.QRChannelItem{code("2@abc", 60*time.Second), code("2@def", 20*time.Second), whatsmeow.QRChannelSuccess}, LinkLinked, ""},
		{"timeout", []whatsmeow.QRChannelItem{code("2@abc", 60*time.Second), whatsmeow.QRChannelTimeout}, LinkTimeout, "in time"},
		{"channel closed", []whatsmeow.QRChannelItem{code("2@abc", 60*time.Second)}, LinkTimeout, "in time"},
		{"outdated", []whatsmeow.QRChannelItem{whatsmeow.QRChannelClientOutdated}, LinkOutdated, "update whatsmeow"},
		{"unexpected", []whatsmeow.QRChannelItem{whatsmeow.QRChannelErrUnexpectedEvent}, LinkFailed, "unexpected"},
		{"error", []whatsmeow.QRChannelItem{{Event: whatsmeow.QRChannelEventError, Error: errors.New("pair 393331234567@s.whatsapp.net: bad signature")}}, LinkFailed, "bad signature"},
		{"passkey", []whatsmeow.QRChannelItem{{Event: whatsmeow.QRChannelEventPasskeyRequest}}, LinkFailed, "passkey"},
		{"old phone", []whatsmeow.QRChannelItem{whatsmeow.QRChannelScannedWithoutMultidevice, whatsmeow.QRChannelSuccess}, LinkLinked, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			res, err := follow(context.Background(), items(tt.its...), &out, nil)
			if res != tt.res {
				t.Errorf("follow() = %q, want %q", res, tt.res)
			}
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Errorf("follow() error = %v, want one containing %q", err, tt.err)
			}
			if err != nil && strings.Contains(err.Error(), "393331234567") {
				t.Errorf("error names a number: %v", err)
			}
		})
	}
	var out bytes.Buffer
	follow(context.Background(), items(code("2@abc", 60*time.Second), code("2@def", 20*time.Second), whatsmeow.QRChannelSuccess), &out, nil)
	s := out.String()
	if strings.Count(s, "Valid for") != 2 || !strings.Contains(s, "Valid for 60 seconds") || !strings.Contains(s, "Valid for 20 seconds") ||
		!strings.Contains(s, "Linked devices") || !strings.ContainsAny(s, "▀▄█") {
		t.Errorf("output does not show two QR codes with their validity:\n%s", s)
	}
}

func TestFollowPairingCode(t *testing.T) {
	calls := 0
	pair := func(context.Context) (string, error) { calls++; return "ABCD-EFGH", nil }
	var out bytes.Buffer
	res, err := follow(context.Background(), items(code("2@abc", 60*time.Second), code("2@def", 20*time.Second), whatsmeow.QRChannelSuccess), &out, pair)
	if res != LinkLinked || err != nil || calls != 1 {
		t.Fatalf("follow() = %q, %v after %d pairing calls; want linked after 1", res, err, calls)
	}
	if s := out.String(); !strings.Contains(s, "ABCD-EFGH") || !strings.Contains(s, "Link with phone number") || strings.ContainsAny(s, "▀▄█") {
		t.Errorf("output = %q; want the code and how to enter it, no QR code", s)
	}

	for _, tt := range []struct {
		err  error
		want string
	}{
		{whatsmeow.ErrIQRateOverLimit, "rate over limit"},
		{whatsmeow.ErrPhoneNumberIsNotInternational, "not international"},
		{whatsmeow.ErrPhoneNumberTooShort, "too short"},
		{errors.New("boom"), "boom"},
	} {
		pair := func(context.Context) (string, error) { return "", tt.err }
		res, err := follow(context.Background(), items(code("2@abc", 60*time.Second)), &bytes.Buffer{}, pair)
		if res != LinkFailed || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("pairing error %v: follow() = %q, %v; want failed, %q", tt.err, res, err, tt.want)
		}
	}
}

func TestFollowCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := follow(ctx, make(chan whatsmeow.QRChannelItem), &bytes.Buffer{}, nil)
	if res != LinkCancelled || err == nil {
		t.Errorf("follow() = %q, %v; want cancelled", res, err)
	}
}
