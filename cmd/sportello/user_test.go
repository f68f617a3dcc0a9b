package main

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"sportello/console"
)

func TestUserAdd(t *testing.T) {
	env := map[string]string{"SPORTELLO_DATA_DIR": t.TempDir()}
	code, out, errOut := runCmd(t, env, "a long enough passphrase\n", "user", "add", "--role", "admin", "anna")
	if code != 0 || !strings.Contains(out, "anna (admin)") {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	// The account works: the stored hash matches, the role is kept, the audit log says who.
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: cfg}
	defer a.Close()
	st, err := a.openStore(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.accounts.GetUser(t.Context(), "anna")
	if err != nil || u.Role != console.RoleAdmin || bcrypt.CompareHashAndPassword(u.PasswordHash, []byte("a long enough passphrase")) != nil {
		t.Fatalf("stored account %+v, %v", u, err)
	}
	if log, err := st.accounts.AuditLog(t.Context(), 10); err != nil || len(log) != 1 || log[0].Action != "user.add" || log[0].Target != "anna" {
		t.Fatalf("audit log %+v, %v", log, err)
	}
	a.Close()

	for _, c := range []struct {
		name, in string
		args     []string
		code     int
		want     string
	}{
		{"short password", "short\n", []string{"--role", "moderator", "bruno"}, 1, "at least 12"},
		{"no password", "", []string{"bruno"}, 1, "no password"},
		{"unknown role", "a long enough passphrase\n", []string{"--role", "boss", "bruno"}, 2, "not moderator, editor or admin"},
		{"no name", "a long enough passphrase\n", []string{"--role", "moderator"}, 2, "one account name"},
		{"bad name", "a long enough passphrase\n", []string{"bruno<script>"}, 1, "invalid"},
	} {
		code, _, errOut := runCmd(t, env, c.in, append([]string{"user", "add"}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, %q; want exit %d and one line with %q", c.name, code, errOut, c.code, c.want)
		}
	}
}
