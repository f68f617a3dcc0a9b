// Package terminal is Sportello's terminal channel: a conversation on standard input
// and output, for trying the bot and for piping conversations through it.
package terminal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"sportello/bot"
)

// MaxLine is the longest line read; the rest of a longer line is discarded (the engine
// tells the person their message is too long).
const MaxLine = 64 << 10

// Handler processes one message; *bot.Engine's Handle method is one.
type Handler func(ctx context.Context, in bot.Inbound) ([]bot.Reply, error)

// Channel reads one message a line from In and writes replies to Out.
type Channel struct {
	In          io.Reader
	Out         io.Writer
	Interactive bool   // show a prompt and bold titles (a terminal, not a pipe)
	Sender      string // the local person's id; "local" when empty
	// OnError is told when a message could not be handled (the replies that must go
	// out anyway, such as emergency numbers, are still printed).
	OnError func(error)
}

// Run reads until end of input or ctx is done. A message that fails is reported to
// OnError and the conversation goes on.
func (c *Channel) Run(ctx context.Context, h Handler) error {
	r := bufio.NewReaderSize(c.In, 4096)
	sender := c.Sender
	if sender == "" {
		sender = "local"
	}
	// Message ids must not repeat across runs: the engine treats a repeated id as a
	// redelivery.
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return nil
		}
		c.prompt()
		line, err := readLine(r, MaxLine)
		if line == "" && err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("read message: %w", err)
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		replies, herr := h(ctx, bot.Inbound{
			Channel: "terminal", Sender: sender, MessageID: run + "-" + strconv.Itoa(n),
			Text: line, At: time.Now(),
		})
		for _, rep := range replies {
			c.render(rep)
		}
		if herr != nil && c.OnError != nil {
			c.OnError(herr)
		}
	}
}

func (c *Channel) prompt() {
	if c.Interactive {
		fmt.Fprint(c.Out, "\n> ")
	}
}

// render writes a reply: title, text, then the numbered options.
func (c *Channel) render(r bot.Reply) {
	var b strings.Builder
	b.WriteString("\n")
	if r.Title != "" {
		if c.Interactive {
			b.WriteString("\x1b[1m" + r.Title + "\x1b[0m\n")
		} else {
			b.WriteString(r.Title + "\n")
		}
	}
	b.WriteString(r.Text)
	b.WriteString("\n")
	for i, o := range r.Options {
		fmt.Fprintf(&b, "  %d. %s\n", i+1, o.Label)
	}
	io.WriteString(c.Out, b.String())
}

// readLine reads one line without its newline, keeping at most max bytes of it.
func readLine(r *bufio.Reader, max int) (string, error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b) < max {
			b = append(b, chunk[:min(len(chunk), max-len(b))]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return strings.TrimRight(string(b), "\r\n"), err
	}
}
