package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"golang.org/x/term"

	"sportello/bot/terminal"
)

func runChat(ctx context.Context, args []string, io stdio, env getenv) error {
	fs := newFlags("chat", "chat\n\nTalk to Sportello in the terminal. When standard input is not a terminal, each\nline is one message, so a conversation can be piped in.", io)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"chat takes no arguments"}
	}
	cfg, err := loadConfig(env)
	if err != nil {
		return err
	}
	if env("SPORTELLO_LOG_LEVEL") == "" {
		cfg.LogLevel = slog.LevelError // keep the conversation readable
	}
	log := newLogger(cfg, io.Err)
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()

	interactive := isTerminal(io.In)
	if interactive {
		fmt.Fprintln(io.Out, "Sportello: write your question in English, Français, دری, پښتو, العربية or Українська.")
		fmt.Fprintln(io.Out, "Type a number to choose an option, /language to change language, Ctrl+D to leave.")
	}
	ch := &terminal.Channel{
		In: io.In, Out: io.Out, Interactive: interactive,
		OnError: func(err error) {
			log.Error("message not handled", slog.Any("error", err))
			fmt.Fprintln(io.Err, "sportello chat: your message could not be saved; please send it again")
		},
	}
	return ch.Run(ctx, a.engine.Handle)
}

func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
