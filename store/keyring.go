package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"sportello/bot"
)

var _ bot.Pseudonymizer = (*Keyring)(nil)

// MinSecretLen is the shortest secret NewKeyring accepts, in bytes.
const MinSecretLen = 32

// sealVersion is authenticated with every sealed address, so a future format (or key)
// cannot be confused with this one.
const sealVersion byte = 1

// HKDF info strings: one key per purpose, so neither key can stand in for the other.
const (
	infoPersonKey = "sportello person key v1"
	infoAddress   = "sportello address seal v1"
)

// Keyring hides channel identities: it derives a person key for the stores and seals
// the reply address so a stolen database or Redis dump reveals neither phone numbers
// nor chat ids. Both keys are derived from one secret; losing the secret makes every
// stored address unreadable and every person a new person. A Keyring is safe for
// concurrent use.
type Keyring struct {
	personKey []byte
	aead      cipher.AEAD
}

// NewKeyring derives the keyring's keys from secret, which must be at least
// MinSecretLen bytes of random data.
func NewKeyring(secret []byte) (*Keyring, error) {
	if len(secret) < MinSecretLen {
		return nil, fmt.Errorf("new keyring: secret is %d bytes, need at least %d: %w",
			len(secret), MinSecretLen, errInvalid)
	}
	pk, err := hkdf.Key(sha256.New, secret, nil, infoPersonKey, 32)
	if err != nil {
		return nil, fmt.Errorf("new keyring: derive person key: %w", err)
	}
	ak, err := hkdf.Key(sha256.New, secret, nil, infoAddress, 32)
	if err != nil {
		return nil, fmt.Errorf("new keyring: derive address key: %w", err)
	}
	block, err := aes.NewCipher(ak)
	if err != nil {
		return nil, fmt.Errorf("new keyring: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("new keyring: %w", err)
	}
	return &Keyring{personKey: pk, aead: aead}, nil
}

// PersonKey returns 32 hex characters (128 bits of HMAC-SHA256) identifying sender on
// channel: the same for the same pair, unrelated across channels, and impossible to
// reverse or recompute without the secret.
func (k *Keyring) PersonKey(channel, sender string) string {
	m := hmac.New(sha256.New, k.personKey)
	m.Write([]byte(channel))
	m.Write([]byte{0})
	m.Write([]byte(sender))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// SealAddress encrypts channel and sender with AES-256-GCM under a random nonce. The
// result is nonce||ciphertext and differs on every call.
func (k *Keyring) SealAddress(channel, sender string) ([]byte, error) {
	if channel == "" || strings.IndexByte(channel, 0) >= 0 {
		return nil, fmt.Errorf("seal address: invalid channel name: %w", errInvalid)
	}
	if sender == "" {
		return nil, fmt.Errorf("seal address on %s: empty sender: %w", channel, errInvalid)
	}
	ns := k.aead.NonceSize()
	out := make([]byte, ns, ns+len(channel)+1+len(sender)+k.aead.Overhead())
	if _, err := rand.Read(out); err != nil {
		return nil, fmt.Errorf("seal address: nonce: %w", err)
	}
	plain := make([]byte, 0, len(channel)+1+len(sender))
	plain = append(append(append(plain, channel...), 0), sender...)
	return k.aead.Seal(out, out[:ns], plain, sealAD()), nil
}

// OpenAddress reverses SealAddress. It fails when sealed was altered or was sealed
// with another secret.
func (k *Keyring) OpenAddress(sealed []byte) (channel, sender string, err error) {
	ns := k.aead.NonceSize()
	if len(sealed) < ns+k.aead.Overhead() {
		return "", "", fmt.Errorf("open address: %d bytes is too short: %w", len(sealed), errInvalid)
	}
	plain, err := k.aead.Open(nil, sealed[:ns], sealed[ns:], sealAD())
	if err != nil {
		return "", "", fmt.Errorf("open address: %w", err)
	}
	channel, sender, ok := strings.Cut(string(plain), "\x00")
	if !ok {
		return "", "", fmt.Errorf("open address: malformed plaintext: %w", errInvalid)
	}
	return channel, sender, nil
}

func sealAD() []byte {
	return []byte{'s', 'p', 'o', 'r', 't', 'e', 'l', 'l', 'o', sealVersion}
}

// LoadOrCreateSecret reads the secret in the file at path. When the file does not exist
// it creates one with 32 random bytes and mode 0600 (and its directory with mode 0700),
// for the embedded single-machine mode. Creation is atomic: concurrent callers end up
// with the same secret.
func LoadOrCreateSecret(path string) ([]byte, error) {
	secret, err := readSecret(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return secret, err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create secret directory %s: %w", dir, err)
	}
	secret = make([]byte, MinSecretLen)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("create secret: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".secret-*") // mode 0600
	if err != nil {
		return nil, fmt.Errorf("create secret %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(secret)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("write secret %s: %w", path, err)
	}
	// A hard link never replaces an existing file, so a secret another process created
	// meanwhile wins and is read back below.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("create secret %s: %w", path, err)
	}
	return readSecret(path)
}

func readSecret(path string) ([]byte, error) {
	secret, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read secret %s: %w", path, err)
	}
	if len(secret) < MinSecretLen {
		return nil, fmt.Errorf("read secret %s: %d bytes, need at least %d: %w",
			path, len(secret), MinSecretLen, errInvalid)
	}
	return secret, nil
}
