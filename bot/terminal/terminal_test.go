package terminal

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"sportello/bot"
)

func TestRunPipedConversation(t *testing.T) {
	in := strings.NewReader("first question\n\n  \nsecond\r\n")
	var out bytes.Buffer
	var got []bot.Inbound
	ch := &Channel{In: in, Out: &out}
	err := ch.Run(t.Context(), func(_ context.Context, m bot.Inbound) ([]bot.Reply, error) {
		got = append(got, m)
		return []bot.Reply{{Title: "Title", Text: "Text for " + m.Text, Options: []bot.Option{{ID: "a", Label: "Yes"}, {ID: "b", Label: "No"}}}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Text != "first question" || got[1].Text != "second" {
		t.Fatalf("messages = %+v, want the two non-blank lines", got)
	}
	if got[0].Channel != "terminal" || got[0].Sender != "local" || got[0].MessageID == got[1].MessageID {
		t.Fatalf("inbound fields = %+v", got[0])
	}
	want := "\nTitle\nText for first question\n  1. Yes\n  2. No\n"
	if !strings.HasPrefix(out.String(), want) {
		t.Fatalf("output = %q, want it to start with %q", out.String(), want)
	}
	if strings.Contains(out.String(), "\x1b") || strings.Contains(out.String(), "> ") {
		t.Fatalf("piped output has a prompt or escapes: %q", out.String())
	}
}

func TestRunKeepsGoingAfterAnError(t *testing.T) {
	var out bytes.Buffer
	var errs []error
	ch := &Channel{In: strings.NewReader("a\nb\n"), Out: &out, OnError: func(err error) { errs = append(errs, err) }}
	n := 0
	ch.Run(t.Context(), func(context.Context, bot.Inbound) ([]bot.Reply, error) {
		n++
		if n == 1 {
			return []bot.Reply{{Text: "call 112", Urgent: true}}, errors.New("store down")
		}
		return []bot.Reply{{Text: "ok"}}, nil
	})
	if n != 2 || len(errs) != 1 || !strings.Contains(out.String(), "call 112") || !strings.Contains(out.String(), "ok") {
		t.Fatalf("handled %d, errors %v, output %q", n, errs, out.String())
	}
}

func TestLongLineIsCutNotLost(t *testing.T) {
	long := strings.Repeat("x", MaxLine*3)
	var lens []int
	ch := &Channel{In: strings.NewReader(long + "\nnext\n"), Out: &bytes.Buffer{}}
	ch.Run(t.Context(), func(_ context.Context, m bot.Inbound) ([]bot.Reply, error) {
		lens = append(lens, len(m.Text))
		return nil, nil
	})
	if len(lens) != 2 || lens[0] != MaxLine || lens[1] != 4 {
		t.Fatalf("message lengths = %v, want [%d 4]", lens, MaxLine)
	}
}

func TestInteractiveShowsPromptAndBoldTitle(t *testing.T) {
	var out bytes.Buffer
	ch := &Channel{In: strings.NewReader("hi\n"), Out: &out, Interactive: true}
	ch.Run(t.Context(), func(context.Context, bot.Inbound) ([]bot.Reply, error) {
		return []bot.Reply{{Title: "T", Text: "x"}}, nil
	})
	if !strings.Contains(out.String(), "> ") || !strings.Contains(out.String(), "\x1b[1mT\x1b[0m") {
		t.Fatalf("interactive output = %q", out.String())
	}
}
