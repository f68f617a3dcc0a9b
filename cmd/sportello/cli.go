package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// stdio is where a command reads and writes.
type stdio struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// command is one subcommand of sportello.
type command struct {
	name    string // "content lint" for a two-word command
	summary string
	run     func(ctx context.Context, args []string, io stdio, env getenv) error
}

var commands = []command{
	{"chat", "talk to Sportello in the terminal", runChat},
	{"serve", "run the channels (Telegram), the moderators' console and the HTTP endpoints", runServe},
	{"user add", "create a console account: user add --role moderator|editor|admin NAME", runUserAdd},
	{"whatsapp link", "link a WhatsApp number as a linked device: whatsapp link [--phone +39...]", runWhatsAppLink},
	{"search", "search the knowledge base: search --lang L [--json] QUERY", runSearch},
	{"eval", "measure answers on evaluation cases: eval [--json] FILE.jsonl", runEval},
	{"content lint", "check a knowledge base: content lint [DIR]", runLint},
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// run executes the command line and returns the exit status. Users see one line per
// error and never a stack trace.
func run(ctx context.Context, args []string, io stdio, env getenv) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(io.Err, "sportello: internal error; please report it with the command you ran")
			code = 70
		}
	}()
	cmd, rest, ok := findCommand(args)
	if !ok {
		if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
			usage(io.Out)
			return 0
		}
		fmt.Fprintf(io.Err, "sportello: unknown command %q (run sportello --help)\n", strings.Join(args, " "))
		return 2
	}
	err := cmd.run(ctx, rest, io, env)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(io.Err, "sportello %s: %s\n", cmd.name, ue.msg)
		return 2
	default:
		fmt.Fprintf(io.Err, "sportello %s: %s\n", cmd.name, oneLine(err))
		return 1
	}
}

// findCommand matches the longest command name at the start of args.
func findCommand(args []string) (command, []string, bool) {
	sorted := append([]command(nil), commands...)
	sort.Slice(sorted, func(i, j int) bool { return len(sorted[i].name) > len(sorted[j].name) })
	for _, c := range sorted {
		words := strings.Fields(c.name)
		if len(args) >= len(words) && strings.Join(args[:len(words)], " ") == c.name {
			return c, args[len(words):], true
		}
	}
	return command{}, nil, false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Sportello: a multilingual helpdesk bot for migrants and refugees in Italy.")
	fmt.Fprintln(w, "\nUsage: sportello COMMAND [options]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun sportello COMMAND --help for a command's options. Configuration comes from")
	fmt.Fprintln(w, "SPORTELLO_* environment variables (see README.md).")
}

// newFlags returns a flag set that prints its usage to io.Out on --help and reports
// errors as usage errors instead of exiting.
func newFlags(name, synopsis string, io stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	out := io.Out
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: sportello %s\n", synopsis)
		fs.SetOutput(out)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning flag errors into one-line usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return err
	}
	if err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// oneLine keeps an error on one line, so a user sees a reason rather than a dump.
func oneLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " (and more)"
	}
	return s
}
