package whatsapp

import (
	"strconv"
	"strings"

	"sportello/bot"
	"sportello/bot/textsplit"
)

// MaxLen is the longest message Render makes, in characters (runes). WhatsApp
// accepts far longer texts, but a long bubble is hard to read on a phone.
const MaxLen = 4000

// MaxLabel bounds an option's label in the numbered list, in characters.
const MaxLabel = 200

// Render turns a reply into the WhatsApp texts that carry it: the title in bold
// (*Title*) on the first message, the text split at paragraph boundaries (then lines,
// then words, as a last resort inside a word) so that no message exceeds MaxLen
// characters, and the options as a numbered list ("1. Label") on the last message.
// Ordinary WhatsApp clients show no buttons; the engine understands a typed number.
//
// WhatsApp has no escaping: the text goes as it is, and only the title loses its
// asterisks and line breaks, which would break the bold. Right-to-left text is left
// unchanged. A reply with nothing to show renders as nil.
func Render(r bot.Reply) []string {
	parts := split4000(r)
	if parts == nil {
		return nil
	}
	msgs := make([]string, len(parts))
	for i, p := range parts {
		msgs[i] = p.render()
	}
	return msgs
}

// Parts splits a reply into replies that Render turns into one message each: the
// first carries the title, the last the options. Sportello's outbox holds one part per
// item, so a message that failed is sent again without repeating the ones before it.
func Parts(r bot.Reply) []bot.Reply {
	parts := split4000(r)
	msgs := make([]textsplit.Message, len(parts))
	for i, p := range parts {
		msgs[i] = textsplit.Message{Title: p.title, Body: p.body}
	}
	return r.Split(msgs)
}

// part is one message: a title, a body and, on the last message, the options' list.
type part struct{ title, body, list string }

func (p part) render() string {
	var blocks []string
	if p.title != "" {
		blocks = append(blocks, "*"+p.title+"*")
	}
	for _, s := range []string{p.body, p.list} {
		if s != "" {
			blocks = append(blocks, s)
		}
	}
	return strings.Join(blocks, "\n\n")
}

// split4000 cuts a reply's title, text and options into the parts of its messages.
func split4000(r bot.Reply) []part {
	title := cleanTitle(r.Title)
	text := strings.TrimSpace(clean(r.Text))
	list := numbered(r.Options)
	if title == "" && text == "" && list == "" {
		return nil
	}

	var parts []part
	// A title adds two asterisks and the blank line after it.
	for _, m := range textsplit.Messages(title, text, MaxLen, 4, func(rune) int { return 1 }) {
		parts = append(parts, part{title: m.Title, body: m.Body})
	}
	if list != "" {
		// The list goes on the last message, or on one of its own if it does not fit.
		if n := len(parts); n > 0 && width(parts[n-1].render())+2+width(list) <= MaxLen {
			parts[n-1].list = list
		} else {
			parts = append(parts, part{list: list})
		}
	}
	return parts
}

// numbered renders options as "1. Label" lines. Labels are put on one line and
// shortened to at most MaxLabel characters, and further if needed so that the list
// fits in one message; an empty label leaves the number alone.
func numbered(options []bot.Option) string {
	if len(options) == 0 {
		return ""
	}
	prefixes := make([]string, len(options))
	room := MaxLen
	for i := range options {
		prefixes[i] = strconv.Itoa(i+1) + "."
		room -= width(prefixes[i]) + 2 // the space before the label and the line end
	}
	limit := min(MaxLabel, max(room/len(options), 1))
	lines := make([]string, len(options))
	for i, o := range options {
		label := truncate(strings.Join(strings.Fields(clean(o.Label)), " "), limit)
		if label == "" {
			lines[i] = prefixes[i]
		} else {
			lines[i] = prefixes[i] + " " + label
		}
	}
	return strings.Join(lines, "\n")
}

// truncate shortens s to at most n characters, ending with "…" when it cut.
func truncate(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	if n <= 1 {
		return string(rs[:n])
	}
	end := n - 1
	for end > 1 && textsplit.Joined(rs, end) {
		end-- // never separate a character from its marks
	}
	return strings.TrimSpace(string(rs[:end])) + "…"
}

// cleanTitle makes a title fit to go between asterisks: valid UTF-8, on one line,
// without asterisks of its own.
func cleanTitle(s string) string {
	s = strings.ReplaceAll(clean(s), "*", "")
	return strings.Join(strings.Fields(s), " ")
}

// clean makes s valid UTF-8 and turns CRLF line ends into LF.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// width is the length of s in characters (runes), as Render counts it.
func width(s string) int { return len([]rune(s)) }
