// Command sportello is Sportello, a multilingual helpdesk bot for migrants and refugees
// in Italy. Run it without arguments for the list of commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// defaultMemoryLimit is the Go runtime's soft memory limit when GOMEMLIMIT is not set.
// Without it the collector lets the heap grow to twice the live data, and building the
// index of a large knowledge base (60,000 documents) peaks above 300 MB; with it the
// collector works harder near the limit instead (README: Performance).
const defaultMemoryLimit = 200 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, os.Getenv)
	stop()
	os.Exit(code)
}
