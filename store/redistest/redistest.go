// Package redistest gives Sportello's tests a real Redis: the one named by
// SPORTELLO_TEST_REDIS_URL, or a throwaway redis-server started from PATH.
//
// Use it from any package's tests:
//
//	func TestMain(m *testing.M) { redistest.Main(m) } // optional: one server per package
//
//	func TestX(t *testing.T) {
//		client := redistest.Client(t)
//		prefix := redistest.Prefix(t, client)
//		...
//	}
//
// When no Redis can be had, tests are skipped, unless the CI environment variable is
// set (to anything but "false" or "0"): in CI a missing Redis is a failure. A Redis
// named by SPORTELLO_TEST_REDIS_URL that does not answer is always a failure.
package redistest

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// EnvURL names the environment variable with the URL of an existing Redis for tests.
const EnvURL = "SPORTELLO_TEST_REDIS_URL"

// shared is the package-wide server started lazily when Main is in use.
var shared struct {
	sync.Mutex
	main bool // Main is running the tests: share one server, stop it at the end
	srv  *Server
	err  error
}

// Main runs the tests of a package with at most one redis-server for all of them,
// stopped when they finish. Call it from TestMain. It starts the server only if a
// test asks for it.
func Main(m *testing.M) {
	shared.Lock()
	shared.main = true
	shared.Unlock()
	code := m.Run()
	shared.Lock()
	if shared.srv != nil {
		shared.srv.Stop()
	}
	shared.Unlock()
	os.Exit(code)
}

// Start returns the URL of a Redis for tb: SPORTELLO_TEST_REDIS_URL if set, else the
// package's shared server (under Main), else a server stopped when tb ends. Tests share
// the server, so each must keep to its own key prefix (see Prefix).
func Start(tb testing.TB) string {
	tb.Helper()
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	shared.Lock()
	defer shared.Unlock()
	if !shared.main {
		srv, err := StartServer()
		if err != nil {
			unavailable(tb, err)
		}
		tb.Cleanup(srv.Stop)
		return srv.URL
	}
	if shared.srv == nil && shared.err == nil {
		shared.srv, shared.err = StartServer()
	}
	if shared.err != nil {
		unavailable(tb, shared.err)
	}
	return shared.srv.URL
}

// unavailable skips tb, or fails it in CI.
func unavailable(tb testing.TB, err error) {
	tb.Helper()
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		tb.Fatalf("no Redis for tests (CI=%s): %v", ci, err)
	}
	tb.Skipf("no Redis for tests (set %s or install redis-server): %v", EnvURL, err)
}

// Client returns a client for Start's Redis with context deadlines honoured, closed
// when tb ends.
func Client(tb testing.TB) *redis.Client {
	tb.Helper()
	opt, err := redis.ParseURL(Start(tb))
	if err != nil {
		tb.Fatalf("parse %s: %v", EnvURL, err)
	}
	opt.ContextTimeoutEnabled = true
	c := redis.NewClient(opt)
	tb.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		if os.Getenv(EnvURL) != "" {
			tb.Fatalf("ping the Redis in %s: %v", EnvURL, err) // asked for, so it must work
		}
		unavailable(tb, fmt.Errorf("ping: %w", err))
	}
	return c
}

// Prefix returns a key prefix unique to tb (its name plus a random suffix, with no
// glob or hash-tag characters) and deletes the keys under it when tb ends. It never
// flushes the database.
func Prefix(tb testing.TB, c redis.UniversalClient) string {
	tb.Helper()
	var b [4]byte
	rand.Read(b[:])
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '.'
	}, tb.Name())
	prefix := "test:" + name + ":" + hex.EncodeToString(b[:])
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		del := func(ctx context.Context, c redis.UniversalClient) error {
			iter := c.Scan(ctx, 0, prefix+":*", 500).Iterator()
			for iter.Next(ctx) {
				if err := c.Unlink(ctx, iter.Val()).Err(); err != nil {
					return err
				}
			}
			return iter.Err()
		}
		var err error
		if cc, ok := c.(*redis.ClusterClient); ok {
			err = cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return del(ctx, n) })
		} else {
			err = del(ctx, c)
		}
		if err != nil {
			tb.Errorf("delete test keys under %s: %v", prefix, err)
		}
	})
	return prefix
}

// Server is a redis-server process started for tests, listening on a unix socket in a
// temporary directory (no TCP port to collide with other test runs), with no
// persistence.
type Server struct {
	URL string // unix:///…/redis.sock

	cmd    *exec.Cmd
	dir    string
	exited chan error
}

// StartServer starts redis-server from PATH and waits until it answers PING.
func StartServer() (*Server, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	// A short directory: unix socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "redistest")
	if err != nil {
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	sock := filepath.Join(dir, "redis.sock")
	cmd := exec.Command(bin, "--port", "0", "--unixsocket", sock, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--dir", dir, "--logfile", filepath.Join(dir, "redis.log"))
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start redis-server: %w", err)
	}
	s := &Server{URL: "unix://" + sock, cmd: cmd, dir: dir, exited: make(chan error, 1)}
	go func() { s.exited <- cmd.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if err := ping(sock); err == nil {
			return s, nil
		} else if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("start redis-server: no answer in 10s: %w", err)
		}
		select {
		case err := <-s.exited:
			log, _ := os.ReadFile(filepath.Join(dir, "redis.log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("start redis-server: exited (%v): %s", err, lastLine(log))
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Stop kills the server, waits for it to exit and removes its directory.
func (s *Server) Stop() {
	s.cmd.Process.Kill()
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
	}
	os.RemoveAll(s.dir)
}

// ping sends PING over the socket and expects +PONG.
func ping(sock string) error {
	conn, err := net.DialTimeout("unix", sock, time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return err
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if !strings.HasPrefix(line, "+PONG") {
		return errors.New("unexpected answer to PING: " + strings.TrimSpace(line))
	}
	return nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
