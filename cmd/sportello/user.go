package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"sportello/console"
)

func runUserAdd(ctx context.Context, args []string, io stdio, env getenv) error {
	fs := newFlags("user add", "user add --role moderator|editor|admin NAME\n\nCreate a console account, or set the role and password of an existing one. The\npassword is read from standard input (its first line), or asked for twice when\nstandard input is a terminal.", io)
	role := fs.String("role", "moderator", "moderator, editor or admin")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"user add takes one account name"}
	}
	name := fs.Arg(0)
	r := console.Role(*role)
	if !r.Valid() {
		return usageError{fmt.Sprintf("--role %q is not moderator, editor or admin", *role)}
	}
	password, err := readPassword(io)
	if err != nil {
		return err
	}
	hash, err := console.HashPassword(password)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(env)
	if err != nil {
		return err
	}
	a := &app{cfg: cfg, log: newLogger(cfg, io.Err)}
	defer a.Close()
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("create data directory %s: %w", cfg.DataDir, err)
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	if err := st.accounts.PutUser(ctx, console.User{Name: name, Role: r, PasswordHash: hash}); err != nil {
		return err
	}
	if err := st.accounts.Audit(ctx, console.AuditEntry{Actor: "sportello user add", Action: "user.add", Target: name, Detail: string(r)}); err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "account %s (%s) saved\n", name, r)
	return nil
}

// readPassword reads the password: asked twice on a terminal, else the first line of
// standard input.
func readPassword(io stdio) (string, error) {
	if f, ok := io.In.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(io.Err, "Password: ")
		p1, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.Err)
		if err != nil {
			return "", err
		}
		fmt.Fprint(io.Err, "Again: ")
		p2, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.Err)
		if err != nil {
			return "", err
		}
		if string(p1) != string(p2) {
			return "", errors.New("the two passwords differ")
		}
		return string(p1), nil
	}
	line, err := bufio.NewReader(io.In).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password on standard input")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
