package store_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"sportello/store"
)

func mustKeyring(tb testing.TB, secret string) *store.Keyring {
	tb.Helper()
	k, err := store.NewKeyring([]byte(secret))
	if err != nil {
		tb.Fatalf("NewKeyring: %v", err)
	}
	return k
}

const testSecret = "0123456789abcdef0123456789abcdef" // 32 bytes

func TestNewKeyringShortSecret(t *testing.T) {
	for _, secret := range []string{"", "short", testSecret[:31]} {
		if _, err := store.NewKeyring([]byte(secret)); err == nil {
			t.Errorf("NewKeyring with a %d-byte secret succeeded", len(secret))
		}
	}
}

func TestPersonKey(t *testing.T) {
	k := mustKeyring(t, testSecret)
	const sender = "+393331234567"
	a := k.PersonKey("whatsapp", sender)
	if len(a) != 32 || strings.Trim(a, "0123456789abcdef") != "" {
		t.Fatalf("PersonKey = %q, want 32 lowercase hex characters", a)
	}
	if b := k.PersonKey("whatsapp", sender); b != a {
		t.Fatalf("PersonKey not stable: %q then %q", a, b)
	}
	tests := []struct{ name, channel, sender string }{
		{"other channel", "telegram", sender},
		{"other sender", "whatsapp", "+393331234568"},
		{"boundary moved", "whatsapp+", "393331234567"},
	}
	for _, tc := range tests {
		if got := k.PersonKey(tc.channel, tc.sender); got == a {
			t.Errorf("%s: same key %q", tc.name, got)
		}
	}
	if got := mustKeyring(t, strings.ToUpper(testSecret)).PersonKey("whatsapp", sender); got == a {
		t.Error("another secret gives the same person key")
	}
	if strings.Contains(a, sender) || strings.Contains(a, "3331234567") {
		t.Errorf("PersonKey %q contains the sender", a)
	}
}

func TestSealOpenAddress(t *testing.T) {
	k := mustKeyring(t, testSecret)
	tests := []struct{ channel, sender string }{
		{"telegram", "123456789"},
		{"whatsapp", "393331234567@s.whatsapp.net"},
		{"terminal", "with\x00nul"},
	}
	for _, tc := range tests {
		sealed, err := k.SealAddress(tc.channel, tc.sender)
		if err != nil {
			t.Fatalf("SealAddress(%q): %v", tc.channel, err)
		}
		if bytes.Contains(sealed, []byte(tc.sender)) || bytes.Contains(sealed, []byte(tc.channel)) {
			t.Errorf("sealed address contains the plaintext")
		}
		ch, snd, err := k.OpenAddress(sealed)
		if err != nil || ch != tc.channel || snd != tc.sender {
			t.Errorf("OpenAddress = %q, %q, %v; want %q, %q", ch, snd, err, tc.channel, tc.sender)
		}
		again, _ := k.SealAddress(tc.channel, tc.sender)
		if bytes.Equal(sealed, again) {
			t.Errorf("sealing twice gave the same bytes")
		}
	}
}

func TestOpenAddressRejectsTampering(t *testing.T) {
	k := mustKeyring(t, testSecret)
	const sender = "393331234567@s.whatsapp.net"
	sealed, err := k.SealAddress("whatsapp", sender)
	if err != nil {
		t.Fatal(err)
	}
	for i := range sealed {
		bad := bytes.Clone(sealed)
		bad[i] ^= 0x01
		if _, _, err := k.OpenAddress(bad); err == nil {
			t.Fatalf("OpenAddress accepted a flipped bit in byte %d", i)
		}
	}
	for _, bad := range [][]byte{nil, sealed[:12], sealed[:len(sealed)-1], append(bytes.Clone(sealed), 0)} {
		_, _, err := k.OpenAddress(bad)
		if err == nil {
			t.Fatalf("OpenAddress accepted %d bytes", len(bad))
		}
		if strings.Contains(err.Error(), sender) {
			t.Fatalf("error shows the sender: %v", err)
		}
	}
	other := mustKeyring(t, strings.ToUpper(testSecret))
	if _, _, err := other.OpenAddress(sealed); err == nil {
		t.Fatal("another secret opened the address")
	}
}

func TestSealAddressInvalid(t *testing.T) {
	k := mustKeyring(t, testSecret)
	for _, tc := range []struct{ channel, sender string }{{"", "1"}, {"tele\x00gram", "1"}, {"telegram", ""}} {
		if _, err := k.SealAddress(tc.channel, tc.sender); err == nil {
			t.Errorf("SealAddress(%q, %q) succeeded", tc.channel, tc.sender)
		}
	}
}

func TestLoadOrCreateSecret(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "keys")
	path := filepath.Join(dir, "secret")
	s1, err := store.LoadOrCreateSecret(path)
	if err != nil {
		t.Fatalf("LoadOrCreateSecret (create): %v", err)
	}
	if len(s1) != 32 {
		t.Fatalf("new secret has %d bytes, want 32", len(s1))
	}
	for p, want := range map[string]fs.FileMode{path: 0o600, dir: 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("mode of %s = %v, want %v", p, got, want)
		}
	}
	s2, err := store.LoadOrCreateSecret(path)
	if err != nil || !bytes.Equal(s1, s2) {
		t.Fatalf("LoadOrCreateSecret (reuse) = %x, %v; want the first secret", s2, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("directory holds %d files, want only the secret", len(entries))
	}
	if _, err := store.NewKeyring(s1); err != nil {
		t.Fatalf("NewKeyring(created secret): %v", err)
	}
}

func TestLoadOrCreateSecretConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret")
	var (
		wg      sync.WaitGroup
		secrets [8][]byte
		errs    [8]error
	)
	for i := range secrets {
		wg.Go(func() { secrets[i], errs[i] = store.LoadOrCreateSecret(path) })
	}
	wg.Wait()
	for i := range secrets {
		if errs[i] != nil || !bytes.Equal(secrets[i], secrets[0]) {
			t.Fatalf("caller %d got %x, %v; want the same secret as caller 0", i, secrets[i], errs[i])
		}
	}
}

func TestLoadOrCreateSecretTooShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(path, []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := store.LoadOrCreateSecret(path); err == nil {
		t.Fatal("LoadOrCreateSecret accepted a short secret")
	}
	if _, err := store.LoadOrCreateSecret(filepath.Join(path, "under-a-file")); err == nil {
		t.Fatal("LoadOrCreateSecret under a regular file succeeded")
	}
}
