package telegram

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"sportello/bot"
)

// MaxLen is Telegram's limit on a message's text after entity parsing, in UTF-16
// code units.
const MaxLen = 4096

// MaxCallbackData is Telegram's limit on an inline button's callback data, in bytes.
const MaxCallbackData = 64

// hashPrefix marks callback data that is a hash of an option ID too long (or
// otherwise unfit) to be sent as is.
const hashPrefix = "h:"

// Message is one Telegram message to send with models.ParseModeHTML. Text is HTML
// in which everything written by people or editors is escaped; Buttons, one per
// row, are only set on the last message of a reply.
type Message struct {
	Text    string
	Buttons [][]models.InlineKeyboardButton
}

// Markup returns the message's inline keyboard for SendMessageParams.ReplyMarkup,
// or nil when it has no buttons.
func (m Message) Markup() models.ReplyMarkup {
	if len(m.Buttons) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: m.Buttons}
}

// Render turns a reply into the Telegram messages that carry it: the title in bold
// on the first message, the text split at paragraph boundaries (then lines, then
// words, as a last resort inside a word) so that each message's visible text stays
// within MaxLen UTF-16 code units, and the options as inline buttons on the last
// message. Splitting happens on the plain text, before escaping, so a message never
// ends inside an HTML tag or entity. A reply with nothing to show renders as nil.
func Render(r bot.Reply) []Message {
	parts := split4096(r)
	if parts == nil {
		return nil
	}
	msgs := make([]Message, len(parts))
	for i, p := range parts {
		var b strings.Builder
		if p.title != "" {
			b.WriteString("<b>")
			b.WriteString(html.EscapeString(p.title))
			b.WriteString("</b>")
			if p.body != "" {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(html.EscapeString(p.body))
		msgs[i].Text = b.String()
	}
	msgs[len(msgs)-1].Buttons = Buttons(r.Options)
	return msgs
}

// Parts splits a reply into replies that Render turns into one message each: the
// first carries the title, the last the options. Sportello's outbox holds one part per
// item, so a message that failed is sent again without repeating the ones before it.
func Parts(r bot.Reply) []bot.Reply {
	parts := split4096(r)
	out := make([]bot.Reply, len(parts))
	for i, p := range parts {
		out[i] = bot.Reply{Lang: r.Lang, Title: p.title, Text: p.body, Urgent: r.Urgent}
	}
	if len(out) > 0 {
		out[len(out)-1].Options = r.Options
	}
	return out
}

type part struct{ title, body string }

// split4096 cuts a reply's title and text into the parts of its messages.
func split4096(r bot.Reply) []part {
	title := strings.TrimSpace(clean(r.Title))
	text := strings.TrimSpace(clean(r.Text))
	if title == "" && text == "" && len(r.Options) == 0 {
		return nil
	}

	var parts []part
	titleW := width(title)
	firstBudget := MaxLen
	if title != "" {
		firstBudget = MaxLen - titleW - 2 // "\n\n" between title and text
		if firstBudget < MaxLen/4 {
			// An absurdly long title gets messages of its own.
			for _, c := range split(title, MaxLen, MaxLen) {
				if c = strings.TrimSpace(c); c != "" {
					parts = append(parts, part{title: c})
				}
			}
			title, firstBudget = "", MaxLen
		}
	}
	chunks := split(text, firstBudget, MaxLen)
	for i, c := range chunks {
		c = strings.TrimSpace(c)
		if i == 0 && title != "" {
			parts = append(parts, part{title: title, body: c})
			continue
		}
		if c != "" {
			parts = append(parts, part{body: c})
		}
	}
	if len(chunks) == 0 && title != "" {
		parts = append(parts, part{title: title})
	}
	if len(parts) == 0 {
		// Telegram refuses an empty text, and buttons need a message to hang on.
		parts = append(parts, part{body: "…"})
	}
	return parts
}

// Buttons builds an inline keyboard with one option per row. The label is plain
// text (Telegram does not parse markup in buttons); an empty label shows the option's
// number. The callback data is CallbackData(option.ID).
func Buttons(options []bot.Option) [][]models.InlineKeyboardButton {
	if len(options) == 0 {
		return nil
	}
	rows := make([][]models.InlineKeyboardButton, len(options))
	for i, o := range options {
		label := strings.TrimSpace(clean(o.Label))
		if label == "" {
			label = strconv.Itoa(i + 1)
		}
		rows[i] = []models.InlineKeyboardButton{{Text: label, CallbackData: CallbackData(o.ID)}}
	}
	return rows
}

// CallbackData is the callback data sent for an option ID. IDs of 1 to
// MaxCallbackData bytes of valid UTF-8 go as they are; any other ID (and any ID that
// itself starts with "h:") becomes "h:" followed by a hash of it, which
// OptionByData maps back given the options that were offered.
func CallbackData(id string) string {
	if id != "" && len(id) <= MaxCallbackData && utf8.ValidString(id) && !strings.HasPrefix(id, hashPrefix) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return hashPrefix + base64.RawURLEncoding.EncodeToString(sum[:16])
}

// OptionByData returns the ID of the option whose callback data is data, among the
// options that were offered with the message. It reports false when none matches,
// for example when the person presses a button of an old message whose options the
// adapter no longer knows; data that does not start with "h:" is then still the
// option ID itself.
func OptionByData(options []bot.Option, data string) (string, bool) {
	for _, o := range options {
		if CallbackData(o.ID) == data {
			return o.ID, true
		}
	}
	return "", false
}

// clean makes s valid UTF-8 and turns CRLF line ends into LF.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// width is the length of s in UTF-16 code units, as Telegram counts it.
func width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// Unicode directional isolates: LRI, RLI, FSI open one, PDI closes it.
const (
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)

// split cuts s into chunks whose concatenation is s. Each chunk's content, not
// counting the separator it ends with, is at most first UTF-16 units for the first
// chunk and at most rest for the others. It cuts after a blank line if it can, else
// after a line end, else at a space outside a directional isolate, else at any
// space, else between two characters (outside an isolate if possible, never between
// a character and the marks that combine with it). An empty s gives no chunks.
func split(s string, first, rest int) []string {
	if s == "" {
		return nil
	}
	rs := []rune(s)
	// depth[i] is the isolate nesting depth just before rs[i]; a line end closes
	// every isolate, as in the Unicode bidirectional algorithm.
	depth := make([]int, len(rs)+1)
	d := 0
	for i, r := range rs {
		depth[i] = d
		switch r {
		case lri, rli, fsi:
			d++
		case pdi:
			if d > 0 {
				d--
			}
		case '\n':
			d = 0
		}
	}
	depth[len(rs)] = 0

	var chunks []string
	budget := first
	start := 0
	for {
		// maxEnd is the furthest end of content that fits the budget.
		maxEnd, w := start, 0
		for maxEnd < len(rs) && w+runeWidth(rs[maxEnd]) <= budget {
			w += runeWidth(rs[maxEnd])
			maxEnd++
		}
		if maxEnd == len(rs) {
			chunks = append(chunks, string(rs[start:]))
			return chunks
		}
		end := cut(rs, depth, start, maxEnd)
		next := end
		for next < len(rs) && unicode.IsSpace(rs[next]) {
			next++ // the separator stays with this chunk
		}
		chunks = append(chunks, string(rs[start:next]))
		if next == len(rs) {
			return chunks
		}
		start, budget = next, rest
	}
}

// cut chooses where the content of a chunk starting at start ends, at most maxEnd.
// rs[maxEnd] exists, so some cut is needed.
func cut(rs []rune, depth []int, start, maxEnd int) int {
	last := func(ok func(e int) bool) int {
		for e := maxEnd; e > start; e-- {
			if ok(e) {
				return e
			}
		}
		return -1
	}
	isNL := func(e int) bool { return rs[e] == '\n' }
	tries := []func(e int) bool{
		func(e int) bool { return isNL(e) && e+1 < len(rs) && rs[e+1] == '\n' && !isNL(e-1) },
		func(e int) bool { return isNL(e) && !isNL(e-1) },
		func(e int) bool { return unicode.IsSpace(rs[e]) && !unicode.IsSpace(rs[e-1]) && depth[e] == 0 },
		func(e int) bool { return unicode.IsSpace(rs[e]) && !unicode.IsSpace(rs[e-1]) },
		func(e int) bool { return depth[e] == 0 && !joined(rs, e) },
		func(e int) bool { return !joined(rs, e) },
	}
	for _, ok := range tries {
		if e := last(ok); e > start {
			return e
		}
	}
	return maxEnd
}

// joined reports whether cutting before rs[e] would separate a character from a
// combining mark, variation selector or zero-width joiner, or split a pair of
// regional indicators.
func joined(rs []rune, e int) bool {
	r, prev := rs[e], rs[e-1]
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
		return true
	case r == '\u200d' || prev == '\u200d':
		return true
	case unicode.Is(unicode.Variation_Selector, r):
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF: // skin-tone modifiers
		return true
	case isRegional(r) && isRegional(prev):
		// Pairs count from the start of the run.
		n := 0
		for i := e - 1; i >= 0 && isRegional(rs[i]); i-- {
			n++
		}
		return n%2 == 1
	}
	return false
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
